"""Every Cypher statement the Neo4j store runs, in one place.

Values always travel as parameters. The only names formatted into the text are labels
and relationship types, and those come from the NodeLabel / RelType whitelists (the
functions below accept nothing else), the indexed property names of INDEXED_PROPERTIES,
or integers already cast with int().
"""

from __future__ import annotations

from collections.abc import Mapping

from graph.model import NodeLabel, RelType


def _label(label: NodeLabel) -> str:
    return NodeLabel(label).value


def _type(rel_type: RelType) -> str:
    return RelType(rel_type).value


META = "ChainkgMeta"
"""The label of the one bookkeeping node (the write version); not a NodeLabel, so no query of the graph sees it."""

BUMP_VERSION = (
    f"MERGE (m:{META} {{id: 'version'}}) ON CREATE SET m.epoch = randomUUID(), m.counter = 0 "
    "SET m.counter = m.counter + 1"
)
"""Run first in every write transaction: the version changes with the write, and writers queue on the node's lock."""

READ_VERSION = f"MATCH (m:{META} {{id: 'version'}}) RETURN m.epoch + ':' + toString(m.counter) AS version"

CHANGES_KEPT = 1000
"""How many writes' change records are kept: a reader further behind than this recomputes every segment."""

RECORD_CHANGE = f"""
MATCH (m:{META} {{id: 'version'}})
MERGE (c:{META} {{id: 'change:' + toString(m.counter)}})
SET c.counter = m.counter, c.segments = $segments, c.full = $full, c.wide = $full OR $wide
WITH m
MATCH (old:{META}) WHERE old.counter <= m.counter - {CHANGES_KEPT} AND old.id STARTS WITH 'change:'
DELETE old
"""
"""Run last in every write transaction: which segments' profiles and aggregates the write may change
(`full`: all of them), so a reader holding them at an older version recomputes only those; `wide`: the write also
changed something beyond those segments' own data (`GraphStore.changed_segments`)."""

CHANGES_SINCE = f"""
MATCH (m:{META} {{id: 'version'}})
OPTIONAL MATCH (c:{META}) WHERE c.counter > $since AND c.id STARTS WITH 'change:'
RETURN m.epoch AS epoch, m.counter AS counter, count(c) AS changes, collect(c.segments) AS segments,
       any(f IN collect(c.full) WHERE f) AS full, any(w IN collect(coalesce(c.wide, true)) WHERE w) AS wide
"""
"""The writes since counter `$since`; a record without `wide` (written by an older chainkg) counts as wide."""

STAGING = "ImportStaging"
"""The label of the nodes a batched import stages before its switch (`Neo4jStore.write_batches`): not a NodeLabel,
so no labelled query sees them, and the few label-less ones below leave them out by name (`NOT x:ImportStaging`).
A staged node has its final id and properties plus the run's mark (`RUN`); its ties to existing nodes already
have their final type and properties. Console Cypher that matches nodes without a label sees them, as it sees
the ChainkgMeta bookkeeping nodes."""

RUN = "chainkg_import_run"
"""The property marking a staged node with its import run, removed by the switch."""

STAGING_INDEX = f"CREATE INDEX import_staging_id IF NOT EXISTS FOR (n:{STAGING}) ON (n.id)"
"""How staging finds a staged node by id; created with the schema and never dropped. Dropping it for the switch
saved the switch's transaction an index removal a row (about 0.5 KB of its 9 KB a row, commit included), but a
schema change empties the server's query plan cache: every import then recompiled its switch (2.5–3 s of server
CPU) and, after it, staging and every page's statements."""

STAGED_COUNT = f"MATCH (s:{STAGING}) WHERE $run IS NULL OR s.{RUN} = $run RETURN count(s) AS count"

SWITCH_RECORD = "switch"
"""The id of the bookkeeping node (label ChainkgMeta) an import writes when every batch is staged and it switches
in parts (`Neo4jStore.write_batches`): its run, how many staged nodes and how many are switched. While it exists
the import will complete: the next import or `chainkg import resume` finishes it, and no clean-up removes its
staged nodes."""

SWITCH_STATE = (
    f"OPTIONAL MATCH (w:{META} {{id: '{SWITCH_RECORD}'}}) "
    "RETURN w.run AS run, w.staged AS staged, w.done AS done, toString(w.started) AS started"
)
"""The unfinished switch, all null when there is none."""

