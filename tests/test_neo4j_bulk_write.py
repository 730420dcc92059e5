"""Writes to Neo4j CREATE what cannot exist yet and MERGE the rest: the graph must come out exactly as the
embedded store's, whatever mix of new, existing and repeated rows a write carries."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph import neo4j_store as neo4j_store_module
from graph.embedded import EmbeddedStore
from graph.model import GraphData, Node, NodeLabel, Relationship, RelType, node_id
from graph.neo4j_store import Neo4jStore
from loaders.load import load_all
from loaders.synthetic import synthetic_enterprises

pytestmark = pytest.mark.neo4j


def _part(data: GraphData, ids: set[str]) -> GraphData:
    return GraphData(
        nodes=[n for n in data.nodes if n.id in ids], relationships=[r for r in data.relationships if r.start in ids]
    )


def _stores_with_firms(
    neo4j_store: Neo4jStore, tmp_path: Path, count: int, written: int, atomic: bool
) -> tuple[EmbeddedStore, GraphData, GraphData, list[str]]:
    """An embedded store and the emptied Neo4j store, both with the seed and the first `written` (by id) of
    `count` synthetic firms; returns the embedded store, the seed, all the firms and their sorted ids."""
    embedded = EmbeddedStore(tmp_path)
    neo4j_store.clear()
    seed = load_all(embedded)
    load_all(neo4j_store)
    firms = synthetic_enterprises(seed, count)
    ids = sorted(n.id for n in firms.nodes)
    for store in (embedded, neo4j_store):
        store.write(_part(firms, set(ids[:written])), atomic=atomic)
    return embedded, seed, firms, ids


@pytest.mark.parametrize("atomic", [True, False])
def test_new_existing_and_repeated_rows_give_the_embedded_stores_graph(
    neo4j_store: Neo4jStore, tmp_path: Path, atomic: bool
) -> None:
    embedded, seed, firms, ids = _stores_with_firms(neo4j_store, tmp_path, 40, 20, atomic)

    firm = firms.nodes[0]
    tie = next(r for r in firms.relationships if r.start == firm.id)
    other_segment = next(n.id for n in seed.nodes if n.label == NodeLabel.SEGMENT and n.id != tie.end)
    later = GraphData(
        nodes=[
            *firms.nodes,
            Node(id=firm.id, label=NodeLabel.ENTERPRISE, properties={"province": "湖南省", "employees": 12}),
        ],
        relationships=[
            *firms.relationships,
            Relationship(type=tie.type, start=tie.start, end=tie.end, properties={"source": "人工", "grade": "A"}),
            Relationship(type=RelType.OPERATES_IN, start=ids[30], end=other_segment, properties={"source": "人工"}),
            Relationship(type=RelType.OPERATES_IN, start=ids[30], end=other_segment, properties={"grade": "B"}),
        ],
    )
    for store in (embedded, neo4j_store):
        store.write(later, atomic=atomic)

    assert neo4j_store.export() == embedded.export()
    assert neo4j_store.counts() == embedded.counts()
    stored = neo4j_store.get_node(firm.id)
    assert stored is not None and stored.properties["employees"] == 12
    assert stored.properties["name"] == firm.properties["name"]
    twice = [r for r in neo4j_store.relationships(RelType.OPERATES_IN, start=ids[30]) if r.end == other_segment]
    assert [r.properties for r in twice] == [{"source": "人工", "grade": "B"}]


def test_a_bulk_load_in_many_batches_at_once_gives_the_embedded_stores_graph(
    neo4j_store: Neo4jStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Batches of 7 rows, two sessions at a time: new firms' ties are CREATEd side by side, ties of firms already
    stored are merged one batch after another, and each batch moves the version on."""
    monkeypatch.setattr(neo4j_store_module, "BATCH_SIZE", 7)
    embedded, _, firms, ids = _stores_with_firms(neo4j_store, tmp_path, 60, 25, False)
    before = neo4j_store.version()

    tie = next(r for r in firms.relationships if r.start == ids[40])
    repeated = [
        Relationship(type=tie.type, start=tie.start, end=tie.end, properties={"source": "人工", "grade": "A"}),
        Relationship(type=tie.type, start=tie.start, end=tie.end, properties={"grade": "B"}),
    ]
    everything = GraphData(nodes=firms.nodes, relationships=[*firms.relationships, *repeated])
    for store in (embedded, neo4j_store):
        store.write(everything, atomic=False)

    assert neo4j_store.export() == embedded.export()
    assert neo4j_store.counts() == embedded.counts()
    twice = [r for r in neo4j_store.relationships(tie.type, start=tie.start) if r.end == tie.end]
    assert [r.properties for r in twice] == [{"source": "人工", "grade": "B"}]
    batches = -(-len(firms.nodes) // 7)
    assert int(neo4j_store.version().rpartition(":")[2]) >= int(before.rpartition(":")[2]) + batches
    assert neo4j_store.changed_segments(before)[1] is None


def test_new_nodes_written_with_their_ties_give_the_embedded_stores_graph(
    neo4j_store: Neo4jStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A bulk load CREATEs each new node together with its ties to nodes that exist; a new node given twice is
    written once with its properties merged in order, and a tie to a node the same load creates (a new park)
    waits until that node is written."""
    monkeypatch.setattr(neo4j_store_module, "BATCH_SIZE", 9)
    embedded, seed, firms, ids = _stores_with_firms(neo4j_store, tmp_path, 30, 0, False)
    county = next(n.id for n in seed.nodes if n.label == NodeLabel.COUNTY)
    park = Node(id=node_id(NodeLabel.PARK, "合成园区"), label=NodeLabel.PARK, properties={"name": "合成园区"})
    again = Node(id=ids[3], label=NodeLabel.ENTERPRISE, properties={"employees": 12, "note": "人工核对"})
    ties = [
        Relationship(type=RelType.LOCATED_IN, start=ids[5], end=park.id, properties={"source": "人工"}),
        Relationship(type=RelType.IN_COUNTY, start=park.id, end=county, properties={"source": "人工"}),
        Relationship(type=RelType.LOCATED_IN, start=ids[3], end=county, properties={"source": "人工"}),
        Relationship(type=RelType.LOCATED_IN, start=ids[3], end=county, properties={"grade": "B"}),
    ]
    everything = GraphData(nodes=[*firms.nodes, park, again], relationships=[*firms.relationships, *ties])
    for store in (embedded, neo4j_store):
        store.write(everything, atomic=False)

    assert neo4j_store.export() == embedded.export()
    assert neo4j_store.counts() == embedded.counts()
    stored = neo4j_store.get_node(ids[3])
    assert stored is not None and stored.properties["employees"] == 12 and stored.properties["note"] == "人工核对"
    located = neo4j_store.relationships(RelType.LOCATED_IN, start=ids[3])
    assert [r.properties for r in located if r.end == county] == [{"source": "人工", "grade": "B"}]
    assert [r.start for r in neo4j_store.relationships(RelType.LOCATED_IN) if r.end == park.id] == [ids[5]]
