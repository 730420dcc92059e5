"""The fast matcher gives exactly the ties the previous matcher gave: grades, evidence, keywords, fields and
confidence, on the labelled scopes, on enterprises written to hit every path (full-width marks, runs of spaces,
invisible characters, vetoes, long scopes beside main products, industry codes) and on the speed benchmark's
scopes. The previous matcher is frozen in benchmarks/bench_matching.py; these checks are why the speed work
could not change the precision and recall figures."""

from __future__ import annotations

import re
from dataclasses import astuple

import pytest
from bench_matching import (
    PreviousMatcher,
    gap_segments,
    read_scopes,
    real_scopes,
    realistic_scopes,
    synthetic_scopes,
    varied_texts,
)

from graph.model import Node
from graph.vocabulary import MatchGrade
from loaders.matching import (
    _BARE_VERBS,
    _SUPPLIED_AFTER,
    _SUPPLIED_PLATED,
    BLANK,
    CAST_PARTS,
    CLAUSE_MARKS,
    FOR_PROCESS,
    FOR_PROCESS_LINK,
    FOR_PROCESS_MACHINE,
    FOR_USE,
    ITEM_END,
    ITEM_NOTES,
    LEADING_LOOKBEHINDS,
    MADE_HERE,
    MAKING,
    MAKING_FIRSTS,
    NOT_FOR_PROCESS,
    PHRASE_END,
    SERVICED,
    SERVICED_FIRSTS,
    SHARED_LIST,
    SUPPLY_OPENINGS,
    VEHICLE_MADE,
    VEHICLES_BEFORE,
    VEHICLES_BEFORE_ENDS,
    VERBS_THEN_COMMA,
    SegmentMatcher,
    _bare_verbs,
    _blank_closes_list,
    _made_here,
    _making,
    _opening,
    _unnoted,
    _vehicle_made,
    clauses,
    normalise_text,
    on_word_boundary,
    verbs_across_commas,
)


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


TRICKY = [
    # a short keyword inside a longer word, or across jieba's word boundary
    "发电机组生产；科力尔电机制造；汽车模具制造；模具钢销售；压铸机壳加工；精密压铸件",
    "模具、冲压件的生产；电机外壳、冲压件的生产；冲压件的生产、模具",
    # full-width letters, digits, brackets and spaces; letters and digits inside a run of Chinese characters
    "ＡＢＣ模具制造；电镀加工（不含危险化学品）；模具\u3000制造；ＰＤＣ复合片生产；TFT玻璃基板2代线；3C电机、BMS研发",
    # the same keyword again and again
    "模具、模具配件、模具钢、模具的生产与销售；电镀电镀加工；模具模具",
    # exclusion words right beside or around hits
    "电池回收及动力电池生产；汽车维修、汽车整车制造；玻璃深加工、电子玻璃生产；配件销售、矿山机械配件生产；电镀设备制造、电镀",
    "鞋胶机、鞋用胶生产；药品零售及化学药品制剂生产；纱线销售、纺纱加工；手机贴膜、面料贴膜",
]


@pytest.mark.parametrize("text", TRICKY)
def test_word_boundaries_are_jiebas_on_the_whole_clause(text: str, segments: list[Node]) -> None:
    """Cutting each run of characters once and keeping it gives exactly the cuts of jieba over the whole clause,
    the first time and when the runs are already kept."""
    fast, tokenizer = SegmentMatcher(segments), PreviousMatcher(segments)._tokenizer
    pieces = [*clauses(normalise_text(text)), normalise_text(text), "电机\r\n模具 电镀\t电机", "a  b\r\r\n电机"]
    for _ in range(2):
        for piece in pieces:
            jiebas = {0, len(piece)} | {cut for _, start, end in tokenizer.tokenize(piece) for cut in (start, end)}
            runs = fast._runs(piece, range(len(piece) + 1))
            assert {p for p in range(len(piece) + 1) if on_word_boundary(runs, p)} == jiebas, piece


@pytest.mark.parametrize("text", TRICKY)
def test_tricky_texts_get_the_plain_ties(text: str, segments: list[Node]) -> None:
    """In every field, fresh and again with the clause and run caches filled by the other tricky texts."""
    fast, plain = SegmentMatcher(segments), PreviousMatcher(segments, cached=False)
    for texts in (
        {"business_scope": text},
        {"main_products": text.split("；")[0], "business_scope": text},
        {"name": "样例" + text[:12] + "有限公司", "business_scope": text},
    ):
        assert _ties(fast, texts, []) == _ties(plain, texts, []), texts
    for other in TRICKY:
        fast.graded({"business_scope": other})
    assert _ties(fast, {"business_scope": text}, []) == _ties(plain, {"business_scope": text}, [])


