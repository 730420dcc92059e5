"""Writes to Neo4j CREATE what cannot exist yet and MERGE the rest: the graph must come out exactly as the
embedded store's, whatever mix of new, existing and repeated rows a write carries."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.embedded import EmbeddedStore
from graph.model import GraphData, Node, NodeLabel, Relationship, RelType
from graph.neo4j_store import Neo4jStore
from loaders.load import load_all
from loaders.synthetic import synthetic_enterprises

pytestmark = pytest.mark.neo4j


def _part(data: GraphData, ids: set[str]) -> GraphData:
    return GraphData(
        nodes=[n for n in data.nodes if n.id in ids], relationships=[r for r in data.relationships if r.start in ids]
    )


@pytest.mark.parametrize("atomic", [True, False])
def test_new_existing_and_repeated_rows_give_the_embedded_stores_graph(
    neo4j_store: Neo4jStore, tmp_path: Path, atomic: bool
) -> None:
    embedded = EmbeddedStore(tmp_path)
    neo4j_store.clear()
    seed = load_all(embedded)
    load_all(neo4j_store)
    firms = synthetic_enterprises(seed, 40)
    ids = sorted(n.id for n in firms.nodes)
    earlier = _part(firms, set(ids[:20]))
    for store in (embedded, neo4j_store):
        store.write(earlier, atomic=atomic)

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
