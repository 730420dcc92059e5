"""Extracted facts → a draft seed directory in the shipped seed format, loadable with `chainkg load --seed`.

The draft carries the plan text its quotes come from (`plan/`), a copy of the template library
(`templates/`, without the few links from support segments this plan does not name), and
`extraction.json`: every fact with its quote, section, confidence and the rule that found it.
The YAML files hold what the seed format can hold; each item's comment repeats its rule and confidence.
"""

from __future__ import annotations

import json
import re
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import yaml

from loaders.extract import rules
from loaders.extract.reading import read_plan_file
from loaders.extract.rules import PARK_SUFFIX, Fact
from loaders.matching import BARE_DRUG
from loaders.seed import SEED_DIR

EXTRACTED_KINDS = {
    "chain": "产业链",
    "status": "环节状态",
    "park": "园区",
    "park_target": "园区产值目标",
    "indicator": "指标",
    "enterprise": "企业",
    "project": "项目",
}
_STATUS_ORDER = ("missing", "to_introduce", "weak", "eliminated", "strong", "present")


@dataclass(frozen=True)
class Extraction:
    """What `extract` found and how long it took."""

    facts: list[Fact]
    paragraphs: list[str]
    seconds: float
    pages: int

    def count(self, kind: str) -> int:
        return sum(1 for f in self.facts if f.kind == kind)


def extract_facts(plan: Path) -> Extraction:
    """Read `plan` and run every rule; nothing is written."""
    started = time.perf_counter()
    paragraphs = read_plan_file(plan)
    chains = rules.chains(paragraphs)
    names = {f.name for f in chains}
    facts = [*chains, *rules.industry_targets(paragraphs, names).values(), *rules.statuses(paragraphs)]
    found_parks, targets = rules.parks(paragraphs)
    park_names = {f.name for f in found_parks} | {f.name for f in targets if "county_short" not in f.data}
    places = park_names | {f.name for f in targets if "county_short" in f.data} | {rules.plan_city(paragraphs) or "市"}
    places |= {re.sub(PARK_SUFFIX + "$", "", name) for name in park_names}
    facts += [*found_parks, *targets, *rules.indicators(paragraphs)]
    facts += [*rules.enterprises(paragraphs), *rules.projects(paragraphs, park_names, places)]
    chars = sum(len(p) for p in paragraphs)
    return Extraction(facts, paragraphs, time.perf_counter() - started, max(1, round(chars / 900)))


def write_draft(extraction: Extraction, plan: Path, out: Path, library: Path = SEED_DIR / "templates") -> None:
    """Write the draft seed for `extraction` (of the plan file `plan`) into `out` (created; files replaced)."""
    (out / "plan").mkdir(parents=True, exist_ok=True)
    (out / "chains").mkdir(exist_ok=True)
    for old in (out / "plan").glob("*.txt"):
        old.unlink()
    (out / "plan" / f"{plan.stem}.txt").write_text("\n".join(extraction.paragraphs) + "\n", encoding="utf-8")
    index = _library_index(library)
    facts = extraction.facts
    chains = _chains(facts)
    segments = _segments(facts, chains, index)
    _dump(out / "chains" / "草稿.yaml", {"chains": chains, "segments": segments, "links": []})
    _dump(out / "parks.yaml", _parks(facts, extraction.paragraphs))
    _dump(out / "indicators.yaml", {"indicators": _indicators(facts)})
    _dump(out / "enterprises.yaml", {"enterprises": _enterprises(facts)})
    parks = {p["name"] for p in _parks(facts, extraction.paragraphs)["parks"]}
    _dump(out / "projects.yaml", {"projects": _projects(facts, parks)})
    _copy_library(library, out / "templates", {s["name"] for s in segments})
    payload = {"plan": plan.name, "seconds": round(extraction.seconds, 3), "facts": [asdict(f) for f in facts]}
    (out / "extraction.json").write_text(json.dumps(payload, ensure_ascii=False, indent=1), encoding="utf-8")


def _extracted(fact: Fact) -> list[str]:
    """The name the rule found, when a reviewer corrected it: the quote still says it, so it stays an alias."""
    return [fact.data["extracted_name"]] if "extracted_name" in fact.data else []


def _evidence(fact: Fact) -> list[dict[str, str]]:
    return [{"section": fact.section, "quote": fact.quote}]


def _note(fact: Fact) -> str:
    return f"{fact.rule}（置信度 {fact.confidence:.2f}）"


