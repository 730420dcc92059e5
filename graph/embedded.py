"""The embedded store: a networkx graph in memory, kept on disk as a snapshot and an append journal.

It is the zero-setup default: no server, and data persists in `CHAINKG_DATA_DIR`: `graph.json` (the whole
graph, the export's JSON shape) and `graph.journal` (the writes since that snapshot, one checksummed record per
write). Several processes may share the directory (the app, command-line imports). Every change is a
read-modify-write under a cross-process lock, after catching up with what other processes wrote; it is then
appended to the journal and fsynced, so a small write costs the size of the change, not of the graph. On
`replace_all`, `clear` and a change bigger than the journal may grow, the snapshot is rewritten whole (a temporary
file renamed over the old one). A crash at any moment leaves the state before the write or after it: a torn last
record fails its length or checksum and is ignored.
Reads catch up whenever the version on disk differs from the copy in memory: new journal records are applied
as they were by their writer; only a snapshot this process cannot reach that way is read again whole.

Compaction (folding the journal into a new snapshot) runs off the write path, in a background thread, when the
journal passes a share of the snapshot's size (`JOURNAL_SHARE`), or on `compact`; see `_Compaction` for how it
stays consistent and crash-safe while writes go on.
"""

from __future__ import annotations

import functools
import json
import marshal
import os
import re
import sys
import tempfile
import threading
import uuid
import zlib
from collections import Counter, defaultdict
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any, BinaryIO, Literal, NamedTuple, ParamSpec, TypeVar

import networkx as nx
from filelock import FileLock, Timeout

from graph.model import (
    GraphData,
    Node,
    NodeLabel,
    PropertyValue,
    Relationship,
    RelType,
    is_small,
    number_prop,
    text_prop,
    texts_prop,
)
from graph.name_chars import NameKeyIndex
from graph.store import (
    FULL_NAME_KEY,
    HOME_CITY,
    LOCAL_NAMES_KEPT,
    NAME_ID_PREFIX,
    NAME_KEY,
    UNKNOWN_PROVINCE,
    Counts,
    Direction,
    EnterpriseTie,
    GraphStore,
    Progress,
    SegmentAggregate,
    SegmentProfile,
    StoreError,
    copy_aggregate,
    copy_profile,
    graph_from_dict,
    graph_from_json,
    missing_endpoint,
    os_error_message,
    scoped_node_write,
    scoped_relationship_write,
)
from graph.vocabulary import Locality

GRAPH_FILE = "graph.json"
JOURNAL_FILE = "graph.journal"
NAME_KEYS_FILE = "graph.name-keys"
"""The enterprises' name-key index (`NameKeyIndex.to_bytes`) of one snapshot, named by its version: derived data,
read instead of building the index when it names the snapshot memory holds, ignored otherwise."""
LOCK_FILE = ".graph.lock"
COMPACTION_LOCK_FILE = ".compaction.lock"
"""Held by the process whose thread is compacting: one compaction at a time across processes."""
_COMPACTION_TEMP = ".compaction-"
LOCK_TIMEOUT_SECONDS = 300
SUPPLIES, BELONGS_TO, OPERATES_IN = RelType.SUPPLIES.value, RelType.BELONGS_TO.value, RelType.OPERATES_IN.value
_TOKEN = re.compile(rb'^\{"version":"([0-9a-f]{32})"(?:,"merged":"([0-9a-f]{32}) ([0-9]{1,15})")?')
"""graph.json's first line: its token, and for a snapshot a compaction wrote, the snapshot it was made from and
how many record bytes of that snapshot's journal it holds."""
_HEAD_BYTES = 160
_LINES_HEAD = b'"nodes":[\n'
_LINES_MIDDLE = b'],"relationships":[\n'
_LINES_TAIL = b"]}\n"
_CHUNK_ITEMS = 2_000
"""Items parsed and checked at once when reading a file saved one item per line: a chunk's parsed objects are
freed among the graph's own, and the holes they leave stay in the process (20,000 cost ~0.6 KB per firm at
100,000 firms)."""
_SNAPSHOT_CHUNK = 500
"""Nodes written at once under the guard while a snapshot is written: reads and writes wait at most one chunk."""
_PACKED_LABELS = frozenset({NodeLabel.ENTERPRISE})
JOURNAL_SHARE = 0.1
"""Writes are appended to the journal until it passes this share of the snapshot's size; then the snapshot is
rewritten with everything (compaction). A write's share of that rewrite is then about its own size over this
share of the snapshot's, the same at any store size, and opening reads at most this share more than the snapshot."""
JOURNAL_MIN_BYTES = 1 << 20
"""The journal may always grow this far: a small store's snapshot is not rewritten every few writes."""
_JOURNAL_HEADER = re.compile(
    rb"chainkg-journal (?:2 ([0-9a-f]{32})|1 ([0-9a-f]{32}) (?:[0-9a-f]{32}|-) [0-9]{1,15})\n\Z"
)
"""The journal's first line: the token of the snapshot its records follow (version 1, written before compaction
moved off the write path, has two more fields, not needed any more)."""
_HEADER_MAX = 128
_RECORD_HEAD = re.compile(rb"([0-9]{1,12}) ([0-9a-f]{8}) ")
"""A record line: the payload's length in bytes and its CRC-32, then the payload (one line of UTF-8 JSON: JSON
escapes every line break inside strings) and a line break."""
CHANGES_KEPT = 1000
"""How many of this process's writes `changed_segments` remembers: a reader further behind reads everything again."""
NAME_KEY_CHANGES_KEPT = 100_000
"""How many enterprise name-key changes since its snapshot memory remembers while the index is not built, so a saved
index of that snapshot can be brought up to date; past this, the index is built from the enterprises."""

P = ParamSpec("P")
T = TypeVar("T")


def _snapshot_of(head: bytes, stat: os.stat_result) -> _Snapshot:
    """graph.json from its first bytes and stat. Its version: the token each save writes first, plus inode, mtime
    and size (which catch hand edits)."""
    found = _TOKEN.match(head)
    token = found.group(1).decode() if found else ""
    signature = f"{token}:{stat.st_ino}:{stat.st_mtime_ns}:{stat.st_size}"
    followed = found is not None and head[found.end() :].startswith(b"," + _LINES_HEAD)
    merged = (found.group(2).decode(), int(found.group(3))) if followed and found and found.group(2) else None
    return _Snapshot(signature, token if followed else "", stat.st_size, _stat_key(stat), merged)


def _unreadable(path: Path, exc: OSError) -> StoreError:
    return StoreError(f"无法读取数据文件：{os_error_message(exc)}")


def _stat_key(stat: os.stat_result) -> tuple[int, int, int, int]:
    return stat.st_ino, stat.st_mtime_ns, stat.st_size, stat.st_ctime_ns


def _reading(method: Callable[P, T]) -> Callable[P, T]:
    """Answer from the file as it is now: re-read it first if another process (or thread) saved since."""

    @functools.wraps(method)
    def fresh(*args: P.args, **kwargs: P.kwargs) -> T:
        store = args[0]
        assert isinstance(store, EmbeddedStore)
        with store._guard:
            store._refresh()
            return method(*args, **kwargs)

    return fresh


@dataclass
class _Derived:
    """Answers computed from the graph (keyed by the query's arguments).

    Names and the supply graph are dropped on a write that could change them. Segment profiles and
    aggregates are kept per segment across writes: a write marks only the segments it touches `dirty`,
    and the next read recomputes just those (None: not built yet, or dropped by a re-read from disk).
    """

    names: dict[tuple[NodeLabel, tuple[tuple[str, str | bool | int], ...]], list[str]] = field(default_factory=dict)
    """(label, the property filter) → the names `names` found; dropped per label and filtered property on a write."""
    ties: dict[tuple[str, str | None], list[EnterpriseTie]] = field(default_factory=dict)
    supply: nx.DiGraph[str] | None = None
    profiles: dict[str, SegmentProfile] | None = None
    aggregates: dict[str, SegmentAggregate] | None = None
    enterprise_keys: (
        tuple[dict[str, str], dict[str, str | tuple[str, ...]], dict[str, str | tuple[str, ...]]] | None
    ) = None
    """({credit code: id}, {name key: id or ids}, {full name key: id or ids}) of the enterprises, for
    `enterprises_by_keys`."""
    dirty: set[str] = field(default_factory=set)


@dataclass
class _Touched:
    """What one write touched: segments whose profile or aggregate may change, segments whose cached
    enterprise ties are stale, segments whose supply links changed (their upstream's reach changes too),
    and whether segments were added or removed (the supply graph must follow)."""

    segments: set[str] = field(default_factory=set)
    ties: set[str] = field(default_factory=set)
    supply: set[str] = field(default_factory=set)
    supply_nodes: bool = False
    located: set[str] = field(default_factory=set)
    """Segments of enterprises whose LOCATED_IN links changed (no profile counts them; segment readings do)."""
    wide: bool = False
    """Something beyond segments' own data changed (`GraphStore.changed_segments` answers None)."""


def _index_add(index: dict[str, str | tuple[str, ...]], key: str, eid: str) -> None:
    """Add `eid` under `key`: a lone id stays a string, several become a tuple."""
    held = index.get(key)
    if held is None:
        index[key] = eid
    elif isinstance(held, str):
        index[key] = (held, eid) if held != eid else held
    elif eid not in held:
        index[key] = (*held, eid)


class _Firm(NamedTuple):
    """What a segment's summary needs of one enterprise it counts, read once per enterprise.

    A local firm has its name (None when it has no name property), whether it is small and its positive registered
    capital; an outside candidate (registered outside HOME_CITY) only its province.
    """

    id: str
    name: str | None
    small: bool
    capital: float | None
    province: str | None


_dump = functools.partial(json.dumps, ensure_ascii=False, separators=(",", ":"))


def _node_json(nid: str, label: NodeLabel, props: dict[str, PropertyValue]) -> str:
    """A node in the export's JSON shape, as graph.json and the journal write it."""
    return _dump({"id": nid, "labels": [label.value], "properties": props})


def _rel_json(key: str, start: str, end: str, props: dict[str, PropertyValue]) -> str:
    return _dump({"type": key, "start": start, "end": end, "properties": props})


