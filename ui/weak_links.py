"""薄弱环节: the ranked gap list with reasons and plan evidence; impact of losing an enterprise; the 风险清单."""

import streamlit as st

from graph.model import NodeLabel
from graph.store import StoreError
from graph.vocabulary import GAP_STATUSES, Locality, Status
from present.columns import CHANGE_COLUMNS, GAP_COLUMNS
from queries.scenarios import impact
from ui.chain_ops import risk_section
from ui.common import cached_gaps, chain_names, excel_button, md, settings, store, table

st.title("薄弱环节")
gap_words = [f"{s.label}：{s.description}" for s in Status if s in GAP_STATUSES]
st.caption("；".join(gap_words) + "。按严重度排序。")
config = settings()
source = store()
chain = st.selectbox("产业链", ["全部", *chain_names(config)], key="gaps-chain")
confirmed_only = st.toggle(
    "只用已确认的判断",
    key="gaps-confirmed-only",
    help="未审阅的行业常识、模板、名称推断判断不计入（审阅在“数据管理”页）；已否决的判断总是不计入。",
)
rows = cached_gaps(config, None if chain == "全部" else chain, confirmed_only)
frame = table(rows, GAP_COLUMNS)
st.dataframe(
    frame,
    hide_index=True,
    width="stretch",
    column_config={"严重度": st.column_config.ProgressColumn("严重度", min_value=0, max_value=100, format="%.1f")},
)
excel_button("下载缺口清单（Excel）", {"缺口环节": frame}, f"缺口环节_{chain}.xlsx", "gaps-xlsx")

st.subheader("影响分析：如果这家本地企业迁出")
local = sorted(e.name for e in source.nodes(NodeLabel.ENTERPRISE, locality=Locality.LOCAL))
enterprise = st.selectbox(
    "本地企业", local, index=local.index("科力尔电机") if "科力尔电机" in local else 0, key="impact-enterprise"
)
if st.button("分析影响", key="impact-run"):
    try:
        scenario = impact(source, enterprise)
    except StoreError as exc:
        st.error(md(exc))
        st.stop()
    st.write(
        f"{md(scenario.description)}：缺口 {scenario.gaps_before} → {scenario.gaps_after}，"
        f"本地覆盖率 {scenario.coverage_before:.1%} → {scenario.coverage_after:.1%}。"
    )
    changed = [c for c in scenario.changes if c.before != c.after]
    if changed:
        st.dataframe(table(changed, CHANGE_COLUMNS), hide_index=True, width="stretch")
    else:
        st.info("没有环节的状态因此改变。")

risk_section(None if chain == "全部" else chain, confirmed_only)
