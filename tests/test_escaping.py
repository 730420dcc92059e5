"""Text from data can never become markup or a formula, wherever it is shown or exported."""

from __future__ import annotations

import csv
import io
import json
import re

from chainkg.tables import safe_cell, to_csv
from queries.gaps import SegmentStatus
from ui.graph_view import chain_network, to_html

HOSTILE = "</script><script>alert(1)</script><img src=x onerror=alert(2)>"


def _status(name: str) -> SegmentStatus:
    return SegmentStatus(
        segment=name, segment_id=f"segment:{name}", stage="上游", chains=["电机"], status="missing",
        status_label="缺失", plan_status=None, local_count=0, local_sample=[], downstream_segments=0,
        downstream_enterprises=0, severity=50.0, reasons=[HOSTILE],
    )  # fmt: skip


def test_graph_pages_keep_data_out_of_the_markup() -> None:
    page = to_html(
        chain_network([_status(HOSTILE)], [], coloured=True, quotes={}, enterprises={f"segment:{HOSTILE}": [HOSTILE]}),
        HOSTILE,
    )
    assert "<script>alert" not in page and "<img src=x" not in page
    payload = page[page.index("const data = ") + len("const data = ") : page.index(";\nconst nodes")]
    node = json.loads(payload)["nodes"][0]
    assert node["label"] == HOSTILE, "标签作为纯文本交给画布绘制"
    assert "&lt;script&gt;" in node["title"], "提示框文字已转义"
    assert not re.search(r"(src|href)\s*=\s*[\"']?https?://", page)


def test_spreadsheet_cells_cannot_be_formulas() -> None:
    for dangerous in ["=1+1", "+SUM(A1)", "-2+3", "@cmd", "\t=1"]:
        assert safe_cell(dangerous).startswith("'")
    assert safe_cell("正常文字") == "正常文字" and safe_cell(12) == 12
    text = to_csv([{"企业": '=HYPERLINK("http://example.invalid")', "得分": 1}]).decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert rows[0]["企业"].startswith("'=")
