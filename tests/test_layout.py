"""Chain maps stay readable at depth: Graphviz positions without overlaps, edges that go around the
nodes they do not touch, stage columns in order, 细分环节 folding, filters, search, one line style
per kind of link, text escaped exactly once, and A3 print files. Geometry is read from dot's own output."""

from __future__ import annotations

import itertools
import re
import struct
import xml.etree.ElementTree as ET
from dataclasses import replace
from pathlib import Path

import pytest
from app_runs import APP_TIMEOUT_SECONDS
from streamlit.testing.v1 import AppTest
from synthetic_chain import HOSTILE, synthetic_chain

from graph.embedded import EmbeddedStore
from graph.model import GraphData, Node, NodeLabel, Relationship, RelType
from loaders.load import load_all
from present.layout import (
    STAGE_ORDER,
    Geometry,
    MapView,
    draw,
    families,
    folded_by_default,
    geometry,
    legend_svg,
    map_view,
    png_a3,
    search,
)
from present.report import build_report
from queries.chain_map import chain_map
from queries.structure import chain_summaries
from ui.graph_view import data_network, legend_html, map_page

ROOT = Path(__file__).resolve().parent.parent
SVG = "{http://www.w3.org/2000/svg}"
Box = tuple[float, float, float, float]


def _crosses(a: tuple[float, float], b: tuple[float, float], box: Box, margin: float = 1.0) -> bool:
    """Does segment a-b enter the box's interior (shrunk by `margin`)? Liang–Barsky clipping."""
    x0, y0, x1, y1 = box[0] + margin, box[1] + margin, box[2] - margin, box[3] - margin
    dx, dy = b[0] - a[0], b[1] - a[1]
    low, high = 0.0, 1.0
    for p, q in ((-dx, a[0] - x0), (dx, x1 - a[0]), (-dy, a[1] - y0), (dy, y1 - a[1])):
        if p == 0:
            if q <= 0:
                return False
            continue
        t = q / p
        if p < 0:
            low = max(low, t)
        else:
            high = min(high, t)
        if low >= high:
            return False
    return True


def _overlaps(geo: Geometry) -> list[tuple[str, str]]:
    boxes = list(geo.boxes.items())
    return [
        (a, b)
        for i, (a, p) in enumerate(boxes)
        for b, q in boxes[i + 1 :]
        if p[0] < q[2] and q[0] < p[2] and p[1] < q[3] and q[1] < p[3]
    ]


def _edges_through_nodes(geo: Geometry) -> list[tuple[str, str, str]]:
    return [
        (start, end, other)
        for start, end, line in geo.edges
        for other, box in geo.boxes.items()
        if other not in (start, end) and any(_crosses(a, b, box) for a, b in itertools.pairwise(line))
    ]


def test_the_crossing_check_sees_a_line_through_a_box() -> None:
    box = (0.0, 0.0, 10.0, 10.0)
    assert _crosses((-5, 5), (15, 5), box) and _crosses((-5, -5), (15, 15), box)
    assert not _crosses((-5, 12), (15, 12), box) and not _crosses((-5, 5), (-1, 5), box)


@pytest.mark.parametrize("seed", [7, 11])
@pytest.mark.parametrize("folded", [True, False])
def test_hundred_segments_without_overlaps_or_edges_through_nodes(seed: int, folded: bool) -> None:
    drawn = synthetic_chain(100, seed)
    view = map_view(drawn, expanded=None if folded else list(families(drawn)))
    if not folded:
        assert len(view.nodes) == 100
    geo = geometry(view)
    assert len(geo.boxes) == len(view.nodes) and len(geo.edges) == len(view.edges) > 90
    assert not _overlaps(geo), "环节方框（含标签）不得重叠"
    assert not _edges_through_nodes(geo), "连线不得穿过与它无关的环节"


def test_every_seed_chain_map_is_clean(loaded_store: EmbeddedStore) -> None:
    for summary in chain_summaries(loaded_store):
        view = map_view(chain_map(loaded_store, summary.name))
        if view.nodes:
            geo = geometry(view)
            assert not _overlaps(geo) and not _edges_through_nodes(geo), summary.name


