"""Chain maps laid out by Graphviz `dot`, offline: positions and edge routes come from the layout
engine, never from hand-placed columns, so labels do not overlap and edges go around nodes they do
not touch, at 100 nodes as at 10.

Two passes. `dot` ranks the segments left to right by stage (配套 | 上游 | 中游 | 下游: 配套 supplies
every stage, so on the left every arrow points right) and routes the edges; then `neato -n2` draws
exactly those positions and routes together with stage bands, headers and the legend, so the app,
the 全景图 download (SVG/PNG, A3) and the `chainkg report` HTML show one drawing in one style. The
drawn SVG is rewritten through an XML tree: every text from the data is set there and escaped once.
"""

from __future__ import annotations

import itertools
import json
import math
import re
import xml.etree.ElementTree as ET
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import graphviz

from graph.vocabulary import DARK_INK, GAP_STATUSES, Status
from queries.chain_map import ChainMap

STAGE_ORDER = ("配套", "上游", "中游", "下游")
COLLAPSE_ABOVE = 40  # a chain with more segments than this opens with its 细分环节 folded
FONT = "Noto Sans CJK SC"
FONT_STACK = "'Noto Sans CJK SC','Source Han Sans SC','Microsoft YaHei','PingFang SC',sans-serif"
FONT_SIZE = 14
WRAP = 11  # characters per label line
A3_INCHES = (16.54, 11.69)
PNG_DPI = 200
SVG = "http://www.w3.org/2000/svg"
NEUTRAL_FILL = {"规划": "#e3f2fd", "模板": "#ffffff"}
BAND_FILL = "#f3f6f9"
EDGE_STYLES = {  # one line style per kind of link, everywhere a map is drawn
    "plan": {"style": "solid", "color": "#37474f", "penwidth": "1.4"},
    "judgement": {"style": "dashed", "color": "#78909c", "penwidth": "1.2"},
    "equips": {"style": "dotted", "color": "#8d6e63", "penwidth": "1.6"},
}
EDGE_WORDS = {"plan": "规划明确的供应", "judgement": "行业常识/模板的供应", "equips": "设备关系（非供应）"}

ET.register_namespace("", SVG)
ET.register_namespace("xlink", "http://www.w3.org/1999/xlink")


class LayoutError(RuntimeError):
    """Graphviz is missing or failed; the message says what to do, in Chinese."""


@dataclass(frozen=True)
class MapNode:
    id: str
    name: str
    stage: str
    status: str
    origin: str  # 规划 | 模板
    folded: tuple[str, ...] = ()  # names of the 细分环节 folded into this segment
    folded_gaps: int = 0
    tooltip: str = ""


@dataclass(frozen=True)
class MapEdge:
    start: str
    end: str
    kind: str  # plan | judgement | equips


@dataclass(frozen=True)
class MapView:
    """What one map shows after filters and folding."""

    nodes: list[MapNode]
    edges: list[MapEdge]


@dataclass(frozen=True)
class Geometry:
    """dot's result in points: node boxes (x0, y0, x1, y1) and each edge as a sampled polyline."""

    boxes: dict[str, tuple[float, float, float, float]]
    edges: list[tuple[str, str, list[tuple[float, float]]]]
    columns: list[tuple[str, float, float, int]]  # stage, left, right, segments
    width: float
    height: float


@dataclass(frozen=True)
class Drawing:
    svg: str
    width: float
    height: float
    columns: list[tuple[str, float, float, int]] = field(default_factory=list)


def families(drawn: ChainMap) -> dict[str, list[str]]:
    """Level-1 segment id -> its 细分环节 ids on this map."""
    children: dict[str, list[str]] = defaultdict(list)
    for child, parent in sorted(drawn.parents.items()):
        children[parent].append(child)
    return dict(children)


def folded_by_default(drawn: ChainMap) -> bool:
    """Deep chains open folded, so the first view has readable labels rather than a zoomed-out web."""
    return len(drawn.segments) > COLLAPSE_ABOVE


