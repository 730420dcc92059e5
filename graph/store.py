"""The store interface: what queries, loaders, the CLI and the app may ask of a graph store.

The embedded store (networkx, no server) and the Neo4j store implement it; callers never
know which one they hold. Operations that touch many nodes (traces, profiles, paths)
are part of the interface so each backend computes them natively — the Neo4j store in
Cypher, never by pulling the whole graph into Python.
"""

from __future__ import annotations

import difflib
import errno
import json
import os
import threading
from abc import ABC, abstractmethod
from collections import defaultdict
from collections.abc import Callable, Collection, Hashable, Iterable, Mapping
from dataclasses import dataclass, field
from enum import Enum
from functools import cached_property
from typing import Any, ClassVar, Literal, NamedTuple, TypeVar

import numpy
from pydantic import ValidationError

from graph.model import GraphData, Node, NodeLabel, PropertyValue, Relationship, RelType, label_of_id, node_id
from graph.similar import MIN_KEY_LENGTH, could_be_similar

Progress = Callable[[int, int], None]
"""Called as progress(done, total) while long work runs (a CLI bar or a Streamlit bar)."""

Direction = Literal["up", "down"]


OS_REASONS = {
    errno.ENOENT: "不存在，或它所在的目录不存在",
    errno.ENOTDIR: "的路径中有一段是文件而不是目录",
    errno.EISDIR: "是一个目录，这里需要文件名",
    errno.EEXIST: "已经存在且不是目录",
    errno.EACCES: "没有读写权限",
    errno.EPERM: "不允许在这里读写",
    errno.EROFS: "位于只读的文件系统上",
    errno.ENOSPC: "所在的磁盘已满",
    errno.EDQUOT: "超出了磁盘配额",
    errno.ENAMETOOLONG: "的文件名太长",
}


def os_error_message(exc: OSError) -> str:
    """A file-system error as what went wrong where, and what to do."""
    reason = OS_REASONS.get(exc.errno or 0, exc.strerror or str(exc))
    if exc.filename is None:
        return f"读写文件失败：{reason}。"
    return f"“{os.fsdecode(exc.filename)}”{reason}：请换一个路径，或先建好目录并确认有写入权限。"


NAME_KEY = "name_key"
"""Enterprise property: the name without place prefix and company form (`loaders.importing.core_name`), indexed
so that an import finds 永州市某某有限公司 when the graph holds 某某有限公司."""
FULL_NAME_KEY = "full_name_key"
"""Enterprise property: the name key of a firm's `full_name` where it has one (the listed 天汽模 is
天津汽车模具股份有限公司), indexed so that an export writing the full name finds the firm instead of adding it twice."""
NAME_ID_PREFIX = node_id(NodeLabel.ENTERPRISE, "name:")
"""Ids an import gives firms without a credit code (prefix + name key): such a firm written before name keys were
stored is still found by its key."""


class StoreError(RuntimeError):
    """A store problem explained in plain Chinese for the user (no traceback needed)."""


class NotFound(StoreError):
    """A named chain, segment or enterprise is not in the graph. The message names it and asks the
    user to check the name — shown as is by the CLI and by the app, so it gives no command to run."""


def graph_from_json(raw: bytes) -> GraphData:
    """A graph from the documented JSON shape (`chainkg export --format json`, the embedded store's file).

    Checked at the door so that a wrong file — another encoding, not JSON, a list, an unknown
    label — becomes one ValueError whose Chinese message says what is wrong, never a traceback.
    """
    try:
        payload = json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise ValueError("文件不是 UTF-8 编码") from exc
    except json.JSONDecodeError as exc:
        raise ValueError(f"不是有效的 JSON（第 {exc.lineno} 行第 {exc.colno} 列）") from exc
    return graph_from_dict(payload)


