"""Text from data can never become markup or a formula, wherever it is shown or exported."""

from __future__ import annotations

import csv
import io
import json
import re

from graph.model import GraphData, Node, NodeLabel
from present.tables import Bar, html_table, safe_cell, to_csv
from ui.graph_view import data_network, to_html

HOSTILE = "</script><script>alert(1)</script><img src=x onerror=alert(2)>"


def test_graph_pages_keep_data_out_of_the_markup() -> None:
    node = Node(id=f"enterprise:{HOSTILE}", label=NodeLabel.ENTERPRISE, properties={"name": HOSTILE})
    page = to_html(data_network(GraphData(nodes=[node], relationships=[])), HOSTILE)
    assert "<script>alert" not in page and "<img src=x" not in page
    payload = page[page.index("const data = ") + len("const data = ") : page.index(";\nconst nodes")]
    shown = json.loads(payload)["nodes"][0]
    assert shown["label"] == HOSTILE[:24], "标签作为纯文本交给画布绘制"
    assert HOSTILE in shown["title"] and "&lt;" not in shown["title"], "提示框是纯文本，只转义一次（在页面数据里）"
    assert not re.search(r"(src|href)\s*=\s*[\"']?https?://", page)


def test_spreadsheet_cells_cannot_be_formulas() -> None:
    for dangerous in ["=1+1", "+SUM(A1)", "-2+3", "@cmd", "\t=1"]:
        assert safe_cell(dangerous).startswith("'")
    assert safe_cell("正常文字") == "正常文字" and safe_cell(12) == 12
    text = to_csv([{"企业": '=HYPERLINK("http://example.invalid")', "得分": 1}]).decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert rows[0]["企业"].startswith("'=")


def test_plain_html_tables_escape_every_header_and_cell() -> None:
    """The app's small tables are HTML built from data (ui.common.small_table): nothing in a name, a header or a
    bar's colour becomes markup."""
    page = html_table(
        [{HOSTILE: HOSTILE, "数量": 3, "比例": 0.5}],
        formats={"比例": "percent"},
        bars={"数量": Bar(most=4, colour=f'red"><script>{HOSTILE}', spec="d")},
    )
    assert "<script>" not in page and "<img" not in page
    assert "<th>&lt;/script&gt;&lt;script&gt;alert(1)" in page and "<td>&lt;/script&gt;" in page, "表头与单元格都是文字"
    assert ">50%</td>" in page and 'style="width:75%;background:red&quot;&gt;&lt;script&gt;' in page
