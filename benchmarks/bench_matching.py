"""Match quality on the labelled business scopes, and matching speed, beside the matcher before grading.

    .venv/bin/python benchmarks/bench_matching.py [--json scores.json] [--speed 100000] [--against REV]

Reads `tests/fixtures/match_eval/` (synthetic scopes, each labelled by hand with the gap segments
it belongs to; see the README there) and matches every scope against the real seed with the
chain-template library. Precision and recall are counted over the seed's declared gap segments only
(缺失/要求引进/薄弱); a tie to a refinement of a gap segment (汽车制动系统 under 汽车关键零部件) counts
for that gap, as its target list is meant to cover it. Three predictions side by side:

- 基线: `BaselineMatcher`, a frozen copy of the keyword rule on main before grading (every hit is a tie);
- 确认: the graded matcher's 确认 ties (what a target list shows by default);
- 确认+待定: what a list shows when 待定 is asked for.

Scores are reported for all scopes and for each part: the tuning part of scopes.psv, its first
held-out third (ids whose number is divisible by 3; not looked at in the first tuning round, used for
tuning in the second), heldout2.psv (written before the second round, tuned on in the third) and
heldout3.psv (written before the third round, tuned on in the fourth) and heldout4.psv (written blind by
another engineer before the fourth round, never looked at while tuning; `--errors` never lists it).
`--against REV` also scores and times loaders/matching.py as committed at REV, in the same run.
`--speed N` times the matchers on N synthetic ~120-character scopes (as benchmarks/bench_analysis.py builds them):
the baseline, the graded matcher reading every clause afresh, and the graded matcher as shipped (clause cache).
Each synthetic scope ends in a shuffled, never-repeated filler clause, so the cache helps only with the keyword
clauses: real exports repeat far more (standard 经营范围规范表述 wordings).
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import platform
import random
import subprocess
import sys
import time
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

import ahocorasick
import jieba

from graph.model import Node, NodeLabel, RelType, texts_prop
from graph.vocabulary import DECLARED_GAPS, MatchGrade
from loaders.matching import (
    _RANK,
    CLAUSE_MARKS,
    CLAUSES_KEPT,
    EVIDENCE_LIMIT,
    EXTRA_KEYWORD_BONUS,
    FIELD_LABELS,
    FIELD_WEIGHTS,
    LONG_SCOPE,
    PENDING_FACTOR,
    STATED_FIELDS,
    ClauseHit,
    Hit,
    SegmentMatch,
    SegmentMatcher,
    Word,
    evidence_line,
    normalise_text,
    trades_only,
)
from loaders.seed import build_seed_graph

ROOT = Path(__file__).resolve().parent.parent
EVAL_DIR = ROOT / "tests" / "fixtures" / "match_eval"
FILLER = "生产销售加工制造技术开发咨询服务进出口贸易研发设计安装维修检测仓储物流材料设备配件"
PARTS = ("全部", "调参部分", "首轮留出", "第二留出", "第三留出", "第四留出")
HELD_OUT = {"heldout2.psv": "第二留出", "heldout3.psv": "第三留出", "heldout4.psv": "第四留出"}
UNSEEN = "第四留出"
"""The part never looked at while tuning: `--errors` never lists it."""
"""The held-out files and their parts; scopes.psv is split by id."""


class BaselineMatcher:
    """BASELINE ONLY — the matcher on main before evidence grading, frozen here to measure against.

    Any keyword hit on a word boundary (short keywords) outside an exclusion word is a tie; nothing
    is graded. Not used by the product.
    """

    def __init__(self, segments: Iterable[Node]) -> None:
        self._automaton = ahocorasick.Automaton()
        self._tokenizer = jieba.Tokenizer()
        by_keyword: dict[str, list[str]] = defaultdict(list)
        by_exclusion: dict[str, list[str]] = defaultdict(list)
        for segment in segments:
            for keyword in texts_prop(segment.properties, "keywords") or [segment.name]:
                by_keyword[normalise_text(keyword)].append(segment.id)
            for word in texts_prop(segment.properties, "exclude"):
                by_exclusion[normalise_text(word)].append(segment.id)
        self._tokenizer.initialize()
        total = self._tokenizer.total
        for word in by_keyword.keys() | by_exclusion.keys():
            ids = tuple(sorted(set(by_keyword.get(word, ()))))
            self._automaton.add_word(word, (word, ids, tuple(sorted(set(by_exclusion.get(word, ()))))))
            if ids:
                self._tokenizer.add_word(word, freq=100_000)
        self._tokenizer.total = total
        self._automaton.make_automaton()

    def match(self, texts: dict[str, str]) -> set[str]:
        found: set[str] = set()
        for raw in texts.values():
            text = normalise_text(raw or "")
            hits = list(self._automaton.iter(text)) if text else []
            if not hits:
                continue
            vetoes: dict[str, list[tuple[int, int]]] = defaultdict(list)
            for end, (word, _, excluded_ids) in hits:
                for sid in excluded_ids:
                    vetoes[sid].append((end - len(word) + 1, end))
            cuts = {0}
            if any(len(word) <= 2 and ids for _, (word, ids, _) in hits):
                for _, start, stop in self._tokenizer.tokenize(text):
                    cuts.update((start, stop))
            for end, (keyword, segment_ids, _) in hits:
                start = end - len(keyword) + 1
                if not segment_ids or not (len(keyword) > 2 or (start in cuts and end + 1 in cuts)):
                    continue
                for sid in segment_ids:
                    if not any(low <= start and end <= high for low, high in vetoes.get(sid, ())):
                        found.add(sid)
        return found


@dataclass(frozen=True)
class Scope:
    id: str
    texts: dict[str, str]
    expected: frozenset[str]
    part: str


@dataclass
class Count:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0


def read_scopes(folder: Path = EVAL_DIR) -> list[Scope]:
    """The labelled scopes: id|主营产品|经营范围|期望环节 (+-separated)|说明; '#' lines are comments."""
    scopes = []
    for name in ("scopes.psv", *HELD_OUT):
        for line in (folder / name).read_text(encoding="utf-8").splitlines():
            if not line.strip() or line.startswith("#"):
                continue
            ident, products, scope, expected, _ = line.split("|")
            texts = {"main_products": products, "business_scope": scope}
            labels = frozenset(e for e in expected.split("+") if e)
            if name in HELD_OUT:
                part = HELD_OUT[name]
            else:
                part = "首轮留出" if int(ident[2:]) % 3 == 0 else "调参部分"
            scopes.append(Scope(ident, {k: v for k, v in texts.items() if v}, labels, part))
    return scopes


def gap_segments() -> tuple[list[Node], dict[str, str]]:
    """All seed segments, and {segment id: gap segment name} for the gaps and their refinements."""
    seed = build_seed_graph()
    segments = [n for n in seed.nodes if n.label == NodeLabel.SEGMENT]
    gaps = {n.id: n.name for n in segments if n.properties.get("plan_status") in DECLARED_GAPS}
    parents = {r.start: r.end for r in seed.relationships if r.type == RelType.REFINES}
    owner = dict(gaps)
    for child, parent in parents.items():
        if parent in gaps:
            owner.setdefault(child, gaps[parent])
    return segments, owner


def score(
    scopes: list[Scope], predict: Callable[[Scope], set[str]], owner: dict[str, str]
) -> dict[str, dict[str, Count]]:
    """{part: {gap segment or '合计': Count}} for one way of predicting a scope's segment ids."""
    counts: dict[str, dict[str, Count]] = {part: defaultdict(Count) for part in PARTS}
    for scope in scopes:
        predicted = {owner[sid] for sid in predict(scope) if sid in owner}
        parts = ("全部", scope.part)
        for name in predicted | scope.expected:
            hit = name in predicted and name in scope.expected
            for part in parts:
                for key in (name, "合计"):
                    count = counts[part][key]
                    if hit:
                        count.tp += 1
                    elif name in predicted:
                        count.fp += 1
                    else:
                        count.fn += 1
    return counts