def graph_from_dict(payload: Any) -> GraphData:
    """A graph from already parsed JSON, with the checks of `graph_from_json` (one ValueError in Chinese)."""
    if not (
        isinstance(payload, dict)
        and isinstance(payload.get("nodes"), list)
        and isinstance(payload.get("relationships"), list)
        and all(isinstance(item, dict) for item in payload["nodes"] + payload["relationships"])
    ):
        raise ValueError("结构不对，应是含 nodes 和 relationships 两个列表的对象（`chainkg export` 导出的格式）")
    labels, types = {label.value for label in NodeLabel}, {t.value for t in RelType}
    for raw_node in payload["nodes"]:
        unknown = [label for label in raw_node.get("labels") or [] if label not in labels]
        if unknown:
            raise ValueError(f"节点 {raw_node.get('id')} 的标签“{unknown[0]}”未知，可用：{'、'.join(sorted(labels))}")
    for raw_rel in payload["relationships"]:
        if raw_rel.get("type") not in types:
            raise ValueError(f"关系类型“{raw_rel.get('type')}”未知，可用：{'、'.join(sorted(types))}")
    try:
        return GraphData.from_json_dict(payload)
    except ValidationError as exc:
        problem = exc.errors()[0]
        where = ".".join(str(part) for part in problem["loc"])
        raise ValueError(f"内容不合法（{where}：{problem['msg']}）") from exc
    except (KeyError, TypeError, AttributeError) as exc:
        raise ValueError(f"内容不完整或类型不对（{exc!r}）") from exc


def missing_endpoint(data: GraphData, exists: Callable[[str], bool]) -> tuple[str, str] | None:
    """The first (relationship type, endpoint id) of `data` whose endpoint does not exist, or None."""
    for rel in data.relationships:
        for end in (rel.start, rel.end):
            if not exists(end):
                return rel.type.value, end
    return None


@dataclass(frozen=True)
class SwitchState:
    """An import whose batches are all staged and known good, being made visible in parts (Neo4j): `done` of
    `staged` nodes switched so far. Until it ends, readers see some of its rows and not others."""

    done: int
    staged: int
    started: str


@dataclass(frozen=True)
class Counts:
    nodes: dict[str, int]
    relationships: dict[str, int]

    def as_dict(self) -> dict[str, dict[str, int]]:
        return {"nodes": dict(sorted(self.nodes.items())), "relationships": dict(sorted(self.relationships.items()))}


@dataclass(frozen=True)
class SegmentProfile:
    """What gap analysis needs to know about one segment, computed by the store."""

    id: str
    name: str
    stage: str
    chains: list[str]
    plan_status: str | None
    evidence: list[str]
    status_evidence: list[str]
    local_enterprises: list[str] = field(default_factory=list)
    small_enterprises: list[str] = field(default_factory=list)
    downstream: list[str] = field(default_factory=list)
    dropped_local: list[str] = field(default_factory=list)
    """Local enterprises whose tie to this segment review dropped (queries/review.py): left out of
    `local_enterprises`, and passed to `GraphStore.local_firm_counts` so store counts leave them out too."""


SEGMENT_DATA_LABELS = frozenset({NodeLabel.ENTERPRISE, NodeLabel.LEAD, NodeLabel.LEAD_CHANGE})
"""Nodes whose writes `GraphStore.changed_segments` attributes to segments: an enterprise to the segments it is tied
to; leads and their changes belong to no segment reading (target lists read them afresh). A write or removal of any
other node — a segment too (its name, plan status and chains are read beside other segments' data) — changes
"anything" (None)."""
SEGMENT_DATA_TYPES = frozenset({RelType.OPERATES_IN, RelType.LOCATED_IN})
"""Relationships whose writes `changed_segments` attributes to segments: a tie to its segment, an enterprise's
location to the enterprise's segments; any other relationship changes "anything"."""


def scoped_node_write(label: NodeLabel) -> bool:
    """Whether writing (or removing) a node of `label` is attributable to segments (see SEGMENT_DATA_LABELS)."""
    return label in SEGMENT_DATA_LABELS


