"""The cache warmer: a thread in the app server that computes each page's default first view for the store's
current write version, so a user's first open (after a server start or after any write, from any process) reads
cached results instead of waiting for them.

It calls the very cached functions the pages call (ui/common.py, ui/chain_ops.py), with the pages' defaults, from
a thread of the server process: `st.cache_data` keeps one global cache per function (not per session) in the
runtime's storage, so what the thread computes is what a session reads. Streamlit itself has no start-up hook, so
`python -m ui.serve run app.py` (scripts/run, the tests' and benchmark's servers) starts the thread before the
server; it waits until the runtime has started (its cache storage manager in place: a cache made before falls
back to Streamlit's plain in-memory storage, with a warning), imports the modules the pages import, warms, and
stops when the runtime stops.

Rules it keeps: it never seeds an empty store (the first session does that, with its progress display); it pauses
between results while a user's page is running, and holds no lock between results (a session that asks for the
result being computed waits for that computation, as it would for another session's); it logs to the Streamlit
log (a line per warmed version, with its wall and CPU time); it is off when CHAINKG_WARM=0 (a cold server for
tests and baselines). It changes no answer: each result is what the page would compute for itself.
"""

from __future__ import annotations

import ast
import importlib
import logging
import os
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import partial
from pathlib import Path

from streamlit import runtime
from streamlit.logger import get_logger
from streamlit.runtime.runtime import RuntimeState

from graph.config import Settings
from graph.model import NodeLabel
from graph.store import GraphStore, StoreError

WARM_ENV = "CHAINKG_WARM"
POLL_SECONDS = 2.0
"""How often the warmer asks the store for its write version: a write is warmed for within this (plus the work).
The results also expire (CACHE_SECONDS after they were computed, ui/common.py): the warmer computes them again
then, so a server left idle still opens warm."""
PAUSE_SECONDS = 0.05
ROOT = Path(__file__).resolve().parent.parent
THREAD = "chainkg-warm"
_log = get_logger(__name__)
_running_pages = 0
_running_lock = threading.Lock()


def enabled() -> bool:
    return os.environ.get(WARM_ENV, "1") != "0"


@contextmanager
def user_run() -> Iterator[None]:
    """Marks a user's page run (app.py wraps each one): the warmer waits between results while any is running."""
    global _running_pages
    with _running_lock:
        _running_pages += 1
    try:
        yield
    finally:
        with _running_lock:
            _running_pages -= 1


def _not_from_the_warmer(record: logging.LogRecord) -> bool:
    """The warmer has no script run, so each cached call's spinner would log "missing ScriptRunContext": noise."""
    return record.threadName != THREAD


SERVING = (RuntimeState.NO_SESSIONS_CONNECTED, RuntimeState.ONE_OR_MORE_SESSIONS_CONNECTED)


def _serving() -> bool:
    """The runtime has started (its cache storage is in place) and is not stopping."""
    return runtime.exists() and runtime.get_instance().state in SERVING