def matching_at(rev: str) -> ModuleType:
    """loaders/matching.py as committed at git revision `rev`, imported under its own name: the rules as they
    were, to score and time beside today's in the same run."""
    shown = subprocess.run(["git", "show", f"{rev}:loaders/matching.py"], cwd=ROOT, capture_output=True, text=True)
    if shown.returncode:
        raise SystemExit(f"读不到版本 {rev} 的 loaders/matching.py：{shown.stderr.strip()}（请给出本仓库中的提交）")
    module = ModuleType(f"matching_at_{rev}")
    sys.modules[module.__name__] = module  # dataclasses look their module up while the class is built
    exec(compile(shown.stdout, f"{rev}:loaders/matching.py", "exec"), module.__dict__)
    return module


def evaluate(
    scopes: list[Scope] | None = None, earlier: ModuleType | None = None, rev: str = ""
) -> dict[str, dict[str, dict[str, Count]]]:
    """{method: {part: {segment: Count}}} for 基线, 确认 and 确认+待定 over the labelled set, and for 确认 and
    确认+待定 under the rules of `earlier` (loaders/matching.py at `rev`) when given."""
    scopes = read_scopes() if scopes is None else scopes
    segments, owner = gap_segments()
    unknown = {e for s in scopes for e in s.expected} - set(owner.values())
    if unknown:
        raise SystemExit(f"标注中有不是缺口环节的名称：{sorted(unknown)}")
    baseline = BaselineMatcher(segments)
    results = {"基线": score(scopes, lambda s: baseline.match(s.texts), owner)}
    graders = [("", SegmentMatcher(segments))]
    if earlier is not None:
        graders.insert(0, (f"（{rev}）", earlier.SegmentMatcher(segments)))
    for suffix, graded in graders:
        grades = {s.id: graded.graded(s.texts) for s in scopes}
        for method, lowest in (("确认", MatchGrade.CONFIRMED), ("确认+待定", MatchGrade.PENDING)):
            results[method + suffix] = score(scopes, _at_least(grades, lowest), owner)
    return results