def map_view(
    drawn: ChainMap,
    *,
    stages: Iterable[str] = STAGE_ORDER,
    statuses: Iterable[str] = tuple(Status),
    keep: Iterable[str] | None = None,
    expanded: Iterable[str] | None = None,
    show_equips: bool = False,
    coloured: bool = True,
) -> MapView:
    """Segments passing the stage, status and `keep` (ids) filters; level-2 segments of a parent not in
    `expanded` (default: all expanded unless the chain is deep) are folded into it, their links
    drawn from or to the parent."""
    stage_set, status_set = set(stages), set(statuses)
    keep_set = None if keep is None else set(keep)
    stage_of = _stages(drawn)
    shown = [
        s
        for s in drawn.segments
        if stage_of[s.segment_id] in stage_set
        and s.status in status_set
        and (keep_set is None or s.segment_id in keep_set)
    ]
    shown_ids = {s.segment_id for s in shown}
    fams = families(drawn)
    if expanded is None:
        expanded = () if folded_by_default(drawn) else fams
    opened = set(expanded)
    owner = {
        child: parent
        for parent, kids in fams.items()
        if parent in shown_ids and parent not in opened
        for child in kids
        if child in shown_ids
    }
    by_id = {s.segment_id: s for s in shown}
    folded: dict[str, list[str]] = defaultdict(list)
    for child, parent in owner.items():
        folded[parent].append(child)
    nodes = []
    for s in shown:
        if s.segment_id in owner:
            continue
        kids = [by_id[k] for k in folded.get(s.segment_id, [])]
        nodes.append(
            MapNode(
                id=s.segment_id,
                name=s.segment,
                stage=stage_of[s.segment_id],
                status=s.status,
                origin=drawn.origins.get(s.segment_id, "规划"),
                folded=tuple(k.segment for k in kids),
                folded_gaps=sum(k.status in GAP_STATUSES for k in kids),
                tooltip=_tooltip(drawn, s.segment_id, [k.segment for k in kids], coloured),
            )
        )
    edges: dict[tuple[str, str, bool], str] = {}
    for link in drawn.links:
        if link.kind == "equips" and not show_equips:
            continue
        start, end = owner.get(link.start, link.start), owner.get(link.end, link.end)
        if start == end or start not in shown_ids or end not in shown_ids:
            continue
        kind = "equips" if link.kind == "equips" else "plan" if link.basis == "规划" else "judgement"
        key = (start, end, kind == "equips")
        if edges.get(key) != "plan":  # a plan link and a judgement link folded together: the plan's wins
            edges[key] = kind
    return MapView(nodes=nodes, edges=[MapEdge(start, end, kind) for (start, end, _), kind in edges.items()])


def _stages(drawn: ChainMap) -> dict[str, str]:
    """Each segment's column: its own stage, else its parent's (a 细分环节 may inherit it), else 中游."""
    own = {s.segment_id: s.stage for s in drawn.segments}
    inherited = {sid: own.get(drawn.parents.get(sid, ""), "") for sid in own}
    return {
        sid: stage if stage in STAGE_ORDER else inherited[sid] if inherited[sid] in STAGE_ORDER else "中游"
        for sid, stage in own.items()
    }


def _tooltip(drawn: ChainMap, segment_id: str, folded: list[str], coloured: bool) -> str:
    """Plain text (escaped once, where it is drawn): who, where, why, and each plan quote once."""
    s = next(x for x in drawn.segments if x.segment_id == segment_id)
    origin = drawn.origins.get(segment_id, "规划")
    lines = [f"{s.segment}（{s.stage}）", "来源：规划点名" if origin == "规划" else "来源：产业链模板（行业常识）"]
    if segment_id in drawn.parents:
        lines.append(f"细分环节，属于：{drawn.parents[segment_id].split(':', 1)[1]}")
    if coloured:
        names = drawn.enterprises.get(segment_id, [])
        more = " 等" if s.local_count > len(names) else ""
        lines += [f"状态：{s.status_label}", f"本地企业：{s.local_count} 家 {'、'.join(names)}{more}".rstrip()]
        lines += [f"· {r}" for r in s.reasons[:4]]
    lines += [f"规划：{q}" for q in drawn.quotes.get(segment_id, [])[:2]]
    if folded:
        lines.append(f"已折叠的细分环节（{len(folded)}）：{'、'.join(folded)}")
    return "\n".join(dict.fromkeys(lines))


