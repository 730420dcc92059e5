"""The matcher's own segmenter (loaders/segmenting.py, compiled by scripts/setup) cuts every run exactly as jieba's
`Tokenizer.tokenize` does with the matcher's dictionary: on runs written to reach each of jieba's paths, and on every
run of the labelled scopes, the 20,000 real scopes of the speed set and the synthetic speed set."""

from __future__ import annotations

import jieba
import pytest
from bench_matching import gap_segments, read_scopes, real_scopes, synthetic_scopes

from graph.model import Node, NodeLabel
from loaders.matching import SegmentMatcher, clauses, normalise_text, verbs_across_commas

RUNS = [
    # dictionary words, keywords added with a high frequency, and a keyword inside a dictionary compound
    "发电机组生产",
    "科力尔电机制造",
    "汽车模具制造",
    "压铸模具钢",
    "冲压件的生产",
    # letters, digits and jieba's other run characters (+#&._%-) beside Chinese characters
    "PDC复合片生产",
    "TFT玻璃基板2代线",
    "3C电机",
    "BMS研发",
    "18650锂电池",
    "12.5%",
    "C++开发",
    "A-B_C#D&E",
    "0.3mm以下",
    "ABC",
    "a",
    # stretches of single characters no dictionary word covers: the hidden Markov model cuts them
    "犇骉羴鱻",
    "永州市冷水滩区",
    "湘永鑫达",
    "道县锦华",
    "宁远县舜陵镇",
    "江华瑶族自治县沱江镇",
    "硚口区",
    "鑫淼焱垚",
    "吖啶氮杂萘",
    "x犇y骉z",
    # a long run
    "永州市零陵区富家桥镇工业园区内从事汽车零部件模具钢电机外壳压铸件及精密铸造件的研发生产与销售",
]


@pytest.fixture(scope="module")
def matcher() -> SegmentMatcher:
    segments: list[Node] = gap_segments()[0]
    return SegmentMatcher(segments)


def _jiebas(matcher: SegmentMatcher, run: str) -> list[int]:
    return [end for _, _, end in matcher._tokenizer.tokenize(run)]


@pytest.mark.parametrize("run", RUNS)
def test_a_run_is_cut_as_jieba_cuts_it(matcher: SegmentMatcher, run: str) -> None:
    assert jieba.re_han_default.fullmatch(run), run
    assert matcher._segmenter.word_ends(run) == _jiebas(matcher, run)


def test_every_run_of_the_labelled_real_and_synthetic_scopes_is_cut_as_jieba_cuts_it(matcher: SegmentMatcher) -> None:
    """Every distinct run the matcher could ask about (cut from normalised clauses, as `_runs` cuts them)."""
    texts = [text for scope in read_scopes() for text in scope.texts.values()]
    texts += real_scopes() + synthetic_scopes(gap_segments()[0], 3000)
    runs = {
        run.group()
        for text in texts
        for clause in clauses(verbs_across_commas(normalise_text(text)))
        for run in jieba.re_han_default.finditer(clause)
    }
    assert len(runs) > 50_000
    different = [run for run in sorted(runs) if matcher._segmenter.word_ends(run) != _jiebas(matcher, run)]
    assert different == []


def _segment(name: str) -> Node:
    """A segment whose only keyword is its name."""
    return Node(id=f"segment:{name}", label=NodeLabel.SEGMENT, properties={"name": name})


def _cuts(matcher: SegmentMatcher, run: str) -> list[int]:
    """The matcher's cuts of `run`, checked against jieba's with the matcher's own dictionary."""
    ends = matcher._segmenter.word_ends(run)
    assert ends == _jiebas(matcher, run)
    return ends


def test_each_matcher_cuts_with_its_own_keywords_only() -> None:
    """jieba's dictionary is read once per process and copied for each matcher: the keywords one matcher adds never
    reach another, built before or after it (jieba alone cuts 压铸|模具钢材|生产)."""
    run = "压铸模具钢材生产"
    dies = SegmentMatcher([_segment("压铸模具")])
    assert _cuts(dies, run) == [4, 6, 8], "压铸模具|钢材|生产"
    steel = SegmentMatcher([_segment("钢材生产")])
    assert _cuts(steel, run) == [3, 4, 8], "压铸模|具|钢材生产: no 压铸模具 from the first matcher"
    assert _cuts(dies, run) == [4, 6, 8], "the first matcher cuts as before the second was built"
    both = SegmentMatcher([_segment("压铸模具"), _segment("钢材生产")])
    assert _cuts(both, run) == [4, 8], "both keywords cut otherwise: had either matcher the other's, it would cut so"
