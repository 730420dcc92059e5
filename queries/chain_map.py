"""One chain as a map: its segments with their status, the supply links between them, the plan
quotes behind each segment and who operates there — what the 全景图 and 现状图 draw."""

from __future__ import annotations

from dataclasses import dataclass

from graph.model import RelType
from graph.store import GraphStore
from queries.evidence import resolve_evidence
from queries.gaps import SegmentStatus, segment_statuses
from queries.structure import chain_family


@dataclass(frozen=True)
class SupplyLink:
    start: str
    end: str
    basis: str  # 规划 | 行业常识


@dataclass(frozen=True)
class ChainMap:
    chain: str
    segments: list[SegmentStatus]
    links: list[SupplyLink]
    quotes: dict[str, list[str]]
    enterprises: dict[str, list[str]]


def chain_map(store: GraphStore, chain: str) -> ChainMap:
    """The chain (with its sub-chains); quotes list the status evidence first; up to five enterprise names."""
    family = chain_family(store, chain)
    profiles = store.segment_profiles()
    segments = [s for s in segment_statuses(store, profiles=profiles) if family & set(s.chains)]
    ids = {s.segment_id for s in segments}
    links = [
        SupplyLink(r.start, r.end, str(r.properties.get("basis", "")))
        for r in store.relationships(RelType.SUPPLIES)
        if r.start in ids and r.end in ids
    ]
    wanted = {p.id: p.status_evidence + p.evidence for p in profiles if p.id in ids}
    clauses = resolve_evidence(store, (c for ids_ in wanted.values() for c in ids_))
    quotes = {sid: [clauses[c].quote for c in clause_ids if c in clauses] for sid, clause_ids in wanted.items()}
    names = {n.id: n.name for n in store.subgraph([e for s in segments for e in s.local_sample]).nodes}
    enterprises = {s.segment_id: [names.get(e, e) for e in s.local_sample] for s in segments}
    return ChainMap(chain=chain, segments=segments, links=links, quotes=quotes, enterprises=enterprises)
