"""Every page runs without an exception and shows what its users came for (streamlit AppTest)."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from graph.embedded import EmbeddedStore

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def app_env(loaded_store: EmbeddedStore, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CHAINKG_DATA_DIR", str(loaded_store.data_dir))
    monkeypatch.setenv("CHAINKG_BACKEND", "embedded")
    monkeypatch.chdir(ROOT)


def _page(name: str) -> AppTest:
    app = AppTest.from_file(str(ROOT / "ui" / f"{name}.py"), default_timeout=120).run()
    assert not app.exception, app.exception
    return app


def test_first_start_loads_the_seed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CHAINKG_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("CHAINKG_BACKEND", "embedded")
    monkeypatch.chdir(ROOT)
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120).run()
    assert not app.exception, app.exception
    assert "embedded" in app.sidebar.markdown[1].value
    assert (tmp_path / "graph.json").exists()


@pytest.mark.usefixtures("app_env")
def test_overview_lists_every_chain_with_gaps() -> None:
    app = _page("overview")
    frame = app.dataframe[0].value
    assert {"电机", "新型显示器件", "锰系新材料", "植物提取", "轻纺箱包制鞋"} <= set(frame["产业链"])
    assert "电镀/表面处理" in set(app.dataframe[1].value["环节"])


@pytest.mark.usefixtures("app_env")
def test_chain_map_highlights_missing_links() -> None:
    app = _page("chain_map")
    assert app.selectbox(key="map-chain").value == "电机"
    assert "电镀/表面处理" in app.error[0].value and "模具" in app.error[0].value
    app.radio(key="map-view").set_value("全景图").run()
    assert not app.exception
    app.selectbox(key="map-place").set_value("江华高新区").run()
    assert not app.exception


@pytest.mark.usefixtures("app_env")
def test_weak_links_table_and_impact() -> None:
    app = _page("weak_links")
    assert app.dataframe[0].value["环节"].iloc[0] in {"电镀/表面处理", "模具"}
    app.button(key="impact-run").click().run()
    assert not app.exception
    assert "步进电机" in set(app.dataframe[1].value["环节"])


@pytest.mark.usefixtures("app_env")
def test_targets_for_motor_gaps_say_when_the_pool_has_none() -> None:
    app = _page("targeting")
    app.multiselect(key="targets-gaps").set_value(["模具", "电镀/表面处理"]).run()
    assert not app.exception
    assert "横河模具" in set(app.dataframe[0].value["企业"])
    assert any("没有与“电镀/表面处理”匹配" in w.value for w in app.warning)


@pytest.mark.usefixtures("app_env")
def test_explore_and_data_pages() -> None:
    app = _page("explore")
    assert "Neo4j 后端提供" in app.info[-1].value
    data = _page("data")
    assert "liuhuanyong/ChainKnowledgeGraph" in data.markdown[-1].value or any(
        "liuhuanyong" in m.value for m in data.markdown
    )


def test_neo4j_down_is_said_plainly(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CHAINKG_BACKEND", "neo4j")
    monkeypatch.setenv("NEO4J_URI", "bolt://127.0.0.1:9")
    monkeypatch.setenv("NEO4J_PASSWORD", "x" * 8)
    monkeypatch.chdir(ROOT)
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120).run()
    assert not app.exception
    assert "无法连接 Neo4j" in app.error[0].value
