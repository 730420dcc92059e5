"""What every page shares: the store (one per server), query results cached per store version, and download buttons."""

from __future__ import annotations

import datetime as dt
import re
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import pandas as pd
import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from graph.config import Settings, open_store
from graph.model import Node, NodeLabel
from graph.store import Direction, GraphStore, StoreError, SwitchState
from graph.vocabulary import Locality
from loaders import importing
from loaders.load import load_all
from present.layout import MapView, map_view
from present.package import build_package, file_stem
from present.report import Report, render_report, report_sheets
from present.tables import Bar, Pager, RowsPage, flat_rows, html_table, page_of, sort_rows, to_xlsx
from queries import cards, chain_map, explore, gaps, health, leads, review, scenarios, structure, targets
from queries.plan_targets import OutputTarget, output_targets
from queries.regions import RegionMap, region_map
from queries.report_data import ReportData, report_data
from ui.graph_view import data_network, legend_html, to_html
from ui.map_frame import FramedMap, framed_map

CACHE_SECONDS = 300
_MARKDOWN_SPECIAL = re.compile(r"([!-/:-@\[-`{-~])")


def md(text: object) -> str:
    """Text from data, safe inside Markdown: every ASCII punctuation mark escaped, lines joined, so no
    link, image, HTML, heading, icon or formatting can be injected."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", " ".join(str(text).split()))


def settings() -> Settings:
    return Settings.from_env()


SEED_STEPS = ["读取规划种子数据", "把候选企业匹配到环节", "写入图谱"]
"""The stages `load_all` announces, in order: the first start shows how far it is."""


@dataclass
class _Seeding:
    """Whether this server has made sure the store holds the seed: checked once, by one session at a time."""

    lock: threading.Lock = field(default_factory=threading.Lock)
    done: bool = False


@st.cache_resource(show_spinner="正在打开图谱存储……")
def _open(config: Settings) -> GraphStore:
    return open_store(config)


@st.cache_resource(show_spinner=False)
def _seeding(config: Settings) -> _Seeding:
    return _Seeding()


def _seed_with_progress(opened: GraphStore) -> None:
    """Load the seed into an empty store, showing each stage and a bar (the first start waits ~5 s)."""
    started = time.perf_counter()
    with st.status("首次启动：正在加载规划数据，约需 5–10 秒……", expanded=True) as status:
        bar = st.progress(0.0, text="准备中……")

        def announce(stage: str) -> None:
            done = SEED_STEPS.index(stage) if stage in SEED_STEPS else 0
            bar.progress(done / len(SEED_STEPS), text=f"第 {done + 1}/{len(SEED_STEPS)} 步：{stage}……")

        load_all(opened, step=announce)
        bar.progress(1.0, text="完成")
        status.update(
            label=f"规划数据已加载（用时 {time.perf_counter() - started:.1f} 秒）", state="complete", expanded=False
        )


def _store(config: Settings, *, show: bool = False) -> GraphStore:
    """The server's store, holding the seed: an empty store is loaded once (with a progress display when `show`;
    cached query functions call this silently, so nothing is replayed from their caches)."""
    opened = _open(config)
    seeding = _seeding(config)
    if not seeding.done:
        with seeding.lock:
            if not seeding.done:
                if not opened.counts().nodes:
                    if show:
                        _seed_with_progress(opened)
                    else:
                        load_all(opened)
                seeding.done = True
    return opened


def store() -> GraphStore:
    """The store, or a plain message and a stopped page if it cannot be opened."""
    try:
        return _store(settings(), show=True)
    except StoreError as exc:
        st.error(f"无法打开图谱存储：{md(exc)}")
        st.stop()


def _version(config: Settings) -> str:
    """The store's write version: every cached result below is keyed on it, so a write from any process
    (a command-line import, another session) is seen on the next page run instead of a stale answer."""
    try:
        return _store(config).version()
    except StoreError as exc:
        st.error(f"无法读取图谱存储：{md(exc)}")
        st.stop()


@st.cache_data(ttl=CACHE_SECONDS, show_spinner=False)
def _pending_switch(config: Settings, version: str) -> SwitchState | None:
    return _store(config).pending_switch()


def pending_switch(config: Settings) -> SwitchState | None:
    """The import being made visible in parts, if any: every part moves the version, so this follows it."""
    return _pending_switch(config, _version(config))


@st.cache_data(ttl=CACHE_SECONDS, show_spinner="正在分析……")
def _chain_names(config: Settings, version: str) -> list[str]:
    return [c.name for c in structure.chain_summaries(_store(config))]


def chain_names(config: Settings) -> list[str]:
    return _chain_names(config, _version(config))


@st.cache_data(ttl=CACHE_SECONDS, show_spinner="正在分析……")
def _health(config: Settings, version: str) -> list[health.ChainHealth]:
    return health.health(_store(config))


def cached_health(config: Settings) -> list[health.ChainHealth]:
    return _health(config, _version(config))


@st.cache_data(ttl=CACHE_SECONDS, show_spinner="正在分析……")
def _shared(config: Settings, version: str) -> list[health.SharedSegment]:
    return health.shared_segments(_store(config))


def cached_shared(config: Settings) -> list[health.SharedSegment]:
    return _shared(config, _version(config))


@st.cache_data(ttl=CACHE_SECONDS, show_spinner="正在分析……")
def _gaps(config: Settings, version: str, chain: str | None, confirmed_only: bool) -> list[gaps.SegmentStatus]:
    return gaps.gaps(_store(config), chain, confirmed_only=confirmed_only)


def cached_gaps(config: Settings, chain: str | None, confirmed_only: bool = False) -> list[gaps.SegmentStatus]:
    return _gaps(config, _version(config), chain, confirmed_only)


@st.cache_data(ttl=CACHE_SECONDS, show_spinner="正在排序候选企业……")
def _targets(
    config: Settings,
    version: str,
    segment: str,
    limit: int,
    weights: targets.Weights,
    provinces: tuple[str, ...],
    cities: tuple[str, ...],
    sizes: tuple[str, ...],
    include_pending: bool,
) -> targets.TargetList:
    return targets.targets(
        _store(config),
        segment,
        limit=limit,
        weights=weights,
        provinces=provinces,
        cities=cities,
        sizes=sizes,
        include_pending=include_pending,
    )


def cached_targets(
    config: Settings,
    segment: str,
    limit: int,
    weights: targets.Weights,
    provinces: tuple[str, ...],
    cities: tuple[str, ...] = (),
    sizes: tuple[str, ...] = (),
    include_pending: bool = False,
) -> targets.TargetList:
    return _targets(config, _version(config), segment, limit, weights, provinces, cities, sizes, include_pending)


@st.cache_data(ttl=CACHE_SECONDS, show_spinner="正在读取产业链……")
def _chain_map(config: Settings, version: str, chain: str) -> chain_map.ChainMap:
    return chain_map.chain_map(_store(config), chain)


def cached_chain_map(config: Settings, chain: str) -> chain_map.ChainMap:
    return _chain_map(config, _version(config), chain)


@st.cache_data(ttl=CACHE_SECONDS, show_spinner="正在排版产业链现状图……")
def _status_map(config: Settings, version: str, chain: str) -> FramedMap | None:
    """产业链工作台's 现状图 laid out and put in its page once per store version, not on every open (None: the
    chain has no segments to draw)."""
    drawn = _chain_map(config, version, chain)
    if not drawn.segments:
        return None
    return framed_map(map_view(drawn, coloured=True), f"{chain}产业链现状图", coloured=True)


def cached_status_map(config: Settings, chain: str) -> FramedMap | None:
    return _status_map(config, _version(config), chain)


@st.cache_data(ttl=CACHE_SECONDS, max_entries=32, show_spinner="正在排版产业链图……")
def cached_framed_map(view: MapView, title: str, coloured: bool, hits: tuple[str, ...], show_equips: bool) -> FramedMap:
    """产业链图谱's map as filtered, laid out and put in its page once per view (the view holds everything drawn, so
    a write that changes the map gives another view), not on every open: Graphviz's layout is cached already, but
    reading its result and building the SVG took most of the page's server CPU."""
    return framed_map(view, title, coloured=coloured, hits=hits, show_equips=show_equips)


