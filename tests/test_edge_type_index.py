"""Reading every relationship of one type on the embedded store (all PART_OF links for the chain families,
say) answers from an index kept on write: it must stay right through every kind of write."""

from __future__ import annotations

from pathlib import Path

from graph.embedded import EmbeddedStore
from graph.model import GraphData, Node, NodeLabel, Relationship, RelType
from queries.structure import chain_families


def _chain(name: str) -> Node:
    return Node(id=f"chain:{name}", label=NodeLabel.CHAIN, properties={"name": name, "source": "测试"})


def _segment(name: str) -> Node:
    return Node(id=f"segment:{name}", label=NodeLabel.SEGMENT, properties={"name": name, "source": "测试"})


def _rel(kind: RelType, start: str, end: str) -> Relationship:
    return Relationship(type=kind, start=start, end=end)


def _as_exported(store: EmbeddedStore) -> dict[str, list[tuple[str, str]]]:
    """Every relationship by type, read from the whole graph (not from the index)."""
    found: dict[str, list[tuple[str, str]]] = {}
    for rel in store.export().relationships:
        found.setdefault(rel.type.value, []).append((rel.start, rel.end))
    return {kind: sorted(pairs) for kind, pairs in found.items()}


def _by_type(store: EmbeddedStore) -> dict[str, list[tuple[str, str]]]:
    found = {kind.value: sorted((r.start, r.end) for r in store.relationships(kind)) for kind in RelType}
    return {kind: pairs for kind, pairs in found.items() if pairs}


def _agrees(store: EmbeddedStore) -> None:
    expected = _as_exported(store)
    assert _by_type(store) == expected
    assert store.counts().relationships == {kind: len(pairs) for kind, pairs in expected.items()}
    reopened = EmbeddedStore(store.data_dir)  # built from the file, as another process would
    assert _by_type(reopened) == expected
    assert chain_families(reopened) == chain_families(store)


def test_reading_a_type_follows_adds_and_deletes_of_edges_and_nodes(tmp_path: Path) -> None:
    store = EmbeddedStore(tmp_path)
    store.write(
        GraphData(
            nodes=[_chain("电机"), _chain("微电机"), _chain("新材料"), _segment("磁材"), _segment("电机本体")],
            relationships=[
                _rel(RelType.PART_OF, "chain:微电机", "chain:电机"),
                _rel(RelType.BELONGS_TO, "segment:磁材", "chain:电机"),
                _rel(RelType.BELONGS_TO, "segment:磁材", "chain:新材料"),
                _rel(RelType.BELONGS_TO, "segment:电机本体", "chain:微电机"),
                _rel(RelType.SUPPLIES, "segment:磁材", "segment:电机本体"),
                _rel(RelType.SUPPLIES, "segment:电机本体", "segment:电机本体"),  # a loop: a node's edge to itself
            ],
        )
    )
    _agrees(store)
    assert chain_families(store)["电机"] == {"电机", "微电机"}

    store.write(GraphData(relationships=[_rel(RelType.PART_OF, "chain:新材料", "chain:电机")]))
    store.write(GraphData(relationships=[_rel(RelType.PART_OF, "chain:新材料", "chain:电机")]))  # the same again
    _agrees(store)
    assert chain_families(store)["电机"] == {"电机", "微电机", "新材料"}

    assert store.delete_relationship(RelType.BELONGS_TO, "segment:磁材", "chain:电机")
    assert not store.delete_relationship(RelType.BELONGS_TO, "segment:磁材", "chain:电机")
    _agrees(store)
    assert sorted((r.start, r.end) for r in store.relationships(RelType.BELONGS_TO)) == [
        ("segment:电机本体", "chain:微电机"),
        ("segment:磁材", "chain:新材料"),
    ]

    store.delete_nodes(["chain:微电机"])  # its PART_OF out and the BELONGS_TO into it go with it
    _agrees(store)
    assert chain_families(store)["电机"] == {"电机", "新材料"}

    store.delete_nodes(["segment:电机本体"])  # the loop and the link into it go too
    _agrees(store)
    assert store.relationships(RelType.SUPPLIES) == []

    store.replace_all(
        GraphData(
            nodes=[_chain("电机"), _chain("微电机")],
            relationships=[
                _rel(RelType.PART_OF, "chain:微电机", "chain:电机"),
            ],
        )
    )
    _agrees(store)
    assert store.relationships(RelType.BELONGS_TO) == []

    store.clear()
    _agrees(store)
    assert store.relationships(RelType.PART_OF) == []
