"""产业链图谱: one chain, laid out by Graphviz left to right by stage, coloured by local status."""

import streamlit as st

from graph.vocabulary import Status
from present.layout import (
    COLLAPSE_ABOVE,
    STAGE_ORDER,
    draw,
    families,
    folded_by_default,
    map_view,
    png_a3,
    search,
)
from ui.common import cached_chain_map, cached_framed_map, cached_places, chain_names, chain_picker, md, settings, store
from ui.map_frame import laid_out, show_framed

st.title("产业链图谱")
config = settings()
store()
names = chain_names(config)
chain = chain_picker(names, "map-chain")
view_name = st.radio("视图", ["现状图", "全景图"], horizontal=True, key="map-view")
coloured = view_name == "现状图"
drawn = cached_chain_map(config, chain)
if not drawn.segments:
    st.info(f"“{md(chain)}”还没有环节数据，图上没有可画的内容。请先用 `chainkg load` 加载规划数据，或换一条产业链。")
    st.stop()

left, middle, right = st.columns([2, 2, 1])
stages = left.multiselect(
    "环节位置", list(STAGE_ORDER), default=list(STAGE_ORDER), key="map-stages", placeholder="请选择环节位置"
)
label_to_status = {status.label: status.value for status in Status}
chosen_labels = middle.multiselect(
    "环节状态", list(label_to_status), default=list(label_to_status), key="map-statuses", placeholder="请选择环节状态"
)
where = {p.name: p for p in cached_places(config, chain)}
place_labels = {name: f"{name}（{p.kind}，{len(p.segment_ids)} 个环节）" for name, p in where.items()}
place = right.selectbox(
    "园区 / 县市区",
    ["全部", *where],
    format_func=lambda name: place_labels.get(name, name),
    key=f"map-place-{chain}",
    help="只列出在这条产业链中有已知本地企业或重点项目的园区和县市区；其他地点在图上不会留下任何环节。",
)
if not where:
    right.caption("这条产业链的本地企业和重点项目都还没有落到具体园区或县市区，所以只能看“全部”。")

fams = families(drawn)
by_id = {s.segment_id: s.segment for s in drawn.segments}
expanded = None
if fams:
    options = sorted(fams, key=lambda sid: by_id[sid])
    default = [] if folded_by_default(drawn) else options
    expanded = st.multiselect(
        "展开的细分环节",
        options,
        default=default,
        format_func=lambda sid: f"{by_id[sid]}（{len(fams[sid])} 个细分环节）",
        key=f"map-expand-{chain}",
        placeholder="全部折叠：选择要展开的环节",
        help=f"超过 {COLLAPSE_ABOVE} 个环节的产业链默认折叠细分环节：双框并标注“＋N 个细分环节”。",
    )
text = st.text_input("搜索环节", "", key="map-search", placeholder="输入环节名称中的文字，图上高亮显示")
show_equips = st.checkbox("显示设备关系（制造该环节的设备，不是供应）", key="map-equips")

if not stages:
    st.info("没有选择任何环节位置，所以图是空的。请在“环节位置”中至少选择一项（例如 上游、中游）。")
    st.stop()
if not chosen_labels:
    st.info("没有选择任何环节状态，所以图是空的。请在“环节状态”中至少选择一项（例如 缺失、薄弱）。")
    st.stop()
keep = None if place == "全部" else set(where[place].segment_ids)
view = map_view(
    drawn,
    stages=stages,
    statuses=[label_to_status[label] for label in chosen_labels],
    keep=keep,
    expanded=expanded,
    show_equips=show_equips,
    coloured=coloured,
)
if not view.nodes:
    st.info("按当前的环节位置、状态和地点筛选，这条产业链没有环节。请放宽筛选条件（例如选回全部状态）。")
    st.stop()
hits = search(view, text)
if text.strip():
    shown = {n.id: n for n in view.nodes}
    if hits:
        st.caption(
            f"找到 {len(hits)} 个环节（图上蓝框，已滚动到第一个）："
            + "、".join(md(shown[h].name) + ("（含折叠的细分环节）" if shown[h].folded else "") for h in hits)
        )
    else:
        st.warning(f"当前图上没有名称包含“{md(text.strip())}”的环节。请检查文字，或放宽筛选、展开细分环节后再搜索。")

title = f"{chain}产业链{view_name}"
page = show_framed(laid_out(lambda: cached_framed_map(view, title, coloured, tuple(hits), show_equips)))
st.caption(
    "图由 Graphviz 分层排版：配套 | 上游 | 中游 | 下游 从左到右；点击环节选中它并查看详情，悬停显示原因与规划原文。"
)


def _print_svg() -> str:
    return draw(view, coloured=coloured, headers=True, legend=True, show_equips=show_equips, title=title, a3=True).svg


def _print_png() -> bytes:
    return png_a3(view, coloured=coloured, title=title, show_equips=show_equips)


one, two, three = st.columns(3)
one.download_button(f"下载{view_name}（SVG，A3 打印）", _print_svg, f"{title}.svg", "image/svg+xml", key="map-svg")
two.download_button(f"下载{view_name}（PNG，A3 打印）", _print_png, f"{title}.png", "image/png", key="map-png")
three.download_button("下载此图（HTML，可离线打开）", page.encode, f"{title}.html", "text/html", key="map-html")

for status in (Status.MISSING, Status.TO_INTRODUCE):
    named = [s for s in drawn.segments if s.status == status and s.stage in stages]
    if named:
        st.error(f"{status.label}环节：" + "、".join(md(s.segment) for s in named))
details = st.expander("环节明细", key="map-details", on_change="rerun")
if details.open:  # drawn only when opened: a closed expander's table still costs the browser on every open
    details.dataframe(
        [
            {
                "环节": s.segment,
                "位置": s.stage,
                "层级": "细分环节" if s.segment_id in drawn.parents else "环节",
                "来源": drawn.origins.get(s.segment_id, "规划"),
                "状态": s.status_label,
                "本地企业数": s.local_count,
                "原因": "；".join(s.reasons),
                "规划原文": "；".join(drawn.quotes.get(s.segment_id, [])[:2]),
            }
            for s in drawn.segments
            if s.stage in stages and s.status_label in chosen_labels
        ],
        hide_index=True,
        width="stretch",
    )
