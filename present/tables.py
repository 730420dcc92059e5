"""Analysis results as files people open: JSON, CSV (Excel-friendly), XLSX and Markdown.

One place flattens rows for tables (lists joined with "；", evidence as "章节：引文") and
neutralises spreadsheet formula injection: a text cell starting with = + - @ (or a tab or
carriage return) gets a leading apostrophe, so Excel and WPS show it instead of running it.
"""

from __future__ import annotations

import csv
import datetime as dt
import html
import io
import json
import math
import re
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from dataclasses import asdict, dataclass, is_dataclass
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from present.columns import TARGET_EXPORT_COLUMNS
from queries.targets import TargetList

FORMATS = ("json", "csv", "xlsx", "md")
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def as_plain(value: Any) -> Any:
    """Dataclasses (nested, also inside dicts and lists) → dicts and lists, for JSON."""
    if is_dataclass(value) and not isinstance(value, type):
        return asdict(value)
    if isinstance(value, Mapping):
        return {k: as_plain(v) for k, v in value.items()}
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


def to_xlsx(
    sheets: dict[str, list[dict[str, Any]]], title: str | None = None, notes: Mapping[str, str] | None = None
) -> bytes:
    """One sheet per entry (titles made valid for Excel: see `_sheet_title`), each headed by `title` when given
    (what the list is and its date) and followed, after an empty row, by its entry in `notes` (what the list left
    out); columns as wide as their text reads (Chinese characters count double)."""
    workbook = Workbook()
    workbook.remove(workbook.worksheets[0])  # the empty sheet a new workbook starts with
    used: set[str] = set()
    for name, rows in sheets.items():
        sheet = workbook.create_sheet(_sheet_title(name, used))
        if title:
            sheet.append([safe_cell(title)])
            sheet["A1"].font = Font(bold=True, size=13)
        if not rows:
            sheet.append(["（无数据）"])
        else:
            _append_rows(sheet, rows, 2 if title else 1)
        if notes and notes.get(name):
            sheet.append([])
            sheet.append([safe_cell(f"说明：{notes[name]}")])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _append_rows(sheet: Any, rows: list[dict[str, Any]], start: int) -> None:
    """A header row in bold, frozen, then the rows; each column as wide as its text (at most 60, wrapped beyond)."""
    sheet.append(list(rows[0]))
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = f"A{sheet.max_row + 1}"
    for row in rows:
        sheet.append([safe_cell(v) for v in row.values()])
    for column in sheet.iter_cols(min_row=start, max_row=min(sheet.max_row, start + 200)):
        width = max(display_width(c.value) for c in column)
        sheet.column_dimensions[column[0].column_letter].width = min(60, max(10, width + 2))
        if width > 60:
            for cell in column[1:]:
                cell.alignment = Alignment(wrap_text=True, vertical="top")


def display_width(value: Any) -> int:
    """How many Excel character widths a cell's text needs: wide (Chinese) characters count two."""
    text = "" if value is None else str(value)
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def targets_workbook(chain: str | None, lists_by_gap: Mapping[str, TargetList], day: dt.date) -> bytes:
    """The target Excel a caller works from (the app's download and `chainkg targets --format xlsx`): one sheet
    per gap, a title row naming the chain, the gaps and the date, every column of TARGET_EXPORT_COLUMNS (legal
    name, codes, contacts, dated figures, lead status), and below the rows the list's message (how many 待定
    matches and firms that are not live it left out, and why)."""
    sheets = {gap: flat_rows(found.targets, TARGET_EXPORT_COLUMNS) for gap, found in lists_by_gap.items()}
    what = f"{chain}产业链招商目标" if chain else "招商目标"
    title = f"{what}（缺口环节：{'、'.join(lists_by_gap)}；导出日期 {day.isoformat()}）"
    return to_xlsx(sheets, title=title, notes={gap: found.message for gap, found in lists_by_gap.items()})


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


@dataclass(frozen=True)
class Bar:
    """A column of numbers drawn as bars: filled to value / `most`, in `colour`, the figure written beside it
    (`spec` as in `cell_text`)."""

    most: float
    colour: str
    spec: str


def _is_empty(value: Any) -> bool:
    return value is None or value == "" or (isinstance(value, float) and math.isnan(value))


def _trimmed(value: float, digits: int) -> str:
    return f"{value:.{digits}f}".rstrip("0").rstrip(".")


def cell_text(value: Any, spec: str = "") -> str:
    """A cell as the app's tables show it: empty for none (never "None" or "nan"); numbers in `spec`, a format
    spec such as ".1f", or "percent" (Streamlit's: 0.5 → 50%, 0.4567 → 45.67%); other floats with at most four
    decimals, as Streamlit's interactive tables show them."""
    if _is_empty(value):
        return ""
    if spec and isinstance(value, int | float):
        return _trimmed(value * 100, 2) + "%" if spec == "percent" else format(value, spec)
    if isinstance(value, float):
        return _trimmed(value, 4)
    return str(value)


