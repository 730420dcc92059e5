"""The Neo4j store: the same interface as the embedded store, computed in the database.

Talks to any Neo4j 5 (the server `scripts/neo4j` starts, Aura, or a cluster through a
neo4j:// routing URI) with the official driver. Writes are batched `UNWIND $rows … MERGE`
statements; a write is one transaction unless the caller asks for per-batch commits
(bulk loads), and the driver retries transient errors either way.
"""

from __future__ import annotations

import gc
import threading
import uuid
from collections import Counter, defaultdict
from collections.abc import Callable, Collection, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from itertools import chain, groupby
from typing import Any, Generic, TypeVar

from neo4j import READ_ACCESS, Driver, GraphDatabase, ManagedTransaction, RoutingControl, Session, Transaction
from neo4j.exceptions import AuthError, ClientError, DriverError, Neo4jError, ServiceUnavailable
from neo4j.graph import Node as GraphNode
from neo4j.graph import Relationship as GraphRelationship

from graph import neo4j_cypher as cypher
from graph.cypher_guard import check_read_only
from graph.model import (
    SMALL_CAPITAL_WAN,
    SMALL_SCALES,
    GraphData,
    Node,
    NodeLabel,
    PropertyValue,
    Relationship,
    RelType,
    batched,
    label_of_id,
    node_id,
)
from graph.similar import LENGTH_SLACK, SIMILAR_NAME_RATIO, probe_chars, probe_groups
from graph.store import (
    CONSOLE_ROW_LIMIT,
    HOME_CITY,
    LOCAL_NAMES_KEPT,
    NAME_ID_PREFIX,
    UNKNOWN_PROVINCE,
    Capability,
    ConsoleResult,
    Counts,
    Direction,
    EnterpriseTie,
    GraphStore,
    Progress,
    SegmentAggregate,
    SegmentProfile,
    StoreError,
    SwitchState,
    copy_aggregate,
    copy_profile,
    missing_endpoint,
    scoped_node_write,
    scoped_relationship_write,
)
from graph.vocabulary import Locality

T = TypeVar("T")
V = TypeVar("V")
BATCH_SIZE = 5000
SWITCH_ROWS = 10_000
"""Staged nodes each statement of an import's switch handles: the server never holds every staged node in one
statement's rows, and the progress bar moves."""
SWITCH_PART_ROWS = 50_000
"""Staged nodes one transaction of an import's switch handles (`write_batches`; CHAINKG_SWITCH_PART_ROWS): a
part takes 8–10 KB of transaction memory a row including its commit, at most 456 MB at 50,000 (a million rows
measured), well within the 2.8 GiB limit of a 4 GB heap. An import of at most this many nodes switches in one
transaction."""
_BATCHES = "本次分批写入"
ID_BATCH_SIZE = 50_000
"""Ids looked up in one read."""
BULK_WRITERS = 2
"""Write sessions of a bulk load (`write(atomic=False)`): one commits while the other's batch is sent and run."""
NODES, CREATED, MERGED = 0, 1, 2
"""A bulk load's phases, in order: nodes (a new node together with its relationships to nodes that exist), the
other relationships of nodes it created, other relationships. A phase starts
when the one before has committed (relationships need their nodes). Batches of the first two take no lock another
batch needs and commit BULK_WRITERS at a time; MERGE locks both ends, and every batch meets the same segments and
regions, so MERGED batches commit one by one."""
_LUCENE_CLAUSES = 40
"""Term clauses a similar-name Lucene query may hold to require more than two shared probe characters. Each more
leaves fewer keys to read (at 1,000,000 firms, 6,200 → 2,900 db hits per key) but makes Lucene walk more posting
lists: at 200 clauses 1,600 db hits per key, yet more server CPU than at 40 (`docs/benchmarks.md`, branch nameidx)."""
_SAMPLE_KEYS = 20_000
"""Stored name keys read once per store object to tell common characters from rare ones (`_char_counts`)."""
_INDEX_WAIT_SECONDS = 600
"""How long a similar-name lookup waits for the name-key fulltext index, which a database created before it had
fills in the background once the store first opens."""
CONSOLE_TIMEOUT_SECONDS = 10
CHANGE_LIMIT = 1000
"""A write of more nodes and relationships than this marks every segment changed (cheaper than finding which)."""
PLANNED_ID_LISTS = ([""], ["", ""])
"""Segment id lists, matching no segment, that a store's first full read of its per-segment figures reads with too,
so the server has compiled the statements a later write's re-read sends (`Neo4jStore._kept`). Neo4j 5 keeps a
plan per statement text, parameter types and size class of each list parameter (0, 1, 2–10, 11–100, …): the full
read (`$ids` null) leaves the re-read's plans uncompiled, and after a server start compiling them took 0.5–2 s,
most of the first analysis after a one-firm write. These are the classes of one segment and of two to ten (a
one-firm write names the segments of that firm)."""
_Ties = tuple[str, list[tuple[str, dict[str, PropertyValue]]]]
"""A start node's id and its relationships' (end id, properties)."""
_Group = tuple[RelType, NodeLabel]
"""A relationship type and the label of its end nodes."""
Changes = Callable[[ManagedTransaction], tuple[list[str], bool]]
"""Run in a write transaction before the write: the segment ids whose profiles or aggregates it may change,
and whether it may change every segment's (a supply link or a segment removed: reach changes upstream)."""
EVERY_SEGMENT: Changes = lambda tx: ([], True)  # noqa: E731


@dataclass
class _Kept(Generic[V]):
    """Per-segment answers read at one version (`epoch`, `counter`); later writes' change records say which
    segments to read again."""

    epoch: str | None = None
    counter: int = -1
    values: dict[str, V] | None = None
    lock: threading.Lock = field(default_factory=threading.Lock)


def _without_id(properties: Any) -> dict[str, Any]:
    """A stored node's properties as the model has them: `id` is the node's identity, not a property."""
    props = dict(properties)
    props.pop("id", None)
    return props


def _plain(value: Any) -> Any:
    """Console results as plain data: nodes and relationships become their properties."""
    if isinstance(value, GraphNode):
        return {"labels": sorted(value.labels), **dict(value)}
    if isinstance(value, GraphRelationship):
        return {"type": value.type, **dict(value)}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def _ideograph(char: str) -> bool:
    """A character Lucene's standard tokenizer makes a token of its own (the CJK Unified Ideographs block)."""
    return "\u4e00" <= char <= "\u9fff"


