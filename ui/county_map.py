"""区域分布: the districts and counties of Yongzhou as a schematic tile map; click one for its parks, chains, firms."""

import pandas as pd
import streamlit as st

from graph.store import StoreError
from present.county_map import (
    MEASURES,
    REGION_COLUMNS,
    SCHEMATIC_NOTE,
    county_link,
    legend_html,
    region_rows,
    tile_svg,
    value_words,
)
from ui.common import (
    ALL_CHAINS,
    cached_regions,
    chain_names,
    chain_picker,
    excel_button,
    md,
    package_section,
    settings,
    small_table,
    store,
    url_change,
)

st.title("区域分布")
st.caption(
    SCHEMATIC_NOTE + "规划布局＝园区“一主一特”或市本级重点写明的产业链；缺口环节＝规划布局在该县市区的产业链中的缺口；"
    "已落地招商＝招商线索为“已落地”、且记录了所在园区或县市区的企业。"
)

NAMES_SHOWN = 30


config = settings()
source = store()
chain_choice = chain_picker(chain_names(config), "regions-chain", allow_all=True)
chain = None if chain_choice == ALL_CHAINS else chain_choice
try:
    regions = cached_regions(config, chain)
except StoreError as exc:
    st.error(md(exc))
    st.stop()
names = [c.county for c in regions.counties]
if not names:
    st.info("图谱中没有县市区数据：请先用 `chainkg load` 加载规划数据。")
    st.stop()

measure = st.radio("着色", list(MEASURES), horizontal=True, key="regions-measure")
asked = url_change("county")
if asked and asked[0] in names:
    st.session_state["regions-county"] = asked[0]
left, right = st.columns([3, 2])
with left:
    chosen = st.session_state.get("regions-county", "")
    st.markdown(
        legend_html(measure) + tile_svg(regions, measure, link=county_link(chain), selected=chosen),
        unsafe_allow_html=True,
    )
with right:
    county = st.selectbox(
        "县市区（也可点击图上的方块）", names, index=None, key="regions-county", placeholder="选择一个县市区"
    )
    if county is None:
        st.info("点击图上的方块，或在上面选择一个县市区，查看它的园区、产业链和企业。")
    else:
        st.query_params["county"] = county
        figures = next(c for c in regions.counties if c.county == county)
        st.subheader(md(county))
        st.markdown(f"**{md(MEASURES[measure].label)}：** {md(value_words(MEASURES[measure], figures))}")
        for title, items in (
            ("园区", figures.parks),
            ("规划布局的产业链", figures.designated_chains),
            ("有本地企业或重点项目的产业链", figures.present_chains),
            ("本地企业", figures.enterprises),
            ("重点项目", figures.projects),
            ("缺口环节", figures.gaps),
            ("已落地招商企业", figures.landed),
        ):
            more = f" 等（共 {len(items)} 个，完整名单见 Excel）" if len(items) > NAMES_SHOWN else ""
            shown = "、".join(md(i) for i in items[:NAMES_SHOWN]) or "无"
            st.markdown(f"**{title}（{len(items)}）：** {shown}{more}")
        st.caption("来源：" + "；".join(md(f"{p.source}（{p.as_of}）") for p in figures.provenance))

notes = []
if regions.parks_without_county:
    notes.append("规划未写所属县市区、未放入图中的园区：" + "、".join(md(p) for p in regions.parks_without_county))
if regions.firms_without_place:
    notes.append(
        f"另有 {regions.firms_without_place} 家本地企业没有记录所在园区或县市区（导入名录时填写“所属区县”即可放入图中）"
    )
if regions.landed_without_place:
    notes.append("已落地但未记录县市区的招商企业：" + "、".join(md(p) for p in regions.landed_without_place))
for note in notes:
    st.caption(note + "。")

small_table(pd.DataFrame(region_rows(regions, names_shown=NAMES_SHOWN), columns=list(REGION_COLUMNS.values())))
scope = chain or "全部产业链"
excel_button(
    "下载区域分布表（Excel）",
    {"区域分布": pd.DataFrame(region_rows(regions))},
    f"区域分布_{scope}.xlsx",
    "regions-xlsx",
)

if chain is not None:
    package_section(source, chain, "regions-package")