def search(view: MapView, text: str) -> list[str]:
    """Ids of the segments whose name (or a folded 细分环节's name) contains `text`."""
    needle = text.strip().lower()
    if not needle:
        return []
    return [n.id for n in view.nodes if needle in n.name.lower() or any(needle in f.lower() for f in n.folded)]


def _ranks(view: MapView) -> dict[str, int]:
    """Global rank per node: stages in STAGE_ORDER, inside a stage the longest supply path from its
    sources (links closing a cycle are left out), so a stage's columns never mix with another's."""
    stage_of = {n.id: n.stage for n in view.nodes}
    inner: dict[str, list[str]] = defaultdict(list)
    for e in view.edges:
        if stage_of[e.start] == stage_of[e.end] and e.kind != "equips":
            inner[e.start].append(e.end)
    order: list[str] = []
    state: dict[str, int] = {}
    for root in [n.id for n in view.nodes]:
        if root in state:
            continue
        stack = [(root, iter(inner[root]))]
        state[root] = 1
        while stack:
            node, children = stack[-1]
            child = next((c for c in children if state.get(c) != 1), None)
            if child is None:
                state[node] = 2
                order.append(node)
                stack.pop()
            elif child not in state:
                state[child] = 1
                stack.append((child, iter(inner[child])))
    local = dict.fromkeys(stage_of, 0)
    position = {n: i for i, n in enumerate(reversed(order))}
    for node in reversed(order):
        for child in inner[node]:
            if position[child] > position[node]:
                local[child] = max(local[child], local[node] + 1)
    ranks, offset = {}, 0
    for stage in STAGE_ORDER:
        members = [n for n in stage_of if stage_of[n] == stage]
        for n in members:
            ranks[n] = offset + local[n]
        if members:
            offset += max(local[n] for n in members) + 1
    return ranks


def _text(line: str) -> str:
    """A line as dot reads it literally: no HTML label, no backslash escapes, no entities."""
    escaped: str = graphviz.escape(line.replace("&", "&amp;"))  # graphviz has no py.typed: its results read as Any
    return escaped


def _label_lines(node: MapNode) -> list[str]:
    lines = [node.name[i : i + WRAP] for i in range(0, len(node.name), WRAP)] or [""]
    if node.folded:
        gaps = f"，含缺口 {node.folded_gaps}" if node.folded_gaps else ""
        lines.append(f"＋{len(node.folded)} 个细分环节{gaps}")
    return lines


def _node_attrs(node: MapNode, coloured: bool) -> dict[str, str]:
    plan = node.origin != "模板"
    fill = Status(node.status).colour if coloured else NEUTRAL_FILL["规划" if plan else "模板"]
    gap = coloured and node.status in GAP_STATUSES
    styles = ["rounded", "filled"] + ([] if plan else ["dashed"])
    return {
        "shape": "box",
        "style": ",".join(styles),
        "fillcolor": fill,
        "color": "#b71c1c" if gap else "#37474f" if plan else "#90a4ae",
        "penwidth": "3" if gap else "1.6" if plan else "1.2",
        "fontcolor": _ink(node, coloured, plan),
        "peripheries": "2" if node.folded else "1",
    }


def _ink(node: MapNode, coloured: bool, plan: bool) -> str:
    """Label colour: the status's readable ink; template segments greyer only on the uncoloured 全景图."""
    if coloured:
        return Status(node.status).ink
    return DARK_INK if plan else "#546e7a"


def _node_key(index: int) -> str:
    return f"n{index}"


def _layout_source(view: MapView, coloured: bool) -> tuple[str, dict[str, str]]:
    """Pass 1: the dot graph that ranks and routes; returns its source and dot name -> segment id."""
    ranks = _ranks(view)
    keys = {n.id: _node_key(i) for i, n in enumerate(view.nodes)}
    g = graphviz.Digraph(engine="dot")
    g.attr(
        "graph", rankdir="LR", newrank="true", nodesep="0.22", ranksep="0.7", splines="true", outputorder="nodesfirst"
    )
    g.attr("node", fontname=FONT, fontsize=str(FONT_SIZE), margin="0.14,0.07")
    by_rank: dict[int, list[str]] = defaultdict(list)
    for n in view.nodes:
        g.node(keys[n.id], graphviz.nohtml("\\n".join(_text(x) for x in _label_lines(n))), **_node_attrs(n, coloured))
        by_rank[ranks[n.id]].append(keys[n.id])
    levels = sorted(by_rank)
    for r in levels:
        with g.subgraph() as same:
            same.attr(rank="same")
            for key in by_rank[r]:
                same.node(key)
    for before, after in itertools.pairwise(levels):
        g.edge(by_rank[before][0], by_rank[after][0], style="invis", weight="0")
    for e in view.edges:
        attrs = dict(EDGE_STYLES[e.kind], arrowsize="0.7")
        if ranks[e.start] >= ranks[e.end]:
            attrs["constraint"] = "false"
        g.edge(keys[e.start], keys[e.end], **attrs)
    return g.source, {v: k for k, v in keys.items()}


