"""A local firm whose 登记状态 says it is not live (注销, 吊销, 迁出, 停业, 清算 …) is 已关停: `Locality.FORMER`.

Every reader counts only `locality == local` as a segment's local firm (gaps, health, regions, what-if, supply,
cards, reports), so a deregistered firm must leave that locality, or a segment whose only local firm is gone shows
as covered. One rule, `status_locality`, decides it from the firm as it will be after a write, and every writer
that can make a firm local or give it a status applies it: every import (the in-memory one, the page's, the
streamed `chainkg import enterprises --stream`, all through `loaders.importing.RowPlanner`) and `chainkg load`
(`with_status_localities`). Landing a lead, the one other way to make a firm local, refuses a dead firm
(loaders/leads.py).

- A firm that is local after the write (a new row of a local import, an existing local firm updated by any import,
  a plan-named or landed firm the load writes as local) and whose 登记状态 is dead (`dead_status_word`) is written
  as former, its status kept, with `FORMER_BY_STATUS` saying when and by which file: "2026-12-03 导入“名录.csv”时
  登记状态为“注销”". A later write keeps that first reason.
- A firm made former that way (`FORMER_BY_STATUS` not empty) that a later import gives a live status is local
  again, whatever the import's own locality (it was local before its status closed it); `FORMER_BY_STATUS` is
  emptied ("" rather than removed: both stores then hold the same properties).
- A firm the plan declares closed (the seed's `locality: former`, 湘江纸业) carries no `FORMER_BY_STATUS`, so no
  import revives it; a seed that newly declares a firm closed empties the property the same way.
- Candidates and external bodies keep their locality: a dead candidate stays in the graph and off target lists
  (queries/targets.py), as before.

A data directory written before this rule may hold local firms with a dead status: a plain `chainkg load` makes
them former too (the load's date in the reason), and so does re-importing them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from graph.model import GraphData, Node, NodeLabel, PropertyValue, text_prop
from graph.store import GraphStore
from graph.vocabulary import FORMER_BY_STATUS, Locality, dead_status_word


def status_locality(props: Mapping[str, PropertyValue], occasion: str) -> dict[str, PropertyValue]:
    """The locality change a firm's 登记状态 calls for, from its properties as they will be after a write (the stored
    ones updated with the written ones): {} when none.

    `occasion` says which write decides it ("2026-12-03 导入“名录.csv”"); it goes into the reason.

    >>> status_locality({"locality": "local", "status": "注销"}, "2026-12-03 导入“a.csv”")
    {'locality': 'former', 'former_by_status': '2026-12-03 导入“a.csv”时登记状态为“注销”'}
    >>> status_locality({"locality": "former", "status": "存续", "former_by_status": "…"}, "")
    {'locality': 'local', 'former_by_status': ''}
    >>> status_locality({"locality": "former", "status": "存续"}, "")  # the plan calls it closed
    {}
    """
    locality = props.get("locality")
    status = text_prop(props, "status") or ""
    reason = text_prop(props, FORMER_BY_STATUS)
    if locality == Locality.LOCAL and dead_status_word(status):
        return {"locality": Locality.FORMER.value, FORMER_BY_STATUS: reason or f"{occasion}时登记状态为“{status}”"}
    if locality == Locality.FORMER and reason and status and not dead_status_word(status):
        return {"locality": Locality.LOCAL.value, FORMER_BY_STATUS: ""}
    return {}


def with_status_locality(node: Node, stored: Node | None, occasion: str) -> Node:
    """`node` (what a write gives an enterprise; `stored`, the enterprise already in the store, or None) with the
    locality change `status_locality` calls for added to its properties."""
    change = status_locality({**(stored.properties if stored else {}), **node.properties}, occasion)
    return node.model_copy(update={"properties": {**node.properties, **change}}) if change else node


def with_status_localities(store: GraphStore, data: GraphData, today: dt.date | None = None) -> GraphData:
    """`data` (what a plain load writes) with the status rule applied against `store`, plus the rule's changes to
    the store's other local firms.

    The seed writes a plan-named firm as local (and `with_leads` a landed one), but the 登记状态 an import gave it
    lives only in the store: such a firm stays former. A firm the seed calls former loses any `FORMER_BY_STATUS`,
    so no import revives it. Local firms only the store holds whose status is dead (stored before imports applied
    this rule) become former, dated by `today`; only their status is read (`properties_of`), not whole firms.
    Loading twice changes nothing.
    """
    occasion = f"{(today or dt.date.today()).isoformat()} 加载（chainkg load）"
    nodes = list(data.nodes)
    held: set[str] = set()
    for index, node in enumerate(nodes):
        if node.label != NodeLabel.ENTERPRISE:
            continue
        held.add(node.id)
        locality = node.properties.get("locality")
        if locality == Locality.LOCAL:
            nodes[index] = with_status_locality(node, store.get_node(node.id), occasion)
        elif locality == Locality.FORMER and _former_by_status(store.get_node(node.id)):
            nodes[index] = node.model_copy(update={"properties": {**node.properties, FORMER_BY_STATUS: ""}})
    local = store.properties_of(NodeLabel.ENTERPRISE, ("status", FORMER_BY_STATUS), locality=Locality.LOCAL.value)
    closed = [
        Node(id=eid, label=NodeLabel.ENTERPRISE, properties=change)
        for eid, props in local.items()
        if eid not in held and (change := status_locality({**props, "locality": Locality.LOCAL.value}, occasion))
    ]
    if not closed and nodes == data.nodes:
        return data
    return GraphData(nodes=nodes + closed, relationships=data.relationships)


def _former_by_status(node: Node | None) -> bool:
    return node is not None and bool(text_prop(node.properties, FORMER_BY_STATUS))
