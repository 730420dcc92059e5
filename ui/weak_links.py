"""薄弱环节: the ranked gap list with reasons and plan evidence; impact of losing an enterprise; the 风险清单."""

import streamlit as st

from graph.store import StoreError
from graph.vocabulary import GAP_STATUSES, Status
from present.columns import CHANGE_COLUMNS, GAP_COLUMNS
from queries.scenarios import impact
from ui.chain_ops import risk_section
from ui.common import (
    DEFAULT_FIRM,
    cached_gaps,
    cached_impact_candidates,
    chain_names,
    chain_picker,
    excel_button,
    firm_picker,
    md,
    settings,
    store,
    table,
)

st.title("薄弱环节")
gap_words = [f"{s.label}：{s.description}" for s in Status if s in GAP_STATUSES]
st.caption("；".join(gap_words) + "。按严重度排序。")
config = settings()
source = store()
chain = chain_picker(chain_names(config), "gaps-chain", allow_all=True)
confirmed_only = st.toggle(
    "只用已确认的判断",
    key="gaps-confirmed-only",
    help="未审阅的行业常识、模板、名称推断判断不计入（审阅在“数据管理”页）；已否决的判断总是不计入。",
)
rows = cached_gaps(config, None if chain == "全部" else chain, confirmed_only)
if rows:
    frame = table(rows, GAP_COLUMNS)
    st.dataframe(
        frame,
        hide_index=True,
        width="stretch",
        column_config={"严重度": st.column_config.ProgressColumn("严重度", min_value=0, max_value=100, format="%.1f")},
    )
    excel_button("下载缺口清单（Excel）", {"缺口环节": frame}, f"缺口环节_{chain}.xlsx", "gaps-xlsx")
else:
    st.info(
        f"“{md(chain)}”目前没有缺口环节：规划没有指出它缺失、薄弱或要求引进的环节，"
        "每个环节也都有本地企业或规划认定的基础。可在“产业链图谱”查看各环节状态，或换一条产业链。"
        + ("（已开启“只用已确认的判断”：未审阅的判断不计入。）" if confirmed_only else "")
    )

st.subheader("影响分析：如果这家本地企业迁出")
scope = None if chain == "全部" else chain
local = cached_impact_candidates(config, scope)
if not local:
    st.info(f"“{md(chain)}”中还没有已知环节的本地企业，所以没有可分析的企业。可在“数据管理”导入本地企业名录。")
else:
    st.caption("只列出已关联到环节的本地企业：规划只点名、未说明产品的企业（如落户的 500 强）迁出不改变任何环节。")
    enterprise = firm_picker("本地企业", local, "impact-enterprise", DEFAULT_FIRM)
    if enterprise is not None and st.button("分析影响", key="impact-run"):
        try:
            scenario = impact(source, enterprise, scope)
        except StoreError as exc:
            st.error(md(exc))
        else:
            st.write(
                f"{md(scenario.description)}：缺口 {scenario.gaps_before} → {scenario.gaps_after}，"
                f"本地覆盖率 {scenario.coverage_before:.1%} → {scenario.coverage_after:.1%}。"
            )
            changed = [c for c in scenario.changes if c.before != c.after]
            if changed:
                st.dataframe(table(changed, CHANGE_COLUMNS), hide_index=True, width="stretch")
            else:
                st.info("没有环节的状态因此改变。")

risk_section(scope, confirmed_only)
