"""Every page runs without an exception and shows what its users came for (streamlit AppTest)."""

from __future__ import annotations

import math
import re
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import streamlit as st
from app_runs import APP_TIMEOUT_SECONDS
from streamlit.testing.v1 import AppTest

from graph.embedded import EmbeddedStore
from graph.model import GraphData, Node, NodeLabel, Relationship, RelType
from graph.neo4j_store import Neo4jStore
from loaders.load import load_all
from ui.access import SERVER_FAILURES, SESSION_FAILURES

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def app_env(loaded_store: EmbeddedStore, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CHAINKG_DATA_DIR", str(loaded_store.data_dir))
    monkeypatch.setenv("CHAINKG_BACKEND", "embedded")
    monkeypatch.chdir(ROOT)


def _shown(markdown: str) -> str:
    """What a person reads: Markdown source without its backslash escapes."""
    return re.sub(r"\\(.)", r"\1", markdown)


def _page(name: str) -> AppTest:
    app = AppTest.from_file(str(ROOT / "ui" / f"{name}.py"), default_timeout=APP_TIMEOUT_SECONDS).run()
    assert not app.exception, app.exception
    return app


def test_first_start_loads_the_seed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CHAINKG_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("CHAINKG_BACKEND", "embedded")
    monkeypatch.chdir(ROOT)
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=APP_TIMEOUT_SECONDS).run()
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
    assert "电镀/表面处理" in _shown(app.error[0].value) and "模具" in _shown(app.error[0].value)
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
    assert any("没有与“电镀/表面处理”匹配" in _shown(w.value) for w in app.warning)


@pytest.mark.usefixtures("app_env")
def test_explore_and_data_pages() -> None:
    app = _page("explore")
    assert "Neo4j 后端提供" in app.info[-1].value
    data = _page("data")
    assert "liuhuanyong/ChainKnowledgeGraph" in data.markdown[-1].value or any(
        "liuhuanyong" in m.value for m in data.markdown
    )


@pytest.mark.parametrize(
    ("uri", "says"),
    [
        ("bolt://127.0.0.1:9", "无法连接 Neo4j"),
        ("http://127.0.0.1:7474", "NEO4J_URI“http://127.0.0.1:7474”无效：应以 bolt://"),
    ],
)
def test_neo4j_problems_are_said_plainly(uri: str, says: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CHAINKG_BACKEND", "neo4j")
    monkeypatch.setenv("NEO4J_URI", uri)
    monkeypatch.setenv("NEO4J_PASSWORD", "x" * 8)
    monkeypatch.chdir(ROOT)
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=APP_TIMEOUT_SECONDS).run()
    assert not app.exception
    assert says in _shown(app.error[0].value)


@pytest.fixture
def neo4j_app_env(neo4j_store: Neo4jStore, monkeypatch: pytest.MonkeyPatch) -> Neo4jStore:
    neo4j_store.clear()
    load_all(neo4j_store)
    monkeypatch.setenv("CHAINKG_BACKEND", "neo4j")
    monkeypatch.chdir(ROOT)
    return neo4j_store


NEO4J_PAGES: dict[str, tuple[str, Callable[[AppTest], bool]]] = {
    "overview": ("总览", lambda app: "电机" in set(app.dataframe[0].value["产业链"])),
    "chain_map": ("产业链图谱", lambda app: "电镀/表面处理" in _shown(app.error[0].value)),
    "weak_links": ("薄弱环节", lambda app: app.dataframe[0].value["环节"].iloc[0] in {"电镀/表面处理", "模具"}),
    "targeting": ("招商目标", lambda app: not app.error and len(app.dataframe) > 0),
    "leads": ("招商线索", lambda app: any("还没有招商线索" in i.value for i in app.info)),
    "data": ("数据管理", lambda app: any("liuhuanyong" in m.value for m in app.markdown)),
}


@pytest.mark.neo4j
@pytest.mark.parametrize("page", sorted(NEO4J_PAGES))
def test_pages_work_on_neo4j(neo4j_app_env: Neo4jStore, page: str) -> None:
    """Each page shows its title and the data it is for, read from the real Neo4j server."""
    title, shows_its_data = NEO4J_PAGES[page]
    app = _page(page)
    assert app.title[0].value == title
    assert shows_its_data(app), page


@pytest.mark.neo4j
@pytest.mark.parametrize(
    "attempt",
    [
        "CREATE (n:Segment {id: 'segment:入侵', name: '入侵'})",
        "match (n) detach delete n",
        "MATCH (n:Segment) /* 只是看看 */ SeT n.name = '被改'",
        "MATCH (n) WHERE n.name = 'x' RETURN n // ok\nMERGE (m:Segment {id: 'segment:m'})",
        "MATCH (n) RETURN n; MATCH (m) DELETE m",
        "CALL { MATCH (n) DETACH DELETE n } IN TRANSACTIONS",
        "LOAD CSV FROM 'file:///etc/passwd' AS row RETURN row",
    ],
)
def test_cypher_console_refuses_writes(neo4j_app_env: Neo4jStore, attempt: str) -> None:
    before = neo4j_app_env.counts()
    app = _page("explore")
    app.text_area(key="cypher-text").set_value(attempt).run()
    app.button(key="cypher-run").click().run()
    assert not app.exception
    assert any("不允许" in e.value or "只能执行一条" in e.value for e in app.error), [e.value for e in app.error]
    assert neo4j_app_env.counts() == before