@st.cache_data(ttl=CACHE_SECONDS, show_spinner="正在计算补链效果……")
def _what_if(config: Settings, version: str, segments: tuple[str, ...]) -> scenarios.Scenario:
    return scenarios.what_if(_store(config), list(segments))


def cached_what_if(config: Settings, segments: list[str]) -> scenarios.Scenario:
    return _what_if(config, _version(config), tuple(segments))


@st.cache_data(ttl=CACHE_SECONDS, show_spinner="正在读取本地企业……")
def _impact_candidates(config: Settings, version: str, chain: str | None) -> list[str]:
    return scenarios.impact_candidates(_store(config), chain)


def cached_impact_candidates(config: Settings, chain: str | None) -> list[str]:
    """The local firms 薄弱环节 offers for an impact analysis: ~30,000 names at 100,000 enterprises, read once
    per store version rather than on every view."""
    return _impact_candidates(config, _version(config), chain)


@st.cache_data(ttl=CACHE_SECONDS, show_spinner="正在计算中心度……")
def _centrality(config: Settings, version: str) -> list[structure.Centrality]:
    return structure.centrality(_store(config))


def cached_centrality(config: Settings) -> list[structure.Centrality]:
    return _centrality(config, _version(config))


@st.cache_data(ttl=CACHE_SECONDS, show_spinner="正在统计……")
def _stats(config: Settings, version: str) -> structure.Stats:
    return structure.stats(_store(config))