BEGIN_SWITCH = (
    f"CREATE (w:{META} {{id: '{SWITCH_RECORD}'}}) SET w.run = $run, w.staged = $staged, w.done = 0, "
    "w.started = datetime()"
)
"""The commit point of a parted switch, after `BUMP_VERSION` and `STAGED_COUNT` in the same transaction."""

SWITCH_PART_DONE = f"MATCH (w:{META} {{id: '{SWITCH_RECORD}', run: $run}}) SET w.done = w.done + $done"

END_SWITCH = f"MATCH (w:{META} {{id: '{SWITCH_RECORD}', run: $run}}) DELETE w"

_UNLESS_SWITCHING = (
    f"OPTIONAL MATCH (v:{META} {{id: 'version'}}) SET v.counter = v.counter "
    f"WITH s, r WHERE NOT EXISTS {{ MATCH (:{META} {{id: '{SWITCH_RECORD}', run: s.{RUN}}}) }} "
)
"""Leaves the staged nodes of a run with a switch record. The version node is locked first (as `BUMP_VERSION`
locks it before `BEGIN_SWITCH`), so the record is read after any switch that was beginning has committed or
rolled back, and a run's count of its staged nodes in `BEGIN_SWITCH` sees every removal before its record."""

CLEAR_STAGED = (
    f"MATCH (s:{STAGING})-[r]->() WHERE $run IS NULL OR s.{RUN} = $run "
    f"CALL (s, r) {{ {_UNLESS_SWITCHING}DELETE r }} IN TRANSACTIONS OF 10000 ROWS",
    f"MATCH (s:{STAGING}) WHERE $run IS NULL OR s.{RUN} = $run WITH s, null AS r "
    f"CALL (s, r) {{ {_UNLESS_SWITCHING}DETACH DELETE s }} IN TRANSACTIONS OF 10000 ROWS",
)
"""Remove the staged nodes of run `$run` (every run's when null) unless the run has a switch record, in
transactions of their own: what a failed import leaves, or a killed one (cleaned by the next import). First the
ties from them (every tie staging writes starts at a staged node), 10,000 to a transaction, then the nodes, as
`CLEAR` does: 10,000 staged nodes deleted together with their ties in one transaction held all of those in its
memory."""


STAGED_UPDATE = "ImportStagingUpdate"
"""The second label of a staged node whose node existed when it was staged (`staged_nodes`): a switch takes those
first (`switch_staged`), so an import's updates of nodes readers already see become visible before its new rows.
Only the order depends on it; each staged node is looked up again when it is switched."""


def staged_nodes(label: NodeLabel) -> str:
    """Upsert staged nodes of `label` and run `$run` by id, as `upsert_nodes` upserts real ones; those whose node
    exists are marked STAGED_UPDATE."""
    return (
        f"UNWIND $rows AS row MERGE (n:{STAGING} {{id: row.id, {RUN}: $run}}) SET n += row.props "
        f"WITH n WHERE EXISTS {{ MATCH (:{_label(label)} {{id: n.id}}) }} SET n:{STAGED_UPDATE}"
    )


