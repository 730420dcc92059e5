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
from graph.store import GraphStore, find_enterprise
from loaders.corrections import assign_segment
from loaders.load import load_all

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


def _correct(store: GraphStore) -> str:
    """Corrections as an editor makes them: over a keyword match, a removal, and a segment removed then added back."""
    assign_segment(store, "科力尔电机", "伺服电机")
    assign_segment(store, "佳电股份", "步进电机")
    assign_segment(store, "佳电股份", "微电机", remove=True)
    assign_segment(store, "佳电股份", "仿真电机", remove=True)
    assign_segment(store, "佳电股份", "仿真电机")
    return find_enterprise(store, "佳电股份").id


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
    """Exactly the same graph comes back, except that an empty list (which `chainkg assign` wrote before
    2026-12-02) comes back absent, as every reader takes it: the import says how many there were."""
    _correct(store)
    segment = node_id(NodeLabel.SEGMENT, "模具")
    old_style = find_enterprise(store, "科力尔电机")
    store.write(
        GraphData(
            nodes=[ODD, old_style.model_copy(update={"properties": {**old_style.properties, "excluded_segments": []}})],
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
    assert "其中 1 个属性是空列表（旧版 `chainkg assign` 写下的）" in done.stderr
    expected = store.export()
    assert f"已导入 {len(expected.nodes) + len(expected.relationships):,} 行" in done.stdout
    expected = GraphData(
        nodes=[
            node.model_copy(update={"properties": {k: v for k, v in node.properties.items() if v != []}})
            for node in expected.nodes
        ],
        relationships=expected.relationships,
    )

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


def test_after_corrections_the_import_files_are_written(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    assert chainkg("load", data_dir=data_dir).returncode == 0
    for args in (("科力尔电机", "伺服电机"), ("佳电股份", "微电机", "--remove"), ("佳电股份", "微电机")):
        done = chainkg("assign", *args, data_dir=data_dir)
        assert done.returncode == 0, done.stderr
    done = chainkg("neo4j-import", "--out", str(tmp_path / "csv"), data_dir=data_dir)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("bin/neo4j-admin database import full ")


def test_corrections_write_no_empty_list_and_the_same_in_both_stores(
    store: EmbeddedStore, neo4j_store: Neo4jStore
) -> None:
    neo4j_store.clear()
    load_all(neo4j_store)
    firm = _correct(store)
    assert _correct(neo4j_store) == firm
    for each in (store, neo4j_store):
        data = each.export()
        items: list[Node | Relationship] = [*data.nodes, *data.relationships]
        assert not [p for item in items for p in item.properties.values() if p == []]
    ties = {r.end: r.properties for r in store.relationships(RelType.OPERATES_IN, start=firm)}
    assert ties == {r.end: r.properties for r in neo4j_store.relationships(RelType.OPERATES_IN, start=firm)}
    assert ties[node_id(NodeLabel.SEGMENT, "步进电机")] == {
        "source": "导入",
        "basis": "人工更正",
        "confidence": 1.0,
        "note": "由用户人工指定",
    }, "人工更正整条替换关键词匹配，不留下匹配关键词和等级"
    assert node_id(NodeLabel.SEGMENT, "微电机") not in ties
    for each in (store, neo4j_store):
        node = each.get_node(firm)
        assert node is not None and node.properties["excluded_segments"] == ["微电机", "仿真电机"]


def test_an_empty_store_is_refused_in_chinese(tmp_path: Path) -> None:
    done = chainkg("neo4j-import", "--out", str(tmp_path / "csv"), data_dir=tmp_path / "empty")
    assert done.returncode != 0
    assert "图谱是空的" in done.stderr
    assert not (tmp_path / "csv").exists()