def cached_stats(config: Settings) -> structure.Stats:
    return _stats(config, _version(config))


@st.cache_data(ttl=CACHE_SECONDS, show_spinner="正在搜索……")
def _lookup(config: Settings, version: str, text: str) -> explore.Lookup:
    return explore.lookup(_store(config), text)


def cached_lookup(config: Settings, text: str) -> explore.Lookup:
    """图谱探索's search boxes (three on the page, each a search over every label) per store version."""
    return _lookup(config, _version(config), text)


@st.cache_data(ttl=CACHE_SECONDS, show_spinner="正在展开邻居……")
def _neighbourhood(config: Settings, version: str, node_id: str, hops: int, limit: int) -> explore.Neighbourhood:
    return explore.neighbourhood(_store(config), node_id, hops, limit)


def cached_neighbourhood(config: Settings, node_id: str, hops: int, limit: int) -> explore.Neighbourhood:
    return _neighbourhood(config, _version(config), node_id, hops, limit)


@st.cache_data(ttl=CACHE_SECONDS, show_spinner="正在排布子图……")
def _neighbourhood_page(config: Settings, version: str, node_id: str, hops: int, limit: int, title: str) -> str:
    data = _neighbourhood(config, version, node_id, hops, limit).data
    return to_html(data_network(data), title, legend_html(data), linked=True)


def neighbourhood_title(name: str, hops: int) -> str:
    """The title of a drawn neighbourhood and the stem of its exported files (also the warmer's cache key)."""
    return f"{name}_{hops}跳"


def cached_neighbourhood_page(config: Settings, node_id: str, hops: int, limit: int, title: str) -> str:
    """图谱探索's drawing of a neighbourhood, laid out once per store version (queries.explore.positions), so
    neither the server nor the browser lays it out again on each view. Raises `TooLarge` over MAX_NODES."""
    return _neighbourhood_page(config, _version(config), node_id, hops, limit, title)


@st.cache_data(ttl=CACHE_SECONDS, show_spinner="正在沿供应关系追溯……")
def _trace(config: Settings, version: str, segment_id: str, direction: Direction) -> dict[str, int]:
    return explore.trace(_store(config), segment_id, direction)


