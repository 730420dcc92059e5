"""The chain-chief office's package for one chain: an HTML report and an Excel workbook.

全景图 (the chain's segments and supply links by stage), 现状图 (the same, coloured by local
status), key enterprises, key projects, gaps and targets. Everything from the data is
HTML-escaped; the page needs nothing from the internet.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from typing import Any

from graph.store import GraphStore
from graph.vocabulary import Basis
from present.columns import GAP_COLUMNS, TARGET_COLUMNS
from present.layout import draw, legend_svg, map_view
from present.tables import flat_rows, html_table, to_xlsx
from queries.chain_map import ChainMap
from queries.report_data import ReportData, report_data


@dataclass(frozen=True)
class Report:
    html: str
    workbook: bytes


def build_report(store: GraphStore, chain: str) -> Report:
    """The report of `chain`, from the data `queries.report_data` gathers."""
    return render_report(report_data(store, chain))


def report_file_names(chain: str) -> tuple[str, str]:
    """The HTML and Excel file names, the same from `chainkg report` and the app's download."""
    return f"{chain}产业链报告.html", f"{chain}产业链报告.xlsx"


def report_sheets(data: ReportData) -> dict[str, list[dict[str, Any]]]:
    """The report's tables by sheet name: the 图谱+清单 package and the 产业链工作台 page show the same rows."""
    segment_rows = [
        {"环节": s.segment, "位置": s.stage, "状态": s.status_label, "本地企业数": s.local_count}
        for s in data.map.segments
    ]
    target_rows = [
        {"缺口环节": gap, **row} for gap, found in data.targets.items() for row in flat_rows(found, TARGET_COLUMNS)
    ]
    return {
        "全景图": segment_rows,
        "供应关系": [
            {"上游": s.upstream, "下游": s.downstream, "依据": s.basis, "审阅状态": s.review} for s in data.supply_links
        ],
        "现状图": segment_rows,
        "重点企业": [
            {
                "企业": e.name,
                "环节": "；".join(
                    s.segment + (f"（{Basis.NAME_INFERENCE.label}）" if s.inferred else "") for s in e.segments
                ),
                "称号": e.role,
            }
            for e in data.enterprises
        ],
        "重点项目": [
            {
                "项目": p.name,
                "涉及环节": "；".join(p.segments),
                "状态": p.status or "规划未说明",
                "投资": f"{p.investment:g} {p.investment_unit}" if p.investment is not None else "规划未给出",
            }
            for p in data.projects
        ],
        "缺口环节": flat_rows(data.gaps, GAP_COLUMNS),
        "招商目标": target_rows,
    }


def render_report(data: ReportData) -> Report:
    """The HTML page and the workbook, with the same tables in both."""
    sheets = report_sheets(data)
    page = _html(data.chain, data.map, sheets)
    return Report(html=page, workbook=to_xlsx(sheets))


def _map(drawn: ChainMap, coloured: bool) -> str:
    """The map Graphviz laid out, as the app draws it (deep chains with their 细分环节 folded)."""
    view = map_view(drawn, coloured=coloured)
    if not view.nodes:
        return "<p>（该产业链还没有环节数据）</p>"
    return f'<div class="map">{draw(view, coloured=coloured, headers=True).svg}</div>'


def _html(chain: str, drawn: ChainMap, sheets: dict[str, list[dict]]) -> str:  # type: ignore[type-arg]
    sections = [
        f"<h1>{html.escape(chain)}产业链报告</h1>",
        "<p>数据来源：《永州市“十四五”工业发展规划（2021-2025年）》；候选企业来自 A 股上市公司库。"
        "虚线为按行业常识建模的供应关系，实线为规划原文明确的关系。</p>",
        "<h2>全景图</h2>",
        legend_svg(coloured=False, show_equips=False),
        _map(drawn, coloured=False),
        "<h2>现状图</h2>",
        legend_svg(coloured=True, show_equips=False),
        _map(drawn, coloured=True),
    ]
    for title in ("重点企业", "重点项目", "缺口环节", "招商目标"):
        sections += [f"<h2>{title}</h2>", html_table(sheets[title])]
    style = (
        "body{font-family:'Noto Sans CJK SC','Microsoft YaHei',sans-serif;margin:24px;color:#263238}"
        "table{border-collapse:collapse;margin:8px 0 24px}td,th{border:1px solid #cfd8dc;padding:4px 8px;"
        "vertical-align:top;font-size:13px}th{background:#eceff1}"
        ".map{overflow-x:auto;margin-bottom:16px}@media print{.map svg{max-width:100%;height:auto}}"
    )
    return (
        f'<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>{html.escape(chain)}产业链报告</title>'
        f"<style>{style}</style></head><body>{''.join(sections)}</body></html>\n"
    )