def switch_staged(scan: str) -> str:
    """Switch up to `$limit` staged nodes of run `$run` carrying label `scan` (STAGED_UPDATE or STAGING): the first
    ones a label scan finds, so a statement reads only the nodes it switches and each switched node leaves the
    scan. Each is looked up once by its id's label (`$prefixes`: `node_id(label, "")` of every NodeLabel, in
    order): found, the node gets its properties and ties (as `upsert_nodes` and `upsert_relationships` would) and
    the staged node is deleted; not found, the staged node becomes that node, its label swapped and its mark
    removed (its ties were written in place)."""
    if scan not in (STAGED_UPDATE, STAGING):
        raise ValueError(f"unknown staged label: {scan}")
    kinds = " UNION ALL ".join(
        f"WITH sid WHERE sid STARTS WITH $prefixes[{i}] OPTIONAL MATCH (e:{_label(label)} {{id: sid}}) "
        f"RETURN e, {i} AS kind"
        for i, label in enumerate(NodeLabel)
    )
    promotes = " ".join(
        f"CALL (s, e, kind) {{ WITH s, e, kind WHERE e IS NULL AND kind = {i} "
        f"SET s:{_label(label)} REMOVE s:{STAGING}:{STAGED_UPDATE}, s.{RUN} }}"
        for i, label in enumerate(NodeLabel)
    )
    moves = " ".join(
        f"CALL (s, e) {{ MATCH (s)-[r:{_type(t)}]->(b) MERGE (e)-[m:{_type(t)}]->(b) SET m += properties(r) }} "
        f"CALL (s, e) {{ MATCH (a)-[r:{_type(t)}]->(s) MERGE (a)-[m:{_type(t)}]->(e) SET m += properties(r) }}"
        for t in RelType
    )
    return (
        f"MATCH (s:{scan}) WHERE s.{RUN} = $run WITH s LIMIT $limit WITH s, s.id AS sid CALL (sid) {{ {kinds} }} "
        f"{promotes} "
        f"CALL (s, e) {{ WITH s, e WHERE e IS NOT NULL SET e += properties(s) REMOVE e.{RUN} WITH s, e {moves} "
        "DETACH DELETE s } RETURN count(*) AS done"
    )


SEGMENTS_OF_ENTERPRISES = (
    "UNWIND $ids AS id MATCH (:Enterprise {id: id})-[:OPERATES_IN]->(s:Segment) RETURN DISTINCT s.id AS id"
)
SEGMENTS_OF_CHAINS = "UNWIND $ids AS id MATCH (s:Segment)-[:BELONGS_TO]->(:Chain {id: id}) RETURN DISTINCT s.id AS id"


def schema_statements() -> list[str]:
    """Uniqueness of ids and indexes on the names queries look up; idempotent."""
    statements = []
    for label in NodeLabel:
        name = label.value.lower()
        statements.append(f"CREATE CONSTRAINT {name}_id IF NOT EXISTS FOR (n:{_label(label)}) REQUIRE n.id IS UNIQUE")
        statements.append(f"CREATE INDEX {name}_name IF NOT EXISTS FOR (n:{_label(label)}) ON (n.name)")
    statements.append("CREATE INDEX enterprise_locality IF NOT EXISTS FOR (n:Enterprise) ON (n.locality)")
    statements.append("CREATE INDEX enterprise_credit_code IF NOT EXISTS FOR (n:Enterprise) ON (n.credit_code)")
    statements.append("CREATE INDEX enterprise_name_key IF NOT EXISTS FOR (n:Enterprise) ON (n.name_key)")
    statements.append("CREATE INDEX enterprise_full_name_key IF NOT EXISTS FOR (n:Enterprise) ON (n.full_name_key)")
    statements.append(NAME_KEY_CHARS_SCHEMA)
    statements.append(f"CREATE CONSTRAINT chainkg_meta_id IF NOT EXISTS FOR (n:{META}) REQUIRE n.id IS UNIQUE")
    statements.append(f"CREATE INDEX chainkg_meta_counter IF NOT EXISTS FOR (n:{META}) ON (n.counter)")
    statements.append(STAGING_INDEX)
    return statements


def upsert_nodes(label: NodeLabel) -> str:
    return f"UNWIND $rows AS row MERGE (n:{_label(label)} {{id: row.id}}) SET n += row.props"


def create_nodes(label: NodeLabel, groups: list[tuple[RelType, NodeLabel]]) -> str:
    """`upsert_nodes` for nodes a bulk load knows are not in the database yet (`$rows` of `{id, props}`, each id
    once), with their relationships to nodes that exist: row field `t<g>` holds `[end position, props]` of group
    g (`groups[g]`: type and end label) over the distinct end ids `$ends<g>`, each (start, end) once. Writing a
    node and its relationships in one transaction saves the second statement's seek of every new node and the
    second commit's rewrite of its record."""
    ends = " ".join(
        f"CALL () {{ UNWIND range(0, size($ends{g}) - 1) AS i OPTIONAL MATCH (b:{_label(end)} {{id: $ends{g}[i]}}) "
        f"WITH i, b ORDER BY i RETURN collect([b]) AS ends{g} }}"
        for g, (_, end) in enumerate(groups)
    )
    ties = "".join(
        f" WITH * CALL (n, row, ends{g}) {{ UNWIND row.t{g} AS tie WITH n, ends{g}[tie[0]][0] AS b, tie[1] AS props "
        f"WHERE b IS NOT NULL CREATE (n)-[r:{_type(rel_type)}]->(b) SET r += props }}"
        for g, (rel_type, _) in enumerate(groups)
    )
    return f"{ends} UNWIND $rows AS row CREATE (n:{_label(label)} {{id: row.id}}) SET n += row.props{ties}"


