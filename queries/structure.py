"""Chain structure: what is loaded, how each chain is put together, traces and paths.

Plain functions over the store interface, so the CLI, the app and the tests ask the
same questions of either backend.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from typing import Any, TypedDict

import networkx as nx

from graph.model import GraphData, NodeLabel, RelType, key_of_id, node_id, number_prop, text_prop
from graph.store import GraphStore, NotFound


@dataclass(frozen=True)
class ChainSummary:
    name: str
    kind: str
    parent: str | None
    segments: int
    output_target_2025: float | None
    output_target_unit: str | None


def chain_summaries(store: GraphStore) -> list[ChainSummary]:
    """Every chain with its parent industry and how many segments it has, in name order.

    Three reads in all (chains, PART_OF, BELONGS_TO), not three per chain: every page's chain picker starts here.
    """
    chains = store.nodes(NodeLabel.CHAIN)
    by_id = {chain.id: chain for chain in chains}
    parent_ids: dict[str, str] = {}
    for rel in store.relationships(RelType.PART_OF):
        parent_ids.setdefault(rel.start, rel.end)
    members = Counter(rel.end for rel in store.relationships(RelType.BELONGS_TO))
    summaries = []
    for chain in chains:
        parent_id = parent_ids.get(chain.id)
        parent = (by_id.get(parent_id) or store.get_node(parent_id)) if parent_id else None
        summaries.append(
            ChainSummary(
                name=chain.name,
                kind=str(chain.properties.get("kind", "")),
                parent=parent.name if parent else None,
                segments=members[chain.id],
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


def chain_ids(store: GraphStore, chain: str) -> dict[str, str]:
    """The chain and all its sub-chains, id → name; `NotFound` for an unknown chain.

    The one walk down PART_OF: the analyses' chain filter and the chain export both start here.
    """
    root = store.get_node(node_id(NodeLabel.CHAIN, chain))
    if root is None:
        raise NotFound(f"找不到产业链“{chain}”，请核对产业链名称。")
    family = {root.id: root.name}
    frontier = [root.id]
    while frontier:
        for rel in store.relationships(RelType.PART_OF, end=frontier.pop()):
            if rel.start not in family:
                child = store.get_node(rel.start)
                family[rel.start] = child.name if child else rel.start
                frontier.append(rel.start)
    return family


def chain_family(store: GraphStore, chain: str) -> set[str]:
    """The chain's name and the names of all its sub-chains; `NotFound` for an unknown chain."""
    return set(chain_ids(store, chain).values())


def chain_families(store: GraphStore) -> dict[str, set[str]]:
    """Every chain's family (`chain_family` of each chain), keyed by chain name, from one read of the chains and
    one of the PART_OF links: a per-chain walk is a round trip per sub-chain on Neo4j."""
    names = {chain.id: chain.name for chain in store.nodes(NodeLabel.CHAIN)}
    children: dict[str, list[str]] = {}
    for rel in store.relationships(RelType.PART_OF):
        children.setdefault(rel.end, []).append(rel.start)
    families = {}
    for root, name in names.items():
        family, frontier = {root}, [root]
        while frontier:
            for child in children.get(frontier.pop(), []):
                if child not in family:
                    family.add(child)
                    frontier.append(child)
        families[name] = {names.get(member, member) for member in family}
    return families


def chain_export(store: GraphStore, chain: str) -> GraphData:
    """One chain's part of the graph, the same on both backends (it is cut over the store interface).

    The chain and its sub-chains, their segments (support segments included), the enterprises
    operating in them, gaps, projects targeting them, parks hosting the chain or its projects,
    their counties, and every plan clause evidencing any of these, with all relationships among them.
    """
    chains = set(chain_ids(store, chain))
    scope = set(chains)
    segments = {r.start for c in chains for r in store.relationships(RelType.BELONGS_TO, end=c)}
    scope |= segments
    for segment in segments:
        scope |= {r.start for r in store.relationships(RelType.OPERATES_IN, end=segment)}
        scope |= {r.start for r in store.relationships(RelType.GAP_AT, end=segment)}
        scope |= {r.start for r in store.relationships(RelType.TARGETS, end=segment)}
    parks = {r.start for c in chains for r in store.relationships(RelType.HOSTS, end=c)}
    for member in list(scope):
        parks |= {r.end for r in store.relationships(RelType.PROJECT_IN, start=member)}
    scope |= parks
    for park in parks:
        scope |= {r.end for r in store.relationships(RelType.IN_COUNTY, start=park)}
    for member in list(scope):
        scope |= {r.end for r in store.relationships(RelType.EVIDENCED_BY, start=member)}
    # editors' reviews of judgement on anything in scope (a review's id carries its element's key: queries/review.py)
    scope |= {
        review.id for review in store.nodes(NodeLabel.REVIEW) if scope.intersection(key_of_id(review.id).split("|"))
    }
    return store.subgraph(sorted(scope))


@dataclass(frozen=True)
class Place:
    """A park or county and the chain's segments it holds a local enterprise or key project in."""

    name: str
    kind: str  # 园区 or 县市区
    segment_ids: frozenset[str]


def places_in(store: GraphStore, segment_ids: Iterable[str]) -> list[Place]:
    """Parks, then counties, holding at least one of `segment_ids` through a local enterprise or key project in
    the place (by name: a county counts with its parks) — so a place filter offers only places that leave something
    on the map (most of the plan's parks have no known firm in most chains).

    One aggregate read per kind for every place at once: a 100,000-firm graph has thousands of firms per county."""
    wanted = set(segment_ids)
    held: dict[str, set[str]] = defaultdict(set)
    for via, then in ((RelType.LOCATED_IN, RelType.OPERATES_IN), (RelType.PROJECT_IN, RelType.TARGETS)):
        for anchor, segments in store.reached_via(via, then).items():
            held[anchor] |= segments & wanted
    parks_of: dict[str, set[str]] = defaultdict(set)
    for rel in store.relationships(RelType.IN_COUNTY):
        parks_of[rel.end].add(rel.start)
    found = []
    for label, kind in ((NodeLabel.PARK, "园区"), (NodeLabel.COUNTY, "县市区")):
        for name in sorted(store.names(label)):
            county = node_id(NodeLabel.COUNTY, name)
            anchors = {node_id(NodeLabel.PARK, name), county, *parks_of.get(county, ())}
            segments = set().union(*(held.get(anchor, set()) for anchor in anchors))
            if segments:
                found.append(Place(name, kind, frozenset(segments)))
    return found


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
