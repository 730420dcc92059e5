"""Which segments an enterprise's text speaks of: one pass over many keywords, with Chinese word boundaries.

Every segment has a keyword dictionary (its name and synonyms, e.g. 模具/冲压模/注塑模/模架) and may
name Shenwan industries. An Aho-Corasick automaton finds every keyword in a text in one pass;
a hit of a short keyword counts only where it starts and ends on a word boundary of jieba's
segmentation (with the keywords added to its dictionary), so "电机" is found in "科力尔电机" but
not inside "发电机组"; longer keywords are specific enough on their own, which keeps the pass fast.
A segment's exclusion words (from the chain-template library: 永磁设备 for 稀土永磁材料, 电镀设备 for
电镀/表面处理) veto its keyword hits that lie inside them, in the same pass; hits elsewhere still count.
Matching happens once, when enterprises are loaded or imported; targeting then reads the result.
"""

from __future__ import annotations

import logging
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

import ahocorasick
import jieba

from graph.model import GraphData, Node, NodeLabel, Relationship, RelType, Source, texts_prop

FIELD_WEIGHTS = {"name": 0.9, "full_name": 0.9, "business_scope": 0.7, "industry": 0.6}
FIELD_LABELS = {"name": "简称", "full_name": "全称", "business_scope": "经营范围", "industry": "所属行业"}
EXTRA_KEYWORD_BONUS = 0.05
MATCH_NOTE = "由企业名称、行业或经营范围与环节关键词自动匹配，可更正"
CORRECTION = "人工更正"
SHORT_KEYWORD = 2
"""Keywords this short ("电机", "模具") must sit on word boundaries; longer ones are specific enough alone."""
KEYWORD_FREQUENCY = 100_000
"""jieba frequency given to each keyword: far above ordinary words, so a keyword is kept whole where it occurs."""

jieba.setLogLevel(logging.WARNING)


def normalise_text(text: str) -> str:
    """Full-width letters, digits and brackets to half-width; the form both texts and keywords are matched in.

    Control characters (NUL, C0, C1), zero-width and bidi-override characters (Unicode Cf) and lone
    surrogates are removed, and line breaks and tabs become spaces: invisible differences must not
    make two names look distinct, nor reach a file an export writes.
    """
    if not text.isprintable():
        text = "".join(
            (" " if c.isspace() else "") if unicodedata.category(c) in ("Cc", "Cf", "Cs", "Zl", "Zp") else c
            for c in text
        )
    return unicodedata.normalize("NFKC", text).strip()


@dataclass
class SegmentMatch:
    segment_id: str
    keywords: list[str] = field(default_factory=list)
    fields: list[str] = field(default_factory=list)
    confidence: float = 0.0

    def add(self, keyword: str, field_name: str) -> None:
        if keyword not in self.keywords:
            self.keywords.append(keyword)
        if field_name not in self.fields:
            self.fields.append(field_name)
        best = max(FIELD_WEIGHTS[f] for f in self.fields)
        self.confidence = round(min(1.0, best + EXTRA_KEYWORD_BONUS * (len(self.keywords) - 1)), 2)