@pytest.mark.neo4j
def test_cypher_console_answers_reads(neo4j_app_env: Neo4jStore) -> None:
    app = _page("explore")
    app.button(key="cypher-run").click().run()
    assert not app.exception and not app.error
    assert "电机外壳" in set(app.dataframe[-1].value.iloc[:, 0])
    rows = neo4j_app_env.read_only_query("MATCH (s:Segment {name: 'CREATE'}) RETURN count(s) AS n").rows
    assert rows == [{"n": 0}], "字符串里的关键字不应阻止只读查询"


@pytest.mark.usefixtures("app_env")
def test_data_page_is_read_only_without_editor_configuration(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CHAINKG_EDITOR_PASSWORD", raising=False)
    app = _page("data")
    assert any("网页当前为只读" in i.value for i in app.info)
    assert not app.get("file_uploader")


@pytest.fixture
def fresh_login_limits() -> Iterator[None]:
    """The server-wide count of wrong passwords lives as long as the process: start and leave it empty."""
    st.cache_resource.clear()
    yield
    st.cache_resource.clear()


@pytest.mark.usefixtures("app_env")
@pytest.mark.parametrize("blank", ["", " ", " \t　"])
def test_a_blank_editor_password_is_not_configured(blank: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CHAINKG_EDITOR_PASSWORD", blank)
    app = _page("data")
    assert any("网页当前为只读" in i.value for i in app.info)
    assert not app.get("text_input") and not app.get("file_uploader")


def _log_in(app: AppTest, password: str) -> AppTest:
    app.text_input(key="editor-password").set_value(password)
    app.button(key="editor-login").click().run()
    assert not app.exception, app.exception
    return app


@pytest.mark.usefixtures("app_env", "fresh_login_limits")
def test_wrong_passwords_lock_the_session(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CHAINKG_EDITOR_PASSWORD", "正确的口令-123")
    app = _page("data")
    for attempt in range(1, SESSION_FAILURES + 1):
        errors = [e.value for e in _log_in(app, f"猜测{attempt}").error]
        assert any("口令不正确" in e for e in errors), errors
    assert any("登录已暂停" in e for e in errors), errors
    errors = [e.value for e in _log_in(app, "正确的口令-123").error]
    assert any("登录已暂停" in e for e in errors), errors
    assert not app.get("file_uploader"), "暂停期间，正确的口令也不能登录"


@pytest.mark.usefixtures("app_env", "fresh_login_limits")
def test_wrong_passwords_from_many_sessions_lock_the_server(monkeypatch: pytest.MonkeyPatch) -> None:
    """A guesser who opens a new session after each few tries is stopped too, and so is everyone else."""
    monkeypatch.setenv("CHAINKG_EDITOR_PASSWORD", "正确的口令-123")
    per_session = SESSION_FAILURES - 1
    answers: list[str] = []
    for session in range(math.ceil(SERVER_FAILURES / per_session)):
        app = _page("data")
        for attempt in range(per_session):
            answers.append(" ".join(e.value for e in _log_in(app, f"猜测{session}-{attempt}").error))
    assert all("口令不正确" in a for a in answers), answers
    assert not any("登录已暂停" in a for a in answers[: SERVER_FAILURES - 1]), "不到全站上限时不应暂停"
    newcomer = _log_in(_page("data"), "正确的口令-123")
    assert any("登录已暂停" in e.value for e in newcomer.error), [e.value for e in newcomer.error]
    assert not newcomer.get("file_uploader")


@pytest.mark.usefixtures("app_env", "fresh_login_limits")
def test_editor_password_gates_importing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CHAINKG_EDITOR_PASSWORD", "正确的口令-123")
    app = _page("data")
    assert not app.get("file_uploader")
    app.text_input(key="editor-password").set_value("错误口令")
    app.button(key="editor-login").click().run()
    assert any("口令不正确" in e.value for e in app.error)
    assert not app.get("file_uploader")
    app.text_input(key="editor-password").set_value("正确的口令-123")
    app.button(key="editor-login").click().run()
    assert not app.exception
    assert app.get("file_uploader")


def test_markdown_from_data_is_escaped(
    loaded_store: EmbeddedStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copy(loaded_store.path, tmp_path / "graph.json")
    store = EmbeddedStore(tmp_path)
    hostile = "![跟踪](https://example.invalid/x.png)<img src=x onerror=alert(1)>"
    node = Node(
        id="enterprise:test:hostile", label=NodeLabel.ENTERPRISE, properties={"name": hostile, "locality": "local"}
    )
    tie = Relationship(type=RelType.OPERATES_IN, start=node.id, end="segment:模具")
    store.write(GraphData(nodes=[node], relationships=[tie]))
    monkeypatch.setenv("CHAINKG_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("CHAINKG_BACKEND", "embedded")
    monkeypatch.chdir(ROOT)
    app = _page("weak_links")
    app.selectbox(key="impact-enterprise").set_value(hostile)
    app.button(key="impact-run").click().run()
    assert not app.exception
    text = "".join(m.value for m in app.markdown)
    assert "\\!\\[跟踪\\]" in text
    assert not re.search(r"(?<!\\)(!\[|<|\]\()", text), "数据中的 Markdown/HTML 必须转义"
