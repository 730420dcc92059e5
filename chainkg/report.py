"""The chain-chief office's package for one chain: an HTML report and an Excel workbook.

全景图 (the chain's segments and supply links by stage), 现状图 (the same, coloured by local
status), key enterprises, key projects, gaps and targets. Everything from the data is
HTML-escaped; the page needs nothing from the internet.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

from chainkg.columns import GAP_COLUMNS, TARGET_COLUMNS
from chainkg.tables import flat_rows, to_xlsx
from graph.model import NodeLabel, RelType
from graph.store import GraphStore
from graph.vocabulary import Basis, Locality
from queries.chain_map import ChainMap, chain_map
from queries.gaps import gaps as find_gaps
from queries.review import link_state, reviews
from queries.targets import targets
from ui.layout import draw, legend_svg, map_view

TARGETS_PER_GAP = 10


@dataclass(frozen=True)
class Report:
    html: str
    workbook: bytes


def build_report(store: GraphStore, chain: str) -> Report:
    drawn = chain_map(store, chain)
    statuses, links = drawn.segments, drawn.links
    ids = {s.segment_id for s in statuses}
    gap_rows = find_gaps(store, chain)
    enterprises = _enterprises(store, [s.segment_id for s in statuses])
    projects = _projects(store, ids)
    target_rows = []
    for gap in gap_rows:
        found = targets(store, gap.segment, limit=TARGETS_PER_GAP)
        target_rows += [{"缺口环节": gap.segment, **row} for row in flat_rows(found.targets, TARGET_COLUMNS)]
    segment_rows = [
        {"环节": s.segment, "位置": s.stage, "状态": s.status_label, "本地企业数": s.local_count} for s in statuses
    ]
    ledger = reviews(store)
    link_rows = [
        {
            "上游": r.start.split(":", 1)[1],
            "下游": r.end.split(":", 1)[1],
            "依据": r.basis,
            "审阅状态": link_state(ledger, r.start, r.end, r.basis),
        }
        for r in links
        if r.kind == "supply"
    ]
    sheets = {
        "全景图": segment_rows,
        "供应关系": link_rows,
        "现状图": segment_rows,
        "重点企业": enterprises,
        "重点项目": projects,
        "缺口环节": flat_rows(gap_rows, GAP_COLUMNS),
        "招商目标": target_rows,
    }
    page = _html(chain, drawn, sheets)
    return Report(html=page, workbook=to_xlsx(sheets))


def _enterprises(store: GraphStore, segment_ids: list[str]) -> list[dict[str, str]]:
    rows: dict[str, dict[str, str]] = {}
    for sid in segment_ids:
        for enterprise in store.enterprises_in(sid, locality=Locality.LOCAL):
            row = rows.setdefault(
                enterprise.id,
                {"企业": enterprise.name, "环节": "", "称号": str(enterprise.properties.get("role") or "")},
            )
            inferred = enterprise.tie.get("basis") == Basis.NAME_INFERENCE
            segment = sid.split(":", 1)[1] + (f"（{Basis.NAME_INFERENCE.label}）" if inferred else "")
            row["环节"] = "；".join(filter(None, [row["环节"], segment]))
    return sorted(rows.values(), key=lambda r: r["企业"])


def _projects(store: GraphStore, segment_ids: set[str]) -> list[dict[str, str]]:
    rows = []
    for project in store.nodes(NodeLabel.PROJECT):
        targeted = [r.end for r in store.relationships(RelType.TARGETS, start=project.id) if r.end in segment_ids]
        if targeted:
            props = project.properties
            investment = props.get("investment")
            rows.append(
                {
                    "项目": project.name,
                    "涉及环节": "；".join(t.split(":", 1)[1] for t in targeted),
                    "状态": str(props.get("status") or "规划未说明"),
                    "投资": (
                        f"{investment:g} {props.get('investment_unit', '')}"
                        if isinstance(investment, int | float)
                        else "规划未给出"
                    ),
                }
            )
    return rows


def _map(drawn: ChainMap, coloured: bool) -> str:
    """The map Graphviz laid out, as the app draws it (deep chains with their 细分环节 folded)."""
    view = map_view(drawn, coloured=coloured)
    if not view.nodes:
        return "<p>（该产业链还没有环节数据）</p>"
    return f'<div class="map">{draw(view, coloured=coloured, headers=True).svg}</div>'


def _table(rows: list[dict]) -> str:  # type: ignore[type-arg]
    if not rows:
        return "<p>（无数据）</p>"
    head = "".join(f"<th>{html.escape(str(k))}</th>" for k in rows[0])
    body = "".join(
        "<tr>" + "".join(f"<td>{html.escape(str(v if v is not None else ''))}</td>" for v in row.values()) + "</tr>"
        for row in rows
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


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
        sections += [f"<h2>{title}</h2>", _table(sheets[title])]
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
