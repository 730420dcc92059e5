"""Segment profiles and aggregates kept across writes stay equal to a from-scratch reading, on both backends.

Each store keeps its per-segment figures after a write and recomputes only the segments the write touched;
if that upkeep missed a case (a tie removed, a firm deleted, a locality changed, a segment renamed, a supply
link added), the kept figures would drift from what a fresh store object reads from the same data.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from graph.config import Settings, open_store
from graph.embedded import EmbeddedStore
from graph.model import GraphData, Node, NodeLabel, PropertyValue, Relationship, RelType, node_id
from graph.neo4j_store import Neo4jStore
from graph.store import GraphStore
from queries.opportunities import opportunities
from queries.risk import risk
from queries.supply import supply_overview

pytestmark = pytest.mark.neo4j

MOTOR = node_id(NodeLabel.SEGMENT, "步进电机")
HOUSING = node_id(NodeLabel.SEGMENT, "电机外壳")
NEW_FIRM = node_id(NodeLabel.ENTERPRISE, "测试新电机厂")


def _update(label: NodeLabel, nid: str, **properties: PropertyValue) -> Callable[[GraphStore], None]:
    """A write of some properties of one node (the rest stay as stored)."""
    return _write(GraphData(nodes=[Node(id=nid, label=label, properties=properties)]))


def _tie(enterprise: str, segment: str) -> Relationship:
    return Relationship(type=RelType.OPERATES_IN, start=enterprise, end=segment, properties={"basis": "测试"})


def _local_firms(store: GraphStore, segment: str) -> list[str]:
    return next(p.local_enterprises for p in store.segment_profiles() if p.id == segment)


def _write(data: GraphData) -> Callable[[GraphStore], None]:
    return lambda store: store.write(data)


def _steps(store: GraphStore) -> list[tuple[str, Callable[[GraphStore], None]]]:
    """The writes, in order; each names what it does. Ids come from the seed the fixture loaded."""
    tied = sorted(_local_firms(store, MOTOR))
    new_segment = node_id(NodeLabel.SEGMENT, "测试新环节")
    firm: dict[str, PropertyValue] = {"name": "测试新电机厂", "locality": "local", "registered_capital_wan": 800.0}
    return [
        (
            "add a local firm tied to two segments",
            _write(
                GraphData(
                    nodes=[Node(id=NEW_FIRM, label=NodeLabel.ENTERPRISE, properties=firm)],
                    relationships=[_tie(NEW_FIRM, MOTOR), _tie(NEW_FIRM, HOUSING)],
                )
            ),
        ),
        ("remove one of its ties", lambda s: s.delete_relationship(RelType.OPERATES_IN, NEW_FIRM, HOUSING)),
        (
            "change its capital and name",
            _update(NodeLabel.ENTERPRISE, NEW_FIRM, name="测试改名电机厂", registered_capital_wan=5.0),
        ),
        (
            "make a seed firm a candidate elsewhere",
            _update(NodeLabel.ENTERPRISE, tied[0], locality="candidate", province="江西省"),
        ),
        ("make it local again", _update(NodeLabel.ENTERPRISE, tied[0], locality="local")),
        ("delete a seed firm", lambda s: s.delete_nodes([tied[-1]])),
        (
            "add a supply link into the motor segment",
            _write(
                GraphData(
                    nodes=[Node(id=new_segment, label=NodeLabel.SEGMENT, properties={"name": "测试新环节"})],
                    relationships=[
                        Relationship(
                            type=RelType.SUPPLIES,
                            start=new_segment,
                            end=MOTOR,
                            properties={"basis": "行业常识", "reason": "测试"},
                        )
                    ],
                )
            ),
        ),
        ("tie the new firm to the new segment", _write(GraphData(relationships=[_tie(NEW_FIRM, new_segment)]))),
        ("rename the new segment", _update(NodeLabel.SEGMENT, new_segment, name="测试改名环节")),
        ("delete the new segment", lambda s: s.delete_nodes([new_segment])),
        ("delete the new firm", lambda s: s.delete_nodes([NEW_FIRM])),
    ]


def _fresh(store: GraphStore, data_dir: Path) -> GraphStore:
    """A new store object on the same data: nothing kept, every figure read from scratch."""
    if isinstance(store, EmbeddedStore):
        return EmbeddedStore(data_dir)
    return open_store(Settings.from_env("neo4j"))


def _figures(store: GraphStore) -> tuple[object, ...]:
    return (
        store.segment_profiles(),
        store.segment_aggregates(),
        risk(store),
        supply_overview(store),
        opportunities(store),
    )


def test_kept_figures_follow_every_write(stores: tuple[Path, Neo4jStore]) -> None:
    data_dir, neo4j = stores
    embedded = EmbeddedStore(data_dir)
    pair: tuple[GraphStore, GraphStore] = (embedded, neo4j)
    for store in pair:
        _figures(store)  # kept from here on: every step below goes through the upkeep, not a first reading
    before = embedded.segment_aggregates()[MOTOR]
    for what, step in _steps(embedded):
        for store in pair:
            step(store)
        kept = [_figures(store) for store in pair]
        assert kept[0] == kept[1], f"两个后端在“{what}”之后不一致"
        for store, figures in zip(pair, kept, strict=True):
            fresh = _fresh(store, data_dir)
            assert figures == _figures(fresh), f"{store.backend} 在“{what}”之后保留的数字与重新读取的不一致"
            if fresh is not neo4j:
                fresh.close()
        if what == "add a local firm tied to two segments":
            after = embedded.segment_aggregates()[MOTOR]
            assert after.local == before.local + 1 and 800.0 in after.local_capitals


def test_callers_cannot_change_what_a_store_keeps(stores: tuple[Path, Neo4jStore]) -> None:
    data_dir, neo4j = stores
    for store in (EmbeddedStore(data_dir), neo4j):
        profile = next(p for p in store.segment_profiles() if p.local_enterprises)
        profile.local_enterprises.clear()
        profile.chains.append("不存在的链")
        aggregate = store.segment_aggregates()[profile.id]
        aggregate.local_names.clear()
        aggregate.substitutes["不存在的省"] = 99
        again = next(p for p in store.segment_profiles() if p.id == profile.id)
        assert again.local_enterprises and "不存在的链" not in again.chains
        kept = store.segment_aggregates()[profile.id]
        assert kept.local_names and "不存在的省" not in kept.substitutes
