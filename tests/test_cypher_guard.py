"""The console's lexical guard: reads pass, writes and administration are refused however disguised."""

from __future__ import annotations

import pytest

from graph.cypher_guard import check_read_only
from graph.store import StoreError

READS = [
    "MATCH (n:Segment) RETURN n.name LIMIT 5",
    "MATCH (n) WHERE n.name = 'CREATE' RETURN n",
    "// create something\nMATCH (n) RETURN count(n)",
    "CALL db.labels() YIELD label RETURN label",
    'MATCH (s:Segment {name: "set"}) RETURN s',
    "MATCH (n) RETURN n.use, n.set, n.remove",
    "MATCH (n:`Segment`) RETURN n",
]
WRITES = [
    "CREATE (n)",
    "match (n) detach delete n",
    "MATCH (n) /* 只是看看 */ SeT n.x = 1",
    "MATCH (n) RETURN n; CREATE (m)",
    "LOAD CSV FROM 'file:///etc/passwd' AS r RETURN r",
    "CALL apoc.periodic.iterate('a', 'b', {})",
    "CALL { CREATE (n) } IN TRANSACTIONS",
    "MATCH (n) FOREACH (x IN [1] | SET n.a = 1)",
    "CALL dbms.security.createUser('a', 'b')",
    "MERGE (n:Segment {id: 'x'})",
    "MATCH (n) CALL (n) { DELETE n }",
    "CALL `db.createLabel`('X')",
    "CALL/**/`dbms.setConfigValue`('a', 'b')",
    "MATCH (n) RETURN n UNION CALL `x`()",
    "INSERT (n:Evil)",
    "CALL () { INSERT (:X) }",
    "SHOW SETTINGS",
    "show users",
    "call db.clearQueryCaches()",
]


@pytest.mark.parametrize("query", READS)
def test_reads_pass(query: str) -> None:
    assert check_read_only(query) == query


@pytest.mark.parametrize("query", WRITES)
def test_writes_and_administration_are_refused(query: str) -> None:
    with pytest.raises(StoreError, match=r"不允许|只能执行一条"):
        check_read_only(query)
