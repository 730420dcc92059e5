"""Refuse Cypher that could write or administer, before it reaches the database.

The console runs user-typed Cypher in a READ transaction, which Neo4j itself enforces for
writes; this check is the second guard, it also keeps out procedures and administration
commands a read transaction would allow, and it answers in plain Chinese. String literals and
comments are removed first, so keywords hidden in them neither block a harmless query nor slip
through; backtick-quoted names are kept (unquoted) so `CALL \\`db.createLabel\\`` is still seen.
Keywords count as whole words in any letter case, except as property names (`n.set`).
"""

from __future__ import annotations

import re

from graph.store import StoreError

_COMMENTS_AND_STRINGS = re.compile(r"""//[^\n]*|/\*.*?\*/|'(?:\\.|[^'\\])*'|"(?:\\.|[^"\\])*\"""", re.DOTALL)
_BACKTICKED = re.compile(r"`((?:``|[^`])*)`")
_WRITE_WORDS = re.compile(
    r"(?<![.\w])(CREATE|INSERT|MERGE|DELETE|DETACH|SET|REMOVE|DROP|FOREACH|LOAD\s+CSV|IN\s+TRANSACTIONS|ALTER|"
    r"RENAME|GRANT|DENY|REVOKE|SHOW|START|STOP|TERMINATE|USE|ENABLE|DEALLOCATE|REALLOCATE)(?!\w)",
    re.IGNORECASE,
)
_CALL = re.compile(r"(?<![.\w])CALL(?!\w)\s*([^\s(]*)", re.IGNORECASE)
READ_PROCEDURES = frozenset(
    {
        "db.labels",
        "db.relationshiptypes",
        "db.propertykeys",
        "db.schema.visualization",
        "db.schema.nodetypeproperties",
        "db.schema.reltypeproperties",
        "dbms.components",
    }
)
MAX_LENGTH = 5000


def check_read_only(query: str) -> str:
    """The query, if it can only read; otherwise a StoreError saying what was refused."""
    if len(query) > MAX_LENGTH:
        raise StoreError(f"查询过长（超过 {MAX_LENGTH} 个字符）。")
    code = _COMMENTS_AND_STRINGS.sub(" ", query)
    code = _BACKTICKED.sub(lambda m: " " + m.group(1).replace("``", "`") + " ", code)
    if ";" in code.strip().rstrip(";"):
        raise StoreError("一次只能执行一条查询语句。")
    found = _WRITE_WORDS.search(code)
    if found:
        raise StoreError(f"只读控制台不允许写入或管理操作：{found.group(1).upper()}。")
    for procedure in _CALL.findall(code):
        if procedure.lower() not in READ_PROCEDURES:
            shown = procedure or "CALL { … }"
            raise StoreError(f"只读控制台只允许调用只读过程（如 db.labels），不允许 {shown}。")
    return query
