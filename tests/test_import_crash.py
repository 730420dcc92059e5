"""Killing an import or a `load --reset` at any moment leaves the previous data or the complete new data, on both
backends.

The command is killed (SIGKILL) at increasing delays until it finishes on its own, so the kill lands in every
phase — reading, validating, writing, saving. The delays step by a fraction of how long a complete run took,
so a slow or busy machine gets as many kill points as a fast one. After each kill the stored graph must be
exactly the graph before the command or exactly the graph after a complete run.

On Neo4j a killed client's transaction can outlive the client: the server finishes the statement it is running
(or a COMMIT the client had already sent) and only then notices the closed connection. So before looking at the
data, the test waits until the server has no transaction open other than the one asking; otherwise it could read
half before and half after that late commit, or reset the data while it lands.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from neo4j import Driver, GraphDatabase

from graph.config import Settings
from graph.embedded import GRAPH_FILE, JOURNAL_FILE, EmbeddedStore
from graph.model import GraphData, Node, NodeLabel, node_id
from graph.neo4j_store import Neo4jStore
from graph.store import GraphStore
from loaders.importing import apply_import, plan_import
from loaders.load import load_all

CHAINKG = str(Path(sys.executable).parent / "chainkg")
ROWS = 4000
KILL_POINTS = 12
SETTLE_LIMIT_SECONDS = 600


@pytest.fixture(scope="module")
def big_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("crash") / "大名录.csv"
    lines = ["企业名称,所属省份,注册资本,经营范围"]
    lines += [f"测试{i:05d}精密模具有限公司,广东省,{100 + i}万元,模具、冲压模、压铸件、电镀加工" for i in range(ROWS)]
    path.write_text("\n".join(lines), encoding="gbk")
    return path


@pytest.fixture(scope="module")
def old_graph_file(loaded_store: EmbeddedStore, big_file: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The product graph plus a big import: what `load --reset` replaces (and must never lose to a kill)."""
    directory = tmp_path_factory.mktemp("old")
    shutil.copy(loaded_store.path, directory / "graph.json")
    store = EmbeddedStore(directory)
    apply_import(store, plan_import(store, big_file.name, big_file.read_bytes()))
    store.compact()  # graph.json then holds the whole store
    return store.path


@pytest.fixture(scope="module")
def server() -> Iterator[Driver]:
    """A plain driver for asking the server about its transactions (the store does not expose that)."""
    settings = Settings.from_env("neo4j")
    driver = GraphDatabase.driver(
        settings.neo4j_uri or "bolt://127.0.0.1:7687", auth=(settings.neo4j_user, settings.neo4j_password or "")
    )
    yield driver
    driver.close()


def _snapshot(store: GraphStore) -> str:
    return json.dumps(store.export().to_json_dict(), ensure_ascii=False, sort_keys=True)


def _wait_for_other_transactions(server: Driver) -> None:
    """Wait until the server has finished or rolled back every transaction but this question's own.

    A write transaction commits only on a COMMIT, which the driver sends after the server has answered the
    transaction's statements; so once no other transaction is open, none of a dead client's can commit later.
    """
    deadline = time.monotonic() + SETTLE_LIMIT_SECONDS
    while True:
        records, _, _ = server.execute_query("SHOW TRANSACTIONS YIELD currentQuery RETURN currentQuery")
        if all(str(r["currentQuery"]).startswith("SHOW TRANSACTIONS") for r in records):
            return
        assert time.monotonic() < deadline, f"服务器上仍有未结束的事务：{[r['currentQuery'][:80] for r in records]}"
        time.sleep(0.05)


