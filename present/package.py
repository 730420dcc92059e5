"""The chain-chief office's 图谱+清单 package for one chain: one printable HTML page and one Excel workbook.

Maps 全景图, 现状图, 区域分布图 and 招商路线图 (gap → regions → firms), and the lists 企业, 项目, 问题 (gaps and
risks with their reasons), 招商 (targets with lead status, and the leads) and 政策 (the plan's clauses on the
chain). Every row keeps its source and as-of date. The rows are the report's (present/report.py) and the
analyses' own column tables, with provenance added, never built twice.

The HTML needs nothing from outside: CSS inline, the chain maps embedded as base64 SVG, the county map inline
SVG, page breaks between sections and Chinese font fallbacks, so a browser's 打印 → 另存为 PDF gives the PDF
(no PDF library is bundled: the maintained ones need system libraries). All text from the data is escaped.
`Package.zip_bytes` is what the app's download button offers.
"""

from __future__ import annotations

import base64
import html
import io
import zipfile
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from typing import Any

from openpyxl import load_workbook
from openpyxl.drawing.image import Image
from openpyxl.utils import get_column_letter

from graph.store import GraphStore
from present.chain_ops import RISK_COLUMNS, table_rows
from present.columns import GAP_COLUMNS, TARGET_COLUMNS
from present.county_map import SCHEMATIC_NOTE, legend_html, region_rows, tile_svg
from present.layout import draw, map_view, png_a3
from present.report import report_sheets
from present.tables import flat_rows, html_table, to_xlsx
from queries.leads import LEAD_COLUMNS
from queries.package_data import PackageData, package_data
from queries.provenance import Provenance
from queries.targets import DEFAULT_REGIONS

SOURCE, AS_OF = "来源", "时点"
MAP_SHEETS = {"全景图": False, "现状图": True}
"""Map sheet → coloured by local status; each gets the drawn map as a picture beside its table."""
PICTURE_WIDTH = 1200  # px shown in Excel; the PNG itself is A3 at 200 dpi
NO_TARGETS = "（候选企业库中没有匹配的企业）"
LEAD_SOURCE = "招商线索记录"
TARGET_DATES = {TARGET_COLUMNS["data_source"]: SOURCE, TARGET_COLUMNS["as_of"]: AS_OF}
"""The target table's own source and date columns, under the package's common titles."""
ANALYSIS_SOURCE = "本系统分析：规划原文、产业链模板与本地企业数据"


@dataclass(frozen=True)
class Package:
    chain: str
    files: dict[str, bytes]
    """File name → content: the HTML page and the workbook."""

    def zip_bytes(self) -> bytes:
        """Both files in one zip (names in UTF-8), for a single download."""
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for name, content in self.files.items():
                archive.writestr(name, content)
        return buffer.getvalue()


def build_package(store: GraphStore, chain: str, *, today: date | None = None) -> Package:
    """The package of `chain`; `NotFound` for an unknown chain, before anything is drawn or written."""
    return render_package(package_data(store, chain, today=today))


def file_stem(chain: str) -> str:
    return f"{chain}产业链图谱与清单"


def package_sheets(data: PackageData) -> dict[str, list[dict[str, Any]]]:
    """Every table of the package by sheet name, each row with its 来源 and 时点."""
    report = report_sheets(data.report)
    drawn = data.report.map
    analysed = f"分析日期 {data.as_of}"
    overview, status = [], []
    for row, segment in zip(report["全景图"], drawn.segments, strict=True):
        origin = data.segment_sources[segment.segment]
        quotes = "；".join(drawn.quotes.get(segment.segment_id, [])[:2])
        level = "细分环节" if segment.segment_id in drawn.parents else "环节"
        neutral = {k: v for k, v in row.items() if k != "状态"}
        overview.append({**neutral, "层级": level, "规划原文": quotes, SOURCE: origin.source, AS_OF: origin.as_of})
        reasons = "；".join(segment.reasons)
        status.append({**row, "原因": reasons, SOURCE: f"{ANALYSIS_SOURCE}（环节：{origin.source}）", AS_OF: analysed})
    links = [
        {**row, SOURCE: "规划原文" if row["依据"] == "规划" else f"{row['依据']}（判断，非规划原文）", AS_OF: analysed}
        for row in report["供应关系"]
    ]
    return {
        "全景图": overview,
        "现状图": status,
        "供应关系": links,
        "区域分布图": region_rows(data.regions),
        "招商路线图": _route_rows(data, analysed),
        "企业": _with_provenance(report["重点企业"], "企业", data.firm_sources),
        "项目": _with_provenance(report["重点项目"], "项目", data.project_sources),
        "问题": _problem_rows(data, analysed),
        "招商": [{TARGET_DATES.get(k, k): v for k, v in row.items()} for row in report["招商目标"]],
        "招商线索": [
            {**row, SOURCE: LEAD_SOURCE, AS_OF: lead.updated_at or "未注明"}
            for row, lead in zip(flat_rows(data.leads, LEAD_COLUMNS), data.leads, strict=True)
        ],
        "政策": [
            {
                "章节": c.section,
                "原文": c.quote,
                "涉及": "；".join(c.about),
                SOURCE: data.plan.title,
                AS_OF: data.plan.period,
            }
            for c in data.clauses
        ],
    }


