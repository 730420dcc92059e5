"""Refuse Cypher that could write, before it reaches the database.

The console runs user-typed Cypher in a READ transaction, which Neo4j itself enforces; this
check is the second guard, and gives a plain Chinese answer. Comments and string literals are
removed first, so a keyword hidden in them neither blocks a harmless query nor slips through
(`/* */ CREATE`, `'...' MERGE`); the test is on whole words, in any letter case.
"""

from __future__ import annotations

import re

from graph.store import StoreError

_COMMENTS_AND_STRINGS = re.compile(
    r"""//[^\n]*|/\*.*?\*/|'(?:\\.|[^'\\])*'|"(?:\\.|[^"\\])*"|`(?:``|[^`])*`""", re.DOTALL
)
_WRITE_WORDS = re.compile(
    r"\b(CREATE|MERGE|DELETE|DETACH|SET|REMOVE|DROP|FOREACH|LOAD\s+CSV|IN\s+TRANSACTIONS|ALTER|RENAME|GRANT|DENY|"
    r"REVOKE|START\s+DATABASE|STOP\s+DATABASE|TERMINATE|USE)\b",
    re.IGNORECASE,
)
_CALL = re.compile(r"\bCALL\s+([A-Za-z_][\w.]*)", re.IGNORECASE)
_READ_PROCEDURES = frozenset(
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
    """The query, if it cannot write; otherwise a StoreError saying what was refused."""
    if len(query) > MAX_LENGTH:
        raise StoreError(f"查询过长（超过 {MAX_LENGTH} 个字符）。")
    code = _COMMENTS_AND_STRINGS.sub(" ", query)
    if ";" in code.strip().rstrip(";"):
        raise StoreError("一次只能执行一条查询语句。")
    found = _WRITE_WORDS.search(code)
    if found:
        raise StoreError(f"只读控制台不允许写入或管理操作：{found.group(1).upper()}。")
    for procedure in _CALL.findall(code):
        if procedure.lower() not in _READ_PROCEDURES:
            raise StoreError(f"只读控制台只允许调用只读过程（如 db.labels），不允许 {procedure}。")
    if re.search(r"\bCALL\s*\{", code, re.IGNORECASE):
        raise StoreError("只读控制台不允许子查询 CALL { … }。")
    return query
