"""Compaction off the write path, on real files and real processes: the write that passes the journal's bound only
appends, writes made while the snapshot is being written land in the new journal (this process's and another's),
and the states a crash leaves at each step of a compaction open with every committed write, none applied twice.

A test pauses a compaction by holding the store's guard, the lock its thread takes for each chunk of the graph
it writes: what happens meanwhile is then certainly "during" the compaction, without waiting on a clock.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from cli_runs import chainkg
from filelock import FileLock

from graph import embedded
from graph.embedded import COMPACTION_LOCK_FILE, GRAPH_FILE, JOURNAL_FILE, LOCK_FILE, EmbeddedStore
from graph.model import GraphData, Node, NodeLabel, Relationship, RelType, text_prop


def _stored_note(store: EmbeddedStore, node_id: str) -> str | None:
    """The 备注 the store holds for a node; None when it holds no such node or no note."""
    node = store.get_node(node_id)
    return None if node is None else text_prop(node.properties, "备注")


def _export(store: EmbeddedStore) -> str:
    return json.dumps(store.export().to_json_dict(), ensure_ascii=False, sort_keys=True)


def _records(data_dir: Path) -> list[bytes]:
    return (data_dir / JOURNAL_FILE).read_bytes().splitlines(keepends=True)[1:]


def _after_token(path: Path) -> bytes:
    """graph.json from its nodes on (its first line's token and where it came from differ per save)."""
    saved = path.read_bytes()
    return saved[saved.index(b'"nodes"') :]


def _note(store: EmbeddedStore, firm: str, text: str) -> None:
    store.write(GraphData(nodes=[Node(id=firm, label=NodeLabel.ENTERPRISE, properties={"备注": text})]))


def _firms(store: EmbeddedStore) -> list[str]:
    return [firm.id for firm in store.nodes(NodeLabel.ENTERPRISE, locality="candidate")[:3]]


@pytest.fixture
def small_bound(monkeypatch: pytest.MonkeyPatch) -> None:
    """A journal bound of a few hundred bytes for the seed's snapshot, so that a few notes pass it."""
    monkeypatch.setattr(embedded, "JOURNAL_MIN_BYTES", 0)
    monkeypatch.setattr(embedded, "JOURNAL_SHARE", 0.0001)


@contextmanager
def _paused(store: EmbeddedStore) -> Iterator[None]:
    """Hold the store's guard: a compaction started inside writes nothing until the block ends."""
    with store._guard:
        yield


def _start_paused_compaction(store: EmbeddedStore, firm: str) -> int:
    """Inside `_paused`: write notes (each under the bound) until one passes the bound and starts the compaction;
    how many were written."""
    for count in range(1, 20):
        _note(store, firm, f"第 {count} 条" + "长" * 60)
        if store._compaction is not None:
            return count
    raise AssertionError("越过上限的写入应在后台开始合并")


def test_the_write_past_the_bound_only_appends(store: EmbeddedStore, small_bound: None) -> None:
    firm = _firms(store)[0]
    snapshot = store.path.read_bytes()
    with _paused(store):
        writes = _start_paused_compaction(store, firm)
        assert writes > 1 and store.path.read_bytes() == snapshot, "越过上限的那次写入不应等合并，只追加一条记录"
        assert len(_records(store.data_dir)) == writes
        assert (_stored_note(EmbeddedStore(store.data_dir), firm) or "").startswith(f"第 {writes} 条")
    store.close()
    assert store.path.read_bytes() != snapshot and _records(store.data_dir) == []
    assert _export(EmbeddedStore(store.data_dir)) == _export(store)


def test_writes_during_a_compaction_land_in_the_new_journal(
    store: EmbeddedStore, small_bound: None, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """This process's writes and another process's, made while the snapshot is written: the snapshot is the graph
    as at the start (byte for byte what a full save of it writes), the new journal holds exactly those writes, and
    a store opened before, a reopened store and another process all see everything."""
    first, second, _ = _firms(store)
    tie = store.relationships(RelType.OPERATES_IN)[0]
    third = tie.start
    held = EmbeddedStore(store.data_dir)  # as the app holds it
    with _paused(store):
        _start_paused_compaction(store, first)
        at_start = store.export()
        _note(store, second, "合并期间的写入")
        assert store.delete_relationship(RelType.OPERATES_IN, third, tie.end)
        other = chainkg("assign", third, "模具", data_dir=store.data_dir)
        assert other.returncode == 0, other.stderr
    store.close()
    full = EmbeddedStore(tmp_path_factory.mktemp("full"))
    full.replace_all(at_start)
    assert _after_token(store.path) == _after_token(full.path), "快照应是合并开始那一刻的图"
    assert len(_records(store.data_dir)) == 3, "合并期间的三次写入（含另一进程的）应在新日志里，各一次"
    assert _stored_note(held, second) == "合并期间的写入"
    assert held.relationships(RelType.OPERATES_IN, start=third, end="segment:模具"), "另一进程的写入不应丢失"
    assert _export(held) == _export(store) == _export(EmbeddedStore(store.data_dir))
    exported = chainkg("export", data_dir=store.data_dir)
    assert exported.returncode == 0, exported.stderr
    assert json.loads(exported.stdout) == store.export().to_json_dict(), "另一进程应读到每一次写入"


def test_killed_between_renaming_the_snapshot_and_the_journal(store: EmbeddedStore, small_bound: None) -> None:
    """graph.json is the new snapshot, graph.journal still the old journal: the records the snapshot holds are not
    applied again (here one would fail: its endpoint was deleted later), those after them are, and the next write
    (another process) moves them into a journal naming the new snapshot."""
    first, second, _ = _firms(store)
    newcomer = Node(id="enterprise:合并测试新企业", label=NodeLabel.ENTERPRISE, properties={"name": "合并测试新企业"})
    store.write(GraphData(nodes=[newcomer]))
    store.write(
        GraphData(relationships=[Relationship(type=RelType.OPERATES_IN, start=newcomer.id, end="segment:模具")])
    )
    store.delete_nodes([newcomer.id])  # replaying the relationship after this would find no start
    with _paused(store):
        _start_paused_compaction(store, first)
        _note(store, second, "合并期间一")
        _note(store, second, "合并期间二")
        old_journal = (store.data_dir / JOURNAL_FILE).read_bytes()
    store.close()
    (store.data_dir / JOURNAL_FILE).write_bytes(old_journal)  # as if killed before renaming the new journal
    crashed = EmbeddedStore(store.data_dir)
    assert _export(crashed) == _export(store), "不应丢失也不应重做已并入快照的记录"
    assert _stored_note(crashed, second) == "合并期间二"
    later = chainkg("assign", second, "模具", data_dir=store.data_dir)
    assert later.returncode == 0, later.stderr
    token = store.path.read_bytes()[12:44]
    assert (store.data_dir / JOURNAL_FILE).read_bytes().split(b"\n")[0].endswith(token), "下一次写入应换上新日志"
    assert len(_records(store.data_dir)) == 3
    reopened = EmbeddedStore(store.data_dir)
    assert _stored_note(reopened, second) == "合并期间二"
    assert reopened.relationships(RelType.OPERATES_IN, start=second, end="segment:模具")
    assert _export(crashed) == _export(reopened), "打开着的存储应跟上"


def test_killed_while_writing_the_snapshot(store: EmbeddedStore) -> None:
    firm = _firms(store)[0]
    _note(store, firm, "合并前的写入")
    before = _export(store)
    partial = store.data_dir / ".compaction-killed.tmp"
    partial.write_bytes(store.path.read_bytes()[:1000])
    reopened = EmbeddedStore(store.data_dir)
    assert _export(reopened) == before
    assert not partial.exists(), "打开时应清理被杀的合并留下的临时文件"
    assert reopened.compact() > 0 and _records(store.data_dir) == []
    assert _export(EmbeddedStore(store.data_dir)) == before


def test_a_writer_killed_mid_append_during_a_compaction(store: EmbeddedStore, small_bound: None) -> None:
    first, second, _ = _firms(store)
    with _paused(store):
        _start_paused_compaction(store, first)
        _note(store, second, "完整的记录")
        with open(store.data_dir / JOURNAL_FILE, "ab") as journal:
            journal.write(b'999 0badf00d {"op":"write","nod')  # another writer's append, cut short
    store.close()
    assert len(_records(store.data_dir)) == 1, "新日志只应带上完整的记录"
    assert _export(EmbeddedStore(store.data_dir)) == _export(store)
    assert _stored_note(store, second) == "完整的记录"


def test_a_reset_during_a_compaction_wins(store: EmbeddedStore, small_bound: None) -> None:
    first, second, _ = _firms(store)
    with _paused(store):
        _start_paused_compaction(store, first)
        data = store.export()
        store.replace_all(GraphData(nodes=[node for node in data.nodes if node.id != second]))
    store.close()
    reopened = EmbeddedStore(store.data_dir)
    assert reopened.get_node(second) is None and reopened.counts().relationships == {}
    assert _export(reopened) == _export(store)


def test_the_compact_command(store: EmbeddedStore) -> None:
    firm = _firms(store)[0]
    _note(store, firm, "备份前的写入")
    done = chainkg("compact", data_dir=store.data_dir)
    assert done.returncode == 0, done.stderr
    assert "已把" in done.stdout and "备份" in done.stdout
    assert _records(store.data_dir) == []
    alone = store.data_dir.parent / "只有快照"
    alone.mkdir()
    shutil.copy(store.path, alone / GRAPH_FILE)
    assert _stored_note(EmbeddedStore(alone), firm) == "备份前的写入", "合并后 graph.json 单独即全部"
    again = chainkg("compact", data_dir=store.data_dir)
    assert again.returncode == 0 and "没有需要合并" in again.stdout


@pytest.mark.parametrize("lock_file, says", [(COMPACTION_LOCK_FILE, "正在合并"), (LOCK_FILE, "正在写入")])
def test_the_compact_command_when_the_store_is_busy(store: EmbeddedStore, lock_file: str, says: str) -> None:
    _note(store, _firms(store)[0], "一")
    journal = (store.data_dir / JOURNAL_FILE).read_bytes()
    with FileLock(store.data_dir / lock_file):
        done = chainkg("compact", "--wait", "0", data_dir=store.data_dir)
    assert done.returncode == 1 and says in done.stderr and "\n" not in done.stderr.strip()
    assert (store.data_dir / JOURNAL_FILE).read_bytes() == journal


def test_the_compact_command_where_it_does_not_apply(tmp_path: Path) -> None:
    missing = chainkg("compact", data_dir=tmp_path / "没有这个目录")
    assert missing.returncode == 1 and "没有图谱文件" in missing.stderr
    assert not (tmp_path / "没有这个目录").exists(), "不应建出一个空的数据目录"
    neo4j = chainkg("--backend", "neo4j", "compact", data_dir=tmp_path)
    assert neo4j.returncode == 1 and "只用于内置存储" in neo4j.stderr
