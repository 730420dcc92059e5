"""What-if and impact: how the gap picture changes if links are filled or an enterprise leaves."""

from __future__ import annotations

from dataclasses import dataclass, field

from graph.model import NodeLabel, node_id
from graph.store import GraphStore, NotFound, SegmentProfile, find_enterprise
from graph.vocabulary import GAP_STATUSES, Locality
from queries.gaps import segment_statuses
from queries.health import coverage
from queries.structure import chain_family


@dataclass(frozen=True)
class StatusChange:
    segment: str
    before: str
    after: str
    severity_before: float
    severity_after: float
    exposed_downstream: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Scenario:
    description: str
    coverage_before: float
    coverage_after: float
    gaps_before: int
    gaps_after: int
    changes: list[StatusChange]


def _chain_profiles(
    store: GraphStore, chain: str | None, profiles: list[SegmentProfile] | None = None
) -> list[SegmentProfile]:
    """Every segment's profile, or only those of `chain` and its sub-chains (`NotFound` for an unknown chain)."""
    profiles = store.segment_profiles() if profiles is None else profiles
    if chain is None:
        return profiles
    family = chain_family(store, chain)
    return [p for p in profiles if family.intersection(p.chains)]


def _compare(store: GraphStore, description: str, chain: str | None = None, **change: list[str]) -> Scenario:
    """Statuses before and after the change. With `chain`, the counts and changes are the chain's only
    (downstream ties into other chains still count, because statuses are computed on the whole graph)."""
    profiles = store.segment_profiles()
    scope = {p.id for p in _chain_profiles(store, chain, profiles)}
    names = {p.id: p.name for p in profiles}
    before = {s.segment_id: s for s in segment_statuses(store, profiles=profiles) if s.segment_id in scope}
    after = {s.segment_id: s for s in segment_statuses(store, profiles=profiles, **change) if s.segment_id in scope}
    changes = []
    for sid, old in before.items():
        new = after[sid]
        if (old.status, old.severity) != (new.status, new.severity):
            exposed = []
            if new.status in GAP_STATUSES and old.status not in GAP_STATUSES:
                exposed = sorted(names[d] for d in store.trace(sid, "down"))
            changes.append(
                StatusChange(old.segment, old.status_label, new.status_label, old.severity, new.severity, exposed)
            )
    changes.sort(key=lambda c: (-c.severity_after, c.segment))
    return Scenario(
        description=description,
        coverage_before=coverage(list(before.values())),
        coverage_after=coverage(list(after.values())),
        gaps_before=sum(s.status in GAP_STATUSES for s in before.values()),
        gaps_after=sum(s.status in GAP_STATUSES for s in after.values()),
        changes=changes,
    )


def what_if(store: GraphStore, fill: list[str]) -> Scenario:
    """Coverage and gaps before and after bringing in enterprises for the `fill` segments."""
    unknown = [name for name in fill if store.get_node(node_id(NodeLabel.SEGMENT, name)) is None]
    if unknown:
        raise NotFound(f"找不到环节：{'、'.join(unknown)}，请核对环节名称。")
    return _compare(store, f"假设补齐：{'、'.join(fill)}", filled=fill)


def impact_candidates(store: GraphStore, chain: str | None = None) -> list[str]:
    """Local enterprises whose leaving can change a segment's status: those tied to a segment (of `chain`).

    Firms the plan only names without a product here (500强 that 落户, partners such as 铁塔公司 or banks)
    hold no segment, so offering them for an impact analysis would promise an answer that is always "nothing".
    The names come from one read of the local enterprises (indexed on Neo4j), not `subgraph`, which would also
    read every relationship among ~30,000 firms at 100,000 enterprises.
    """
    ids = {e for p in _chain_profiles(store, chain) for e in p.local_enterprises}
    if not ids:
        return []
    return sorted(node.name for node in store.nodes(NodeLabel.ENTERPRISE, locality=Locality.LOCAL) if node.id in ids)


def impact(store: GraphStore, enterprise: str, chain: str | None = None) -> Scenario:
    """What becomes a gap or a single point if this local enterprise leaves, and what is exposed downstream;
    with `chain`, counted over that chain's segments."""
    node = find_enterprise(store, enterprise)
    if node.properties.get("locality") != Locality.LOCAL:
        raise NotFound(f"“{node.name}”不是本地企业，请核对企业名称。")
    where = f"（{chain}）" if chain else ""
    return _compare(store, f"假设“{node.name}”迁出或停产{where}", chain, without=[node.id])