def _at_least(grades: dict[str, list[SegmentMatch]], lowest: MatchGrade) -> Callable[[Scope], set[str]]:
    """A prediction: the segments a scope is tied to at grade `lowest` or better."""
    return lambda scope: {m.segment_id for m in grades[scope.id] if _RANK[m.grade] >= _RANK[lowest]}


def _previous_normalise(text: str) -> str:
    """BASELINE ONLY — `normalise_text` before the full-width fast path: NFKC on every text."""
    if not text.isprintable():
        text = "".join(
            (" " if c.isspace() else "") if unicodedata.category(c) in ("Cc", "Cf", "Cs", "Zl", "Zp") else c
            for c in text
        )
    return unicodedata.normalize("NFKC", text).strip()


class _Tie(SegmentMatch):
    """BASELINE ONLY — a tie updated hit by hit, as `SegmentMatch.add` did before hits were folded once."""

    def add(self, keyword: str, field_name: str, grade: MatchGrade = MatchGrade.CONFIRMED, why: str = "") -> None:
        line = f"{FIELD_LABELS[field_name]}“{keyword}”" + (f"：{why}" if why else "")
        if _RANK[grade] > _RANK[self.grade]:
            self.grade, self.evidence = grade, []
        if grade == self.grade and line not in self.evidence and len(self.evidence) < EVIDENCE_LIMIT:
            self.evidence.append(line)
        if grade == MatchGrade.EXCLUDED:
            return
        if keyword not in self.keywords:
            self.keywords.append(keyword)
        if field_name not in self.fields:
            self.fields.append(field_name)
        self._weight = max(self._weight, FIELD_WEIGHTS[field_name])
        strength = min(1.0, self._weight + EXTRA_KEYWORD_BONUS * (len(self.keywords) - 1))
        self.confidence = round(strength * (1.0 if self.grade == MatchGrade.CONFIRMED else PENDING_FACTOR), 2)

    def as_match(self) -> SegmentMatch:
        return SegmentMatch(
            self.segment_id, self.keywords, self.fields, self.confidence, self.grade, self.evidence, self._weight
        )