def cached_trace(config: Settings, segment_id: str, direction: Direction) -> dict[str, int]:
    return _trace(config, _version(config), segment_id, direction)


@st.cache_data(ttl=CACHE_SECONDS, show_spinner="正在查找最短路径……")
def _shortest_path(config: Settings, version: str, start: str, end: str, all_links: bool) -> explore.PathAnswer:
    return explore.shortest_path(_store(config), start, end, all_links=all_links)


def cached_shortest_path(config: Settings, start: str, end: str, all_links: bool) -> explore.PathAnswer:
    return _shortest_path(config, _version(config), start, end, all_links)


@st.cache_data(ttl=CACHE_SECONDS, show_spinner="正在读取环节……")
def _segment_names(config: Settings, version: str) -> list[str]:
    return sorted(_store(config).names(NodeLabel.SEGMENT))


def cached_segment_names(config: Settings) -> list[str]:
    return _segment_names(config, _version(config))


@st.cache_data(ttl=CACHE_SECONDS, show_spinner="正在汇总环节卡片……")
def _segment_card(config: Settings, version: str, segment: str) -> cards.SegmentCard:
    return cards.segment_card(_store(config), segment)


def cached_segment_card(config: Settings, segment: str) -> cards.SegmentCard:
    """环节与企业's segment card per store version: a view of it reads the segment's firms, places, neighbours and
    targets."""
    return _segment_card(config, _version(config), segment)


@st.cache_data(ttl=CACHE_SECONDS, show_spinner="正在汇总企业卡片……")
def _enterprise_card(config: Settings, version: str, enterprise: str) -> cards.EnterpriseCard:
    return cards.enterprise_card(_store(config), enterprise)


def cached_enterprise_card(config: Settings, enterprise: str) -> cards.EnterpriseCard:
    """An enterprise card per store version (it runs an impact analysis for a local firm)."""
    return _enterprise_card(config, _version(config), enterprise)


@st.cache_data(ttl=CACHE_SECONDS, show_spinner="正在读取本地企业……")
def _local_names(config: Settings, version: str) -> list[str]:
    return _store(config).names(NodeLabel.ENTERPRISE, locality=Locality.LOCAL)


def cached_local_names(config: Settings) -> list[str]:
    """Every local enterprise's name (~30,000 at 100,000 enterprises), read once per store version."""
    return _local_names(config, _version(config))


@st.cache_data(ttl=CACHE_SECONDS, show_spinner="正在读取主要指标……")
def _indicators(config: Settings, version: str) -> list[Node]:
    return _store(config).nodes(NodeLabel.INDICATOR)


def cached_indicators(config: Settings) -> list[Node]:
    return _indicators(config, _version(config))


@st.cache_data(ttl=CACHE_SECONDS, show_spinner="正在读取待审阅的判断……")
def _judgements(config: Settings, version: str, chain: str) -> list[review.JudgementItem]:
    return review.judgement_items(_store(config), chain)


def cached_judgements(config: Settings, chain: str) -> list[review.JudgementItem]:
    """A chain's judgement items with their review state: read once per store version (a verdict is a write)."""
    return _judgements(config, _version(config), chain)


@st.cache_data(ttl=CACHE_SECONDS, show_spinner="正在查找有数据的园区和县市区……")
def _places(config: Settings, version: str, chain: str) -> list[structure.Place]:
    drawn = _chain_map(config, version, chain)
    return structure.places_in(_store(config), [s.segment_id for s in drawn.segments])


def cached_places(config: Settings, chain: str) -> list[structure.Place]:
    """The parks and counties holding a local firm or project in one of the chain's segments."""
    return _places(config, _version(config), chain)


@st.cache_data(ttl=CACHE_SECONDS, show_spinner="正在汇总产业链报告……")
def _report_data(config: Settings, version: str, chain: str) -> ReportData:
    return report_data(_store(config), chain)


