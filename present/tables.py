"""Analysis results as files people open: JSON, CSV (Excel-friendly), XLSX and Markdown.

One place flattens rows for tables (lists joined with "；", evidence as "章节：引文") and
neutralises spreadsheet formula injection: a text cell starting with = + - @ (or a tab or
carriage return) gets a leading apostrophe, so Excel and WPS show it instead of running it.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Sequence
from dataclasses import asdict, is_dataclass
from typing import Any

from openpyxl import Workbook

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


def to_xlsx(sheets: dict[str, list[dict[str, Any]]]) -> bytes:
    """One sheet per entry (titles made valid for Excel: see `_sheet_title`)."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    used: set[str] = set()
    for title, rows in sheets.items():
        sheet = workbook.create_sheet(_sheet_title(title, used))
        if not rows:
            sheet.append(["（无数据）"])
            continue
        sheet.append(list(rows[0]))
        for row in rows:
            sheet.append([safe_cell(v) for v in row.values()])
        for column in sheet.columns:
            width = max(len(str(c.value or "")) for c in column[:200])
            sheet.column_dimensions[column[0].column_letter].width = min(60, max(8, width * 1.6))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


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