@lru_cache(maxsize=64)
def _run(source: str, engine: str, fmt: str, no_op: int | None = None) -> bytes:
    try:
        drawn: bytes = graphviz.pipe(engine, fmt, source.encode("utf-8"), neato_no_op=no_op, quiet=True)
        return drawn
    except graphviz.ExecutableNotFound as exc:
        raise LayoutError(
            "找不到 Graphviz（dot 命令）：请运行 scripts/setup 安装，或执行 apt-get install graphviz。"
        ) from exc
    except graphviz.CalledProcessError as exc:
        raise LayoutError(f"Graphviz 排版失败：{exc.stderr.decode('utf-8', 'replace')[:200]}") from exc


def _points(spline: str) -> tuple[list[tuple[float, float]], tuple[float, float] | None]:
    """dot's edge `pos`: bezier control points and, if any, the arrow tip."""
    tip, points = None, []
    for part in spline.split():
        if part.startswith("e,"):
            x, y = part[2:].split(",")
            tip = (float(x), float(y))
        elif part.startswith("s,"):
            continue
        else:
            x, y = part.split(",")[:2]
            points.append((float(x), float(y)))
    return points, tip


def _sample(points: list[tuple[float, float]], tip: tuple[float, float] | None) -> list[tuple[float, float]]:
    """The drawn curve as a polyline: each cubic bezier piece at 24 steps, then the arrow tip."""
    line = [points[0]]
    for i in range(0, len(points) - 3, 3):
        p0, p1, p2, p3 = points[i : i + 4]
        for step in range(1, 25):
            t = step / 24
            a, b, c, d = (1 - t) ** 3, 3 * t * (1 - t) ** 2, 3 * t * t * (1 - t), t**3
            line.append((a * p0[0] + b * p1[0] + c * p2[0] + d * p3[0], a * p0[1] + b * p1[1] + c * p2[1] + d * p3[1]))
    return line + ([tip] if tip else [])


@dataclass(frozen=True)
class _Placed:
    source: str
    names: dict[str, str]
    layout: dict[str, Any]  # dot's JSON output


def _place(view: MapView, coloured: bool) -> _Placed:
    source, names = _layout_source(view, coloured)
    return _Placed(source, names, json.loads(_run(source, "dot", "json")))


def geometry(view: MapView, coloured: bool = True) -> Geometry:
    """Where dot put every node and edge of this view (points; y grows upwards)."""
    placed = _place(view, coloured)
    boxes, edges, keys = {}, [], {}
    for obj in placed.layout.get("objects", []):
        if obj["name"] in placed.names:
            x, y = (float(v) for v in obj["pos"].split(","))
            w, h = float(obj["width"]) * 36, float(obj["height"]) * 36
            boxes[placed.names[obj["name"]]] = (x - w, y - h, x + w, y + h)
            keys[obj["_gvid"]] = placed.names[obj["name"]]
    for edge in placed.layout.get("edges", []):
        if edge.get("style") == "invis":
            continue
        points, tip = _points(edge["pos"])
        edges.append((keys[edge["tail"]], keys[edge["head"]], _sample(points, tip)))
    stage_of = {n.id: n.stage for n in view.nodes}
    columns = []
    for stage in STAGE_ORDER:
        inside = [boxes[i] for i in boxes if stage_of[i] == stage]
        if inside:
            columns.append((stage, min(b[0] for b in inside), max(b[2] for b in inside), len(inside)))
    _, _, width, height = (float(v) for v in placed.layout["bb"].split(","))
    return Geometry(boxes=boxes, edges=edges, columns=columns, width=width, height=height)