def _chains(facts: list[Fact]) -> list[dict[str, Any]]:
    targets = {f.name: f for f in facts if f.kind == "chain_target"}
    found = [f for f in facts if f.kind == "chain"]
    names = {f.name for f in found}
    result = []
    for fact in found:
        raw = re.sub(r"^（\d+）|^\d+、|^（[一二三四五六七八九十]+）", "", fact.quote).split("。")[0].split("：")[0]
        item: dict[str, Any] = {"name": fact.name, "kind": fact.data["kind"], "rule": _note(fact)}
        parent = fact.data.get("parent")
        if parent in names:
            item["parent"] = parent
        aliases = [
            a
            for a in (
                re.sub(r"^(?:改造提升|突出发展|转型发展|加快发展|培育发展|完善发展)", "", raw).removesuffix("产业"),
            )
            if a and a != fact.name
        ]
        aliases = list(dict.fromkeys([*aliases, *_extracted(fact)]))
        if aliases:
            item["aliases"] = aliases
        if fact.name in targets:
            t = targets[fact.name]
            item["output_target_2025"] = {
                "value": t.data["value"],
                "unit": t.data["unit"],
                "qualifier": t.data["qualifier"],
                "evidence": _evidence(t),
            }
        item["evidence"] = _evidence(fact)
        result.append(item)
    return result


@dataclass(frozen=True)
class _LibrarySegment:
    name: str
    template: str
    stage: str


def _library_index(library: Path) -> dict[str, _LibrarySegment]:
    """Every library segment by its name, aliases and keywords (names first, so a name is never shadowed). Not by
    药品 (`BARE_DRUG`): a keyword of 化学药品 only where the matcher reads it as an item a firm makes, as a plan item
    it names every kind of drug."""
    by_name: dict[str, _LibrarySegment] = {}
    by_word: dict[str, _LibrarySegment] = {}
    loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    for path in sorted(library.glob("*.yaml")):
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=loader)
        stages = {s["name"]: s.get("stage") for s in data["segments"]}
        for segment in data["segments"]:
            stage = segment.get("stage") or stages.get(segment.get("parent"), None) or "中游"
            entry = _LibrarySegment(segment["name"], data["template"], stage)
            by_name.setdefault(segment["name"], entry)
            for word in [*segment.get("aliases", []), *segment.get("keywords", [])]:
                if word != BARE_DRUG:
                    by_word.setdefault(word, entry)
    return {**by_word, **by_name}


def _segments(
    facts: list[Fact], chains: list[dict[str, Any]], index: dict[str, _LibrarySegment]
) -> list[dict[str, Any]]:
    """One segment per item the plan gives a status; placed on the library where a name or keyword matches."""
    chain_names = {c["name"] for c in chains}
    industries = [c["name"] for c in chains if c["kind"] == "产业"] or [c["name"] for c in chains]
    best: dict[str, Fact] = {}
    for fact in facts:
        if fact.kind != "status":
            continue
        known = index.get(fact.name)
        name = known.name if known else fact.name
        current = best.get(name)
        if current is None or fact.confidence > current.confidence:
            best[name] = fact
    result = []
    for name, fact in best.items():
        known = index.get(fact.name)
        chain = fact.data.get("chain")
        if chain in chain_names:
            members, placement = [chain], "规划所在章节"
        elif known and known.template in chain_names:
            members, placement = [known.template], "模板库中的产业链"
        elif industries:
            members, placement = industries, "规划未指明产业链：作为配套环节归入全部产业，待审"
        else:
            continue
        item: dict[str, Any] = {
            "name": name,
            "stage": known.stage if known else "配套" if placement.startswith("规划未指明") else "中游",
            "chains": members,
            "plan_status": fact.data["status"],
            "rule": f"{_note(fact)}；{'模板环节' if known else '模板库没有的新环节'}；所属链：{placement}",
            "evidence": _evidence(fact),
            "status_evidence": _evidence(fact),
            "keywords": list(dict.fromkeys([name, fact.name, *_extracted(fact)])),
        }
        result.append(item)
    result.sort(key=lambda s: (_STATUS_ORDER.index(s["plan_status"]), s["name"]))
    return result


