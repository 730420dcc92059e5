"""Refuse Cypher that could write, administer or reach outside the graph, before it reaches the database.

The console runs user-typed Cypher in a READ transaction, which Neo4j itself enforces for
writes; this check is the second guard: it also keeps out LOAD CSV, procedures and
administration commands a read transaction would allow, and it answers in plain Chinese.

It reads the query the way Neo4j 5.26 does, once, left to right: backtick-quoted names
(with doubled backticks), quoted strings (a backslash escapes any character), `/* */`
comments and `//` comments, which Neo4j ends at `\\n` or `\\r` only (checked against the
server: `\\u2028`, `\\u2029`, `\\x85`, `\\v`, `\\f` do not end them, though the openCypher
grammar counts several of these as whitespace). Because readers disagree there, a `//`
comment holding any of those other line breaks is refused rather than guessed at. Neo4j also
turns `\\uXXXX` into its character *before* it lexes, inside names, comments and strings
alike (so `// \\u000a LOAD CSV …` is code to Neo4j); any `\\u` is therefore refused. So is
anything the tokenizer cannot read: an unterminated string, name or comment, or a character
Cypher has no use for. Decisions are then taken on tokens: keywords count only as unquoted
words, in any letter case or width, and not as property names (`n.set`) or map keys
(`{set: 1}`).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from enum import Enum

from graph.store import StoreError

MAX_LENGTH = 5000

READ_PROCEDURES = frozenset(
    {
        "db.labels",
        "db.relationshipTypes",
        "db.propertyKeys",
        "db.schema.visualization",
        "db.schema.nodeTypeProperties",
        "db.schema.relTypeProperties",
        "dbms.components",
    }
)
"""Procedures the console may CALL; Neo4j matches procedure names case-sensitively, so do we."""

FUNCTION_NAMESPACES = frozenset(
    {"date", "datetime", "localdatetime", "localtime", "time", "duration", "point", "vector"}
)
"""Namespaces of built-in functions; other namespaced functions (e.g. apoc.cypher.*) can run Cypher from a string."""

REFUSED_KEYWORDS = frozenset(
    {
        "create",
        "merge",
        "delete",
        "detach",
        "set",
        "remove",
        "drop",
        "foreach",
        "insert",
        "load",
        "alter",
        "rename",
        "grant",
        "deny",
        "revoke",
        "show",
        "start",
        "stop",
        "terminate",
        "use",
        "enable",
        "deallocate",
        "reallocate",
    }
)
"""Words that begin a write, LOAD CSV or administration clause (Neo4j 5 and Cypher 25)."""


class Kind(Enum):
    WORD = "word"
    NAME = "name"
    STRING = "string"
    NUMBER = "number"
    PUNCT = "punct"


@dataclass(frozen=True)
class Token:
    """One token: WORD is an unquoted identifier or keyword, NAME a backtick-quoted name (unescaped)."""

    kind: Kind
    text: str
    at: int


# Neo4j's whitespace (Cypher5Lexer SPACE); everything else outside strings, names and comments is a token.
_SPACES = frozenset(
    "\t\n\v\f\r\x1c\x1d\x1e\x1f \xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
    "\u2028\u2029\u202f\u205f\u3000"
)
_COMMENT_ENDS = re.compile(r"[\n\r]")
_OTHER_LINE_BREAKS = re.compile("[\v\f\x1c\x1d\x1e\x85\u2028\u2029]")
_UNICODE_ESCAPE = re.compile(r"\\[uU]")
# ASCII operators and brackets, plus the dash and arrow-head lookalikes Neo4j accepts in patterns.
_PUNCTUATION = frozenset("()[]{},;:.+-*/%^=<>!|&?$~") | frozenset(
    "\u00ad\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d\u27e8\u27e9\u3008\u3009\ufe64\ufe65\uff1c\uff1e"
)
_NUMBER = re.compile(
    r"(?:[0-9][0-9A-Za-z_]*(?:\.[0-9][0-9A-Za-z_]*)?|\.[0-9][0-9A-Za-z_]*)(?:(?<=[eE])[+-][0-9][0-9A-Za-z_]*)?"
)


def _line(query: str, at: int) -> int:
    return query.count("\n", 0, at) + 1


def _unreadable(query: str, at: int, what: str) -> StoreError:
    return StoreError(f"只读控制台不允许无法完整读懂的查询：第 {_line(query, at)} 行{what}。请检查后重写。")


def _string_end(query: str, start: int) -> int:
    """Index just past the string literal opening at `start`; a backslash escapes whatever follows it."""
    quote, i = query[start], start + 1
    while i < len(query):
        if query[i] == "\\":
            i += 2
        elif query[i] == quote:
            return i + 1
        else:
            i += 1
    raise _unreadable(query, start, "的字符串缺少结束引号")


def _name_end(query: str, start: int) -> int:
    """Index just past the backtick-quoted name opening at `start`; a doubled backtick stays inside."""
    i = start + 1
    while (close := query.find("`", i)) >= 0:
        if query.startswith("``", close):
            i = close + 2
        else:
            return close + 1
    raise _unreadable(query, start, "的反引号名称缺少结束反引号")


def tokenize(query: str) -> list[Token]:
    """The query's tokens, comments and whitespace dropped; StoreError for anything unreadable."""
    if escape := _UNICODE_ESCAPE.search(query):
        line = _line(query, escape.start())
        raise StoreError(f"只读控制台不允许 \\u 转义（第 {line} 行）：数据库会先把它换成字符再读。请直接输入字符。")
    tokens: list[Token] = []
    i, n = 0, len(query)
    while i < n:
        ch = query[i]
        if ch in _SPACES:
            i += 1
        elif query.startswith("//", i):
            found = _COMMENT_ENDS.search(query, i)
            end = found.start() if found else n
            if _OTHER_LINE_BREAKS.search(query, i, end):
                raise _unreadable(query, i, "的 // 注释里有特殊换行符（各处对注释在哪里结束理解不同）")
            i = end
        elif query.startswith("/*", i):
            end = query.find("*/", i + 2)
            if end < 0:
                raise _unreadable(query, i, "的 /* 注释缺少结束的 */")
            i = end + 2
        elif ch in "'\"":
            end = _string_end(query, i)
            tokens.append(Token(Kind.STRING, query[i:end], i))
            i = end
        elif ch == "`":
            end = _name_end(query, i)
            tokens.append(Token(Kind.NAME, query[i + 1 : end - 1].replace("``", "`"), i))
            i = end
        elif number := _NUMBER.match(query, i):
            tokens.append(Token(Kind.NUMBER, number.group(), i))
            i = number.end()
        elif ch.isidentifier():
            end = i + 1
            while end < n and ("a" + query[end]).isidentifier():
                end += 1
            tokens.append(Token(Kind.WORD, query[i:end], i))
            i = end
        elif query.startswith("..", i):
            tokens.append(Token(Kind.PUNCT, "..", i))
            i += 2
        elif ch in _PUNCTUATION:
            tokens.append(Token(Kind.PUNCT, ch, i))
            i += 1
        else:
            raise _unreadable(query, i, f"有无法识别的字符 U+{ord(ch):04X}")
    return tokens


