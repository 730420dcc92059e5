"""Correcting an enterprise's segments by hand: the person's word replaces the keyword match.

A removed segment is remembered in the enterprise's `excluded_segments`, so a later import of
the same list does not match it back; an added one is a tie with basis 人工更正, which imports keep.
"""

from __future__ import annotations

from graph.model import GraphData, Node, NodeLabel, Relationship, RelType, Source, node_id
from graph.store import GraphStore, StoreError
from loaders.matching import CORRECTION


def enterprise_id(store: GraphStore, enterprise: str) -> str:
    node = store.get_node(enterprise) or store.get_node(node_id(NodeLabel.ENTERPRISE, enterprise))
    if node is None:
        hits = [n for n in store.search(enterprise, [NodeLabel.ENTERPRISE], limit=5) if n.name == enterprise]
        node = hits[0] if len(hits) == 1 else None
    if node is None:
        raise StoreError(f"找不到企业“{enterprise}”（或有重名，请改用企业标识）。")
    return node.id


def assign_segment(store: GraphStore, enterprise: str, segment: str, *, remove: bool = False) -> str:
    """Tie an enterprise to a segment (confidence 1.0, basis 人工更正), or remove the tie."""
    eid = enterprise_id(store, enterprise)
    sid = node_id(NodeLabel.SEGMENT, segment)
    if store.get_node(sid) is None:
        raise StoreError(f"找不到环节“{segment}”。")
    node = store.get_node(eid)
    excluded = [str(s) for s in (node.properties.get("excluded_segments") or []) if s != segment] if node else []
    if remove:
        found = store.delete_relationship(RelType.OPERATES_IN, eid, sid)
        excluded.append(segment)
        store.write(
            GraphData(nodes=[Node(id=eid, label=NodeLabel.ENTERPRISE, properties={"excluded_segments": excluded})])
        )
        return f"已取消“{enterprise}”与“{segment}”的关联。" if found else f"“{enterprise}”本来就不在“{segment}”环节。"
    tie = Relationship(
        type=RelType.OPERATES_IN,
        start=eid,
        end=sid,
        properties={
            "source": Source.IMPORT.value,
            "basis": CORRECTION,
            "confidence": 1.0,
            "keywords": [],
            "fields": [],
            "note": "由用户人工指定",
        },
    )
    store.write(
        GraphData(
            nodes=[Node(id=eid, label=NodeLabel.ENTERPRISE, properties={"excluded_segments": excluded})],
            relationships=[tie],
        )
    )
    return f"已将“{enterprise}”归入“{segment}”环节（人工更正）。"
