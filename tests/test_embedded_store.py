"""The embedded store keeps what was saved: across restarts, through crashes, on repeated loads."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from graph.embedded import EmbeddedStore
from graph.model import GraphData, Node, NodeLabel, Relationship, RelType
from graph.store import StoreError


def _data() -> GraphData:
    return GraphData(
        nodes=[
            Node(id="segment:模具", label=NodeLabel.SEGMENT, properties={"name": "模具", "source": "规划"}),
            Node(id="segment:鞋", label=NodeLabel.SEGMENT, properties={"name": "运动鞋", "source": "规划"}),
        ],
        relationships=[Relationship(type=RelType.SUPPLIES, start="segment:模具", end="segment:鞋")],
    )


def test_data_survives_a_restart(tmp_path: Path) -> None:
    EmbeddedStore(tmp_path).write(_data())
    reopened = EmbeddedStore(tmp_path)
    assert reopened.get_node("segment:模具").name == "模具"
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

    monkeypatch.setattr(os, "replace", crash)
    extra = GraphData(nodes=[Node(id="segment:新", label=NodeLabel.SEGMENT, properties={"name": "新"})])
    with pytest.raises(OSError):
        store.write(extra)
    monkeypatch.undo()
    assert (tmp_path / "graph.json").read_bytes() == before
    assert store.get_node("segment:新") is None, "内存中的图应回到磁盘上的状态"
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


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


def test_a_corrupt_file_gets_a_readable_message(tmp_path: Path) -> None:
    (tmp_path / "graph.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(StoreError, match="无法读取数据文件"):
        EmbeddedStore(tmp_path)


def test_unknown_labels_never_reach_a_store() -> None:
    with pytest.raises(ValueError):
        Node(id="x", label="Segment) DETACH DELETE (n", properties={})
