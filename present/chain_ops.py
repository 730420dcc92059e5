"""Column titles and files for the chain-chief analyses: 供需对接, 风险清单 and 延链机会 (CLI and app alike)."""

from __future__ import annotations

from typing import Any

from present.tables import flat_rows, render, to_json, to_xlsx
from queries.supply import SupplyMatch

SUPPLY_INPUT_COLUMNS = {
    "segment": "环节",
    "input": "投入（上游环节）",
    "basis_words": "供应关系依据",
    "reason": "依据说明",
    "review_state": "审阅状态",
    "input_status": "投入环节状态",
    "local": "本地配套",
    "local_supplier_count": "本地供应商数",
    "local_suppliers": "本地供应商",
}
EXTERNAL_COLUMNS = {
    "input": "外部依赖的投入",
    "input_status": "状态",
    "needed_by": "需要它的环节",
    "bases": "依据",
    "next_step": "去哪里找企业",
}
ENTERPRISE_RATE_COLUMNS = {
    "enterprise": "企业",
    "segments": "所在环节",
    "inputs": "投入数",
    "local_inputs": "有本地供应商的投入数",
    "local_rate": "本地配套率",
    "external": "无本地供应商的投入",
}
CHAIN_RATE_COLUMNS = {
    "chain": "产业链",
    "segments": "环节数",
    "inputs": "投入数",
    "local_inputs": "有本地供应商的投入数",
    "local_rate": "本地配套率",
    "explanation": "说明",
}
RISK_COLUMNS = {
    "rank": "排名",
    "segment": "环节",
    "score": "风险分",
    "status_label": "状态",
    "local_suppliers": "本地供应商数",
    "local_sample": "本地供应商",
    "single_source": "单一来源",
    "downstream_segments": "下游依赖环节数",
    "downstream_enterprises": "下游本地企业数",
    "substitutes": "候选替代企业数",
    "substitute_provinces": "替代企业主要省份",
    "hhi": "集中度HHI",
    "hhi_basis": "HHI口径",
    "reasons": "原因",
}
OPPORTUNITY_COLUMNS = {
    "rank": "排名",
    "segment": "环节",
    "distance": "远近",
    "density": "关联密度",
    "status_label": "状态",
    "stage": "位置",
    "chains": "所属产业链",
    "strong_neighbours": "相邻的本地优势/已覆盖环节",
    "explanation": "说明",
}


def unknown_as_words(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Table rows with a missing figure shown as 未知 and yes/no as 是/否, never as an empty cell or a guess."""
    return [
        {
            title: "未知" if value is None else ("是" if value else "否") if isinstance(value, bool) else value
            for title, value in row.items()
        }
        for row in rows
    ]


def table_rows(rows: list[Any], columns: dict[str, str]) -> list[dict[str, Any]]:
    return unknown_as_words(flat_rows(rows, columns))


def supply_sheets(match: SupplyMatch) -> dict[str, list[dict[str, Any]]]:
    """The sheets of a 供需对接 workbook: inputs, outside dependencies and (for a chain) each firm's rate."""
    sheets = {
        "投入与本地供应商": table_rows(match.rows, SUPPLY_INPUT_COLUMNS),
        "外部依赖": table_rows(match.external, EXTERNAL_COLUMNS),
    }
    if match.kind == "产业链":
        sheets["企业本地配套率"] = table_rows(match.enterprises, ENTERPRISE_RATE_COLUMNS)
    return sheets


def render_supply(fmt: str, match: SupplyMatch) -> bytes:
    """JSON: everything; Excel: one sheet each; CSV and Markdown: the input rows."""
    sheets = supply_sheets(match)
    if fmt == "json":
        return to_json(match)
    if fmt == "xlsx":
        return to_xlsx(sheets)
    return render(fmt, match, sheets["投入与本地供应商"], "投入与本地供应商")
