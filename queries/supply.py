"""供需对接: the inputs a chain or a local enterprise needs, the local firms that supply each, what comes from outside.

For the chain-chief office: which of our firms could buy from each other instead of from outside. An
*input* of a segment is a segment that supplies it (a counted SUPPLIES link, shown with its basis: the
plan's words or a judgement of 行业常识 / 模板). An input has a *local supplier* when a local enterprise
operates in it, or when the plan declares it present locally and no enterprise is recorded (said so, the
number of suppliers unknown). 本地配套率 = inputs with a local supplier ÷ inputs, each input segment counted once;
inputs the plan says were eliminated (已淘汰) are neither and are left out. Inputs without a local
supplier are the 外部依赖 list, each naming the segment so its 招商目标 list is one step away.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from graph.store import GraphStore, NotFound, find_enterprise
from graph.vocabulary import Locality, Status
from queries.network import Network, family_of, held, names_of, supply_network
from queries.structure import chain_families

SUPPLIER_NAMES = 20
"""At most this many local supplier names in a row (the count is always given)."""
HAS_LOCAL, NO_LOCAL, NOT_COUNTED = "有本地供应商", "无本地供应商（外部依赖）", "已淘汰，不计入"
PLAN_ONLY = "规划认定本地已有，企业未录入"


@dataclass(frozen=True)
class InputRow:
    """One input of one segment: where the link comes from and who could supply it locally."""

    segment: str
    input: str
    basis: str
    basis_words: str
    reason: str
    review_state: str
    input_status: str
    local_supplier_count: int | None
    local_suppliers: list[str]
    local: str


@dataclass(frozen=True)
class ExternalDependency:
    """An input no local enterprise supplies: which segments need it, on what basis, and where to go next."""

    input: str
    input_status: str
    needed_by: list[str]
    bases: list[str]
    next_step: str


@dataclass(frozen=True)
class EnterpriseRate:
    """One local enterprise's 本地配套率 over the inputs of the segments it operates in."""

    enterprise: str
    segments: list[str]
    inputs: int
    local_inputs: int
    local_rate: float | None
    external: list[str]


@dataclass(frozen=True)
class SupplyMatch:
    """供需对接 for one chain (with its sub-chains) or one local enterprise."""

    scope: str
    kind: str
    segments: list[str]
    inputs: int
    local_inputs: int
    local_rate: float | None
    explanation: str
    rows: list[InputRow]
    external: list[ExternalDependency]
    enterprises: list[EnterpriseRate] = field(default_factory=list)


@dataclass(frozen=True)
class ChainRate:
    """One line of the all-chains summary."""

    chain: str
    segments: int
    inputs: int
    local_inputs: int
    local_rate: float | None
    external: list[str]
    explanation: str


def _rate(local: int, total: int) -> float | None:
    return round(local / total, 3) if total else None


def _explain(local: int, total: int, external: list[str], excluded: int) -> str:
    """The rate in one sentence, with the inputs behind it; 未知 where there is nothing to count."""
    if not total:
        return "没有记录任何投入（供应关系），本地配套率未知。"
    text = f"{total} 种投入中 {local} 种有本地供应商，本地配套率 {local / total:.1%}"
    if external:
        text += f"；无本地供应商：{names_of(external)}"
    if excluded:
        text += f"；另有 {excluded} 种投入为规划认定已淘汰的产能，不计入"
    return text + "。"


def _counted_inputs(network: Network, segment_ids: list[str]) -> tuple[list[str], list[str], int]:
    """(inputs with a local supplier, inputs without, eliminated inputs left out) of these segments.

    An input the plan declares present locally (优势, 已有基础) counts as locally supplied even when no
    local enterprise is recorded in it; its rows say so and give the supplier count as unknown.
    """
    inputs = {link.start for sid in segment_ids for link in network.upstream.get(sid, [])}
    eliminated = {i for i in inputs if network.statuses[i] == Status.ELIMINATED}
    counted = inputs - eliminated
    local = {i for i in counted if network.profiles[i].local_enterprises or network.plan_only(i)}
    return sorted(network.name(i) for i in local), sorted(network.name(i) for i in counted - local), len(eliminated)