class SegmentMatcher:
    """Built once from the segments in a graph; `match` is then cheap per enterprise."""

    def __init__(self, segments: Iterable[Node]) -> None:
        self._automaton = ahocorasick.Automaton()
        self._industries: dict[str, list[str]] = defaultdict(list)
        self._tokenizer = jieba.Tokenizer()
        by_keyword: dict[str, list[str]] = defaultdict(list)
        by_exclusion: dict[str, list[str]] = defaultdict(list)
        for segment in segments:
            for keyword in texts_prop(segment.properties, "keywords") or [segment.name]:
                by_keyword[normalise_text(keyword)].append(segment.id)
            for word in texts_prop(segment.properties, "exclude"):
                by_exclusion[normalise_text(word)].append(segment.id)
            for industry in texts_prop(segment.properties, "sw_industries"):
                self._industries[industry].append(segment.id)
        self._tokenizer.initialize()
        dictionary_total = self._tokenizer.total
        for word in by_keyword.keys() | by_exclusion.keys():
            keyword_ids = tuple(sorted(set(by_keyword.get(word, ()))))
            self._automaton.add_word(word, (word, keyword_ids, tuple(sorted(set(by_exclusion.get(word, ()))))))
            if keyword_ids:
                self._tokenizer.add_word(word, freq=KEYWORD_FREQUENCY)
        # add_word adds each frequency to the total; thousands of keywords would then make every split into
        # two words cost more than a rare dictionary compound ("汽车模具" swallowing the keyword 模具)
        self._tokenizer.total = dictionary_total
        self.keyword_count = len(by_keyword)
        if by_keyword:
            self._automaton.make_automaton()

    def _boundaries(self, text: str) -> set[int]:
        cuts = {0}
        for _, start, end in self._tokenizer.tokenize(text):
            cuts.update((start, end))
        return cuts

    def match(self, texts: dict[str, str], industries: Iterable[str] = ()) -> list[SegmentMatch]:
        """Segments named by `texts` (field → text; fields as in FIELD_WEIGHTS) or by Shenwan `industries`."""
        found: dict[str, SegmentMatch] = {}
        if self.keyword_count:
            for field_name, raw in texts.items():
                text = normalise_text(raw or "")
                hits = list(self._automaton.iter(text)) if text else []
                if not hits:
                    continue
                vetoes: dict[str, list[tuple[int, int]]] = defaultdict(list)
                for end, (word, _, excluded_ids) in hits:
                    for sid in excluded_ids:
                        vetoes[sid].append((end - len(word) + 1, end))
                needs_words = any(len(word) <= SHORT_KEYWORD and ids for _, (word, ids, _) in hits)
                cuts = self._boundaries(text) if needs_words else set()
                for end, (keyword, segment_ids, _) in hits:
                    start = end - len(keyword) + 1
                    if not segment_ids or not (len(keyword) > SHORT_KEYWORD or (start in cuts and end + 1 in cuts)):
                        continue
                    for sid in segment_ids:
                        if not any(low <= start and end <= high for low, high in vetoes.get(sid, ())):
                            found.setdefault(sid, SegmentMatch(sid)).add(keyword, field_name)
        for industry in industries:
            for sid in self._industries.get(industry, []):
                found.setdefault(sid, SegmentMatch(sid)).add(industry, "industry")
        return sorted(found.values(), key=lambda m: m.segment_id)


def enterprise_texts(enterprise: Node) -> tuple[dict[str, str], list[str]]:
    """The texts and Shenwan industries of an enterprise that matching reads."""
    props = enterprise.properties
    texts = {key: str(props[key]) for key in ("name", "full_name", "business_scope") if props.get(key)}
    industry_text = " ".join(str(props[k]) for k in ("industry", "industry_2016") if props.get(k))
    if industry_text:
        texts["industry"] = industry_text
    industries = [str(props[k]) for k in ("sw_l3",) if props.get(k)]
    return texts, industries


def matched_tie(enterprise_id: str, match: SegmentMatch) -> Relationship:
    """The OPERATES_IN relationship recording a keyword match (source 推导, with its confidence)."""
    return Relationship(
        type=RelType.OPERATES_IN,
        start=enterprise_id,
        end=match.segment_id,
        properties={
            "source": Source.DERIVED.value,
            "basis": "关键词匹配",
            "keywords": match.keywords,
            "fields": match.fields,
            "confidence": match.confidence,
            "note": MATCH_NOTE,
        },
    )


def match_enterprises(segments: Iterable[Node], enterprises: Iterable[Node]) -> list[Relationship]:
    """OPERATES_IN relationships from each enterprise to every segment its texts name."""
    matcher = SegmentMatcher([s for s in segments if s.label == NodeLabel.SEGMENT])
    relationships = []
    for enterprise in enterprises:
        texts, industries = enterprise_texts(enterprise)
        relationships += [matched_tie(enterprise.id, match) for match in matcher.match(texts, industries)]
    return relationships


def with_matches(seed: GraphData, enterprises: GraphData) -> GraphData:
    """The enterprises plus their keyword-matched OPERATES_IN relationships to the seed's segments."""
    rels = match_enterprises(seed.nodes, enterprises.nodes)
    return GraphData(nodes=enterprises.nodes, relationships=[*enterprises.relationships, *rels])