def _ties(start: str, end: str) -> str:
    """`$rows`: one `[start id, [[end position, props], …]]` per start node, the start matched by the pattern
    `start` (on `row[0]`); `$ends`: the distinct end ids, each matched by `end` (on `$ends[i]`) once per statement
    rather than once per relationship (index seeks were a quarter of the server's time in a bulk load). Rows whose
    start or end does not exist are skipped, as a MATCH would."""
    return (
        f"UNWIND range(0, size($ends) - 1) AS i OPTIONAL MATCH (b:{end}) "
        "WITH i, b ORDER BY i WITH collect([b]) AS ends "
        f"UNWIND $rows AS row MATCH (a:{start}) "
        "UNWIND row[1] AS tie WITH a, ends[tie[0]][0] AS b, tie[1] AS props WHERE b IS NOT NULL "
    )


def _node(label: NodeLabel, key: str) -> str:
    return f"{_label(label)} {{id: {key}}}"


def upsert_relationships(rel_type: RelType, start: NodeLabel, end: NodeLabel) -> str:
    """Relationships given as `_ties` rows, merged in the order given."""
    return (
        _ties(_node(start, "row[0]"), _node(end, "$ends[i]")) + f"MERGE (a)-[r:{_type(rel_type)}]->(b) SET r += props"
    )


def create_relationships(rel_type: RelType, start: NodeLabel, end: NodeLabel) -> str:
    """Relationships given as `_ties` rows, each (start, end) once, of start nodes the same write created: none of
    theirs can exist yet, so CREATE. MERGE locks both ends until the commit, and every batch of a bulk load meets
    the same segments and regions, so only CREATE lets two batches write at once."""
    return (
        _ties(_node(start, "row[0]"), _node(end, "$ends[i]")) + f"CREATE (a)-[r:{_type(rel_type)}]->(b) SET r += props"
    )


def staged_relationships(rel_type: RelType, end: NodeLabel | None) -> str:
    """`upsert_relationships` from staged nodes of run `$run` to existing nodes of label `end`, or (None) to staged
    nodes of the same run."""
    target = _node(end, "$ends[i]") if end else f"{STAGING} {{id: $ends[i], {RUN}: $run}}"
    return (
        _ties(f"{STAGING} {{id: row[0], {RUN}: $run}}", target) + f"MERGE (a)-[r:{_type(rel_type)}]->(b) SET r += props"
    )


def existing_ids(label: NodeLabel) -> str:
    """One record: the given ids that exist, as one list (100,000 records cost the client seconds to unpack)."""
    return f"UNWIND $ids AS id MATCH (n:{_label(label)} {{id: id}}) RETURN collect(n.id) AS ids"


def delete_nodes(label: NodeLabel) -> str:
    return f"UNWIND $ids AS id MATCH (n:{_label(label)} {{id: id}}) DETACH DELETE n"


def delete_relationship(rel_type: RelType, start: NodeLabel, end: NodeLabel) -> str:
    return (
        f"MATCH (:{_label(start)} {{id: $start}})-[r:{_type(rel_type)}]->(:{_label(end)} {{id: $end}}) "
        f"DELETE r RETURN count(*) AS deleted"
    )


CLEAR_RELATIONSHIPS = "MATCH ()-[r]->() CALL (r) { DELETE r } IN TRANSACTIONS OF 10000 ROWS"
CLEAR = f"MATCH (n) WHERE NOT n:{META} CALL (n) {{ DETACH DELETE n }} IN TRANSACTIONS OF 10000 ROWS"
"""Clearing deletes the relationships first, 10,000 to a transaction, then the nodes: deleting 10,000 nodes together
with all their relationships in one inner transaction exceeded the transaction memory of the default 1 GB heap at
100,000 enterprises (≈ 9 relationships a node); the bookkeeping nodes have no relationships and are kept."""
DELETE_ALL = f"MATCH (n) WHERE NOT n:{META} DETACH DELETE n"