@dataclass(frozen=True)
class WorkspaceView:
    """What 产业链工作台 reads on every open, built once per store version from the report's data: the gaps, their
    top targets, the plan's key projects and how many local firms there are (their rows come a page at a time,
    `cached_workspace_firms`). Reading the whole report data instead unpickled every local firm of the chain on
    each open (7,105 for 电机 at 100,000 firms: 0.16 s of server CPU) and sent all of them to the browser."""

    gaps: list[gaps.SegmentStatus]
    targets: dict[str, list[targets.Target]]
    projects: pd.DataFrame
    firms: int


@st.cache_data(ttl=CACHE_SECONDS, show_spinner="正在汇总产业链报告……")
def _workspace(config: Settings, version: str, chain: str) -> WorkspaceView:
    data = _report_data(config, version, chain)
    sheets = report_sheets(data)
    return WorkspaceView(
        gaps=data.gaps,
        targets=data.targets,
        projects=pd.DataFrame(sheets["重点项目"]),
        firms=len(sheets["重点企业"]),
    )


def cached_workspace(config: Settings, chain: str) -> WorkspaceView:
    """What 产业链工作台 shows of a chain (its gaps, their top targets, projects), from the report's data."""
    return _workspace(config, _version(config), chain)


@st.cache_data(ttl=CACHE_SECONDS, show_spinner="正在读取本地企业……")
def _workspace_firms(
    config: Settings, version: str, chain: str, column: str | None, descending: bool, number: int
) -> RowsPage:
    rows = report_sheets(_report_data(config, version, chain))["重点企业"]
    return page_of(sort_rows(rows, column, descending), number)


def cached_workspace_firms(config: Settings, chain: str) -> Pager:
    """产业链工作台's local firms (the report's 重点企业 rows), a page at a time in the chosen order."""
    version = _version(config)
    return lambda column, descending, number: _workspace_firms(config, version, chain, column, descending, number)


@st.cache_data(ttl=CACHE_SECONDS, show_spinner="正在生成产业链报告……")
def _report(config: Settings, version: str, chain: str) -> Report:
    return render_report(_report_data(config, version, chain))


def cached_report(config: Settings, chain: str) -> Report:
    """The report `chainkg report --chain` writes, rendered when a download is first clicked, then kept."""
    return _report(config, _version(config), chain)


@st.cache_data(ttl=CACHE_SECONDS, show_spinner="正在读取规划目标……")
def _output_targets(config: Settings, version: str, chain: str) -> list[OutputTarget]:
    return output_targets(_store(config), chain)


def cached_output_targets(config: Settings, chain: str) -> list[OutputTarget]:
    return _output_targets(config, _version(config), chain)


@st.cache_data(ttl=CACHE_SECONDS, show_spinner="正在汇总各县市区……")
def _regions(config: Settings, version: str, chain: str | None) -> RegionMap:
    return region_map(_store(config), chain)


def cached_regions(config: Settings, chain: str | None) -> RegionMap:
    """区域分布's counties for one chain (None: all of them)."""
    return _regions(config, _version(config), chain)


@st.cache_data(ttl=CACHE_SECONDS, max_entries=8, show_spinner="正在逐行检查文件……")
def _import_plan(
    config: Settings,
    version: str,
    file_name: str,
    raw: bytes,
    locality: str,
    accept_similar: bool,
    as_of: dt.date | None,
    today: dt.date,
) -> importing.ImportPlan:
    return importing.plan_import(
        _store(config), file_name, raw, locality=locality, accept_similar=accept_similar, today=today, as_of=as_of
    )


def cached_import_plan(
    config: Settings, file_name: str, raw: bytes, locality: str, accept_similar: bool, as_of: dt.date | None = None
) -> importing.ImportPlan:
    """The row-by-row check of an uploaded file, done once per file, choice, data date, day and store version —
    not again on every click on the page (a file that cannot be read raises `ImportFileError` each time, which is
    cheap)."""
    return _import_plan(config, _version(config), file_name, raw, locality, accept_similar, as_of, dt.date.today())


