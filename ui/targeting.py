"""招商目标: ranked live candidates for chosen gaps, with contacts, dated figures, filters, Excel, what-if, 延链."""

import datetime as dt
import re

import streamlit as st

from present.columns import CHANGE_COLUMNS, TARGET_COLUMNS
from present.tables import targets_workbook
from queries.targets import SIZE_CLASSES, STALE_YEARS, Weights
from ui.chain_ops import opportunities_section
from ui.common import (
    GAPS_PRESELECTED,
    TARGETS_LISTED,
    cached_gaps,
    cached_targets,
    cached_what_if,
    chain_names,
    chain_picker,
    md,
    settings,
    store,
    table,
    url_change,
)

GAPS_KEY = "targets-gaps"


def _forget_gaps() -> None:
    """A new chain has other gaps: drop the old choice so the new chain's gaps are offered and chosen."""
    st.session_state.pop(GAPS_KEY, None)
    st.query_params.pop("gap", None)


def _share_gaps() -> None:
    """The chosen gaps go into the URL (?gap=模具, repeated for several), so the list can be bookmarked or sent."""
    st.query_params["gap"] = st.session_state[GAPS_KEY]


st.title("招商目标")
st.caption(
    "候选企业来自 A 股上市公司库（财务数据 2016 年，行业分类 2021 年）及导入的名录，"
    "按与缺口环节的匹配度、规模和地区优先级（规划顺序：粤港澳大湾区、长三角、长株潭/省内）打分；"
    "规模按 2016 年总资产，没有的按参保人数或企业规模的大中小微档估分（理由里写明）。"
    f"注销、吊销、迁出、停业、清算的企业不列入；ST/*ST/退市企业降权；超过 {STALE_YEARS} 年的数字标为“陈旧”。"
)
config = settings()
store()  # a store that cannot be opened stops the page here with a plain message
names = chain_names(config)
chain = chain_picker(names, "targets-chain", on_change=_forget_gaps)
gap_rows = cached_gaps(config, chain)
gap_names = [g.segment for g in gap_rows]
if not gap_names:
    st.info(f"“{md(chain)}”没有缺口环节，无需列招商目标。可在上方换一条产业链。")
linked = [g for g in url_change("gap") if g in gap_names]  # e.g. from 产业链工作台's "招商目标" link
kept = st.session_state.get(GAPS_KEY)
if linked and kept != linked:
    st.session_state[GAPS_KEY] = linked
elif kept is None or not set(kept) <= set(gap_names):  # first visit, or the chain was switched on another page
    st.session_state[GAPS_KEY] = gap_names[:GAPS_PRESELECTED]
chosen = st.multiselect(
    "缺口环节", gap_names, key=GAPS_KEY, on_change=_share_gaps, placeholder="选择一个或多个缺口环节"
)
with st.expander("筛选与权重"):
    provinces = st.multiselect(
        "只看这些省份（不选 = 全国）",
        ["广东省", "上海市", "江苏省", "浙江省", "安徽省", "湖南省", "北京市", "福建省", "山东省", "四川省", "湖北省"],
        key="targets-provinces",
        placeholder="全国",
    )
    city_text = st.text_input("只看这些城市（用顿号或逗号分隔，不填 = 不限）", key="targets-cities")
    sizes = st.multiselect("只看这些规模（不选 = 不限）", SIZE_CLASSES, key="targets-sizes", placeholder="不限")
    match = st.slider("匹配度权重", 0.0, 1.0, 0.5, 0.05, key="w-match")
    scale = st.slider("规模权重", 0.0, 1.0, 0.25, 0.05, key="w-scale")
    region = st.slider("地区优先级权重", 0.0, 1.0, 0.25, 0.05, key="w-region")
    limit = st.number_input("每个环节最多列出", 5, 200, TARGETS_LISTED, key="targets-limit")
    include_pending = st.checkbox("含“待定”匹配（证据不足，排在“确认”之后，联系前请先核实）", key="targets-pending")
cities = tuple(c for c in re.split(r"[、,，;；\s]+", city_text) if c)

today = dt.date.today()
sheets = {}
for segment in chosen:
    found = cached_targets(
        config,
        segment,
        int(limit),
        Weights(match, scale, region),
        tuple(provinces),
        cities,
        tuple(sizes),
        include_pending,
    )
    st.subheader(md(segment))
    if found.targets:
        st.caption(md(found.message))
        frame = table(found.targets, TARGET_COLUMNS).fillna("").replace("—", "")
        st.dataframe(frame, hide_index=True, width="stretch")
        sheets[segment] = found
    else:
        st.warning(md(found.message))
if sheets:
    st.download_button(
        "下载目标企业清单（Excel）",
        lambda: targets_workbook(chain, sheets, today),
        file_name=f"招商目标_{chain}_{today.isoformat()}.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        key="targets-xlsx",
    )

if chosen:
    scenario = cached_what_if(config, chosen)
    st.subheader("补链效果（假设补齐所选环节）")
    left, right = st.columns(2)
    left.metric("缺口环节", scenario.gaps_after, scenario.gaps_after - scenario.gaps_before, delta_color="inverse")
    right.metric(
        "本地覆盖率",
        f"{scenario.coverage_after:.1%}",
        f"{(scenario.coverage_after - scenario.coverage_before) * 100:+.1f} 个百分点",
    )
    st.dataframe(table(scenario.changes, CHANGE_COLUMNS), hide_index=True, width="stretch")

opportunities_section(chain)
