"""Review of judgement: which elements are modelling judgement, what editors said about them, and
segment profiles that use only the judgement an analysis may trust.

A judgement element is a supply link whose basis is 行业常识, 模板 or 名称推断, a segment that only the
chain-template library supplies (`origin: 模板`), or an enterprise's tie inferred from its name
(名称推断). An editor's verdict is a `Review` node whose id is derived from the element's key, so it
survives reloads and seed upgrades; a verdict whose element has gone is listed as 失效, never dropped.

Rejected judgement (已否决) is left out of every analysis; with `confirmed_only`, judgement counts only
once reviewed 已确认 or 已修改. Both rules are applied here, over the store interface, so both backends agree.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace

import networkx as nx

from graph.model import Node, NodeLabel, PropertyValue, Relationship, RelType, node_id
from graph.store import GraphStore, SegmentProfile
from graph.vocabulary import Basis, Locality, ReviewState
from queries.structure import chain_family

JUDGED_LINK_BASES = frozenset({Basis.INDUSTRY_STRUCTURE.value, Basis.TEMPLATE.value, Basis.NAME_INFERENCE.value})
"""A supply link on one of these bases is judgement, not a sourced fact."""
TEMPLATE_ORIGIN = "模板"
ACCEPTED = frozenset({ReviewState.CONFIRMED, ReviewState.MODIFIED})
PENDING = ReviewState.PENDING.label
ORPHANED = "失效"
"""The state shown for a review whose element no longer exists (after a seed upgrade)."""

LINK, SEGMENT, TIE = "供应关系", "模板环节", "名称推断关联"

REVIEW_COLUMNS = {
    "kind": "类型",
    "element": "判断",
    "chains": "产业链",
    "basis": "依据",
    "source": "来源",
    "reason": "理由",
    "reason_from": "理由来源",
    "state": "审阅状态",
    "reviewer": "审阅人",
    "reviewed_at": "审阅时间",
    "note": "审阅备注",
}
"""Table columns of a judgement list (command line, app), field → Chinese title."""


@dataclass(frozen=True)
class Review:
    """An editor's verdict on one judgement element (the `Review` node)."""

    key: str
    state: ReviewState
    reviewer: str
    reviewed_at: str
    note: str


@dataclass(frozen=True)
class JudgementItem:
    """One judgement element with its basis, its reason, where the reason came from and its review."""

    key: str
    kind: str
    element: str
    chains: list[str]
    basis: str
    source: str
    reason: str
    reason_from: str
    state: str
    reviewer: str = ""
    reviewed_at: str = ""
    note: str = ""


def link_key(start: str, end: str) -> str:
    """Key of a supply link, e.g. SUPPLIES|segment:铜材|segment:漆包线."""
    return f"{RelType.SUPPLIES.value}|{start}|{end}"


def tie_key(enterprise_id: str, segment_id: str) -> str:
    return f"{RelType.OPERATES_IN.value}|{enterprise_id}|{segment_id}"


def review_id(key: str) -> str:
    return node_id(NodeLabel.REVIEW, key)


def _basis(properties: Mapping[str, PropertyValue]) -> str:
    return str(properties.get("basis") or properties.get("source") or "")


def is_judged_link(rel: Relationship) -> bool:
    return _basis(rel.properties) in JUDGED_LINK_BASES


def is_judged_tie(rel: Relationship) -> bool:
    return _basis(rel.properties) == Basis.NAME_INFERENCE.value


def is_template_segment(node: Node) -> bool:
    return node.properties.get("origin") == TEMPLATE_ORIGIN


def review_of(node: Node) -> Review:
    props = node.properties
    return Review(
        key=node.id.split(":", 1)[1],
        state=ReviewState(str(props.get("state"))),
        reviewer=str(props.get("reviewer") or ""),
        reviewed_at=str(props.get("reviewed_at") or ""),
        note=str(props.get("note") or ""),
    )


def reviews(store: GraphStore) -> dict[str, Review]:
    """Every review in the store, by element key."""
    ledger = (review_of(node) for node in store.nodes(NodeLabel.REVIEW))
    return {review.key: review for review in ledger}


def link_state(ledger: dict[str, Review], start: str, end: str, basis: str) -> str:
    """The review state label of a supply link for tables: its verdict, 待审, or "" for a sourced fact."""
    if basis not in JUDGED_LINK_BASES:
        return ""
    review = ledger.get(link_key(start, end))
    return review.state.label if review else PENDING


