"""Killing an import at any moment leaves the previous data intact, on both backends.

The import is killed (SIGKILL) at increasing delays until it finishes on its own, so the kill
lands in every phase — reading, validating, writing, saving. After each kill the stored graph
must be exactly the graph before the import or exactly the graph after a complete import.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from graph.embedded import EmbeddedStore
from graph.neo4j_store import Neo4jStore
from graph.store import GraphStore
from loaders.load import load_all

CHAINKG = str(Path(sys.executable).parent / "chainkg")
ROWS = 4000
STEP_SECONDS = 0.3


@pytest.fixture(scope="module")
def big_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("crash") / "大名录.csv"
    lines = ["企业名称,所属省份,注册资本,经营范围"]
    lines += [f"测试{i:05d}精密模具有限公司,广东省,{100 + i}万元,模具、冲压模、压铸件、电镀加工" for i in range(ROWS)]
    path.write_text("\n".join(lines), encoding="gbk")
    return path


def _snapshot(store: GraphStore) -> str:
    return json.dumps(store.export().to_json_dict(), ensure_ascii=False, sort_keys=True)


def _kill_sweep(env: dict[str, str], big_file: Path, reopen, reset) -> set[str]:  # type: ignore[no-untyped-def]
    """Kill the import at growing delays; return which states were seen ("before" / "after")."""
    reset()
    before = _snapshot(reopen())
    finished = subprocess.run(
        [CHAINKG, "import", "enterprises", str(big_file)], env=env, capture_output=True, text=True, timeout=600
    )
    assert finished.returncode == 0, finished.stderr
    after = _snapshot(reopen())
    assert after != before
    seen = set()
    delay = STEP_SECONDS
    while True:
        reset()
        process = subprocess.Popen(
            [CHAINKG, "import", "enterprises", str(big_file)],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        time.sleep(delay)
        completed = process.poll() is not None
        if not completed:
            os.kill(process.pid, signal.SIGKILL)
        process.wait()
        state = _snapshot(reopen())
        assert state in (before, after), f"在 {delay:.1f} 秒时中断后，数据既不是导入前也不是导入后"
        seen.add("before" if state == before else "after")
        if completed:
            return seen
        delay += STEP_SECONDS


def test_killing_an_embedded_import_loses_nothing(loaded_store: EmbeddedStore, tmp_path: Path, big_file: Path) -> None:
    data_dir = tmp_path / "data"
    data_dir.mkdir()

    def reset() -> None:
        shutil.copy(loaded_store.path, data_dir / "graph.json")

    env = {**os.environ, "CHAINKG_DATA_DIR": str(data_dir), "CHAINKG_BACKEND": "embedded"}
    seen = _kill_sweep(env, big_file, lambda: EmbeddedStore(data_dir), reset)
    assert "before" in seen
    assert not list(data_dir.glob(".graph-*.tmp")), "被中断留下的临时文件应在下次打开时清理"


@pytest.mark.neo4j
def test_killing_a_neo4j_import_loses_nothing(neo4j_store: Neo4jStore, big_file: Path) -> None:
    def reset() -> None:
        neo4j_store.clear()
        load_all(neo4j_store)

    env = {**os.environ, "CHAINKG_BACKEND": "neo4j"}
    seen = _kill_sweep(env, big_file, lambda: neo4j_store, reset)
    assert "before" in seen