@dataclass(frozen=True)
class _Change:
    """One write as the journal keeps it: the operation and its arguments. Replaying it on the state its writer
    had gives the state its writer left, because it runs the same code (`EmbeddedStore._perform`)."""

    op: Literal["write", "replace", "clear", "delete_nodes", "delete_relationship"]
    data: GraphData | None = None
    ids: tuple[str, ...] = ()
    rel: tuple[RelType, str, str] | None = None

    def record(self, limit: int) -> bytes | None:
        """The journal payload (UTF-8 JSON, one line), or None once it would pass `limit` bytes or the change
        replaces everything (a snapshot is written instead)."""
        if self.op == "delete_nodes":
            payload = _dump({"op": self.op, "ids": list(self.ids)}).encode()
        elif self.op == "delete_relationship" and self.rel is not None:
            rel_type, start, end = self.rel
            payload = _dump({"op": self.op, "type": rel_type.value, "start": start, "end": end}).encode()
        elif self.op == "write" and self.data is not None:
            nodes = (_node_json(n.id, n.label, n.properties) for n in self.data.nodes)
            rels = (_rel_json(r.type.value, r.start, r.end, r.properties) for r in self.data.relationships)
            parts = [b'{"op":"write","nodes":[', b'],"relationships":[', b"]}"]
            size = sum(map(len, parts))
            out = [parts[0]]
            for items, closing in ((nodes, parts[1]), (rels, parts[2])):
                for index, item in enumerate(items):
                    encoded = item.encode()
                    size += len(encoded) + 1
                    if size > limit:
                        return None
                    out.append(b"," + encoded if index else encoded)
                out.append(closing)
            payload = b"".join(out)
        else:
            return None
        return payload if len(payload) <= limit else None

    @staticmethod
    def from_record(payload: bytes) -> _Change:
        """The change a journal payload holds, checked like a file (ValueError in Chinese when it is not one)."""
        try:
            parsed = json.loads(payload)
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise ValueError("日志记录不是有效的 UTF-8 JSON") from exc
        op = parsed.get("op") if isinstance(parsed, dict) else None
        if op == "write":
            return _Change("write", data=graph_from_dict(parsed))
        if op == "delete_nodes" and isinstance(parsed.get("ids"), list):
            return _Change("delete_nodes", ids=tuple(str(nid) for nid in parsed["ids"]))
        ends = [parsed.get(key) for key in ("type", "start", "end")] if op == "delete_relationship" else []
        if ends and all(isinstance(end, str) for end in ends) and ends[0] in {t.value for t in RelType}:
            return _Change("delete_relationship", rel=(RelType(ends[0]), ends[1], ends[2]))
        raise ValueError(f"日志记录的内容不对（操作“{op}”）")


class _Snapshot(NamedTuple):
    """graph.json as found on disk: its version (see `_snapshot_of`), the token a journal names it by ("" when a journal
    cannot follow it: no file, or the one-document format of older versions), its size and stat, and for a
    compaction's snapshot (token of the snapshot it was made from, record bytes of that one's journal it holds)."""

    signature: str
    token: str
    size: int
    stat: tuple[int, int, int, int] | None
    merged: tuple[str, int] | None = None


_NO_SNAPSHOT = _Snapshot("", "", 0, None)


class _Journal(NamedTuple):
    """The journal records memory holds: the file's inode, where the records following memory's snapshot start,
    where the last one applied ends, and the snapshot the file's header names (another than memory's when a
    compaction died between renaming its snapshot and its journal: the records then start after those it merged)."""

    ino: int
    start: int
    end: int
    names: str


def _journal_part(stat: os.stat_result | None) -> str:
    return "" if stat is None else f"{stat.st_ino}:{stat.st_mtime_ns}:{stat.st_size}"


def _record_line(line: bytes) -> bytes | None:
    """A record line's payload, or None when the line is not a whole record (torn, or damaged)."""
    head = _RECORD_HEAD.match(line)
    if head is None or not line.endswith(b"\n"):
        return None
    payload = line[head.end() : -1]
    if len(payload) != int(head.group(1)) or zlib.crc32(payload) != int(head.group(2), 16):
        return None
    return payload


class _Compaction:
    """A new snapshot written by a background thread while writes go on: folding the journal in no longer blocks
    the write that passes the bound (12.7 s CPU at 100,000 firms, 124 s at 1,000,000).

    Consistency: it starts under the write lock, noting memory's snapshot (`base`), how many record bytes of its
    journal memory holds (`merged`) and the node ids; the snapshot it writes is memory at that moment. The thread
    reads memory in chunks under the store's guard; a write after the start first keeps, for every node whose line
    or outgoing relationships it changes, those lines as they were (`before`), and the thread uses them.

    Crash safety: the snapshot goes to a temporary file (fsynced), and its first line says it holds `base` plus
    `merged` record bytes of base's journal. Under the write lock the thread renames it over graph.json, then
    renames over graph.journal a new journal naming it, holding byte for byte the records appended since the start.
    - Killed before the first rename: graph.json and graph.journal are untouched; the temporary file is removed
      by the next compaction (or on opening).
    - Killed between the renames: graph.journal still names `base`, and graph.json says which of its records it
      holds: readers replay only those after them (no record is lost or applied twice), and the next write moves
      them into a journal naming the new snapshot before appending.
    - A writer killed mid-append while the thread works leaves a torn record past the whole ones: only whole
      records are copied, as a replay would read them.
    A replace, clear or full save (`EmbeddedStore._save`), or memory read again from disk, cancels the compaction:
    graph.json then already holds everything, or memory is no longer what the thread is writing.
    """

    def __init__(self, base: str, merged: int, ids: list[str], lock: FileLock, progress: Progress | None) -> None:
        self.base, self.merged, self.ids, self.lock, self.progress = base, merged, ids, lock, progress
        self.before: dict[str, tuple[str | None, list[str]]] = {}
        """Node id → its line (None: absent) and its outgoing relationships' lines as at the start."""
        self.cancelled = False
        self.capturing = True
        self.error: BaseException | None = None
        self.thread: threading.Thread | None = None


_ABSENT = object()


_SCHEMAS: list[tuple[str, ...]] = []
"""Every property key sequence packed so far (in memory only): a packed row names its keys by index here."""
_SCHEMA_INDEX: dict[tuple[str, ...], int] = {}
_VALUES: list[str] = []
"""Text values packed rows refer to by number (in memory only): the ones repeated across firms and ties."""
_CODES: dict[str, bytes] = {}
"""Text value → its number in `_VALUES`, as the bytes a packed row holds (no property value is bytes)."""
_DISTINCT: Counter[str] = Counter()
"""Property key → how many values it added to `_VALUES`: past VALUES_PER_KEY the key is no category."""
VALUES_PER_KEY = 4096
_SHORTEST_CODED = 4
_PACKING_LOCK = threading.Lock()


