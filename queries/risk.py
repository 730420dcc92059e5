"""产业链安全: where one firm leaving, or one outside supplier failing, would break the chain.

For the chain-chief office, per segment: how many local firms supply it, whether it is a single-source
point, how much of the chain depends on it downstream, how many substitutes the candidate pool holds
and where, and how concentrated its local supply is (a Herfindahl index). The 风险清单 ranks segments
by a score whose every part is written down as a reason, in the way gap severity is (queries/gaps.py).

Only segments something local depends on are listed: a segment with local firms, or one whose
downstream segments have local firms. Capacity the plan says was eliminated (已淘汰) is never listed.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import partial

from graph.store import GraphStore, SegmentAggregate
from graph.vocabulary import Status
from queries.network import family_of, names_of, supply_network

SHARES_BY_CAPITAL = "按注册资本计算份额"
SHARES_EQUAL = "规模未知，按企业数等分"
NO_SHARES = "不适用（本地无企业）"
PLAN_ONLY = "未知（规划认定本地已有，企业未录入）"
HIGH_CONCENTRATION = 2500.0
"""HHI (0–10000) at or above which local supply counts as highly concentrated (the usual antitrust line)."""
FEW_SUBSTITUTES = 5
SAMPLE_NAMES = 10
PROVINCES_SHOWN = 3


@dataclass(frozen=True)
class SegmentRisk:
    """One segment of the 风险清单, its figures and the reasons for its rank."""

    rank: int
    segment: str
    chains: list[str]
    status_label: str
    local_suppliers: int | None
    local_sample: list[str]
    single_source: bool
    downstream_segments: int
    downstream_share: float
    downstream_enterprises: int
    substitutes: int
    substitute_provinces: dict[str, int]
    hhi: float | None
    hhi_basis: str
    score: float
    reasons: list[str] = field(default_factory=list)


def herfindahl(firms: int, capitals: Mapping[float, int]) -> tuple[float | None, str]:
    """HHI (0–10000) over the `firms` local firms serving a segment, and how shares were taken.

    `capitals`: positive registered capital → how many of the firms have it. Shares are registered capital
    where every firm has one; otherwise equal shares, and the basis says so. Summed in size order, so the
    same firms give the same figure whatever order a store reads them in.

    >>> herfindahl(0, {})
    (None, '不适用（本地无企业）')
    >>> herfindahl(2, {100.0: 1, 300.0: 1})
    (6250.0, '按注册资本计算份额')
    """
    if not firms:
        return None, NO_SHARES
    if sum(capitals.values()) < firms:
        return round(10000 / firms, 1), SHARES_EQUAL
    sizes = sorted(capitals.items())
    total = sum(size * count for size, count in sizes)
    return round(sum(count * (size / total) ** 2 for size, count in sizes) * 10000, 1), SHARES_BY_CAPITAL


def risk(store: GraphStore, chain: str | None = None, *, confirmed_only: bool = False) -> list[SegmentRisk]:
    """The ranked 风险清单 of one chain (with its sub-chains) or of all chains, highest risk first.

    Score (0–100) = local supply (none 30, single source 35, else 20 × HHI/10000; present by the plan's
    word with no enterprise recorded 15) + downstream segments that depend on it within the chain (≤25)
    + local enterprises downstream (≤15) + few substitutes in the candidate pool (none 20, fewer than 5:
    10); every part that counts is a reason.
    """
    family = family_of(store, chain)
    network = supply_network(store, confirmed_only=confirmed_only)
    scope = [sid for sid in network.in_scope(family) if network.statuses[sid] != Status.ELIMINATED]
    key = chain or ""
    downstream = network.memo("reach", key, partial(network.reach, scope))
    exposed = network.memo("downstream firms", key, partial(network.downstream_firms, scope))
    listed = [sid for sid in scope if network.profiles[sid].local_enterprises or exposed[sid]]
    rows = []
    for sid in listed:
        profile, status = network.profiles[sid], network.statuses[sid]
        firms = network.figures(store, sid)
        plan_only = network.plan_only(sid)
        hhi, hhi_basis = (None, PLAN_ONLY) if plan_only else herfindahl(firms.local, firms.local_capitals)
        provinces = sorted(firms.substitutes.items(), key=lambda item: (-item[1], item[0]))
        below = [network.name(d) for d in downstream[sid]]
        supply_score, supply_reason = _supply_part(firms, hhi, hhi_basis, status.label if plan_only else None)
        score, reasons = _score(supply_score, [supply_reason], below, len(scope), exposed[sid], provinces)
        rows.append(
            SegmentRisk(
                rank=0,
                segment=profile.name,
                chains=profile.chains,
                status_label=status.label,
                local_suppliers=None if plan_only else firms.local,
                local_sample=firms.local_names[:SAMPLE_NAMES],
                single_source=firms.local == 1,
                downstream_segments=len(below),
                downstream_share=round(len(below) / len(scope), 3) if scope else 0.0,
                downstream_enterprises=exposed[sid],
                substitutes=sum(count for _, count in provinces),
                substitute_provinces=dict(provinces[:PROVINCES_SHOWN]),
                hhi=hhi,
                hhi_basis=hhi_basis,
                score=score,
                reasons=reasons,
            )
        )
    rows.sort(key=lambda r: (-r.score, r.segment))
    return [SegmentRisk(**{**row.__dict__, "rank": rank}) for rank, row in enumerate(rows, start=1)]


def _supply_part(firms: SegmentAggregate, hhi: float | None, hhi_basis: str, declared: str | None) -> tuple[float, str]:
    """The local-supply part of the score and its reason; `declared`: the plan's status where it alone says
    the segment is present locally (no enterprise recorded)."""
    if declared is not None:
        return (
            15.0,
            f"规划认定本地已有基础（{declared}），但企业库中没有该环节的企业：本地供应商数未知，请导入企业名录核实",
        )
    if not firms.local:
        return 30.0, "本地没有供应商，下游只能从外地采购"
    if firms.local == 1:
        return 35.0, f"单一来源：本地只有“{firms.local_names[0]}”一家，一旦迁出或停产即断链"
    level = "，高度集中" if (hhi or 0.0) >= HIGH_CONCENTRATION else ""
    return 20 * (hhi or 0.0) / 10000, f"本地 {firms.local} 家供应商，集中度 HHI {hhi:g}（{hhi_basis}）{level}"


def _score(
    score: float,
    reasons: list[str],
    below: list[str],
    scope_size: int,
    enterprises_below: int,
    provinces: list[tuple[str, int]],
) -> tuple[float, list[str]]:
    """`provinces`: substitutes by province, most first (ties in name order)."""
    if below:
        score += 25 * min(len(below), 10) / 10
        share = f"，占 {len(below) / scope_size:.0%}" if scope_size else ""
        reasons.append(f"下游 {len(below)} 个环节依赖它{share}：{names_of(below, 5)}")
    if enterprises_below:
        score += 15 * min(enterprises_below, 20) / 20
        reasons.append(f"下游环节共有 {enterprises_below} 家本地企业")
    substitutes = sum(count for _, count in provinces)
    where = "、".join(f"{province} {count} 家" for province, count in provinces[:PROVINCES_SHOWN])
    if not substitutes:
        score += 20
        reasons.append("候选企业库中没有可替代的外地企业")
    elif substitutes < FEW_SUBSTITUTES:
        score += 10
        reasons.append(f"候选企业库中只有 {substitutes} 家可替代企业：{where}")
    else:
        reasons.append(f"候选企业库中有 {substitutes} 家可替代企业，主要在{where}")
    return round(score, 1), reasons