class PreviousMatcher(SegmentMatcher):
    """BASELINE ONLY — the graded matcher as shipped before the speed work (commit a4f2d86), frozen here as the
    reference the fast path must equal: NFKC on every text, clauses cut by regular expression, one cache of
    clause readings shared by all fields (or none, `cached=False`, as before the cache), pyahocorasick's
    automaton, each hit applied to its tie one by one. It shares with the product only the keyword table, how
    the hits of one clause are read (`clause_hits` given the scan) and the rule across fields for traders
    (`trades_only`, added after the speed work), none of which the speed work changed.
    """

    def __init__(self, segments: Iterable[Node], *, cached: bool = True) -> None:
        super().__init__(segments)
        self._cached = cached
        self._readings: dict[str, tuple[ClauseHit, ...]] = {}
        self._pyautomaton = ahocorasick.Automaton()
        for entry in self._words:
            self._pyautomaton.add_word(entry[0], entry)
        self._pyautomaton.make_automaton()

    def graded(self, texts: dict[str, str], industries: Iterable[str] = ()) -> list[SegmentMatch]:
        found: dict[str, _Tie] = {}
        hits: dict[str, list[Hit]] = defaultdict(list)
        for field_name, raw in texts.items():
            text = _previous_normalise(raw or "")
            if text:
                self._read_field(field_name, text, found, hits)
        for industry in industries:
            if industry.isdigit():
                for code in dict.fromkeys((industry, industry[:3])):
                    for sid in self._codes.get(code, []):
                        found.setdefault(sid, _Tie(sid)).add(industry, "industry_code", why=f"小类 {code}")
                        hits[sid].append((sid, 2, industry, "industry_code", f"小类 {code}", 0.0))
            for sid in self._industries.get(industry, []):
                found.setdefault(sid, _Tie(sid)).add(industry, "industry", why="申万行业")
                hits[sid].append((sid, 2, industry, "industry", "申万行业", 0.0))
        scope_clauses = CLAUSE_MARKS.split(_previous_normalise(texts.get("business_scope") or ""))
        trades_only(list(found.values()), hits, scope_clauses)
        long_scope = (
            texts.get("main_products")
            and len(CLAUSE_MARKS.findall(_previous_normalise(texts.get("business_scope") or ""))) >= LONG_SCOPE
        )
        if long_scope:
            for m in found.values():
                if m.grade == MatchGrade.CONFIRMED and m.fields == ["business_scope"]:
                    m.grade, m.evidence = MatchGrade.PENDING, [*m.evidence, "长经营范围中的一项，主营产品未提及"]
                    m.confidence = round(m.confidence * PENDING_FACTOR, 2)
        return [t.as_match() for t in sorted(found.values(), key=lambda m: m.segment_id)]

    def _read_field(self, field_name: str, text: str, found: dict[str, _Tie], hits: dict[str, list[Hit]]) -> None:
        stated = field_name in STATED_FIELDS
        low = 0
        for mark in [*CLAUSE_MARKS.finditer(text), None]:
            high = mark.start() if mark else len(text)
            for keyword, segment_ids, grade, why, veto in self._reading(text[low:high]):
                if veto:
                    grade, why = MatchGrade.EXCLUDED, f"排除词“{veto}”"
                elif stated and grade == MatchGrade.PENDING:
                    grade, why = MatchGrade.CONFIRMED, ""
                for sid in segment_ids:
                    found.setdefault(sid, _Tie(sid)).add(keyword, field_name, grade, why)
                    hits[sid].append(
                        (sid, _RANK[grade], keyword, field_name, evidence_line(keyword, field_name, why), 0)
                    )
            low = high + 1

    def _reading(self, clause: str) -> tuple[ClauseHit, ...]:
        known = self._readings.get(clause)
        if known is not None:
            return known
        read = tuple(self.clause_hits(clause))
        if self._cached:
            if len(self._readings) >= CLAUSES_KEPT:
                self._readings.clear()
            self._readings[clause] = read
        return read

    def _scan(self, clause: str) -> list[tuple[int, Word]]:
        return list(self._pyautomaton.iter(clause)) if clause else []


