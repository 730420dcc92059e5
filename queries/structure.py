"""Chain structure: what is loaded, how each chain is put together, traces and paths.

Plain functions over the store interface, so the CLI, the app and the tests ask the
same questions of either backend.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any, TypedDict

import networkx as nx

from graph.model import NodeLabel, RelType, node_id, number_prop, text_prop
from graph.store import GraphStore, StoreError


@dataclass(frozen=True)
class ChainSummary:
    name: str
    kind: str
    parent: str | None
    segments: int
    output_target_2025: float | None
    output_target_unit: str | None


def chain_summaries(store: GraphStore) -> list[ChainSummary]:
    """Every chain with its parent industry and how many segments it has, in name order."""
    summaries = []
    for chain in store.nodes(NodeLabel.CHAIN):
        parents = store.relationships(RelType.PART_OF, start=chain.id)
        parent = store.get_node(parents[0].end) if parents else None
        summaries.append(
            ChainSummary(
                name=chain.name,
                kind=str(chain.properties.get("kind", "")),
                parent=parent.name if parent else None,
                segments=len(store.relationships(RelType.BELONGS_TO, end=chain.id)),
                output_target_2025=number_prop(chain.properties, "output_target_2025"),
                output_target_unit=text_prop(chain.properties, "output_target_2025_unit"),
            )
        )
    return sorted(summaries, key=lambda s: s.name)


class Stats(TypedDict):
    """The `chainkg stats` answer, printed as text or as JSON."""

    backend: str
    nodes: dict[str, int]
    relationships: dict[str, int]
    chains: list[dict[str, Any]]


def stats(store: GraphStore) -> Stats:
    """Counts of everything loaded and a line per chain: the `chainkg stats` answer."""
    counts = store.counts().as_dict()
    return {
        "backend": store.backend,
        "nodes": counts["nodes"],
        "relationships": counts["relationships"],
        "chains": [asdict(summary) for summary in chain_summaries(store)],
    }


def chain_family(store: GraphStore, chain: str) -> set[str]:
    """The chain's name and the names of all its sub-chains; a clear error for an unknown chain."""
    root = store.get_node(node_id(NodeLabel.CHAIN, chain))
    if root is None:
        raise StoreError(f"找不到产业链“{chain}”。可用 `chainkg stats` 查看已加载的产业链。")
    family = {root.id: root.name}
    frontier = [root.id]
    while frontier:
        for rel in store.relationships(RelType.PART_OF, end=frontier.pop()):
            if rel.start not in family:
                child = store.get_node(rel.start)
                family[rel.start] = child.name if child else rel.start
                frontier.append(rel.start)
    return set(family.values())


def segments_at_place(store: GraphStore, place: str) -> set[str]:
    """Segment ids with a local enterprise or a key project in a park or county (by name)."""
    anchors = {node_id(NodeLabel.PARK, place), node_id(NodeLabel.COUNTY, place)}
    anchors |= {r.start for r in store.relationships(RelType.IN_COUNTY, end=node_id(NodeLabel.COUNTY, place))}
    segments: set[str] = set()
    for anchor in anchors:
        for rel in store.relationships(RelType.LOCATED_IN, end=anchor):
            segments |= {r.end for r in store.relationships(RelType.OPERATES_IN, start=rel.start)}
        for rel in store.relationships(RelType.PROJECT_IN, end=anchor):
            segments |= {r.end for r in store.relationships(RelType.TARGETS, start=rel.start)}
    return segments


@dataclass(frozen=True)
class Centrality:
    segment: str
    chains: int
    upstream: int
    downstream: int
    betweenness: float


def centrality(store: GraphStore, limit: int = 30) -> list[Centrality]:
    """Segments that hold the supply network together: betweenness on the supply graph, with reach."""
    supply: nx.DiGraph[str] = nx.DiGraph()
    for profile in store.segment_profiles():
        supply.add_node(profile.id, name=profile.name, chains=len(profile.chains))
    supply.add_edges_from((r.start, r.end) for r in store.relationships(RelType.SUPPLIES))
    scores = nx.betweenness_centrality(supply, normalized=True)
    rows = [
        Centrality(
            segment=supply.nodes[sid]["name"],
            chains=supply.nodes[sid]["chains"],
            upstream=len(nx.ancestors(supply, sid)),
            downstream=len(nx.descendants(supply, sid)),
            betweenness=round(score, 4),
        )
        for sid, score in scores.items()
    ]
    return sorted(rows, key=lambda r: (-r.betweenness, -r.downstream, r.segment))[:limit]
