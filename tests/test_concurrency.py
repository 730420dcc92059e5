"""Several writers on one store never lose each other's work: command-line processes, the app, both backends.

Every process here is real (the `chainkg` command, a store object held open the way the app holds it),
and every assertion waits for the processes it depends on; nothing depends on timing.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from app_runs import APP_TIMEOUT_SECONDS
from streamlit.testing.v1 import AppTest

from graph.config import Settings
from graph.embedded import EmbeddedStore
from graph.model import GraphData, NodeLabel, RelType
from graph.neo4j_store import Neo4jStore
from graph.store import StoreError
from loaders.corrections import assign_segment

CHAINKG = str(Path(sys.executable).parent / "chainkg")
ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).parent / "fixtures" / "concurrency"
FIRST, SECOND = FIXTURES / "甲名录.csv", FIXTURES / "乙名录.csv"


def _names_in(csv: Path) -> set[str]:
    return {line.split(",")[0] for line in csv.read_text(encoding="utf-8").splitlines()[1:]}


def _errors(app: AppTest) -> str:
    """The error boxes as a person reads them (Markdown escapes removed)."""
    return re.sub(r"\\(.)", r"\1", "".join(e.value for e in app.error))


def _env(data_dir: Path, backend: str = "embedded") -> dict[str, str]:
    return {**os.environ, "CHAINKG_DATA_DIR": str(data_dir), "CHAINKG_BACKEND": backend}


def _import(csv: Path, env: dict[str, str]) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [CHAINKG, "import", "enterprises", str(csv)], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )


def _finished(process: subprocess.Popen[str]) -> None:
    _, err = process.communicate(timeout=600)
    assert process.returncode == 0, err


@pytest.fixture
def shared_dir(loaded_store: EmbeddedStore, tmp_path: Path) -> Path:
    """A data directory holding the full product graph, so opening and planning take as long as for a user."""
    shutil.copy(loaded_store.path, tmp_path / "graph.json")
    return tmp_path


def test_two_imports_at_the_same_time_keep_both_files_rows(shared_dir: Path) -> None:
    # Each process reads the graph when it starts and saves when it ends, so the two read-modify-writes
    # overlap; without a lock and a re-read the second save drops the first one's rows.
    first, second = _import(FIRST, _env(shared_dir)), _import(SECOND, _env(shared_dir))
    _finished(first)
    _finished(second)
    names = set(EmbeddedStore(shared_dir).names(NodeLabel.ENTERPRISE))
    assert _names_in(FIRST) <= names, "第一个导入的企业丢失"
    assert _names_in(SECOND) <= names, "第二个导入的企业丢失"
    assert not list(shared_dir.glob(".graph-*.tmp"))


def test_a_store_held_open_sees_and_keeps_a_command_line_import(shared_dir: Path) -> None:
    held = EmbeddedStore(shared_dir)  # as the app holds it: opened once, used for every page
    before = held.version()
    enterprise = held.nodes(NodeLabel.ENTERPRISE, locality="candidate")[0]
    _finished(_import(FIRST, _env(shared_dir)))
    assert held.version() != before, "其他进程写入后版本号应改变"
    assert _names_in(FIRST) <= set(held.names(NodeLabel.ENTERPRISE)), "打开着的存储应读到命令行导入"
    assign_segment(held, enterprise.id, "模具")
    reopened = EmbeddedStore(shared_dir)
    assert _names_in(FIRST) <= set(reopened.names(NodeLabel.ENTERPRISE)), "更正覆盖了命令行导入"
    assert reopened.relationships(RelType.OPERATES_IN, start=enterprise.id, end="segment:模具")


def test_the_version_changes_with_every_write_and_only_then(shared_dir: Path) -> None:
    held = EmbeddedStore(shared_dir)
    first = held.version()
    held.counts()
    assert held.version() == first, "读取不应改变版本号"
    assert EmbeddedStore(shared_dir).version() == first, "同一文件在各进程中版本号相同"
    done = subprocess.run(
        [CHAINKG, "assign", held.nodes(NodeLabel.ENTERPRISE)[0].id, "模具"],
        env=_env(shared_dir),
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr
    second = held.version()
    assert second != first
    assign_segment(held, held.nodes(NodeLabel.ENTERPRISE)[1].id, "模具")
    assert held.version() not in (first, second)


def test_a_correction_saved_in_the_app_after_a_command_line_import_keeps_the_import(
    shared_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CHAINKG_DATA_DIR", str(shared_dir))
    monkeypatch.setenv("CHAINKG_BACKEND", "embedded")
    monkeypatch.setenv("CHAINKG_EDITOR_PASSWORD", "测试口令-并发")
    monkeypatch.chdir(ROOT)
    chain_map = AppTest.from_file(str(ROOT / "ui" / "chain_map.py"), default_timeout=APP_TIMEOUT_SECONDS).run()
    assert "电镀/表面处理" in _errors(chain_map), "导入前电镀/表面处理应是缺口"
    data = AppTest.from_file(str(ROOT / "ui" / "data.py"), default_timeout=APP_TIMEOUT_SECONDS).run()
    data.text_input(key="editor-password").set_value("测试口令-并发")
    data.button(key="editor-login").click().run()

    _finished(_import(FIRST, _env(shared_dir)))  # while the app runs, someone imports on the command line

    chain_map.run()
    assert not chain_map.exception, chain_map.exception
    assert "电镀/表面处理" not in _errors(chain_map), "页面应显示命令行导入后的状态"
    candidate = EmbeddedStore(shared_dir).nodes(NodeLabel.ENTERPRISE, locality="candidate")[0]
    data.text_input(key="assign-enterprise").set_value(candidate.id)
    data.selectbox(key="assign-segment").set_value("模具")
    data.button(key="assign-save").click().run()
    assert not data.exception, data.exception
    assert data.success, _errors(data)
    reopened = EmbeddedStore(shared_dir)
    assert _names_in(FIRST) <= set(reopened.names(NodeLabel.ENTERPRISE)), "应用中的更正覆盖了命令行导入"
    assert reopened.relationships(RelType.OPERATES_IN, start=candidate.id, end="segment:模具")


@pytest.mark.neo4j
def test_the_neo4j_version_changes_after_a_write_from_another_process(neo4j_store: Neo4jStore, tmp_path: Path) -> None:
    first = neo4j_store.version()
    neo4j_store.counts()
    assert neo4j_store.version() == first, "读取不应改变版本号"
    _finished(_import(FIRST, _env(tmp_path, "neo4j")))
    second = neo4j_store.version()
    assert second != first
    assert _names_in(FIRST) <= set(neo4j_store.names(NodeLabel.ENTERPRISE))
    neo4j_store.delete_nodes([n.id for n in neo4j_store.nodes(NodeLabel.ENTERPRISE) if n.name in _names_in(FIRST)])
    assert neo4j_store.version() not in (first, second)
    assert not _names_in(FIRST) & set(neo4j_store.names(NodeLabel.ENTERPRISE))


@pytest.mark.neo4j
def test_two_neo4j_imports_at_the_same_time_keep_both_files_rows(neo4j_store: Neo4jStore, tmp_path: Path) -> None:
    first, second = _import(FIRST, _env(tmp_path, "neo4j")), _import(SECOND, _env(tmp_path, "neo4j"))
    _finished(first)
    _finished(second)
    names = set(neo4j_store.names(NodeLabel.ENTERPRISE))
    assert _names_in(FIRST) | _names_in(SECOND) <= names


@pytest.mark.neo4j
def test_neo4j_writes_on_a_lost_connection_get_one_readable_line(neo4j_store: Neo4jStore) -> None:
    lost = Neo4jStore(neo4j_store.uri, *_credentials())
    lost.close()
    for write in (
        lambda: lost.delete_nodes(["segment:模具"]),
        lambda: lost.delete_relationship(RelType.SUPPLIES, "segment:模具", "segment:电机"),
        lost.clear,
        lambda: lost.replace_all(GraphData()),
    ):
        with pytest.raises(StoreError, match="连接中断") as caught:
            write()
        assert "\n" not in str(caught.value)


def _credentials() -> tuple[str, str]:
    settings = Settings.from_env("neo4j")
    return settings.neo4j_user, settings.neo4j_password or ""