def _keyword(token: Token) -> str:
    """A word as a keyword: letter case and full-width forms do not matter."""
    return unicodedata.normalize("NFKC", token.text).casefold()


def _is_punct(tokens: list[Token], i: int, text: str) -> bool:
    return 0 <= i < len(tokens) and tokens[i].kind is Kind.PUNCT and tokens[i].text == text


def _is_word(tokens: list[Token], i: int, keyword: str) -> bool:
    return 0 <= i < len(tokens) and tokens[i].kind is Kind.WORD and _keyword(tokens[i]) == keyword


def _is_name_position(tokens: list[Token], i: int) -> bool:
    """A word used as a property name (`n.set`) or map key (`{set: 1}`), not as a keyword."""
    if _is_punct(tokens, i - 1, "."):
        return True
    return _is_punct(tokens, i + 1, ":") and (_is_punct(tokens, i - 1, "{") or _is_punct(tokens, i - 1, ","))


def _dotted_name(tokens: list[Token], i: int) -> tuple[list[Token], int]:
    """The parts of `a.b.c` (words or backtick names) starting at `i`, and the index after them."""
    parts: list[Token] = []
    while i < len(tokens) and tokens[i].kind in (Kind.WORD, Kind.NAME):
        parts.append(tokens[i])
        if not (_is_punct(tokens, i + 1, ".") and i + 2 < len(tokens)):
            return parts, i + 1
        i += 2
    return parts, i


def _check_call(tokens: list[Token], i: int) -> None:
    """CALL at `i` must name a procedure on the read list; CALL { … } subqueries are refused."""
    parts, _ = _dotted_name(tokens, i + 1)
    name = ".".join(part.text for part in parts)
    if not parts or any(part.kind is Kind.NAME and "." in part.text for part in parts):
        shown = name or "CALL { … } 子查询"
        raise StoreError(f"只读控制台只允许调用只读过程（如 db.labels），不允许 {shown}。")
    if name not in READ_PROCEDURES:
        raise StoreError(f"只读控制台只允许调用只读过程（如 db.labels），不允许 {name}。")


def _check_function(tokens: list[Token], i: int) -> int:
    """A function call starting at `i` must be built in; returns the index after its name."""
    parts, end = _dotted_name(tokens, i)
    if not _is_punct(tokens, end, "("):
        return end
    backticked = any(part.kind is Kind.NAME for part in parts)
    if backticked or (len(parts) > 1 and _keyword(parts[0]) not in FUNCTION_NAMESPACES):
        name = ".".join(part.text for part in parts)
        raise StoreError(f"只读控制台不允许调用扩展函数 {name}（可用 date.*、duration.*、point.* 等内置函数）。")
    return end


def check_read_only(query: str) -> str:
    """The query, if it can only read the graph; otherwise a StoreError saying what was refused."""
    if len(query) > MAX_LENGTH:
        raise StoreError(f"查询过长（超过 {MAX_LENGTH} 个字符）。")
    tokens = tokenize(query)
    if any(_is_punct(tokens, i, ";") for i in range(len(tokens) - 1)):
        raise StoreError("一次只能执行一条查询语句。")
    i = 0
    while i < len(tokens):
        token = tokens[i]
        if token.kind not in (Kind.WORD, Kind.NAME) or _is_name_position(tokens, i):
            i += 1
            continue
        word = _keyword(token) if token.kind is Kind.WORD else ""
        if word in REFUSED_KEYWORDS:
            raise StoreError(f"只读控制台不允许写入、LOAD CSV 或管理操作：{word.upper()}。")
        if word == "in" and _is_word(tokens, i + 1, "transactions"):
            raise StoreError("只读控制台不允许写入或管理操作：IN TRANSACTIONS。")
        if word == "call":
            _check_call(tokens, i)
            i = _dotted_name(tokens, i + 1)[1]
            continue
        i = _check_function(tokens, i)
    return query
