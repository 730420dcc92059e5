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


GARBAGE = {
    "not JSON": b"{not json",
    "a list": b"[]",
    "an empty object": b"{}",
    "nodes not a list": b'{"nodes": 5, "relationships": []}',
    "a node not an object": b'{"nodes": [1], "relationships": []}',
    "an unknown label": b'{"nodes": [{"id": "x:1", "labels": ["Hacker"]}], "relationships": []}',
    "a node without id": b'{"nodes": [{"labels": ["Segment"]}], "relationships": []}',
    "GBK bytes": '{"nodes": [{"id": "segment:模具"}]}'.encode("gbk"),
    "binary garbage": bytes(range(256)),
}


@pytest.mark.parametrize("content", GARBAGE.values(), ids=GARBAGE.keys())
def test_a_corrupt_file_gets_one_readable_line(tmp_path: Path, content: bytes) -> None:
    (tmp_path / "graph.json").write_bytes(content)
    with pytest.raises(StoreError, match="已损坏") as caught:
        EmbeddedStore(tmp_path)
    assert "\n" not in str(caught.value)
    assert "chainkg load" in str(caught.value)


def test_unknown_labels_never_reach_a_store() -> None:
    with pytest.raises(ValueError):
        Node(id="x", label="Segment) DETACH DELETE (n", properties={})
