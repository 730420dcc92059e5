"""How well `chainkg extract` recovers the hand-curated seed from the shipped plan, and how fast.

    .venv/bin/python benchmarks/bench_extract.py

Matches, one-to-one: chains by name (or alias); plan statuses by status, a name that contains or is
contained in the curated segment's name, alias or keyword, and a quote overlapping the curated quote;
parks by name with 一主一特 and target value; indicators by name with unit, base and target exact;
enterprises and projects by a name that contains or is contained in the curated name or an alias.
"""

from __future__ import annotations

import glob
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from loaders.extract.draft import extract_facts
from loaders.extract.rules import Fact
from loaders.plan_text import PLAN_FILE, normalise
from loaders.seed import SEED_DIR


def _overlap(a: str, b: str) -> bool:
    x, y = normalise(a), normalise(b)
    return x in y or y in x


def _match(found: list[Fact], curated: list[Any], same: Callable[[Fact, Any], bool]) -> dict[str, float]:
    used: set[int] = set()
    hits = 0
    for item in curated:
        for i, fact in enumerate(found):
            if i not in used and same(fact, item):
                used.add(i)
                hits += 1
                break
    return {
        "curated": len(curated),
        "extracted": len(found),
        "matched": hits,
        "recall": hits / max(len(curated), 1),
        "precision": hits / max(len(found), 1),
    }


def score() -> dict[str, Any]:
    extraction = extract_facts(PLAN_FILE)
    facts = extraction.facts
    chain_docs = [
        yaml.safe_load(Path(p).read_text(encoding="utf-8")) for p in glob.glob(str(SEED_DIR / "chains/*.yaml"))
    ]
    chains = [c for d in chain_docs for c in d.get("chains", [])]
    segments = [s for d in chain_docs for s in d.get("segments", []) if s.get("plan_status")]
    parks = yaml.safe_load((SEED_DIR / "parks.yaml").read_text(encoding="utf-8"))["parks"]
    indicators = yaml.safe_load((SEED_DIR / "indicators.yaml").read_text(encoding="utf-8"))["indicators"]

    def by(kind: str) -> list[Fact]:
        return [f for f in facts if f.kind == kind]

    def status_same(fact: Fact, seg: dict[str, Any]) -> bool:
        words = [seg["name"], *seg.get("aliases", []), *seg.get("keywords", [])]
        named = any(w in fact.name or fact.name in w for w in words)
        quoted = any(_overlap(fact.quote, e["quote"]) for e in seg["status_evidence"])
        return fact.data["status"] == seg["plan_status"] and named and quoted

    targets = {f.name: f for f in by("park_target")}
    short_targets = {f.data.get("county_short"): f for f in by("park_target") if f.data.get("county_short")}

    def park_target(name: str) -> float | None:
        fact = targets.get(name) or next((f for s, f in short_targets.items() if s and name.startswith(s)), None)
        return fact.data["value"] if fact else None

    park_facts = by("park") + [f for f in by("park_target") if "county_short" not in f.data]

    def park_same(fact: Fact, park: dict[str, Any]) -> bool:
        if fact.name != park["name"]:
            return False
        target = (park.get("output_target_2025") or {}).get("value")
        main_ok = fact.kind != "park" or (
            fact.data["main"] == park.get("main_industry") and fact.data["special"] == park.get("special_industry")
        )
        return main_ok and park_target(fact.name) == target

    def indicator_same(fact: Fact, ind: dict[str, Any]) -> bool:
        d = fact.data
        return (fact.name, d["unit"], d["value_2020"], d["target_2025"], d.get("target_text")) == (
            ind["name"].replace(" ", ""),
            ind["unit"],
            ind.get("value_2020"),
            ind.get("target_2025"),
            ind.get("target_text"),
        )

    def chain_same(fact: Fact, chain: dict[str, Any]) -> bool:
        return fact.name in (chain["name"], *chain.get("aliases", []))

    def named_same(fact: Fact, item: dict[str, Any]) -> bool:
        return any(fact.name in name or name in fact.name for name in (item["name"], *item.get("aliases", [])))

    enterprises = yaml.safe_load((SEED_DIR / "enterprises.yaml").read_text(encoding="utf-8"))["enterprises"]
    projects = yaml.safe_load((SEED_DIR / "projects.yaml").read_text(encoding="utf-8"))["projects"]
    chars = sum(len(p) for p in extraction.paragraphs)
    return {
        "chains": _match(by("chain"), chains, chain_same),
        "plan_statuses": _match(by("status"), segments, status_same),
        "parks": _match(park_facts, parks, park_same),
        "indicators": _match(by("indicator"), indicators, indicator_same),
        "enterprises": _match(by("enterprise"), enterprises, named_same),
        "projects": _match(by("project"), projects, named_same),
        "seconds": round(extraction.seconds, 3),
        "characters": chars,
        "pages_estimated": extraction.pages,
        "pages_per_second": round(extraction.pages / max(extraction.seconds, 1e-9), 1),
    }


if __name__ == "__main__":
    print(json.dumps(score(), ensure_ascii=False, indent=2))