def _parks(facts: list[Fact], paragraphs: list[str]) -> dict[str, Any]:
    text = "".join(paragraphs)
    parks: dict[str, dict[str, Any]] = {}
    for fact in facts:
        if fact.kind == "park" and fact.name not in parks:
            parks[fact.name] = {
                "name": fact.name,
                "aliases": _extracted(fact),
                "level": "县域",
                "main_industry": fact.data["main"],
                "special_industry": fact.data["special"],
                "rule": _note(fact),
                "evidence": _evidence(fact),
            }
    for fact in facts:
        if fact.kind != "park_target":
            continue
        short = fact.data.get("county_short")
        name = next((p for p in parks if short and p.startswith(short)), None) if short else fact.name
        if name is None:
            continue
        park = parks.setdefault(
            name,
            {
                "name": name,
                "level": "市本级" if fact.data.get("city_level") else "县域",
                "rule": _note(fact),
                "evidence": _evidence(fact),
            },
        )
        park.setdefault(
            "output_target_2025",
            {
                "value": fact.data["value"],
                "unit": "亿元",
                "qualifier": fact.data["qualifier"],
                "evidence": _evidence(fact),
            },
        )
    counties: dict[str, str] = {}
    for park in parks.values():
        short = re.sub(PARK_SUFFIX + "$", "", park["name"])
        full = re.search(re.escape(short) + r"(?:瑶族自治县|自治县|县|市|区)", text) if short != "道县" else None
        county = full.group(0) if full else (short if short.endswith("县") else None)
        if (county and park["level"] == "县域") or (county and not county.endswith("市")):
            counties[county] = short
            park["county"] = county
    ordered = [
        {
            k: p[k]
            for k in (
                "name",
                "aliases",
                "county",
                "level",
                "main_industry",
                "special_industry",
                "rule",
                "output_target_2025",
                "evidence",
            )
            if p.get(k)
        }
        for p in parks.values()
    ]
    return {"counties": [{"name": c, "short": s} for c, s in counties.items()], "parks": ordered}


def _enterprises(facts: list[Fact]) -> list[dict[str, Any]]:
    result = []
    for fact in facts:
        if fact.kind != "enterprise":
            continue
        item: dict[str, Any] = {
            "name": fact.name,
            "aliases": _extracted(fact) or None,
            "role": fact.data.get("role"),
            "rule": _note(fact),
        }
        says = fact.data.get("says") or _evidence(fact)
        item["evidence"] = [e for e in says if e["quote"] == fact.quote] + [e for e in says if e["quote"] != fact.quote]
        result.append({k: v for k, v in item.items() if v is not None})
    return result


def _projects(facts: list[Fact], parks: set[str]) -> list[dict[str, Any]]:
    result = []
    for fact in facts:
        if fact.kind != "project":
            continue
        item: dict[str, Any] = {"name": fact.name, "rule": _note(fact)}
        if _extracted(fact):
            item["aliases"] = _extracted(fact)
        if fact.data.get("park") in parks:
            item["park"] = fact.data["park"]
        if "investment" in fact.data:
            item["investment"] = {"value": fact.data["investment"], "unit": "亿元"}
        item["evidence"] = _evidence(fact)
        result.append(item)
    return result


def _indicators(facts: list[Fact]) -> list[dict[str, Any]]:
    result: dict[str, dict[str, Any]] = {}
    for fact in facts:
        if fact.kind != "indicator" or fact.name in result:
            continue
        d = fact.data
        item = {
            "category": d["category"],
            "name": fact.name,
            "aliases": _extracted(fact) or None,
            "unit": d["unit"],
            "value_2020": d["value_2020"],
            "target_2025": d["target_2025"],
            "target_qualifier": d.get("qualifier"),
            "target_text": d.get("target_text"),
            "rule": _note(fact),
            "evidence": _evidence(fact),
        }
        result[fact.name] = {k: v for k, v in item.items() if v is not None}
    return list(result.values())


def _copy_library(library: Path, target: Path, draft_segments: set[str]) -> None:
    """The template library, minus links and equipment from segments neither it nor the draft defines.

    The shipped library leans on the Yongzhou seed: four support segments it does not define (模具, 铸造件 …)
    and supply links of the seed that give some library segments their downstream. In the copy, links
    from undefined segments are left out and a segment left without downstream is marked `final`.
    """
    target.mkdir(exist_ok=True)
    loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    documents = {
        path.name: yaml.load(path.read_text(encoding="utf-8"), Loader=loader) for path in library.glob("*.yaml")
    }
    known = draft_segments | {s["name"] for d in documents.values() for s in d["segments"]}
    for data in documents.values():
        for key in ("links", "equipment"):
            if data.get(key):
                data[key] = [link for link in data[key] if link["from"] in known and link["to"] in known]
    feeding = {link["from"] for d in documents.values() for key in ("links", "equipment") for link in d.get(key) or []}
    for filename, data in documents.items():
        for segment in data["segments"]:
            if segment["name"] not in feeding and segment.get("parent") not in feeding:
                segment["final"] = True
        (target / filename).write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


class _PlainDumper(yaml.SafeDumper):
    """Writes a repeated list out again instead of as an anchor and alias: the draft is edited by hand."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def _dump(path: Path, data: dict[str, Any]) -> None:
    """YAML with each item's `rule` turned into a comment line (the seed format has no field for it)."""
    text = yaml.dump(data, Dumper=_PlainDumper, allow_unicode=True, sort_keys=False, width=200)
    text = re.sub(
        r"^(\s*)(- )?rule: (.*)$", lambda m: f"{m.group(1)}{m.group(2) or ''}# 规则：{m.group(3)}", text, flags=re.M
    )
    path.write_text(text, encoding="utf-8")