def scoped_relationship_write(rel_type: RelType, start: str) -> bool:
    """Whether writing (or removing) a relationship is attributable to segments (see SEGMENT_DATA_TYPES)."""
    return rel_type in SEGMENT_DATA_TYPES and label_of_id(start) == NodeLabel.ENTERPRISE


HOME_CITY = "永州市"
"""Candidates registered in this city are not outside substitutes (the listed-company pool holds a few)."""
UNKNOWN_PROVINCE = "省份未知"
LOCAL_NAMES_KEPT = 20
"""How many local firm names a segment aggregate keeps, in name order: enough for any table row of them."""


@dataclass(frozen=True)
class SegmentAggregate:
    """One segment's enterprises in figures: what 产业链安全 needs without reading every firm (queries/network.py).

    Counted over every OPERATES_IN tie, before any review: a caller that drops reviewed ties compares
    `local` with its own count and reads the segment's firms itself where they differ.
    """

    id: str
    local: int
    """Local enterprises operating in the segment."""
    local_names: list[str]
    """The first LOCAL_NAMES_KEPT of their names (the id where a firm has no name), in name order."""
    local_capitals: dict[float, int]
    """Positive registered capital (万元) → how many of the local firms have it; firms without one are left out."""
    substitutes: dict[str, int]
    """Candidates registered outside HOME_CITY, by province (省份未知 where none is given)."""


def copy_profile(profile: SegmentProfile) -> SegmentProfile:
    """A copy whose lists the caller may change: stores keep their profiles across writes."""
    return SegmentProfile(
        id=profile.id,
        name=profile.name,
        stage=profile.stage,
        chains=list(profile.chains),
        plan_status=profile.plan_status,
        evidence=list(profile.evidence),
        status_evidence=list(profile.status_evidence),
        local_enterprises=list(profile.local_enterprises),
        small_enterprises=list(profile.small_enterprises),
        downstream=list(profile.downstream),
        dropped_local=list(profile.dropped_local),
    )


def copy_aggregate(aggregate: SegmentAggregate) -> SegmentAggregate:
    """A copy whose list and dicts the caller may change, like `copy_profile`."""
    return SegmentAggregate(
        id=aggregate.id,
        local=aggregate.local,
        local_names=list(aggregate.local_names),
        local_capitals=dict(aggregate.local_capitals),
        substitutes=dict(aggregate.substitutes),
    )


K = TypeVar("K", bound=Hashable)