def count_nodes(label: NodeLabel) -> str:
    return f"MATCH (n:{_label(label)}) RETURN count(n) AS count"


def count_relationships(rel_type: RelType) -> str:
    """All ties of the type less the staged ones: both numbers come from the count store."""
    return (
        f"CALL () {{ MATCH ()-[r:{_type(rel_type)}]->() RETURN count(r) AS all }} "
        f"CALL () {{ MATCH (:{STAGING})-[r:{_type(rel_type)}]->() RETURN count(r) AS staged }} "
        "RETURN all - staged AS count"
    )


def get_node(label: NodeLabel) -> str:
    return f"MATCH (n:{_label(label)} {{id: $id}}) RETURN n.id AS id, properties(n) AS props"


INDEXED_PROPERTIES = ("name", "locality", "credit_code", "name_key")
"""Properties an index serves (`schema_statements`): a filter on them is written `n.<name> = $value` so the planner
seeks the index. These literal names are the only property names ever formatted into the text."""


def _where_equal(keys: list[str]) -> str:
    """`WHERE` for `nodes_where`/`names_where`: the i-th key is compared with parameter `$v<i>`; an indexed key by
    its whitelisted name (index seek), any other key through parameter `$k<i>` (its name stays a value)."""
    terms = [f"n.{key} = $v{i}" if key in INDEXED_PROPERTIES else f"n[$k{i}] = $v{i}" for i, key in enumerate(keys)]
    return f"WHERE {' AND '.join(terms)} " if terms else ""


def equal_params(equals: Mapping[str, object]) -> dict[str, object]:
    """The parameters `_where_equal(list(equals))` refers to."""
    params: dict[str, object] = {}
    for i, (key, value) in enumerate(equals.items()):
        params[f"k{i}"], params[f"v{i}"] = key, value
    return params


def nodes_where(label: NodeLabel, keys: list[str]) -> str:
    return f"MATCH (n:{_label(label)}) {_where_equal(keys)}RETURN n.id AS id, properties(n) AS props ORDER BY n.id"


def properties_where(label: NodeLabel, keys: list[str]) -> str:
    """All matching nodes in one record, each as [id, the values of `$wanted`]: the driver's cost is per record."""
    return f"MATCH (n:{_label(label)}) {_where_equal(keys)}RETURN collect([n.id, [k IN $wanted | n[k]]]) AS rows"


def names_where(label: NodeLabel, keys: list[str]) -> str:
    return f"MATCH (n:{_label(label)}) {_where_equal(keys)}RETURN n.name AS name ORDER BY name"


def names_among(label: NodeLabel, keys: list[str]) -> str:
    return f"UNWIND $names AS name MATCH (n:{_label(label)} {{name: name}}) {_where_equal(keys)}RETURN DISTINCT name"


def nodes_without(label: NodeLabel) -> str:
    """Nodes lacking `$prop`, or whose `$prop` the regular expression `$pattern` (when not null) matches whole."""
    return (
        f"MATCH (n:{_label(label)}) WHERE n[$prop] IS NULL OR n[$prop] =~ $pattern "
        "RETURN n.id AS id, properties(n) AS props ORDER BY n.id"
    )


def relationships(rel_type: RelType, start: NodeLabel | None, end: NodeLabel | None, keys: list[str]) -> str:
    """The i-th of `keys` is a relationship property compared with `$v<i>`, its name passed as `$k<i>`."""
    a = f"(a:{_label(start)} {{id: $start}})" if start else "(a)"
    b = f"(b:{_label(end)} {{id: $end}})" if end else "(b)"
    terms = [] if start else [f"NOT a:{STAGING}"]
    where = " AND ".join(terms + [f"r[$k{i}] = $v{i}" for i in range(len(keys))])
    return (
        f"MATCH {a}-[r:{_type(rel_type)}]->{b} {f'WHERE {where} ' if where else ''}"
        f"RETURN a.id AS start, b.id AS end, properties(r) AS props ORDER BY start, end"
    )


def relationships_from(rel_type: RelType, start: NodeLabel) -> str:
    return (
        f"UNWIND $ids AS id MATCH (a:{_label(start)} {{id: id}})-[r:{_type(rel_type)}]->(b) "
        f"RETURN a.id AS start, b.id AS end, properties(r) AS props"
    )