def synthetic_scopes(segments: list[Node], count: int, seed: int = 7) -> list[str]:
    """~120-character scopes: three segment keywords as clauses, then a shuffled, never-repeated filler clause."""
    rng = random.Random(seed)
    keywords = sorted({k for n in segments for k in texts_prop(n.properties, "keywords")})
    return [
        "；".join(rng.sample(keywords, 3)) + "；" + "".join(rng.sample(FILLER, len(FILLER)))[:90] for _ in range(count)
    ]


MARKS = ("；", "，", "。", ";", ",", "、", "  ", "\n", " ", "\t", "（", "）", "：", "\u3000", "\u200b")
WORDS = ("生产", "销售", "加工", "设备", "批发", "用", "的电镀", "培训", "制造", "材料", "不含生产", "及", "研发")


def varied_texts(segments: list[Node], count: int, seed: int = 11) -> list[tuple[dict[str, str], list[str]]]:
    """Enterprises whose texts mix keywords, exclusion words, verbs and every kind of clause mark (full-width,
    runs of spaces, line breaks, invisible characters), in names, main products, long and short scopes, with
    industry codes: inputs on which a faster matcher must give exactly the previous matcher's ties."""
    rng = random.Random(seed)
    keywords = sorted({k for n in segments for k in texts_prop(n.properties, "keywords")})
    excluded = sorted({k for n in segments for k in texts_prop(n.properties, "exclude")}) or keywords
    codes = sorted({c for n in segments for c in texts_prop(n.properties, "gbt4754")}) or ["3360"]

    def text(pieces: int) -> str:
        out = []
        for _ in range(pieces):
            out.append(rng.choice((rng.choice(keywords), rng.choice(keywords), rng.choice(excluded))))
            out.append(rng.choice(WORDS) if rng.random() < 0.6 else "")
            out.append(rng.choice(MARKS))
        return "".join(out)

    enterprises = []
    for _ in range(count):
        texts = {"business_scope": text(rng.randint(1, 14))}
        if rng.random() < 0.4:
            texts["main_products"] = text(rng.randint(1, 3))
        if rng.random() < 0.3:
            texts["name"] = "样例" + text(1) + "有限公司"
        industries = [rng.choice(codes) + rng.choice(("", "1"))] if rng.random() < 0.2 else []
        enterprises.append((texts, industries))
    return enterprises


def _speed(count: int, earlier: ModuleType | None = None, rev: str = "") -> dict[str, tuple[float, float]]:
    """{matcher: (scopes per CPU second, scopes per wall second)} on the same synthetic scopes, one after another."""
    segments, _ = gap_segments()
    texts = synthetic_scopes(segments, count)
    rates = {}
    matchers: list[tuple[str, BaselineMatcher | SegmentMatcher]] = [
        ("基线（分级之前的关键词规则）", BaselineMatcher(segments)),
        ("分级，逐句重读", PreviousMatcher(segments, cached=False)),
        ("分级，分句缓存", PreviousMatcher(segments)),
        ("分级，折叠命中（现行）", SegmentMatcher(segments)),
    ]
    if earlier is not None:
        matchers.insert(3, (f"分级，折叠命中（{rev} 的规则）", earlier.SegmentMatcher(segments)))
    for label, matcher in matchers:
        cpu, wall = time.process_time(), time.perf_counter()
        for text in texts:
            matcher.match({"business_scope": text})
        rates[label] = (count / (time.process_time() - cpu), count / (time.perf_counter() - wall))
    return rates


