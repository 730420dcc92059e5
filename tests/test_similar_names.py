"""The 名称相近 check answers from an index the store keeps, with the judgement of the old linear scan.

The old check (`OldScan`, kept here as the reference) read every enterprise name, bucketed the name keys by first
and last character and compared a row's key with each key of its two buckets. The stores now return the candidate
keys by index (`GraphStore.similar_name_keys`); these tests compare the two on generated and real names, on both
backends, and through a whole import.
"""

from __future__ import annotations

import json
import random
import subprocess
import sys
from difflib import SequenceMatcher
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from graph import embedded
from graph.embedded import NAME_KEYS_FILE, EmbeddedStore
from graph.model import GraphData, Node, NodeLabel, node_id
from graph.name_chars import NameKeyIndex
from graph.neo4j_store import Neo4jStore
from graph.similar import could_be_similar, is_similar, probe_chars, probe_groups
from graph.store import GraphStore
from loaders.importing import core_name, plan_import, with_name_keys

REAL = [
    line
    for line in (Path(__file__).parent / "fixtures" / "similar_names.txt").read_text("utf-8").splitlines()
    if line and not line.startswith("#")
]


class OldScan:
    """The similar-name check before stores kept an index (main before branch simname), on a list of names."""

    def __init__(self, names: list[str]) -> None:
        self.buckets: dict[str, list[str]] = {}
        for key in dict.fromkeys(core_name(name) for name in sorted(names)):
            for char in {key[:1], key[-1:]}:
                self.buckets.setdefault(char, []).append(key)

    def similar(self, name: str) -> list[str]:
        """Every key the old check found similar, in the order it tried them."""
        key = core_name(name)
        if len(key) < 3:
            return []
        return [
            other
            for char in dict.fromkeys((key[:1], key[-1:]))
            for other in self.buckets.get(char, [])
            if abs(len(other) - len(key)) <= 2 and SequenceMatcher(None, key, other).ratio() >= 0.8
        ]


def _edited(name: str, rng: random.Random) -> str:
    """The name with one character changed, added or dropped (a likely typo or a sister firm)."""
    at = rng.randrange(len(name))
    char = rng.choice("新金皓浩茶油科技湖南长沙永州")
    return rng.choice([name[:at] + char + name[at + 1 :], name[:at] + char + name[at:], name[:at] + name[at + 1 :]])


