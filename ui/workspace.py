"""产业链工作台: one chain on one page for the chain-chief office — its map, gaps and why, each gap's targets a
click away, risks, projects, the plan's output targets, and the report `chainkg report` writes.

The chain (?chain=) and the gap looked at (?gap=) live in the URL, so a colleague opens the same view.
"""

from urllib.parse import quote

import pandas as pd
import streamlit as st

from graph.store import StoreError
from present.columns import GAP_COLUMNS
from present.report import report_file_names
from queries.plan_targets import PARK, OutputTarget
from ui.chain_ops import risk_section
from ui.common import (
    SEVERITY_BAR,
    WorkspaceView,
    cached_health,
    cached_output_targets,
    cached_report,
    cached_status_map,
    cached_workspace,
    cached_workspace_firms,
    chain_names,
    chain_picker,
    md,
    package_section,
    paged_table,
    settings,
    small_table,
    store,
    table,
    url_change,
    view_picker,
)
from ui.map_frame import laid_out, show_framed

GAP_KEY = "workspace-gap"
TARGETS_SHOWN = 5
RISKS, FIRMS, PROJECTS = "风险清单", "本地企业", "重点项目"
LISTS = [PROJECTS, RISKS, FIRMS]
"""The workspace's lists, one shown at a time: the plan's few key projects first (a plain table), the interactive
risk and firm lists a click away, so an open of the page draws no interactive table (issue #16)."""
FIRM_COLUMNS = ["企业", "环节", "称号"]
"""The report's 重点企业 columns (present.report.report_sheets)."""


def _forget_gap() -> None:
    """Another chain has other gaps: the gap looked at belonged to the old one."""
    st.session_state.pop(GAP_KEY, None)
    st.query_params.pop("gap", None)


def _share_gap() -> None:
    st.query_params["gap"] = st.session_state[GAP_KEY]


def figures_section(chain: str) -> None:
    """The chain's headline figures, as 总览 computes them."""
    row = next((h for h in cached_health(settings()) if h.chain == chain), None)
    if row is None:
        st.info(f"还没有“{md(chain)}”的统计。请先用 `chainkg load` 加载规划数据。")
        return
    one, two, three, four = st.columns(4)
    one.metric("环节数", row.segments)
    two.metric("本地覆盖率", f"{row.coverage:.1%}")
    three.metric("本地企业数", row.local_enterprises)
    four.metric("缺口环节数", len(row.gaps))
    st.caption(
        "按图谱现有数据计算：本地企业来自规划种子和导入的企业名录（导入的文件名与日期见企业卡片）；"
        "覆盖率 = 有本地企业或规划认定有基础的环节占比。"
    )


def map_section(chain: str) -> None:
    """The chain's 现状图, drawn as on 产业链图谱 (deep chains fold their 细分环节), laid out once per store version."""
    st.subheader("产业链现状图")
    framed = laid_out(lambda: cached_status_map(settings(), chain))
    if framed is None:
        st.info(
            f"“{md(chain)}”还没有环节数据，图上没有可画的内容。请先用 `chainkg load` 加载规划数据，或换一条产业链。"
        )
        return
    show_framed(framed)
    st.caption("点击环节查看详情并打开环节卡片；悬停显示原因与规划原文。数据来源：规划原文、产业链模板与企业库。")
    st.page_link(
        "ui/chain_map.py", label="到“产业链图谱”筛选、搜索、看全景图并下载打印图 →", query_params={"chain": chain}
    )


def gaps_section(chain: str, view: WorkspaceView) -> None:
    """The gaps with their reasons, then one gap: why, the plan's words, its best candidates and the links on."""
    st.subheader("缺口环节")
    gaps = view.gaps
    if not gaps:
        st.info(
            f"“{md(chain)}”目前没有缺口环节：规划没有指出它缺失、薄弱或要求引进的环节，"
            "每个环节也都有本地企业或规划认定的基础。可在上方换一条产业链，或在“薄弱环节”页看风险清单。"
        )
        return
    small_table(table(gaps, GAP_COLUMNS), bars={"严重度": SEVERITY_BAR})
    names = [g.segment for g in gaps]
    wanted = url_change("gap")  # a followed link wins; the picker writes every choice into the URL
    if wanted and wanted[0] in names:
        st.session_state[GAP_KEY] = wanted[0]
    elif st.session_state.get(GAP_KEY) not in names:
        st.session_state[GAP_KEY] = names[0]
    st.query_params["gap"] = st.session_state[GAP_KEY]
    name = str(st.selectbox("查看缺口", names, key=GAP_KEY, on_change=_share_gap))
    gap = gaps[names.index(name)]
    st.markdown(f"#### {md(gap.segment)}（{md(gap.status_label)}，严重度 {gap.severity:.1f}）")
    st.markdown("**为什么是缺口**\n\n" + "\n".join(f"- {md(reason)}" for reason in gap.reasons))
    if gap.evidence:
        st.markdown("**规划原文**\n\n" + "\n".join(f"- “{md(e.quote)}”（{md(e.section)}）" for e in gap.evidence))
    else:
        st.caption("规划没有直接提到这个环节（它来自产业链模板，属行业常识判断）。")
    found = view.targets.get(gap.segment, [])
    if found:
        shown = found[:TARGETS_SHOWN]
        st.markdown(
            f"**候选目标企业（前 {len(shown)} 家，点名称打开企业卡片）：** "
            + "、".join(
                f"[{md(t.name)}](card?enterprise={quote(t.name, safe='')})"
                f"（{md(t.province or '省份未知')}，得分 {t.score:.0f}）"
                for t in shown
            )
        )
        st.caption(
            "候选企业来自 A 股上市公司库（财务数据 2016 年，行业分类 2021 年）及导入的名录；"
            "完整名单、推荐理由、联系方式和 Excel 在“招商目标”页。"
        )
    else:
        st.warning(
            f"候选企业库中没有与“{md(gap.segment)}”匹配的企业。可在“数据管理”导入招商名录，"
            "或到“招商目标”页勾选“含待定匹配”再看。"
        )
    left, right = st.columns(2)
    with left:
        st.page_link(
            "ui/targeting.py",
            label=f"“{gap.segment}”的招商目标 →",
            query_params={"chain": chain, "gap": gap.segment},
        )
    with right:
        st.page_link("ui/cards.py", label=f"“{gap.segment}”的环节卡片 →", query_params={"segment": gap.segment})


