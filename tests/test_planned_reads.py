"""The Neo4j store's first full reading of per-segment figures also reads with id lists that match no segment
(`PLANNED_ID_LISTS`), so the server compiles the statements a later write's re-read sends. Those reads must write
nothing and change no answer: a store object that made them and one that did not give the same profiles,
aggregates and analyses after one-firm writes, and both the same as a fresh full reading."""

from __future__ import annotations

from pathlib import Path

import pytest
from store_pair import fresh_store

from graph import neo4j_store
from graph.model import GraphData, Node, NodeLabel, RelType
from graph.neo4j_store import Neo4jStore
from graph.store import GraphStore
from graph.vocabulary import Locality
from queries.gaps import gaps
from queries.health import health

pytestmark = pytest.mark.neo4j


def _readings(store: GraphStore) -> tuple[object, ...]:
    """Compared with ==: a segment's substitutes by province are a dict, in the order its rows were read."""
    return store.segment_profiles(), store.segment_aggregates(), gaps(store), health(store)


def _local_firm_in(store: GraphStore, segments: int) -> Node:
    """A local firm tied to exactly `segments` segments: its write names that many (one, or two to ten)."""
    ties: dict[str, int] = {}
    for rel in store.relationships(RelType.OPERATES_IN):
        ties[rel.start] = ties.get(rel.start, 0) + 1
    return next(
        firm
        for firm in store.nodes(NodeLabel.ENTERPRISE, locality=Locality.LOCAL.value)
        if ties.get(firm.id) == segments
    )


def test_first_reading_writes_nothing(stores: tuple[Path, Neo4jStore]) -> None:
    data_dir, _ = stores
    store = fresh_store("neo4j", data_dir)
    try:
        version, counts = store.version(), store.counts()
        store.segment_profiles()
        store.segment_aggregates()
        assert store.version() == version, "首次读取环节画像不应改变写入版本"
        assert store.counts() == counts, "首次读取环节画像不应增删节点或关系"
    finally:
        store.close()


def test_answers_after_writes_are_the_same_with_and_without_planned_reads(
    stores: tuple[Path, Neo4jStore], monkeypatch: pytest.MonkeyPatch
) -> None:
    data_dir, writer = stores
    planned = fresh_store("neo4j", data_dir)
    planned_first = _readings(planned)
    monkeypatch.setattr(neo4j_store, "PLANNED_ID_LISTS", ())
    plain = fresh_store("neo4j", data_dir)
    try:
        assert _readings(plain) == planned_first
        for segments in (1, 2):
            firm = _local_firm_in(writer, segments)
            capital = firm.properties.get("registered_capital_wan")
            moved = (capital if isinstance(capital, int | float) else 100) + 7
            writer.write(
                GraphData(
                    nodes=[Node(id=firm.id, label=NodeLabel.ENTERPRISE, properties={"registered_capital_wan": moved})]
                )
            )
            reference = fresh_store("neo4j", data_dir)
            try:
                expected = _readings(reference)
            finally:
                reference.close()
            written = f"写入一家 {segments} 个环节的企业后"
            assert _readings(planned) == expected, f"{written}，预先读取过的存储答案应与重新读取相同"
            assert _readings(plain) == expected, f"{written}，未预先读取的存储答案应与重新读取相同"
    finally:
        planned.close()
        plain.close()