def _lucene_probes(key: str, cost: Callable[[str], int], clauses: int = _LUCENE_CLAUSES) -> str | None:
    """A Lucene query every key that may be similar to `key` matches (`graph.similar.probe_groups`): two of its probe
    characters (a repeated one alone, as it may be shared twice), or where it has too few characters for that, one;
    more where the query stays within `clauses` term clauses (as many as it can). None when the probes are not all
    ideographs (Lucene makes other characters part of longer words)."""
    best: list[tuple[str, ...]] | None = None
    for at_least in range(1, len(key) + 1):
        probes = probe_chars(key, cost, at_least)
        most = clauses if at_least > 2 else len(key) ** 2
        groups = probe_groups(key, probes, at_least, most) if probes else None
        if groups is None or not all(_ideograph(c) for c in probes):
            break
        best = groups
    if best is None:
        return None
    return " ".join(
        f'name_key:"{group[0]}"' if len(group) == 1 else "(" + " ".join(f'+name_key:"{c}"' for c in group) + ")"
        for group in best
    )


def _label(nid: str) -> NodeLabel:
    label = label_of_id(nid)
    if label is None:
        raise StoreError(f"节点标识“{nid}”不以已知标签开头，无法在 Neo4j 中定位。")
    return label


class _Rows(list[Any]):
    """A statement's parameter rows. The driver formats every RUN's parameters with repr() for a debug log line
    before the logger checks its level (neo4j 6.4, `Bolt5x5.run`); for 5,000 rows that cost as much client CPU
    as packing them, so these rows print only how many they are."""

    def __repr__(self) -> str:
        return f"<{len(self)} 行>"


@dataclass
class _Statement:
    """One batched write: the statement, its parameter rows, how many nodes or relationships it writes, and its
    phase in a bulk load: NODES, CREATED or MERGED."""

    query: str
    params: dict[str, _Rows]
    count: int
    phase: int = NODES

    def release(self) -> None:
        """Empty the parameter rows: an open transaction keeps every result, and each result its parameters."""
        for rows in self.params.values():
            rows.clear()


def _statements(data: GraphData, created: Collection[str] = ()) -> list[_Statement]:
    """Every statement of a write, built with Python's cycle collector paused: building a million small rows
    beside a large graph in memory set it off over and over, each pass walking every live object (about two
    thirds of the building time at 100,000 firms). The rows hold no cycles; the collector runs again after."""
    paused = gc.isenabled()
    gc.disable()
    try:
        return list(_write_statements(data, created))
    finally:
        if paused:
            gc.enable()


def _write_statements(
    data: GraphData, created: Collection[str] = (), *, run: str | None = None
) -> Iterator[_Statement]:
    """Nodes by label, then relationships by (type, start label, end label) with each start node's relationships
    in one row (`cypher.upsert_relationships`), about BATCH_SIZE nodes or relationships a statement. A start
    node's relationships keep the order given, so one given twice is merged in that order. The nodes in `created`
    (nodes this write creates) are CREATEd (`cypher.create_nodes`), each once with its properties merged in the
    order given; their relationships come first, each (start, end) once likewise, to be CREATEd
    (`cypher.create_relationships`).

    With `run`, the same write staged for that import run (parameter `$run`): every node, and the start of every
    relationship not among them (without properties), as a staged node (`cypher.staged_nodes`), and the
    relationships from those, to existing nodes or to staged nodes of `data` (`cypher.staged_relationships`)."""
    labels: dict[str, NodeLabel] = {}
    ties: dict[tuple[bool, RelType, NodeLabel, NodeLabel, bool], dict[str, list[Relationship]]] = defaultdict(dict)
    own: dict[str, dict[_Group, list[Relationship]]] = defaultdict(lambda: defaultdict(list))
    ids = data.node_ids()
    for rel in data.relationships:
        start = labels.get(rel.start) or labels.setdefault(rel.start, _label(rel.start))
        end = labels.get(rel.end) or labels.setdefault(rel.end, _label(rel.end))
        if rel.start in created and rel.end not in created:
            own[rel.start][rel.type, end].append(rel)
            continue
        staged_end = run is not None and rel.end in ids
        ties[rel.start not in created, rel.type, start, end, staged_end].setdefault(rel.start, []).append(rel)
    nodes: dict[NodeLabel, list[dict[str, Any]]] = defaultdict(list)
    new: dict[NodeLabel, dict[str, dict[str, PropertyValue]]] = defaultdict(dict)
    for node in data.nodes:
        if node.id not in created:
            nodes[node.label].append({"id": node.id, "props": node.properties})
        elif node.id in new[node.label]:
            new[node.label][node.id] = {**new[node.label][node.id], **node.properties}
        else:
            new[node.label][node.id] = node.properties
    if run is not None:
        for sid in sorted({rel.start for rel in data.relationships} - ids):
            nodes[_label(sid)].append({"id": sid, "props": {}})
    for label, rows in nodes.items():
        query = cypher.upsert_nodes(label) if run is None else cypher.staged_nodes(label)
        for batch in batched(rows, BATCH_SIZE):
            yield _Statement(query, {"rows": _Rows(batch)}, len(batch))
    for label, props in new.items():
        pending: list[tuple[str, dict[str, PropertyValue], dict[_Group, list[Relationship]]]] = []
        count = 0
        for nid, node_props in props.items():
            pending.append((nid, node_props, own.get(nid, {})))
            count += 1 + sum(len(rels) for rels in pending[-1][2].values())
            if count >= BATCH_SIZE:
                yield _created_statement(label, pending, count)
                pending, count = [], 0
        if pending:
            yield _created_statement(label, pending, count)
    for (merged, rel_type, start, end, staged_end), by_start in sorted(ties.items(), key=lambda item: item[0][0]):
        if run is not None:
            query = cypher.staged_relationships(rel_type, None if staged_end else end)
        else:
            query = (cypher.upsert_relationships if merged else cypher.create_relationships)(rel_type, start, end)
        group: list[_Ties] = []
        count = 0
        for start_id, rels in by_start.items():
            group.append((start_id, [(rel.end, rel.properties) for rel in rels] if merged else _once_each(rels)))
            count += len(group[-1][1])
            if count >= BATCH_SIZE:
                yield _ties_statement(query, group, count, MERGED if merged else CREATED)
                group, count = [], 0
        if group:
            yield _ties_statement(query, group, count, MERGED if merged else CREATED)


def _created_statement(
    label: NodeLabel, batch: list[tuple[str, dict[str, PropertyValue], dict[_Group, list[Relationship]]]], count: int
) -> _Statement:
    """Rows `{id, props, t<g>: [[end position, props], …]}` for `cypher.create_nodes`, the g-th group's ends in
    parameter `ends<g>`."""
    groups = sorted({group for _, _, own in batch for group in own})
    ends: list[dict[str, int]] = [{} for _ in groups]
    rows = _Rows()
    for nid, props, own in batch:
        row: dict[str, Any] = {"id": nid, "props": props}
        for g, group in enumerate(groups):
            if group in own:
                row[f"t{g}"] = [[ends[g].setdefault(end, len(ends[g])), p] for end, p in _once_each(own[group])]
        rows.append(row)
    params = {"rows": rows} | {f"ends{g}": _Rows(positions) for g, positions in enumerate(ends)}
    return _Statement(cypher.create_nodes(label, groups), params, count)


