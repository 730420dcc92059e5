"""Recording a change to an investment lead, landing a firm, and carrying leads through reloads.

Every change is one atomic `store.write`: the lead's new state, a `LeadChange` node for its history and,
when the status crosses 已落地, the enterprise's locality and its tie to the segment. So a crash leaves
the lead before or after the change, never a landed lead whose firm is still a candidate.

已落地 makes the firm a local enterprise of the segment: its locality becomes local and its tie to the
segment gets basis 招商落地 with a note naming the lead, the date and the owner, so gaps, health and
what-if count it. What it replaced (the locality and the tie's source, basis, confidence and note) is
kept on the lead, and moving the lead back out of 已落地 writes it back: the firm is a candidate again
with its original match, and the target list shows it again.

Two editors changing the same lead at the same moment both keep their entry in the history (one node
each); the later write sets the lead's current state.
"""

from __future__ import annotations

import json
import uuid
from datetime import UTC, date, datetime

from graph.model import (
    GraphData,
    Node,
    NodeLabel,
    PropertyValue,
    Relationship,
    RelType,
    node_id,
    number_prop,
    text_prop,
)
from graph.store import GraphStore, NotFound, StoreError, find_enterprise
from graph.vocabulary import Basis, LeadStatus, Locality, dead_status_word
from queries.leads import lead_id, lead_key

MAX_NOTE_CHARS = 500
MAX_OWNER_CHARS = 50
LANDING_TIE_KEYS = ("source", "basis", "confidence", "note")
"""The tie properties 已落地 overwrites (and going back restores); other properties (keywords) stay as they are."""


def parse_next_contact(text: str | None) -> str | None:
    """A next-contact date as YYYY-MM-DD, or None when not given; anything else is refused in one line."""
    if text is None or not text.strip():
        return None
    try:
        return date.fromisoformat(text.strip()).isoformat()
    except ValueError as exc:
        raise StoreError(f"下次联系日期“{text}”无法识别：请写成 2026-12-15 这样的年-月-日。") from exc


def set_lead(
    store: GraphStore,
    enterprise: str,
    segment: str,
    *,
    status: LeadStatus | None = None,
    owner: str | None = None,
    note: str = "",
    next_contact: str | None = None,
    by: str | None = None,
) -> str:
    """Create or change the lead for `enterprise` in `segment`; returns one Chinese line saying what was done.

    A new lead needs an owner and an existing tie between the enterprise and the segment (a target is
    an enterprise matched to a segment) and starts 待接触 unless a status is given. A firm whose 登记状态 says it
    is not live (注销, 吊销 …: `graph.vocabulary.dead_status_word`) gets no new lead and cannot land. A change
    must change something (status, owner, next contact date) or add a note. `by` (who made the change) defaults to
    the owner.
    """
    firm = find_enterprise(store, enterprise)
    sid = node_id(NodeLabel.SEGMENT, segment)
    if store.get_node(sid) is None:
        raise NotFound(f"找不到环节“{segment}”，请核对环节名称。")
    owner, note, by = (owner or "").strip(), note.strip(), (by or "").strip()
    next_contact = parse_next_contact(next_contact)
    if len(note) > MAX_NOTE_CHARS:
        raise StoreError(f"备注太长（{len(note)} 个字符，最多 {MAX_NOTE_CHARS} 个）。")
    if len(owner) > MAX_OWNER_CHARS or len(by) > MAX_OWNER_CHARS:
        raise StoreError(f"负责人或经办人姓名太长（最多 {MAX_OWNER_CHARS} 个字符）。")
    ties = store.relationships(RelType.OPERATES_IN, start=firm.id, end=sid)
    current = store.get_node(lead_id(firm.id, sid))
    old = current.properties if current else {}
    before = LeadStatus(str(old["status"])) if current else None
    if current is None:
        _check_new(firm, segment, bool(ties), owner)
    after = status or before or LeadStatus.NEW
    if (current is None or (after == LeadStatus.LANDED and before != LeadStatus.LANDED)) and (
        dead := dead_status_word(text_prop(firm.properties, "status") or "")
    ):
        raise StoreError(
            f"“{firm.name}”的登记状态为“{firm.properties.get('status')}”（{dead}），不是存续企业："
            + ("不能建立招商线索。" if current is None else "不能标记为已落地；可改为“放弃”并写明原因。")
        )
    owner = owner or text_prop(old, "owner") or ""
    next_date = next_contact if next_contact is not None else (text_prop(old, "next_contact") or "")
    if current is not None and (after, owner, next_date) == (before, old.get("owner"), old.get("next_contact") or ""):
        if not note:
            raise StoreError("没有要记录的变化：请给出新的状态、负责人、下次联系日期，或写一条备注。")
    now = datetime.now(UTC).isoformat(timespec="seconds")
    key = lead_key(firm.id, sid)
    lead: dict[str, PropertyValue] = {
        "enterprise": firm.id,
        "enterprise_name": firm.name,
        "segment": sid,
        "segment_name": segment,
        "status": after.value,
        "owner": owner,
        "next_contact": next_date,
        "note": note or text_prop(old, "note") or "",
        "updated_at": now,
        "updated_by": by or owner,
        "changes": int(number_prop(old, "changes") or 0) + 1,
    }
    if current is None:
        lead["created_at"] = now
    change: dict[str, PropertyValue] = {
        "lead": key,
        "seq": lead["changes"],
        "enterprise_name": firm.name,
        "segment_name": segment,
        "at": now,
        "by": by or owner,
        "from_status": before.value if before else "",
        "to_status": after.value,
        "owner": owner,
        "next_contact": next_date,
        "note": note,
    }
    effect = GraphData()
    if after == LeadStatus.LANDED and before != LeadStatus.LANDED:
        if not ties:
            raise StoreError(f"企业“{firm.name}”与环节“{segment}”之间已没有关联，无法标记为已落地；请先恢复关联。")
        lead["prior"] = json.dumps(
            {"locality": firm.properties.get("locality"), "tie": _tie_values(ties[0].properties)}, ensure_ascii=False
        )
        lead["landed_on"] = now[:10]
        effect = _landing(firm.id, sid, lead)
    elif before == LeadStatus.LANDED and after != LeadStatus.LANDED:
        lead["landed_on"] = ""
        effect = _undo_landing(firm.id, sid, old, bool(ties))
    change_id = node_id(NodeLabel.LEAD_CHANGE, f"{key}|{now}|{uuid.uuid4().hex[:8]}")
    records = [
        Node(id=lead_id(firm.id, sid), label=NodeLabel.LEAD, properties=lead),
        Node(id=change_id, label=NodeLabel.LEAD_CHANGE, properties=change),
    ]
    data = GraphData(nodes=records + effect.nodes, relationships=effect.relationships)
    store.write(data)
    verb = "新建线索" if current is None else "已更新线索"
    moved = f"{before.label} → {after.label}" if before and before != after else after.label
    return f"{verb}：{firm.name}（{segment}）{moved}，负责人 {owner}。"


