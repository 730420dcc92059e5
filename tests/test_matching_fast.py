"""The fast matcher gives exactly the ties the previous matcher gave: grades, evidence, keywords, fields and
confidence, on the labelled scopes, on enterprises written to hit every path (full-width marks, runs of spaces,
invisible characters, vetoes, long scopes beside main products, industry codes) and on the speed benchmark's
scopes. The previous matcher is frozen in benchmarks/bench_matching.py; these checks are why the speed work
could not change the precision and recall figures."""

from __future__ import annotations

from dataclasses import astuple

import pytest

from benchmarks.bench_matching import PreviousMatcher, gap_segments, read_scopes, synthetic_scopes, varied_texts
from graph.model import Node
from graph.vocabulary import MatchGrade
from loaders.matching import CLAUSE_MARKS, SegmentMatcher, clauses, normalise_text


@pytest.fixture(scope="module")
def segments() -> list[Node]:
    return gap_segments()[0]


@pytest.fixture(scope="module")
def matchers(segments: list[Node]) -> tuple[SegmentMatcher, PreviousMatcher]:
    return SegmentMatcher(segments), PreviousMatcher(segments)


def _ties(matcher: SegmentMatcher, texts: dict[str, str], industries: list[str]) -> list[tuple[object, ...]]:
    return [astuple(m) for m in matcher.graded(texts, industries)]


def test_labelled_scopes_get_the_previous_ties(matchers: tuple[SegmentMatcher, PreviousMatcher]) -> None:
    fast, previous = matchers
    scopes = read_scopes()
    assert len(scopes) >= 300
    for scope in scopes:
        assert _ties(fast, scope.texts, []) == _ties(previous, scope.texts, []), scope.id


def test_varied_enterprises_get_the_previous_ties(
    segments: list[Node], matchers: tuple[SegmentMatcher, PreviousMatcher]
) -> None:
    fast, previous = matchers
    sample = varied_texts(segments, 4000)
    grades = set()
    for texts, industries in sample:
        expected = _ties(previous, texts, industries)
        assert _ties(fast, texts, industries) == expected, (texts, industries)
        grades |= {tie[4] for tie in expected}
    assert grades == set(MatchGrade), "样本应覆盖确认、待定、排除三种等级"
    again = [_ties(fast, texts, industries) for texts, industries in sample[:500]]
    assert again == [_ties(previous, texts, industries) for texts, industries in sample[:500]], "分句缓存命中后应相同"


def test_benchmark_scopes_get_the_previous_ties(
    segments: list[Node], matchers: tuple[SegmentMatcher, PreviousMatcher]
) -> None:
    fast, previous = matchers
    for text in synthetic_scopes(segments, 3000):
        assert _ties(fast, {"business_scope": text}, []) == _ties(previous, {"business_scope": text}, []), text


@pytest.mark.parametrize(
    "text",
    [
        "模具制造；电镀加工",
        "模具制造  电镀加工。铸件",
        "模具\n制造，五金 ,冲压",
        "a   b\u3000\u3000c",
        ";;",
        "模具\u200b制造",
    ],
)
def test_clauses_are_cut_where_the_clause_marks_are(text: str) -> None:
    """As the previous matcher cut them: each clause starts one character after the mark before it."""
    normal = normalise_text(text)
    marks = [m.start() for m in CLAUSE_MARKS.finditer(normal)]
    expected = [normal[low + 1 : high] for low, high in zip([-1, *marks], [*marks, len(normal)], strict=True)]
    assert clauses(normal) == expected