def reached_via(via: RelType, then: RelType | None) -> str:
    if then is None:
        return f"MATCH (a)-[:{_type(via)}]->(p) WHERE NOT a:{STAGING} RETURN p.id AS id, collect(a.id) AS ends"
    return (
        f"MATCH (a)-[:{_type(via)}]->(p) WHERE NOT a:{STAGING} MATCH (a)-[:{_type(then)}]->(b) "
        f"WITH DISTINCT p, b RETURN p.id AS id, collect(b.id) AS ends"
    )


def search(label: NodeLabel) -> str:
    return (
        f"MATCH (n:{_label(label)}) WHERE n.name CONTAINS $text "
        f"RETURN n.id AS id, properties(n) AS props, n.name <> $text AS inexact, size(n.name) AS length "
        f"ORDER BY inexact, length, id LIMIT $limit"
    )


def nodes_by_ids(label: NodeLabel) -> str:
    return f"UNWIND $ids AS id MATCH (n:{_label(label)} {{id: id}}) RETURN n.id AS id, properties(n) AS props"


def relationships_among(label: NodeLabel) -> str:
    return (
        f"UNWIND $ids AS id MATCH (a:{_label(label)} {{id: id}})-[r]->(b) WHERE b.id IN $all "
        f"RETURN type(r) AS type, a.id AS start, b.id AS end, properties(r) AS props"
    )


def neighbours(label: NodeLabel) -> str:
    return (
        f"UNWIND $ids AS id MATCH (a:{_label(label)} {{id: id}})--(b) WHERE NOT b:{STAGING} "
        f"WITH id, b.id AS other ORDER BY other RETURN id, collect(DISTINCT other) AS others"
    )


def trace(direction: str, max_depth: int | None) -> str:
    hops = f"*1..{int(max_depth)}" if max_depth is not None else "*1.."
    arrow = f"-[:SUPPLIES{hops}]->" if direction == "down" else f"<-[:SUPPLIES{hops}]-"
    return (
        f"MATCH p = (s:Segment {{id: $id}}){arrow}(d:Segment) WHERE d <> s "
        f"RETURN d.id AS id, min(length(p)) AS depth ORDER BY id"
    )


def all_shortest_paths(start: NodeLabel, end: NodeLabel) -> str:
    return (
        f"MATCH (a:{_label(start)} {{id: $start}}), (b:{_label(end)} {{id: $end}}) "
        f"MATCH p = allShortestPaths((a)-[*]-(b)) WHERE none(n IN nodes(p) WHERE n:{STAGING}) "
        f"RETURN [n IN nodes(p) | n.id] AS ids LIMIT 10000"
    )


SEGMENT_PROFILES = """
MATCH (s:Segment) WHERE $ids IS NULL OR s.id IN $ids
CALL (s) {
  OPTIONAL MATCH (s)-[:BELONGS_TO]->(c:Chain)
  RETURN collect(DISTINCT c.name) AS chains
}
CALL (s) {
  OPTIONAL MATCH (s)-[:SUPPLIES*1..]->(d:Segment)
  RETURN collect(DISTINCT d.id) AS downstream
}
RETURN s.id AS id, s.name AS name, s.stage AS stage, chains, s.plan_status AS plan_status,
       s.evidence AS evidence, s.status_evidence AS status_evidence, downstream
"""
"""One row per segment, every segment (`$ids` null) or the given ones (those a write touched): its chains and the
segments it reaches downstream; its local enterprises come from `LOCAL_TIES_ALL` / `LOCAL_TIES_OF`."""

_SMALL = "(e.scale IN $small_scales OR e.registered_capital_wan < $small_capital)"

LOCAL_TIES_ALL = f"""
MATCH (e:Enterprise) WHERE e.locality = $local
WITH e, e.id AS firm, {_SMALL} AS small
MATCH (e)-[:OPERATES_IN]->(s:Segment)
WITH s, collect(firm) AS local, collect(CASE WHEN small THEN firm END) AS small
RETURN s.id AS id, local, small
"""
"""Every segment's local (and small local) enterprises, driven from the locality index: the ~30 % of ties that
start at a local firm (120,000 of 400,000 at 100,000 firms), each firm's size read once. Reading them from the
segments expanded every tie and read each firm's locality on it: 1.4 M db hits against 0.36 M."""

