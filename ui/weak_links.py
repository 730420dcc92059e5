"""薄弱环节: the ranked gap list with reasons and plan evidence, the 风险清单, and the impact of losing an enterprise,
one at a time (the user picks which)."""

import streamlit as st

from graph.store import GraphStore, StoreError
from graph.vocabulary import GAP_STATUSES, Status
from present.columns import CHANGE_COLUMNS, GAP_COLUMNS
from queries.scenarios import impact
from ui.chain_ops import risk_section
from ui.common import (
    DEFAULT_FIRM,
    SEVERITY_BAR,
    cached_gaps,
    cached_impact_candidates,
    chain_names,
    chain_picker,
    excel_button,
    firm_picker,
    md,
    settings,
    small_table,
    store,
    table,
    view_picker,
)


def impact_section(source: GraphStore, chain: str, scope: str | None) -> None:
    """What losing one local enterprise would change: gaps, coverage and each segment's status."""
    st.subheader("影响分析：如果这家本地企业迁出")
    local = cached_impact_candidates(settings(), scope)
    if not local:
        st.info(f"“{md(chain)}”中还没有已知环节的本地企业，所以没有可分析的企业。可在“数据管理”导入本地企业名录。")
        return
    st.caption("只列出已关联到环节的本地企业：规划只点名、未说明产品的企业（如落户的 500 强）迁出不改变任何环节。")
    enterprise = firm_picker("本地企业", local, "impact-enterprise", DEFAULT_FIRM)
    if enterprise is None or not st.button("分析影响", key="impact-run"):
        return
    try:
        scenario = impact(source, enterprise, scope)
    except StoreError as exc:
        st.error(md(exc))
        return
    st.write(
        f"{md(scenario.description)}：缺口 {scenario.gaps_before} → {scenario.gaps_after}，"
        f"本地覆盖率 {scenario.coverage_before:.1%} → {scenario.coverage_after:.1%}。"
    )
    changed = [c for c in scenario.changes if c.before != c.after]
    if changed:
        small_table(table(changed, CHANGE_COLUMNS))
    else:
        st.info("没有环节的状态因此改变。")


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
scope = None if chain == "全部" else chain
shown = view_picker(["缺口清单", "风险清单", "影响分析"], "gaps-view")
if shown == "缺口清单":
    rows = cached_gaps(config, scope, confirmed_only)
    if rows:
        frame = table(rows, GAP_COLUMNS)
        small_table(frame, bars={"严重度": SEVERITY_BAR})
        excel_button("下载缺口清单（Excel）", {"缺口环节": frame}, f"缺口环节_{chain}.xlsx", "gaps-xlsx")
    else:
        st.info(
            f"“{md(chain)}”目前没有缺口环节：规划没有指出它缺失、薄弱或要求引进的环节，"
            "每个环节也都有本地企业或规划认定的基础。可在“产业链图谱”查看各环节状态，或换一条产业链。"
            + ("（已开启“只用已确认的判断”：未审阅的判断不计入。）" if confirmed_only else "")
        )
elif shown == "风险清单":
    risk_section(scope, confirmed_only)
else:
    impact_section(source, chain, scope)
