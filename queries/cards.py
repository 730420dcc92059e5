"""Cards: everything the graph knows about one segment or one enterprise, on one screen.

A chain-chief office clicks a segment on the map and wants its status and why, the plan's words,
the local firms in it, the best-known firms elsewhere, its neighbours and projects; an investment
team clicks a firm and wants what it makes, where, how each tie was made and what breaks if it
leaves. Both cards are gathered here over the store interface, so every backend answers the same.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from graph.model import NodeLabel, PropertyValue, RelType, node_id, text_prop, texts_prop
from graph.store import GraphStore, NotFound, did_you_mean, find_enterprise
from graph.vocabulary import FORMER_BY_STATUS, Basis, Locality, Status
from queries.evidence import Evidence, resolve_evidence
from queries.gaps import segment_statuses
from queries.network import SuppliedSegment, supplied_segments, supplying_segments
from queries.scenarios import StatusChange, impact
from queries.targets import Target, targets

NATIONAL_FIRMS = 5
"""How many of the best-ranked firms elsewhere a segment card names (the 招商目标 page has the full list)."""


@dataclass(frozen=True, order=True)
class Neighbour:
    """An upstream or downstream segment and how the supply link is known (规划 quote or a judgement basis)."""

    segment: str
    basis: str


@dataclass(frozen=True)
class FirmInSegment:
    name: str
    places: list[str]
    basis: str


@dataclass(frozen=True)
class SegmentCard:
    segment: str
    stage: str
    chains: list[str]
    origin: str
    parent: str | None
    status: Status
    status_label: str
    why: list[str]
    evidence: list[Evidence]
    local_firms: list[FirmInSegment]
    national_firms: list[Target]
    upstream: list[Neighbour]
    downstream: list[Neighbour]
    projects: list[str]


@dataclass(frozen=True)
class Tie:
    """One enterprise–segment tie and how it was made: the plan's words, an import, a keyword match or a correction."""

    segment: str
    basis: str
    detail: str


@dataclass(frozen=True, order=True)
class Partner:
    """Local firms in a segment linked to one of the enterprise's own: who it could buy from or sell to nearby."""

    segment: str
    via: str
    """The enterprise's own segment the supply link starts or ends at."""
    basis: str
    firms: list[str]


@dataclass(frozen=True)
class EnterpriseCard:
    name: str
    full_name: str | None
    locality: str
    province: str | None
    city: str | None
    places: list[str]
    industry: str | None
    business_scope: str | None
    source: str
    ties: list[Tie]
    projects: list[str]
    evidence: list[Evidence]
    leaving: list[StatusChange] = field(default_factory=list)
    """For a local firm: the segments whose status changes if it leaves (empty when nothing changes)."""
    closed_because: str | None = None
    """For a firm its 登记状态 made 已关停: when and by which file (`FORMER_BY_STATUS`)."""
    suppliers: list[Partner] = field(default_factory=list)
    """Local firms in the segments that supply its segments (supply links as stored, each with its basis)."""
    customers: list[Partner] = field(default_factory=list)
    """Local firms in the segments its segments supply."""


def _names(store: GraphStore, ids: set[str]) -> dict[str, str]:
    return {node.id: node.name for node in store.subgraph(sorted(ids)).nodes} if ids else {}


def _places(store: GraphStore, enterprise_ids: list[str]) -> dict[str, list[str]]:
    """Each enterprise → the names of its parks and counties, sorted: two reads for any number of firms (a segment
    holds hundreds of local firms at 100,000 enterprises)."""
    located = store.relationships_from(RelType.LOCATED_IN, enterprise_ids)
    names = _names(store, {r.end for r in located})
    places: dict[str, list[str]] = {eid: [] for eid in enterprise_ids}
    for rel in located:
        places[rel.start].append(names[rel.end])
    return {eid: sorted(found) for eid, found in places.items()}


def _link_basis(properties: Mapping[str, PropertyValue]) -> str:
    return str(properties.get("basis") or properties.get("source") or Basis.PLAN.value)


