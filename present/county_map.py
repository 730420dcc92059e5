"""区域分布图: Yongzhou's eleven districts and counties as a schematic tile map, and the per-county table.

No boundary data ships with chainkg: the one offline source found (an npm package of ECharts city maps)
carries AMap's geometry under AMap's terms and still names 祁阳县, so it is not used. Each county is a
square tile placed roughly where its seat lies relative to the others (north at top), and the map says so:
示意图，非标准地图，不表示行政边界. Every text from the data is escaped here, once.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from queries.regions import CountyFigures, RegionMap

SCHEMATIC = "示意图，非标准地图，不表示行政边界"
SCHEMATIC_NOTE = SCHEMATIC + "：每个方块代表一个县市区，按县市区政府驻地的大致相对位置摆放，上北下南。"
TILE_GRID: dict[str, tuple[int, int]] = {
    "东安县": (0, 0),
    "冷水滩区": (1, 0),
    "祁阳市": (2, 0),
    "零陵区": (1, 1),
    "双牌县": (1, 2),
    "新田县": (3, 2),
    "道县": (1, 3),
    "宁远县": (2, 3),
    "蓝山县": (3, 3),
    "江永县": (0, 4),
    "江华瑶族自治县": (1, 4),
}
"""(column, row) of each county's tile: 行业常识 of Yongzhou's geography (祁阳 north-east, 东安 north-west,
冷水滩 and 零陵 in the centre-north, 江永 and 江华 in the south), not surveyed positions."""
TILE = 118
GAP = 8
MARGIN = 12
EMPTY_FILL = "#eceff1"
INK = "#263238"


@dataclass(frozen=True)
class Measure:
    """One way of colouring the map: a count per county, a colour ramp and how to say the count."""

    label: str
    value: Callable[[CountyFigures], int]
    colours: tuple[str, ...]
    unit: str


MEASURES: dict[str, Measure] = {
    "产业链分布": Measure(
        "产业链分布",
        lambda c: (2 if c.designated_chains else 0) + (1 if c.present_chains else 0),
        (EMPTY_FILL, "#bbdefb", "#64b5f6", "#1565c0"),
        "",
    ),
    "本地企业": Measure("本地企业", lambda c: len(c.enterprises), (EMPTY_FILL, "#c8e6c9", "#81c784", "#2e7d32"), "家"),
    "缺口环节": Measure("缺口环节", lambda c: len(c.gaps), (EMPTY_FILL, "#ffcdd2", "#e57373", "#c62828"), "个"),
    "已落地招商": Measure("已落地招商", lambda c: len(c.landed), (EMPTY_FILL, "#dcedc8", "#9ccc65", "#558b2f"), "家"),
}
PRESENCE_WORDS = ("无", "有企业或项目", "规划布局", "规划布局且有企业或项目")
PRESENCE_SHORT = ("无", "有企业/项目", "规划布局", "布局＋企业/项目")
"""The same four words short enough for a tile."""

REGION_COLUMNS = {
    "county": "县市区",
    "parks": "园区",
    "designated_chains": "规划布局的产业链（一主一特）",
    "present_chains": "有本地企业或重点项目的产业链",
    "enterprise_count": "本地企业数",
    "enterprises": "本地企业",
    "projects": "重点项目",
    "gap_count": "缺口环节数",
    "gaps": "缺口环节（规划布局的产业链）",
    "landed": "已落地招商企业",
    "source": "来源",
    "as_of": "时点",
}


def region_rows(regions: RegionMap, names_shown: int | None = None) -> list[dict[str, Any]]:
    """The per-county table (the package's 区域分布图 sheet and the page's table), sources and dates kept.

    `names_shown`: on screen a cell lists at most that many names and says how many there are (a county can hold
    tens of thousands of firms, unreadable in one cell and slow to draw); the Excel sheets list them all."""

    def listed(items: list[str]) -> str:
        if names_shown is None or len(items) <= names_shown:
            return "；".join(items)
        return "；".join(items[:names_shown]) + f" 等（共 {len(items)} 个，完整名单见 Excel）"

    return [
        {
            REGION_COLUMNS["county"]: c.county,
            REGION_COLUMNS["parks"]: listed(c.parks),
            REGION_COLUMNS["designated_chains"]: listed(c.designated_chains),
            REGION_COLUMNS["present_chains"]: listed(c.present_chains),
            REGION_COLUMNS["enterprise_count"]: len(c.enterprises),
            REGION_COLUMNS["enterprises"]: listed(c.enterprises),
            REGION_COLUMNS["projects"]: listed(c.projects),
            REGION_COLUMNS["gap_count"]: len(c.gaps),
            REGION_COLUMNS["gaps"]: listed(c.gaps),
            REGION_COLUMNS["landed"]: listed(c.landed),
            REGION_COLUMNS["source"]: "；".join(dict.fromkeys(p.source for p in c.provenance)),
            REGION_COLUMNS["as_of"]: f"分析日期 {regions.as_of}；"
            + "；".join(dict.fromkeys(p.as_of for p in c.provenance)),
        }
        for c in regions.counties
    ]


def value_words(measure: Measure, county: CountyFigures, *, short: bool = False) -> str:
    value = measure.value(county)
    if measure.label == "产业链分布":
        return (PRESENCE_SHORT if short else PRESENCE_WORDS)[value]
    return f"{value} {measure.unit}"


def _fill(measure: Measure, value: int, top: int) -> str:
    if value <= 0:
        return measure.colours[0]
    if measure.label == "产业链分布":
        return measure.colours[value]
    steps = len(measure.colours) - 1
    return measure.colours[max(1, min(steps, -(-value * steps // max(top, 1))))]


def tile_svg(
    regions: RegionMap, measure_name: str, *, link: Callable[[str], str] | None = None, selected: str = ""
) -> str:
    """The tile map as inline SVG (no namespace URL needed inside HTML), coloured by one of MEASURES.

    `link(county)` gives each tile's href (the app's ?county=…); without it tiles are plain (print).
    Counties missing from TILE_GRID (another city's seed) are placed in a row below the grid.
    """
    measure = MEASURES[measure_name]
    top = max((measure.value(c) for c in regions.counties), default=0)
    spare = iter(range(100))
    rows = max((r for _, r in TILE_GRID.values()), default=0) + 1
    cells = []
    for county in regions.counties:
        col, row = TILE_GRID.get(county.county) or (next(spare), rows)
        x, y = MARGIN + col * (TILE + GAP), MARGIN + row * (TILE + GAP)
        value = measure.value(county)
        fill = _fill(measure, value, top)
        ink = "#ffffff" if fill in measure.colours[2:] else INK
        edge = 'stroke="#ff6f00" stroke-width="4"' if county.county == selected else 'stroke="#90a4ae" stroke-width="1"'
        tip = f"{county.county}：{value_words(measure, county)}；园区 {'、'.join(county.parks) or '无'}"
        tile = (
            f'<g class="county"><title>{html.escape(tip)}</title>'
            f'<rect x="{x}" y="{y}" width="{TILE}" height="{TILE}" rx="8" fill="{fill}" {edge}/>'
            f'<text x="{x + TILE / 2}" y="{y + 48}" text-anchor="middle" font-size="20" font-weight="bold" '
            f'fill="{ink}">{html.escape(county.short)}</text>'
            f'<text x="{x + TILE / 2}" y="{y + 80}" text-anchor="middle" font-size="13" fill="{ink}">'
            f"{html.escape(value_words(measure, county, short=True))}</text></g>"
        )
        if link is not None:
            tile = (
                f'<a href="{html.escape(link(county.county))}" target="_self" style="text-decoration:none">{tile}</a>'
            )
        cells.append(tile)
    placed = [TILE_GRID.get(c.county) for c in regions.counties]
    cols = max([4, *(p[0] + 1 for p in placed if p)])
    extra = 1 if any(p is None for p in placed) else 0
    width = 2 * MARGIN + cols * (TILE + GAP)
    height = 2 * MARGIN + (rows + extra) * (TILE + GAP) + 24
    compass = f'<text x="{width - 30}" y="{MARGIN + 16}" font-size="16" fill="{INK}">北 ↑</text>'
    note = f'<text x="{MARGIN}" y="{height - 10}" font-size="13" fill="#546e7a">{html.escape(SCHEMATIC)}</text>'
    label = html.escape(f"永州市县市区示意图：{measure.label}")
    return (
        f'<svg width="{width}" height="{height}" viewBox="0 0 {width} {height}" style="max-width:100%;height:auto" '
        f'role="img" aria-label="{label}" '
        "font-family=\"'Noto Sans CJK SC','Source Han Sans SC','Microsoft YaHei','PingFang SC',sans-serif\">"
        f"{compass}{''.join(cells)}{note}</svg>"
    )


def county_link(chain: str | None) -> Callable[[str], str]:
    """The app's href for a county tile: the same page with ?county=… (and the chain in focus kept)."""

    def href(county: str) -> str:
        query = f"?county={quote(county)}"
        return query + (f"&chain={quote(chain)}" if chain else "")

    return href


def legend_html(measure_name: str) -> str:
    """What each colour means, as a line of swatches."""
    measure = MEASURES[measure_name]
    if measure.label == "产业链分布":
        words = list(PRESENCE_WORDS)
    else:
        words = [f"0 {measure.unit}", "少", "中", "多（颜色按本图最大值分三档）"]
    swatches = "".join(
        f'<span style="display:inline-block;width:14px;height:14px;background:{colour};border:1px solid #90a4ae;'
        f'margin:0 4px 0 12px;vertical-align:middle"></span>{html.escape(word)}'
        for colour, word in zip(measure.colours, words, strict=True)
    )
    return f'<div class="legend">{swatches}</div>'