FOCUS_KEY = "focus-chain"
ALL_CHAINS = "全部"
DEFAULT_CHAIN = "电机"
DEFAULT_FIRM = "科力尔电机"
"""The local firm a firm picker and the enterprise card open on."""
DEFAULT_SEGMENT = "电机外壳"
"""The segment 环节与企业's card and 图谱探索's search open on."""
DEFAULT_PATH = ("模具", "小家电")
"""Where 图谱探索's shortest path starts and ends until the user types other names."""
DEFAULT_CAP = 100
"""Nodes 图谱探索 shows around a searched node unless the user raises the cap: labels stay readable."""
GAPS_PRESELECTED = 2
"""招商目标 opens on a chain's first this many gaps."""
TARGETS_LISTED = 20
"""招商目标 lists this many firms a gap until the user asks for more."""
SUPPLY_TARGETS = 10
"""供需对接 names this many candidate firms for an outside input."""
LEAD_TARGETS = 200
"""招商线索's form offers the best this many firms of the chosen segment."""


def lead_segments(gap_rows: list[gaps.SegmentStatus], lead_rows: list[leads.Lead]) -> list[str]:
    """The segments 招商线索's form offers, in its order (the first is preselected): the gaps and the segments that
    already have leads. One place, so the warmer ranks the firms of the segment the page opens on."""
    return sorted({row.segment for row in gap_rows} | {lead.segment for lead in lead_rows})


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _remember_chain(key: str, then: Callable[[], None] | None) -> None:
    """The picked chain becomes the focus of every page and goes into the URL, so the view can be bookmarked."""
    if then is not None:
        then()
    chosen = st.session_state[key]
    st.session_state[FOCUS_KEY] = chosen
    if chosen == ALL_CHAINS:
        st.query_params.pop("chain", None)
    else:
        st.query_params["chain"] = chosen


def url_change(param: str) -> list[str]:
    """The URL's values of `param` when this page has just been opened (a link, a bookmark, the sidebar), else
    []. While the user stays on a page the session's own choices rule: a rerun the browser sends before it has
    applied the URL a pick wrote (a chart's event, a second click on a busy server) still carries the old
    value, and reading that as a choice would undo the pick just made."""
    context = get_script_run_ctx()
    page = context.page_script_hash if context is not None else None
    opened = f"url-page-{param}"
    just_opened = page is None or st.session_state.get(opened) != page
    st.session_state[opened] = page
    return st.query_params.get_all(param) if just_opened else []


def default_chain(names: list[str]) -> str:
    """The chain a page opens on when none is in focus (pages that offer 全部 open on all chains)."""
    return DEFAULT_CHAIN if DEFAULT_CHAIN in names else names[0]


def chain_picker(
    names: list[str],
    key: str,
    *,
    allow_all: bool = False,
    label: str = "产业链",
    on_change: Callable[[], None] | None = None,
) -> str:
    """The chain in focus, picked once and shared: every page opens on the chain chosen on any other page
    (or given in the URL as ?chain=电机), instead of resetting to its own default. `on_change` runs when
    the user picks another chain (e.g. to drop choices that belonged to the old one)."""
    options = [ALL_CHAINS, *names] if allow_all else names
    linked = url_change("chain")
    if linked and linked[0] in options:
        st.session_state[FOCUS_KEY] = linked[0]
    focus = st.session_state.get(FOCUS_KEY)
    if focus not in options:
        focus = ALL_CHAINS if allow_all else default_chain(names)
    if st.session_state.get(key) != focus:
        st.session_state[key] = focus
    if focus != ALL_CHAINS:
        st.query_params["chain"] = focus
    return str(st.selectbox(label, options, key=key, on_change=_remember_chain, args=(key, on_change)))


FIRMS_LISTED = 500
"""A firm picker or a table of firms lists at most this many: 30,000 options (local firms at 100,000 enterprises)
cost the browser over a second on every view, and no one scrolls through them (the Excel downloads hold them all)."""