def _kill_sweep(
    command: list[str],
    env: dict[str, str],
    snapshot: Callable[[], str],
    reset: Callable[[], None],
    settle: Callable[[], None] = lambda: None,
) -> set[str]:
    """Kill the command at growing delays; return which states were seen ("before" / "after")."""
    reset()
    before = snapshot()
    started = time.monotonic()
    finished = subprocess.run(command, env=env, capture_output=True, text=True, timeout=600)
    assert finished.returncode == 0, finished.stderr
    step = (time.monotonic() - started) / KILL_POINTS
    settle()
    after = snapshot()
    assert after != before
    seen = set()
    delay = step
    while True:
        reset()
        process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(delay)
        completed = process.poll() is not None
        if not completed:
            os.kill(process.pid, signal.SIGKILL)
        process.wait()
        settle()
        state = snapshot()
        assert state in (before, after), f"在 {delay:.1f} 秒时中断后，数据既不是之前也不是之后的状态"
        seen.add("before" if state == before else "after")
        if completed:
            return seen
        delay += step


def _embedded_env(data_dir: Path) -> dict[str, str]:
    return {**os.environ, "CHAINKG_DATA_DIR": str(data_dir), "CHAINKG_BACKEND": "embedded"}


def _restore(graph_file: Path, data_dir: Path) -> None:
    """Put `graph_file` back as the whole store: the journal of a run before holds writes on top of it."""
    shutil.copy(graph_file, data_dir / GRAPH_FILE)
    (data_dir / JOURNAL_FILE).unlink(missing_ok=True)


def test_killing_an_embedded_import_loses_nothing(loaded_store: EmbeddedStore, tmp_path: Path, big_file: Path) -> None:
    data_dir = tmp_path / "data"
    data_dir.mkdir()

    def reset() -> None:
        _restore(loaded_store.path, data_dir)

    command = [CHAINKG, "import", "enterprises", str(big_file)]
    seen = _kill_sweep(command, _embedded_env(data_dir), lambda: _snapshot(EmbeddedStore(data_dir)), reset)
    assert "before" in seen
    assert not list(data_dir.glob(".graph-*.tmp")), "被中断留下的临时文件应在下次写入或打开时清理"


def test_killing_an_embedded_reset_load_leaves_the_old_or_the_new_graph(old_graph_file: Path, tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    data_dir.mkdir()

    def reset() -> None:
        _restore(old_graph_file, data_dir)

    command = [CHAINKG, "load", "--reset"]
    seen = _kill_sweep(command, _embedded_env(data_dir), lambda: _snapshot(EmbeddedStore(data_dir)), reset)
    assert "before" in seen


@pytest.mark.neo4j
def test_killing_a_neo4j_import_loses_nothing(neo4j_store: Neo4jStore, server: Driver, big_file: Path) -> None:
    def reset() -> None:
        neo4j_store.clear()
        load_all(neo4j_store)

    env = {**os.environ, "CHAINKG_BACKEND": "neo4j"}
    command = [CHAINKG, "import", "enterprises", str(big_file)]
    seen = _kill_sweep(
        command, env, lambda: _snapshot(neo4j_store), reset, settle=lambda: _wait_for_other_transactions(server)
    )
    assert "before" in seen


@pytest.mark.neo4j
def test_killing_a_neo4j_reset_load_leaves_the_old_or_the_new_graph(neo4j_store: Neo4jStore, server: Driver) -> None:
    # The old graph is the new one plus enterprises only it has, so writing those back is a cheap, exact reset
    # from either state a kill may leave.
    only_old = GraphData(
        nodes=[
            Node(
                id=node_id(NodeLabel.ENTERPRISE, f"测试旧图企业{i:03d}"),
                label=NodeLabel.ENTERPRISE,
                properties={"name": f"测试旧图企业{i:03d}", "locality": "candidate", "source": "测试"},
            )
            for i in range(200)
        ]
    )
    load_all(neo4j_store, reset=True)

    env = {**os.environ, "CHAINKG_BACKEND": "neo4j"}
    seen = _kill_sweep(
        [CHAINKG, "load", "--reset"],
        env,
        lambda: _snapshot(neo4j_store),
        lambda: neo4j_store.write(only_old),
        settle=lambda: _wait_for_other_transactions(server),
    )
    assert "before" in seen