LOCAL_TIES_OF = f"""
UNWIND $ids AS sid
MATCH (e:Enterprise)-[:OPERATES_IN]->(s:Segment {{id: sid}}) WHERE e.locality = $local
WITH s, collect(e.id) AS local, collect(CASE WHEN {_SMALL} THEN e.id END) AS small
RETURN s.id AS id, local, small
"""
"""`LOCAL_TIES_ALL` for the given segments (those a write touched): only their own ties are read."""

SEGMENT_AGGREGATES = """
MATCH (s:Segment) WHERE $ids IS NULL OR s.id IN $ids
CALL (s) {
  MATCH (s)<-[:OPERATES_IN]-(e:Enterprise) WHERE e.locality = $local
  WITH e.registered_capital_wan AS capital, coalesce(e.name, e.id) AS name ORDER BY name
  WITH capital, count(*) AS firms, collect(name)[..$names_kept] AS names
  RETURN collect([capital, firms, names]) AS local
}
CALL (s) {
  MATCH (s)<-[:OPERATES_IN]-(e:Enterprise) WHERE e.locality = $candidate AND (e.city IS NULL OR e.city <> $home_city)
  WITH CASE WHEN e.province IS NULL OR e.province = '' THEN $unknown_province ELSE toString(e.province) END AS province
  WITH province, count(*) AS firms
  RETURN collect([province, firms]) AS substitutes
}
RETURN s.id AS id, local, substitutes
"""
"""One row per segment (every one, or the given `$ids`): local firms grouped by capital (count and first names of
each group) and outside candidates by province; the store adds up the groups."""

SEGMENT_AGGREGATES_ALL = """
MATCH (s:Segment) RETURN s.id AS id, [] AS local, [] AS substitutes
UNION ALL
MATCH (e:Enterprise) WHERE e.locality = $local
WITH e, e.registered_capital_wan AS capital, coalesce(e.name, e.id) AS name
MATCH (e)-[:OPERATES_IN]->(s:Segment)
WITH s, capital, name ORDER BY name
WITH s, capital, count(*) AS firms, collect(name)[..$names_kept] AS names
RETURN s.id AS id, collect([capital, firms, names]) AS local, [] AS substitutes
UNION ALL
MATCH (e:Enterprise) WHERE e.locality = $candidate AND (e.city IS NULL OR e.city <> $home_city)
WITH e, CASE WHEN e.province IS NULL OR e.province = '' THEN $unknown_province ELSE toString(e.province) END AS province
MATCH (e)-[:OPERATES_IN]->(s:Segment)
WITH s, province, count(*) AS firms
RETURN s.id AS id, [] AS local, collect([province, firms]) AS substitutes
"""
"""`SEGMENT_AGGREGATES` for every segment, driven from the locality index: each firm's capital, name, city and
province read once, not once per tie, and no tie's firm read only to learn its locality (4.2 M db hits against
about 1 M at 100,000 firms). A segment's rows (itself, its local groups, its substitutes) are added up by the store."""

SUPPLY_LINKS = """
MATCH (a:Segment)-[r:SUPPLIES]->(b:Segment)
RETURN a.id AS start, b.id AS end, properties(r) AS props ORDER BY start, end
"""

ENTERPRISES_IN = """
MATCH (e:Enterprise)-[r:OPERATES_IN]->(:Segment {id: $id})
WHERE $locality IS NULL OR e.locality = $locality
RETURN e.id AS id, properties(e) AS props, properties(r) AS rel_props ORDER BY id
"""

ENTERPRISES_IN_EACH = """
UNWIND $ids AS sid
MATCH (e:Enterprise)-[r:OPERATES_IN]->(:Segment {id: sid})
WHERE $locality IS NULL OR e.locality = $locality
WITH sid, e, r ORDER BY e.id
RETURN sid AS id, collect([e.id, properties(e), properties(r)]) AS ties
"""
"""`ENTERPRISES_IN` for each of `$ids`: one row per segment with any, its ties in id order."""

