"""延链 opportunities: segments not local yet that sit next to local strengths.

For the chain-chief office: which segments next to what we already do well are worth growing into.
As the economic-complexity literature scores a product by the share of related products a place
already makes (relatedness density), a segment here is scored by the share of its direct upstream and
downstream neighbours (counted SUPPLIES links) that are local strengths (优势) or covered (已覆盖).
Density ≥ NEAR_THRESHOLD is 近 (near), below it 远 (far). Neighbours with local firms that are only a
single point or weak are named but not counted; eliminated capacity counts for nothing, and a segment
the plan rules out (已淘汰) is never proposed.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from graph.store import GraphStore
from graph.vocabulary import Status
from queries.network import Network, family_of, names_of, supply_network

NEAR_THRESHOLD = 0.5
"""At or above this density an opportunity is 近: at least half its neighbours are local strengths or covered."""
NEAR, FAR = "近", "远"
OPEN_STATUSES = frozenset({Status.MISSING, Status.TO_INTRODUCE, Status.UNKNOWN})
"""Segments with no local enterprise yet (gap or unverified); eliminated ones are ruled out by the plan."""
STRENGTHS = frozenset({Status.STRONG, Status.COVERED})
PARTLY = frozenset({Status.SINGLE, Status.WEAK})


@dataclass(frozen=True)
class Opportunity:
    """One segment worth growing into, its relatedness density and the neighbours behind it."""

    rank: int
    segment: str
    chains: list[str]
    stage: str
    status_label: str
    distance: str
    density: float
    neighbours: int
    strong_neighbours: list[str]
    explanation: str
    upstream: list[str] = field(default_factory=list)
    downstream: list[str] = field(default_factory=list)


def _neighbours(network: Network, segment_id: str) -> tuple[list[str], list[str]]:
    """Direct upstream and downstream neighbours over counted links, eliminated capacity left out."""
    up = {lk.start for lk in network.upstream.get(segment_id, [])}
    down = {lk.end for lk in network.downstream.get(segment_id, [])}

    def keep(ids: set[str]) -> list[str]:
        return sorted(i for i in ids - {segment_id} if network.statuses[i] != Status.ELIMINATED)

    return keep(up), keep(down)


def _side(network: Network, word: str, ids: list[str]) -> str:
    strong = [f"{network.name(i)}（{network.statuses[i].label}）" for i in ids if _strong(network, i)]
    text = f"{word} {len(ids)} 个相邻环节中 {len(strong)} 个本地已有基础"
    return text + (f"：{names_of(strong, 5)}" if strong else "")


def _strong(network: Network, segment_id: str) -> bool:
    return network.statuses[segment_id] in STRENGTHS


def opportunities(store: GraphStore, chain: str | None = None, *, confirmed_only: bool = False) -> list[Opportunity]:
    """Segments of one chain (with its sub-chains) or all that no local enterprise serves yet, next to at
    least one local strength or covered segment; 近 before 远, denser first, each score explained."""
    family = family_of(store, chain)
    network = supply_network(store, confirmed_only=confirmed_only)
    rows = []
    for sid in network.in_scope(family):
        profile, status = network.profiles[sid], network.statuses[sid]
        if status not in OPEN_STATUSES:
            continue
        up, down = _neighbours(network, sid)
        around = sorted(set(up) | set(down))
        strong = [network.name(i) for i in around if _strong(network, i)]
        if not strong:
            continue
        density = round(len(strong) / len(around), 3)
        distance = NEAR if density >= NEAR_THRESHOLD else FAR
        partly = [network.name(i) for i in around if network.statuses[i] in PARTLY]
        explanation = "；".join(
            [
                _side(network, "上游", up),
                _side(network, "下游", down),
                f"关联密度 {len(strong)}/{len(around)} = {density:.2f}，"
                f"{'≥' if distance == NEAR else '<'} {NEAR_THRESHOLD}，属{distance}距离延链机会",
            ]
        )
        if partly:
            explanation += f"（{names_of(partly, 5)} 本地有企业但为单点或薄弱，未计入）"
        rows.append(
            Opportunity(
                rank=0,
                segment=profile.name,
                chains=profile.chains,
                stage=profile.stage,
                status_label=status.label,
                distance=distance,
                density=density,
                neighbours=len(around),
                strong_neighbours=strong,
                explanation=explanation + "。",
                upstream=[network.name(i) for i in up],
                downstream=[network.name(i) for i in down],
            )
        )
    rows.sort(key=lambda r: (r.distance != NEAR, -r.density, -len(r.strong_neighbours), r.segment))
    return [Opportunity(**{**row.__dict__, "rank": rank}) for rank, row in enumerate(rows, start=1)]
