"""Investment leads (招商线索): which target enterprise the team is courting for which gap, and how far it got.

A lead is one enterprise courted for one segment: a `Lead` node (status, owner, last note, next contact
date) whose id is derived from the enterprise and segment ids, plus one `LeadChange` node per change
(who, when, from → to, note), so concurrent writers never overwrite each other's history. Neither is
seed data, so leads survive reloads (loaders/leads.py carries them through `load --reset`).

For the investment team: the board of who is at which stage, whose next call is overdue, and — once a
firm has 已落地 — that the gap it was courted for now has a local enterprise.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field, replace
from datetime import date

from graph.model import Node, NodeLabel, key_of_id, node_id, number_prop, text_prop
from graph.store import GraphStore
from graph.vocabulary import CLOSED_LEADS, LeadStatus, dead_status_word
from queries.gaps import SegmentStatus, segment_statuses
from queries.structure import chain_family

GONE = "失效"
"""The segment status shown for a lead whose segment is no longer in the graph (after a seed upgrade)."""

LEAD_COLUMNS = {
    "chains": "产业链",
    "segment": "环节",
    "segment_status": "环节状态",
    "enterprise": "企业",
    "not_live": "企业登记状态",
    "status_label": "线索状态",
    "owner": "负责人",
    "next_contact": "下次联系",
    "overdue_note": "逾期",
    "last_note": "最近备注",
    "history_count": "变更次数",
    "updated_at": "更新时间（UTC）",
    "updated_by": "经办人",
}
"""Table columns of a lead list (command line, app, Excel), field → Chinese title."""

CHANGE_COLUMNS = {
    "enterprise": "企业",
    "segment": "环节",
    "at": "时间（UTC）",
    "by": "经办人",
    "from_label": "原状态",
    "to_label": "新状态",
    "owner": "负责人",
    "next_contact": "下次联系",
    "note": "备注",
}
"""Table columns of a lead's history, field → Chinese title."""


@dataclass(frozen=True)
class LeadChange:
    """One change of a lead: who made it, when, the status before and after, and what they noted."""

    enterprise: str
    segment: str
    at: str
    by: str
    from_label: str
    to_label: str
    owner: str
    next_contact: str
    note: str


@dataclass(frozen=True)
class Lead:
    """One enterprise courted for one segment, with its whole history (oldest first)."""

    key: str
    enterprise: str
    enterprise_id: str
    segment: str
    segment_id: str
    chains: list[str]
    segment_status: str
    status: LeadStatus
    status_label: str
    owner: str
    next_contact: str
    overdue: bool
    overdue_note: str
    last_note: str
    updated_at: str
    updated_by: str
    history_count: int = 0
    history: list[LeadChange] = field(default_factory=list)
    not_live: str = ""
    """The firm's 登记状态 when it says the firm is no longer live (吊销,未注销（非存续）), else empty: a lead opened
    before a re-import recorded 注销 or 吊销 is flagged, and cannot land (loaders/leads.py)."""


def lead_key(enterprise_id: str, segment_id: str) -> str:
    """Key of a lead, e.g. enterprise:某某模具|segment:模具."""
    return f"{enterprise_id}|{segment_id}"


def lead_id(enterprise_id: str, segment_id: str) -> str:
    return node_id(NodeLabel.LEAD, lead_key(enterprise_id, segment_id))


def is_overdue(status: LeadStatus, next_contact: str, today: date) -> bool:
    """A next contact date in the past on a lead still being followed up."""
    return status not in CLOSED_LEADS and bool(next_contact) and next_contact < today.isoformat()


def lead_statuses(store: GraphStore, segment_id: str) -> dict[str, str]:
    """{enterprise id: lead status label} of the leads for one segment (for the target list)."""
    return {
        str(node.properties.get("enterprise")): LeadStatus(str(node.properties.get("status"))).label
        for node in store.nodes(NodeLabel.LEAD, segment=segment_id)
    }