def test_stage_columns_run_left_to_right() -> None:
    view = map_view(synthetic_chain(100), expanded=[])
    geo = geometry(view)
    assert [c[0] for c in geo.columns] == list(STAGE_ORDER) == ["配套", "上游", "中游", "下游"]
    for (_, _, right, _), (_, left, _, _) in zip(geo.columns, geo.columns[1:], strict=False):
        assert right < left, "每个环节位置占据自己的一列，从左到右排列"
    stage_of = {n.id: n.stage for n in view.nodes}
    for node_id, box in geo.boxes.items():
        column = next(c for c in geo.columns if c[0] == stage_of[node_id])
        assert column[1] <= box[0] and box[2] <= column[2]
    printed = draw(view, coloured=True, headers=True, legend=True, title="合成链全景图").svg
    heads = [
        t.text
        for t in ET.fromstring(printed).iter(f"{SVG}text")
        if t.text and re.match(r"^(配套|上游|中游|下游)（", t.text)
    ]
    assert [h.split("（")[0] for h in heads] == list(STAGE_ORDER)


def test_deep_chain_opens_folded_and_expands_one_parent_at_a_time() -> None:
    drawn = synthetic_chain(100)
    assert folded_by_default(drawn) and len(drawn.parents) > 40
    folded = map_view(drawn)
    ids = {n.id for n in folded.nodes}
    assert ids == {s.segment_id for s in drawn.segments} - set(drawn.parents)
    assert all(e.start in ids and e.end in ids and e.start != e.end for e in folded.edges)
    parent, children = max(families(drawn).items(), key=lambda item: len(item[1]))
    node = next(n for n in folded.nodes if n.id == parent)
    assert len(node.folded) == len(children) and f"已折叠的细分环节（{len(children)}）" in node.tooltip
    labels = [t.text for t in ET.fromstring(draw(folded, coloured=True).svg).iter(f"{SVG}text")]
    assert f"＋{len(children)} 个细分环节" in " ".join(str(t) for t in labels)
    opened = map_view(drawn, expanded=[parent])
    assert {n.id for n in opened.nodes} == ids | set(children)
    child_links = {
        (link.start, link.end)
        for link in drawn.links
        if link.kind == "supply" and children[0] in (link.start, link.end)
    }
    shown = {(e.start, e.end) for e in opened.edges}
    assert all(pair in shown for pair in child_links if all(p in ids | set(children) for p in pair))
    small = synthetic_chain(30)
    assert not folded_by_default(small) and len(map_view(small).nodes) == 30
    child_id = next(iter(small.parents))
    blank = [replace(s, stage="") if s.segment_id == child_id else s for s in small.segments]
    inherits = replace(small, segments=blank)
    parent_stage = next(s.stage for s in small.segments if s.segment_id == small.parents[child_id])
    assert next(n for n in map_view(inherits).nodes if n.id == child_id).stage == parent_stage, "细分环节继承上级的位置"


def test_filters_by_stage_and_status() -> None:
    drawn = synthetic_chain(100)
    upstream = map_view(drawn, stages=["上游"], expanded=list(families(drawn)))
    assert upstream.nodes and {n.stage for n in upstream.nodes} == {"上游"}
    ids = {n.id for n in upstream.nodes}
    assert all(e.start in ids and e.end in ids for e in upstream.edges)
    missing = map_view(drawn, statuses=["missing"], expanded=list(families(drawn)))
    assert missing.nodes and {n.status for n in missing.nodes} == {"missing"}
    assert map_view(drawn, stages=[]).nodes == [] and draw(MapView([], []), coloured=True).svg == ""


def test_search_highlights_matches_even_inside_folded_parents() -> None:
    drawn = synthetic_chain(100)
    child, parent = next(iter(sorted(drawn.parents.items())))
    child_name = child.split(":", 1)[1]
    view = map_view(drawn)
    assert search(view, child_name) == [parent]
    assert search(view, "不存在的环节") == [] and search(view, "  ") == []
    svg = ET.fromstring(draw(view, coloured=True, hits=[parent]).svg)
    hit = [g.get("data-id") for g in svg.iter(f"{SVG}g") if "hit" in (g.get("class") or "").split()]
    assert hit == [parent]