def judgement_items(
    store: GraphStore, chain: str | None = None, *, state: str | None = None, basis: str | None = None
) -> list[JudgementItem]:
    """The judgement elements of one chain (and its sub-chains) or all, with their review state.

    `state` filters by a ReviewState label (待审, 已确认, …) or 失效; `basis` by 行业常识, 名称推断 or 模板
    (an element's basis or its source: a template link is 行业常识 from the 模板).
    Reviews whose element no longer exists are listed as 失效 when no chain is asked for.
    """
    ledger = reviews(store)
    profiles = {p.id: p for p in store.segment_profiles()}
    segments = {node.id: node for node in store.nodes(NodeLabel.SEGMENT)}
    family = chain_family(store, chain) if chain is not None else None
    items: list[JudgementItem] = []

    def add(key: str, kind: str, element: str, chains: list[str], props: dict[str, PropertyValue], why: str) -> None:
        if family is not None and not family & set(chains):
            return
        source = str(props.get("source") or "")
        reason = str(props.get("reason") or props.get("note") or "")
        review = ledger.pop(key, None)
        verdict = (
            {"state": review.state.label, "reviewer": review.reviewer, "reviewed_at": review.reviewed_at}
            if review
            else {"state": PENDING}
        )
        items.append(
            JudgementItem(
                key=key,
                kind=kind,
                element=element,
                chains=chains,
                basis=_basis(props),
                source=source,
                reason=reason,
                reason_from=why,
                note=review.note if review else "",
                **verdict,
            )
        )

    def name(sid: str) -> str:
        return profiles[sid].name if sid in profiles else sid.split(":", 1)[1]

    def chains_of(*sids: str) -> list[str]:
        return sorted({c for sid in sids if sid in profiles for c in profiles[sid].chains})

    for node in segments.values():
        if is_template_segment(node):
            add(node.id, SEGMENT, node.name, chains_of(node.id), node.properties, _reason_from(node.properties))
    for rel in store.relationships(RelType.SUPPLIES):
        if is_judged_link(rel):
            element = f"{name(rel.start)} → {name(rel.end)}"
            chains = chains_of(rel.start, rel.end)
            add(link_key(rel.start, rel.end), LINK, element, chains, rel.properties, _reason_from(rel.properties))
    for rel in _name_inferred_ties(store):
        if is_judged_tie(rel):
            enterprise = store.get_node(rel.start)
            element = f"{enterprise.name if enterprise else rel.start} → {name(rel.end)}"
            add(tie_key(rel.start, rel.end), TIE, element, chains_of(rel.end), rel.properties, _TIE_REASON_FROM)
    if family is None:
        for review in ledger.values():
            items.append(
                JudgementItem(
                    key=review.key,
                    kind=ORPHANED,
                    element=review.key,
                    chains=[],
                    basis="",
                    source="",
                    reason="对象已不存在（种子升级后被删除或改名）",
                    reason_from="",
                    state=ORPHANED,
                    reviewer=review.reviewer,
                    reviewed_at=review.reviewed_at,
                    note=review.note,
                )
            )
    return [
        item
        for item in sorted(items, key=lambda i: (i.kind, i.element))
        if (state is None or item.state == state) and (basis is None or basis in (item.basis, item.source))
    ]


def _name_inferred_ties(store: GraphStore) -> list[Relationship]:
    """The ties whose `basis` or `source` says 名称推断, ordered by key: a superset of the judged ties (`_basis`
    reads `basis`, else `source`), read by property instead of all ~400,000 ties at 100,000 enterprises."""
    found = {
        rel.key: rel
        for prop in ("basis", "source")
        for rel in store.relationships(RelType.OPERATES_IN, **{prop: Basis.NAME_INFERENCE.value})
    }
    return [found[key] for key in sorted(found)]


_TIE_REASON_FROM = "企业种子数据（seed/enterprises.yaml）：仅由企业名称推断，置信度低"


def _reason_from(properties: dict[str, PropertyValue]) -> str:
    """Where an element's reason was written: a named public source, the template library or the plan seed."""
    named = properties.get("basis_source")
    if named:
        return f"公开资料：{named}"
    if properties.get("source") == Basis.TEMPLATE.value:
        return "产业链模板库（seed/templates/）：与永州无关的标准结构"
    return "规划种子数据（seed/chains/）：按行业常识建模的判断，不是规划原文"


def reviewed_profiles(
    store: GraphStore, profiles: list[SegmentProfile], *, confirmed_only: bool = False
) -> list[SegmentProfile]:
    """`profiles` with rejected judgement removed and, with `confirmed_only`, unreviewed judgement too.

    Removed: rejected template segments with their links, rejected (or, confirmed-only, unaccepted) judged
    supply links (so `downstream` is recomputed from the links that remain) and name-inferred enterprise ties.
    Template segments are 待核实 and never gaps, so confirmed-only leaves them in: their links decide.
    Without any review to apply, the profiles come back unchanged (the common, fast case).
    """
    ledger = reviews(store)
    rejected = {key for key, review in ledger.items() if review.state == ReviewState.REJECTED}
    if not confirmed_only and not rejected:
        return profiles
    accepted = {key for key, review in ledger.items() if review.state in ACCEPTED}

    def counts(key: str, judged: bool) -> bool:
        return key not in rejected and (not confirmed_only or not judged or key in accepted)

    kept = {profile.id for profile in profiles if profile.id not in rejected}
    supply: nx.DiGraph[str] = nx.DiGraph()
    supply.add_nodes_from(kept)
    supply.add_edges_from(
        (rel.start, rel.end)
        for rel in store.relationships(RelType.SUPPLIES)
        if rel.start in kept and rel.end in kept and counts(link_key(rel.start, rel.end), is_judged_link(rel))
    )
    dropped_ties = {
        (tie.id, profile.id)
        for profile in profiles
        if profile.local_enterprises
        for tie in store.enterprises_in(profile.id, Locality.LOCAL)
        if _basis(tie.tie) == Basis.NAME_INFERENCE.value and not counts(tie_key(tie.id, profile.id), True)
    }
    return [
        replace(
            profile,
            local_enterprises=[e for e in profile.local_enterprises if (e, profile.id) not in dropped_ties],
            small_enterprises=[e for e in profile.small_enterprises if (e, profile.id) not in dropped_ties],
            dropped_local=[
                *profile.dropped_local,
                *(e for e in profile.local_enterprises if (e, profile.id) in dropped_ties),
            ],
            downstream=sorted(nx.descendants(supply, profile.id)),
        )
        for profile in profiles
        if profile.id in kept
    ]
