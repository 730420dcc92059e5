"""What-if and impact: how the gap picture changes if links are filled or an enterprise leaves."""

from __future__ import annotations

from dataclasses import dataclass, field

from graph.model import NodeLabel, node_id
from graph.store import GraphStore, NotFound, find_enterprise
from graph.vocabulary import GAP_STATUSES, Locality
from queries.gaps import segment_statuses
from queries.health import coverage


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


def _compare(store: GraphStore, description: str, **change: list[str]) -> Scenario:
    profiles = store.segment_profiles()
    before = {s.segment_id: s for s in segment_statuses(store, profiles=profiles)}
    after = {s.segment_id: s for s in segment_statuses(store, profiles=profiles, **change)}
    changes = []
    for sid, old in before.items():
        new = after[sid]
        if (old.status, old.severity) != (new.status, new.severity):
            exposed = []
            if new.status in GAP_STATUSES and old.status not in GAP_STATUSES:
                names = {s: before[s].segment for s in before}
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


def impact(store: GraphStore, enterprise: str) -> Scenario:
    """What becomes a gap or a single point if this local enterprise leaves, and what is exposed downstream."""
    node = find_enterprise(store, enterprise)
    if node.properties.get("locality") != Locality.LOCAL:
        raise NotFound(f"“{node.name}”不是本地企业，请核对企业名称。")
    return _compare(store, f"假设“{node.name}”迁出或停产", without=[node.id])