def _legend_items(coloured: bool, show_equips: bool) -> list[tuple[str, str, dict[str, str]]]:
    """(kind, words, attributes): the same node and line styles the map uses."""
    items: list[tuple[str, str, dict[str, str]]] = []
    if coloured:
        for status in Status:
            attrs = _node_attrs(MapNode(id="", name="", stage="", status=status, origin="规划"), True)
            items.append(("node", status.label + ("（红框）" if status in GAP_STATUSES else ""), attrs))
    plan = _node_attrs(MapNode(id="", name="", stage="", status="unknown", origin="规划"), False)
    template = _node_attrs(MapNode(id="", name="", stage="", status="unknown", origin="模板"), False)
    items += [
        ("node", "规划点名的环节", {**plan, "fillcolor": "#ffffff"} if coloured else plan),
        ("node", "模板补充的环节", template),
        ("node", "含已折叠的细分环节", {**plan, "fillcolor": "#ffffff", "peripheries": "2"}),
        ("edge", EDGE_WORDS["plan"], EDGE_STYLES["plan"]),
        ("edge", EDGE_WORDS["judgement"], EDGE_STYLES["judgement"]),
        ("edge", EDGE_WORDS["equips"] + ("" if show_equips else "，未显示"), EDGE_STYLES["equips"]),
    ]
    return items


def _text_width(text: str, size: float) -> float:
    return sum(size if ord(ch) > 0x2E7F else size * 0.55 for ch in text)


def _legend(
    g: graphviz.Digraph,
    words: dict[str, str],
    left: float,
    bottom: float,
    width: float,
    *,
    coloured: bool,
    equips: bool,
) -> float:
    """Legend items in rows within `width`, the last row at `bottom`; returns the y above the first row.
    `words` gets each text node's exact words."""
    row_height, placed, x, row = 24.0, [], left, 0
    for kind, text, attrs in _legend_items(coloured, equips):
        need = 56 + _text_width(text, 12) + 24
        if x + need > left + max(width, 600) and x > left:
            x, row = left, row + 1
        placed.append((row, x, kind, text, attrs))
        x += need
    for i, (row, x, kind, text, attrs) in enumerate(placed):
        y = bottom + (placed[-1][0] - row) * row_height
        if kind == "node":
            shape = {k: v for k, v in attrs.items() if k != "fontcolor"}
            g.node(
                f"legend{i}", "", pos=f"{x + 20:.1f},{y:.1f}!", width="0.55", height="0.26", fixedsize="true", **shape
            )
        else:
            g.node(f"legend{i}a", "", shape="point", style="invis", width="0.01", pos=f"{x:.1f},{y:.1f}!")
            g.node(f"legend{i}b", "", shape="point", style="invis", width="0.01", pos=f"{x + 40:.1f},{y:.1f}!")
            line = " ".join(f"{x + step:.1f},{y:.1f}" for step in (0, 11, 22, 33))
            g.edge(f"legend{i}a", f"legend{i}b", pos=f"e,{x + 42:.1f},{y:.1f} {line}", arrowsize="0.6", **attrs)
        text_width = _text_width(text, 12)
        words[f"legend{i}t"] = text
        g.node(
            f"legend{i}t",
            _text(text),
            shape="plaintext",
            fontsize="12",
            fontcolor="#37474f",
            pos=f"{x + 52 + text_width / 2:.1f},{y:.1f}!",
            width=f"{text_width / 72:.2f}",
            height="0.2",
            fixedsize="true",
        )
    return bottom + (placed[-1][0] + 1) * row_height if placed else bottom