def firm_picker(label: str, names: list[str], key: str, default: str) -> str | None:
    """A select box of firm names; over FIRMS_LISTED of them, a filter box narrows the list (by part of the name)
    to its first FIRMS_LISTED matches in name order, and a caption says how many there are (None, said so, when
    nothing matches)."""
    shown = names
    if len(names) > FIRMS_LISTED:
        text = st.text_input(f"{label}：输入名称的一部分筛选", key=f"{key}-filter").strip()
        matches = [name for name in names if text in name]
        shown = matches[:FIRMS_LISTED]
        st.caption(
            f"共 {len(names)} 家，"
            + (f"名称含“{md(text)}”的 {len(matches)} 家，" if text else "")
            + f"下拉框列出其中按名称排序的前 {len(shown)} 家。"
        )
        if not shown:
            st.info(f"没有名称含“{md(text)}”的企业。")
            return None
    return str(st.selectbox(label, shown, index=shown.index(default) if default in shown else 0, key=key))


def table(rows: list[Any], columns: dict[str, str]) -> pd.DataFrame:
    frame = pd.DataFrame(flat_rows(rows, columns), columns=list(columns.values()))
    text = [c for c in frame.columns if frame[c].dtype == object]
    frame[text] = frame[text].where(frame[text].notna(), "—")
    return frame


TABLE_STYLE = """<style>
.chainkg-table{max-height:36rem;overflow:auto;margin-bottom:.5rem;border:1px solid rgba(49,51,63,.1);
border-radius:.5rem}
.chainkg-table table{border-collapse:collapse;font-size:.875rem;line-height:1.45}
.chainkg-table th{position:sticky;top:0;font-weight:400;color:rgba(49,51,63,.6);text-align:left;
background:#f8f9fb;white-space:nowrap}
.chainkg-table th,.chainkg-table td{border-bottom:1px solid rgba(49,51,63,.1);padding:.25rem .5rem;vertical-align:top}
.chainkg-table td{min-width:6rem;max-width:26rem}
.chainkg-table td.num,.chainkg-table td.bar{min-width:0;text-align:right;white-space:nowrap}
.chainkg-table .track{display:inline-block;width:5rem;height:.6rem;margin-right:.4rem;background:#eceff1;
border-radius:3px;vertical-align:middle;text-align:left}
.chainkg-table .fill{display:block;height:100%;border-radius:3px}
</style>"""


SEVERITY_BAR = Bar(most=100, colour="#3949ab", spec=".1f")
"""严重度 (0–100) as a bar in the theme's colour, as the interactive table drew it (缺口 lists)."""


def records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """A table's rows as dicts by column title. Our titles are text; `into` a text-keyed dict tells pandas' stubs so
    (they type `to_dict("records")` with any hashable key)."""
    return frame.to_dict("records", into=dict[str, Any]())


def small_table(
    frame: pd.DataFrame, *, formats: dict[str, str] | None = None, bars: dict[str, Bar] | None = None
) -> None:
    """A small table people read rather than sort or scroll (a few dozen rows at most), as escaped plain HTML:
    on every open of a page by its URL an interactive `st.dataframe` costs the browser several times as much
    (docs/benchmarks.md, issue #16). Lists people sort, filter or scroll stay `st.dataframe` (`paged_table`), or open
    as plain pages of this table with the interactive one a switch away (`paged_table(plain=True)`)."""
    rows = records(frame)
    st.html(f'{TABLE_STYLE}<div class="chainkg-table">{html_table(rows, formats=formats, bars=bars)}</div>')


def _first_page(page_key: str) -> None:
    """Another order starts the list again from its first page."""
    st.session_state[page_key] = 1