class FirmMasks:
    """Each segment's local firms as a bitmask (one bit per firm), and the OR of a group of segments' masks:
    exact distinct-firm counts over several segments (a firm in two of them counts once) without a firm set.

    Masks follow the firm lists they were packed from: a store keeps a segment's list object until a write
    changes that segment, so an unchanged list (same object) keeps its mask and a group whose segments all kept
    theirs keeps its OR. A firm keeps its bit for the process's life.
    """

    GROUPS_KEPT = 20_000
    """ORs kept at most (gap analysis asks ~1 per segment, health 1 per chain): past it they are all dropped."""

    def __init__(self) -> None:
        self._bits: dict[str, int] = {}
        self._masks: dict[str, tuple[list[str], int]] = {}
        self._groups: dict[tuple[str, ...], tuple[int, tuple[int, ...], int]] = {}
        self._generation = 0
        """Moves on whenever a mask is packed anew: an OR kept at the current generation needs no check."""
        self._lock = threading.Lock()  # the app's sessions share one store, so one FirmMasks, across threads

    def of(self, firms: Mapping[str, list[str]]) -> dict[str, int]:
        """Segment id → the mask of the given firms (its local enterprises)."""
        with self._lock:
            return {sid: self._mask(sid, listed) for sid, listed in firms.items()}

    def counts(
        self,
        firms: Mapping[str, list[str]],
        groups: Mapping[K, Collection[str]],
        without: Collection[str] = (),
        dropped: Collection[tuple[str, str]] = (),
    ) -> dict[K, int]:
        """Each group → how many distinct firms of `firms` (segment → firm ids) its segments hold, not counting
        the firms `without` nor the (firm, segment) ties `dropped`."""
        drop: dict[str, set[str]] = defaultdict(set)
        for firm, sid in dropped:
            drop[sid].add(firm)
        with self._lock:
            if drop:  # those segments' masks are packed afresh below, without the dropped ties
                self._generation += 1
            wanted = {sid for group in groups.values() for sid in group}
            masks = {
                sid: self._pack([f for f in firms.get(sid, []) if f not in drop[sid]])
                if sid in drop
                else self._mask(sid, firms.get(sid, []))
                for sid in wanted
            }
            gone = self._pack([f for f in without if f in self._bits])
            if len(self._groups) > self.GROUPS_KEPT:
                self._groups.clear()
            found = {}
            for key, group in groups.items():
                union = self._union(tuple(group), masks)
                found[key] = (union & ~gone).bit_count() if gone else union.bit_count()
            if drop:  # the ORs kept in this call hold masks without the dropped ties: never reuse them unchecked
                self._generation += 1
            return found

    def _union(self, segments: tuple[str, ...], masks: Mapping[str, int]) -> int:
        """The OR of the segments' masks, kept while each segment keeps its mask (compared by identity)."""
        kept = self._groups.get(segments)
        if kept is not None and kept[0] == self._generation:
            return kept[2]
        parts = tuple(masks[sid] for sid in segments)
        if kept is not None and all(a is b for a, b in zip(kept[1], parts, strict=True)):
            union = kept[2]
        else:
            union = 0
            for part in parts:
                union |= part
        self._groups[segments] = (self._generation, parts, union)
        return union

    def _mask(self, sid: str, listed: list[str]) -> int:
        known = self._masks.get(sid)
        if known is None or (known[0] is not listed and known[0] != listed):
            known = (listed, self._pack(listed))
            self._masks[sid] = known
            self._generation += 1
        return known[1]

    def _pack(self, firms: Collection[str]) -> int:
        """Packed from flags: shifting one big integer in per firm would copy it once per firm."""
        if not firms:
            return 0
        for firm in firms:
            self._bits.setdefault(firm, len(self._bits))
        flags = numpy.zeros(len(self._bits), dtype=bool)
        flags[[self._bits[firm] for firm in firms]] = True
        return int.from_bytes(numpy.packbits(flags, bitorder="little").tobytes(), "little")


class EnterpriseTie(NamedTuple):
    """An enterprise operating in a segment: its id, its properties and the OPERATES_IN tie's properties
    (read-only views: the embedded store hands out its own data without copying it)."""

    id: str
    properties: Mapping[str, PropertyValue]
    tie: Mapping[str, PropertyValue]

    @property
    def name(self) -> str:
        return str(self.properties.get("name", self.id))


class Capability(Enum):
    """What a store can do beyond the interface every store has; callers check these, never the backend's name."""

    READ_ONLY_CONSOLE = "read_only_console"
    """Runs a user's read-only query text (`read_only_query`): the explore page's Cypher console."""


CONSOLE_ROW_LIMIT = 500


@dataclass(frozen=True)
class ConsoleResult:
    """What the console shows: at most the row limit of rows, and whether the query had more."""

    rows: list[dict[str, Any]]
    truncated: bool