def _once_each(rels: list[Relationship]) -> list[tuple[str, dict[str, PropertyValue]]]:
    """One (end, properties) per end: what merging the relationships in the order given leaves (a later
    value replaces an earlier one, a None removes it, as `SET r += props` does)."""
    by_end: dict[str, dict[str, PropertyValue]] = {}
    for rel in rels:
        by_end.setdefault(rel.end, {}).update(rel.properties)
    return list(by_end.items())


def _ties_statement(query: str, group: list[_Ties], count: int, phase: int) -> _Statement:
    """Rows `[start id, [[end position, props], …]]` over the distinct end ids in `ends`."""
    ends: dict[str, int] = {}
    rows = _Rows([start, [[ends.setdefault(end, len(ends)), props] for end, props in ties]] for start, ties in group)
    return _Statement(query, {"rows": rows, "ends": _Rows(ends)}, count, phase)


class Neo4jStore(GraphStore):
    backend = "neo4j"
    capabilities = frozenset({Capability.READ_ONLY_CONSOLE})

    def __init__(
        self,
        uri: str,
        user: str,
        password: str,
        database: str | None = None,
        switch_part_rows: int = SWITCH_PART_ROWS,
    ) -> None:
        self.uri = uri
        self.database = database
        self.switch_part_rows = switch_part_rows
        self._profiles: _Kept[SegmentProfile] = _Kept()
        self._aggregates: _Kept[SegmentAggregate] = _Kept()
        self._sample: Counter[str] | None = None
        try:
            self._driver: Driver = GraphDatabase.driver(uri, auth=(user, password), notifications_min_severity="OFF")
            self._driver.verify_connectivity()
            self._check_version()
            for statement in cypher.schema_statements():
                self._driver.execute_query(statement, database_=database)
        except AuthError as exc:
            raise StoreError(
                f"Neo4j 用户名或密码错误（{uri}，用户 {user}）。请检查 NEO4J_USER / NEO4J_PASSWORD。"
            ) from exc
        except (ServiceUnavailable, OSError) as exc:
            raise StoreError(
                f"无法连接 Neo4j（{uri}）：服务未启动或地址有误。本机可运行 `scripts/neo4j start` 启动，"
                "或改用默认的内置存储（--backend embedded）。"
            ) from exc
        except (ValueError, DriverError) as exc:  # the driver's word for an address or setting it cannot use
            raise StoreError(
                f"Neo4j 地址或连接设置无效（{uri}）：{str(exc).rstrip('.')}。请检查 NEO4J_URI，例如 bolt://127.0.0.1:7687。"
            ) from exc
        except Neo4jError as exc:
            if exc.code == "Neo.ClientError.Database.DatabaseNotFound":
                raise StoreError(
                    f"Neo4j（{uri}）中没有数据库“{database}”：请检查 NEO4J_DATABASE（社区版只有 neo4j），或不设置它。"
                ) from exc
            raise StoreError(f"Neo4j 返回错误：{exc.message}") from exc

    def _check_version(self) -> None:
        records, _, _ = self._driver.execute_query(cypher.SERVER_VERSION, database_=self.database)
        version = next((r["version"] for r in records if r["name"] == "Neo4j Kernel"), "0")
        major = int(str(version).split(".")[0] or 0)
        if major < 5:
            raise StoreError(f"Neo4j 版本 {version} 过旧：chainkg 需要 Neo4j 5 或更新版本。")

    def close(self) -> None:
        self._driver.close()

    # -- helpers ---------------------------------------------------------------------------
    def _read(self, query: str, **params: Any) -> list[Any]:
        try:
            records, _, _ = self._driver.execute_query(
                query, params, routing_=RoutingControl.READ, database_=self.database
            )
        except (ServiceUnavailable, DriverError) as exc:
            raise StoreError(f"与 Neo4j（{self.uri}）的连接中断，请确认服务仍在运行。") from exc
        return records

    @staticmethod
    def _node(record: Any) -> Node:
        return Node(id=record["id"], label=_label(record["id"]), properties=_without_id(record["props"]))

    @staticmethod
    def _rel(rel_type: str, record: Any) -> Relationship:
        return Relationship(
            type=RelType(rel_type), start=record["start"], end=record["end"], properties=dict(record["props"])
        )

    # -- writes ----------------------------------------------------------------------------
    def _in_write(
        self,
        work: Callable[[ManagedTransaction], T],
        action: str,
        changes: Changes,
        *,
        wide: bool = True,
        queue: bool = True,
    ) -> T:
        """Run `work` in one write transaction that also moves the version on and records which segments it
        may change (`changes`, asked before the work) and whether it changes more than their own data (`wide`,
        see `changed_segments`); errors become one Chinese line. The version node is locked from the first
        statement (`queue`: writers wait for each other) or, for a bulk load's batches, from after the work, so
        two batches' work overlaps and only their commits take turns."""

        def run(tx: ManagedTransaction) -> T:
            if queue:
                tx.run(cypher.BUMP_VERSION).consume()
            segments, full = changes(tx)
            result = work(tx)
            if not queue:
                tx.run(cypher.BUMP_VERSION).consume()
            tx.run(cypher.RECORD_CHANGE, segments=segments, full=full, wide=wide).consume()
            return result

        try:
            with self._driver.session(database=self.database) as session:
                return session.execute_write(run)
        except ClientError as exc:
            raise StoreError(f"Neo4j 拒绝了{action}，未做任何修改：{exc.message}") from exc
        except Neo4jError as exc:
            raise StoreError(f"Neo4j 未能完成{action}，未做任何修改：{exc.message}。请稍后重试。") from exc
        except DriverError as exc:
            raise StoreError(f"与 Neo4j（{self.uri}）的连接中断，{action}未完成。请确认服务仍在运行后重试。") from exc

    def version(self) -> str:
        records = self._read(cypher.READ_VERSION)
        return str(records[0]["version"]) if records else ""

    def changed_segments(self, since: str) -> tuple[str, frozenset[str] | None]:
        """From the change records every write leaves (one indexed read): None when `since` is of another
        database (epoch), a record is missing (pruned) or one of them is wide."""
        epoch, _, counter = since.rpartition(":")
        since_counter = int(counter) if counter.isdigit() else -1
        records = self._read(cypher.CHANGES_SINCE, since=since_counter)
        if not records:
            return "", (frozenset() if since == "" else None)
        state = records[0]
        now = f"{state['epoch']}:{state['counter']}"
        if now == since:
            return now, frozenset()
        complete = epoch == state["epoch"] and state["changes"] == state["counter"] - since_counter
        if not complete or state["wide"]:
            return now, None
        return now, frozenset(chain.from_iterable(state["segments"]))

    def write(self, data: GraphData, progress: Progress | None = None, atomic: bool = True) -> None:
        """Upsert `data`; with atomic=False each batch commits on its own (bulk loads), BULK_WRITERS at a time."""
        total = len(data.nodes) + len(data.relationships)
        if atomic:
            statements = _statements(data)
            self._check_endpoints(data)
            work = self._run_statements(statements, total, progress)
            self._in_write(work, "本次写入", self._changes_of(data), wide=_wide(data))
            return
        self._check_endpoints(data)
        statements = _statements(data, self._absent(data))
        done = 0
        with ThreadPoolExecutor(BULK_WRITERS) as pool:
            try:
                for phase, batches in groupby(statements, key=lambda statement: statement.phase):
                    for statement in (map if phase == MERGED else pool.map)(self._write_batch, batches):
                        done += statement.count
                        if progress:
                            progress(done, total)
            except BaseException:
                pool.shutdown(cancel_futures=True)
                raise

    def _write_batch(self, statement: _Statement) -> _Statement:
        """Commit one statement of a bulk load on its own."""
        work = self._run_statements([statement], 0, None)
        self._in_write(work, "这一批写入（此前的批次已提交）", EVERY_SEGMENT, queue=False)
        statement.release()
        return statement

    def _absent(self, data: GraphData) -> set[str]:
        """The nodes of `data` that it creates (not in the database yet)."""
        ids: dict[NodeLabel, list[str]] = defaultdict(list)
        for nid in dict.fromkeys(node.id for node in data.nodes):
            ids[_label(nid)].append(nid)
        absent: set[str] = set()
        for label, given in ids.items():
            for batch in batched(given, ID_BATCH_SIZE):
                absent.update(set(batch) - set(self._read(cypher.existing_ids(label), ids=batch)[0]["ids"]))
        return absent

    def write_batches(self, batches: Iterable[GraphData], progress: Progress | None = None) -> None:
        """Stage every batch, each in a transaction of its own, then make them all visible by a switch: all or
        nothing with the server's memory bounded by a part of the switch, not by the import.

        Staged nodes carry the label ImportStaging and this run's mark instead of their own label, so no query
        of the store sees them (`cypher.STAGING`); their ties are written in place. The switch gives updated
        nodes their staged properties and ties, and swaps the label of new ones (`cypher.switch_staged`),
        SWITCH_ROWS at a time, each statement reading only the nodes it switches (`_switch_rows`), telling
        `progress` how many of the staged nodes are switched. Up to `switch_part_rows` staged nodes switch in one
        transaction (`_switch`: perfect isolation).
        More switch in parts (`_switch_in_parts`): a switch record written when every batch is staged is the
        commit point, each part then switches up to `switch_part_rows` nodes in a transaction of its own, and
        the last part removes the record; readers see some of the rows in between, never a row half-switched.
        No schema change on the way (`cypher.STAGING_INDEX` stays): a schema change empties the server's query plan
        cache, so every import recompiled its switch (2.5–3 s of server CPU) and, after it, every statement run next.
        Before the commit point, a failure in any batch or in the switch, or an exception from
        the iterable, removes this run's staged nodes; a killed client leaves them invisible, and the next import
        removes every staged node of a run without a switch record before it starts (an import still staging at
        that moment then fails at its switch, changing nothing). After it, a failure leaves the record: the next
        import (`finish_switch`, first) or `chainkg import resume` switches the rest.

        Not `execute_write` for the switch: the driver would retry it by running it again after a timeout.
        """
        self.finish_switch()
        run = uuid.uuid4().hex
        committed = False
        try:
            with self._driver.session(database=self.database) as session:
                for query in cypher.CLEAR_STAGED:
                    session.run(query, run=None).consume()
                staged = sum(self._stage(session, data, run) for data in batches)
                if staged <= self.switch_part_rows:
                    self._switch(session, run, staged, progress)
                else:
                    committed = self._begin_switch(session, run, staged)
                    self._switch_in_parts(session, progress)
        except BaseException as exc:
            if committed:
                raise self._unfinished_error(exc) from exc
            self._clear_staged(run)
            if isinstance(exc, Neo4jError):
                raise _batches_error(exc) from exc
            if isinstance(exc, DriverError):
                raise StoreError(
                    f"与 Neo4j（{self.uri}）的连接中断，{_BATCHES}未生效，未做任何修改。请确认服务仍在运行后重试。"
                ) from exc
            raise

    def _stage(self, session: Session, data: GraphData, run: str) -> int:
        """Write one batch as staged nodes in a transaction of its own; how many staged nodes it created."""
        self._check_endpoints(data)
        statements = list(_write_statements(data, run=run))

        def work(tx: ManagedTransaction) -> int:
            return sum(tx.run(s.query, s.params, run=run).consume().counters.nodes_created for s in statements)

        return session.execute_write(work)

    @staticmethod
    def _switch(session: Session, run: str, staged: int, progress: Progress | None) -> None:
        """One transaction: every staged node of `run` merged into its existing node or made real; refused if
        they are not all there (another import removed them)."""
        with session.begin_transaction() as tx:
            tx.run(cypher.BUMP_VERSION).consume()
            switched = _switch_rows(tx, run, staged, lambda done: progress and progress(done, staged))
            if switched != staged:
                raise _removed_error(staged, switched)
            tx.run(cypher.RECORD_CHANGE, segments=[], full=True, wide=True).consume()
            tx.commit()

    @staticmethod
    def _begin_switch(session: Session, run: str, staged: int) -> bool:
        """The commit point of a parted switch: the switch record of `run`, written if every staged node is
        there and no other import is switching; the version moves on, so no cached answer outlives it."""
        with session.begin_transaction() as tx:
            tx.run(cypher.BUMP_VERSION).consume()
            if tx.run(cypher.SWITCH_STATE).single(strict=True)["run"] is not None:
                raise StoreError(
                    f"另一次导入正在生效（尚未完成），{_BATCHES}未生效，未做任何修改：请等它完成"
                    "（或运行 `chainkg import resume`）后重新导入。"
                )
            found = tx.run(cypher.STAGED_COUNT, run=run).single(strict=True)["count"]
            if found != staged:
                raise _removed_error(staged, found)
            tx.run(cypher.BEGIN_SWITCH, run=run, staged=staged).consume()
            tx.run(cypher.RECORD_CHANGE, segments=[], full=True, wide=True).consume()
            tx.commit()
        return True

    def _switch_in_parts(self, session: Session, progress: Progress | None) -> None:
        """Switch parts until the switch record is gone (another client may be switching the same run)."""
        while self._switch_part(session, progress):
            pass

    def _switch_part(self, session: Session, progress: Progress | None) -> bool:
        """One transaction switching up to `switch_part_rows` staged nodes of the recorded run (`_switch_rows`:
        it reads only the nodes it switches). The part that finds fewer left than it may take removes the record;
        False once there is none."""
        with session.begin_transaction() as tx:
            tx.run(cypher.BUMP_VERSION).consume()
            record = tx.run(cypher.SWITCH_STATE).single(strict=True)
            run = record["run"]
            if run is None:
                return False
            before, staged = record["done"], record["staged"]

            def switched(done: int) -> None:
                if progress:
                    progress(min(before + done, staged), staged)

            done = _switch_rows(tx, run, self.switch_part_rows, switched)
            last = done < self.switch_part_rows
            tx.run(cypher.END_SWITCH if last else cypher.SWITCH_PART_DONE, run=run, done=done).consume()
            tx.run(cypher.RECORD_CHANGE, segments=[], full=True, wide=True).consume()
            tx.commit()
        return not last

    def pending_switch(self) -> SwitchState | None:
        record = self._read(cypher.SWITCH_STATE)[0]
        if record["run"] is None:
            return None
        return SwitchState(done=record["done"], staged=record["staged"], started=record["started"])

    def finish_switch(self, progress: Progress | None = None) -> bool:
        try:
            with self._driver.session(database=self.database) as session:
                return self._finish_switch(session, progress)
        except (Neo4jError, DriverError) as exc:
            raise self._unfinished_error(exc) from exc

    def _finish_switch(self, session: Session, progress: Progress | None) -> bool:
        """Switch the rest of an import past its commit point (its client stopped); whether there was one."""
        if session.run(cypher.SWITCH_STATE).single(strict=True)["run"] is None:
            return False
        self._switch_in_parts(session, progress)
        return True

    def _unfinished_error(self, exc: BaseException) -> StoreError:
        """What to say when a parted switch stops after its commit point: the import is kept and will finish."""
        try:
            state = self.pending_switch()
        except StoreError:
            state = None
        where = f"（已生效 {state.done:,} / {state.staged:,} 个节点）" if state else ""
        memory = isinstance(exc, Neo4jError) and "MemoryPoolOutOfMemoryError" in (exc.code or "")
        hint = "；若是内存不够，请调小 CHAINKG_SWITCH_PART_ROWS 或调大 Neo4j 的堆内存后再运行" if memory else ""
        reason = exc.message if isinstance(exc, Neo4jError) else str(exc) or type(exc).__name__
        return StoreError(
            f"导入已确认，但分段生效在中途停止{where}：{reason}。已暂存的数据不会丢失，也不会被清理："
            f"运行 `chainkg import resume`{hint}，或下一次导入开始时会先完成其余部分。"
            "在此之前，查询和页面看到的是部分已生效的数据。"
        )

    def _clear_staged(self, run: str) -> None:
        """Remove what this run staged. If the server cannot be reached the staged nodes stay, invisible, and the
        next import removes them, so this failing is not reported over the error that brought us here."""
        for query in cypher.CLEAR_STAGED:
            self._quietly(query, run=run)

    def _quietly(self, query: str, **params: Any) -> None:
        """Run upkeep that the next import or store opened redoes: its failure is not reported over the outcome
        of the import it follows."""
        try:
            with self._driver.session(database=self.database) as session:
                session.run(query, params).consume()
        except (Neo4jError, DriverError):
            return

    @staticmethod
    def _changes_of(data: GraphData) -> Changes:
        """The segments an upsert of `data` may change: its segments, the segments of its enterprises and
        chains, the ends of its OPERATES_IN ties and the starts of its BELONGS_TO links."""

        def changes(tx: ManagedTransaction) -> tuple[list[str], bool]:
            rels = data.relationships
            if len(data.nodes) + len(rels) > CHANGE_LIMIT or any(r.type == RelType.SUPPLIES for r in rels):
                return [], True
            touched = {node.id for node in data.nodes if node.label == NodeLabel.SEGMENT}
            touched |= {r.end for r in rels if r.type == RelType.OPERATES_IN}
            touched |= {r.start for r in rels if r.type == RelType.BELONGS_TO}
            located = [r.start for r in rels if r.type == RelType.LOCATED_IN]
            return sorted(touched | _segments_of(tx, [node.id for node in data.nodes] + located)), False

        return changes

    @staticmethod
    def _run_statements(
        statements: list[_Statement], total: int, progress: Progress | None
    ) -> Callable[[ManagedTransaction], None]:
        def work(tx: ManagedTransaction) -> None:
            done = 0
            for statement in statements:
                tx.run(statement.query, statement.params).consume()
                done += statement.count
                if progress:
                    progress(done, total)

        return work

    def replace_all(self, data: GraphData, progress: Progress | None = None) -> None:
        """Delete everything and write `data` in one transaction: a killed load leaves the old graph or the new."""
        missing = missing_endpoint(data, data.node_ids().__contains__)
        if missing:
            raise StoreError(f"关系 {missing[0]} 的端点 {missing[1]} 不存在，存储未做任何修改。")
        statements = _statements(data)
        write_all = self._run_statements(statements, len(data.nodes) + len(data.relationships), progress)

        def work(tx: ManagedTransaction) -> None:
            tx.run(cypher.DELETE_ALL).consume()
            write_all(tx)

        self._in_write(work, "整体替换", EVERY_SEGMENT)

    def _check_endpoints(self, data: GraphData) -> None:
        """Refuse, before writing anything, relationships whose endpoints exist nowhere."""
        incoming = data.node_ids()
        wanted: dict[NodeLabel, set[str]] = defaultdict(set)
        for rel in data.relationships:
            for end in (rel.start, rel.end):
                if end not in incoming:
                    wanted[_label(end)].add(end)
        for label, ids in wanted.items():
            found = set(self._read(cypher.existing_ids(label), ids=sorted(ids))[0]["ids"])
            missing = sorted(ids - found)
            if missing:
                raise StoreError(f"关系的端点 {missing[0]} 不存在，本次写入未做任何修改。")

    def delete_nodes(self, node_ids: list[str]) -> None:
        by_label: dict[NodeLabel, list[str]] = defaultdict(list)
        for nid in node_ids:
            by_label[_label(nid)].append(nid)

        def work(tx: ManagedTransaction) -> None:
            for label, ids in by_label.items():
                tx.run(cypher.delete_nodes(label), ids=ids).consume()

        def changes(tx: ManagedTransaction) -> tuple[list[str], bool]:
            if NodeLabel.SEGMENT in by_label:
                return [], True
            return sorted(_segments_of(tx, node_ids)), False

        wide = not all(scoped_node_write(label) for label in by_label)
        self._in_write(work, "删除节点", changes, wide=wide)

    def delete_relationship(self, rel_type: RelType, start: str, end: str) -> bool:
        query = cypher.delete_relationship(rel_type, _label(start), _label(end))

        def work(tx: ManagedTransaction) -> bool:
            return bool(tx.run(query, start=start, end=end).single(strict=True)["deleted"])

        touched = {RelType.OPERATES_IN: [end], RelType.BELONGS_TO: [start]}.get(rel_type, [])
        full = rel_type == RelType.SUPPLIES

        def changes(tx: ManagedTransaction) -> tuple[list[str], bool]:
            located = sorted(_segments_of(tx, [start])) if rel_type == RelType.LOCATED_IN else []
            return touched + located, full

        wide = not scoped_relationship_write(rel_type, start)
        return self._in_write(work, "删除关系", changes, wide=wide)

    def clear(self) -> None:
        """Delete in batches (a huge graph need not fit one transaction); `replace_all` is the atomic way."""
        try:
            with self._driver.session(database=self.database) as session:
                session.run(cypher.CLEAR_RELATIONSHIPS).consume()
                session.run(cypher.CLEAR).consume()
        except Neo4jError as exc:
            raise StoreError(f"Neo4j 未能清空数据（可能已删除一部分）：{exc.message}。请重试。") from exc
        except DriverError as exc:
            raise StoreError(f"与 Neo4j（{self.uri}）的连接中断，清空未完成（可能已删除一部分）。请重试。") from exc
        self._in_write(lambda tx: None, "清空", EVERY_SEGMENT)

    # -- reads -----------------------------------------------------------------------------
    def counts(self) -> Counts:
        nodes = {label.value: self._read(cypher.count_nodes(label))[0]["count"] for label in NodeLabel}
        rels = {t.value: self._read(cypher.count_relationships(t))[0]["count"] for t in RelType}
        return Counts(nodes={k: v for k, v in nodes.items() if v}, relationships={k: v for k, v in rels.items() if v})

    def get_node(self, node_id: str) -> Node | None:
        label = label_of_id(node_id)
        if label is None:
            return None
        records = self._read(cypher.get_node(label), id=node_id)
        return self._node(records[0]) if records else None

    def nodes(self, label: NodeLabel, **equals: str | bool | int) -> list[Node]:
        records = self._read(cypher.nodes_where(label, list(equals)), **cypher.equal_params(equals))
        return [self._node(r) for r in records]

    def names(self, label: NodeLabel, **equals: str | bool | int) -> list[str]:
        records = self._read(cypher.names_where(label, list(equals)), **cypher.equal_params(equals))
        return [str(r["name"]) for r in records if r["name"] is not None]

    def names_among(self, label: NodeLabel, names: Collection[str], **equals: str | bool | int) -> set[str]:
        query = cypher.names_among(label, list(equals))
        return {str(r["name"]) for r in self._read(query, names=sorted(set(names)), **cypher.equal_params(equals))}

    def relationships(
        self, rel_type: RelType, start: str | None = None, end: str | None = None, **equals: str | bool | int
    ) -> list[Relationship]:
        start_label = label_of_id(start) if start else None
        end_label = label_of_id(end) if end else None
        if (start and start_label is None) or (end and end_label is None):
            return []
        query = cypher.relationships(rel_type, start_label, end_label, list(equals))
        records = self._read(query, start=start, end=end, **cypher.equal_params(equals))
        return [self._rel(rel_type.value, r) for r in records]

    def relationships_from(self, rel_type: RelType, starts: Collection[str]) -> list[Relationship]:
        by_label: dict[NodeLabel, list[str]] = defaultdict(list)
        for nid in sorted(set(starts)):
            label = label_of_id(nid)
            if label is not None:
                by_label[label].append(nid)
        found = [
            self._rel(rel_type.value, r)
            for label, ids in by_label.items()
            for r in self._read(cypher.relationships_from(rel_type, label), ids=ids)
        ]
        return sorted(found, key=lambda r: r.key)

    def reached_via(self, via: RelType, then: RelType | None = None) -> dict[str, set[str]]:
        """One statement, aggregated on the server: a place's firms and their ties never travel one row each."""
        return {str(r["id"]): set(r["ends"]) for r in self._read(cypher.reached_via(via, then))}

    def properties_of(
        self, label: NodeLabel, keys: Collection[str], **equals: str | bool | int
    ) -> dict[str, dict[str, PropertyValue]]:
        wanted = list(keys)
        query = cypher.properties_where(label, list(equals))
        (record,) = self._read(query, wanted=wanted, **cypher.equal_params(equals))
        return {
            nid: {k: v for k, v in zip(wanted, values, strict=True) if v is not None} for nid, values in record["rows"]
        }

    def enterprises_by_keys(
        self, credit_codes: Collection[str], name_keys: Collection[str]
    ) -> tuple[dict[str, Node], dict[str, list[Node]]]:
        records = self._read(cypher.ENTERPRISES_BY_CODE, keys=sorted(set(credit_codes))) if credit_codes else []
        by_code = {str(r["key"]): self._node(r) for r in records}
        by_name: dict[str, list[Node]] = defaultdict(list)
        if name_keys:
            for r in self._read(
                cypher.ENTERPRISES_BY_NAME_KEY, keys=sorted(set(name_keys)), name_id_prefix=NAME_ID_PREFIX
            ):
                by_name[str(r["key"])].append(self._node(r))
        unnamed = sorted(set(name_keys) - set(by_name))
        if unnamed:
            for r in self._read(cypher.ENTERPRISES_BY_FULL_NAME_KEY, keys=unnamed):
                by_name[str(r["key"])].append(self._node(r))
        return by_code, dict(by_name)

    def _name_key_candidates(self, name_keys: list[str]) -> dict[str, set[str]]:
        """One Lucene lookup per end character of each key (`char_lookups`), filtered on the server by length, ends
        and the shared-character bound; keys with too few ideographs read their two end buckets from the name-key
        index instead."""
        lookups, by_ends = self.char_lookups(name_keys)
        found: dict[str, set[str]] = defaultdict(set)
        if lookups:
            self._read(cypher.AWAIT_NAME_KEY_CHARS, seconds=_INDEX_WAIT_SECONDS)
            params = {"lookups": lookups, "slack": LENGTH_SLACK, "ratio": SIMILAR_NAME_RATIO}
            for record in self._read(cypher.NAME_KEYS_BY_CHARS, **params):
                found[record["key"]].update(record["others"])
        if by_ends:
            for record in self._read(cypher.NAME_KEYS_BY_ENDS, keys=by_ends, slack=LENGTH_SLACK):
                found[record["key"]].update(record["others"])
        return dict(found)

    def char_lookups(
        self, name_keys: list[str], clauses: int = _LUCENE_CLAUSES
    ) -> tuple[list[dict[str, Any]], list[str]]:
        """The `NAME_KEYS_BY_CHARS` lookups of the keys — per end character, keys holding that end character where
        it is an ideograph and two or more of the key's rarest ideographs (`_lucene_probes` within `clauses`; rarity
        estimated from a sample of stored keys) — and the keys that cannot be looked up by character (`char_lookups`
        is public for the benchmark that compares clause budgets)."""
        common = self._char_counts()
        lookups: list[dict[str, Any]] = []
        by_ends: list[str] = []
        for key in name_keys:
            anyof = _lucene_probes(key, lambda c: common.get(c, 0) if _ideograph(c) else _SAMPLE_KEYS + 1, clauses)
            if anyof is None:
                by_ends.append(key)
                continue
            ends = list(dict.fromkeys((key[0], key[-1])))
            counts = [[char, count] for char, count in Counter(key).items()]
            for end in ends:
                query = f'+name_key:"{end}" +({anyof})' if _ideograph(end) else anyof
                lookups.append({"key": key, "ends": ends, "query": query, "counts": counts})
        return lookups, by_ends

    def _char_counts(self) -> Counter[str]:
        """How many of a sample of stored name keys (at most _SAMPLE_KEYS, read once per store object) contain each
        character: which of a key's characters are rare, so that its Lucene lookup reads few keys."""
        if self._sample is None:
            records = self._read(cypher.NAME_KEY_SAMPLE, limit=_SAMPLE_KEYS)
            self._sample = Counter(char for r in records for char in set(str(r["key"])))
        return self._sample

    def nodes_without(self, label: NodeLabel, prop: str, or_matching: str | None = None) -> list[Node]:
        return [self._node(r) for r in self._read(cypher.nodes_without(label), prop=prop, pattern=or_matching)]

    def supply_links(self) -> list[Relationship]:
        return [self._rel(RelType.SUPPLIES.value, r) for r in self._read(cypher.SUPPLY_LINKS)]

    def enterprises_in(self, segment_id: str, locality: str | None = None) -> list[EnterpriseTie]:
        records = self._read(cypher.ENTERPRISES_IN, id=segment_id, locality=locality)
        return [EnterpriseTie(r["id"], _without_id(r["props"]), dict(r["rel_props"])) for r in records]

    def enterprises_in_each(
        self, segment_ids: Collection[str], locality: str | None = None
    ) -> dict[str, list[EnterpriseTie]]:
        """One statement, a row per segment: 70 segments' firms no longer take 70 round trips."""
        records = self._read(cypher.ENTERPRISES_IN_EACH, ids=sorted(set(segment_ids)), locality=locality)
        return {
            str(r["id"]): [EnterpriseTie(eid, _without_id(props), dict(tie)) for eid, props, tie in r["ties"]]
            for r in sorted(records, key=lambda r: r["id"])
        }

    def search(self, text: str, labels: list[NodeLabel] | None = None, limit: int = 20) -> list[Node]:
        text = text.strip()
        if not text:
            return []
        hits = []
        for label in labels or list(NodeLabel):
            for r in self._read(cypher.search(label), text=text, limit=limit):
                hits.append((r["inexact"], r["length"], r["id"], r))
        return [self._node(r) for *_, r in sorted(hits, key=lambda h: h[:3])[:limit]]

    def subgraph(self, node_ids: list[str]) -> GraphData:
        by_label: dict[NodeLabel, list[str]] = defaultdict(list)
        for nid in sorted(set(node_ids)):
            label = label_of_id(nid)
            if label is not None:
                by_label[label].append(nid)
        nodes, rels = [], []
        present: list[str] = []
        for label, ids in by_label.items():
            for r in self._read(cypher.nodes_by_ids(label), ids=ids):
                nodes.append(self._node(r))
                present.append(r["id"])
        for label, ids in by_label.items():
            for r in self._read(cypher.relationships_among(label), ids=ids, all=present):
                rels.append(self._rel(r["type"], r))
        return GraphData(nodes=sorted(nodes, key=lambda n: n.id), relationships=sorted(rels, key=lambda r: r.key))

    def _neighbours(self, ids: list[str]) -> dict[str, list[str]]:
        by_label: dict[NodeLabel, list[str]] = defaultdict(list)
        for nid in ids:
            by_label[_label(nid)].append(nid)
        found: dict[str, list[str]] = {}
        for label, group in by_label.items():
            for r in self._read(cypher.neighbours(label), ids=group):
                found[r["id"]] = sorted(r["others"])
        return found

    def trace(self, segment_id: str, direction: Direction, max_depth: int | None = None) -> dict[str, int]:
        records = self._read(cypher.trace(direction, max_depth), id=segment_id)
        return {r["id"]: r["depth"] for r in records}

    def shortest_path(self, start: str, end: str) -> list[str] | None:
        start_label, end_label = label_of_id(start), label_of_id(end)
        if start_label is None or end_label is None:
            return None
        if start == end:
            return [start] if self.get_node(start) else None
        records = self._read(cypher.all_shortest_paths(start_label, end_label), start=start, end=end)
        return min((list(r["ids"]) for r in records), default=None)

    def segment_profiles(self) -> list[SegmentProfile]:
        """Kept per segment: after a write only the segments it recorded as changed are read again; copies."""
        profiles = self._kept(self._profiles, self._read_profiles)
        return [copy_profile(profiles[sid]) for sid in sorted(profiles)]

    def _local_firms(self) -> dict[str, list[str]]:
        """The kept profiles' own lists (no copies): a segment's list is a new object only once a write changed it."""
        profiles = self._kept(self._profiles, self._read_profiles)
        return {sid: profile.local_enterprises for sid, profile in profiles.items()}

    def segment_aggregates(self) -> dict[str, SegmentAggregate]:
        """Kept per segment like the profiles; copies."""
        aggregates = self._kept(self._aggregates, self._read_aggregates)
        return {sid: copy_aggregate(aggregates[sid]) for sid in sorted(aggregates)}

    def _kept(self, kept: _Kept[V], read: Callable[[list[str] | None], dict[str, V]]) -> dict[str, V]:
        """`kept` brought up to the database's version: every segment read again when it was never read, the
        database was replaced (a new epoch) or a change record is missing (pruned, or written by a chainkg
        without them); otherwise only the segments the writes since recorded (`read(ids)`).

        The version is read before the segments, so a write landing in between is read again next time. The first
        full read also reads PLANNED_ID_LISTS, so the first re-read after a write finds its plans compiled.
        """
        with kept.lock:
            records = self._read(cypher.CHANGES_SINCE, since=kept.counter)
            if not records:  # never written: nothing to keep a version of
                return read(None)
            state = records[0]
            counter = state["counter"]
            complete = state["changes"] == counter - kept.counter and not state["full"]
            if kept.values is None:
                kept.values = read(None)
                for ids in PLANNED_ID_LISTS:
                    read(ids)
            elif state["epoch"] != kept.epoch or not complete:
                kept.values = read(None)
            elif counter != kept.counter:
                changed = sorted(set(chain.from_iterable(state["segments"])))
                values = {sid: value for sid, value in kept.values.items() if sid not in changed}
                kept.values = {**values, **(read(changed) if changed else {})}
            kept.epoch, kept.counter = state["epoch"], counter
            return kept.values

    def _read_profiles(self, ids: list[str] | None) -> dict[str, SegmentProfile]:
        """Every segment's profile (ids None), or the given segments': two reads, the segments and their local
        firms (for every segment from the locality index, for a few from the segments)."""
        records = self._read(cypher.SEGMENT_PROFILES, ids=ids)
        local = {
            r["id"]: r
            for r in self._read(
                cypher.LOCAL_TIES_ALL if ids is None else cypher.LOCAL_TIES_OF,
                ids=ids,
                local=Locality.LOCAL.value,
                small_scales=list(SMALL_SCALES),
                small_capital=SMALL_CAPITAL_WAN,
            )
        }
        none: dict[str, list[str]] = {"local": [], "small": []}
        return {
            r["id"]: SegmentProfile(
                id=r["id"],
                name=r["name"],
                stage=r["stage"] or "",
                chains=sorted(r["chains"]),
                plan_status=r["plan_status"],
                evidence=list(r["evidence"] or []),
                status_evidence=list(r["status_evidence"] or []),
                local_enterprises=sorted(set(local.get(r["id"], none)["local"])),
                small_enterprises=sorted(set(local.get(r["id"], none)["small"])),
                downstream=sorted(r["downstream"]),
            )
            for r in records
        }

    def _read_aggregates(self, ids: list[str] | None) -> dict[str, SegmentAggregate]:
        """Every segment's aggregate (ids None), or the given segments': rows per segment whose capital and
        province groups are added up here."""
        names: dict[str, list[str]] = defaultdict(list)
        firms: Counter[str] = Counter()
        capitals: dict[str, Counter[float]] = defaultdict(Counter)
        substitutes: dict[str, Counter[str]] = defaultdict(Counter)
        records = self._read(
            cypher.SEGMENT_AGGREGATES_ALL if ids is None else cypher.SEGMENT_AGGREGATES,
            ids=ids,
            local=Locality.LOCAL.value,
            candidate=Locality.CANDIDATE.value,
            home_city=HOME_CITY,
            unknown_province=UNKNOWN_PROVINCE,
            names_kept=LOCAL_NAMES_KEPT,
        )
        for r in records:
            sid = r["id"]
            for capital, count, first in r["local"]:
                firms[sid] += count
                names[sid].extend(first)
                if isinstance(capital, int | float) and not isinstance(capital, bool) and capital > 0:
                    capitals[sid][float(capital)] += count
            for province, count in r["substitutes"]:
                substitutes[sid][province] += count
        return {
            sid: SegmentAggregate(
                id=sid,
                local=firms[sid],
                local_names=sorted(names[sid])[:LOCAL_NAMES_KEPT],
                local_capitals=dict(capitals[sid]),
                substitutes=dict(substitutes[sid]),
            )
            for sid in {r["id"] for r in records}
        }

    def read_only_query(self, query: str, limit: int = CONSOLE_ROW_LIMIT) -> ConsoleResult:
        """Run console Cypher once: refused if it could write, else one READ transaction with a timeout.

        An explicit transaction, not `execute_read`: the driver would retry a memory-limit error
        (transient) for half a minute past the timeout, and a console user wants the answer now.
        The transaction is rolled back, never committed; one row past the limit tells whether
        the result was cut.
        """
        check_read_only(query)
        try:
            with self._driver.session(database=self.database, default_access_mode=READ_ACCESS) as session:
                tx = session.begin_transaction(timeout=CONSOLE_TIMEOUT_SECONDS)
                try:
                    records = tx.run(query).fetch(limit + 1)
                finally:
                    tx.close()
        except Neo4jError as exc:
            code = exc.code or ""
            if "TransactionTimedOut" in code:
                raise StoreError(
                    f"查询超过 {CONSOLE_TIMEOUT_SECONDS} 秒未完成，已停止。请加 LIMIT 或更具体的条件后重试。"
                ) from exc
            if "Memory" in code:
                raise StoreError("查询所需内存超过数据库的限制，已停止。请加 LIMIT 或更具体的条件后重试。") from exc
            raise StoreError(f"查询未执行：{exc.message}") from exc
        except DriverError as exc:
            raise StoreError(f"与 Neo4j（{self.uri}）的连接中断，查询未执行。") from exc
        rows = [
            {key: _plain(value) for key, value in zip(record.keys(), record.values(), strict=True)}
            for record in records[:limit]
        ]
        return ConsoleResult(rows=rows, truncated=len(records) > limit)

    def export(self) -> GraphData:
        nodes = [self._node(r) for r in self._read(cypher.EXPORT_NODES)]
        rels = [self._rel(r["type"], r) for r in self._read(cypher.EXPORT_RELATIONSHIPS)]
        return GraphData(nodes=sorted(nodes, key=lambda n: n.id), relationships=sorted(rels, key=lambda r: r.key))


