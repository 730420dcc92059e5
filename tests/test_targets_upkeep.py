"""Target lists kept across writes stay equal to a from-scratch reading, on both backends.

A target list keeps what it reads about its segment's surroundings (the candidates, the local buyers downstream
and their parks, the listed firms' ties to the chain's other segments) until a write changes one of the segments
it was read from (`GraphStore.changed_segments`). If that missed a case — a buyer moving park, a candidate gaining
a tie to another segment of the chain, a local firm appearing under a candidate's name, a write by another
process — the list the app keeps showing would differ from what a fresh store object reads from the same data.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from store_pair import fresh_store, held_store

from graph.model import GraphData, Node, NodeLabel, PropertyValue, Relationship, RelType, node_id
from graph.neo4j_store import Neo4jStore
from graph.store import GraphStore
from graph.vocabulary import Locality
from queries.network import supplied_segments
from queries.targets import TargetList, targets

pytestmark = pytest.mark.neo4j

CHAINKG = str(Path(sys.executable).parent / "chainkg")
GAP = "模具"
BAGS = node_id(NodeLabel.SEGMENT, "箱包")
"""A segment 模具 supplies, with one local firm among the 300 generated ones."""
CAR_PARTS = node_id(NodeLabel.SEGMENT, "汽车零部件")
"""Another segment of 模具's chains (and downstream of it)."""
BUYER = node_id(NodeLabel.ENTERPRISE, "测试模具买方")
NAMESAKE = node_id(NodeLabel.ENTERPRISE, "测试同名本地企业")


def _write(*nodes: Node, rels: tuple[Relationship, ...] = ()) -> Callable[[GraphStore], None]:
    return lambda store: store.write(GraphData(nodes=list(nodes), relationships=list(rels)))


def _node(label: NodeLabel, nid: str, **properties: PropertyValue) -> Node:
    return Node(id=nid, label=label, properties=properties)


def _rel(rel_type: RelType, start: str, end: str) -> Relationship:
    return Relationship(type=rel_type, start=start, end=end, properties={"basis": "测试"})


def _row(listed: TargetList, enterprise_id: str) -> list[str]:
    return next(row.reasons for row in listed.targets if row.enterprise_id == enterprise_id)


def _pitch(listed: TargetList) -> str:
    return listed.targets[0].reasons[0]