def _cell(value: Any, spec: str) -> str:
    number = isinstance(value, int | float) and not isinstance(value, bool) and not _is_empty(value)
    return ('<td class="num">' if number else "<td>") + html.escape(cell_text(value, spec)) + "</td>"


def _bar_cell(value: Any, bar: Bar) -> str:
    if _is_empty(value):
        return "<td></td>"
    filled = max(0.0, min(1.0, float(value) / bar.most)) if bar.most else 0.0
    return (
        f'<td class="bar"><span class="track"><span class="fill" style="width:{filled * 100:.0f}%;'
        f'background:{html.escape(bar.colour)}"></span></span>{html.escape(cell_text(value, bar.spec))}</td>'
    )


def html_table(
    rows: Sequence[Mapping[str, Any]],
    *,
    formats: Mapping[str, str] | None = None,
    bars: Mapping[str, Bar] | None = None,
) -> str:
    """Rows as an HTML table, every header and cell escaped: the report's and the package's tables, and the
    app's small reference tables (drawing one costs the browser a fraction of an interactive table, issue #16).
    `formats` gives a column's number format spec, `bars` draws a column as bars; numbers align right."""
    if not rows:
        return "<p>（无数据）</p>"
    formats, bars = formats or {}, bars or {}
    head = "".join(f"<th>{html.escape(str(k))}</th>" for k in rows[0])
    lines = [
        "<tr>"
        + "".join(
            _bar_cell(value, bars[key]) if key in bars else _cell(value, formats.get(key, ""))
            for key, value in row.items()
        )
        + "</tr>"
        for row in rows
    ]
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(lines)}</tbody></table>"


def render(fmt: str, payload: Any, rows: list[dict[str, Any]], sheet: str) -> bytes:
    """`payload` (full structure) for JSON; the flattened `rows` for the table formats."""
    if fmt == "json":
        return to_json(payload)
    if fmt == "csv":
        return to_csv(rows)
    if fmt == "xlsx":
        return to_xlsx({sheet: rows})
    return to_markdown(rows)


PAGE_ROWS = 100
"""Rows a long list shows at a time (issue #16): one interactive table of a page's worth costs the browser the same
on every open whatever the list's length, and the rest is a page selector away (downloads hold the whole list)."""

_MISSING_WORDS = ("", "未知", "—")


@dataclass(frozen=True)
class RowsPage:
    """One page of a long list: its rows, which page it is (1-based) of how many, and the whole list's length."""

    rows: list[dict[str, Any]]
    number: int
    pages: int
    total: int
    size: int = PAGE_ROWS

    @property
    def first(self) -> int:
        """The list position (1-based) of the page's first row; 0 for an empty list."""
        return (self.number - 1) * self.size + 1 if self.total else 0

    @property
    def last(self) -> int:
        return self.first + len(self.rows) - 1 if self.total else 0


def _missing(value: Any) -> bool:
    return _is_empty(value) or (isinstance(value, str) and value in _MISSING_WORDS)


def _sort_key(value: Any) -> tuple[int, float, str]:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return (0, float(value), "")
    return (1, 0.0, str(value))


def sort_rows(rows: Sequence[Mapping[str, Any]], column: str | None, descending: bool = False) -> list[dict[str, Any]]:
    """The whole list ordered by `column` (None: the list's own order, e.g. its ranking), numbers by value before
    text, ties in the list's own order; a cell with no value (empty, 未知, —) goes last either way.

    >>> [r["n"] for r in sort_rows([{"n": 2}, {"n": None}, {"n": 10}], "n", descending=True)]
    [10, 2, None]
    """
    if column is None:
        return [dict(row) for row in rows]
    known = [dict(row) for row in rows if not _missing(row.get(column))]
    unknown = [dict(row) for row in rows if _missing(row.get(column))]
    return sorted(known, key=lambda row: _sort_key(row[column]), reverse=descending) + unknown


def page_of(rows: Sequence[Mapping[str, Any]], number: int, size: int = PAGE_ROWS) -> RowsPage:
    """Page `number` (1-based; a number past either end gives the nearest page) of `rows`, `size` rows a page."""
    pages = max(1, math.ceil(len(rows) / size))
    number = min(max(1, number), pages)
    start = (number - 1) * size
    return RowsPage([dict(row) for row in rows[start : start + size]], number, pages, len(rows), size)


Pager = Callable[[str | None, bool, int], RowsPage]
"""A long list a page at a time: (column to order the whole list by, or None for its own order; descending; page
number) → that page."""


def list_pager(rows: Sequence[Mapping[str, Any]], size: int = PAGE_ROWS) -> Pager:
    """The pages of a list already at hand (a few hundred rows: ordering it again on each view costs milliseconds),
    `size` rows a page."""
    return lambda column, descending, number: page_of(sort_rows(rows, column, descending), number, size)
