"""Weak links: each segment's local status and, for gaps, a severity that explains itself.

For the chain-chief office (链长办): which links of my chain are missing, hang on a single
local supplier, or are weak — and why it matters (what depends on them downstream, how many
chains they serve, what the plan says). The same function answers "what if" (links filled)
and "impact" (an enterprise gone) questions through its `filled` and `without` arguments.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field

from graph.model import RelType
from graph.store import GraphStore, SegmentProfile
from graph.vocabulary import DECLARED_GAPS, GAP_STATUSES, PlanStatus, Status
from queries.evidence import Evidence, resolve_evidence
from queries.review import reviewed_profiles
from queries.structure import chain_family

STATUS_WEIGHT = {Status.MISSING: 40.0, Status.TO_INTRODUCE: 35.0, Status.WEAK: 30.0, Status.SINGLE: 20.0}
"""The status part of a gap's severity: a stated lack outweighs a request to bring in, which outweighs weakness."""
WITHOUT_ENTERPRISES = {
    PlanStatus.MISSING: Status.MISSING,
    PlanStatus.TO_INTRODUCE: Status.TO_INTRODUCE,
    PlanStatus.WEAK: Status.WEAK,
    PlanStatus.PRESENT: Status.COVERED,
}
"""A segment without local enterprise data takes its status from the plan's declaration."""
SAMPLE_NAMES = 5


@dataclass(frozen=True)
class SegmentStatus:
    """One segment's local status; for a gap, its severity (0–100) and the reasons behind it."""

    segment: str
    segment_id: str
    stage: str
    chains: list[str]
    status: Status
    status_label: str
    plan_status: PlanStatus | None
    local_count: int
    local_sample: list[str]
    downstream_segments: int
    downstream_enterprises: int
    severity: float
    reasons: list[str]
    evidence: list[Evidence] = field(default_factory=list)


def declared_status(profile: SegmentProfile) -> PlanStatus | None:
    """The plan's declaration, or None where the plan is silent (or the store holds a word we do not know)."""
    try:
        return PlanStatus(profile.plan_status) if profile.plan_status else None
    except ValueError:
        return None


def local_status(profile: SegmentProfile, local: list[str], small: list[str], filled: bool) -> Status:
    """One segment's status from the plan's declaration and the local enterprises left in it.

    The plan's declaration decides where there is no enterprise data; once enterprises are
    removed from a segment (impact), what is left decides. Eliminated capacity stays eliminated:
    it is neither a supplier nor a gap.
    """
    declared = declared_status(profile)
    if declared == PlanStatus.ELIMINATED:
        return Status.ELIMINATED
    if filled:
        return Status.COVERED
    if len(local) < len(profile.local_enterprises):
        declared = None if declared in (PlanStatus.STRONG, PlanStatus.PRESENT) else declared
        if not local:
            return Status.MISSING
    if declared == PlanStatus.STRONG:
        return Status.STRONG
    if not local:
        return WITHOUT_ENTERPRISES.get(declared, Status.UNKNOWN) if declared else Status.UNKNOWN
    if declared == PlanStatus.WEAK or len(small) == len(local):
        return Status.WEAK
    return Status.SINGLE if len(local) == 1 else Status.COVERED


def segment_statuses(
    store: GraphStore,
    *,
    filled: Iterable[str] = (),
    without: Iterable[str] = (),
    profiles: list[SegmentProfile] | None = None,
) -> list[SegmentStatus]:
    """Every segment's status and severity.

    `filled`: segment names to treat as covered (what-if); `without`: enterprise ids to treat
    as gone (impact). Evidence is attached to gaps only (see `gaps`). Downstream firm counts come from
    the store (`local_firm_counts`), and only the segments the gone firms are tied to are filtered, so
    the cost does not grow with the number of local firms.
    """
    profiles = store.segment_profiles() if profiles is None else profiles
    gone = set(without)
    dropped = [(firm, p.id) for p in profiles for firm in p.dropped_local]
    downstream = store.local_firm_counts({p.id: p.downstream for p in profiles}, without=gone, dropped=dropped)
    touched = {rel.end for rel in store.relationships_from(RelType.OPERATES_IN, gone)} if gone else set()
    return statuses_of(profiles, filled=filled, without=gone, downstream_enterprises=downstream, touched=touched)