def _queries(names: list[str], count: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    return [_edited(rng.choice(names), rng) for _ in range(count)] + rng.sample(names, min(count, len(names)))


def _check_index(names: list[str], queries: list[str]) -> int:
    """The index's candidates hold every key `could_be_similar` passes, and difflib then finds exactly the keys
    the old scan found; how many queries had a similar key."""
    index = NameKeyIndex()
    keys = list(dict.fromkeys(core_name(n) for n in names))
    for key in keys:
        index.add(key)
    old = OldScan(names)
    hits = 0
    for query in queries:
        key = core_name(query)
        if len(key) < 3:
            continue
        passing = {o for o in keys if could_be_similar(key, o)}
        assert passing <= index.candidates(key), query
        assert {o for o in passing if is_similar(key, o)} == set(old.similar(query)), query
        hits += bool(old.similar(query))
    return hits


NAME = st.text(alphabet="永州湘江科技电机模具新材料机械制造", min_size=1, max_size=12)
"""Generated names from few characters, so that many pairs are similar."""


@settings(max_examples=300, deadline=None)
@given(names=st.lists(NAME, min_size=1, max_size=40), queries=st.lists(NAME, min_size=1, max_size=10))
def test_index_finds_what_the_old_scan_found_on_generated_names(names: list[str], queries: list[str]) -> None:
    _check_index(names, queries + names[:5])


ALPHABET = "永州湘江科技电机模具新材料机械制造"


@settings(max_examples=3000, deadline=None)
@given(
    key=NAME,
    other=NAME,
    edit=st.tuples(st.integers(0, 11), st.sampled_from("新金皓浩茶油")),
    costs=st.dictionaries(st.sampled_from(ALPHABET), st.integers(0, 9)),
    at_least=st.integers(1, 9),
)
def test_every_key_that_may_be_similar_holds_probe_chars(
    key: str, other: str, edit: tuple[int, str], costs: dict[str, int], at_least: int
) -> None:
    """Prefix filtering: whichever characters a store finds rare, a key passing `could_be_similar` shares at least
    `at_least` of the probe characters, counted with repeats, and so contains every character of one of the probe
    groups a Lucene query asks for (on unrelated keys and on one-character edits)."""
    place, char = edit
    probes = probe_chars(key, lambda c: costs.get(c, 0), at_least)
    groups = probe_groups(key, probes, at_least, 10_000) if probes else None
    for candidate in (other, key[:place] + char + key[place + 1 :], key[:place] + key[place + 1 :]):
        if probes and could_be_similar(key, candidate):
            shared = sum(min(key.count(c), candidate.count(c)) for c in probes)
            assert shared >= at_least, (key, candidate, probes)
            assert groups is not None and any(set(group) <= set(candidate) for group in groups), (key, groups)


def test_index_finds_what_the_old_scan_found_on_real_names() -> None:
    assert _check_index(REAL, _queries(REAL, 300, 7)) > 100, "对照要包含足够多有相近名称的行"


def test_index_follows_removed_and_renamed_keys() -> None:
    index = NameKeyIndex()
    for key in ("新金皓茶油", "新金皓茶油", "新金浩茶油"):
        index.add(key)
    index.remove("新金皓茶油")
    assert index.candidates("新金好茶油") == {"新金皓茶油", "新金浩茶油"}, "还有一家企业持有这个名称键"
    index.remove("新金皓茶油")
    assert index.candidates("新金好茶油") == {"新金浩茶油"}
    index.add("新金皓茶油")
    assert index.candidates("新金好茶油") == {"新金皓茶油", "新金浩茶油"}


def _enterprises(names: list[str]) -> GraphData:
    nodes = [
        Node(
            id=node_id(NodeLabel.ENTERPRISE, f"相近测试{i}"),
            label=NodeLabel.ENTERPRISE,
            properties={"name": name, "locality": "candidate"},
        )
        for i, name in enumerate(names)
    ]
    return with_name_keys(GraphData(nodes=nodes))


def test_the_embedded_index_follows_writes_and_other_processes(tmp_path: Path) -> None:
    """Built by the first lookup, then kept by this process's writes and by what it reads of another's."""
    store, other = EmbeddedStore(tmp_path), EmbeddedStore(tmp_path)
    store.write(_enterprises(["湖南新金皓茶油有限公司"]))
    assert store.similar_name_keys(["新金好茶油"]) == {"新金好茶油": ["新金皓茶油"]}
    other.write(_enterprises(["湖南新金皓茶油有限公司", "湖南新金浩茶油有限公司"]))
    assert store.similar_name_keys(["新金好茶油"]) == {"新金好茶油": ["新金浩茶油", "新金皓茶油"]}
    store.write(_enterprises(["湖南另一家茶油有限公司"]))
    assert store.similar_name_keys(["新金好茶油"]) == {"新金好茶油": ["新金浩茶油"]}, "改名后旧名称键不再算"
    other.delete_nodes([node_id(NodeLabel.ENTERPRISE, "相近测试1")])
    assert store.similar_name_keys(["新金好茶油"]) == {"新金好茶油": []}
    assert EmbeddedStore(tmp_path).similar_name_keys(["另一家茶油", "新金"]) == {"另一家茶油": ["另一家茶油"]}


def _reference(names: list[str], wanted: list[str]) -> dict[str, list[str]]:
    """What `similar_name_keys` must answer, by judging every key of `names`."""
    keys = list(dict.fromkeys(core_name(n) for n in names))
    return {key: sorted(o for o in keys if could_be_similar(key, o)) for key in wanted if len(key) >= 3}


def test_a_saved_index_reads_back_as_it_was_and_nothing_else_does() -> None:
    index = NameKeyIndex()
    for key in [core_name(n) for n in REAL] + ["新金皓茶油", "新金皓茶油", "TCL科技", "𠀀新金"]:
        index.add(key)
    index.remove("新金皓茶油")
    index.remove(core_name(REAL[0]))
    data = index.to_bytes("快照甲")
    back = NameKeyIndex.from_bytes(data, "快照甲")
    assert back is not None
    for key in [core_name(q) for q in _queries(REAL, 100, 3)] + ["新金好茶油", core_name(REAL[0]), "TCL科技电子"]:
        assert back.candidates(key) == index.candidates(key), key
    back.add("新金浩茶油")
    assert "新金浩茶油" in back.candidates("新金好茶油"), "读回的索引还能继续增量维护"
    assert NameKeyIndex.from_bytes(data, "快照乙") is None, "别的快照的索引不能用"
    assert NameKeyIndex.from_bytes(data[:-1], "快照甲") is None
    flipped = bytearray(data)
    flipped[len(data) // 2] ^= 1
    assert NameKeyIndex.from_bytes(bytes(flipped), "快照甲") is None
    assert NameKeyIndex.from_bytes(NameKeyIndex().to_bytes("空"), "空") is not None


FRESH = """
import json, sys
from pathlib import Path
from graph.embedded import EmbeddedStore
store = EmbeddedStore(Path(sys.argv[1]))
answers = store.similar_name_keys(json.loads(sys.argv[2]))
print(json.dumps({"origin": store.name_key_index_origin, "answers": answers}, ensure_ascii=False))
"""


def _fresh_process(directory: Path, wanted: list[str]) -> tuple[str, dict[str, list[str]]]:
    """How a new process made its name-key index, and what it answered."""
    done = subprocess.run(
        [sys.executable, "-c", FRESH, str(directory), json.dumps(wanted, ensure_ascii=False)],
        cwd=Path(__file__).parent.parent,
        capture_output=True,
        text=True,
        check=True,
        timeout=300,
    )
    found = json.loads(done.stdout)
    return found["origin"], found["answers"]


def test_a_fresh_process_reads_the_index_an_import_process_saved(tmp_path: Path) -> None:
    """The first lookup builds the index and saves it for the snapshot; another process reads it back, bringing it
    up to date with the journal written since, and a compaction by a process holding the index saves it for the
    new snapshot: no later process reads every enterprise, and each answers what judging every key would."""
    first, later = REAL[:500], REAL[500:]
    wanted = [core_name(q) for q in _queries(REAL, 150, 5)]
    store = EmbeddedStore(tmp_path)
    store.write(_enterprises(first))
    assert store.similar_name_keys(wanted) == _reference(first, wanted)
    assert store.name_key_index_origin == "built" and (tmp_path / NAME_KEYS_FILE).exists()
    store.write(_enterprises(first[:-10] + later))  # a journal record: renames the last ten firms, adds the rest
    expected = _reference(first[:-10] + later, wanted)
    assert store.similar_name_keys(wanted) == expected
    assert _fresh_process(tmp_path, wanted) == ("loaded", expected), "另一个进程应读回索引并补上日志里的改动"
    saved = (tmp_path / NAME_KEYS_FILE).read_bytes()
    assert store.compact() > 0
    assert (tmp_path / NAME_KEYS_FILE).read_bytes() != saved, "合并出新快照时，持有索引的进程应为它保存索引"
    assert _fresh_process(tmp_path, wanted) == ("loaded", expected)
    reopened = EmbeddedStore(tmp_path)
    assert reopened.similar_name_keys(wanted) == expected and reopened.name_key_index_origin == "loaded"


def test_a_process_that_follows_a_compaction_reads_its_index_without_the_changes_again(tmp_path: Path) -> None:
    """A process without the index that replayed journal records, then moved on to the snapshot a compaction made
    of them, must not apply those changes again to that snapshot's saved index."""
    store = EmbeddedStore(tmp_path)
    store.write(_enterprises(["湖南新金皓茶油有限公司", "长沙市新金皓茶油有限公司"]))
    reader = EmbeddedStore(tmp_path)
    store.similar_name_keys(["新金好茶油"])
    store.write(_enterprises(["湖南新金皓茶油有限公司", "湖南另一家茶油有限公司"]))  # the second firm renamed
    reader.counts()  # replays the record: one holder of 新金皓茶油 fewer
    store.compact()
    answers = reader.similar_name_keys(["新金好茶油", "另一家茶油"])
    assert reader.name_key_index_origin == "loaded"
    assert answers == {"新金好茶油": ["新金皓茶油"], "另一家茶油": ["另一家茶油"]}, "还有一家企业持有新金皓茶油"


def test_a_stale_or_damaged_saved_index_is_built_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    wanted = [core_name(q) for q in _queries(REAL, 100, 9)]
    store = EmbeddedStore(tmp_path)
    store.write(_enterprises(REAL[:400]))
    store.similar_name_keys(wanted)
    path = tmp_path / NAME_KEYS_FILE
    damaged = bytearray(path.read_bytes())
    damaged[-5] ^= 0x20
    path.write_bytes(bytes(damaged))
    assert _fresh_process(tmp_path, wanted) == ("built", _reference(REAL[:400], wanted)), "损坏的索引不能用"
    assert _fresh_process(tmp_path, wanted)[0] == "loaded", "重建之后应保存好的索引"

    other = EmbeddedStore(tmp_path)  # without the index: its compaction leaves the saved one naming the old snapshot
    other.write(_enterprises(REAL[:400] + REAL[400:600]))
    other.compact()
    assert _fresh_process(tmp_path, wanted) == ("built", _reference(REAL[:600], wanted)), "过期的索引不能用"

    monkeypatch.setattr(embedded, "JOURNAL_MIN_BYTES", 0)  # every write saves the snapshot whole, as a big import
    monkeypatch.setattr(embedded, "JOURNAL_SHARE", 0)
    assert store.similar_name_keys(wanted) == _reference(REAL[:600], wanted)
    store.write(_enterprises(REAL[:650]))
    assert _fresh_process(tmp_path, wanted) == ("loaded", _reference(REAL[:650], wanted)), "整体保存时应一起保存索引"

    def killed(self: EmbeddedStore) -> None:
        raise KeyboardInterrupt  # as if killed after the new snapshot is in place, before its index is

    monkeypatch.setattr(EmbeddedStore, "_at_new_snapshot", killed)
    with pytest.raises(KeyboardInterrupt):
        store.write(_enterprises(REAL[:700]))
    assert _fresh_process(tmp_path, wanted) == ("built", _reference(REAL[:700], wanted)), "旧快照的索引不能用"


@pytest.fixture(scope="module")
def real_pair(neo4j_store: Neo4jStore, tmp_path_factory: pytest.TempPathFactory) -> tuple[GraphStore, GraphStore]:
    """The real names as enterprises in both stores (the embedded one read back from disk, so its index is the one
    built while reading the file)."""
    directory = tmp_path_factory.mktemp("similar")
    EmbeddedStore(directory).write(_enterprises(REAL))
    neo4j_store.clear()
    neo4j_store.write(_enterprises(REAL))
    return EmbeddedStore(directory), neo4j_store


@pytest.mark.neo4j
def test_both_stores_answer_what_every_key_would(real_pair: tuple[GraphStore, GraphStore]) -> None:
    queries = [*_queries(REAL, 200, 11), "TCL科技电子", "ABC", "永州AB科技", "𠀀新金皓茶油"]
    keys = list(dict.fromkeys(core_name(n) for n in REAL))
    wanted = [core_name(q) for q in queries]
    expected = {key: sorted(o for o in keys if could_be_similar(key, o)) for key in wanted if len(key) >= 3}
    embedded, neo4j = real_pair
    assert embedded.similar_name_keys(wanted) == expected
    assert neo4j.similar_name_keys(wanted) == expected
    assert sum(bool(found) for found in expected.values()) > 100


@pytest.mark.neo4j
def test_an_import_holds_the_rows_the_old_scan_held(real_pair: tuple[GraphStore, GraphStore]) -> None:
    """Through a whole import on both backends: a row is held as 名称相近 exactly when the old scan found a similar
    name, and the name it gives is one the old scan found similar too."""
    stored = {core_name(n) for n in REAL}
    queries = list({core_name(q): q for q in _queries(REAL, 150, 23) if core_name(q) not in stored}.values())
    old = OldScan(REAL)
    raw = ("企业名称\n" + "".join(q + "\n" for q in queries)).encode()
    for store in real_pair:
        plan = plan_import(store, "相近.csv", raw)
        assert [r.name for r in plan.rows] == queries
        for row in plan.rows:
            similar = old.similar(row.name)
            held = [m for m in row.messages if "名称相近" in m]
            assert bool(held) == bool(similar), row.name
            if held:
                assert core_name(held[0].split("“")[1].split("”")[0]) in similar
        assert sum(r.action == "待确认" for r in plan.rows) > 50
