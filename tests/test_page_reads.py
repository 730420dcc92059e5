"""What the pages' queries send to a real Neo4j does not grow with the firms, segments or chains they cover.

At 100,000 enterprises a statement per firm, per segment or per chain is a round trip each: 环节与企业 sent ~500
statements per view (two or four per local firm of the segment, for its parks), 产业链工作台 one per segment of the
chain (71) and 供需对接 two per chain (146). These tests count statements, never time.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from store_pair import fresh_store

from graph import neo4j_cypher as cypher
from graph.model import GraphData, Node, NodeLabel, Relationship, RelType, node_id
from graph.neo4j_store import Neo4jStore
from graph.vocabulary import Locality
from loaders.load import load_all
from queries.cards import segment_card
from queries.chain_map import chain_map
from queries.report_data import report_data
from queries.structure import chain_summaries
from queries.supply import supply_overview
from queries.targets import targets

pytestmark = pytest.mark.neo4j
SEGMENT = "模具"
PARK = node_id(NodeLabel.PARK, "祁阳高新区")
Sent = list[tuple[str, dict[str, Any]]]


@pytest.fixture
def seeded(neo4j_store: Neo4jStore) -> Iterator[Neo4jStore]:
    neo4j_store.clear()
    load_all(neo4j_store)
    yield neo4j_store


def _firms(prefix: str, count: int, locality: Locality, *, located: bool) -> GraphData:
    """`count` test firms operating in SEGMENT (and located in a park when `located`); not facts about anyone."""
    nodes, rels = [], []
    for i in range(count):
        firm = Node(
            id=node_id(NodeLabel.ENTERPRISE, f"{prefix}{i:03d}"),
            label=NodeLabel.ENTERPRISE,
            properties={"name": f"{prefix}{i:03d}", "locality": locality.value, "note": "测试数据，不是事实"},
        )
        nodes.append(firm)
        rels.append(Relationship(type=RelType.OPERATES_IN, start=firm.id, end=node_id(NodeLabel.SEGMENT, SEGMENT)))
        if located:
            rels.append(Relationship(type=RelType.LOCATED_IN, start=firm.id, end=PARK))
    return GraphData(nodes=nodes, relationships=rels)


def _recorded() -> tuple[Neo4jStore, Sent]:
    """A fresh store object, and the list every statement it sends goes to (with its parameters)."""
    fresh = fresh_store("neo4j", Path())
    assert isinstance(fresh, Neo4jStore)
    sent: Sent = []
    read = fresh._read

    def recording(query: str, **params: Any) -> list[Any]:
        sent.append((query, params))
        return read(query, **params)

    fresh._read = recording  # type: ignore[method-assign]  # a throwaway store object, its reads recorded
    return fresh, sent


def _sent(call: Callable[[Neo4jStore], object]) -> Sent:
    """Every statement (with its parameters) a fresh store object sends for `call`."""
    fresh, sent = _recorded()
    try:
        call(fresh)
    finally:
        fresh.close()
    return sent


def test_a_segment_card_reads_the_same_for_fifty_more_local_firms(seeded: Neo4jStore) -> None:
    """50 more local firms in the segment, all in one park: the card names them, with the park, and sends the same
    statements (the old card read each firm's parks on its own: four statements a firm)."""
    seeded.write(_firms("测试本地模具企业", 1, Locality.LOCAL, located=True))
    before = _sent(lambda store: segment_card(store, SEGMENT))
    seeded.write(_firms("测试新增模具企业", 50, Locality.LOCAL, located=True))
    after = _sent(lambda store: segment_card(store, SEGMENT))
    assert [q for q, _ in after] == [q for q, _ in before], "环节卡片的语句数随本地企业数增加"
    card = segment_card(seeded, SEGMENT)
    added = [firm for firm in card.local_firms if firm.name.startswith("测试新增模具企业")]
    assert len(added) == 50 and all(firm.places == ["祁阳高新区"] for firm in added)


def test_a_chain_report_reads_its_local_firms_in_one_statement(seeded: Neo4jStore) -> None:
    """产业链工作台's report data reads the local firms of all the chain's segments at once, not segment by segment."""
    sent = _sent(lambda store: report_data(store, "电机"))
    per_segment = [q for q, params in sent if q == cypher.ENTERPRISES_IN and params["locality"] == Locality.LOCAL]
    assert not per_segment, f"逐个环节读取本地企业：{len(per_segment)} 条语句"
    batches = [set(params["ids"]) for q, params in sent if q == cypher.ENTERPRISES_IN_EACH]
    assert {s.segment_id for s in chain_map(seeded, "电机").segments} in batches, "应一次读出全链各环节的本地企业"
    assert report_data(seeded, "电机").enterprises, "电机链应列出本地企业"


def test_supply_overview_reads_do_not_grow_with_the_chains(seeded: Neo4jStore) -> None:
    """Every chain's 本地配套率 (供需对接's last table) from one read of the chains and one of their PART_OF links."""
    chains = len(chain_summaries(seeded))
    sent = _sent(supply_overview)
    assert len(sent) < chains / 2, f"{chains} 条产业链发出了 {len(sent)} 条语句"
    assert not [q for q, _ in sent if q == cypher.get_node(NodeLabel.CHAIN)], "每条产业链各读一次"


def test_a_target_list_asks_once_what_changed(seeded: Neo4jStore) -> None:
    """The readings a target list keeps (its segment, candidates, context, the chain's other segments and the
    listed firms' ties there) share one question of what changed since the last list: after a write to one of its
    candidates the list asks once (it asked at each of four places), and equals a fresh store's list."""
    held, sent = _recorded()
    try:
        first = targets(held, SEGMENT)
        candidate = first.targets[0].enterprise_id
        seeded.write(GraphData(nodes=[Node(id=candidate, label=NodeLabel.ENTERPRISE, properties={"note": "测试"})]))
        sent.clear()
        after = targets(held, SEGMENT)
        queries = [query for query, _ in sent]
        asked = queries.count(cypher.CHANGES_SINCE)
        assert asked == 1, f"一次招商目标问了 {asked} 次“写入改了哪些环节”"
        assert cypher.get_node(NodeLabel.SEGMENT) not in queries, "环节节点在没有更大范围的写入时应沿用"
    finally:
        held.close()
    fresh = fresh_store("neo4j", Path())
    try:
        assert repr(after) == repr(targets(fresh, SEGMENT)), "保留的名单与从头读取的不一致"
    finally:
        fresh.close()
