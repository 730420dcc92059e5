"""One chain as a map: its segments with their status, the supply links between them, the plan
quotes behind each segment and who operates there — what the 全景图 and 现状图 draw.

Segments from the chain-template library may carry `level` (1 环节 | 2 细分环节), `parent` and
`origin` (规划 | 模板); segments without them are level-1 plan segments, so the map works on graphs
loaded before or after the library.
"""

from __future__ import annotations

from dataclasses import dataclass

from graph.model import NodeLabel, RelType, node_id
from graph.store import GraphStore
from queries.evidence import resolve_evidence
from queries.gaps import SegmentStatus, segment_statuses
from queries.structure import chain_family

EQUIPS = RelType.__members__.get("EQUIPS")  # equipment that makes a segment; arrives with the template library


@dataclass(frozen=True)
class SupplyLink:
    start: str
    end: str
    basis: str  # 规划 | 行业常识
    kind: str = "supply"  # supply | equips (equipment that makes `end`: never a supply)


@dataclass(frozen=True)
class ChainMap:
    chain: str
    segments: list[SegmentStatus]
    links: list[SupplyLink]
    quotes: dict[str, list[str]]
    enterprises: dict[str, list[str]]
    parents: dict[str, str]  # level-2 segment id -> its level-1 parent's id (both on this map)
    origins: dict[str, str]  # segment id -> 规划 | 模板


def chain_map(store: GraphStore, chain: str) -> ChainMap:
    """The chain (with its sub-chains); quotes list the status evidence first, each quote once; up to five
    enterprise names per segment."""
    family = chain_family(store, chain)
    profiles = store.segment_profiles()
    segments = [s for s in segment_statuses(store, profiles=profiles) if family & set(s.chains)]
    ids = {s.segment_id for s in segments}
    kinds = [(RelType.SUPPLIES, "supply")] + ([(EQUIPS, "equips")] if EQUIPS else [])
    links = [
        SupplyLink(r.start, r.end, str(r.properties.get("basis", "")), kind)
        for rel_type, kind in kinds
        for r in store.relationships(rel_type)
        if r.start in ids and r.end in ids
    ]
    wanted = {p.id: list(dict.fromkeys(p.status_evidence + p.evidence)) for p in profiles if p.id in ids}
    clauses = resolve_evidence(store, (c for ids_ in wanted.values() for c in ids_))
    quotes = {
        sid: list(dict.fromkeys(clauses[c].quote for c in clause_ids if c in clauses))
        for sid, clause_ids in wanted.items()
    }
    nodes = {n.id: n for n in store.subgraph([*ids, *(e for s in segments for e in s.local_sample)]).nodes}
    enterprises = {s.segment_id: [nodes[e].name if e in nodes else e for e in s.local_sample] for s in segments}
    parents, origins = {}, {}
    for sid in ids:
        props = nodes[sid].properties if sid in nodes else {}
        parent = node_id(NodeLabel.SEGMENT, str(props["parent"])) if props.get("parent") else None
        if parent in ids and str(props.get("level")) == "2":
            parents[sid] = parent
        origins[sid] = str(props.get("origin") or "规划")
    return ChainMap(
        chain=chain,
        segments=segments,
        links=links,
        quotes=quotes,
        enterprises=enterprises,
        parents=parents,
        origins=origins,
    )
