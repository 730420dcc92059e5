"""The office reviews a draft in the Excel report; `chainkg apply-review` writes the verdicts back into the draft."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
from cli_runs import chainkg
from test_extract import FIXTURE_PLAN


def _fill(book: Path, verdicts: dict[str, tuple[str, str]]) -> None:
    """Write (verdict, correction) on the rows whose 名称 is a key of `verdicts`."""
    workbook = openpyxl.load_workbook(book)
    sheet = workbook.active
    assert sheet is not None
    header = [c.value for c in sheet[1]]
    name, verdict, correction = header.index("名称"), header.index("审阅结论"), header.index("更正为")
    for row in sheet.iter_rows(min_row=2):
        if row[name].value in verdicts:
            row[verdict].value, row[correction].value = verdicts[str(row[name].value)]
    workbook.save(book)


def test_review_report_groups_every_fact_and_verdicts_are_written_back(tmp_path: Path) -> None:
    draft, data = tmp_path / "草稿", tmp_path / "data"
    assert chainkg("extract", str(FIXTURE_PLAN), "-o", str(draft), data_dir=data).returncode == 0
    page = (draft / "审阅报告.html").read_text(encoding="utf-8")
    facts = json.loads((draft / "extraction.json").read_text(encoding="utf-8"))["facts"]
    assert "<h2>智能家电" in page and all(
        f["quote"].replace("“", "&ldquo;")[:4] in page or f["quote"][:4] in page for f in facts
    )
    book = draft / "审阅报告.xlsx"
    _fill(book, {"钣金件": ("否决", ""), "电控板": ("更正", "电控板组件"), "注塑件": ("接受", "")})
    applied = chainkg("apply-review", str(draft), str(book), data_dir=data)
    assert applied.returncode == 0, applied.stderr
    assert "接受 1 条，否决 1 条，更正 1 条" in applied.stdout
    assert chainkg("load", "--seed", str(draft), "--reset", data_dir=data).returncode == 0
    gaps = {row["segment"] for row in json.loads(chainkg("gaps", "--format", "json", data_dir=data).stdout)}
    assert "钣金件" not in gaps and "电控板组件" in gaps and "电控板" not in gaps and "注塑件" in gaps


def test_an_unknown_verdict_is_refused_with_its_row(tmp_path: Path) -> None:
    draft, data = tmp_path / "草稿", tmp_path / "data"
    assert chainkg("extract", str(FIXTURE_PLAN), "-o", str(draft), data_dir=data).returncode == 0
    book = draft / "审阅报告.xlsx"
    _fill(book, {"钣金件": ("也许", "")})
    result = chainkg("apply-review", str(draft), str(book), data_dir=data)
    assert result.returncode == 1 and "审阅结论“也许”不是 接受、否决、更正 之一" in result.stderr
    assert "审阅表第" in result.stderr
