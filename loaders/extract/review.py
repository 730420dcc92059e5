"""The office's review of a draft: every extracted fact as a row to accept, correct or reject, and the
verdicts written back into the draft.

The rows are grouped by chain, then by confidence (highest first, so the reliable facts can be accepted
in one pass and the doubtful ones sit together at the end of each group) and rule. A verdict
is 接受 (keep), 否决 (drop the fact) or 更正 (keep it under the name in 更正为). Applying a review
rewrites the draft's YAML from the remaining facts and records each verdict in `extraction.json`.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path
from typing import Any

from graph.vocabulary import PlanStatus
from loaders.extract.draft import Extraction, write_draft
from loaders.extract.rules import Fact
from loaders.importing import ImportFileError, read_table
from loaders.plan_text import plan_file_of

DRAFT_REVIEW_COLUMNS = {
    "id": "编号",
    "group": "产业链或分组",
    "kind": "类别",
    "name": "名称",
    "content": "规划所说",
    "confidence": "置信度",
    "rule": "规则",
    "section": "章节",
    "quote": "引文",
    "verdict": "审阅结论",
    "correction": "更正为",
}
VERDICTS = ("接受", "否决", "更正")
_KINDS = {
    "chain": "产业链",
    "chain_target": "产业产值目标",
    "status": "环节状态",
    "park": "园区一主一特",
    "park_target": "园区产值目标",
    "indicator": "主要指标",
    "enterprise": "企业",
    "project": "项目",
}


def _content(fact: Fact) -> str:
    d = fact.data
    if fact.kind == "status":
        return PlanStatus(d["status"]).label
    if fact.kind == "chain":
        return str(d["kind"]) + (f"，属 {d['parent']}" if d.get("parent") else "")
    if fact.kind in ("chain_target", "park_target"):
        return f"{d['value']:g} 亿元（{d['qualifier']}）"
    if fact.kind == "park":
        return f"一主：{d['main']}；一特：{d['special']}"
    if fact.kind == "indicator":
        target = d.get("target_text") or f"{d.get('qualifier') or ''}{d['target_2025']}"
        return f"{d['unit']}；基期 {d['value_2020'] if d['value_2020'] is not None else '-'}；目标 {target}"
    if fact.kind == "enterprise":
        return d.get("role") or ""
    return "；".join(f"{k}：{v}" for k, v in d.items())


def _group(fact: Fact) -> str:
    if fact.kind in ("chain", "chain_target"):
        return fact.name
    if fact.kind == "status":
        return fact.data.get("chain") or "（规划未指明产业链）"
    return _KINDS[fact.kind]


def review_rows(facts: list[Fact]) -> list[dict[str, Any]]:
    """One row per fact, grouped by chain (or kind), most confident first, then by rule."""
    rows = [
        {
            "id": f"F{index:04d}",
            "group": _group(fact),
            "kind": _KINDS[fact.kind],
            "name": fact.name,
            "content": _content(fact),
            "confidence": round(fact.confidence, 2),
            "rule": fact.rule,
            "section": fact.section,
            "quote": fact.quote,
            "verdict": fact.data.get("verdict", ""),
            "correction": "",
        }
        for index, fact in enumerate(facts, start=1)
    ]
    rows.sort(key=lambda r: (r["group"], -r["confidence"], r["rule"], r["id"]))
    return rows


def read_draft(draft: Path) -> tuple[Extraction, Path]:
    """The facts and plan paragraphs a draft was written from, and its plan file."""
    plan = plan_file_of(draft)
    try:
        payload = json.loads((draft / "extraction.json").read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise ImportFileError(f"{draft} 中没有 extraction.json：请指定 `chainkg extract` 生成的草稿目录。") from exc
    facts = [Fact(**item) for item in payload["facts"]]
    paragraphs = plan.read_text(encoding="utf-8").splitlines()
    return Extraction(facts, paragraphs, float(payload.get("seconds", 0)), 0), plan


def apply_review(draft: Path, workbook: Path) -> dict[str, int]:
    """Write the verdicts of `workbook` (the review report, filled in) back into `draft`.

    Rows without a verdict keep their fact as it is. Returns how many facts each verdict touched.
    Raises ImportFileError (one Chinese line) for an unknown fact id, verdict, or a 更正 without 更正为.
    """
    extraction, plan = read_draft(draft)
    table = read_table(workbook.name, workbook.read_bytes())
    column = {title: index for index, title in enumerate(table.header)}
    missing = [title for key, title in DRAFT_REVIEW_COLUMNS.items() if key in ("id", "verdict", "correction")]
    missing = [title for title in missing if title not in column]
    if missing:
        raise ImportFileError(f"审阅表缺少列：{'、'.join(missing)}。请在 `chainkg extract` 生成的审阅报告中填写。")
    by_id = {f"F{index:04d}": fact for index, fact in enumerate(extraction.facts, start=1)}
    counts = dict.fromkeys(VERDICTS, 0)
    rejected: set[int] = set()
    for line, cells in table.rows:

        def cell(title: str, cells: list[Any] = cells) -> str:
            value = cells[column[title]] if column[title] < len(cells) else None
            return str(value or "").strip().lstrip("'")

        verdict = cell(DRAFT_REVIEW_COLUMNS["verdict"])
        if not verdict:
            continue
        fact_id = cell(DRAFT_REVIEW_COLUMNS["id"])
        if fact_id not in by_id:
            raise ImportFileError(f"审阅表第 {line} 行：没有编号为“{fact_id}”的事实。")
        if verdict not in VERDICTS:
            raise ImportFileError(f"审阅表第 {line} 行：审阅结论“{verdict}”不是 接受、否决、更正 之一。")
        fact = by_id[fact_id]
        if verdict == "更正":
            correction = cell(DRAFT_REVIEW_COLUMNS["correction"])
            if not correction:
                raise ImportFileError(f"审阅表第 {line} 行：结论为“更正”时须在“更正为”中写明正确的名称。")
            fact.data["extracted_name"] = fact.name
            fact.name = correction
            fact.confidence = 1.0
        elif verdict == "否决":
            rejected.add(id(fact))
        else:
            fact.confidence = 1.0
        fact.data["verdict"] = verdict
        counts[verdict] += 1
    kept = [f for f in extraction.facts if id(f) not in rejected]
    write_draft(Extraction(kept, extraction.paragraphs, extraction.seconds, extraction.pages), plan, draft)
    payload = json.loads((draft / "extraction.json").read_text(encoding="utf-8"))
    payload["rejected"] = [asdict(f) for f in extraction.facts if id(f) in rejected]
    (draft / "extraction.json").write_text(json.dumps(payload, ensure_ascii=False, indent=1), encoding="utf-8")
    return counts
