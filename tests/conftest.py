"""Shared fixtures: the real seed graph, stores on temporary directories, and the running app in Chromium."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import streamlit as st
from app_runs import EDITOR_PASSWORD
from browser_app import ARTIFACTS, CHROMIUM, CHROMIUM_ARGS, LARGE_CHAIN, ROOT, WAIT_MS, free_port
from playwright.sync_api import Page, sync_playwright
from synthetic_chain import synthetic_graph

from graph.config import Settings, open_store
from graph.embedded import EmbeddedStore
from graph.model import GraphData
from graph.neo4j_store import Neo4jStore
from loaders.load import load_all
from loaders.seed import build_seed_graph
from loaders.synthetic import synthetic_enterprises


@pytest.fixture(scope="session")
def seed_graph() -> GraphData:
    return build_seed_graph()


@pytest.fixture
def embedded_store(tmp_path: Path) -> EmbeddedStore:
    return EmbeddedStore(tmp_path / "data")


@pytest.fixture(scope="session")
def loaded_store(tmp_path_factory: pytest.TempPathFactory) -> EmbeddedStore:
    """An embedded store with the seed and candidate pool loaded; tests must not write to it."""
    store = EmbeddedStore(tmp_path_factory.mktemp("loaded"))
    load_all(store)
    return store


@pytest.fixture
def store(loaded_store: EmbeddedStore, tmp_path: Path) -> EmbeddedStore:
    """A private copy of the loaded seed that a test may write to (imports, reviews, leads)."""
    shutil.copy(loaded_store.path, tmp_path / loaded_store.path.name)
    return EmbeddedStore(tmp_path)


@pytest.fixture
def app_store(store: EmbeddedStore, monkeypatch: pytest.MonkeyPatch) -> Iterator[EmbeddedStore]:
    """That private copy opened by the app's pages, with an editor password set and no cached results."""
    monkeypatch.setenv("CHAINKG_DATA_DIR", str(store.data_dir))
    monkeypatch.setenv("CHAINKG_BACKEND", "embedded")
    monkeypatch.setenv("CHAINKG_EDITOR_PASSWORD", EDITOR_PASSWORD)
    monkeypatch.chdir(ROOT)
    st.cache_resource.clear()
    st.cache_data.clear()
    yield store
    st.cache_resource.clear()
    st.cache_data.clear()


@pytest.fixture(scope="session")
def match_scores(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """The labelled set scored once by `benchmarks/bench_matching.py --json`, for the floors of the tuning parts
    (test_matching) and of the parts with unseen text (test_matching_unseen)."""
    out = tmp_path_factory.mktemp("match_scores") / "scores.json"
    subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "bench_matching.py"), "--json", str(out)],
        check=True,
        cwd=ROOT,
        capture_output=True,
    )
    scores: dict[str, Any] = json.loads(out.read_text(encoding="utf-8"))
    return scores


@pytest.fixture(scope="session")
def neo4j_store() -> Iterator[Neo4jStore]:
    """The real Neo4j server `scripts/test` started (or NEO4J_URI). Never skipped: no server is a failure."""
    settings = Settings.from_env("neo4j")
    if not settings.neo4j_password:
        pytest.fail("没有可用的 Neo4j：请用 scripts/test 运行测试（它会启动服务），或设置 NEO4J_URI/NEO4J_PASSWORD。")
    store = open_store(settings)
    assert isinstance(store, Neo4jStore)
    yield store
    store.close()


@pytest.fixture(scope="module")
def stores(neo4j_store: Neo4jStore, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, Neo4jStore]]:
    """The seed and 300 generated firms in an embedded store (its directory) and in Neo4j, for a module that
    writes to both and compares what a long-lived store object keeps with a fresh reading."""
    data_dir = tmp_path_factory.mktemp("both-stores")
    neo4j_store.clear()
    embedded = EmbeddedStore(data_dir)
    extra = synthetic_enterprises(load_all(embedded), 300)
    embedded.write(extra)
    load_all(neo4j_store)
    neo4j_store.write(extra)
    yield data_dir, neo4j_store


@pytest.fixture(scope="module")
def app_url(loaded_store: EmbeddedStore, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    data_dir = tmp_path_factory.mktemp("browser-data")
    shutil.copy(loaded_store.path, data_dir / "graph.json")
    EmbeddedStore(data_dir).write(synthetic_graph(LARGE_CHAIN))
    port = free_port()
    env = {**os.environ, "CHAINKG_DATA_DIR": str(data_dir), "CHAINKG_BACKEND": "embedded"}
    command = [sys.executable, "-m", "ui.serve", "run", "app.py", "--server.port", str(port)]
    log = (data_dir / "streamlit.log").open("wb")  # a pipe nobody reads would stall a chatty server
    server = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(WAIT_MS // 500):
            if server.poll() is not None:
                pytest.fail("Streamlit 服务启动后退出了")
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=1) as response:
                    if response.status == 200:
                        break
            except OSError:
                time.sleep(0.5)
        else:
            pytest.fail("Streamlit 服务未能启动")
        yield url
    finally:
        server.terminate()
        server.wait(timeout=20)
        log.close()


@pytest.fixture(scope="module")
def browser_page(app_url: str) -> Iterator[tuple[Page, list[str]]]:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"找不到 Chromium（{CHROMIUM}）：请用 scripts/test 运行，它会安装 chromium 与 fonts-noto-cjk。")
    ARTIFACTS.mkdir(exist_ok=True)
    requests: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        page = browser.new_page(viewport={"width": 1440, "height": 1000}, locale="zh-CN")
        page.set_default_timeout(WAIT_MS)  # every wait, click and navigation: a busy CI machine is slow, not broken
        page.set_default_navigation_timeout(WAIT_MS)
        page.on("request", lambda request: requests.append(request.url))
        yield page, requests
        browser.close()
