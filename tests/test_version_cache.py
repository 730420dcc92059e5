"""Answers kept per store version on Neo4j: a second view reads only the version, and a write from another
process (the real `chainkg` command) is seen on the next view, equal to what a fresh store object reads.

The app holds one store object for its whole life and caches analyses on the store's write version; the store
itself keeps per-segment figures and reads the change records of later writes. If either missed a write made by
another process, the page would keep showing the old gap list.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import streamlit as st
from app_runs import APP_TIMEOUT_SECONDS
from streamlit.testing.v1 import AppTest

from graph import neo4j_cypher as cypher
from graph.config import Settings, open_store
from graph.model import NodeLabel
from graph.neo4j_store import Neo4jStore
from graph.vocabulary import Locality, Status
from loaders.load import load_all
from queries.gaps import gaps
from queries.health import health
from ui import common

pytestmark = pytest.mark.neo4j

CHAINKG = str(Path(sys.executable).parent / "chainkg")
ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def app_on_neo4j(neo4j_store: Neo4jStore, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[Neo4jStore, list[str]]]:
    """The seed in Neo4j, and the app's own store object (as a page holds it) with every statement it sends
    recorded in `sent`."""
    neo4j_store.clear()
    load_all(neo4j_store)
    monkeypatch.setenv("CHAINKG_BACKEND", "neo4j")
    st.cache_resource.clear()
    st.cache_data.clear()
    held = common.store()
    assert isinstance(held, Neo4jStore)
    sent: list[str] = []
    read = held._read

    def recording(query: str, **params: Any) -> list[Any]:
        sent.append(query)
        return read(query, **params)

    monkeypatch.setattr(held, "_read", recording)
    yield held, sent
    st.cache_resource.clear()
    st.cache_data.clear()


def _assign(enterprise: str, segment: str) -> None:
    """`chainkg assign` in its own process, on the same Neo4j."""
    env = {**os.environ, "CHAINKG_BACKEND": "neo4j"}
    done = subprocess.run(
        [CHAINKG, "assign", enterprise, segment], capture_output=True, text=True, env=env, timeout=300
    )
    assert done.returncode == 0, done.stderr


def test_a_second_view_reads_only_the_version(app_on_neo4j: tuple[Neo4jStore, list[str]]) -> None:
    _, sent = app_on_neo4j
    config = common.settings()
    first = common.cached_gaps(config, None)
    assert common.cached_health(config)
    sent.clear()
    assert common.cached_gaps(config, None) == first
    common.cached_health(config)
    assert sent == [cypher.READ_VERSION] * 2, "再次查看只应读取版本号"


@pytest.mark.parametrize("page", ["overview", "weak_links", "explore", "data", "cards"])
def test_a_second_view_of_a_page_reads_only_the_version(app_on_neo4j: tuple[Neo4jStore, list[str]], page: str) -> None:
    """A page's second view, in a new session as when someone opens it again, sends Neo4j nothing but version
    reads: 薄弱环节 once read ~30,000 local firms for its impact picker, 数据管理 ~30,000 names to count them and
    图谱探索 searched every label for its three boxes and 环节与企业 read each local firm's parks, on every view."""
    _, sent = app_on_neo4j
    first = AppTest.from_file(str(ROOT / "ui" / f"{page}.py"), default_timeout=APP_TIMEOUT_SECONDS).run()
    assert not first.exception, first.exception
    assert sent and set(sent) != {cypher.READ_VERSION}, "第一次打开应从 Neo4j 读取数据"
    sent.clear()
    again = AppTest.from_file(str(ROOT / "ui" / f"{page}.py"), default_timeout=APP_TIMEOUT_SECONDS).run()
    assert not again.exception, again.exception
    assert [m.value for m in again.markdown] == [m.value for m in first.markdown]
    assert [w.options for w in again.selectbox] == [w.options for w in first.selectbox]
    extra = set(sent) - {cypher.READ_VERSION}
    assert sent and not extra, f"再次打开只应读取版本号，却发出了：{extra}"


def test_a_command_line_write_is_seen_by_the_held_store_and_the_app(
    app_on_neo4j: tuple[Neo4jStore, list[str]],
) -> None:
    held, _ = app_on_neo4j
    config = common.settings()
    before = {row.segment: row for row in common.cached_gaps(config, None)}
    segment = next(name for name, row in sorted(before.items()) if row.status == Status.MISSING)
    firm = held.nodes(NodeLabel.ENTERPRISE, locality=Locality.LOCAL.value)[0]
    assert before[segment].local_count == 0
    _assign(firm.name, segment)
    after = {row.segment: row for row in common.cached_gaps(config, None)}
    assert after[segment].local_count == 1, "另一进程写入后，应用应看到该环节已有 1 家本地企业"
    assert after[segment].status != Status.MISSING
    fresh = open_store(Settings.from_env("neo4j"))
    try:
        assert repr(gaps(held)) == repr(gaps(fresh)), "保留的环节画像应与从头读取的一致"
        assert repr(common.cached_health(config)) == repr(health(fresh))
    finally:
        fresh.close()