STAGED_PREFIXES = [node_id(label, "") for label in NodeLabel]
"""The id prefix of every label, in NodeLabel order (`cypher.switch_staged`'s `$prefixes`)."""


def _switch_rows(tx: Transaction, run: str, most: int, switched: Callable[[int], object]) -> int:
    """Switch up to `most` staged nodes of `run` in `tx`, SWITCH_ROWS a statement, those staged as updates first
    (`cypher.STAGED_UPDATE`); how many. Each statement takes the next nodes a label scan finds and touches no
    other, so the work of a part does not grow with the nodes still staged. `switched` hears the count so far."""
    done = 0
    for scan in (cypher.STAGED_UPDATE, cypher.STAGING):
        query = cypher.switch_staged(scan)
        while done < most:
            limit = min(SWITCH_ROWS, most - done)
            found = tx.run(query, run=run, limit=limit, prefixes=STAGED_PREFIXES).single(strict=True)["done"]
            done += found
            if found:
                switched(done)
            if found < limit:
                break
    return done


def _batches_error(exc: Neo4jError) -> StoreError:
    if exc.code and "MemoryPoolOutOfMemoryError" in exc.code:
        return StoreError(
            f"Neo4j 的事务内存不够容纳{_BATCHES}的切换（{exc.message}），已回滚，未做任何修改："
            "请调大 Neo4j 的堆内存（CHAINKG_NEO4J_HEAP）和 dbms.memory.transaction.total.max，"
            "或把文件分成几份导入。"
        )
    return StoreError(f"Neo4j 未能完成{_BATCHES}，已回滚，未做任何修改：{exc.message}")


def _removed_error(staged: int, found: int) -> StoreError:
    return StoreError(
        f"暂存的 {staged} 个节点只剩 {found} 个（另一次导入在此期间清理了暂存数据），"
        f"{_BATCHES}未生效，未做任何修改：请重新导入。"
    )


def _wide(data: GraphData) -> bool:
    """Whether an upsert of `data` may change more than its segments' own data (`changed_segments`)."""
    return not (
        all(scoped_node_write(node.label) for node in data.nodes)
        and all(scoped_relationship_write(rel.type, rel.start) for rel in data.relationships)
    )


def _segments_of(tx: ManagedTransaction, node_ids: Iterable[str]) -> set[str]:
    """The segments the given enterprises operate in and the segments of the given chains."""
    enterprises = [nid for nid in node_ids if label_of_id(nid) == NodeLabel.ENTERPRISE]
    chains = [nid for nid in node_ids if label_of_id(nid) == NodeLabel.CHAIN]
    found = set()
    for query, ids in ((cypher.SEGMENTS_OF_ENTERPRISES, enterprises), (cypher.SEGMENTS_OF_CHAINS, chains)):
        if ids:
            found |= {r["id"] for r in tx.run(query, ids=ids)}
    return found
