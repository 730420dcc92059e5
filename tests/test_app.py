"""The app starts on an empty embedded store, loads the seed by itself and lists the chains."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

APP = str(Path(__file__).resolve().parent.parent / "app.py")


def test_first_start_loads_the_seed_and_lists_chains(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CHAINKG_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("CHAINKG_BACKEND", "embedded")
    app = AppTest.from_file(APP, default_timeout=120).run()
    assert not app.exception
    assert "embedded" in app.sidebar.markdown[0].value
    chains = app.dataframe[0].value
    assert {"电机", "新型显示器件", "锰系新材料", "植物提取", "轻纺箱包制鞋"} <= set(chains["产业链"])
    assert (tmp_path / "graph.json").exists()


def test_neo4j_down_is_said_plainly(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CHAINKG_BACKEND", "neo4j")
    monkeypatch.setenv("NEO4J_URI", "bolt://127.0.0.1:9")
    monkeypatch.setenv("NEO4J_PASSWORD", "x" * 8)
    app = AppTest.from_file(APP, default_timeout=120).run()
    assert not app.exception
    assert "无法连接 Neo4j" in app.error[0].value