def _steps(store: GraphStore, data_dir: Path) -> list[tuple[str, Callable[[GraphStore], None], Callable[..., bool]]]:
    """(what the write does, the write, what the next list must show) in order; ids come from the loaded data."""
    first = targets(store, GAP)
    listed = [row.enterprise_id for row in first.targets]
    unchained = next(row for row in first.targets if not row.reasons[-1].startswith("还做"))
    namesake = first.targets[1]
    shown_park = _pitch(first).split("可落户")[1]
    parks = [park for park in store.nodes(NodeLabel.PARK) if not shown_park.startswith(park.name)]
    home, moved = parks[0], parks[1]
    elsewhere, renamed = [
        firm
        for firm in store.nodes(NodeLabel.ENTERPRISE, locality=Locality.LOCAL.value)
        if firm.id not in {tie.start for tie in store.relationships(RelType.OPERATES_IN, end=BAGS)}
    ][:2]
    renamed_to = first.targets[2]
    downstream = [supplied.id for supplied in supplied_segments(store, node_id(NodeLabel.SEGMENT, GAP))]
    env = {**os.environ, "CHAINKG_BACKEND": store.backend, "CHAINKG_DATA_DIR": str(data_dir)}

    def moves(s: GraphStore) -> None:
        s.delete_relationship(RelType.LOCATED_IN, BUYER, home.id)
        s.write(GraphData(relationships=[_rel(RelType.LOCATED_IN, BUYER, moved.id)]))

    def untie(s: GraphStore) -> None:
        s.delete_relationship(RelType.OPERATES_IN, listed[-1], node_id(NodeLabel.SEGMENT, GAP))

    def other_process_assigns(_: GraphStore) -> None:
        done = subprocess.run(
            [CHAINKG, "assign", elsewhere.id, "箱包"], capture_output=True, text=True, env=env, timeout=300
        )
        assert done.returncode == 0, done.stderr

    buyer: dict[str, PropertyValue] = {
        "name": "测试模具买方",
        "locality": Locality.LOCAL.value,
        "registered_capital_wan": 500.0,
    }
    in_every_downstream = tuple(_rel(RelType.OPERATES_IN, BUYER, segment) for segment in downstream)
    return [
        (
            "a local firm's registered capital changes (nothing on the list depends on it)",
            _write(_node(NodeLabel.ENTERPRISE, elsewhere.id, registered_capital_wan=12345.0)),
            lambda after: repr(after) == repr(first),
        ),
        (
            "a new local buyer operates in every downstream segment (its park then outweighs any other)",
            _write(_node(NodeLabel.ENTERPRISE, BUYER, **buyer), rels=in_every_downstream),
            lambda after: "测试模具买方" in _pitch(after),
        ),
        (
            "the buyer settles in a park",
            _write(rels=(_rel(RelType.LOCATED_IN, BUYER, home.id),)),
            lambda after: f"可落户{home.name}" in _pitch(after),
        ),
        ("the buyer moves to another park", moves, lambda after: f"可落户{moved.name}" in _pitch(after)),
        (
            "a listed candidate gains a tie to another segment of the chain",
            _write(rels=(_rel(RelType.OPERATES_IN, unchained.enterprise_id, CAR_PARTS),)),
            lambda after: "汽车零部件" in _row(after, unchained.enterprise_id)[-1],
        ),
        (
            "a local firm with a listed candidate's name appears",
            _write(_node(NodeLabel.ENTERPRISE, NAMESAKE, name=namesake.name, locality=Locality.LOCAL.value)),
            lambda after: namesake.enterprise_id not in [row.enterprise_id for row in after.targets],
        ),
        (
            "a local firm is renamed to another listed candidate's name",
            _write(_node(NodeLabel.ENTERPRISE, renamed.id, name=renamed_to.name)),
            lambda after: renamed_to.enterprise_id not in [row.enterprise_id for row in after.targets],
        ),
        (
            "a candidate's tie to the segment is removed",
            untie,
            lambda after: listed[-1] not in [row.enterprise_id for row in after.targets],
        ),
        (
            "another process ties a local firm to a downstream segment",
            other_process_assigns,
            lambda after: elsewhere.name in _pitch(after),
        ),
        (
            "the park's 一主一特 changes (wider than any segment)",
            _write(_node(NodeLabel.PARK, moved.id, main_industry="测试主导产业")),
            lambda after: "测试主导产业" in _pitch(after),
        ),
        (
            "a downstream segment is renamed",
            _write(_node(NodeLabel.SEGMENT, BAGS, name="测试箱包")),
            lambda after: "测试箱包企业" in _pitch(after),
        ),
        (
            "the segment itself is renamed (its node is kept until such a write)",
            _write(_node(NodeLabel.SEGMENT, node_id(NodeLabel.SEGMENT, GAP), name="测试模具")),
            lambda after: "做测试模具" in _pitch(after),
        ),
    ]


@pytest.mark.parametrize("backend", ["embedded", "neo4j"])
def test_the_list_after_each_write_equals_a_fresh_reading(backend: str, stores: tuple[Path, Neo4jStore]) -> None:
    data_dir, neo4j = stores
    held = held_store(backend, data_dir, neo4j)
    writer = fresh_store(backend, data_dir)
    try:
        for number, (what, write, shows) in enumerate(_steps(held, data_dir)):
            targets(held, GAP)  # the list is held before the write
            write(held if number % 2 else writer)  # the held store itself, or another store object on the same data
            after = targets(held, GAP)
            fresh = fresh_store(backend, data_dir)
            try:
                assert repr(after) == repr(targets(fresh, GAP)), f"{what}：保留的名单与从头读取的不一致"
            finally:
                fresh.close()
            assert shows(after), f"{what}：名单没有反映这次写入"
    finally:
        writer.close()


@pytest.mark.parametrize("backend", ["embedded", "neo4j"])
def test_a_write_names_the_segments_it_changed(backend: str, stores: tuple[Path, Neo4jStore]) -> None:
    data_dir, neo4j = stores
    store = held_store(backend, data_dir, neo4j)
    firm = store.nodes(NodeLabel.ENTERPRISE, locality=Locality.LOCAL.value)[0]
    segments = {tie.end for tie in store.relationships(RelType.OPERATES_IN, start=firm.id)}
    before = store.version()
    assert store.changed_segments(before) == (before, frozenset())
    store.write(GraphData(nodes=[_node(NodeLabel.ENTERPRISE, firm.id, registered_capital_wan=777.0)]))
    now = store.version()
    assert store.changed_segments(before) == (now, frozenset(segments)), "一家企业的改动应只涉及它所在的环节"
    park = store.nodes(NodeLabel.PARK)[0]
    store.write(GraphData(nodes=[_node(NodeLabel.PARK, park.id, special_industry="测试")]))
    assert store.changed_segments(now)[1] is None, "园区的改动超出任何环节，应视为全部可能改变"
    assert store.changed_segments("另一个库:3")[1] is None