def test_plan_facts_stand_out_and_each_link_kind_has_one_line_style() -> None:
    drawn = synthetic_chain(100)
    view = map_view(drawn, expanded=list(families(drawn)))
    svg = ET.fromstring(draw(view, coloured=False).svg)
    outlines = {}
    for group in svg.iter(f"{SVG}g"):
        if group.get("data-id"):
            shape = group.find(f"{SVG}path")
            outlines[group.get("data-id")] = shape.get("stroke-dasharray") if shape is not None else None
    assert {outlines[i] for i, o in drawn.origins.items() if o == "规划"} == {None}, "规划点名的环节用实线框"
    assert None not in {outlines[i] for i, o in drawn.origins.items() if o == "模板"}, "模板环节用虚线框"
    styles: dict[str | None, set[str | None]] = {}
    for group in svg.iter(f"{SVG}g"):
        if group.get("class") == "edge" and group.get("data-start"):
            line = group.find(f"{SVG}path")
            assert line is not None
            styles.setdefault(line.get("stroke"), set()).add(line.get("stroke-dasharray"))
    assert styles == {"#37474f": {None}, "#78909c": {"5,2"}}, "规划实线、行业常识虚线；设备关系默认不画"
    with_equips = map_view(drawn, expanded=list(families(drawn)), show_equips=True)
    assert {e.kind for e in with_equips.edges} == {"plan", "judgement", "equips"}
    dotted = ET.fromstring(draw(with_equips, coloured=False, show_equips=True).svg)
    assert any(p.get("stroke") == "#8d6e63" and p.get("stroke-dasharray") == "1,5" for p in dotted.iter(f"{SVG}path"))


def test_names_and_tooltips_are_escaped_exactly_once() -> None:
    drawn = synthetic_chain(100)
    view = map_view(drawn, expanded=list(families(drawn)))
    drawing = draw(view, coloured=True)
    assert "<script" not in drawing.svg and "&amp;lt;" not in drawing.svg and "&amp;quot;" not in drawing.svg
    svg = ET.fromstring(drawing.svg)
    node = next(g for g in svg.iter(f"{SVG}g") if g.get("data-name") == HOSTILE)
    assert "".join(t.text or "" for t in node.findall(f"{SVG}text")) == HOSTILE, "名称按原样显示"
    title_element = node.find(f"{SVG}title")
    assert title_element is not None and title_element.text is not None
    tooltip = title_element.text
    assert tooltip.startswith(HOSTILE) and tooltip.count('规划原文 "引号" & <b>标签</b>') == 1
    title = f"A&lt;B {HOSTILE}"
    printed = ET.fromstring(draw(view, coloured=True, headers=True, legend=True, title=title).svg)
    assert title in [t.text for t in printed.iter(f"{SVG}text")], "标题里像实体的文字也按原样显示"
    page = map_page(drawing, legend_svg(coloured=True, show_equips=False), HOSTILE)
    assert "<script>alert" not in page and "&lt;script&gt;alert(&quot;x&quot;)" in page
    assert not re.search(r"(src|href)\s*=\s*[\"']?(https?:)?//", page), "页面不得引用外部资源"


def test_missing_segment_shows_each_plan_quote_once(loaded_store: EmbeddedStore) -> None:
    drawn = chain_map(loaded_store, "电机")
    quotes = drawn.quotes["segment:电机外壳"]
    assert quotes and len(quotes) == len(set(quotes)), "状态依据与其他依据是同一条原文时只列一次"
    node = next(n for n in map_view(drawn).nodes if n.id == "segment:电机外壳")
    assert node.status == "to_introduce" and all(node.tooltip.count(q) == 1 for q in quotes[:2])


def test_levels_parents_and_origins_come_from_segment_properties(tmp_path: Path) -> None:
    store = EmbeddedStore(tmp_path)
    load_all(store)
    extra = Node(
        id="segment:测试细分",
        label=NodeLabel.SEGMENT,
        properties={"name": "测试细分", "stage": "上游", "level": 2, "parent": "模具", "origin": "模板"},
    )
    store.write(
        GraphData(
            nodes=[extra],
            relationships=[Relationship(type=RelType.BELONGS_TO, start=extra.id, end="chain:电机")],
        )
    )
    drawn = chain_map(store, "电机")
    assert drawn.parents["segment:测试细分"] == "segment:模具"
    assert drawn.parents["segment:伺服驱动器"] == "segment:电机驱动器"  # from the 电机 template
    assert "segment:模具" not in drawn.parents
    assert drawn.origins["segment:测试细分"] == "模板" and drawn.origins["segment:模具"] == "规划"


def _png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


