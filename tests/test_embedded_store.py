"""The embedded store keeps what was saved: across restarts, through crashes, on repeated loads."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from app_runs import APP_TIMEOUT_SECONDS
from cli_runs import chainkg
from filelock import FileLock
from streamlit.testing.v1 import AppTest

from graph.embedded import EmbeddedStore
from graph.model import GraphData, Node, NodeLabel, PropertyValue, Relationship, RelType
from graph.store import Capability, StoreError, graph_from_json


def _data() -> GraphData:
    return GraphData(
        nodes=[
            Node(id="segment:模具", label=NodeLabel.SEGMENT, properties={"name": "模具", "source": "规划"}),
            Node(id="segment:鞋", label=NodeLabel.SEGMENT, properties={"name": "运动鞋", "source": "规划"}),
        ],
        relationships=[Relationship(type=RelType.SUPPLIES, start="segment:模具", end="segment:鞋")],
    )


def test_the_embedded_store_has_no_console_and_says_where_to_find_one(tmp_path: Path) -> None:
    store = EmbeddedStore(tmp_path)
    assert Capability.READ_ONLY_CONSOLE not in store.capabilities
    with pytest.raises(StoreError, match="没有只读 Cypher 控制台；请改用 Neo4j 后端"):
        store.read_only_query("MATCH (n) RETURN n")


def test_data_survives_a_restart(tmp_path: Path) -> None:
    EmbeddedStore(tmp_path).write(_data())
    reopened = EmbeddedStore(tmp_path)
    mould = reopened.get_node("segment:模具")
    assert mould is not None and mould.name == "模具"
    assert reopened.trace("segment:模具", "down") == {"segment:鞋": 1}


def test_writing_twice_changes_nothing(tmp_path: Path) -> None:
    store = EmbeddedStore(tmp_path)
    store.write(_data())
    first = store.export().to_json_dict()
    store.write(_data())
    assert store.export().to_json_dict() == first


def test_a_crash_while_saving_keeps_the_saved_graph(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = EmbeddedStore(tmp_path)
    store.write(_data())
    before = (tmp_path / "graph.json").read_bytes()

    def crash(*_: object) -> None:
        raise OSError("磁盘已满（模拟）")

    monkeypatch.setattr(os, "replace", crash)  # the snapshot is written whole: replace_all
    extra = GraphData(nodes=[*_data().nodes, Node(id="segment:新", label=NodeLabel.SEGMENT, properties={"name": "新"})])
    with pytest.raises(OSError):
        store.replace_all(extra)
    monkeypatch.undo()
    assert (tmp_path / "graph.json").read_bytes() == before
    assert store.get_node("segment:新") is None, "内存中的图应回到磁盘上的状态"
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
    assert EmbeddedStore(tmp_path).get_node("segment:新") is None


def test_a_crash_while_appending_keeps_the_saved_graph(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = EmbeddedStore(tmp_path)
    store.write(_data())
    real_pwrite = os.pwrite

    def half_then_crash(fd: int, data: bytes, offset: int) -> int:
        real_pwrite(fd, data[: len(data) // 2], offset)  # the disk filled up half way through the record
        raise OSError("磁盘已满（模拟）")

    monkeypatch.setattr(os, "pwrite", half_then_crash)
    with pytest.raises(OSError):
        store.write(GraphData(nodes=[Node(id="segment:新", label=NodeLabel.SEGMENT, properties={"name": "新"})]))
    monkeypatch.undo()
    assert store.get_node("segment:新") is None, "内存中的图应回到磁盘上的状态"
    assert EmbeddedStore(tmp_path).get_node("segment:新") is None, "写了一半的记录不应生效"
    store.write(GraphData(nodes=[Node(id="segment:后", label=NodeLabel.SEGMENT, properties={"name": "后"})]))
    reopened = EmbeddedStore(tmp_path)
    assert reopened.get_node("segment:后") is not None and reopened.get_node("segment:新") is None


def test_every_save_by_another_store_is_seen_by_the_next_read(tmp_path: Path) -> None:
    held, other = EmbeddedStore(tmp_path), EmbeddedStore(tmp_path)
    held.write(_data())
    for i in range(30):  # saves in quick succession, each the same size as the one before
        nid = f"segment:新{i:02d}"
        other.write(GraphData(nodes=[Node(id=nid, label=NodeLabel.SEGMENT, properties={"name": "新"})]))
        assert held.get_node(nid) is not None, f"第 {i} 次保存后读到了旧数据"
        other.delete_nodes([nid])
        assert held.get_node(nid) is None


def test_opening_the_store_never_removes_a_temp_file_a_writer_is_saving(tmp_path: Path) -> None:
    EmbeddedStore(tmp_path).write(_data())
    saving = tmp_path / ".graph-writer.tmp"
    with FileLock(tmp_path / ".graph.lock"):  # a writer in another process, between writing and renaming
        saving.write_text("{}", encoding="utf-8")
        EmbeddedStore(tmp_path)
        assert saving.exists(), "读取方删除了写入方正要改名的临时文件"
    EmbeddedStore(tmp_path)
    assert not saving.exists(), "没有写入方时，打开存储应清理中断留下的临时文件"


def test_a_dangling_relationship_changes_nothing(tmp_path: Path) -> None:
    store = EmbeddedStore(tmp_path)
    store.write(_data())
    bad = GraphData(
        nodes=[Node(id="segment:甲", label=NodeLabel.SEGMENT, properties={"name": "甲"})],
        relationships=[Relationship(type=RelType.SUPPLIES, start="segment:甲", end="segment:不存在")],
    )
    with pytest.raises(StoreError, match="不存在"):
        store.write(bad)
    assert store.get_node("segment:甲") is None


BROKEN = sorted((Path(__file__).parent / "fixtures" / "graph_files").glob("*.json"))
CHAINKG = str(Path(sys.executable).parent / "chainkg")
ROOT = Path(__file__).resolve().parent.parent


def _one_line_error(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 1, result.stdout
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    return result.stderr


@pytest.mark.parametrize("broken", BROKEN, ids=lambda p: p.stem)
def test_a_broken_store_file_gets_one_readable_line(tmp_path: Path, broken: Path) -> None:
    shutil.copy(broken, tmp_path / "graph.json")
    with pytest.raises(StoreError, match="已损坏") as caught:
        EmbeddedStore(tmp_path)
    assert "\n" not in str(caught.value) and "chainkg load" in str(caught.value)
    assert "已损坏" in _one_line_error(chainkg("stats", data_dir=tmp_path))
    assert (tmp_path / "graph.json").read_bytes() == broken.read_bytes(), "损坏的文件应原样保留，便于恢复"


@pytest.mark.parametrize("broken", BROKEN, ids=lambda p: p.stem)
def test_loading_a_broken_graph_file_gets_one_readable_line(tmp_path: Path, broken: Path) -> None:
    message = _one_line_error(chainkg("load", "--reset", "--from-json", str(broken), data_dir=tmp_path))
    assert "无法加载" in message and "chainkg export" in message
    assert not (tmp_path / "graph.json").exists(), "加载失败时不应写入任何数据"


def test_the_app_explains_a_broken_store_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "graph.json").write_text("[]", encoding="utf-8")
    monkeypatch.setenv("CHAINKG_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("CHAINKG_BACKEND", "embedded")
    monkeypatch.chdir(ROOT)
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=APP_TIMEOUT_SECONDS).run()
    assert not app.exception, app.exception
    assert any("已损坏" in error.value for error in app.error)
    assert (tmp_path / "graph.json").read_text(encoding="utf-8") == "[]", "应用不应覆盖损坏的文件"


def test_unknown_labels_never_reach_a_store() -> None:
    with pytest.raises(ValueError):
        Node.model_validate({"id": "x", "label": "Segment) DETACH DELETE (n", "properties": {}})


def _firms() -> GraphData:
    """Two enterprises with every kind of property value, tied to a segment with evidence."""
    data = _data()
    properties: dict[str, PropertyValue] = {
        "name": "合成甲模具有限公司",
        "locality": "candidate",
        "registered_capital_wan": 50.0,
        "insured_staff": 27,
        "listed": False,
        "phones": ["0746-0000001", "13800000001"],
        "founded": None,
    }
    firms = [
        Node(id="enterprise:甲", label=NodeLabel.ENTERPRISE, properties=properties),
        Node(id="enterprise:乙", label=NodeLabel.ENTERPRISE, properties={"name": "合成乙", "locality": "local"}),
    ]
    evidence: dict[str, PropertyValue] = {"keywords": ["模具"], "confidence": 0.9, "grade": "confirmed"}
    ties = [
        Relationship(type=RelType.OPERATES_IN, start=firm.id, end="segment:模具", properties=evidence) for firm in firms
    ]
    return GraphData(nodes=data.nodes + firms, relationships=data.relationships + ties)


def test_enterprises_read_back_exactly_as_written(tmp_path: Path) -> None:
    data = _firms()
    EmbeddedStore(tmp_path).write(data)
    for store in (EmbeddedStore(tmp_path), EmbeddedStore(tmp_path / "fresh")):
        if store.data_dir.name == "fresh":
            store.write(data)
        assert store.export().to_json_dict() == data.to_json_dict()
        assert store.names(NodeLabel.ENTERPRISE, locality="local") == ["合成乙"]
        assert [n.id for n in store.search("合成甲")] == ["enterprise:甲"]
        (tie,) = store.enterprises_in("segment:模具", locality="candidate")
        assert dict(tie.properties) == data.nodes[2].properties and tie.tie["confidence"] == 0.9


def test_a_store_file_saved_by_the_previous_version_opens_and_is_saved_one_item_per_line(tmp_path: Path) -> None:
    """Files of the previous version are one JSON document on one line: they open as they are (no migration
    step), and the next save writes the line-per-item form, which is still the export's JSON shape."""
    data = _firms()
    old = {"version": "0123456789abcdef0123456789abcdef", **data.to_json_dict()}
    (tmp_path / "graph.json").write_text(json.dumps(old, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    store = EmbeddedStore(tmp_path)
    assert store.export().to_json_dict() == data.to_json_dict()
    store.write(
        GraphData(nodes=[Node(id="enterprise:乙", label=NodeLabel.ENTERPRISE, properties={"insured_staff": 3})])
    )
    saved = (tmp_path / "graph.json").read_text(encoding="utf-8")
    assert len(saved.splitlines()) == len(data.nodes) + len(data.relationships) + 3
    assert graph_from_json(saved.encode()).node_ids() == data.node_ids(), "保存的文件应仍是导出格式的 JSON"
    reopened = EmbeddedStore(tmp_path).get_node("enterprise:乙")
    assert reopened is not None and reopened.properties == {"name": "合成乙", "locality": "local", "insured_staff": 3}
