"""产业链图谱: one chain, upstream → downstream, coloured by local status."""

import streamlit as st
import streamlit.components.v1 as components

from graph.model import Stage
from queries.structure import segments_at_place
from ui.common import cached_chain_map, chain_names, md, places, settings, store
from ui.graph_view import TooLarge, chain_network, to_html

st.title("产业链图谱")
config = settings()
source = store()
names = chain_names(config)
chain = st.selectbox("产业链", names, index=names.index("电机") if "电机" in names else 0, key="map-chain")
view = st.radio("视图", ["现状图", "全景图"], horizontal=True, key="map-view")
stages = st.multiselect("环节位置", [s.value for s in Stage], default=[s.value for s in Stage], key="map-stages")
where = places(config)
place = st.selectbox("园区 / 县市区", ["全部", *where["园区"], *where["县市区"]], key="map-place")

drawn = cached_chain_map(config, chain)
rows = drawn.segments
rows = [r for r in rows if r.stage in stages]
if place != "全部":
    at_place = segments_at_place(source, place)
    rows = [r for r in rows if r.segment_id in at_place]
    if not rows:
        st.info(f"{md(place)} 在“{md(chain)}”中没有已知的本地企业或项目。")
        st.stop()

if view == "现状图":
    st.markdown(
        "图例：<span style='color:#2e7d32'>■ 优势</span>　<span style='color:#81c784'>■ 已覆盖</span>　"
        "<span style='color:#c6a700'>■ 单点</span>　<span style='color:#fb8c00'>■ 薄弱</span>　"
        "<span style='color:#d32f2f'>■ 缺失（红框加粗）</span>　<span style='color:#90a4ae'>■ 待核实</span>　"
        "虚线：按行业常识建模的供应关系",
        unsafe_allow_html=True,
    )
try:
    page = to_html(
        chain_network(rows, drawn.links, coloured=view == "现状图", quotes=drawn.quotes, enterprises=drawn.enterprises),
        f"{chain}{view}",
    )
except TooLarge as exc:
    st.warning(str(exc))
    st.stop()
components.html(page, height=660, scrolling=False)
st.download_button("下载此图（HTML，可离线打开）", page.encode("utf-8"), f"{chain}{view}.html", "text/html")

missing = [r for r in rows if r.status == "missing"]
if missing:
    st.error("缺失环节：" + "、".join(md(r.segment) for r in missing))
with st.expander("环节明细"):
    st.dataframe(
        [
            {
                "环节": r.segment,
                "位置": r.stage,
                "状态": r.status_label,
                "本地企业数": r.local_count,
                "原因": "；".join(r.reasons),
                "规划原文": "；".join(drawn.quotes.get(r.segment_id, [])[:2]),
            }
            for r in rows
        ],
        hide_index=True,
        width="stretch",
    )
