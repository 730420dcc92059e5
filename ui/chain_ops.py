"""The chain-chief analyses in the app: 风险清单 (on 薄弱环节), 延链机会 (on 招商目标) and what the 供需对接 page shows.

Each section is one function a page calls; results are cached on the store's write version, as in ui/common.py.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

import pandas as pd
import streamlit as st

from graph.config import Settings
from present.chain_ops import (
    CHAIN_RATE_COLUMNS,
    ENTERPRISE_RATE_COLUMNS,
    EXTERNAL_COLUMNS,
    OPPORTUNITY_COLUMNS,
    RISK_COLUMNS,
    SUPPLY_INPUT_COLUMNS,
    supply_sheets,
    table_rows,
)
from present.tables import PAGE_ROWS, Pager, RowsPage, list_pager, page_of, sort_rows, to_xlsx
from queries.opportunities import NEAR, NEAR_THRESHOLD, Opportunity, opportunities
from queries.risk import HIGH_CONCENTRATION, SegmentRisk, risk
from queries.supply import ChainRate, SupplyMatch, chain_supply, enterprise_supply, supply_overview
from ui.common import (
    CACHE_SECONDS,
    _store,
    _version,
    excel_button,
    paged_table,
    records,
    settings,
    small_table,
    view_picker,
)

RATE = ENTERPRISE_RATE_COLUMNS["local_rate"]
"""The 本地配套率 column (the same title in the chain table): a number, empty where it is unknown."""


def frame(rows: Sequence[Any], columns: dict[str, str]) -> pd.DataFrame:
    """A table with unknown figures shown as 未知 and yes/no as 是/否 (never blank, never guessed); 本地配套率
    stays a number (unknown: an empty cell), so the column has one type and goes to the browser as Arrow."""
    shown = pd.DataFrame(table_rows(list(rows), columns), columns=list(columns.values()))
    if RATE in shown.columns:
        shown[RATE] = pd.to_numeric(shown[RATE], errors="coerce")
    return shown


RATE_FORMAT = {RATE: st.column_config.NumberColumn(RATE, format="percent")}
"""How a table with 本地配套率 shows it: a percentage; `placeholder=""` leaves an unknown rate empty."""
RATE_SPEC = {RATE: "percent"}
"""The same percentage in a small plain table (ui.common.small_table), where an unknown rate is empty too."""


@st.cache_data(ttl=CACHE_SECONDS, show_spinner="正在分析产业链安全……")
def _risk(config: Settings, version: str, chain: str | None, confirmed_only: bool) -> list[SegmentRisk]:
    return risk(_store(config), chain, confirmed_only=confirmed_only)


@st.cache_data(ttl=CACHE_SECONDS, show_spinner="正在寻找延链机会……")
def _opportunities(config: Settings, version: str, chain: str | None) -> list[Opportunity]:
    return opportunities(_store(config), chain)


@st.cache_data(ttl=CACHE_SECONDS, show_spinner="正在对接供需……")
def _chain_supply(config: Settings, version: str, chain: str, confirmed_only: bool) -> SupplyMatch:
    return chain_supply(_store(config), chain, confirmed_only=confirmed_only)


@st.cache_data(ttl=CACHE_SECONDS, show_spinner="正在对接供需……")
def _enterprise_supply(config: Settings, version: str, enterprise: str, confirmed_only: bool) -> SupplyMatch:
    return enterprise_supply(_store(config), enterprise, confirmed_only=confirmed_only)


@st.cache_data(ttl=CACHE_SECONDS, show_spinner="正在计算各链本地配套率……")
def _overview(config: Settings, version: str, confirmed_only: bool) -> list[ChainRate]:
    return supply_overview(_store(config), confirmed_only=confirmed_only)


def _supply(config: Settings, version: str, chain: str | None, enterprise: str | None, confirmed: bool) -> SupplyMatch:
    if enterprise is not None:
        return _enterprise_supply(config, version, enterprise, confirmed)
    return _chain_supply(config, version, str(chain), confirmed)


@dataclass(frozen=True)
class SupplyView:
    """What the 供需对接 page shows of one chain or enterprise, built once per store version: the figures, the inputs
    and the outside dependencies (the firms' rates come a page at a time, `firm_rates`; the download holds them all
    and is built on a click)."""

    match: SupplyMatch
    tables: dict[str, pd.DataFrame]


@st.cache_data(ttl=CACHE_SECONDS, show_spinner="正在对接供需……")
def _supply_view(
    config: Settings, version: str, chain: str | None, enterprise: str | None, confirmed_only: bool
) -> SupplyView:
    match = _supply(config, version, chain, enterprise, confirmed_only)
    tables = {
        "投入与本地供应商": frame(match.rows, SUPPLY_INPUT_COLUMNS),
        "外部依赖": frame(match.external, EXTERNAL_COLUMNS),
    }
    summary = replace(match, enterprises=[])
    return SupplyView(summary, tables)


def cached_supply_view(chain: str | None, enterprise: str | None, confirmed_only: bool) -> SupplyView:
    config = settings()
    return _supply_view(config, _version(config), chain, enterprise, confirmed_only)


@st.cache_data(ttl=CACHE_SECONDS, show_spinner="正在排列企业……")
def _firm_rates(
    config: Settings, version: str, chain: str, confirmed_only: bool, column: str | None, descending: bool, number: int
) -> RowsPage:
    rows = table_rows(_chain_supply(config, version, chain, confirmed_only).enterprises, ENTERPRISE_RATE_COLUMNS)
    return page_of(sort_rows(rows, column, descending), number)


def firm_rates(chain: str, confirmed_only: bool) -> Pager:
    """Each local firm's 本地配套率 in a chain (7,000 in 电机 at 100,000 firms), a page at a time, in the order
    chosen."""
    config = settings()
    version = _version(config)
    return lambda column, descending, number: _firm_rates(
        config, version, chain, confirmed_only, column, descending, number
    )


def supply_workbook(chain: str | None, enterprise: str | None, confirmed_only: bool) -> bytes:
    """The 供需对接 workbook (every firm's rate), the same sheets as `chainkg supply --format xlsx`."""
    config = settings()
    return to_xlsx(supply_sheets(_supply(config, _version(config), chain, enterprise, confirmed_only)))


def risk_section(chain: str | None, confirmed_only: bool, *, heading: bool = True) -> None:
    """产业链安全: the ranked 风险清单 with reasons, single-source points and concentration (a page at a time: all
    chains hold hundreds of segments), and its Excel with every row."""
    if heading:
        st.subheader("产业链安全：风险清单")
    st.caption(
        "每个环节：本地供应商数、是否单一来源、链内下游依赖、候选企业库中的替代企业及省份、本地供应集中度"
        f"（赫芬达尔指数 HHI，0–10000，≥ {HIGH_CONCENTRATION:g} 为高度集中；有注册资本时按注册资本计算份额，"
        "否则按企业数等分，表中注明口径）。只列本地有企业、或下游有本地企业依赖的环节；风险分的每一部分都写在“原因”里。"
    )
    config = settings()
    rows = _risk(config, _version(config), chain, confirmed_only)
    if not rows:
        st.info("这条产业链没有本地企业依赖的环节，无风险清单。")
        return
    single = sum(r.single_source for r in rows)
    st.write(f"共 {len(rows)} 个环节，其中单一来源 {single} 个。")
    shown = frame(rows, RISK_COLUMNS)
    paged_table(
        list_pager(records(shown)),
        list(shown.columns),
        "risk",
        own_order="风险排名",
        unit="个环节",
        column_config={"风险分": st.column_config.ProgressColumn("风险分", min_value=0, max_value=100, format="%.1f")},
    )
    excel_button("下载风险清单（Excel）", {"风险清单": shown}, f"风险清单_{chain or '全部'}.xlsx", "risk-xlsx")


def opportunities_section(chain: str | None) -> None:
    """延链机会: segments not local yet next to local strengths, near before far, each explained."""
    st.subheader("延链机会")
    st.caption(
        "本地尚无企业的环节中，上下游相邻环节有本地优势或已覆盖环节的：关联密度 = 相邻环节中本地优势/已覆盖的比例"
        f"（仿照经济复杂度研究中的产品关联密度）；≥ {NEAR_THRESHOLD} 为“近”，否则为“远”。"
        "规划认定已淘汰的环节从不列入。"
    )
    config = settings()
    rows = _opportunities(config, _version(config), chain)
    if not rows:
        st.info("这条产业链没有紧邻本地优势的空白环节。")
        return
    near = sum(r.distance == NEAR for r in rows)
    st.write(f"共 {len(rows)} 个延链机会，其中近距离 {near} 个。")
    shown = frame(rows, OPPORTUNITY_COLUMNS)
    st.dataframe(shown, hide_index=True, width="stretch")
    excel_button("下载延链机会（Excel）", {"延链机会": shown}, f"延链机会_{chain or '全部'}.xlsx", "opportunities-xlsx")


INPUTS, EXTERNAL, FIRM_RATES, CHAIN_RATES = "投入与本地供应商", "外部依赖", "各企业本地配套率", "各产业链本地配套率"
"""供需对接's lists, one shown at a time (各企业本地配套率 only for a chain)."""
INTERACTIVE = "交互表（点表头排序、筛选、全屏）"
"""The switch that shows 投入与本地供应商 as an interactive table; it opens as pages of plain HTML, so no interactive
table is loaded on every open of the page (issue #16)."""
PLAIN_ROWS = 25
"""Rows a page of the plain 投入与本地供应商 table shows: each row is a dozen DOM nodes the browser lays out on every
open (the whole list of 87 rows in 电机 at 100,000 firms took more layout than the interactive table it replaced)."""


def supply_sections(view: SupplyView, chain: str | None, confirmed_only: bool) -> str:
    """The 供需对接 figures of one chain or enterprise, then the list the user picks (returned)."""
    match = view.match
    left, middle, right = st.columns(3)
    left.metric("本地配套率", "未知" if match.local_rate is None else f"{match.local_rate:.1%}")
    middle.metric("投入数", match.inputs)
    right.metric("有本地供应商的投入", match.local_inputs)
    st.write(match.explanation)
    lists = [INPUTS, EXTERNAL, FIRM_RATES, CHAIN_RATES] if match.kind == "产业链" else [INPUTS, EXTERNAL, CHAIN_RATES]
    shown = view_picker(lists, "supply-list")
    if shown == INPUTS:
        st.caption("供应关系依据：规划原文，或行业常识 / 模板判断（判断的审阅状态见“数据管理”页）。")
        inputs = view.tables["投入与本地供应商"]
        interactive = st.toggle(INTERACTIVE, key="supply-inputs-interactive")
        paged_table(
            list_pager(records(inputs), PAGE_ROWS if interactive else PLAIN_ROWS),
            list(inputs.columns),
            "supply-inputs",
            own_order="环节顺序",
            plain=not interactive,
        )
    elif shown == EXTERNAL:
        st.caption("无本地供应商的投入；下方可查每种投入的候选企业。")
        small_table(view.tables["外部依赖"])
    elif shown == CHAIN_RATES:
        overview_table(confirmed_only)
    else:
        st.caption("本地配套率空白＝未知：该企业所在环节没有任何投入记录。")
        paged_table(
            firm_rates(str(chain), confirmed_only),
            list(ENTERPRISE_RATE_COLUMNS.values()),
            "supply-firms",
            own_order="配套率从低到高",
            unit="家",
            column_config=RATE_FORMAT,
            placeholder="",
            numbers=[RATE],
        )
    return shown


def overview_table(confirmed_only: bool) -> None:
    config = settings()
    rows = _overview(config, _version(config), confirmed_only)
    small_table(frame(rows, CHAIN_RATE_COLUMNS), formats=RATE_SPEC)
