"""The lead list as an Excel workbook an investment team can print and pass round.

Sheet 招商线索: a title row with the export date, Chinese headers, one row per lead (chain, segment, firm,
status, owner, next contact date, last note, number of changes), columns as wide as their text (Chinese
characters count double), the header frozen. Sheet 变更记录: every change of every lead, oldest first.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import date
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from present.tables import flat_rows, safe_cell
from queries.leads import CHANGE_COLUMNS, LEAD_COLUMNS, Lead

MAX_WIDTH = 60
OVERDUE_FILL = PatternFill("solid", fgColor="FFCDD2")


def display_width(text: str) -> int:
    """Columns a text takes in Excel: wide (CJK, full-width) characters count two."""
    return sum(2 if ord(char) >= 0x2E80 else 1 for char in text)


def leads_xlsx(rows: Sequence[Lead], exported_on: date | None = None) -> bytes:
    """The workbook for `rows` (see the module docstring); an empty list still gets its title and headers."""
    exported_on = exported_on or date.today()
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "招商线索"
    table = flat_rows(rows, LEAD_COLUMNS)
    overdue = [lead.overdue for lead in rows]
    title = f"招商线索（导出日期：{exported_on.isoformat()}，共 {len(rows)} 条）"
    _fill(sheet, title, list(LEAD_COLUMNS.values()), table)
    for offset, late in enumerate(overdue):
        if late:
            for cell in sheet[offset + 3]:
                cell.fill = OVERDUE_FILL
    history = workbook.create_sheet("变更记录")
    changes = flat_rows([change for lead in rows for change in lead.history], CHANGE_COLUMNS)
    _fill(history, f"线索变更记录（导出日期：{exported_on.isoformat()}）", list(CHANGE_COLUMNS.values()), changes)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _fill(sheet: Worksheet, title: str, headers: list[str], rows: list[dict[str, Any]]) -> None:
    """Title row (merged over the columns), header row, data rows; widths from the text, header frozen."""
    sheet.append([title])
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(headers))
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.append(headers)
    for cell in sheet[2]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append([safe_cell(value) for value in row.values()])
    for index, header in enumerate(headers, start=1):
        cells = [str(row.get(header) or "") for row in rows[:500]]
        width = max(display_width(text) for text in [header, *cells])
        sheet.column_dimensions[get_column_letter(index)].width = min(MAX_WIDTH, width + 2)
    for row_cells in sheet.iter_rows(min_row=3):
        for cell in row_cells:
            cell.alignment = Alignment(vertical="top", wrap_text=True)
    sheet.freeze_panes = "A3"
