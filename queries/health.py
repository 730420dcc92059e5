"""Chain health for the chain-chief office: coverage by stage, strengths, targets, shared support links."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from graph.model import NodeLabel, Stage
from graph.store import GraphStore
from graph.vocabulary import GAP_STATUSES, PRESENT_STATUSES, Status
from queries.gaps import SegmentStatus, segment_statuses
from queries.review import reviewed_profiles
from queries.structure import chain_families, chain_family


@dataclass(frozen=True)
class StageCoverage:
    stage: str
    segments: int
    present: int
    missing: int
    unknown: int


@dataclass(frozen=True)
class ChainHealth:
    chain: str
    kind: str
    segments: int
    coverage: float
    by_stage: list[StageCoverage]
    status_counts: dict[str, int]
    local_enterprises: int
    strengths: list[str]
    gaps: list[str]
    output_target_2025: str
    latest_output: str


@dataclass(frozen=True)
class SharedSegment:
    segment: str
    chains: list[str]
    status: str
    severity: float
    reasons: list[str] = field(default_factory=list)


def coverage(rows: list[SegmentStatus]) -> float:
    """Share of segments with a local presence (strong, covered, single point or weak).

    Eliminated capacity is left out of the count: the plan wants it gone, so it is neither present nor missing.
    """
    counted = [r for r in rows if r.status != Status.ELIMINATED]
    return round(sum(r.status in PRESENT_STATUSES for r in counted) / len(counted), 3) if counted else 0.0


def health(store: GraphStore, chain: str | None = None, *, confirmed_only: bool = False) -> list[ChainHealth]:
    """One row per chain (or for `chain` only), in name order; judgement counts as in `gaps`."""
    profiles = reviewed_profiles(store, store.segment_profiles(), confirmed_only=confirmed_only)
    statuses = segment_statuses(store, profiles=profiles)
    chains = store.nodes(NodeLabel.CHAIN)
    if chain is not None:
        chain_family(store, chain)
        chains = [c for c in chains if c.name == chain]
    families = chain_families(store)
    inside = {node.name: _within(families[node.name], statuses) for node in chains}
    dropped = [(firm, p.id) for p in profiles for firm in p.dropped_local]
    local_firms = store.local_firm_counts(
        {name: [s.segment_id for s in rows] for name, rows in inside.items()}, dropped=dropped
    )
    result = []
    for node in chains:
        rows = inside[node.name]
        target = node.properties.get("output_target_2025")
        result.append(
            ChainHealth(
                chain=node.name,
                kind=str(node.properties.get("kind", "")),
                segments=len(rows),
                coverage=coverage(rows),
                by_stage=[_stage(rows, stage.value) for stage in Stage],
                status_counts=_status_counts(rows),
                local_enterprises=local_firms[node.name],
                strengths=sorted(r.segment for r in rows if r.status == Status.STRONG),
                gaps=[r.segment for r in sorted(rows, key=lambda r: -r.severity) if r.status in GAP_STATUSES],
                output_target_2025=(
                    f"{target:g} {node.properties.get('output_target_2025_unit', '')}"
                    f"{node.properties.get('output_target_2025_qualifier') or ''}"
                    if isinstance(target, int | float)
                    else "规划未给出"
                ),
                latest_output="未知（规划未给出现状值，可导入统计数据）",
            )
        )
    return result


def _within(family: set[str], rows: list[SegmentStatus]) -> list[SegmentStatus]:
    """The rows of segments in any chain of `family`."""
    return [r for r in rows if not family.isdisjoint(r.chains)]


def _status_counts(rows: list[SegmentStatus]) -> dict[str, int]:
    """{label: count} in the vocabulary's order (优势 first, 待核实 last), statuses that occur only."""
    counts = Counter(r.status for r in rows)
    return {status.label: counts[status] for status in Status if counts[status]}


def _stage(rows: list[SegmentStatus], stage: str) -> StageCoverage:
    in_stage = [r for r in rows if r.stage == stage]
    return StageCoverage(
        stage=stage,
        segments=len(in_stage),
        present=sum(r.status in PRESENT_STATUSES for r in in_stage),
        missing=sum(r.status == Status.MISSING for r in in_stage),
        unknown=sum(r.status == Status.UNKNOWN for r in in_stage),
    )


def shared_segments(store: GraphStore) -> list[SharedSegment]:
    """Segments that several chains share (industry groupings not counted), most chains first.

    电镀/表面处理 serving displays, motors and electronic components at once is the typical row.
    """
    groupings = {c.name for c in store.nodes(NodeLabel.CHAIN) if c.properties.get("kind") == "产业"}
    shared = []
    for row in segment_statuses(store):
        chains = [c for c in row.chains if c not in groupings]
        if len(chains) > 1:
            shared.append(SharedSegment(row.segment, chains, row.status_label, row.severity, row.reasons))
    return sorted(shared, key=lambda s: (-len(s.chains), -s.severity, s.segment))
