"""The cache warmer (ui/warm.py) on a real Neo4j: after it has run, each page's first view reads only the store's
write version; the pages show the same with and without it; the real server warms at start and again after a
write from another process, and can be turned off. Statements are counted, never timed."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
import streamlit as st
from app_runs import APP_TIMEOUT_SECONDS
from browser_app import free_port
from streamlit.testing.v1 import AppTest
from streamlit.testing.v1.element_tree import Element

from graph import neo4j_cypher as cypher
from graph.model import GraphData, Node, NodeLabel, Relationship, RelType, node_id
from graph.neo4j_store import Neo4jStore
from graph.vocabulary import Locality
from loaders.load import load_all
from ui import common, warm

pytestmark = pytest.mark.neo4j
ROOT = Path(__file__).resolve().parent.parent
PAGES = re.findall(r'st\.Page\("(ui/\w+\.py)"', (ROOT / "app.py").read_text(encoding="utf-8"))
UNCACHED = {"ui/leads.py"}
"""招商线索 reads the leads on every view (a handful of nodes, and what an editor just changed must show at once)."""
GUARD_SECONDS = 900
"""How long to wait for the server's log line before giving up: a guard against a hung warmer, not a speed goal."""
SHOWN = (
    "title",
    "header",
    "subheader",
    "markdown",
    "caption",
    "info",
    "warning",
    "error",
    "metric",
    "dataframe",
    "html",
)


Views = dict[str, list[str]]
"""Page → what a person reads on it (`_seen`), or the statements the page sent the store."""
Runs = tuple[Views, Views, Views]
"""The first views on a cold cache, the first views after warming, and the statements each of those sent."""


def _seen(app: AppTest) -> list[str]:
    """What a person reads on the page: its texts, figures and tables (as CSV), and the picked options."""
    seen = []
    for kind in SHOWN:
        for element in app.get(kind):
            assert isinstance(element, Element), element
            value = element.value
            label = getattr(element, "label", "")
            seen.append(f"{kind}:{label}:{value.to_csv() if isinstance(value, pd.DataFrame) else value}")
    seen += [f"{box.label}={box.value}" for box in app.selectbox]
    return seen


def _first_view(page: str) -> AppTest:
    """A new session opening `page` (by its URL): the app with its sidebar, on that page."""
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=APP_TIMEOUT_SECONDS)
    app.switch_page(page).run()
    assert not app.exception, (page, app.exception)
    return app


def _views() -> dict[str, list[str]]:
    return {page: _seen(_first_view(page)) for page in PAGES}


@pytest.fixture(scope="module")
def cold_and_warmed(neo4j_store: Neo4jStore) -> Iterator[Runs]:
    """Every page's first view on a cold cache, then again after warming with the statements each page sent."""
    neo4j_store.clear()
    load_all(neo4j_store)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("CHAINKG_BACKEND", "neo4j")
        patch.delenv("CHAINKG_EDITOR_PASSWORD", raising=False)
        patch.chdir(ROOT)
        st.cache_resource.clear()
        st.cache_data.clear()
        cold = _views()
        st.cache_data.clear()
        config = common.settings()
        source = common._store(config)
        assert isinstance(source, Neo4jStore), source
        assert warm.warm(config, source, source.version()) > 0
        sent: dict[str, list[str]] = {}
        read = source._read

        def recording(query: str, **params: Any) -> list[Any]:
            sent[page].append(query)
            return read(query, **params)

        warmed = {}
        try:
            with pytest.MonkeyPatch.context() as recorder:
                recorder.setattr(source, "_read", recording)
                for page in PAGES:
                    sent[page] = []
                    warmed[page] = _seen(_first_view(page))
        finally:
            st.cache_resource.clear()
            st.cache_data.clear()
        yield cold, warmed, sent


def test_after_warming_each_first_view_reads_only_the_version(cold_and_warmed: Runs) -> None:
    """The warmer computes what every page's default view needs: a first visit sends the store nothing but its
    write version (the key of every cached result)."""
    _, _, sent = cold_and_warmed
    for page, queries in sent.items():
        if page not in UNCACHED:
            others = [q.split("\n")[0][:80] for q in queries if q != cypher.READ_VERSION]
            assert not others, f"{page} 预热后首次打开仍查询了数据库：{others}"
    assert len(sent) == len(PAGES)


def test_pages_show_the_same_with_and_without_warming(cold_and_warmed: Runs) -> None:
    cold, warmed, _ = cold_and_warmed
    for page in PAGES:
        assert warmed[page] == cold[page], page
        assert warmed[page], page


def _firm(name: str) -> GraphData:
    """A test firm in 模具 (not a fact about anyone): a write that changes the store's version and its answers."""
    firm = Node(
        id=node_id(NodeLabel.ENTERPRISE, name),
        label=NodeLabel.ENTERPRISE,
        properties={"name": name, "locality": Locality.LOCAL.value, "note": "测试数据，不是事实"},
    )
    link = Relationship(type=RelType.OPERATES_IN, start=firm.id, end=node_id(NodeLabel.SEGMENT, "模具"))
    return GraphData(nodes=[firm], relationships=[link])


def _serve(log: Path, **env: str) -> subprocess.Popen[bytes]:
    command = [sys.executable, "-m", "ui.serve", "run", "app.py", "--server.port", str(free_port())]
    with log.open("wb") as out:  # a pipe nobody reads would stall a chatty server
        return subprocess.Popen(
            command, cwd=ROOT, env={**os.environ, "CHAINKG_BACKEND": "neo4j", **env}, stdout=out, stderr=out
        )


def _wait_for(log: Path, server: subprocess.Popen[bytes], line: str) -> None:
    deadline = time.monotonic() + GUARD_SECONDS
    while line not in log.read_text(encoding="utf-8", errors="replace"):
        if server.poll() is not None or time.monotonic() > deadline:
            pytest.fail(f"服务日志中没有出现“{line}”：\n{log.read_text(encoding='utf-8', errors='replace')[-3000:]}")
        time.sleep(0.2)


def test_the_server_warms_at_start_and_after_a_write_from_another_process(
    neo4j_store: Neo4jStore, tmp_path: Path
) -> None:
    neo4j_store.clear()
    load_all(neo4j_store)
    log = tmp_path / "streamlit.log"
    server = _serve(log)
    try:
        _wait_for(log, server, f"预热完成：版本 {neo4j_store.version()}，")
        neo4j_store.write(_firm("测试预热后写入的模具企业"))
        _wait_for(log, server, f"预热完成：版本 {neo4j_store.version()}，")
    finally:
        server.terminate()
        server.wait(timeout=60)
    said = log.read_text(encoding="utf-8", errors="replace")
    assert "Traceback" not in said and "出错" not in said, said[-3000:]
    assert server.returncode == 0, said[-3000:]


def test_warming_can_be_turned_off(neo4j_store: Neo4jStore, tmp_path: Path) -> None:
    log = tmp_path / "streamlit.log"
    server = _serve(log, CHAINKG_WARM="0")
    try:
        _wait_for(log, server, "预热已关闭（CHAINKG_WARM=0）")
    finally:
        server.terminate()
        server.wait(timeout=60)
    assert "预热：页面模块已载入" not in log.read_text(encoding="utf-8", errors="replace")
