"""What the chain-chief office's report shows about one chain, gathered in one pass over the store.

The report (present/report.py) only lays this out, so the CLI and the app never need the store to
draw it, and every segment travels with its name instead of being recovered from an id.
"""

from __future__ import annotations

from dataclasses import dataclass

from graph.model import NodeLabel, RelType
from graph.store import GraphStore
from graph.vocabulary import Basis, Locality
from queries.chain_map import ChainMap, chain_map
from queries.gaps import SegmentStatus, gaps
from queries.review import link_state, reviews
from queries.targets import Target, targets

TARGETS_PER_GAP = 10


@dataclass(frozen=True)
class EnterpriseSegment:
    segment: str
    inferred: bool  # assigned by name inference, not by a named source


@dataclass(frozen=True)
class KeyEnterprise:
    name: str
    role: str
    segments: list[EnterpriseSegment]


@dataclass(frozen=True)
class KeyProject:
    name: str
    segments: list[str]
    status: str | None
    investment: float | None
    investment_unit: str


@dataclass(frozen=True)
class NamedLink:
    upstream: str
    downstream: str
    basis: str
    review: str  # the review state's label for judgement, "" for a sourced fact


@dataclass(frozen=True)
class ReportData:
    chain: str
    map: ChainMap
    supply_links: list[NamedLink]
    enterprises: list[KeyEnterprise]  # local enterprises of the chain's segments, in name order
    projects: list[KeyProject]
    gaps: list[SegmentStatus]
    targets: dict[str, list[Target]]  # gap segment name -> its best candidates


def report_data(store: GraphStore, chain: str, targets_per_gap: int = TARGETS_PER_GAP) -> ReportData:
    """Everything the report of `chain` (with its sub-chains) shows; a clear error for an unknown chain."""
    drawn = chain_map(store, chain)
    names = {s.segment_id: s.segment for s in drawn.segments}
    gap_rows = gaps(store, chain)
    ledger = reviews(store)
    return ReportData(
        chain=chain,
        map=drawn,
        supply_links=[
            NamedLink(
                names[link.start], names[link.end], link.basis, link_state(ledger, link.start, link.end, link.basis)
            )
            for link in drawn.links
            if link.kind == "supply"
        ],
        enterprises=_enterprises(store, names),
        projects=_projects(store, names),
        gaps=gap_rows,
        targets={gap.segment: targets(store, gap.segment, limit=targets_per_gap).targets for gap in gap_rows},
    )


def _enterprises(store: GraphStore, names: dict[str, str]) -> list[KeyEnterprise]:
    """The local firms of the chain's segments, read for all the segments at once."""
    found: dict[str, KeyEnterprise] = {}
    local = store.enterprises_in_each(names, locality=Locality.LOCAL)
    for sid, segment in names.items():
        for enterprise in local.get(sid, []):
            row = found.setdefault(
                enterprise.id, KeyEnterprise(enterprise.name, str(enterprise.properties.get("role") or ""), [])
            )
            row.segments.append(EnterpriseSegment(segment, enterprise.tie.get("basis") == Basis.NAME_INFERENCE))
    return sorted(found.values(), key=lambda e: e.name)


def _projects(store: GraphStore, names: dict[str, str]) -> list[KeyProject]:
    """The projects aimed at the chain's segments, in project id order (one read of their aims, not one each)."""
    projects = store.nodes(NodeLabel.PROJECT)
    aims: dict[str, list[str]] = {}
    for rel in store.relationships_from(RelType.TARGETS, [project.id for project in projects]):
        if rel.end in names:
            aims.setdefault(rel.start, []).append(names[rel.end])
    rows = []
    for project in projects:
        targeted = aims.get(project.id, [])
        if targeted:
            props = project.properties
            investment = props.get("investment")
            rows.append(
                KeyProject(
                    name=project.name,
                    segments=targeted,
                    status=str(props["status"]) if props.get("status") else None,
                    investment=float(investment) if isinstance(investment, int | float) else None,
                    investment_unit=str(props.get("investment_unit", "")),
                )
            )
    return rows