def test_never_repeated_clauses_get_the_plain_ties(segments: list[Node]) -> None:
    """The realistic speed scopes whose free-text clauses never repeat: every clause is read afresh, its runs
    mostly kept from earlier clauses."""
    fast, plain = SegmentMatcher(segments), PreviousMatcher(segments)
    grades = set()
    for text in realistic_scopes(600, unique=2):
        expected = _ties(plain, {"business_scope": text}, [])
        assert _ties(fast, {"business_scope": text}, []) == expected, text
        grades |= {tie[4] for tie in expected}
    assert grades == set(MatchGrade)


def test_real_scopes_get_the_plain_ties(segments: list[Node]) -> None:
    """Real registrations (benchmarks/data/real_scopes.txt.xz): short free-text scopes whose clauses mostly never
    recur, where only the runs a short keyword's edge falls inside are cut; the plain path cuts every clause whole
    with jieba."""
    fast, plain = SegmentMatcher(segments), PreviousMatcher(segments)
    grades = set()
    for text in real_scopes()[:4000]:
        expected = _ties(plain, {"business_scope": text}, [])
        assert _ties(fast, {"business_scope": text}, []) == expected, text
        grades |= {tie[4] for tie in expected}
    assert grades == set(MatchGrade)


def _supplied_link_by_link(after: str, cast: bool) -> bool:
    """The equipment-after-keyword rule as first written, one link at a time: a casting part after the link ends
    the search (压铸外壳 is the casting itself)."""
    for link in ("", *FOR_PROCESS_LINK):
        if after.startswith(link):
            rest = after[len(link) :]
            if cast and rest.startswith(CAST_PARTS):
                break
            if (rest.startswith(FOR_PROCESS) and not rest.startswith(NOT_FOR_PROCESS)) or rest.startswith(FOR_USE):
                return True
            if FOR_PROCESS_MACHINE.match(rest):
                return True
    return False


@pytest.mark.parametrize("cast", [False, True])
def test_equipment_after_a_keyword_is_found_as_link_by_link(cast: bool) -> None:
    """The one match that replaced the loop over links gives its answer for every link, every word it looks for
    and every casting part, followed by nothing, a product or a mark; and so for the text after each hit of
    every labelled and never-repeated scope."""
    heads = ("", "机", "机壳", "机芯", "产品", "外", *FOR_PROCESS, *NOT_FOR_PROCESS, *FOR_USE, *CAST_PARTS)
    afters = [
        link + head + tail
        for link in ("", "及", *FOR_PROCESS_LINK)
        for head in heads
        for tail in ("", "生产", "、模具", "零件")
    ]
    matcher = SegmentMatcher(gap_segments()[0])
    texts = [t for scope in read_scopes() for t in scope.texts.values()] + realistic_scopes(300, unique=2)
    for clause in (c for text in texts for c in clauses(normalise_text(text))):
        afters += [clause[end + 1 :] for end, _ in matcher._scan(clause)]
    supplied = {after for after in afters if _supplied_link_by_link(after, cast)}
    assert len(supplied) > 100 and len(set(afters) - supplied) > 100
    assert {after for after in afters if _SUPPLIED_AFTER[cast].match(after)} == supplied


def test_only_upstream_keywords_qualify_a_later_product(
    segments: list[Node], matchers: tuple[SegmentMatcher, PreviousMatcher]
) -> None:
    """`clause_hits` looks for modifiers only where a keyword of upstream segments alone is among the hits: every
    modifier found in the labelled, never-repeated and varied scopes is such a keyword."""
    fast, _ = matchers
    texts = [t for scope in read_scopes() for t in scope.texts.values()] + realistic_scopes(600, unique=2)
    texts += [t for fields, _ in varied_texts(segments, 2000) for t in fields.values()]
    found = 0
    for clause in (c for text in texts for c in clauses(normalise_text(text))):
        hits = fast._scan(clause)
        spans = fast._modifiers(clause, hits) if len(hits) > 1 else []
        words = {clause[low : high + 1] for low, high, _ in spans}
        assert words <= fast._qualifiers, clause
        found += len(spans)
    assert found > 10


def test_searches_without_the_lookbehind_first_find_what_the_whole_pattern_finds() -> None:
    """`_making` and `_made_here` look for the verbs with the leading (?<!技术)/(?<!委托) left out, then try the whole
    pattern at each place: the same first match as `MAKING.search`/`MADE_HERE.search` on every clause of the
    labelled, real and never-repeated scopes and on every tail of those clauses (what a hit's item reads)."""
    texts = [t for scope in read_scopes() for t in scope.texts.values()] + realistic_scopes(300, unique=2)
    texts += [*real_scopes()[:2000], "新兴能源技术研发与生产", "技术研发；技术开发、委托生产", "药品委托生产及生产"]
    pieces = {c[i:] for text in texts for c in clauses(normalise_text(text)) for i in range(len(c))}
    rejected = 0
    for fast, pattern in ((_making, MAKING), (_made_here, MADE_HERE)):
        bare = re.compile(LEADING_LOOKBEHINDS.sub("", pattern.pattern))
        for piece in pieces:
            found, expected = fast(piece), pattern.search(piece)
            assert (found and found.span()) == (expected and expected.span()), piece
            candidate = bare.search(piece)
            rejected += candidate is not None and (expected is None or candidate.start() < expected.start())
    assert rejected > 10, "样本应含有动词前是“技术”“委托”、整个模式不认的片段"