def _pct(value: float) -> str:
    return f"{100 * value:.1f}%"


def report(results: dict[str, dict[str, dict[str, Count]]], scopes: list[Scope]) -> str:
    """Markdown: overall precision/recall per part and method, then per gap segment (all scopes, last held-out part)."""
    sizes = "、".join(f"{part} {sum(s.part == part for s in scopes)}" for part in PARTS[1:])
    lines = [
        f"{len(scopes)} 条经营范围（{sizes}）",
        "",
        "| 部分 | 方法 | 精确率 | 召回率 | TP | FP | FN |",
        "|---|---|---|---|---|---|---|",
    ]
    for part in PARTS:
        for method, parts in results.items():
            c = parts[part]["合计"]
            lines.append(f"| {part} | {method} | {_pct(c.precision)} | {_pct(c.recall)} | {c.tp} | {c.fp} | {c.fn} |")
    for part in ("全部", UNSEEN):
        lines += ["", f"各缺口环节（{part}）：", ""]
        lines += ["| 环节 | " + " | ".join(f"{method} P / R" for method in results) + " |"]
        lines.append("|---" * (len(results) + 1) + "|")
        names = sorted(k for k in results["确认"][part] if k != "合计")
        for name in names:
            cells = [f"{_pct(by[part][name].precision)} / {_pct(by[part][name].recall)}" for by in results.values()]
            lines.append(f"| {name} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", type=Path, help="也把合计数字写成 JSON（测试读取）")
    parser.add_argument("--speed", type=int, default=0, help="再用 N 条合成经营范围测量匹配速度")
    parser.add_argument("--errors", action="store_true", help="列出调过参的部分（第四留出除外）中“确认”判错的经营范围")
    parser.add_argument("--against", metavar="REV", help="同一次运行中也评测、计时该 git 版本的 loaders/matching.py")
    args = parser.parse_args()
    jieba.setLogLevel(logging.WARNING)
    scopes = read_scopes()
    earlier = matching_at(args.against) if args.against else None
    results = evaluate(scopes, earlier, args.against or "")
    print(f"# 匹配质量（{time.strftime('%Y-%m-%d')}，{platform.machine()}，Python {platform.python_version()}）\n")
    print(report(results, scopes))
    if args.errors:
        segments, owner = gap_segments()
        matcher = SegmentMatcher(segments)
        for scope in scopes:
            if scope.part == UNSEEN:
                continue
            graded = matcher.graded(scope.texts)
            got = {owner[m.segment_id] for m in graded if m.grade == MatchGrade.CONFIRMED and m.segment_id in owner}
            if got != scope.expected:
                why = [(owner.get(m.segment_id, m.segment_id), m.grade.label, m.evidence) for m in graded]
                print(f"{scope.id} 期望 {sorted(scope.expected)} 得到 {sorted(got)} {why}")
    if args.speed:
        load = os.getloadavg()[0]
        rates = _speed(args.speed, earlier, args.against or "")
        after = os.getloadavg()[0]
        print(f"\n匹配速度（{args.speed:,} 条约 120 字合成经营范围；1 分钟平均负载 {load:.1f} → {after:.1f}）：")
        print("\n| 匹配器 | 条/秒（CPU 时间） | 条/秒（墙钟） |\n|---|---|---|")
        for label, (cpu, wall) in rates.items():
            print(f"| {label} | {cpu:,.0f} | {wall:,.0f} |")
    if args.json:
        totals = {
            method: {part: {"precision": c["合计"].precision, "recall": c["合计"].recall} for part, c in parts.items()}
            for method, parts in results.items()
        }
        args.json.write_text(json.dumps(totals, ensure_ascii=False, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