class GraphStore(ABC):
    """One graph, wherever it lives."""

    backend: str
    capabilities: ClassVar[frozenset[Capability]] = frozenset()

    def read_only_query(self, query: str, limit: int = CONSOLE_ROW_LIMIT) -> ConsoleResult:
        """Run a user's query text that must not write, showing at most `limit` rows.

        Only stores with `Capability.READ_ONLY_CONSOLE` can; the others refuse in plain words.
        """
        raise StoreError(
            "当前存储后端没有只读 Cypher 控制台；请改用 Neo4j 后端（设置 CHAINKG_BACKEND=neo4j 与 NEO4J_URI）后重试。"
        )

    @abstractmethod
    def write(self, data: GraphData, progress: Progress | None = None, atomic: bool = True) -> None:
        """Upsert nodes (by id) and relationships (by type, start, end); all or nothing.

        Relationship endpoints must exist in the store or in `data`. Properties given
        replace the stored ones of the same name. Writing the same data twice changes nothing.
        `atomic=False` lets a bulk load commit batch by batch where a backend supports it.
        """

    def write_batches(self, batches: Iterable[GraphData], progress: Progress | None = None) -> None:
        """Upsert every batch as `write` would, all or nothing: a failure in writing a batch, or an exception
        raised while the iterable makes one, leaves the store as it was.

        Here the batches are gathered and written once (an in-memory store holds them all anyway, and saves
        once); a database overrides this to stage them and make them visible at once, telling `progress` how
        far that last step is.
        """
        nodes: list[Node] = []
        relationships: list[Relationship] = []
        for data in batches:
            nodes += data.nodes
            relationships += data.relationships
        self.write(GraphData(nodes=nodes, relationships=relationships))

    def pending_switch(self) -> SwitchState | None:
        """The import still being made visible, if any (a database that switches large imports in parts)."""
        return None

    def finish_switch(self, progress: Progress | None = None) -> bool:
        """Finish the switch of an import whose client stopped after its commit point (`pending_switch`),
        telling `progress` how far it is; whether there was one."""
        return False

    @abstractmethod
    def replace_all(self, data: GraphData, progress: Progress | None = None) -> None:
        """Replace everything with `data` in one atomic step: a crash leaves the old graph or the new one.

        Relationship endpoints must all be in `data`.
        """

    @abstractmethod
    def version(self) -> str:
        """A cheap token that changes after every write from any process, so caches know when to drop."""

    def changed_segments(self, since: str) -> tuple[str, frozenset[str] | None]:
        """(the version now, the segments whose own data the writes since version `since` may have changed).

        A segment's own data (`SEGMENT_DATA_LABELS`, `SEGMENT_DATA_TYPES`): the OPERATES_IN ties into it and the
        enterprises tied to it (their properties and LOCATED_IN links, before and after a write).
        A reading built only from those of a few segments stays true while none of them is named here. None means
        "anything may have changed": a write touched something else (a park, a chain, a plan clause, a supply
        link, a segment written or removed), or the writes since `since` are no longer known. This default knows
        nothing finer than the version.
        """
        now = self.version()
        return now, (frozenset() if now == since else None)

    @abstractmethod
    def delete_nodes(self, node_ids: list[str]) -> None:
        """Remove nodes and their relationships; all or nothing."""

    @abstractmethod
    def delete_relationship(self, rel_type: RelType, start: str, end: str) -> bool:
        """Remove one relationship; True if it existed."""

    @abstractmethod
    def clear(self) -> None:
        """Remove everything."""

    @abstractmethod
    def counts(self) -> Counts:
        """Nodes per label and relationships per type."""

    @abstractmethod
    def get_node(self, node_id: str) -> Node | None: ...

    @abstractmethod
    def nodes(self, label: NodeLabel, **equals: str | bool | int) -> list[Node]:
        """All nodes of a label whose properties equal the given values, ordered by id."""

    @abstractmethod
    def names(self, label: NodeLabel, **equals: str | bool | int) -> list[str]:
        """Just the names of the nodes `nodes` would return, sorted (cheap where only names are needed)."""

    def names_among(self, label: NodeLabel, names: Collection[str], **equals: str | bool | int) -> set[str]:
        """Which of `names` are names of nodes `nodes` would return: for checking a few names without reading
        every name (Neo4j looks each one up in the name index)."""
        return set(self.names(label, **equals)).intersection(names)

    @abstractmethod
    def relationships(
        self, rel_type: RelType, start: str | None = None, end: str | None = None, **equals: str | bool | int
    ) -> list[Relationship]:
        """Relationships of a type, optionally from `start` and/or to `end` and with properties equal to the given
        values, ordered by key (a filter Neo4j applies itself: a few ties out of 400,000 are not all sent over)."""

    def relationships_from(self, rel_type: RelType, starts: Collection[str]) -> list[Relationship]:
        """Relationships of a type from any of `starts`, ordered by key: one read for a list's firms' ties, where
        `subgraph` would also read every node at the other end."""
        return sorted(
            (rel for start in set(starts) for rel in self.relationships(rel_type, start=start)), key=lambda r: r.key
        )

    def reached_via(self, via: RelType, then: RelType | None = None) -> dict[str, set[str]]:
        """Each node a `via` relationship ends at → the starts of its `via` relationships (each park → the firms
        located in it), or with `then` the ends of their `then` relationships (each park → the segments its firms
        operate in); only nodes that reach something. One read for every place, where a walk per place reads its
        firms once per place."""
        places: dict[str, set[str]] = defaultdict(set)
        for rel in self.relationships(via):
            places[rel.start].add(rel.end)
        reached: dict[str, set[str]] = defaultdict(set)
        if then is None:
            for start, ends in places.items():
                for place in ends:
                    reached[place].add(start)
        else:
            for rel in self.relationships_from(then, places):
                for place in places[rel.start]:
                    reached[place].add(rel.end)
        return dict(reached)

    def properties_of(
        self, label: NodeLabel, keys: Collection[str], **equals: str | bool | int
    ) -> dict[str, dict[str, PropertyValue]]:
        """Node id → just the named properties it has, for every node `nodes` would return: a light read where a
        page needs a few fields of tens of thousands of nodes (the local firms of 100,000), not whole nodes."""
        return {n.id: {k: n.properties[k] for k in keys if k in n.properties} for n in self.nodes(label, **equals)}

    @abstractmethod
    def enterprises_by_keys(
        self, credit_codes: Collection[str], name_keys: Collection[str]
    ) -> tuple[dict[str, Node], dict[str, list[Node]]]:
        """({credit code: enterprise}, {name key: enterprises}) for the given keys, by index, for duplicate checks.

        A name key is the enterprise's `NAME_KEY` property (its name without place and company form), or the key
        in an id an import gave (NAME_ID_PREFIX + key); a key none of these holds is answered by the enterprises
        whose `FULL_NAME_KEY` (the same of its full name, place kept) holds it. A name key answers every enterprise
        holding it, in id order: firms of different places share one (永州市燃气有限公司 and 衡阳市燃气有限公司 are
        both 燃气), and the importer tells them apart by place. Where several enterprises share a credit code, the
        one with the greatest id answers. Never reads every enterprise: an import of a million rows checks them
        against a million enterprises.
        """

    def similar_name_keys(self, name_keys: Collection[str]) -> dict[str, list[str]]:
        """{name key: the enterprises' stored name keys that may be similar to it, sorted} for the import's 名称相近
        check: every stored `NAME_KEY` passing `graph.similar.could_be_similar` against the key (first or last
        character shared as first or last, length within two, enough shared characters), and no other. The
        importer then asks difflib about these few.

        Answered from a character index the store keeps on write (`_name_key_candidates`), never by reading every
        enterprise: the old check read all names and compared each row with every name of its bucket.
        """
        wanted = [key for key in dict.fromkeys(name_keys) if len(key) >= MIN_KEY_LENGTH]
        found = self._name_key_candidates(wanted) if wanted else {}
        return {key: sorted(o for o in found.get(key, ()) if could_be_similar(key, o)) for key in wanted}

    @abstractmethod
    def _name_key_candidates(self, name_keys: list[str]) -> dict[str, set[str]]:
        """For each key (at least MIN_KEY_LENGTH characters), stored name keys including at least every one that
        passes `could_be_similar` (`similar_name_keys` drops the rest), looked up by index."""

    @abstractmethod
    def nodes_without(self, label: NodeLabel, prop: str, or_matching: str | None = None) -> list[Node]:
        """Nodes of a label lacking a property, or (with `or_matching`) whose value is a string the regular expression
        matches whole (in the syntax Python's `re` and Neo4j's `=~` share), ordered by id: what an older chainkg wrote
        before the property existed or was computed as now (enterprises without `NAME_KEY`, or keyed with a place the
        key now drops), so callers can still find them; one label scan, few nodes on current stores."""

    @abstractmethod
    def supply_links(self) -> list[Relationship]:
        """Every SUPPLIES link from a segment to a segment, ordered by key: one read for the supply network."""

    @abstractmethod
    def enterprises_in(self, segment_id: str, locality: str | None = None) -> list[EnterpriseTie]:
        """Enterprises operating in a segment (optionally of one locality) with their OPERATES_IN tie, by id.

        Plain rows rather than Node objects: a target list ranks thousands of them per query.
        """

    def enterprises_in_each(
        self, segment_ids: Collection[str], locality: str | None = None
    ) -> dict[str, list[EnterpriseTie]]:
        """`enterprises_in` for several segments in one read: each given segment that has any → its enterprises (by
        id). A chain's pages list the local firms of its ~70 segments, one round trip each on a server."""
        found = {sid: self.enterprises_in(sid, locality) for sid in sorted(set(segment_ids))}
        return {sid: ties for sid, ties in found.items() if ties}

    @abstractmethod
    def search(self, text: str, labels: list[NodeLabel] | None = None, limit: int = 20) -> list[Node]:
        """Nodes whose name contains `text`: exact names first, then shorter names."""

    @abstractmethod
    def subgraph(self, node_ids: list[str]) -> GraphData:
        """The given nodes and every relationship between two of them."""

    def neighbourhood(self, node_id: str, hops: int = 1, limit: int = 200) -> GraphData:
        """Nodes within `hops` relationships of a node (either direction), at most `limit` nodes.

        Breadth first, neighbours in id order, so both backends keep the same nodes when `limit` cuts.
        """
        if self.get_node(node_id) is None:
            return GraphData()
        seen = {node_id: 0}
        frontier = [node_id]
        for depth in range(1, hops + 1):
            others = self._neighbours(frontier)
            nxt = []
            for nid in frontier:
                for other in others.get(nid, []):
                    if other not in seen and len(seen) < limit:
                        seen[other] = depth
                        nxt.append(other)
            frontier = nxt
        return self.subgraph(list(seen))

    def neighbourhood_size(self, node_id: str, hops: int = 1) -> int:
        """How many nodes `neighbourhood` would hold with no limit (the node itself included), so a page can
        say how many a capped neighbourhood left out; 0 for an unknown node. Counts only, no subgraph read."""
        if self.get_node(node_id) is None:
            return 0
        seen = {node_id}
        frontier = [node_id]
        for _ in range(hops):
            others = self._neighbours(frontier)
            frontier = sorted({other for nid in frontier for other in others.get(nid, [])} - seen)
            seen.update(frontier)
        return len(seen)

    @abstractmethod
    def _neighbours(self, ids: list[str]) -> dict[str, list[str]]:
        """Each given id → the ids one relationship away in either direction, sorted (one call per hop)."""

    @abstractmethod
    def trace(self, segment_id: str, direction: Direction, max_depth: int | None = None) -> dict[str, int]:
        """Segments reachable along SUPPLIES upstream or downstream, with their distance."""

    @abstractmethod
    def shortest_path(self, start: str, end: str) -> list[str] | None:
        """Node ids of a shortest path ignoring direction, or None; among equally short paths the
        one whose id sequence sorts first, so both backends give the same answer."""

    @abstractmethod
    def segment_profiles(self) -> list[SegmentProfile]:
        """Every segment with its chains, plan status, local (and small local) enterprises and downstream reach."""

    def local_firm_counts(
        self,
        groups: Mapping[K, Collection[str]],
        *,
        without: Collection[str] = (),
        dropped: Collection[tuple[str, str]] = (),
    ) -> dict[K, int]:
        """Each group of segment ids → how many distinct local enterprises operate in any of them, exactly (a firm
        tied to two of the segments counts once), leaving out the enterprises `without` (an impact analysis) and
        the (enterprise, segment) ties `dropped` (ties review rejected).

        From bitmasks kept per segment beside the store's own per-segment profiles, so a repeated question costs
        no firm set and a write repacks only the segments it changed.
        """
        return self._firm_masks.counts(self._local_firms(), groups, without, dropped)

    @cached_property
    def _firm_masks(self) -> FirmMasks:
        """Made on first use: the store classes have no common constructor to make it in."""
        return FirmMasks()

    def _local_firms(self) -> Mapping[str, list[str]]:
        """Segment id → its local enterprise ids, as kept by the store (the same list object until a write changes
        the segment); this default reads copies, so every call compares the lists again."""
        return {profile.id: profile.local_enterprises for profile in self.segment_profiles()}

    @abstractmethod
    def segment_aggregates(self) -> dict[str, SegmentAggregate]:
        """Every segment's local firm count, first names, capital sizes and outside candidates by province.

        One pass over the enterprise–segment ties, computed by the backend (never one read per segment).
        """

    @abstractmethod
    def export(self) -> GraphData:
        """Every node and relationship (one chain's part: `queries.structure.chain_export`)."""

    @abstractmethod
    def close(self) -> None:
        """Release connections."""