def statuses_of(
    profiles: list[SegmentProfile],
    *,
    filled: Iterable[str] = (),
    without: Iterable[str] = (),
    downstream_enterprises: Mapping[str, int] | None = None,
    touched: Collection[str] | None = None,
) -> list[SegmentStatus]:
    """The status rules applied to profiles already read (a pure function: no store involved).

    `downstream_enterprises`: each segment's distinct local firms downstream once the gone firms are left out,
    as a store counts them; without it they are counted here from the profiles' firm lists. `touched`: the
    segments the gone firms are tied to (every segment is checked when not given).
    """
    filled_names, gone = set(filled), set(without)
    names = {p.id: p.name for p in profiles}

    def left(profile: SegmentProfile, firms: list[str]) -> list[str]:
        if not gone or (touched is not None and profile.id not in touched):
            return firms
        return [e for e in firms if e not in gone]

    local = {p.id: left(p, p.local_enterprises) for p in profiles}
    if downstream_enterprises is None:
        downstream_enterprises = {p.id: len(set().union(*(local.get(d, ()) for d in p.downstream))) for p in profiles}
    statuses = []
    for profile in profiles:
        small = left(profile, profile.small_enterprises)
        status = local_status(profile, local[profile.id], small, profile.name in filled_names)
        below = downstream_enterprises[profile.id]
        severity, reasons = 0.0, list[str]()
        if status in GAP_STATUSES:
            severity, reasons = _severity(profile, status, local[profile.id], small, below, names)
        statuses.append(
            SegmentStatus(
                segment=profile.name,
                segment_id=profile.id,
                stage=profile.stage,
                chains=profile.chains,
                status=status,
                status_label=status.label,
                plan_status=declared_status(profile),
                local_count=len(local[profile.id]),
                local_sample=local[profile.id][:SAMPLE_NAMES],
                downstream_segments=len(profile.downstream),
                downstream_enterprises=below,
                severity=severity,
                reasons=reasons,
            )
        )
    return statuses


def _severity(
    profile: SegmentProfile,
    status: Status,
    local: list[str],
    small: list[str],
    downstream_enterprises: int,
    names: dict[str, str],
) -> tuple[float, list[str]]:
    """Score = status (≤40) + plan declaration (10) + downstream reach (≤25) + chains served (≤15)
    + downstream local enterprises (≤10); each part that counts is written down as a reason."""
    reasons = []
    score = STATUS_WEIGHT[status]
    if not local and profile.local_enterprises:
        reasons.append(f"本地的 {len(profile.local_enterprises)} 家企业全部流失")
    elif not local:
        reasons.append("本地企业库中没有该环节的企业")
    elif status == Status.SINGLE:
        reasons.append("只有 1 家本地企业，一旦流失即断链")
    elif len(small) == len(local):
        reasons.append(f"本地 {len(local)} 家企业均为小微企业")
    declared = declared_status(profile)
    if declared is not None and declared in DECLARED_GAPS:
        score += 10
        reasons.insert(0, declared.description)
        if local:
            reasons.append(f"规划编制时认定为缺口，现已有 {len(local)} 家本地企业")
    if profile.downstream:
        score += 25 * min(len(profile.downstream), 15) / 15
        sample = "、".join(names[d] for d in profile.downstream[:5])
        more = " 等" if len(profile.downstream) > 5 else ""
        reasons.append(f"下游 {len(profile.downstream)} 个环节依赖它：{sample}{more}")
    score += 15 * min(len(profile.chains), 5) / 5
    if len(profile.chains) > 1:
        reasons.append(f"同时服务 {len(profile.chains)} 条产业链：{'、'.join(profile.chains)}")
    if downstream_enterprises:
        score += 10 * min(downstream_enterprises, 20) / 20
        reasons.append(f"下游环节共有 {downstream_enterprises} 家本地企业")
    return round(score, 1), reasons


def gaps(
    store: GraphStore,
    chain: str | None = None,
    *,
    filled: Iterable[str] = (),
    without: Iterable[str] = (),
    confirmed_only: bool = False,
) -> list[SegmentStatus]:
    """Gap segments (missing, to be introduced, weak, single point) of one chain and its sub-chains, or all;
    most severe first.

    Each row carries its reasons and the plan sentences behind its status. Rejected judgement never
    counts; with `confirmed_only`, unreviewed judgement does not either (see queries/review.py).
    """
    profiles = reviewed_profiles(store, store.segment_profiles(), confirmed_only=confirmed_only)
    statuses = segment_statuses(store, filled=filled, without=without, profiles=profiles)
    rows = [s for s in statuses if s.status in GAP_STATUSES]
    if chain is not None:
        family = chain_family(store, chain)
        rows = [s for s in rows if family & set(s.chains)]
    rows.sort(key=lambda s: (-s.severity, s.segment))
    return _with_evidence(store, rows, {p.id: p for p in profiles})


def _with_evidence(
    store: GraphStore, rows: list[SegmentStatus], profiles: dict[str, SegmentProfile]
) -> list[SegmentStatus]:
    clause_ids = {rid: profiles[rid].status_evidence or profiles[rid].evidence for rid in (r.segment_id for r in rows)}
    evidence = resolve_evidence(store, (cid for ids in clause_ids.values() for cid in ids))
    names = _enterprise_names(store, [e for r in rows for e in r.local_sample])
    return [
        SegmentStatus(
            **{
                **row.__dict__,
                "local_sample": [names.get(e, e) for e in row.local_sample],
                "evidence": [evidence[c] for c in clause_ids[row.segment_id] if c in evidence],
            }
        )
        for row in rows
    ]


def _enterprise_names(store: GraphStore, ids: list[str]) -> dict[str, str]:
    return {node.id: node.name for node in store.subgraph(ids).nodes} if ids else {}
