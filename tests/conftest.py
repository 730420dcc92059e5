"""Shared fixtures: the real seed graph, and stores on temporary directories."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
import streamlit as st
from app_runs import EDITOR_PASSWORD

from graph.config import Settings, open_store
from graph.embedded import EmbeddedStore
from graph.model import GraphData
from graph.neo4j_store import Neo4jStore
from loaders.load import load_all
from loaders.seed import build_seed_graph

ROOT = Path(__file__).resolve().parent.parent


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
def neo4j_store() -> Iterator[Neo4jStore]:
    """The real Neo4j server `scripts/test` started (or NEO4J_URI). Never skipped: no server is a failure."""
    settings = Settings.from_env("neo4j")
    if not settings.neo4j_password:
        pytest.fail("没有可用的 Neo4j：请用 scripts/test 运行测试（它会启动服务），或设置 NEO4J_URI/NEO4J_PASSWORD。")
    store = open_store(settings)
    assert isinstance(store, Neo4jStore)
    yield store
    store.close()