def firms_section(chain: str, view: WorkspaceView) -> None:
    """The local firms of the chain's segments (the report's 重点企业 rows), a page at a time: a chain can have
    thousands (the report and its Excel hold them all)."""
    if not view.firms:
        st.info(f"“{md(chain)}”的环节还没有已知的本地企业。可在“数据管理”导入规上企业名录。")
        return
    paged_table(
        cached_workspace_firms(settings(), chain), FIRM_COLUMNS, "workspace-firms", own_order="企业名称", unit="家"
    )
    st.caption(
        "来源：规划点名的企业与导入的企业名录；“名称推断”的关联可在“数据管理”审阅。"
        "下方下载的报告（HTML、Excel）和图谱＋清单含全部企业。"
    )


def projects_section(chain: str, view: WorkspaceView) -> None:
    """The plan's key projects in the chain's segments (a few: a plain table)."""
    if view.projects.empty:
        st.info(f"规划的重点项目中没有面向“{md(chain)}”环节的。项目只在规划写明服务的环节时关联。")
        return
    small_table(view.projects)
    st.caption("来源：规划点名的重点项目，状态和投资额依规划原文措辞。")


def lists_section(chain: str, view: WorkspaceView) -> None:
    """The chain's lists, one at a time (the user picks which): 重点项目, 风险清单, 本地企业."""
    st.subheader("项目、风险与企业")
    shown = view_picker(LISTS, "workspace-list")
    if shown == RISKS:
        risk_section(chain, False, heading=False)
    elif shown == FIRMS:
        firms_section(chain, view)
    else:
        projects_section(chain, view)


def indicators_section(chain: str, targets: list[OutputTarget]) -> None:
    """The plan's 2025 output targets bearing on the chain, each with its quote."""
    st.subheader("规划目标")
    if not targets:
        st.info(f"规划没有给“{md(chain)}”、它所属的产业或承载它的园区定 2025 年产值目标。全市主要指标见“总览”页。")
        return
    if all(t.subject != chain for t in targets):
        st.caption(f"规划没有给“{md(chain)}”单独定产值目标；下面是它所属产业和承载园区的目标。")
    small_table(
        pd.DataFrame(
            [
                {
                    "对象": t.subject,
                    "与本链的关系": t.relation,
                    "2025年产值目标": f"{t.value:g} {t.unit}",
                    "限定": t.qualifier or "—",
                    "规划原文": "；".join(f"“{e.quote}”（{e.section}）" for e in t.evidence) or "—",
                }
                for t in targets
            ]
        ),
    )
    if any(t.relation == PARK for t in targets):
        st.caption("园区的目标是园区全部规模工业总产值，不只是本链。全市主要指标见“总览”页。")


def downloads_section(chain: str) -> None:
    """What the office takes away: the report `chainkg report --chain` writes (HTML and Excel, same names),
    and the 图谱＋清单 package `chainkg package` writes; the report is rendered when first clicked, not on
    every visit (then kept per store version)."""
    st.subheader("下载")
    page_name, book_name = report_file_names(chain)
    left, right = st.columns(2)
    left.download_button(
        "下载报告（HTML，含全景图与现状图）",
        lambda: cached_report(settings(), chain).html.encode("utf-8"),
        file_name=page_name,
        mime="text/html",
        key="workspace-report-html",
    )
    right.download_button(
        "下载报告（Excel）",
        lambda: cached_report(settings(), chain).workbook,
        file_name=book_name,
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        key="workspace-report-xlsx",
    )
    st.caption(
        "与命令行 `chainkg report --chain` 生成的报告相同：全景图、现状图、重点企业、重点项目、缺口环节、招商目标。"
    )


st.title("产业链工作台")
st.caption(
    "一条产业链的全部工作：图谱、缺口及原因、招商目标、风险、项目与规划目标、报告下载。网址带有所选产业链和缺口，可收藏或转发。"
)
config = settings()
source = store()
chain = chain_picker(chain_names(config), "workspace-chain", on_change=_forget_gap)
try:
    view = cached_workspace(config, chain)
    targets = cached_output_targets(config, chain)
except StoreError as exc:
    st.error(f"无法读取“{md(chain)}”：{md(exc)}")
    st.stop()
figures_section(chain)
map_section(chain)
gaps_section(chain, view)
lists_section(chain, view)
indicators_section(chain, targets)
downloads_section(chain)
package_section(source, chain, "workspace-package")
