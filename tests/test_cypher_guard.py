"""The console's guard: every case of the attack corpus is refused, every read in it passes."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from graph.cypher_guard import MAX_LENGTH, check_read_only, tokenize
from graph.store import StoreError

CORPUS = Path(__file__).parent / "fixtures" / "attacks" / "console.txt"
REFUSAL = r"不允许|只能执行一条"
_ESCAPE = re.compile(r"\\(u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|[nrtvf\\])")
_SIMPLE = {"n": "\n", "r": "\r", "t": "\t", "v": "\v", "f": "\f", "\\": "\\"}


def _unescape(text: str) -> str:
    """The corpus's escapes (documented at the top of console.txt) as the characters they stand for."""
    return _ESCAPE.sub(lambda m: _SIMPLE.get(m.group(1)) or chr(int(m.group(1)[1:], 16)), text)


def load_corpus(verdict: str) -> list[str]:
    """The corpus queries marked `refuse` or `allow`."""
    cases = []
    for line in CORPUS.read_text(encoding="utf-8").splitlines():
        kind, sep, query = line.partition(":")
        if sep and kind.strip() == verdict and not line.startswith("#"):
            cases.append(_unescape(query.strip()))
    return cases


REFUSED = load_corpus("refuse")
ALLOWED = load_corpus("allow")


def test_corpus_is_read_whole() -> None:
    lines = [line for line in CORPUS.read_text(encoding="utf-8").splitlines() if line.strip()]
    entries = [line for line in lines if not line.startswith("#")]
    assert len(REFUSED) + len(ALLOWED) == len(entries), "每一行要么是注释，要么以 refuse: 或 allow: 开头"
    assert len(REFUSED) >= 40 and len(ALLOWED) >= 20


@pytest.mark.parametrize("query", REFUSED)
def test_attacks_are_refused(query: str) -> None:
    with pytest.raises(StoreError, match=REFUSAL):
        check_read_only(query)


@pytest.mark.parametrize("query", ALLOWED)
def test_reads_pass(query: str) -> None:
    assert check_read_only(query) == query


def test_line_comment_ends_at_carriage_return_as_in_neo4j() -> None:
    assert [t.text for t in tokenize("RETURN 1 // x\rSHOW USERS")] == ["RETURN", "1", "SHOW", "USERS"]


def test_backticked_name_keeps_comment_markers_and_doubled_backticks() -> None:
    tokens = tokenize("RETURN 1 AS `a``//` // tail")
    assert tokens[-1].text == "a`//"


def test_refusal_names_the_line_of_an_unterminated_string() -> None:
    with pytest.raises(StoreError, match="第 3 行"):
        check_read_only("MATCH (n)\nWHERE n.name = 'x'\nRETURN 'oops")


def test_overlong_query_is_refused() -> None:
    with pytest.raises(StoreError, match="查询过长"):
        check_read_only("RETURN 1 " + " " * MAX_LENGTH)