def _with_provenance(rows: list[dict[str, Any]], key: str, sources: dict[str, Provenance]) -> list[dict[str, Any]]:
    """The report's rows with where each firm or project came from, looked up by its name."""
    found = []
    for row in rows:
        origin = sources.get(row[key])
        found.append(
            {**row, SOURCE: origin.source if origin else "未注明", AS_OF: origin.as_of if origin else "未注明"}
        )
    return found


def _problem_rows(data: PackageData, analysed: str) -> list[dict[str, Any]]:
    """Gaps, then risks, in one table: the columns of both (a cell is empty where a column is not the row's)."""
    rows = [{"类型": "缺口", **row} for row in flat_rows(data.report.gaps, GAP_COLUMNS)]
    rows += [{"类型": "风险", **row} for row in table_rows(data.risks, RISK_COLUMNS)]
    columns = list(dict.fromkeys(title for row in rows for title in row))
    return [{**{c: row.get(c, "") for c in columns}, SOURCE: ANALYSIS_SOURCE, AS_OF: analysed} for row in rows]


def _route_rows(data: PackageData, analysed: str) -> list[dict[str, Any]]:
    """招商路线图 as a table: each gap, the regions its best candidates are in (the plan's order), the firms."""
    order = list(dict.fromkeys(r.name for r in DEFAULT_REGIONS))
    rows = []
    for gap, found in data.report.targets.items():
        if not found:
            empty = {"缺口环节": gap, "区域": NO_TARGETS, "企业数": 0, "企业（得分，线索状态）": ""}
            rows.append({**empty, SOURCE: "本系统分析：候选企业库的匹配结果", AS_OF: analysed})
            continue
        by_region = defaultdict(list)
        for target in found:
            by_region[target.region].append(target)
        for region in sorted(by_region, key=lambda r: (order.index(r) if r in order else len(order), r)):
            firms = by_region[region]
            rows.append(
                {
                    "缺口环节": gap,
                    "区域": region,
                    "企业数": len(firms),
                    "企业（得分，线索状态）": "；".join(
                        f"{t.name}（{t.score:g}，{t.lead_status or '未建线索'}）" for t in firms
                    ),
                    SOURCE: "；".join(dict.fromkeys(t.data_source or "未注明" for t in firms)),
                    AS_OF: "；".join(dict.fromkeys(t.as_of or "未注明" for t in firms)),
                }
            )
    return rows


def render_package(data: PackageData) -> Package:
    """The HTML page and the workbook of `data`, with the same tables in both."""
    sheets = package_sheets(data)
    title = f"{data.chain}产业链图谱与清单"
    views = {name: map_view(data.report.map, coloured=coloured) for name, coloured in MAP_SHEETS.items()}
    pictures = {
        name: png_a3(view, coloured=MAP_SHEETS[name], title=f"{data.chain}产业链{name}")
        for name, view in views.items()
        if view.nodes
    }
    book = to_xlsx(sheets, title=f"{title}（生成日期 {data.as_of}；每行注明来源与时点）")
    stem = file_stem(data.chain)
    return Package(
        chain=data.chain,
        files={
            f"{stem}.html": _html(data, sheets, views, title).encode("utf-8"),
            f"{stem}.xlsx": _with_pictures(book, pictures),
        },
    )