def segment_card(store: GraphStore, segment: str) -> SegmentCard:
    """One segment's card; `NotFound` (with the wording the CLI and the app both show) for an unknown name."""
    node = store.get_node(node_id(NodeLabel.SEGMENT, segment))
    if node is None:
        raise NotFound(f"找不到环节“{segment}”{did_you_mean(store, segment, NodeLabel.SEGMENT)}")
    status = next(s for s in segment_statuses(store) if s.segment_id == node.id)
    clause_ids = texts_prop(node.properties, "status_evidence") + texts_prop(node.properties, "evidence")
    evidence = list(dict.fromkeys(resolve_evidence(store, clause_ids)[c] for c in dict.fromkeys(clause_ids)))
    local = store.enterprises_in(node.id, locality=Locality.LOCAL)
    places = _places(store, [t.id for t in local])
    firms = [FirmInSegment(t.name, places[t.id], str(t.tie.get("basis", ""))) for t in local]
    inbound = store.relationships(RelType.SUPPLIES, end=node.id)
    names = _names(store, {r.start for r in inbound})
    projects = _names(store, {r.start for r in store.relationships(RelType.TARGETS, end=node.id)})
    return SegmentCard(
        segment=node.name,
        stage=status.stage,
        chains=sorted(status.chains),
        origin=text_prop(node.properties, "origin") or Basis.PLAN.value,
        parent=text_prop(node.properties, "parent"),
        status=status.status,
        status_label=status.status_label,
        why=status.reasons or [status.status.description],
        evidence=evidence,
        local_firms=sorted(firms, key=lambda f: f.name),
        national_firms=targets(store, node.name, limit=NATIONAL_FIRMS).targets,
        upstream=sorted(Neighbour(names[r.start], _link_basis(r.properties)) for r in inbound),
        downstream=sorted(Neighbour(d.name, _link_basis(d.link)) for d in supplied_segments(store, node.id)),
        projects=sorted(projects.values()),
    )


def _tie_detail(properties: Mapping[str, PropertyValue], quotes: dict[str, Evidence]) -> str:
    """What a reader checks to trust a tie: the plan's sentence, the matched words, or the editor's note."""
    said = [quotes[c].quote for c in texts_prop(properties, "evidence") if c in quotes]
    if said:
        return "；".join(said)
    words = texts_prop(properties, "keywords")
    if words:
        return f"匹配关键词：{'、'.join(words)}"
    return str(properties.get("note") or properties.get("reason") or "")


def _partners(own_id: str, via: str, linked: list[SuppliedSegment]) -> list[Partner]:
    """The linked segments that hold local firms other than the enterprise itself."""
    partners = []
    for segment in linked:
        firms = [tie.name for tie in segment.local if tie.id != own_id]
        if firms:
            partners.append(Partner(segment.name, via, _link_basis(segment.link), firms))
    return partners


def enterprise_card(store: GraphStore, enterprise: str) -> EnterpriseCard:
    """One enterprise's card, found by name, full name or alias (one rule for ambiguity: `find_enterprise`)."""
    node = find_enterprise(store, enterprise)
    props = node.properties
    operates = store.relationships(RelType.OPERATES_IN, start=node.id)
    clause_ids = texts_prop(props, "evidence") + [c for r in operates for c in texts_prop(r.properties, "evidence")]
    quotes = resolve_evidence(store, clause_ids)
    segments = _names(store, {r.end for r in operates})
    ties = [Tie(segments[r.end], _link_basis(r.properties), _tie_detail(r.properties, quotes)) for r in operates]
    projects = _names(store, {r.start for r in store.relationships(RelType.INVOLVES, end=node.id)})
    locality = text_prop(props, "locality") or ""
    leaving = []
    if locality == Locality.LOCAL and ties:
        leaving = [c for c in impact(store, node.name).changes if c.before != c.after]
    return EnterpriseCard(
        name=node.name,
        full_name=text_prop(props, "full_name"),
        locality=Locality(locality).label if locality in set(Locality) else locality,
        province=text_prop(props, "province"),
        city=text_prop(props, "city"),
        places=_places(store, [node.id])[node.id],
        industry=text_prop(props, "industry") or text_prop(props, "sw_l3"),
        business_scope=text_prop(props, "business_scope"),
        source=text_prop(props, "source") or "",
        ties=sorted(ties, key=lambda t: t.segment),
        projects=sorted(projects.values()),
        evidence=[quotes[c] for c in dict.fromkeys(texts_prop(props, "evidence")) if c in quotes],
        leaving=leaving,
        closed_because=text_prop(props, FORMER_BY_STATUS) if locality == Locality.FORMER else None,
        suppliers=sorted(
            p for r in operates for p in _partners(node.id, segments[r.end], supplying_segments(store, r.end))
        ),
        customers=sorted(
            p for r in operates for p in _partners(node.id, segments[r.end], supplied_segments(store, r.end))
        ),
    )