def paged_table(
    pager: Pager,
    columns: Sequence[str],
    key: str,
    *,
    own_order: str,
    unit: str = "条",
    column_config: dict[str, Any] | None = None,
    placeholder: str | None = None,
    numbers: Sequence[str] = (),
    plain: bool = False,
) -> None:
    """A list of any length as one interactive table, PAGE_ROWS rows at a time: over one page, 排序 orders the
    whole list on the server (not only the rows shown), 页 picks the page, and a caption says how many there are and
    which are shown. `own_order` names the list's own order (its ranking: the first choice of 排序); `numbers` are
    columns sent as numbers (an unknown one empty, so the column has one type). `plain` draws the page as escaped
    plain HTML (`small_table`) in the list's own order with only 页: each widget and an interactive table cost the
    browser on every open (issue #16), so sorting and filtering are left to the interactive table."""
    sort_key, reverse_key, page_key = f"{key}-sort", f"{key}-reverse", f"{key}-page"
    chosen = None if plain else st.session_state.get(sort_key, own_order)
    column = chosen if chosen in columns else None
    reverse = column is not None and bool(st.session_state.get(reverse_key, False))
    page = pager(column, reverse, int(st.session_state.get(page_key, 1)))
    if page.total <= page.size and column is not None:  # one page: its headers sort it all, no 排序 box is shown
        page = pager(None, False, 1)
    if page.total > page.size:
        st.session_state[page_key] = page.number  # a shorter list (another chain) keeps to a page it has
        order, backwards, number = st.columns([3, 1, 2], vertical_alignment="bottom")
        if not plain:
            order.selectbox(
                "排序（整张清单）", [own_order, *columns], key=sort_key, on_change=_first_page, args=(page_key,)
            )
            backwards.toggle("倒序", key=reverse_key, disabled=column is None, on_change=_first_page, args=(page_key,))
        number.selectbox(
            "页", range(1, page.pages + 1), key=page_key, format_func=lambda n: f"第 {n} 页，共 {page.pages} 页"
        )
        how = f"按“{md(column)}”{'倒序' if reverse else ''}" if column else f"按{own_order}"
        st.caption(
            f"共 {page.total:,} {unit}，{how}排列，本页是第 {page.first:,}–{page.last:,} {unit}。"
            + ("" if plain else "点表头只排本页的行；整张清单的排序用上面的“排序”。")
        )
    frame = pd.DataFrame(page.rows, columns=list(columns))
    if plain:
        small_table(frame)
        return
    for name in numbers:
        frame[name] = pd.to_numeric(frame[name], errors="coerce")
    st.dataframe(frame, hide_index=True, width="stretch", column_config=column_config, placeholder=placeholder)


def view_picker(options: Sequence[str], key: str, label: str = "查看") -> str:
    """Which of a page's lists to show: only the chosen one is drawn (each interactive table costs the browser
    about 0.2 s of CPU on every open, issue #16; st.tabs would still send every tab's tables)."""
    return str(st.segmented_control(label, options, default=options[0], required=True, key=key))


def excel_button(label: str, sheets: dict[str, pd.DataFrame], file_name: str, key: str) -> None:
    """An Excel download built when clicked (a callable), not on every run of the page that shows it."""
    st.download_button(
        label,
        lambda: to_xlsx({name: records(frame) for name, frame in sheets.items()}),
        file_name=file_name,
        mime=XLSX,
        key=key,
    )


def package_section(source: GraphStore, chain: str, key: str) -> None:
    """The 图谱＋清单 download, built only when clicked (the same files `chainkg package` writes)."""
    st.subheader("图谱＋清单")
    st.caption(
        "链长办的标准材料：一份可打印的离线 HTML（全景图、现状图、区域分布图、招商路线图，"
        "企业、项目、问题、招商、政策清单；浏览器“打印 → 另存为 PDF”即得 PDF）和一份 Excel 工作簿，"
        "每行注明来源与时点。命令行同样可以生成：chainkg package --chain 产业链 -o 目录。"
    )
    st.download_button(
        f"下载{md(chain)}产业链图谱＋清单（zip）",
        lambda: build_package(source, chain).zip_bytes(),
        f"{file_stem(chain)}.zip",
        "application/zip",
        key=key,
    )