ENTERPRISES_BY_CODE = """
UNWIND $keys AS key
MATCH (e:Enterprise) WHERE e.credit_code = key
RETURN key, e.id AS id, properties(e) AS props ORDER BY id
"""
ENTERPRISES_BY_NAME_KEY = """
UNWIND $keys AS key
MATCH (e:Enterprise) WHERE e.name_key = key OR e.id = $name_id_prefix + key
RETURN key, e.id AS id, properties(e) AS props ORDER BY id
"""
ENTERPRISES_BY_FULL_NAME_KEY = """
UNWIND $keys AS key
MATCH (e:Enterprise) WHERE e.full_name_key = key
RETURN key, e.id AS id, properties(e) AS props ORDER BY id
"""
"""Duplicate checks: index seeks per key (enterprise_credit_code; enterprise_name_key, or the id an import gave a
firm without a credit code before name keys were stored; enterprise_full_name_key for the keys no name key holds),
ordered by id: the greatest id answers a credit code last, and every holder of a name key comes in id order, as in
the embedded store."""

NAME_KEY_CHARS_INDEX = "enterprise_name_key_chars"
NAME_KEY_CHARS_SCHEMA = (
    f"CREATE FULLTEXT INDEX {NAME_KEY_CHARS_INDEX} IF NOT EXISTS FOR (n:Enterprise) ON EACH [n.name_key] "
    "OPTIONS {indexConfig: {`fulltext.analyzer`: 'standard-no-stop-words'}}"
)
"""The name keys by character, for the import's 名称相近 check: Lucene's standard tokenizer makes each CJK ideograph
a token of its own (letters and digits make words, so only ideographs are looked up by it)."""
AWAIT_NAME_KEY_CHARS = f"CALL db.awaitIndex('{NAME_KEY_CHARS_INDEX}', $seconds)"
NAME_KEYS_BY_CHARS = f"""
UNWIND $lookups AS lookup
CALL db.index.fulltext.queryNodes('{NAME_KEY_CHARS_INDEX}', lookup.query) YIELD node
WITH lookup, node.name_key AS other
WHERE abs(size(other) - size(lookup.key)) <= $slack
  AND (left(other, 1) IN lookup.ends OR right(other, 1) IN lookup.ends)
WITH lookup, other, reduce(shared = 0, pair IN lookup.counts |
  shared + CASE WHEN other CONTAINS pair[0] THEN pair[1] ELSE 0 END) AS most
WHERE 2.0 * most / (size(lookup.key) + size(other)) >= $ratio
RETURN lookup.key AS key, collect(DISTINCT other) AS others
"""
"""Per lookup (a key, its characters with their counts, and a Lucene query of its probe characters,
`graph.similar.probe_chars`), the keys found within the length window whose first or last character is one of the
key's two ends and that may still reach the ratio when each character of the key they contain counts as often as the
key has it (an upper bound of the shared characters; the client checks the exact count)."""
NAME_KEYS_BY_ENDS = """
UNWIND $keys AS key
CALL (key) {
  UNWIND [left(key, 1), right(key, 1)] AS end
  MATCH (n:Enterprise) WHERE n.name_key STARTS WITH end RETURN n.name_key AS other
  UNION
  UNWIND [left(key, 1), right(key, 1)] AS end
  MATCH (n:Enterprise) WHERE n.name_key ENDS WITH end RETURN n.name_key AS other
}
WITH key, other WHERE abs(size(other) - size(key)) <= $slack
RETURN key, collect(DISTINCT other) AS others
"""
"""For keys with too few ideographs to probe by character: their two end buckets from the `enterprise_name_key`
index (a prefix seek, and a scan of the index's values for the last character; no node is read)."""
NAME_KEY_SAMPLE = "MATCH (n:Enterprise) WHERE n.name_key IS NOT NULL RETURN n.name_key AS key LIMIT $limit"

EXPORT_NODES = (
    f"MATCH (n) WHERE NOT n:{META} AND NOT n:{STAGING} RETURN n.id AS id, labels(n) AS labels, properties(n) AS props"
)
EXPORT_RELATIONSHIPS = (
    f"MATCH (a)-[r]->(b) WHERE NOT a:{STAGING} AND NOT b:{STAGING} "
    "RETURN type(r) AS type, a.id AS start, b.id AS end, properties(r) AS props"
)
SERVER_VERSION = "CALL dbms.components() YIELD name, versions RETURN name, versions[0] AS version"
