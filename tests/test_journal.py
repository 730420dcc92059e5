"""The embedded store's append journal, on real files: a small write appends one record instead of rewriting
graph.json, every process sees it, a torn last record is ignored, and compaction writes what a full save writes.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from graph import embedded
from graph.embedded import GRAPH_FILE, JOURNAL_FILE, EmbeddedStore
from graph.model import GraphData, Node, NodeLabel, Relationship, RelType, text_prop
from graph.store import StoreError

CHAINKG = str(Path(sys.executable).parent / "chainkg")


def _stored_note(store: EmbeddedStore, node_id: str) -> str | None:
    """The 备注 the store holds for a node; None when it holds no such node or no note."""
    node = store.get_node(node_id)
    return None if node is None else text_prop(node.properties, "备注")


def _export(store: EmbeddedStore) -> str:
    return json.dumps(store.export().to_json_dict(), ensure_ascii=False, sort_keys=True)


def _note(store: EmbeddedStore, text: str) -> Node:
    """Write a note on the first candidate firm (a small write, as an editor's) and return the firm."""
    firm = store.nodes(NodeLabel.ENTERPRISE, locality="candidate")[0]
    store.write(GraphData(nodes=[Node(id=firm.id, label=NodeLabel.ENTERPRISE, properties={"备注": text})]))
    return firm


def _records(data_dir: Path) -> list[bytes]:
    return (data_dir / JOURNAL_FILE).read_bytes().splitlines(keepends=True)[1:]


def _after_token(path: Path) -> bytes:
    """graph.json without its first line's version token (every save writes a new one)."""
    saved = path.read_bytes()
    return saved[saved.index(b'","nodes"') :]


def test_a_write_appends_one_record_and_leaves_the_snapshot_alone(store: EmbeddedStore) -> None:
    snapshot = store.path.read_bytes()
    firm = _note(store, "已电话联系，对方有意向（含“引号”与\n换行）")
    assert store.path.read_bytes() == snapshot, "一次小的写入不应重写 graph.json"
    (record,) = _records(store.data_dir)
    length, checksum, payload = record.rstrip(b"\n").split(b" ", 2)
    assert int(length) == len(payload) and len(checksum) == 8
    assert "已电话联系".encode() in payload, "日志应以 UTF-8 原样保存中文"
    reopened = EmbeddedStore(store.data_dir)
    assert _stored_note(reopened, firm.id) == "已电话联系，对方有意向（含“引号”与\n换行）"
    assert _export(reopened) == _export(store)


def test_another_process_sees_a_write_and_the_held_store_catches_up(store: EmbeddedStore) -> None:
    held = EmbeddedStore(store.data_dir)  # as the app holds it
    before = held.version()
    firm = held.nodes(NodeLabel.ENTERPRISE, locality="candidate")[0]
    done = subprocess.run(
        [CHAINKG, "assign", firm.id, "模具"],
        env={**os.environ, "CHAINKG_DATA_DIR": str(store.data_dir), "CHAINKG_BACKEND": "embedded"},
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr
    assert len(_records(store.data_dir)) == 1
    assert held.relationships(RelType.OPERATES_IN, start=firm.id, end="segment:模具"), (
        "打开着的存储应读到另一进程的写入"
    )
    now, changed = held.changed_segments(before)
    assert now != before
    assert changed is not None and "segment:模具" in changed, "只重做日志记录时应知道改了哪些环节，而不是全部重读"
    _note(held, "在另一进程写入之后")
    reopened = EmbeddedStore(store.data_dir)
    assert reopened.relationships(RelType.OPERATES_IN, start=firm.id, end="segment:模具"), "后一次写入覆盖了前一次"
    assert _export(reopened) == _export(held)


@pytest.mark.parametrize("damage", ["cut", "checksum"])
def test_a_torn_last_record_is_ignored_and_dropped_by_the_next_write(store: EmbeddedStore, damage: str) -> None:
    _note(store, "第一次")
    kept = _export(EmbeddedStore(store.data_dir))
    _note(store, "第二次，写到一半断电")
    journal = store.data_dir / JOURNAL_FILE
    whole = journal.read_bytes()
    last = _records(store.data_dir)[-1]
    if damage == "cut":  # power lost part way through the append
        journal.write_bytes(whole[: len(whole) - len(last) // 2])
    else:  # a sector of the record written with other bytes: the length is right, the checksum is not
        journal.write_bytes(whole[:-10] + b"X" + whole[-9:])
    reopened = EmbeddedStore(store.data_dir)
    assert _export(reopened) == kept, "残缺的最后一条记录不应生效，也不应只生效一半"
    firm = _note(reopened, "第三次")
    assert all(line.endswith(b"\n") for line in _records(store.data_dir))
    assert len(_records(store.data_dir)) == 2, "下一次写入应去掉残缺的记录"
    assert _stored_note(EmbeddedStore(store.data_dir), firm.id) == "第三次"


def test_damage_before_the_last_record_is_reported_not_skipped(store: EmbeddedStore) -> None:
    _note(store, "第一次")
    _note(store, "第二次")
    journal = store.data_dir / JOURNAL_FILE
    header, first, second = journal.read_bytes().splitlines(keepends=True)
    journal.write_bytes(header + first[:-10] + b"X" + first[-9:] + second)
    with pytest.raises(StoreError, match="已损坏") as caught:
        EmbeddedStore(store.data_dir)
    assert "\n" not in str(caught.value) and JOURNAL_FILE in str(caught.value)


def test_bad_input_changes_neither_file(store: EmbeddedStore) -> None:
    _note(store, "之前的写入")
    files = {name: (store.data_dir / name).read_bytes() for name in (GRAPH_FILE, JOURNAL_FILE)}
    version = store.version()
    bad = GraphData(
        nodes=[Node(id="segment:甲", label=NodeLabel.SEGMENT, properties={"name": "甲"})],
        relationships=[Relationship(type=RelType.SUPPLIES, start="segment:甲", end="segment:不存在")],
    )
    with pytest.raises(StoreError, match="不存在"):
        store.write(bad)
    assert {name: (store.data_dir / name).read_bytes() for name in files} == files
    assert store.version() == version and store.get_node("segment:甲") is None


def test_compaction_writes_what_a_full_save_writes(
    store: EmbeddedStore, tmp_path_factory: pytest.TempPathFactory
) -> None:
    firm = _note(store, "一")
    tie = store.relationships(RelType.OPERATES_IN)[0]
    store.delete_relationship(RelType.OPERATES_IN, tie.start, tie.end)
    store.delete_nodes([store.nodes(NodeLabel.ENTERPRISE, locality="candidate")[-1].id])
    store.write(GraphData(nodes=[Node(id=firm.id, label=NodeLabel.ENTERPRISE, properties={"备注": "二"})]))
    assert len(_records(store.data_dir)) == 4
    held = EmbeddedStore(store.data_dir)
    seen = held.version()
    full = EmbeddedStore(tmp_path_factory.mktemp("full"))
    full.replace_all(store.export())  # written whole, never through the journal
    store.compact()
    assert _after_token(store.path) == _after_token(full.path), "合并后的 graph.json 应与整体保存的逐字节相同"
    assert _records(store.data_dir) == []
    assert _export(EmbeddedStore(store.data_dir)) == _export(store)
    assert held.changed_segments(seen)[1] == frozenset(), "已读到全部记录的进程不必在合并后重读"


def test_the_journal_is_folded_into_the_snapshot_when_it_passes_its_bound(
    store: EmbeddedStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(embedded, "JOURNAL_MIN_BYTES", 0)
    monkeypatch.setattr(embedded, "JOURNAL_SHARE", 0.0001)  # ~600 bytes for the seed's snapshot
    held = EmbeddedStore(store.data_dir)
    snapshot = store.path.read_bytes()
    _note(store, "短")
    assert store.path.read_bytes() == snapshot
    _note(store, "长" * 400)  # passes the bound: a compaction starts in the background
    store.close()  # waits for it
    assert store.path.read_bytes() != snapshot
    assert _records(store.data_dir) == []
    assert _export(held) == _export(store) == _export(EmbeddedStore(store.data_dir))


def test_a_copy_of_the_directory_is_the_whole_store(
    store: EmbeddedStore, tmp_path_factory: pytest.TempPathFactory
) -> None:
    firm = _note(store, "复制前")
    copy = shutil.copytree(store.data_dir, tmp_path_factory.mktemp("copy") / "副本")
    assert _stored_note(EmbeddedStore(Path(copy)), firm.id) == "复制前"