def test_print_files_fit_an_a3_sheet_with_legend_and_headers() -> None:
    view = map_view(synthetic_chain(100))
    printed = draw(view, coloured=True, headers=True, legend=True, title="合成链现状图", a3=True)
    root = ET.fromstring(printed.svg)
    width, height = (float(root.attrib[k].removesuffix("mm")) for k in ("width", "height"))
    assert max(width, height) <= 420.05 and min(width, height) <= 297.05 and max(width, height) > 296
    words = " ".join(t.text or "" for t in root.iter(f"{SVG}text"))
    assert all(
        w in words for w in ["合成链现状图", "缺失", "规划明确的供应", "行业常识/模板的供应", "配套（", "下游（"]
    )
    w, h = _png_size(png_a3(view, coloured=True, title="合成链现状图"))
    assert max(w, h) <= 3310 and min(w, h) <= 2340 and max(w, h) > 2000, (w, h)


def test_report_draws_the_dot_map(loaded_store: EmbeddedStore) -> None:
    page = build_report(loaded_store, "电机").html
    assert page.count('data-id="segment:模具"') == 2, "全景图与现状图各一次"
    assert "中游（" in page and "规划明确的供应" in page and "<rect" not in page


@pytest.fixture
def app_env(loaded_store: EmbeddedStore, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CHAINKG_DATA_DIR", str(loaded_store.data_dir))
    monkeypatch.setenv("CHAINKG_BACKEND", "embedded")
    monkeypatch.chdir(ROOT)


@pytest.mark.usefixtures("app_env")
def test_map_page_says_in_chinese_why_it_is_empty() -> None:
    app = AppTest.from_file(str(ROOT / "ui" / "chain_map.py"), default_timeout=APP_TIMEOUT_SECONDS).run()
    assert not app.exception, app.exception
    assert app.multiselect(key="map-stages").placeholder == "请选择环节位置" and len(app.get("iframe")) == 1
    app.multiselect(key="map-stages").set_value([]).run()
    assert any("没有选择任何环节位置" in i.value and "至少选择一项" in i.value for i in app.info)
    assert not app.get("iframe") and not app.download_button
    app.multiselect(key="map-stages").set_value(["配套"]).run()
    app.multiselect(key="map-statuses").set_value(["优势"]).run()
    assert any("没有环节" in i.value and "放宽" in i.value for i in app.info), [i.value for i in app.info]
    app.multiselect(key="map-statuses").set_value([]).run()
    assert any("没有选择任何环节状态" in i.value for i in app.info)
    app.multiselect(key="map-statuses").set_value(["缺失", "待核实", "已覆盖"]).run()
    app.multiselect(key="map-stages").set_value(list(STAGE_ORDER)).run()
    app.text_input(key="map-search").set_value("不存在的环节").run()
    assert any("没有名称包含" in w.value for w in app.warning)
    app.text_input(key="map-search").set_value("模具").run()
    assert any("找到 1 个环节" in c.value for c in app.caption)
    assert not app.exception


def test_explored_subgraphs_use_the_same_line_styles_and_show_a_legend() -> None:
    a, b, c = (Node(id=f"segment:{n}", label=NodeLabel.SEGMENT, properties={"name": n}) for n in "甲乙丙")
    chain = Node(id="chain:链", label=NodeLabel.CHAIN, properties={"name": "链"})
    data = GraphData(
        nodes=[a, b, c, chain],
        relationships=[
            Relationship(type=RelType.SUPPLIES, start=a.id, end=b.id, properties={"basis": "规划"}),
            Relationship(type=RelType.SUPPLIES, start=b.id, end=c.id, properties={"basis": "行业常识"}),
            Relationship(type=RelType.BELONGS_TO, start=a.id, end=chain.id),
        ],
    )
    edges = {(e["from"], e["to"]): e for e in data_network(data).get_network_data()[1]}
    assert edges[(a.id, b.id)]["color"] == "#37474f" and not edges[(a.id, b.id)]["dashes"]
    assert edges[(b.id, c.id)]["color"] == "#78909c" and edges[(b.id, c.id)]["dashes"] == [5, 2]
    assert edges[(a.id, chain.id)]["color"] == "#cfd8dc"
    legend = legend_html(data)
    assert all(word in legend for word in ["环节", "产业链", "规划明确的供应", "行业常识/模板的供应", "其他关系"])