def _check_new(firm: Node, segment: str, tied: bool, owner: str) -> None:
    """A new lead is for a target: a firm tied to the segment that is not local yet, with an owner."""
    if not tied:
        raise StoreError(
            f"企业“{firm.name}”与环节“{segment}”之间没有关联：招商线索只为该环节的目标企业建立；"
            f"如确属该环节，可先运行 `chainkg assign {firm.name} {segment}`。"
        )
    if firm.properties.get("locality") == Locality.LOCAL:
        raise StoreError(f"“{firm.name}”已是本地企业，不需要建立招商线索。")
    if not owner:
        raise StoreError("新建线索请写明负责人（网页的“负责人”栏，或命令行 --owner 姓名）。")


def _tie_values(tie: dict[str, PropertyValue]) -> dict[str, PropertyValue]:
    """The tie properties landing overwrites, as they were ("" for absent: readers treat both alike)."""
    return {key: tie.get(key, "") for key in LANDING_TIE_KEYS}


def _landing(eid: str, sid: str, lead: dict[str, PropertyValue]) -> GraphData:
    """The landed firm as a local enterprise tied to the segment by its lead."""
    what = f"{lead['enterprise_name']} → {lead['segment_name']}"
    note = f"招商线索已落地（{lead['landed_on']}，负责人 {lead['owner']}）：{what}"
    tie: dict[str, PropertyValue] = {
        "source": Basis.LEAD_LANDED.value,
        "basis": Basis.LEAD_LANDED.value,
        "confidence": 1.0,
        "note": note,
    }
    return GraphData(
        nodes=[Node(id=eid, label=NodeLabel.ENTERPRISE, properties={"locality": Locality.LOCAL.value})],
        relationships=[Relationship(type=RelType.OPERATES_IN, start=eid, end=sid, properties=tie)],
    )


def _undo_landing(eid: str, sid: str, lead: dict[str, PropertyValue], tied: bool) -> GraphData:
    """What landing replaced, written back (the tie only if it is still there)."""
    prior = json.loads(str(lead.get("prior") or "{}"))
    locality = prior.get("locality") or Locality.CANDIDATE.value
    restored = [Relationship(type=RelType.OPERATES_IN, start=eid, end=sid, properties=prior.get("tie", {}))]
    return GraphData(
        nodes=[Node(id=eid, label=NodeLabel.ENTERPRISE, properties={"locality": locality})],
        relationships=restored if tied and prior.get("tie") else [],
    )


def with_leads(store: GraphStore, data: GraphData) -> GraphData:
    """`data` plus every lead (and its history) already in `store`, with landed firms kept landed.

    Used by every load: a reset carries leads over, and a plain load (which rewrites candidates as
    candidates) must not quietly un-land a firm. A landed firm or segment missing from `data` is left
    out; its lead stays and is listed with the segment as 失效.
    """
    held = data.node_ids()
    kept = [node for node in store.nodes(NodeLabel.LEAD) + store.nodes(NodeLabel.LEAD_CHANGE) if node.id not in held]
    landed = {
        (str(node.properties.get("enterprise")), str(node.properties.get("segment"))): node.properties
        for node in store.nodes(NodeLabel.LEAD)
        if node.properties.get("status") == LeadStatus.LANDED.value
    }
    if not kept and not landed:
        return data
    nodes, relationships = list(data.nodes) + kept, list(data.relationships)
    firms = {eid for eid, _ in landed}
    index = {node.id: i for i, node in enumerate(nodes) if node.id in firms}
    present = {rel.key: i for i, rel in enumerate(relationships) if rel.type == RelType.OPERATES_IN}
    for (eid, sid), lead in landed.items():
        if eid not in index or sid not in held:
            continue
        landing = _landing(eid, sid, lead)
        firm = nodes[index[eid]]
        landed_props = {**firm.properties, **landing.nodes[0].properties}
        nodes[index[eid]] = Node(id=eid, label=firm.label, properties=landed_props)
        (tie,) = landing.relationships
        at = present.get(tie.key)
        if at is None:
            relationships.append(tie)
        else:
            relationships[at] = Relationship(
                type=tie.type, start=eid, end=sid, properties={**relationships[at].properties, **tie.properties}
            )
    return GraphData(nodes=nodes, relationships=relationships)