def _code(key: str, value: PropertyValue) -> PropertyValue | bytes:
    """A text value as its number in `_VALUES` when the key has few distinct values (province, status, a tie's
    note…): the tie note alone is ~90 bytes, on every one of a million firms' ties."""
    if not isinstance(value, str):
        return value
    code = _CODES.get(value)
    if code is not None:
        return code
    if _DISTINCT[key] >= VALUES_PER_KEY or len(value) < _SHORTEST_CODED:
        return value
    with _PACKING_LOCK:
        code = _CODES.get(value)
        if code is None:
            number = len(_VALUES)
            code = _CODES[value] = number.to_bytes(max(1, (number.bit_length() + 7) // 8), "little")
            _VALUES.append(value)
            _DISTINCT[key] += 1
    return code


def _row(props: dict[str, PropertyValue]) -> tuple[int, tuple[PropertyValue | bytes, ...]]:
    """The properties as (index of their key sequence, values, repeated texts by number): a million firms share
    a few dozen key tuples, where packing each dict would repeat its ~26 key names in every firm's bytes."""
    keys = tuple(props)
    index = _SCHEMA_INDEX.get(keys)
    if index is None:
        with _PACKING_LOCK:
            index = _SCHEMA_INDEX.setdefault(keys, len(_SCHEMAS))
            if index == len(_SCHEMAS):
                _SCHEMAS.append(tuple(sys.intern(key) for key in keys))
    return index, tuple(_code(key, value) for key, value in props.items())


def _value(value: PropertyValue | bytes) -> PropertyValue:
    return _VALUES[int.from_bytes(value, "little")] if isinstance(value, bytes) else value


def _unrow(row: tuple[int, tuple[PropertyValue | bytes, ...]]) -> dict[str, PropertyValue]:
    return dict(zip(_SCHEMAS[row[0]], map(_value, row[1]), strict=True))


class _Packed:
    """An enterprise's properties packed into one bytes object (`marshal` of `_row`, in memory only).

    A dict of some 26 properties is ~3 KB of Python objects per enterprise: packed, ~1 KB. The name and
    locality stay unpacked, because names, search and the locality index read them for every node.
    """

    __slots__ = ("blob", "locality", "name")

    def __init__(self, props: dict[str, PropertyValue]) -> None:
        self.blob = marshal.dumps(_row(props))
        self.name: object = props.get("name", _ABSENT)
        self.locality = props.get("locality")


class _Ties:
    """One node's OPERATES_IN and LOCATED_IN relationships, kept beside the node instead of as networkx edges.

    networkx spends ~450 bytes of dicts on every edge (a key dict, an attribute dict and entries in both
    endpoints' adjacency); a firm's ~4.4 ties here are one tuple of (type, end) pairs and one bytes object of
    their packed properties, in (end, type) order. The store indexes them by end (`EmbeddedStore._tied`).
    """

    __slots__ = ("blob", "ends")

    def __init__(self, held: dict[tuple[str, str], dict[str, PropertyValue]]) -> None:
        pairs = sorted(held, key=lambda pair: (pair[1], pair[0]))
        self.ends = tuple(part for pair in pairs for part in pair)
        """type, end, type, end, …: flat, because a tuple per tie would cost more than the two names it holds."""
        self.blob = marshal.dumps(tuple(_row(held[pair]) for pair in pairs))

    def pairs(self) -> Iterator[tuple[str, str]]:
        """(type, end) of each tie, in the stored order."""
        return zip(self.ends[::2], self.ends[1::2], strict=True)

    def held(self) -> dict[tuple[str, str], dict[str, PropertyValue]]:
        """(type, end) → the tie's properties (fresh dicts)."""
        return dict(zip(self.pairs(), map(_unrow, marshal.loads(self.blob)), strict=True))

    def props(self, key: str, end: str) -> dict[str, PropertyValue]:
        """One tie's properties (a fresh dict), the others left packed."""
        position = next(index for index, pair in enumerate(self.pairs()) if pair == (key, end))
        return _unrow(marshal.loads(self.blob)[position])


_NO_TIES = _Ties({})
_TIE_TYPES = (OPERATES_IN, RelType.LOCATED_IN.value)
"""Relationship types kept as `_Ties`: the many (enterprises' segment ties and locations)."""


Stored = dict[str, PropertyValue] | _Packed


def _store_props(packed: bool, props: dict[str, PropertyValue]) -> Stored:
    """How a node's or relationship's properties are held: packed for the many (enterprises)."""
    return _Packed(props) if packed else dict(props)


def _props(stored: Stored) -> dict[str, PropertyValue]:
    """The properties as a dict: a fresh one when packed, else the stored dict itself (do not change it)."""
    if isinstance(stored, _Packed):
        return _unrow(marshal.loads(stored.blob))
    return stored


_FIRM_KEYS = ("locality", "name", "registered_capital_wan", "scale", "city", "province")
"""What `_firm` reads of an enterprise."""
_FIRM_POSITIONS: dict[int, tuple[tuple[str, int], ...]] = {}
"""Key sequence number → (key, position) of the `_FIRM_KEYS` it has."""


def _firm_props(stored: Stored) -> dict[str, PropertyValue]:
    """The properties `_firm` reads, only those decoded: the full count reads every firm after a re-read."""
    if not isinstance(stored, _Packed):
        return stored
    index, values = marshal.loads(stored.blob)
    positions = _FIRM_POSITIONS.get(index)
    if positions is None:
        keys = _SCHEMAS[index]
        positions = _FIRM_POSITIONS[index] = tuple((key, keys.index(key)) for key in _FIRM_KEYS if key in keys)
    return {key: _value(values[position]) for key, position in positions}


def _name(stored: Stored) -> PropertyValue | object:
    """The name property, or `_ABSENT`, without unpacking."""
    return stored.name if isinstance(stored, _Packed) else stored.get("name", _ABSENT)


def _locality(stored: Stored) -> PropertyValue:
    return stored.locality if isinstance(stored, _Packed) else stored.get("locality")


def _firm(eid: str, props: dict[str, PropertyValue]) -> _Firm | None:
    """The firm as segment summaries count it, or None when they do not count it (neither local nor an
    outside candidate)."""
    locality = props.get("locality")
    if locality == Locality.LOCAL:
        capital = number_prop(props, "registered_capital_wan")
        return _Firm(
            eid,
            str(props["name"]) if "name" in props else None,
            is_small(props),
            capital if capital is not None and capital > 0 else None,
            None,
        )
    if locality == Locality.CANDIDATE and props.get("city") != HOME_CITY:
        return _Firm(eid, None, False, None, text_prop(props, "province") or UNKNOWN_PROVINCE)
    return None


class EmbeddedStore(GraphStore):
    """A MultiDiGraph keyed by node id; edges keyed by relationship type, except ties (`_Ties`)."""

    backend = "embedded"

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir
        self.path = data_dir / GRAPH_FILE
        self.journal_path = data_dir / JOURNAL_FILE
        self.name_keys_path = data_dir / NAME_KEYS_FILE
        self._guard = threading.RLock()  # the app's sessions share one store object across threads
        self._file_lock = FileLock(data_dir / LOCK_FILE, timeout=LOCK_TIMEOUT_SECONDS)
        self._graph: nx.MultiDiGraph[str] = nx.MultiDiGraph()
        self._by_label: dict[NodeLabel, set[str]] = {label: set() for label in NodeLabel}
        self._by_locality: dict[str, set[str]] = defaultdict(set)
        self._starts: dict[str, Counter[str]] = defaultdict(Counter)
        """Relationship type → the nodes with an edge of that type going out, and how many: reading every edge of
        one type (all PART_OF links, say) walks only those nodes' edges (ties are indexed in `_tied`)."""
        self._tied: dict[tuple[str, str], list[str]] = {}
        """(tie type, end) → the starts of those ties (`_Ties`), unordered: a segment's firms without a networkx
        edge each (a list: a set's spare slots would cost ~40 bytes a tie)."""
        self._derived = _Derived()
        self._name_keys: NameKeyIndex | None = None
        """The enterprises' name keys by character (`similar_name_keys`): made by the first lookup — read from
        NAME_KEYS_FILE when it holds the index of memory's snapshot, else built in one pass over the enterprises —
        then kept up to date by every write and every catch-up with other processes' writes; a whole re-read drops
        it (None: not made)."""
        self._name_key_changes: list[tuple[str, str]] | None = None
        """While `_name_keys` is not made: each enterprise name-key change (before, after) since memory was at its
        snapshot, in order, to bring the saved index up to date (None: not known — past NAME_KEY_CHANGES_KEPT, or
        memory moved to another snapshot by records)."""
        self.name_key_index_origin: Literal["loaded", "built"] | None = None
        """How this process made the current name-key index: read from NAME_KEYS_FILE or built from the
        enterprises (for tests and the benchmark)."""
        self._version = ""
        self._stat: tuple[tuple[int, int, int, int] | None, tuple[int, int, int, int] | None] | None = None
        self._snapshot = ""
        """The version (`_snapshot_of`) of the snapshot memory was read from."""
        self._token = ""
        """Its token: the journal it is followed by names it ("" when no journal can follow it)."""
        self._snapshot_size = 0
        self._snapshot_stat: tuple[int, int, int, int] | None = None
        self._journal: _Journal | None = None
        """The journal records memory holds (None: none, the snapshot has no journal yet)."""
        self._changes: list[tuple[str, frozenset[str] | None]] = []
        """(version after a write of this process, the segments it changed or None for anything), oldest first,
        from the version last read from disk."""
        self._scope: set[str] | None = set()
        """The segments the write under way changed (None: anything)."""
        self._compaction: _Compaction | None = None
        """The compaction this process's thread is running, if any."""
        self._read()
        self._clean_if_idle()

    # -- persistence -------------------------------------------------------------------
    def _reset_memory(self) -> None:
        self._cancel_compaction()
        self._graph = nx.MultiDiGraph()
        self._by_label = {label: set() for label in NodeLabel}
        self._by_locality = defaultdict(set)
        self._starts = defaultdict(Counter)
        self._tied = {}
        self._derived = _Derived()
        self._name_keys = None
        self._name_key_changes = None
        self.name_key_index_origin = None
        self._scope = None

    def _snapshot_now(self) -> _Snapshot:
        """graph.json as it is on disk now: one open, one small read."""
        try:
            fd = os.open(self.path, os.O_RDONLY)
        except FileNotFoundError:
            return _NO_SNAPSHOT
        except OSError as exc:
            raise _unreadable(self.path, exc) from exc
        try:
            return _snapshot_of(os.read(fd, _HEAD_BYTES), os.fstat(fd))
        finally:
            os.close(fd)

    def _journal_stat(self) -> os.stat_result | None:
        try:
            return os.stat(self.journal_path)
        except FileNotFoundError:
            return None
        except OSError as exc:
            raise _unreadable(self.journal_path, exc) from exc

    def _disk_version(self) -> str:
        """The version of the files on disk ("|" when there are none): what `_settle_version` records."""
        return f"{self._snapshot_now().signature}|{_journal_part(self._journal_stat())}"

    def _settle_version(self, journal: os.stat_result | None) -> None:
        """Memory now holds the snapshot `_snapshot` and the journal records up to `_journal`: note the version."""
        self._version = f"{self._snapshot}|{_journal_part(journal)}"
        self._stat = (self._snapshot_stat, None if journal is None else _stat_key(journal))

    def _read(self) -> None:
        """Load the snapshot and its journal into memory (an empty graph when there is no file yet); what this
        process wrote before is forgotten (`changed_segments` answers None for older versions)."""
        self._reset_memory()
        self._adopt(_NO_SNAPSHOT)
        self._journal = None
        self._version, self._stat = "", None
        self._changes = [("", frozenset())]
        try:
            with open(self.path, "rb") as handle:
                stat = os.fstat(handle.fileno())
                head = handle.readline()
                if head.endswith(_LINES_HEAD):
                    self._read_lines(handle)
                else:  # one JSON document (files saved before the store wrote one item per line)
                    self._apply(graph_from_json(head + handle.read()))
            snapshot = _snapshot_of(head[:_HEAD_BYTES], stat)
        except FileNotFoundError:
            snapshot = _NO_SNAPSHOT
        except OSError as exc:
            self._reset_memory()  # a read that failed half way must not leave half a graph
            raise _unreadable(self.path, exc) from exc
        except ValueError as exc:
            self._reset_memory()
            raise StoreError(
                f"数据文件 {self.path} 已损坏：{exc}。请从备份恢复该文件，或将其移走后重新执行 `chainkg load`。"
            ) from exc
        self._adopt(snapshot)
        self._name_key_changes = []
        try:
            self._follow(snapshot)
        except OSError as exc:
            self._reset_memory()
            raise _unreadable(self.journal_path, exc) from exc
        except ValueError as exc:
            self._reset_memory()
            raise StoreError(
                f"写入日志 {self.journal_path} 已损坏：{exc}。请从备份恢复数据目录，"
                f"或把 {JOURNAL_FILE} 移走（会丢失 {GRAPH_FILE} 之后的写入）后重试。"
            ) from exc
        self._changes = [(self._version, frozenset())]

    def _read_lines(self, handle: BinaryIO) -> None:
        """Read a file saved one item per line in chunks, each checked like a whole file (`graph_from_json`):
        memory holds one chunk of parsed items, never the whole file's."""
        part, ended = b"nodes", False
        chunk: list[bytes] = []
        for line in handle:
            item = line.rstrip(b",\n")
            if line.startswith(_LINES_MIDDLE) or line.startswith(_LINES_TAIL):
                self._apply_chunk(part, chunk)
                part, chunk, ended = b"relationships", [], line.startswith(_LINES_TAIL)
            elif item:
                chunk.append(item)
                if len(chunk) >= _CHUNK_ITEMS:
                    self._apply_chunk(part, chunk)
                    chunk = []
        if not ended or chunk:
            raise ValueError("文件不完整（缺少结尾）")

    def _apply_chunk(self, part: bytes, items: list[bytes]) -> None:
        other = b"relationships" if part == b"nodes" else b"nodes"
        self._apply(graph_from_json(b'{"%s":[%s],"%s":[]}' % (part, b",".join(items), other)))

    def _adopt(self, snapshot: _Snapshot) -> None:
        """Memory now holds `snapshot` (with the journal records `_journal` says)."""
        self._snapshot, self._token, self._snapshot_size, self._snapshot_stat = snapshot[:4]

    def _move_to(self, snapshot: _Snapshot, offset: int) -> None:
        """Memory, holding `offset` record bytes past `snapshot` (on disk now), now follows it: when that is
        another snapshot (a compaction's), the name-key changes since memory's are not those since it."""
        if snapshot.signature != self._snapshot:
            self._name_key_changes = [] if offset == 0 else None
        self._adopt(snapshot)

    def _applied(self) -> int:
        """How many record bytes following memory's snapshot memory holds."""
        return 0 if self._journal is None else self._journal.end - self._journal.start

    def _offset_in(self, snapshot: _Snapshot) -> int | None:
        """How many record bytes following `snapshot` memory holds, or None when memory is not on its way to it:
        memory's own snapshot, or the compaction's that merged no more records than memory has applied."""
        if snapshot.signature == self._snapshot:
            return self._applied()
        if self._token and snapshot.merged is not None:
            base, merged = snapshot.merged
            if base == self._token and self._applied() >= merged:
                return self._applied() - merged
        return None

    def _follow(self, snapshot: _Snapshot) -> bool:
        """Apply the journal records that follow `snapshot` (graph.json on disk now) beyond those memory holds.

        False when memory cannot get there by records (`_offset_in`): the caller reads everything again. The
        records following a snapshot are those of a journal naming it, or, when a compaction died between its
        renames, those of the journal naming the snapshot it was made from past the bytes it merged. A journal
        naming any other snapshot is left over from a full save that died before replacing it: its records are in
        the snapshot already, so it is ignored. Raises ValueError for damage before the last record.
        """
        offset = self._offset_in(snapshot)
        if offset is None:
            return False
        try:
            handle = open(self.journal_path, "rb")
        except FileNotFoundError:
            return self._follow_nothing(snapshot, offset, None)
        with handle:
            stat = os.fstat(handle.fileno())
            header = _JOURNAL_HEADER.match(handle.readline(_HEADER_MAX))
            if header is None or not snapshot.token:
                return self._follow_nothing(snapshot, offset, stat)
            names = (header.group(1) or header.group(2)).decode()
            if names == snapshot.token:
                start = header.end()
            elif snapshot.merged is not None and names == snapshot.merged[0]:
                start = header.end() + snapshot.merged[1]
            else:
                return self._follow_nothing(snapshot, offset, stat)
            if start + offset > stat.st_size:
                raise ValueError(f"日志比快照记录的短（应至少有 {start + offset} 字节）")
            self._move_to(snapshot, offset)
            self._journal = _Journal(stat.st_ino, start, self._replay(handle, start + offset, stat.st_size), names)
        self._settle_version(stat)
        return True

    def _follow_nothing(self, snapshot: _Snapshot, offset: int, journal: os.stat_result | None) -> bool:
        """No journal follows `snapshot`: memory is there only if it holds no records past it."""
        if offset:
            return False
        self._move_to(snapshot, offset)
        self._journal = None
        self._settle_version(journal)
        return True

    def _replay(self, handle: BinaryIO, start: int, stop: int) -> int:
        """Apply the whole records between byte `start` and `stop` of the journal; the end of the last one.

        A record cut short or failing its checksum ends the journal when nothing whole follows it (the torn
        last append of a writer that died); with whole records after it, the journal is damaged (ValueError).
        """
        handle.seek(start)
        position = start
        while position < stop:
            line = handle.readline(stop - position)
            payload = _record_line(line)
            if payload is None:
                rest = handle.read(stop - position - len(line)).split(b"\n")
                if any(_record_line(part + b"\n") is not None for part in rest[:-1]):
                    raise ValueError(f"第 {position} 字节处的记录损坏，其后还有完整的记录")
                return position
            try:
                self._perform(_Change.from_record(payload))
            except StoreError as exc:
                raise ValueError(f"第 {position} 字节处的记录无法重做（{exc}）") from exc
            position += len(line)
        return position

    def _disk_stat(self) -> tuple[tuple[int, int, int, int] | None, tuple[int, int, int, int] | None]:
        try:
            snapshot = _stat_key(os.stat(self.path))
        except FileNotFoundError:
            snapshot = None
        except OSError as exc:
            raise _unreadable(self.path, exc) from exc
        journal = self._journal_stat()
        return snapshot, None if journal is None else _stat_key(journal)

    def _refresh(self, *, exact: bool = False) -> None:
        """Catch up with the files if they are not the ones in memory.

        Reads trust unchanged stats (two system calls): a compaction renames a new snapshot over the old one and
        an append grows the journal. `exact` also compares the token each snapshot writes, for the version the
        app's caches follow and for every write. New journal records are applied, noting which segments they
        touched as their writer did; anything else reads the files again.
        """
        stat_key = self._disk_stat()
        if not exact and stat_key == self._stat and stat_key[0] is not None:
            return
        snapshot = self._snapshot_now()
        if f"{snapshot.signature}|{_journal_part(self._journal_stat())}" == self._version:
            self._stat = stat_key
            return
        self._scope = set()
        try:
            followed = self._follow(snapshot)
        except (OSError, ValueError):
            followed = False
        if not followed:
            self._read()
            return
        scope = None if self._scope is None else frozenset(self._scope)
        self._changes = [*self._changes[-CHANGES_KEPT:], (self._version, scope)]

    def _node_line(self, nid: str) -> str | None:
        """A node as graph.json holds it (None when there is no such node)."""
        attrs = self._graph._node.get(nid)  # type: ignore[attr-defined]
        return None if attrs is None else _node_json(nid, attrs["label"], _props(attrs["properties"]))

    def _relationship_lines(self, start: str) -> list[str]:
        """A node's outgoing relationships as graph.json holds them, by end and type."""
        if start not in self._graph:
            return []
        succ = self._graph._succ[start]  # type: ignore[attr-defined]
        out = [(end, key, keyed[key]["properties"]) for end, keyed in succ.items() for key in keyed]
        out += [(end, key, props) for (key, end), props in self._ties(start).held().items()]
        return [_rel_json(key, start, end, _props(stored)) for end, key, stored in sorted(out, key=lambda e: e[:2])]

    def _write_snapshot(
        self, handle: BinaryIO, token: str, merged: tuple[str, int] | None, ids: list[str], job: _Compaction | None
    ) -> bool:
        """Write the graph in the export's JSON shape, one node or relationship per line (a reader can take it in
        chunks): nodes by id (`ids`, sorted), then each node's outgoing relationships by end and type.

        Memory is read in chunks, each under the guard, so a compaction's thread lets reads and writes in between;
        a node the compaction's `job` kept as it was is written as kept. False when the job was cancelled.
        """
        head = f'{{"version":"{token}",' + ("" if merged is None else f'"merged":"{merged[0]} {merged[1]}",')
        handle.write(head.encode() + _LINES_HEAD)
        before = {} if job is None else job.before

        def node_lines(nid: str) -> list[str | None]:
            return [before[nid][0] if nid in before else self._node_line(nid)]

        def relationship_lines(nid: str) -> list[str]:
            return before[nid][1] if nid in before else self._relationship_lines(nid)

        picks: tuple[Callable[[str], Sequence[str | None]], ...] = (node_lines, relationship_lines)
        done = 0
        for pick, closing in zip(picks, (_LINES_MIDDLE, _LINES_TAIL), strict=True):
            first = True
            for begin in range(0, len(ids), _SNAPSHOT_CHUNK):
                with self._guard:
                    if job is not None and job.cancelled:
                        return False
                    lines = [line for nid in ids[begin : begin + _SNAPSHOT_CHUNK] for line in pick(nid) if line]
                if lines:
                    handle.write((("" if first else ",\n") + ",\n".join(lines)).encode())
                    first = False
                done += min(_SNAPSHOT_CHUNK, len(ids) - begin)
                if job is not None and job.progress:
                    job.progress(done, 2 * len(ids))
            handle.write(("" if first else "\n").encode() + closing)
        return True

    def _fsync_dir(self) -> None:
        dir_fd = os.open(self.data_dir, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)

    def _install(self, write: Callable[[BinaryIO], object], target: Path) -> None:
        """Write a file beside `target` (fsynced), rename it over `target` and fsync the directory."""
        fd, tmp_name = tempfile.mkstemp(prefix=".graph-", suffix=".tmp", dir=self.data_dir)
        try:
            with os.fdopen(fd, "wb") as handle:
                write(handle)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(tmp_name, target)
            self._fsync_dir()
        except BaseException:
            Path(tmp_name).unlink(missing_ok=True)
            raise

    def _save(self) -> None:
        """Write the snapshot whole from memory and start its journal (a compaction under way is then moot)."""
        self._cancel_compaction()
        token = uuid.uuid4().hex
        self._install(lambda handle: self._write_snapshot(handle, token, None, sorted(self._graph), None), self.path)
        self._adopt(self._snapshot_now())
        self._journal = None
        with suppress(OSError):  # the old journal names the old snapshot: it is ignored until the next append
            self._new_journal(token, b"")
        self._settle_version(self._journal_stat())
        self._at_new_snapshot()

    def _at_new_snapshot(self) -> None:
        """Memory is exactly the snapshot just put in place (under the write lock): save its name-key index beside
        it if this process has made one (a failure leaves the old file, which names another snapshot)."""
        self._name_key_changes = []
        if self._name_keys is not None:
            with suppress(OSError):
                self._save_name_keys(self._name_keys)

    def _save_name_keys(self, index: NameKeyIndex) -> None:
        """Put `index`, the name-key index of memory's snapshot, in NAME_KEYS_FILE (under the write lock)."""
        data = index.to_bytes(self._snapshot)
        self._install(lambda handle: handle.write(data), self.name_keys_path)

    def _new_journal(self, token: str, records: bytes) -> None:
        """Put a journal naming snapshot `token`, holding `records`, in place of graph.journal."""
        header = b"chainkg-journal 2 %s\n" % token.encode()
        self._install(lambda handle: handle.write(header + records), self.journal_path)
        journal = os.stat(self.journal_path)
        self._journal = _Journal(journal.st_ino, len(header), len(header) + len(records), token)
        self._settle_version(journal)

    def _records(self, start: int, end: int) -> bytes:
        """Bytes `start` to `end` of the journal (whole records memory has applied)."""
        with open(self.journal_path, "rb") as handle:
            handle.seek(start)
            found = handle.read(end - start)
        if len(found) != end - start:
            raise OSError(f"{JOURNAL_FILE} 比预期的短")
        return found

    def _append(self, payload: bytes) -> None:
        """Append one record to the snapshot's journal and fsync it. Without a journal naming the snapshot (none
        yet, or one a compaction killed between its renames left), a new one starts with the records memory holds."""
        line = b"%d %08x " % (len(payload), zlib.crc32(payload)) + payload + b"\n"
        if self._journal is None or self._journal.names != self._token:
            held = b"" if self._journal is None else self._records(self._journal.start, self._journal.end)
            self._new_journal(self._token, held + line)
            return
        fd = os.open(self.journal_path, os.O_WRONLY)
        try:
            end = self._journal.end
            if os.fstat(fd).st_size != end:  # a torn record of a writer that died: never read, now dropped
                os.ftruncate(fd, end)
            written = 0
            while written < len(line):
                written += os.pwrite(fd, line[written:], end + written)
            os.fsync(fd)
            journal = os.fstat(fd)
        finally:
            os.close(fd)
        self._journal = self._journal._replace(end=end + len(line))
        self._settle_version(journal)

    def _persist(self, change: _Change) -> None:
        """Put a change memory now holds on disk: a journal record, or the snapshot whole (a change that replaces
        everything or is bigger than the journal may grow; a snapshot a journal cannot follow). A journal past its
        bound starts a compaction in the background (unless one is under way)."""
        limit = max(JOURNAL_MIN_BYTES, int(self._snapshot_size * JOURNAL_SHARE))
        payload = change.record(limit) if self._token else None
        if payload is None:
            self._save()
            return
        self._append(payload)
        if self._applied() > limit and self._compaction is None:
            lock = self._compaction_lock()
            with suppress(Timeout, OSError):  # another process compacts: its snapshot will hold this record
                lock.acquire(blocking=False)
                self._start_compaction(lock, None)

    def _compaction_lock(self) -> FileLock:
        """A fresh lock object: the thread that compacts releases what the writing thread acquired, and a second
        object conflicts with the first even in the same process."""
        return FileLock(self.data_dir / COMPACTION_LOCK_FILE, thread_local=False)

    def _start_compaction(self, lock: FileLock, progress: Progress | None) -> _Compaction:
        """Start a compaction of memory as it is now (under the write lock and the guard, `lock` held: the thread
        releases it, or this does if the thread cannot start)."""
        try:
            for stale in self.data_dir.glob(f"{_COMPACTION_TEMP}*.tmp"):  # of a compaction that was killed
                stale.unlink(missing_ok=True)
            job = _Compaction(self._token, self._applied(), list(self._graph), lock, progress)
            job.thread = threading.Thread(target=self._compact, args=(job,), name="chainkg-compaction")
            job.thread.start()
        except BaseException:
            lock.release()
            raise
        self._compaction = job
        return job

    def _cancel_compaction(self) -> None:
        if self._compaction is not None:
            self._compaction.cancelled = True

    def _compact(self, job: _Compaction) -> None:
        """The compaction's thread: write the snapshot, then put it and the records since its start in place."""
        fd, tmp_name = tempfile.mkstemp(prefix=_COMPACTION_TEMP, suffix=".tmp", dir=self.data_dir)
        try:
            job.ids.sort()
            token = uuid.uuid4().hex
            with os.fdopen(fd, "wb") as handle:
                written = self._write_snapshot(handle, token, (job.base, job.merged), job.ids, job)
                handle.flush()
                os.fsync(handle.fileno())
            with self._locked(), self._guard:
                job.capturing = False
                self._clean_stale_temps()
                self._refresh(exact=True)
                if not written or job.cancelled or self._token != job.base:
                    return
                tail = (
                    b"" if self._journal is None else self._records(self._journal.start + job.merged, self._journal.end)
                )
                os.replace(tmp_name, self.path)
                self._fsync_dir()
                held = self._journal  # until the new journal is in place, the records follow the merged ones
                self._adopt(self._snapshot_now())
                self._journal = None if held is None else held._replace(start=held.start + job.merged)
                self._settle_version(self._journal_stat())
                self._new_journal(token, tail)
                self._changes = [*self._changes[-CHANGES_KEPT:], (self._version, frozenset())]
                if tail:  # memory holds these records past the new snapshot
                    self._name_key_changes = None
                else:
                    self._at_new_snapshot()
        except BaseException as exc:  # the thread's caller (`compact`) reports it; a write already succeeded
            job.error = exc
        finally:
            Path(tmp_name).unlink(missing_ok=True)
            with self._guard:
                self._compaction = None
            job.lock.release()

    def _acquire(self, lock: FileLock, timeout: float, holder: str) -> None:
        """Take a cross-process lock, waiting up to `timeout` seconds for the process that holds it (`holder`: what
        it is doing, in the message)."""
        try:
            self.data_dir.mkdir(parents=True, exist_ok=True)
            lock.acquire(timeout=timeout)
        except Timeout as exc:
            raise StoreError(f"另一个 chainkg 进程正在{holder}，已等待 {timeout:g} 秒，请等它结束后重试。") from exc
        except OSError as exc:
            raise StoreError(f"数据目录 {self.data_dir} 无法写入：{os_error_message(exc)}") from exc

    @contextmanager
    def _locked(self, timeout: float = LOCK_TIMEOUT_SECONDS) -> Iterator[None]:
        """Hold the cross-process write lock (waiting up to `timeout` seconds for another writer to finish)."""
        self._acquire(self._file_lock, timeout, f"写入 {self.data_dir}")
        try:
            yield
        finally:
            self._file_lock.release()

    def _clean_stale_temps(self) -> None:
        """Remove temp files of writers killed while saving; only under the lock, where no save is under way."""
        for stale in self.data_dir.glob(".graph-*.tmp"):
            stale.unlink(missing_ok=True)

    def _clean_if_idle(self) -> None:
        """On opening: clean up after killed writers and compactions if none holds its lock now (never wait)."""
        if not self.data_dir.is_dir():
            return
        with suppress(Timeout, OSError), self._file_lock.acquire(blocking=False):
            self._clean_stale_temps()
        with suppress(Timeout, OSError), self._compaction_lock().acquire(blocking=False):
            for stale in self.data_dir.glob(f"{_COMPACTION_TEMP}*.tmp"):
                stale.unlink(missing_ok=True)

    def _commit(self, change: _Change, progress: Progress | None = None) -> bool:
        """One read-modify-write: lock, catch up with other processes' writes, change memory, persist, unlock.

        If anything fails, memory goes back to what is on disk, so it never disagrees with it.
        """
        with self._locked(), self._guard:  # the file lock first: other threads keep reading while we wait
            self._clean_stale_temps()
            self._refresh(exact=True)
            self._scope = set()
            try:
                result = self._perform(change, progress)
                self._persist(change)
            except BaseException:
                self._read()
                raise
            scope = None if self._scope is None else frozenset(self._scope)
            self._changes = [*self._changes[-CHANGES_KEPT:], (self._version, scope)]
            return result

    def compact(self, timeout: float = LOCK_TIMEOUT_SECONDS, progress: Progress | None = None) -> int:
        """Fold the journal into a new graph.json now (graph.json alone then holds every write made before the call:
        a copy of it is a backup); the record bytes folded in (0: there were none, nothing was rewritten).

        Waits up to `timeout` seconds for a compaction under way (here or in another process) and for the write
        lock; writes by other threads go on while the snapshot is written. Other processes that had caught up keep
        their memory.
        """
        lock = self._compaction_lock()
        self._acquire(lock, timeout, f"合并 {self.data_dir} 的写入日志")
        job = None
        try:
            with self._locked(timeout), self._guard:
                self._clean_stale_temps()
                self._refresh(exact=True)
                if not self._token:  # no file yet, or the one-document format no journal can follow
                    self._save()
                elif self._journal is not None and self._applied():
                    if self._journal.names != self._token:  # left by a compaction killed between its renames
                        self._new_journal(self._token, self._records(self._journal.start, self._journal.end))
                    job = self._start_compaction(lock, progress)
        finally:
            if job is None:
                lock.release()
        if job is None:
            return 0
        assert job.thread is not None
        job.thread.join()
        if isinstance(job.error, OSError):
            raise StoreError(f"合并写入日志失败：{os_error_message(job.error)}。数据未受影响。") from job.error
        if job.error is not None:
            raise job.error
        return job.merged

    def version(self) -> str:
        with self._guard:
            self._refresh(exact=True)
            return self._version

    def changed_segments(self, since: str) -> tuple[str, frozenset[str] | None]:
        """From the scopes of this process's writes and of the journal records it applied; after a snapshot it
        had to read whole, every older version answers None."""
        with self._guard:
            self._refresh(exact=True)
            versions = [version for version, _ in self._changes]
            if since not in versions:
                return self._version, None
            changed: set[str] = set()
            for _, scope in self._changes[versions.index(since) + 1 :]:
                if scope is None:
                    return self._version, None
                changed |= scope
            return self._version, frozenset(changed)

    # -- writes ------------------------------------------------------------------------
    def _apply(self, data: GraphData, progress: Progress | None = None) -> None:
        touched = _Touched()
        if data.nodes:
            self._derived.enterprise_keys = None
        total = len(data.nodes) + len(data.relationships)
        done = 0
        for node in data.nodes:
            nid = sys.intern(node.id)  # one string per id, shared by the graph, the indexes and `_tied`
            if nid in self._graph:
                old = self._graph.nodes[node.id]
                before = _props(old["properties"])
                merged = {**before, **node.properties}
                self._drop_names({old["label"], node.label}, before, merged)
                if old["label"] != node.label or merged != before:
                    self._touch_node(node.id, touched, name_changed=merged.get("name") != before.get("name"))
                    touched.wide |= old["label"] != node.label or not scoped_node_write(node.label)
                self._by_label[old["label"]].discard(node.id)
                self._by_locality[str(before.get("locality"))].discard(node.id)
                self._rekey(old["label"], before, node.label, merged)
                old["label"] = node.label
                old["properties"] = _store_props(node.label in _PACKED_LABELS, merged)
            else:
                self._drop_names({node.label}, None, node.properties)
                stored = _store_props(node.label in _PACKED_LABELS, node.properties)
                self._graph.add_node(nid, label=node.label, properties=stored)
                self._rekey(None, {}, node.label, node.properties)
                touched.wide |= not scoped_node_write(node.label)
                if node.label == NodeLabel.SEGMENT:
                    touched.segments.add(node.id)
                    touched.supply_nodes = True
            self._by_label[node.label].add(nid)
            self._by_locality[str(_locality(self._graph.nodes[nid]["properties"]))].add(nid)
            done += 1
            if progress and done % 5000 == 0:
                progress(done, total)
        ties: dict[str, list[Relationship]] = defaultdict(list)
        for rel in data.relationships:
            key = rel.type.value
            if key in _TIE_TYPES:
                ties[rel.start].append(rel)
                continue
            if self._graph.has_edge(rel.start, rel.end, key=key):
                edge = self._graph.edges[rel.start, rel.end, key]
                before = edge["properties"]
                merged = {**before, **rel.properties}
                if merged != before:
                    self._touch_scope(rel.type, rel.start, touched)
                edge["properties"] = merged
            else:
                self._graph.add_edge(rel.start, rel.end, key=key, properties=dict(rel.properties))
                self._starts[key][rel.start] += 1
                self._touch_edge(rel.start, rel.end, key, touched)
            done += 1
            if progress and done % 5000 == 0:
                progress(done, total)
        for start, rels in ties.items():
            self._write_ties(sys.intern(start), rels, touched)
            done += len(rels)
            if progress and done % 5000 < len(rels):
                progress(done, total)
        self._settle(touched)
        if progress:
            progress(total, total)

    def _write_ties(self, start: str, rels: list[Relationship], touched: _Touched) -> None:
        """Add or merge one node's ties (repacked once, however many there are)."""
        held = self._ties(start).held()
        located = False
        for rel in rels:
            key, end = rel.type.value, sys.intern(rel.end)
            before = held.get((key, end))
            if before is None:
                held[key, end] = dict(rel.properties)
                self._tied.setdefault((key, end), []).append(start)
                self._touch_edge(start, end, key, touched)
            else:
                merged = {**before, **rel.properties}
                if merged != before:
                    self._touch_scope(rel.type, start, touched)
                held[key, end] = merged
                if key == OPERATES_IN:
                    touched.ties.add(end)
            located |= key == RelType.LOCATED_IN.value
        self._set_ties(start, held)
        if located:  # against the ties as they are now, this batch's new segments included
            self._touch_scope(RelType.LOCATED_IN, start, touched)

    def _ties(self, nid: str) -> _Ties:
        ties: _Ties = self._graph._node[nid].get("ties", _NO_TIES)  # type: ignore[attr-defined]
        return ties

    def _set_ties(self, nid: str, held: dict[tuple[str, str], dict[str, PropertyValue]]) -> None:
        attrs = self._graph._node[nid]  # type: ignore[attr-defined]
        if held:
            attrs["ties"] = _Ties(held)
        else:
            attrs.pop("ties", None)

    def _tie_ends(self, nid: str, key: str) -> list[str]:
        """The ends of a node's ties of one type, without unpacking their properties."""
        return [end for tie_key, end in self._ties(nid).pairs() if tie_key == key]

    def _tied_starts(self, nid: str) -> Iterator[tuple[str, str]]:
        """(type, start) of every tie ending at `nid`."""
        for key in _TIE_TYPES:
            for start in self._tied.get((key, nid), ()):
                yield key, start

    def _forget_ties(self, gone: dict[tuple[str, str], set[str]]) -> None:
        """Take removed ties' starts out of `_tied`: one pass per (type, end), however many went."""
        for pair, starts in gone.items():
            kept = [start for start in self._tied.get(pair, ()) if start not in starts]
            if kept:
                self._tied[pair] = kept
            else:
                self._tied.pop(pair, None)

    # -- keeping derived answers current -----------------------------------------------
    def _drop_names(self, labels: set[NodeLabel], old: dict[str, PropertyValue] | None, new: dict[str, Any]) -> None:
        """Forget the `names` answers a node's write can change: of its labels, any when it is new (`old` None),
        changes label or name, else those filtering on a property it changes — a capital edit keeps them all."""
        changed = None if old is None else {key for key in old.keys() | new.keys() if old.get(key) != new.get(key)}
        if changed is not None and not changed and len(labels) == 1:
            return
        every = changed is None or "name" in changed or len(labels) > 1
        self._derived.names = {
            key: found
            for key, found in self._derived.names.items()
            if key[0] not in labels or not (every or (changed or set()).intersection(k for k, _ in key[1]))
        }

    def _rekey(
        self,
        old_label: NodeLabel | None,
        old: dict[str, PropertyValue],
        new_label: NodeLabel | None,
        new: dict[str, Any],
    ) -> None:
        """Keep `_name_keys` true when a node changes from (label, properties) to (label, properties), or note the
        change in `_name_key_changes` while the index is not made."""
        if self._name_keys is None and self._name_key_changes is None:
            return
        before = str(old.get(NAME_KEY) or "") if old_label == NodeLabel.ENTERPRISE else ""
        after = str(new.get(NAME_KEY) or "") if new_label == NodeLabel.ENTERPRISE else ""
        if before == after:
            return
        if self._name_keys is not None:
            self._name_keys.remove(before)
            self._name_keys.add(after)
        elif self._name_key_changes is not None:
            if len(self._name_key_changes) < NAME_KEY_CHANGES_KEPT:
                self._name_key_changes.append((before, after))
            else:
                self._name_key_changes = None

    def _is_segment(self, nid: str) -> bool:
        return nid in self._by_label[NodeLabel.SEGMENT]

    def _touch_node(self, nid: str, touched: _Touched, *, name_changed: bool = True) -> None:
        """Note the segments whose profile or aggregate a change to node `nid` (or its removal) can change."""
        label = self._graph.nodes[nid]["label"]
        if label == NodeLabel.ENTERPRISE:
            touched.segments.update(self._tie_ends(nid, OPERATES_IN))
        elif label == NodeLabel.SEGMENT:
            touched.segments.add(nid)
        elif label == NodeLabel.CHAIN and name_changed:
            touched.segments.update(start for start, keyed in self._graph._pred[nid].items() if BELONGS_TO in keyed)  # type: ignore[attr-defined]

    def _touch_scope(self, rel_type: RelType, start: str, touched: _Touched) -> None:
        """Note what a relationship written or removed changes beyond profiles: an enterprise's location its
        segments' readings, anything but a tie or a location anything (`changed_segments`)."""
        if not scoped_relationship_write(rel_type, start):
            touched.wide = True
        elif rel_type == RelType.LOCATED_IN:
            touched.located.update(self._tie_ends(start, OPERATES_IN))

    def _touch_edge(self, start: str, end: str, key: str, touched: _Touched) -> None:
        """Note what a relationship added or removed changes: its segment's firms, chains or downstream reach."""
        self._touch_scope(RelType(key), start, touched)
        if key == OPERATES_IN:
            touched.segments.add(end)
        elif key == BELONGS_TO:
            touched.segments.add(start)
        elif key == SUPPLIES and self._is_segment(start):
            touched.supply.add(start)

    def _settle(self, touched: _Touched) -> None:
        """After a change: drop what it made stale, and mark the segments it touched for recomputing.

        A changed supply link changes the downstream reach of its start and of every segment upstream of it
        (ancestors do not depend on the link itself, so the graph after the change gives the same ones).
        """
        derived = self._derived
        stale = touched.segments | touched.ties
        for key in [key for key in derived.ties if key[0] in stale]:
            del derived.ties[key]
        if touched.supply or touched.supply_nodes:
            derived.supply = None
            starts = [sid for sid in touched.supply if self._is_segment(sid)]
            if starts and derived.profiles is not None:
                upstream = self._supply_graph().reverse(copy=False)
                touched.segments.update(nx.multi_source_dijkstra_path_length(upstream, starts))
        if derived.profiles is not None:
            derived.dirty |= touched.segments
        if self._scope is not None:
            self._scope |= touched.segments | touched.ties | touched.located
            if touched.wide or touched.supply or touched.supply_nodes:
                self._scope = None

    def write(self, data: GraphData, progress: Progress | None = None, atomic: bool = True) -> None:
        self._commit(_Change("write", data=data), progress)

    def replace_all(self, data: GraphData, progress: Progress | None = None) -> None:
        incoming = data.node_ids()
        missing = missing_endpoint(data, incoming.__contains__)
        if missing:
            raise StoreError(f"关系 {missing[0]} 的端点 {missing[1]} 不存在，存储未做任何修改。")
        self._commit(_Change("replace", data=data), progress)

    def delete_nodes(self, node_ids: list[str]) -> None:
        self._commit(_Change("delete_nodes", ids=tuple(node_ids)))

    def delete_relationship(self, rel_type: RelType, start: str, end: str) -> bool:
        return self._commit(_Change("delete_relationship", rel=(rel_type, start, end)))

    def clear(self) -> None:
        self._commit(_Change("clear"))

    def _perform(self, change: _Change, progress: Progress | None = None) -> bool:
        """Make `change` in memory: what a write does, and what replaying its journal record does again."""
        if change.op in ("replace", "clear"):
            self._reset_memory()
        job = self._compaction
        if job is not None and job.capturing and not job.cancelled:
            for nid in self._changing(change):
                if nid not in job.before:
                    job.before[nid] = (self._node_line(nid), self._relationship_lines(nid))
        if change.op == "write" and change.data is not None:
            incoming = change.data.node_ids()
            missing = missing_endpoint(change.data, lambda nid: nid in incoming or nid in self._graph)
            if missing:
                raise StoreError(f"关系 {missing[0]} 的端点 {missing[1]} 不存在，本次写入未做任何修改。")
        if change.data is not None:
            self._apply(change.data, progress)
        elif change.op == "delete_nodes":
            self._delete_nodes(change.ids)
        elif change.rel is not None:
            return self._delete_relationship(*change.rel)
        return True

    def _changing(self, change: _Change) -> set[str]:
        """The nodes whose line or outgoing relationships' lines in graph.json `change` may change."""
        if change.data is not None:
            return {node.id for node in change.data.nodes} | {rel.start for rel in change.data.relationships}
        if change.rel is not None:
            return {change.rel[1]}
        found = set()
        for nid in change.ids:
            if nid in self._graph:  # a removed node's relationships and ties leave the nodes they start at
                found.add(nid)
                found.update(self._graph._pred[nid])  # type: ignore[attr-defined]
                found.update(start for _, start in self._tied_starts(nid))
        return found

    def _delete_nodes(self, node_ids: Iterable[str]) -> None:
        touched = _Touched()
        self._derived.names, self._derived.enterprise_keys = {}, None
        gone: dict[tuple[str, str], set[str]] = defaultdict(set)
        for nid in node_ids:
            if nid in self._graph:
                attrs = self._graph.nodes[nid]
                self._touch_node(nid, touched)
                touched.wide |= not scoped_node_write(attrs["label"])
                if attrs["label"] == NodeLabel.SEGMENT:  # its suppliers lose it and what lies below it
                    touched.supply.update(s for s, k in self._graph._pred[nid].items() if SUPPLIES in k)  # type: ignore[attr-defined]
                    touched.supply_nodes = True
                self._by_label[attrs["label"]].discard(nid)
                self._by_locality[str(_locality(attrs["properties"]))].discard(nid)
                if attrs["label"] == NodeLabel.ENTERPRISE:
                    self._rekey(attrs["label"], _props(attrs["properties"]), None, {})
                for start, _, key in self._graph.in_edges(nid, keys=True):
                    if start != nid:
                        self._unstart(key, start)
                for starts in self._starts.values():
                    starts.pop(nid, None)
                for pair in self._ties(nid).pairs():
                    gone[pair].add(nid)
                for key in _TIE_TYPES:
                    for start in self._tied.pop((key, nid), ()):
                        if start in self._graph and start != nid:
                            held = self._ties(start).held()
                            del held[key, nid]
                            self._set_ties(start, held)
                self._graph.remove_node(nid)
        self._forget_ties(gone)
        self._settle(touched)

    def _delete_relationship(self, rel_type: RelType, start: str, end: str) -> bool:
        key = rel_type.value
        touched = _Touched()
        if key in _TIE_TYPES:
            held = self._ties(start).held() if start in self._graph else {}
            if held.pop((key, end), None) is None:
                return False
            self._set_ties(start, held)
            self._forget_ties({(key, end): {start}})
        elif self._graph.has_edge(start, end, key=key):
            self._graph.remove_edge(start, end, key=key)
            self._unstart(key, start)
        else:
            return False
        self._touch_edge(start, end, key, touched)
        self._settle(touched)
        return True

    def _unstart(self, key: str, start: str) -> None:
        """One `key` edge out of `start` is gone: keep the type index (`_starts`) true."""
        starts = self._starts[key]
        starts[start] -= 1
        if starts[start] <= 0:
            del starts[start]

    # -- reads -------------------------------------------------------------------------
    def _node(self, nid: str) -> Node:
        """Read back without validating again: everything in the graph was validated on the way in."""
        attrs = self._graph.nodes[nid]
        stored = attrs["properties"]
        properties = _props(stored) if isinstance(stored, _Packed) else dict(stored)
        return Node.model_construct(id=nid, label=attrs["label"], properties=properties)

    def _rel(self, start: str, end: str, key: str) -> Relationship:
        properties = dict(self._graph.edges[start, end, key]["properties"])
        return Relationship.model_construct(type=RelType(key), start=start, end=end, properties=properties)

    def _tie_rels(self, start: str, key: str, ends: Collection[str] | None = None) -> Iterator[Relationship]:
        """A node's ties of one type (to `ends` only, if given), unpacked once for all of them."""
        for (tie_key, end), props in self._ties(start).held().items():
            if tie_key == key and (ends is None or end in ends):
                yield Relationship.model_construct(type=RelType(key), start=start, end=end, properties=props)

    @_reading
    def counts(self) -> Counts:
        relationships = {key: sum(starts.values()) for key, starts in self._starts.items() if starts}
        for (key, _), starts in self._tied.items():
            relationships[key] = relationships.get(key, 0) + len(starts)
        return Counts(
            nodes={label.value: len(ids) for label, ids in self._by_label.items() if ids},
            relationships=relationships,
        )

    @_reading
    def get_node(self, node_id: str) -> Node | None:
        return self._node(node_id) if node_id in self._graph else None

    def _candidates(self, label: NodeLabel, equals: dict[str, str | bool | int]) -> set[str]:
        """Ids worth checking: narrowed by the locality index when the filter names a locality."""
        if "locality" in equals:
            return self._by_label[label] & self._by_locality[str(equals["locality"])]
        return self._by_label[label]

    @_reading
    def nodes(self, label: NodeLabel, **equals: str | bool | int) -> list[Node]:
        found = []
        for nid in sorted(self._candidates(label, equals)):
            props = _props(self._graph.nodes[nid]["properties"])
            if all(props.get(key) == value for key, value in equals.items()):
                found.append(self._node(nid))
        return found

    @_reading
    def names(self, label: NodeLabel, **equals: str | bool | int) -> list[str]:
        key = (label, tuple(sorted(equals.items())))
        if key in self._derived.names:
            return list(self._derived.names[key])
        found = []
        for nid in self._candidates(label, equals):
            stored = self._graph.nodes[nid]["properties"]
            name = _name(stored)
            if name is _ABSENT:
                continue
            rest = {key: value for key, value in equals.items() if key != "locality"}
            props = _props(stored) if rest else {}
            if _locality(stored) == equals.get("locality", _locality(stored)) and all(
                props.get(key) == value for key, value in rest.items()
            ):
                found.append(str(name))
        self._derived.names[key] = sorted(found)
        return list(self._derived.names[key])

    @_reading
    def relationships(
        self, rel_type: RelType, start: str | None = None, end: str | None = None, **equals: str | bool | int
    ) -> list[Relationship]:
        key = rel_type.value
        if key in _TIE_TYPES:
            found = list(self._tie_relationships(key, start, end))
        else:
            found = self._edge_relationships(key, start, end)
        if equals:
            found = [rel for rel in found if all(rel.properties.get(k) == value for k, value in equals.items())]
        return sorted(found, key=lambda r: r.key)

    def _edge_relationships(self, key: str, start: str | None, end: str | None) -> list[Relationship]:
        """Relationships kept as networkx edges (every type but the ties)."""
        if start is not None:
            if start not in self._graph:
                return []
            edges: Iterable[tuple[str, str, str]] = (
                (start, v, k) for _, v, k in self._graph.out_edges(start, keys=True)
            )
        elif end is not None:
            if end not in self._graph:
                return []
            edges = ((u, end, k) for u, _, k in self._graph.in_edges(end, keys=True))
        else:  # from the type index: only the out-edges of nodes that have an edge of this type
            succ = self._graph._succ  # type: ignore[attr-defined]
            edges = ((u, v, key) for u in self._starts.get(key, ()) for v, keyed in succ[u].items() if key in keyed)
        return [self._rel(u, v, k) for u, v, k in edges if k == key and (end is None or v == end)]

    def _tie_relationships(self, key: str, start: str | None, end: str | None) -> Iterator[Relationship]:
        if start is not None:
            if start in self._graph:
                yield from self._tie_rels(start, key, None if end is None else {end})
            return
        ends = [end] if end is not None else [tie_end for tie_key, tie_end in self._tied if tie_key == key]
        starts: set[str] = set().union(*(self._tied.get((key, tie_end), ()) for tie_end in ends))
        for tie_start in starts:
            yield from self._tie_rels(tie_start, key, None if end is None else {end})

    @_reading
    def enterprises_by_keys(
        self, credit_codes: Collection[str], name_keys: Collection[str]
    ) -> tuple[dict[str, Node], dict[str, list[Node]]]:
        """Dict lookups in an index built once per write (one pass over the enterprises' properties). A name key
        held by one enterprise maps to its id, one held by several to their ids in order (most keys are unique, so
        the index costs no list per firm)."""
        if self._derived.enterprise_keys is None:
            by_code: dict[str, str] = {}
            by_name: dict[str, str | tuple[str, ...]] = {}
            by_full: dict[str, str | tuple[str, ...]] = {}
            node_attrs = self._graph._node  # type: ignore[attr-defined]
            for eid in self._by_label[NodeLabel.ENTERPRISE]:
                props = _props(node_attrs[eid]["properties"])
                code = props.get("credit_code")
                if code and eid > by_code.get(str(code), ""):
                    by_code[str(code)] = eid
                named = eid[len(NAME_ID_PREFIX) :] if eid.startswith(NAME_ID_PREFIX) else ""
                for index, key in (
                    (by_name, props.get(NAME_KEY)),
                    (by_name, named),
                    (by_full, props.get(FULL_NAME_KEY)),
                ):
                    if key:
                        _index_add(index, str(key), eid)
            self._derived.enterprise_keys = by_code, by_name, by_full
        codes, names, full_names = self._derived.enterprise_keys
        return (
            {key: self._node(codes[key]) for key in credit_codes if key in codes},
            {
                key: [self._node(eid) for eid in sorted(hits if isinstance(hits, tuple) else (hits,))]
                for key in name_keys
                if (hits := names.get(key) or full_names.get(key))
            },
        )

    @_reading
    def _name_key_candidates(self, name_keys: list[str]) -> dict[str, set[str]]:
        if self._name_keys is None:
            self._name_keys = self._load_name_keys() or self._build_name_keys()
            self._name_key_changes = None
        index = self._name_keys
        return {key: index.candidates(key) for key in name_keys}

    def _load_name_keys(self) -> NameKeyIndex | None:
        """The saved index of memory's snapshot with the changes since applied; None when there is none (missing,
        of another snapshot, damaged) or the changes are not known."""
        changes = self._name_key_changes
        if changes is None:
            return None
        try:
            data = self.name_keys_path.read_bytes()
        except OSError:
            return None
        index = NameKeyIndex.from_bytes(data, self._snapshot)
        if index is None:
            return None
        self._redo(index, changes)
        self.name_key_index_origin = "loaded"
        return index

    def _build_name_keys(self) -> NameKeyIndex:
        """The index from every enterprise (one pass); saved for memory's snapshot (the changes since undone on the
        way) when the changes are known and the write lock is free, so the next process reads it instead."""
        index = NameKeyIndex()
        node_attrs = self._graph._node  # type: ignore[attr-defined]
        for eid in self._by_label[NodeLabel.ENTERPRISE]:
            index.add(str(_props(node_attrs[eid]["properties"]).get(NAME_KEY) or ""))
        self.name_key_index_origin = "built"
        changes = self._name_key_changes
        if changes is not None and self._snapshot:
            with suppress(Timeout, OSError), self._file_lock.acquire(blocking=False):
                if self._snapshot_now().signature == self._snapshot:
                    self._redo(index, [(after, before) for before, after in reversed(changes)])
                    try:
                        self._save_name_keys(index)
                    finally:
                        self._redo(index, changes)
        return index

    @staticmethod
    def _redo(index: NameKeyIndex, changes: list[tuple[str, str]]) -> None:
        """Apply name-key changes (before, after) to `index`, in order."""
        for before, after in changes:
            index.remove(before)
            index.add(after)

    def name_key_index_bytes(self) -> int:
        """Memory of the name-key index (`NameKeyIndex.memory_bytes`; 0 before a lookup built it), for the
        benchmark."""
        with self._guard:
            return 0 if self._name_keys is None else self._name_keys.memory_bytes()

    @_reading
    def nodes_without(self, label: NodeLabel, prop: str, or_matching: str | None = None) -> list[Node]:
        node_attrs = self._graph._node  # type: ignore[attr-defined]
        pattern = re.compile(or_matching) if or_matching else None

        def older(value: PropertyValue | None) -> bool:
            return value is None or (pattern is not None and isinstance(value, str) and bool(pattern.fullmatch(value)))

        found = (nid for nid in self._by_label[label] if older(_props(node_attrs[nid]["properties"]).get(prop)))
        return [self._node(nid) for nid in sorted(found)]

    @_reading
    def supply_links(self) -> list[Relationship]:
        """From the segments' own out-edges: no walk over every relationship in the store."""
        segments = self._by_label[NodeLabel.SEGMENT]
        found = [
            self._rel(sid, end, SUPPLIES)
            for sid in segments
            for end, keyed in self._graph._succ[sid].items()  # type: ignore[attr-defined]
            if SUPPLIES in keyed and end in segments
        ]
        return sorted(found, key=lambda r: r.key)

    @_reading
    def enterprises_in(self, segment_id: str, locality: str | None = None) -> list[EnterpriseTie]:
        """Cached per segment until the next write: target lists rank these rows on every query."""
        key = (segment_id, locality)
        if key not in self._derived.ties:
            found = []
            node_attrs = self._graph._node  # type: ignore[attr-defined]
            for start in self._tied.get((OPERATES_IN, segment_id), ()):
                attrs = node_attrs[start]
                if locality is None or _locality(attrs["properties"]) == locality:
                    tie = attrs["ties"].props(OPERATES_IN, segment_id)
                    props = _props(attrs["properties"])
                    found.append(EnterpriseTie(start, MappingProxyType(props), MappingProxyType(tie)))
            self._derived.ties[key] = sorted(found)
        return list(self._derived.ties[key])

    @_reading
    def search(self, text: str, labels: list[NodeLabel] | None = None, limit: int = 20) -> list[Node]:
        text = text.strip()
        if not text:
            return []
        hits = []
        for label in labels or list(NodeLabel):
            for nid in self._by_label[label]:
                found = _name(self._graph.nodes[nid]["properties"])
                name = "" if found is _ABSENT else str(found)
                if text in name:
                    hits.append((name != text, len(name), nid))
        return [self._node(nid) for _, _, nid in sorted(hits)[:limit]]

    @_reading
    def subgraph(self, node_ids: list[str]) -> GraphData:
        present = sorted(nid for nid in set(node_ids) if nid in self._graph)
        view = self._graph.subgraph(present)
        rels = [self._rel(u, v, k) for u, v, k in view.edges(keys=True)]
        inside = set(present)
        for nid in present:
            ties = self._ties(nid)
            if any(end in inside for end in ties.ends[1::2]):
                rels += [rel for key in _TIE_TYPES for rel in self._tie_rels(nid, key, inside)]
        return GraphData(nodes=[self._node(nid) for nid in present], relationships=sorted(rels, key=lambda r: r.key))

    @_reading
    def reached_via(self, via: RelType, then: RelType | None = None) -> dict[str, set[str]]:
        """The base walk, under one read so a concurrent save cannot change the graph between its two reads."""
        return super().reached_via(via, then)

    @_reading
    def neighbourhood(self, node_id: str, hops: int = 1, limit: int = 200) -> GraphData:
        """The base walk, under one read so a concurrent save cannot change the graph between hops."""
        return super().neighbourhood(node_id, hops, limit)

    @_reading
    def neighbourhood_size(self, node_id: str, hops: int = 1) -> int:
        """The base count, under one read like `neighbourhood`."""
        return super().neighbourhood_size(node_id, hops)

    def _neighbours(self, ids: list[str]) -> dict[str, list[str]]:
        return {nid: sorted(self._adjacent(nid)) for nid in ids if nid in self._graph}

    def _adjacent(self, nid: str) -> set[str]:
        """The nodes one relationship (or tie) away from `nid`, either direction."""
        found = set(self._graph._succ[nid]) | set(self._graph._pred[nid])  # type: ignore[attr-defined]
        found.update(self._ties(nid).ends[1::2])
        found.update(start for _, start in self._tied_starts(nid))
        return found

    def _supply_graph(self) -> nx.DiGraph[str]:
        """SUPPLIES links only run between segments: read them from segments' out-edges, once per write."""
        if self._derived.supply is None:
            supply: nx.DiGraph[str] = nx.DiGraph()
            supply.add_nodes_from(self._by_label[NodeLabel.SEGMENT])
            for sid in self._by_label[NodeLabel.SEGMENT]:
                supply.add_edges_from(
                    (sid, end) for _, end, key in self._graph.out_edges(sid, keys=True) if key == SUPPLIES
                )
            self._derived.supply = supply
        return self._derived.supply

    @_reading
    def trace(self, segment_id: str, direction: Direction, max_depth: int | None = None) -> dict[str, int]:
        supply = self._supply_graph()
        if segment_id not in supply:
            return {}
        if direction == "up":
            supply = supply.reverse(copy=False)
        lengths = nx.single_source_shortest_path_length(supply, segment_id, cutoff=max_depth)
        return {nid: depth for nid, depth in sorted(lengths.items()) if nid != segment_id}

    @_reading
    def shortest_path(self, start: str, end: str) -> list[str] | None:
        """Breadth first from `end` until `start` is reached, then from `start` the smallest id one step closer
        each time: that walk is the first in id order of all the shortest paths."""
        if start not in self._graph or end not in self._graph:
            return None
        distance = {end: 0}
        frontier = [end]
        while frontier and start not in distance:
            reached = []
            for nid in frontier:
                for other in self._adjacent(nid) - distance.keys():
                    distance[other] = distance[nid] + 1
                    reached.append(other)
            frontier = reached
        if start not in distance:
            return None
        path = [start]
        while path[-1] != end:
            closer = distance[path[-1]] - 1
            path.append(min(nid for nid in self._adjacent(path[-1]) if distance.get(nid) == closer))
        return path

    @_reading
    def segment_profiles(self) -> list[SegmentProfile]:
        """Kept per segment across writes (gap analysis asks on every page view); copies, so callers cannot
        change what is kept."""
        profiles, _ = self._segment_facts()
        return [copy_profile(profiles[sid]) for sid in sorted(profiles)]

    @_reading
    def _local_firms(self) -> dict[str, list[str]]:
        """The kept profiles' own lists (no copies): a segment's list is a new object only once a write changed it."""
        profiles, _ = self._segment_facts()
        return {sid: profile.local_enterprises for sid, profile in profiles.items()}

    @_reading
    def segment_aggregates(self) -> dict[str, SegmentAggregate]:
        """Kept per segment across writes, like the profiles; copies."""
        _, aggregates = self._segment_facts()
        return {sid: copy_aggregate(aggregates[sid]) for sid in sorted(aggregates)}

    def _segment_facts(self) -> tuple[dict[str, SegmentProfile], dict[str, SegmentAggregate]]:
        """Profiles and aggregates, every segment built once after a read from disk, then only the segments
        writes marked dirty: an enterprise or tie edit recomputes the few segments it touches.

        Both ways gather each segment's firms and hand them to one summary (`_summarise`): the full build in
        one pass over the enterprises' own ties (each firm read once, however many segments it is in), the
        update from the dirty segments' ties.
        """
        derived = self._derived
        if derived.profiles is None or derived.aggregates is None:
            segments = self._by_label[NodeLabel.SEGMENT]
            gathered = self._firms_by_segment(segments)
            derived.profiles, derived.aggregates, derived.dirty = {}, {}, set()
            for sid in segments:
                derived.profiles[sid], derived.aggregates[sid] = self._summarise(sid, gathered.get(sid, []))
        for sid in derived.dirty:
            if self._is_segment(sid):
                derived.profiles[sid], derived.aggregates[sid] = self._summarise(sid, self._firms_in(sid))
            else:
                derived.profiles.pop(sid, None)
                derived.aggregates.pop(sid, None)
        derived.dirty = set()
        return derived.profiles, derived.aggregates

    def _firms_by_segment(self, segments: Collection[str]) -> dict[str, list[_Firm]]:
        """Every segment's counted firms, from one pass over the enterprises and their OPERATES_IN ties.

        One small object per firm, shared by its segments' lists: an object per tie (some 465,000 at 100,000
        firms) would also wake the garbage collector to scan the whole graph.
        """
        # networkx's own dicts ({start: {end: {key: attrs}}} and {id: attrs}): no view objects per edge.
        # (networkx's stubs leave these private dicts out.)
        node_attrs = self._graph._node  # type: ignore[attr-defined]
        gathered: dict[str, list[_Firm]] = defaultdict(list)
        for eid in self._by_label[NodeLabel.ENTERPRISE]:
            attrs = node_attrs[eid]
            firm = _firm(eid, _firm_props(attrs["properties"]))
            if firm is not None:
                for key, end in attrs.get("ties", _NO_TIES).pairs():
                    if key == OPERATES_IN and end in segments:
                        gathered[end].append(firm)
        return gathered

    def _firms_in(self, sid: str) -> list[_Firm]:
        """One segment's counted firms, from its own ties only (so a write recomputes few)."""
        node_attrs = self._graph._node  # type: ignore[attr-defined]
        found = []
        for eid in self._tied.get((OPERATES_IN, sid), ()):
            attrs = node_attrs[eid]
            if attrs["label"] == NodeLabel.ENTERPRISE:
                firm = _firm(eid, _firm_props(attrs["properties"]))
                if firm is not None:
                    found.append(firm)
        return found

    def _summarise(self, sid: str, firms: Iterable[_Firm]) -> tuple[SegmentProfile, SegmentAggregate]:
        """One segment's profile and aggregate from its counted firms (in any order)."""
        node_attrs = self._graph._node  # type: ignore[attr-defined]
        local: list[str] = []
        small: list[str] = []
        names: list[str] = []
        capitals: Counter[float] = Counter()
        substitutes: Counter[str] = Counter()
        for firm in firms:
            if firm.province is not None:
                substitutes[firm.province] += 1
                continue
            local.append(firm.id)
            names.append(firm.name if firm.name is not None else firm.id)
            if firm.small:
                small.append(firm.id)
            if firm.capital is not None:
                capitals[firm.capital] += 1
        props = node_attrs[sid]["properties"]
        chains = [
            str(node_attrs[end]["properties"]["name"])
            for end, keyed in self._graph._succ[sid].items()  # type: ignore[attr-defined]
            if BELONGS_TO in keyed
        ]
        profile = SegmentProfile(
            id=sid,
            name=str(props["name"]),
            stage=str(props.get("stage", "")),
            chains=sorted(chains),
            plan_status=text_prop(props, "plan_status"),
            evidence=texts_prop(props, "evidence"),
            status_evidence=texts_prop(props, "status_evidence"),
            local_enterprises=sorted(local),
            small_enterprises=sorted(small),
            downstream=sorted(nx.descendants(self._supply_graph(), sid)),
        )
        aggregate = SegmentAggregate(
            id=sid,
            local=len(local),
            local_names=sorted(names)[:LOCAL_NAMES_KEPT],
            local_capitals=dict(capitals),
            substitutes=dict(substitutes),
        )
        return profile, aggregate

    def close(self) -> None:
        """Wait for a compaction this process started (every write is already on disk): a command that wrote past
        the journal's bound ends after folding it in, not with the work half done."""
        job = self._compaction
        if job is not None and job.thread is not None:
            job.thread.join()

    @_reading
    def export(self) -> GraphData:
        return self._export_memory()

    def _export_memory(self) -> GraphData:
        return self.subgraph(list(self._graph.nodes))