def leads(
    store: GraphStore,
    chain: str | None = None,
    *,
    status: LeadStatus | None = None,
    owner: str | None = None,
    today: date | None = None,
) -> list[Lead]:
    """Every lead of one chain (and its sub-chains) or all, optionally of one status or owner.

    Sorted by segment, then status in board order, then enterprise. `overdue` compares the next contact
    date with `today` (default: the local date). A lead whose segment has left the graph shows 失效.
    """
    today = today or date.today()
    family = chain_family(store, chain) if chain is not None else None
    statuses = {row.segment_id: row for row in segment_statuses(store)}
    history: dict[str, list[tuple[str, int, LeadChange]]] = defaultdict(list)
    for node in store.nodes(NodeLabel.LEAD_CHANGE):
        change = _change(node)
        seq = int(number_prop(node.properties, "seq") or 0)
        history[str(node.properties.get("lead"))].append((change.at, seq, change))
    order = list(LeadStatus)
    rows = []
    for node in store.nodes(NodeLabel.LEAD):
        lead = _lead(node, statuses, history, today)
        if family is not None and not family & set(lead.chains):
            continue
        if (status is None or lead.status == status) and (owner is None or lead.owner == owner):
            rows.append(lead)
    rows = _with_registration(store, rows)
    return sorted(rows, key=lambda r: (r.segment, order.index(r.status), r.enterprise))


def _with_registration(store: GraphStore, rows: list[Lead]) -> list[Lead]:
    """The rows, each whose firm's 登记状态 says it is not live flagged (one read of the listed firms)."""
    if not rows:
        return rows
    firms = store.subgraph(sorted({row.enterprise_id for row in rows})).nodes
    dead = {
        firm.id: f"{status}（非存续）"
        for firm in firms
        if (status := text_prop(firm.properties, "status")) and dead_status_word(status)
    }
    return [replace(row, not_live=dead[row.enterprise_id]) if row.enterprise_id in dead else row for row in rows]


def _change(node: Node) -> LeadChange:
    props = node.properties
    before = text_prop(props, "from_status")
    return LeadChange(
        enterprise=text_prop(props, "enterprise_name") or "",
        segment=text_prop(props, "segment_name") or "",
        at=text_prop(props, "at") or "",
        by=text_prop(props, "by") or "",
        from_label=LeadStatus(before).label if before else "（新建）",
        to_label=LeadStatus(str(props.get("to_status"))).label,
        owner=text_prop(props, "owner") or "",
        next_contact=text_prop(props, "next_contact") or "",
        note=text_prop(props, "note") or "",
    )


def _lead(
    node: Node, statuses: dict[str, SegmentStatus], history: dict[str, list[tuple[str, int, LeadChange]]], today: date
) -> Lead:
    props = node.properties
    sid = str(props.get("segment"))
    state = LeadStatus(str(props.get("status")))
    next_contact = text_prop(props, "next_contact") or ""
    segment = statuses.get(sid)
    changes = history.get(key_of_id(node.id), [])
    late = is_overdue(state, next_contact, today)
    return Lead(
        key=key_of_id(node.id),
        enterprise=text_prop(props, "enterprise_name") or str(props.get("enterprise")),
        enterprise_id=str(props.get("enterprise")),
        segment=text_prop(props, "segment_name") or key_of_id(sid),
        segment_id=sid,
        chains=list(segment.chains) if segment else [],
        segment_status=segment.status_label if segment else GONE,
        status=state,
        status_label=state.label,
        owner=text_prop(props, "owner") or "",
        next_contact=next_contact,
        overdue=late,
        overdue_note=f"逾期 {(today - date.fromisoformat(next_contact)).days} 天" if late else "",
        last_note=text_prop(props, "note") or "",
        updated_at=text_prop(props, "updated_at") or "",
        updated_by=text_prop(props, "updated_by") or "",
        history_count=len(changes),
        history=[change for _, _, change in sorted(changes, key=lambda c: c[:2])],
    )