def test_commas_after_verbs_are_read_as_the_whole_pattern_reads_them() -> None:
    """`verbs_across_commas` skips the substitution where no comma stands before a verb: the same text as
    `VERBS_THEN_COMMA.sub` on the labelled, real and never-repeated scopes, many of which it does change."""
    texts = [t for scope in read_scopes() for t in scope.texts.values()] + realistic_scopes(300, unique=2)
    texts += [*real_scopes(), "加工，销售热镀锌", "生产、销售，批发：五金", "制造，"]
    changed = 0
    for text in map(normalise_text, texts):
        expected = VERBS_THEN_COMMA.sub("\\1、", text)
        assert verbs_across_commas(text) == expected, text
        changed += expected != text
    assert changed > 50


def test_first_character_gates_pass_over_only_what_the_patterns_do_not_find() -> None:
    """The readings pass a text over by its first or last characters or one `in` before trying a pattern
    (`_bare_verbs`, `_unnoted`, `MAKING_FIRSTS`, `SERVICED_FIRSTS`, `SUPPLY_OPENINGS`, `_vehicle_made`,
    `VEHICLES_BEFORE_ENDS`): the same answers as the patterns alone on every tail, head and listed item of the clauses
    of the labelled, real and never-repeated scopes."""
    texts = [t for scope in read_scopes() for t in scope.texts.values()] + realistic_scopes(300, unique=2)
    texts += real_scopes()[:2000]
    parts = [c for text in texts for c in clauses(normalise_text(text))]
    pieces = {piece for c in parts for i in range(len(c)) for piece in (c[i:], c[:i])}
    pieces |= {item for piece in list(pieces) for item in piece.split("、")}
    found = [0, 0, 0, 0, 0, 0, 0]
    for piece in pieces:
        verbs = _BARE_VERBS.fullmatch(piece) is not None
        assert _bare_verbs(piece) == verbs, piece
        assert _unnoted(piece) == ITEM_NOTES.sub("", piece), piece
        made = MAKING.match(piece) is not None
        assert piece[:1] in MAKING_FIRSTS or not made, piece
        serviced = piece.startswith(SERVICED)
        assert piece[:1] in SERVICED_FIRSTS or not serviced, piece
        supplied = any(supply.match(piece) for supply in (*_SUPPLIED_AFTER, _SUPPLIED_PLATED))
        assert piece[:1] in SUPPLY_OPENINGS or not supplied, piece
        vehicle = VEHICLE_MADE.search(piece) is not None
        assert _vehicle_made(piece) == vehicle, piece
        listed = VEHICLES_BEFORE.search(piece) is not None
        assert piece.endswith(VEHICLES_BEFORE_ENDS) or not listed, piece
        for index, seen in enumerate((verbs, "(" in piece, made, serviced, supplied, vehicle, listed)):
            found[index] += seen
    assert min(found) > 50, found


def test_list_and_phrase_gates_answer_as_the_plain_patterns() -> None:
    """`_blank_closes_list` matches `SHARED_LIST` only where a 、 and a blank stand after the hit, and `_opening` cuts
    by one search instead of a split: the same answers as the plain patterns at every position of every clause of the
    labelled, real and never-repeated scopes."""
    texts = [t for scope in read_scopes() for t in scope.texts.values()] + realistic_scopes(300, unique=2)
    texts += real_scopes()[:2000]
    pieces = {c for text in texts for c in clauses(normalise_text(text))}
    pieces.add("汽车缸体、缸盖毛坯铸造")
    blanks = 0
    for clause in pieces:
        for at in range(len(clause) + 1):
            shared = SHARED_LIST.match(clause, at)
            plain = shared is not None and BLANK in shared.group().rsplit("、", 1)[-1]
            assert _blank_closes_list(clause, at) == plain, (clause, at)
            blanks += plain
            tail = clause[at:]
            assert _opening(tail, PHRASE_END) == PHRASE_END.split(tail, maxsplit=1)[0], tail
            assert _opening(tail, ITEM_END) == ITEM_END.split(tail, maxsplit=1)[0], tail
    assert blanks > 0