def _match(
    store: GraphStore, network: Network, scope: str, kind: str, segment_ids: list[str], own: str | None = None
) -> SupplyMatch:
    """Rows, outside dependencies and the rate for these segments (`own`: the enterprise asking, if any)."""
    links = [link for sid in segment_ids for link in network.upstream.get(sid, [])]
    ties = network.local_ties(store, {link.start for link in links})
    rows, needed_by, bases = [], defaultdict(list), defaultdict(set)
    for link in sorted(links, key=lambda lk: (network.name(lk.end), network.name(lk.start))):
        suppliers = sorted(f"{t.name}（本企业）" if t.id == own else t.name for t in ties.get(link.start, []))
        status = network.statuses[link.start]
        plan_only = network.plan_only(link.start)
        if status == Status.ELIMINATED:
            local = NOT_COUNTED
        else:
            local = HAS_LOCAL if suppliers else PLAN_ONLY if plan_only else NO_LOCAL
        rows.append(
            InputRow(
                segment=network.name(link.end),
                input=network.name(link.start),
                basis=link.basis,
                basis_words=link.basis_words,
                reason=link.reason,
                review_state=link.review_state,
                input_status=status.label,
                local_supplier_count=None if plan_only else len(suppliers),
                local_suppliers=suppliers[:SUPPLIER_NAMES],
                local=local,
            )
        )
        if local == NO_LOCAL:
            needed_by[link.start].append(network.name(link.end))
            bases[link.start].add(link.basis_words)
    local_inputs, outside, excluded = _counted_inputs(network, segment_ids)
    external = [
        ExternalDependency(
            input=network.name(sid),
            input_status=network.statuses[sid].label,
            needed_by=needed_by[sid],
            bases=sorted(bases[sid]),
            next_step=f"招商目标页，或 chainkg targets --gap {network.name(sid)}",
        )
        for sid in sorted(needed_by, key=lambda s: (-len(needed_by[s]), network.name(s)))
    ]
    total = len(local_inputs) + len(outside)
    return SupplyMatch(
        scope=scope,
        kind=kind,
        segments=sorted(network.name(sid) for sid in segment_ids),
        inputs=total,
        local_inputs=len(local_inputs),
        local_rate=_rate(len(local_inputs), total),
        explanation=_explain(len(local_inputs), total, outside, excluded),
        rows=rows,
        external=external,
    )


def _enterprise_segments(network: Network) -> dict[str, list[str]]:
    """Local enterprise id → the segments it is counted in (after review), in id order."""
    segments: dict[str, list[str]] = defaultdict(list)
    for sid in sorted(network.profiles):
        for eid in network.profiles[sid].local_enterprises:
            segments[eid].append(sid)
    return segments


def _enterprise_rate(network: Network, name: str, segment_ids: list[str]) -> EnterpriseRate:
    local, outside, _ = _counted_inputs(network, segment_ids)
    return EnterpriseRate(
        enterprise=name,
        segments=[network.name(sid) for sid in segment_ids],
        inputs=len(local) + len(outside),
        local_inputs=len(local),
        local_rate=_rate(len(local), len(local) + len(outside)),
        external=outside,
    )


def chain_supply(store: GraphStore, chain: str, *, confirmed_only: bool = False) -> SupplyMatch:
    """供需对接 for a chain and its sub-chains, with each local enterprise's own 本地配套率 (lowest first)."""
    family = family_of(store, chain)
    network = supply_network(store, confirmed_only=confirmed_only)
    segment_ids = network.in_scope(family)
    match = _match(store, network, chain, "产业链", segment_ids)
    ties = network.local_ties(store, segment_ids)
    names = {tie.id: tie.name for rows in ties.values() for tie in rows}
    by_enterprise = _enterprise_segments(network)
    rates = [_enterprise_rate(network, names[eid], by_enterprise[eid]) for eid in names]
    rates.sort(key=lambda r: (r.local_rate is None, r.local_rate or 0.0, r.enterprise))
    return SupplyMatch(**{**match.__dict__, "enterprises": rates})


def enterprise_supply(store: GraphStore, enterprise: str, *, confirmed_only: bool = False) -> SupplyMatch:
    """供需对接 for one local enterprise: the inputs of every segment it operates in."""
    node = find_enterprise(store, enterprise)
    if node.properties.get("locality") != Locality.LOCAL:
        raise NotFound(f"“{node.name}”不是本地企业，请核对企业名称。")
    network = supply_network(store, confirmed_only=confirmed_only)
    segment_ids = _enterprise_segments(network).get(node.id, [])
    match = _match(store, network, node.name, "企业", segment_ids, own=node.id)
    if not segment_ids:
        explanation = f"“{node.name}”没有关联到任何环节（可用 chainkg assign 指定），本地配套率未知。"
        return SupplyMatch(**{**match.__dict__, "explanation": explanation})
    return match


def supply_overview(store: GraphStore, *, confirmed_only: bool = False) -> list[ChainRate]:
    """本地配套率 of every chain (with its sub-chains), lowest first; chains without recorded inputs last."""
    network = supply_network(store, confirmed_only=confirmed_only)
    families = held(store, "chain families", lambda: chain_families(store))
    rows = []
    for chain, family in families.items():
        segment_ids = network.in_scope(family)
        local, outside, excluded = _counted_inputs(network, segment_ids)
        total = len(local) + len(outside)
        rows.append(
            ChainRate(
                chain=chain,
                segments=len(segment_ids),
                inputs=total,
                local_inputs=len(local),
                local_rate=_rate(len(local), total),
                external=outside,
                explanation=_explain(len(local), total, outside, excluded),
            )
        )
    return sorted(rows, key=lambda r: (r.local_rate is None, r.local_rate or 0.0, r.chain))
