"""Recording an editor's verdict on a judgement element, and carrying verdicts through `load --reset`.

A verdict is a `Review` node (see queries/review.py); the seed never contains one, so a plain load
(an upsert of seed data) leaves verdicts alone, and a reset puts them back into the replacement data
before the one atomic swap.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from graph.model import GraphData, Node, NodeLabel, PropertyValue, Relationship, RelType, node_id
from graph.store import GraphStore, StoreError, find_enterprise
from graph.vocabulary import ReviewState
from queries.review import (
    is_judged_link,
    is_judged_tie,
    is_template_segment,
    link_key,
    review_id,
    tie_key,
)

MAX_NOTE_CHARS = 500
_SEE_LIST = "可用 `chainkg review list` 查看可审阅的判断。"


def with_reviews(store: GraphStore, data: GraphData) -> GraphData:
    """`data` plus every review already in `store` that `data` does not itself hold (for a reset)."""
    held = data.node_ids()
    kept = [node for node in store.nodes(NodeLabel.REVIEW) if node.id not in held]
    return GraphData(nodes=data.nodes + kept, relationships=data.relationships) if kept else data


def element_key(
    store: GraphStore,
    *,
    link: tuple[str, str] | None = None,
    segment: str | None = None,
    tie: tuple[str, str] | None = None,
) -> tuple[str, str]:
    """(key, description) of the judgement element named: a supply link, a template segment or a name-inferred tie.

    Raises StoreError (one Chinese line) when it does not exist or is not judgement.
    """
    if link is not None:
        start, end = (node_id(NodeLabel.SEGMENT, name) for name in link)
        _check(
            store.relationships(RelType.SUPPLIES, start=start, end=end),
            is_judged_link,
            f"找不到从“{link[0]}”到“{link[1]}”的供应关系。{_SEE_LIST}",
            f"“{link[0]} → {link[1]}”出自规划原文，不是判断，无需审阅。",
        )
        return link_key(start, end), f"供应关系“{link[0]} → {link[1]}”"
    if segment is not None and tie is None:
        node = store.get_node(node_id(NodeLabel.SEGMENT, segment))
        if node is None:
            raise StoreError(f"找不到环节“{segment}”。{_SEE_LIST}")
        if not is_template_segment(node):
            raise StoreError(f"环节“{segment}”出自规划，不是模板补充的环节，无需审阅。")
        return node.id, f"模板环节“{segment}”"
    if tie is not None:
        eid, sid = find_enterprise(store, tie[0]).id, node_id(NodeLabel.SEGMENT, tie[1])
        _check(
            store.relationships(RelType.OPERATES_IN, start=eid, end=sid),
            is_judged_tie,
            f"企业“{tie[0]}”与环节“{tie[1]}”之间没有关联。{_SEE_LIST}",
            f"“{tie[0]} → {tie[1]}”不是名称推断的关联，无需审阅。",
        )
        return tie_key(eid, sid), f"关联“{tie[0]} → {tie[1]}”"
    raise StoreError(
        "请指明要审阅的判断：--from 与 --to（供应关系）、--segment（模板环节）或 --enterprise 与 --segment（关联）。"
    )


def _check(found: list[Relationship], judged: Callable[[Relationship], bool], absent: str, sourced: str) -> None:
    """The relationship looked up must exist and be judgement (not a sourced fact)."""
    if not found:
        raise StoreError(absent)
    if not judged(found[0]):
        raise StoreError(sourced)


def record_review(store: GraphStore, key: str, state: ReviewState, reviewer: str, note: str = "") -> None:
    """Write (or overwrite) the verdict on the element with this key; a modification must say what changed."""
    reviewer, note = reviewer.strip(), note.strip()
    if not reviewer:
        raise StoreError("请写明审阅人（网页的“审阅人”栏，或命令行 --by 姓名）。")
    if state == ReviewState.MODIFIED and not note:
        raise StoreError("“已修改”需要在备注中写明改了什么（网页的备注栏，或命令行 --note）。")
    if len(note) > MAX_NOTE_CHARS:
        raise StoreError(f"备注太长（{len(note)} 个字符，最多 {MAX_NOTE_CHARS} 个）。")
    reviewed_at = datetime.now(UTC).isoformat(timespec="seconds")
    properties: dict[str, PropertyValue] = {
        "element": key,
        "state": state.value,
        "reviewer": reviewer,
        "reviewed_at": reviewed_at,
        "note": note,
    }
    store.write(GraphData(nodes=[Node(id=review_id(key), label=NodeLabel.REVIEW, properties=properties)]))