def page_modules(app: Path = ROOT / "app.py") -> list[str]:
    """The modules the app's pages import (read from their source, not listed by hand): importing them before
    the first visit takes the import time (pandas, altair, Graphviz bindings, the queries) off that visit."""
    tree = ast.parse(app.read_text(encoding="utf-8"))
    pages = [n.value for n in ast.walk(tree) if isinstance(n, ast.Constant) and isinstance(n.value, str)]
    names: set[str] = set()
    for page in (ROOT / p for p in pages if p.endswith(".py") and (ROOT / p).is_file()):
        for node in ast.walk(ast.parse(page.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                names.add(node.module)
    return sorted(names)


def _steps(config: Settings, source: GraphStore, version: str) -> Iterator[tuple[str, Callable[[], object]]]:
    """Each page's default first view as (page, cached call) pairs, in the order a visitor is likeliest to need
    them; later calls use earlier answers (the default chain, the first gaps) exactly as the pages do."""
    from queries.leads import leads
    from queries.targets import Weights
    from ui import chain_ops as ops
    from ui import common as c

    names = c._chain_names(config, version)
    chain = c.default_chain(names)
    yield "侧栏", lambda: c._pending_switch(config, version)
    yield "总览", lambda: (c._health(config, version), c._shared(config, version), c._indicators(config, version))
    yield "产业链工作台", lambda: c._workspace(config, version, chain)
    yield "产业链工作台", lambda: (c._output_targets(config, version, chain), c._status_map(config, version, chain))
    yield "产业链工作台", lambda: ops._risk(config, version, chain, False)
    yield "产业链图谱", lambda: c._places(config, version, chain)
    yield "薄弱环节", lambda: (c._gaps(config, version, None, False), c._impact_candidates(config, version, None))
    yield "薄弱环节", lambda: ops._risk(config, version, None, False)
    yield "区域分布", lambda: c._regions(config, version, None)
    yield "数据管理", lambda: (c._stats(config, version), c._local_names(config, version))
    yield "数据管理", lambda: c._judgements(config, version, names[0])
    yield "图谱探索", lambda: c._centrality(config, version)
    found = c._lookup(config, version, c.DEFAULT_SEGMENT)
    if found.hits:  # the page picks the only hit, or offers the hits with the first chosen
        hit = found.hits[0]
        title = c.neighbourhood_title(hit.name, 1)
        yield "图谱探索", lambda: c._neighbourhood_page(config, version, hit.id, 1, c.DEFAULT_CAP, title)
        if hit.label == NodeLabel.SEGMENT:
            yield (
                "图谱探索",
                lambda: (c._trace(config, version, hit.id, "up"), c._trace(config, version, hit.id, "down")),
            )
    ends = [c._lookup(config, version, name).hits for name in c.DEFAULT_PATH]
    if all(ends):
        yield "图谱探索", lambda: c._shortest_path(config, version, ends[0][0].id, ends[1][0].id, False)
    supply = ops._supply_view(config, version, chain, None, False)
    if supply.match.external:
        wanted = supply.match.external[0].input
        yield "供需对接", lambda: c._targets(config, version, wanted, c.SUPPLY_TARGETS, Weights(), (), (), (), False)
    yield "供需对接", lambda: ops._overview(config, version, False)
    gaps = [g.segment for g in c._gaps(config, version, chain, False)][: c.GAPS_PRESELECTED]
    for gap in gaps:
        yield "招商目标", partial(c._targets, config, version, gap, c.TARGETS_LISTED, Weights(), (), (), (), False)
    if gaps:
        yield "招商目标", lambda: c._what_if(config, version, tuple(gaps))
    yield "招商目标", lambda: ops._opportunities(config, version, chain)
    chosen = c.lead_segments(c._gaps(config, version, None, False), leads(source))
    if chosen:  # an editor's form picks the first gap or lead segment of all chains, and ranks its firms
        yield "招商线索", lambda: c._targets(config, version, chosen[0], c.LEAD_TARGETS, Weights(), (), (), (), False)
    names_of_segments = c._segment_names(config, version)
    if c.DEFAULT_SEGMENT in names_of_segments:
        yield "环节与企业", lambda: c._segment_card(config, version, c.DEFAULT_SEGMENT)


def _wait_for_pages(stop: threading.Event) -> None:
    while _running_pages and not stop.is_set():
        stop.wait(PAUSE_SECONDS)


def warm(config: Settings, source: GraphStore, version: str, stop: threading.Event | None = None) -> int:
    """Fill the caches for `version`; stops early (returns -1) when the version moves on or `stop` is set."""
    stop = stop or threading.Event()
    done = 0
    for page, step in _steps(config, source, version):
        _wait_for_pages(stop)
        if stop.is_set() or source.version() != version:
            return -1
        try:
            step()
        except StoreError as exc:
            _log.warning("预热“%s”时读取存储失败（页面打开时会重新计算）：%s", page, exc)
        except Exception:
            _log.exception("预热“%s”出错（页面打开时会重新计算）", page)
        done += 1
    return done


def _ready(config: Settings) -> GraphStore | None:
    """The store once it holds data: an empty store is left to the first session, which seeds it with progress."""
    from ui import common

    opened = common._open(config)
    if not common._seeding(config).done and not opened.counts().nodes:
        return None
    return common._store(config)


def _run(stop: threading.Event) -> None:
    while not _serving():
        if stop.wait(PAUSE_SECONDS):
            return
    started, cpu = time.perf_counter(), time.thread_time()
    for name in page_modules():
        importlib.import_module(name)
    from ui import common

    _log.info(
        "预热：页面模块已载入（用时 %.1f 秒，CPU %.1f 秒）", time.perf_counter() - started, time.thread_time() - cpu
    )
    config = common.settings()
    warmed, warmed_at = None, 0.0
    while _serving() and not stop.is_set():
        try:
            source = _ready(config)
            expired = time.monotonic() - warmed_at >= common.CACHE_SECONDS
            if source is not None and ((version := source.version()) != warmed or expired):
                started, cpu = time.perf_counter(), time.thread_time()
                done = warm(config, source, version, stop)
                if done >= 0:
                    warmed, warmed_at = version, time.monotonic()
                    _log.info(
                        "预热完成：版本 %s，%d 项，用时 %.1f 秒（CPU %.1f 秒）",
                        version,
                        done,
                        time.perf_counter() - started,
                        time.thread_time() - cpu,
                    )
                continue
        except StoreError as exc:
            _log.warning("预热暂停：无法读取图谱存储（%s），%g 秒后重试", exc, POLL_SECONDS)
        except Exception:
            _log.exception("预热出错，%g 秒后重试", POLL_SECONDS)
        stop.wait(POLL_SECONDS)


def start() -> threading.Event | None:
    """Start the warmer thread (a daemon: it never keeps the process alive); the event stops it. None when off."""
    if not enabled():
        _log.info("预热已关闭（%s=0）", WARM_ENV)
        return None
    get_logger("streamlit.runtime.scriptrunner_utils.script_run_context").addFilter(_not_from_the_warmer)
    stop = threading.Event()
    threading.Thread(target=_run, args=(stop,), name=THREAD, daemon=True).start()
    return stop