def _render_source(
    view: MapView, *, coloured: bool, headers: bool, legend: bool, show_equips: bool, title: str
) -> tuple[str, dict[str, str], dict[str, str]]:
    """Pass 2: dot's positions and routes, pinned, with stage bands, headers and (for print) a title and legend.
    Returns the source, dot name -> segment id, and dot name -> exact words of the other text nodes."""
    placed = _place(view, coloured)
    words: dict[str, str] = {}
    geo = geometry(view, coloured)
    g = graphviz.Digraph(engine="neato")
    g.attr("graph", outputorder="nodesfirst", pad="0.2", fontname=FONT)
    g.attr("node", fontname=FONT, fontsize=str(FONT_SIZE))
    g.attr("edge", arrowsize="0.7")
    top = geo.height + (34 if headers else 8)
    for stage, left, right, count in geo.columns:
        centre, width = (left + right) / 2, right - left + 28
        g.node(
            f"band{stage}",
            "",
            shape="box",
            style="filled",
            color=BAND_FILL,
            fillcolor=BAND_FILL,
            width=f"{width / 72:.3f}",
            height=f"{(top + 4) / 72:.3f}",
            fixedsize="true",
            pos=f"{centre:.1f},{(top - 4) / 2:.1f}!",
        )
        if headers:
            words[f"head{stage}"] = f"{stage}（{count}）"
            g.node(
                f"head{stage}",
                _text(words[f"head{stage}"]),
                shape="plaintext",
                fontname=f"{FONT} Bold",
                fontsize="16",
                fontcolor="#263238",
                pos=f"{centre:.1f},{top - 14:.1f}!",
            )
    if legend:
        above = _legend(g, words, 0, top + 24, geo.width, coloured=coloured, equips=show_equips)
        words["title"] = title
        g.node(
            "title",
            _text(title),
            shape="plaintext",
            fontname=f"{FONT} Bold",
            fontsize="20",
            pos=f"{_text_width(title, 20) / 2:.1f},{above + 14:.1f}!",
        )
    names = {}
    for obj in placed.layout.get("objects", []):
        if obj["name"] in placed.names:
            node = next(n for n in view.nodes if n.id == placed.names[obj["name"]])
            names[obj["name"]] = node.id
            g.node(
                obj["name"],
                graphviz.nohtml("\\n".join(_text(x) for x in _label_lines(node))),
                pos=f"{obj['pos']}!",
                width=obj["width"],
                height=obj["height"],
                fixedsize="true",
                margin="0.14,0.07",
                **_node_attrs(node, coloured),
            )
    gvid = {obj["_gvid"]: obj["name"] for obj in placed.layout.get("objects", [])}
    for edge in placed.layout.get("edges", []):
        if edge.get("style") != "invis":
            g.edge(gvid[edge["tail"]], gvid[edge["head"]], pos=edge["pos"], **EDGE_STYLES[_edge_kind(edge)])
    return g.source, names, words


def _edge_kind(edge: dict[str, Any]) -> str:
    """Which kind of link dot drew, read back from its colour (each kind has its own)."""
    return next((kind for kind, style in EDGE_STYLES.items() if edge.get("color") == style["color"]), "judgement")


def _rewrite(
    svg: bytes,
    view: MapView,
    names: dict[str, str],
    words: dict[str, str],
    hits: Sequence[str] = (),
    *,
    size: tuple[str, str],
) -> str:
    """Set every text (labels, hover titles, headers, legend) in the XML tree, so it is escaped exactly
    once; tag nodes and edges with their segment ids for the page's click and search highlighting."""
    root = ET.fromstring(svg)
    by_id = {n.id: n for n in view.nodes}
    hit_set = set(hits)
    tag = f"{{{SVG}}}"
    for group in root.iter(f"{tag}g"):
        title = group.find(f"{tag}title")
        if title is None or title.text is None:
            continue
        key = title.text
        if group.get("class") == "node" and key in names:
            node = by_id[names[key]]
            title.text = node.tooltip or node.name
            for text, line in zip(group.findall(f"{tag}text"), _label_lines(node), strict=False):
                text.text = line
            group.set("class", " ".join(["node", "segment", node.status, *(["hit"] if node.id in hit_set else [])]))
            group.set("data-id", node.id)
            group.set("data-name", node.name)
        elif group.get("class") in ("node", "graph"):
            title.text = ""
            for text in group.findall(f"{tag}text")[:1]:
                text.text = words.get(key, text.text)
        elif group.get("class") == "edge" and "->" in key:
            tail, head = key.split("->", 1)
            if tail in names and head in names:
                start, end = by_id[names[tail]], by_id[names[head]]
                group.set("data-start", start.id)
                group.set("data-end", end.id)
                title.text = f"{start.name} → {end.name}"
            else:
                title.text = ""
    for text in root.iter(f"{tag}text"):
        if "Bold" in (text.get("font-family") or ""):
            text.set("font-weight", "700")
        text.set("font-family", FONT_STACK)
    root.set("width", size[0])
    root.set("height", size[1])
    return ET.tostring(root, encoding="unicode")


