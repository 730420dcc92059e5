"""Correcting an enterprise's segments by hand: the person's word replaces the keyword match.

A removed segment is remembered in the enterprise's `excluded_segments`, so a later import of
the same list does not match it back; an added one is a tie with basis 人工更正, which imports keep
(it overrides an earlier removal, so adding a segment back leaves the list as it is) and which replaces a
keyword-matched tie whole, keywords and grade included (deleting it first: two writes, and only when such a tie
exists, so a crash between them loses that one tie until `assign` is run again). Neither writes an empty list:
`neo4j-admin`'s importer (`chainkg neo4j-import`) cannot keep one (it drops an empty array), and every reader takes a
missing list as empty.
"""

from __future__ import annotations

from graph.model import GraphData, Node, NodeLabel, Relationship, RelType, Source, node_id, texts_prop
from graph.store import GraphStore, NotFound, find_enterprise
from loaders.matching import CORRECTION


def assign_segment(store: GraphStore, enterprise: str, segment: str, *, remove: bool = False) -> str:
    """Tie an enterprise to a segment (confidence 1.0, basis 人工更正), or remove the tie."""
    eid = find_enterprise(store, enterprise).id
    sid = node_id(NodeLabel.SEGMENT, segment)
    if store.get_node(sid) is None:
        raise NotFound(f"找不到环节“{segment}”，请核对环节名称。")
    if remove:
        found = store.delete_relationship(RelType.OPERATES_IN, eid, sid)
        node = store.get_node(eid)
        excluded = texts_prop(node.properties, "excluded_segments") if node else []
        if segment not in excluded:
            store.write(
                GraphData(
                    nodes=[
                        Node(id=eid, label=NodeLabel.ENTERPRISE, properties={"excluded_segments": [*excluded, segment]})
                    ]
                )
            )
        return f"已取消“{enterprise}”与“{segment}”的关联。" if found else f"“{enterprise}”本来就不在“{segment}”环节。"
    tie = Relationship(
        type=RelType.OPERATES_IN,
        start=eid,
        end=sid,
        properties={"source": Source.IMPORT.value, "basis": CORRECTION, "confidence": 1.0, "note": "由用户人工指定"},
    )
    stale = store.relationships(RelType.OPERATES_IN, start=eid, end=sid)
    if any(set(rel.properties) - set(tie.properties) for rel in stale):
        store.delete_relationship(RelType.OPERATES_IN, eid, sid)
    store.write(GraphData(relationships=[tie]))
    return f"已将“{enterprise}”归入“{segment}”环节（人工更正）。"