def _with_pictures(book: bytes, pictures: dict[str, bytes]) -> bytes:
    """The workbook with each map's PNG beside its table (two columns right of the last one)."""
    workbook = load_workbook(io.BytesIO(book))
    for name, png in pictures.items():
        sheet = workbook[name]
        picture = Image(io.BytesIO(png))
        scale = PICTURE_WIDTH / picture.width
        picture.width, picture.height = PICTURE_WIDTH, int(picture.height * scale)
        sheet.add_image(picture, f"{get_column_letter(sheet.max_column + 2)}2")
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _map_image(view: Any, coloured: bool, title: str) -> str:
    if not view.nodes:
        return "<p>（该产业链还没有环节数据）</p>"
    svg = draw(view, coloured=coloured, headers=True, legend=True, title=title).svg
    data = base64.b64encode(svg.encode("utf-8")).decode("ascii")
    return f'<img class="map" alt="{html.escape(title)}" src="data:image/svg+xml;base64,{data}">'


SECTIONS = (  # after the three maps drawn above the tables, in this order
    ("招商路线图", "缺口环节 → 候选企业所在区域（按规划的招商区域顺序）→ 企业，附得分与线索状态。"),
    ("企业", "本产业链各环节的本地企业。"),
    ("项目", "规划点名、涉及本产业链环节的重点项目。"),
    ("问题", "缺口环节（严重度及原因）与风险清单（风险分及原因）。"),
    ("招商", "每个缺口环节的候选目标企业与线索状态。"),
    ("招商线索", "本产业链的招商线索。"),
    ("政策", "规划中关于本产业链的条款原文。"),
    ("供应关系", "环节之间的供应关系及依据。"),
)


def _html(data: PackageData, sheets: dict[str, list[dict[str, Any]]], views: dict[str, Any], title: str) -> str:
    chain = html.escape(data.chain)
    regions = data.regions
    apart = []
    if regions.parks_without_county:
        apart.append("规划未写所属县市区、未放入图中的园区：" + "、".join(regions.parks_without_county))
    if regions.firms_without_place:
        apart.append(f"另有 {regions.firms_without_place} 家本地企业没有记录所在园区或县市区")
    if regions.landed_without_place:
        apart.append("已落地但未记录县市区的招商企业：" + "、".join(regions.landed_without_place))
    parts = [
        f"<h1>{html.escape(title)}</h1>",
        f"<p>生成日期 {data.as_of}。规划事实来自{html.escape(data.plan.title)}（{html.escape(data.plan.period)}）；"
        "候选企业来自 A 股上市公司库；环节状态、缺口与风险为生成当日按图谱数据分析的结果。"
        "每张表都有“来源”和“时点”两列。"
        "本页完全离线；用浏览器“打印 → 另存为 PDF”即可得到 PDF。</p>",
        "<section><h2>全景图</h2><p>环节与供应关系：配套 | 上游 | 中游 | 下游 从左到右；实线为规划明确的供应，"
        "虚线为行业常识 / 模板判断。</p>",
        _map_image(views["全景图"], False, f"{data.chain}产业链全景图"),
        html_table(sheets["全景图"]),
        "</section><section><h2>现状图</h2><p>按本地状态着色，缺口环节红框加粗。</p>",
        _map_image(views["现状图"], True, f"{data.chain}产业链现状图"),
        html_table(sheets["现状图"]),
        "</section><section><h2>区域分布图</h2>",
        f"<p>{html.escape(SCHEMATIC_NOTE)}按“产业链分布”着色。</p>",
        legend_html("产业链分布"),
        f'<div class="tiles">{tile_svg(regions, "产业链分布")}</div>',
        "".join(f"<p>{html.escape(line)}。</p>" for line in apart),
        html_table(sheets["区域分布图"]),
        "</section>",
    ]
    for name, intro in SECTIONS:
        parts.append(f"<section><h2>{name}</h2><p>{html.escape(intro)}</p>{html_table(sheets[name])}</section>")
    style = (
        "body{font-family:'Noto Sans CJK SC','Source Han Sans SC','Microsoft YaHei','PingFang SC','SimHei',sans-serif;"
        "margin:24px;color:#263238}h1{font-size:24px}h2{font-size:20px;border-bottom:2px solid #90a4ae}"
        "table{border-collapse:collapse;margin:8px 0 24px;width:100%}td,th{border:1px solid #cfd8dc;padding:4px 6px;"
        "vertical-align:top;font-size:12px}th{background:#eceff1}img.map{max-width:100%;height:auto;display:block}"
        ".legend{font-size:13px;margin:6px 0}"
        "@page{size:A4 landscape;margin:12mm}"
        "@media print{body{margin:0}section{break-before:page}thead{display:table-header-group}"
        "tr{break-inside:avoid}img.map,.tiles svg{max-width:100%;height:auto}}"
    )
    return (
        f'<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>{chain}产业链图谱与清单</title>'
        f"<style>{style}</style></head><body>{''.join(parts)}</body></html>\n"
    )