def _columns(svg: bytes) -> list[tuple[str, float, float]]:
    """Stage bands as drawn (SVG user units = px at 1:1), for headers that stay in view while scrolling."""
    root = ET.fromstring(svg)
    tag = f"{{{SVG}}}"
    graph = root.find(f"{tag}g")
    match = re.search(r"translate\(([-\d.]+)", graph.get("transform", "") if graph is not None else "")
    shift = float(match.group(1)) if match else 0.0
    found = []
    for group in root.iter(f"{tag}g"):
        title = group.find(f"{tag}title")
        shape = group.find(f"{tag}polygon")
        band = (title.text or "") if title is not None else ""
        if shape is None or not band.startswith("band"):
            continue
        xs = [float(p.split(",")[0]) for p in (shape.get("points") or "").split()]
        found.append((band[4:], min(xs) + shift, max(xs) + shift))
    return found


def draw(
    view: MapView,
    *,
    coloured: bool,
    hits: Sequence[str] = (),
    headers: bool = False,
    legend: bool = False,
    show_equips: bool = False,
    title: str = "",
    a3: bool = False,
) -> Drawing:
    """The map as inline SVG (sizes in px = dot's points, so labels stay at 14 px)."""
    if not view.nodes:
        return Drawing(svg="", width=0, height=0)
    source, names, words = _render_source(
        view, coloured=coloured, headers=headers, legend=legend, show_equips=show_equips, title=title
    )
    raw = _run(source, "neato", "svg", 2)
    width, height = _svg_size(raw)
    size = _a3_size(width, height) if a3 else (f"{width:.0f}px", f"{height:.0f}px")
    counts = {n.stage: 0 for n in view.nodes}
    for n in view.nodes:
        counts[n.stage] += 1
    columns = [(stage, left, right, counts[stage]) for stage, left, right in _columns(raw)]
    svg = _rewrite(raw, view, names, words, hits, size=size)
    return Drawing(svg=svg, width=width, height=height, columns=columns)


def _svg_size(svg: bytes) -> tuple[float, float]:
    root = ET.fromstring(svg)
    return float(root.get("width", "0pt").rstrip("pt")), float(root.get("height", "0pt").rstrip("pt"))


def _a3_size(width: float, height: float) -> tuple[str, str]:
    """Fit the drawing on an A3 sheet (landscape or portrait, whichever suits it) in millimetres."""
    long_side, short_side = 420.0, 297.0
    sheet = (long_side, short_side) if width >= height else (short_side, long_side)
    scale = min(sheet[0] / width, sheet[1] / height)
    return f"{width * scale:.1f}mm", f"{height * scale:.1f}mm"


def png_a3(view: MapView, *, coloured: bool, title: str, show_equips: bool = False) -> bytes:
    """The printable 全景图 as PNG: scaled to fit an A3 sheet at 200 dpi, with headers, title and legend."""
    source, _, _ = _render_source(
        view, coloured=coloured, headers=True, legend=True, show_equips=show_equips, title=title
    )
    width, height = _svg_size(_run(source, "neato", "svg", 2))
    sheet = A3_INCHES if width >= height else A3_INCHES[::-1]
    sized = source.replace("graph [", f'graph [size="{sheet[0]},{sheet[1]}" dpi={PNG_DPI} ', 1)
    return _run(sized, "neato", "png", 2)


def legend_svg(*, coloured: bool, show_equips: bool, width: float = 1100) -> str:
    """The legend alone, drawn by the same engine and attributes as the map (for the app's sticky bar)."""
    g = graphviz.Digraph(engine="neato")
    g.attr("graph", pad="0.05", fontname=FONT)
    words: dict[str, str] = {}
    _legend(g, words, 0, 0, width, coloured=coloured, equips=show_equips)
    raw = _run(g.source, "neato", "svg", 2)
    width_pt, height_pt = _svg_size(raw)
    return _rewrite(raw, MapView([], []), {}, words, size=(f"{math.ceil(width_pt)}px", f"{math.ceil(height_pt)}px"))