def find_enterprise(store: GraphStore, enterprise: str) -> Node:
    """An enterprise by id or by exact name; a name two enterprises share is refused, not guessed.

    The one rule for every command that names an enterprise (impact, assign), so they agree on
    which enterprise a name means.
    """
    node = store.get_node(enterprise) or store.get_node(node_id(NodeLabel.ENTERPRISE, enterprise))
    if node is not None and node.label == NodeLabel.ENTERPRISE:
        return node
    hits = [n for n in store.search(enterprise, [NodeLabel.ENTERPRISE], limit=5) if n.name == enterprise]
    if len(hits) > 1:
        raise NotFound(f"有 {len(hits)} 家企业名为“{enterprise}”，请改用企业标识（例如 {hits[0].id}）。")
    if not hits:
        raise NotFound(f"找不到企业“{enterprise}”{did_you_mean(store, enterprise, NodeLabel.ENTERPRISE)}")
    return hits[0]


def similar_names(store: GraphStore, text: str, labels: list[NodeLabel], limit: int = 5) -> list[str]:
    """Names a user may have meant by `text`: those containing it, else the closest spellings (a typo, a
    character left out or added: 电机壳 → 电机外壳), in the order both backends give, without repeats.

    One wrong character in a two-character name (模局 → 模具) scores 0.5, under the usual cutoff of 0.6, so a
    two-character text is held to 0.5."""
    close = list(dict.fromkeys(n.name for n in store.search(text, labels, limit=limit)))
    wanted = text.strip()
    if close or not wanted:
        return close
    names = sorted({name for label in labels for name in store.names(label)})
    cutoff = 0.5 if len(wanted) == 2 else 0.6
    return difflib.get_close_matches(wanted, names, n=limit, cutoff=cutoff)


def did_you_mean(store: GraphStore, text: str, label: NodeLabel) -> str:
    """The end of a not-found message: up to five names the user may have meant, or a plea to check it."""
    close = similar_names(store, text, [label])
    return f"。是否要找：{'、'.join(close)}？" if close else "，请核对名称。"
