"""The offline bulk-import path: `chainkg neo4j-import` writes the CSV files and runs neo4j-admin into a fresh
database, which a real Neo4j server then serves with exactly the graph the embedded store holds."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from browser_app import ROOT, free_port
from cli_runs import chainkg

from graph.embedded import EmbeddedStore
from graph.model import GraphData, Node, NodeLabel, Relationship, RelType, node_id
from graph.neo4j_store import Neo4jStore

PASSWORD = "chainkg-import-pass"

ODD = Node(
    id=node_id(NodeLabel.ENTERPRISE, "导入测试"),
    label=NodeLabel.ENTERPRISE,
    properties={
        "name": '导入测试"引号",逗号\n换行有限公司',
        "locality": "candidate",
        "registered_capital_wan": 300,  # an int where every other enterprise has a float: a second file
        "business_scope": "",
        "aliases": ['甲"乙', "丙,丁", "戊;己"],
        "synthetic": True,
        "note": "导入测试用，不是事实",
    },
)


def _server(home: Path, port: int, action: str) -> None:
    env = {
        **os.environ,
        "CHAINKG_NEO4J_HOME": str(home),
        "CHAINKG_NEO4J_PORT": str(port),
        "CHAINKG_NEO4J_PASSWORD": PASSWORD,
        "CHAINKG_NEO4J_START_TIMEOUT": os.environ.get("CHAINKG_NEO4J_START_TIMEOUT", "900"),
    }
    subprocess.run([str(ROOT / "scripts" / "neo4j"), action], env=env, check=True, capture_output=True, timeout=1000)


def test_the_seed_round_trips_through_neo4j_admin_import(store: EmbeddedStore, tmp_path: Path) -> None:
    segment = node_id(NodeLabel.SEGMENT, "模具")
    store.write(
        GraphData(
            nodes=[ODD],
            relationships=[
                Relationship(type=RelType.OPERATES_IN, start=ODD.id, end=segment, properties={"confidence": 1})
            ],
        )
    )
    home = tmp_path / "neo4j"
    # neo4j-admin starts a JVM and writes a whole store: minutes on a busy 2-core machine, still a pass.
    done = chainkg(
        "neo4j-import", "--out", str(tmp_path / "csv"), "--neo4j-home", str(home), data_dir=store.data_dir, timeout=1800
    )
    assert done.returncode == 0, done.stderr
    expected = store.export()
    assert f"已导入 {len(expected.nodes) + len(expected.relationships):,} 行" in done.stdout

    port = free_port()
    _server(home, port, "start")
    try:
        imported = Neo4jStore(f"bolt://127.0.0.1:{port}", "neo4j", PASSWORD)
        try:
            assert imported.export().to_json_dict() == expected.to_json_dict()
        finally:
            imported.close()
    finally:
        _server(home, port, "stop")


def test_without_a_home_it_prints_the_command_for_every_file(store: EmbeddedStore, tmp_path: Path) -> None:
    done = chainkg("neo4j-import", "--out", str(tmp_path / "csv"), data_dir=store.data_dir)
    assert done.returncode == 0, done.stderr
    files = sorted((tmp_path / "csv").glob("*.csv"))
    command = done.stdout.strip()
    assert command.startswith("bin/neo4j-admin database import full ")
    assert all(str(path) in command for path in files)
    assert "停止 Neo4j 后" in done.stderr
    header = (tmp_path / "csv" / "nodes_Segment_0.csv").read_text(encoding="utf-8").splitlines()[0]
    assert header.startswith("id:ID,:LABEL,") and "keywords:string[]" in header


def test_an_empty_store_is_refused_in_chinese(tmp_path: Path) -> None:
    done = chainkg("neo4j-import", "--out", str(tmp_path / "csv"), data_dir=tmp_path / "empty")
    assert done.returncode != 0
    assert "图谱是空的" in done.stderr
    assert not (tmp_path / "csv").exists()
