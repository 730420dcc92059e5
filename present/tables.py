"""Analysis results as files people open: JSON, CSV (Excel-friendly), XLSX and Markdown.

One place flattens rows for tables (lists joined with "；", evidence as "章节：引文") and
neutralises spreadsheet formula injection: a text cell starting with = + - @ (or a tab or
carriage return) gets a leading apostrophe, so Excel and WPS show it instead of running it.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import asdict, is_dataclass
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from present.columns import TARGET_EXPORT_COLUMNS

FORMATS = ("json", "csv", "xlsx", "md")
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def as_plain(value: Any) -> Any:
    """Dataclasses (nested) → dicts and lists, for JSON."""
    if is_dataclass(value) and not isinstance(value, type):
        return asdict(value)
    if isinstance(value, list | tuple):
        return [as_plain(v) for v in value]
    return value


def safe_cell(value: Any) -> Any:
    """A spreadsheet cell value that cannot be taken for a formula."""
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value


def _flat(value: Any) -> Any:
    if isinstance(value, dict) and set(value) == {"section", "quote"}:
        return f"{value['section']}：{value['quote']}"
    if isinstance(value, list):
        return "；".join(str(_flat(v)) for v in value)
    if isinstance(value, dict):
        return "；".join(f"{k}：{_flat(v)}" for k, v in value.items())
    return value


def flat_rows(rows: Sequence[Any], headers: dict[str, str]) -> list[dict[str, Any]]:
    """Rows as {中文列名: cell}, keeping only the fields in `headers` (field → column title), in that order."""
    plain = [as_plain(row) for row in rows]
    return [{title: _flat(row.get(key)) for key, title in headers.items()} for row in plain]


def to_json(payload: Any) -> bytes:
    return (json.dumps(as_plain(payload), ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def to_csv(rows: list[dict[str, Any]]) -> bytes:
    """UTF-8 with BOM, so Excel on Chinese Windows opens it without garbling."""
    buffer = io.StringIO()
    if rows:
        writer = csv.DictWriter(buffer, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows({k: safe_cell(v) for k, v in row.items()} for row in rows)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def to_xlsx(sheets: dict[str, list[dict[str, Any]]], title: str | None = None) -> bytes:
    """One sheet per entry (titles made valid for Excel: see `_sheet_title`), each headed by `title` when given
    (what the list is and its date); columns as wide as their text reads (Chinese characters count double)."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    used: set[str] = set()
    for name, rows in sheets.items():
        sheet = workbook.create_sheet(_sheet_title(name, used))
        if title:
            sheet.append([safe_cell(title)])
            sheet["A1"].font = Font(bold=True, size=13)
        if not rows:
            sheet.append(["（无数据）"])
            continue
        sheet.append(list(rows[0]))
        for cell in sheet[sheet.max_row]:
            cell.font = Font(bold=True)
        sheet.freeze_panes = f"A{sheet.max_row + 1}"
        for row in rows:
            sheet.append([safe_cell(v) for v in row.values()])
        start = 2 if title else 1
        for column in sheet.iter_cols(min_row=start, max_row=min(sheet.max_row, start + 200)):
            width = max(display_width(c.value) for c in column)
            sheet.column_dimensions[column[0].column_letter].width = min(60, max(10, width + 2))
            if width > 60:
                for cell in column[1:]:
                    cell.alignment = Alignment(wrap_text=True, vertical="top")
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def display_width(value: Any) -> int:
    """How many Excel character widths a cell's text needs: wide (Chinese) characters count two."""
    text = "" if value is None else str(value)
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def targets_workbook(chain: str, targets_by_gap: dict[str, Sequence[Any]], day: dt.date) -> bytes:
    """The target Excel a caller works from: one sheet per gap, a title row naming the chain, the gaps and
    the date, and every column of TARGET_EXPORT_COLUMNS (legal name, codes, contacts, dated figures)."""
    sheets = {gap: flat_rows(found, TARGET_EXPORT_COLUMNS) for gap, found in targets_by_gap.items()}
    title = f"{chain}产业链招商目标（缺口环节：{'、'.join(targets_by_gap)}；导出日期 {day.isoformat()}）"
    return to_xlsx(sheets, title=title)


def _sheet_title(title: str, used: set[str]) -> str:
    """Excel's rules: at most 31 characters, none of []:*?/\\, unique in the workbook."""
    base = re.sub(r"[\[\]:*?/\\]", "_", title)[:31] or "Sheet"
    name, number = base, 2
    while name.lower() in used:
        suffix = f"({number})"
        name, number = base[: 31 - len(suffix)] + suffix, number + 1
    used.add(name.lower())
    return name


def to_markdown(rows: list[dict[str, Any]]) -> bytes:
    if not rows:
        return "（无数据）\n".encode()
    lines = ["| " + " | ".join(rows[0]) + " |", "|" + "---|" * len(rows[0])]
    for row in rows:
        cells = [str(v if v is not None else "").replace("|", "\\|").replace("\n", " ") for v in row.values()]
        lines.append("| " + " | ".join(cells) + " |")
    return ("\n".join(lines) + "\n").encode("utf-8")


def render(fmt: str, payload: Any, rows: list[dict[str, Any]], sheet: str) -> bytes:
    """`payload` (full structure) for JSON; the flattened `rows` for the table formats."""
    if fmt == "json":
        return to_json(payload)
    if fmt == "csv":
        return to_csv(rows)
    if fmt == "xlsx":
        return to_xlsx({sheet: rows})
    return to_markdown(rows)
