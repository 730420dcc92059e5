"""Graphs as self-contained HTML pages that load nothing from the internet.

The chain map is the SVG Graphviz laid out (present/layout.py) inside a small page of our own. Explored
subgraphs use pyvis for their data and our own template (pyvis's templates still link a CDN even with
cdn_resources="in_line"): vis-network's JavaScript and CSS come from the copy in static/ (taken unchanged from
the pyvis package, licence beside it) — inlined into a page meant to stand alone, linked from the app's own
static files in the app, so the browser fetches and compiles ~690 KB once instead of on every search.
"""

from __future__ import annotations

import html
import json
from functools import cache
from pathlib import Path
from urllib.parse import quote

from pyvis.network import Network

from graph.model import NODE_LABEL_NAMES, GraphData, NodeLabel, Relationship, RelType
from present.layout import EDGE_STYLES, EDGE_WORDS, FONT_STACK, Drawing
from queries.explore import positions

MAX_NODES = 500
"""The most nodes an explored subgraph may draw (the page lets the user raise its cap up to this)."""
CARD_LINKS = {
    NodeLabel.SEGMENT: ("card", "segment", "打开环节卡片"),
    NodeLabel.ENTERPRISE: ("card", "enterprise", "打开企业卡片"),
    NodeLabel.CHAIN: ("chain-map", "chain", "打开产业链图谱"),
}
"""Where clicking a node leads: its card (ui/cards.py) or, for a chain, its map; the page reads the URL's name."""
OTHER_TIE = "#cfd8dc"  # membership, location, evidence: context, not paths
VIS_DASHES: dict[str, list[int] | bool] = {"solid": False, "dashed": [5, 2], "dotted": [1, 5]}
LABEL_COLOURS = {
    NodeLabel.CHAIN: "#8e24aa",
    NodeLabel.SEGMENT: "#1e88e5",
    NodeLabel.ENTERPRISE: "#43a047",
    NodeLabel.PARK: "#6d4c41",
    NodeLabel.COUNTY: "#795548",
    NodeLabel.PROJECT: "#f4511e",
    NodeLabel.GAP: "#d32f2f",
    NodeLabel.PLAN_CLAUSE: "#78909c",
    NodeLabel.INDICATOR: "#00897b",
}
RECORD_COLOUR = "#bdbdbd"
"""Editors' records (reviews, leads) have no place of their own in the chain's picture: a neutral grey."""


INFO_CSS = """#info{position:fixed;right:8px;bottom:8px;max-width:420px;white-space:pre-wrap;background:#fff;
border:1px solid #90a4ae;border-radius:6px;padding:8px 10px;font-size:13px;box-shadow:0 2px 8px rgba(0,0,0,.15)}"""
"""The details box a click opens, alike on the chain map and on explored subgraphs."""
APP_LINK_JS = """
function appLink(box, path, words) {
  let app = null;
  try { app = window.top !== window ? window.top.location.origin : null; } catch (error) { app = null; }
  if (!app) return;
  const open = document.createElement("a");
  open.textContent = words + " ↗";
  open.href = app + path;
  open.target = "_blank";
  box.append(document.createElement("br"), open);
}"""
"""Adds a link into the app (a card, a chain's map) when the graph is shown inside it, not in a downloaded file."""


class TooLarge(ValueError):
    """More nodes than a readable graph can hold; the page asks the user to filter."""


VIS_DIR = Path(__file__).resolve().parent.parent / "static" / "vis-network-9.1.2"
VIS_URL = "/app/static/vis-network-9.1.2"
"""Where the app serves VIS_DIR (`server.enableStaticServing` in .streamlit/config.toml serves static/ at
/app/static/); the version in the name makes an upgrade a new address, so no browser keeps a stale copy."""


@cache
def _vis_assets() -> tuple[str, str]:
    return (VIS_DIR / "vis-network.min.js").read_text(encoding="utf-8"), (VIS_DIR / "vis-network.css").read_text(
        encoding="utf-8"
    )


def _vis_head(linked: bool) -> str:
    if linked:
        return (
            f'<link rel="stylesheet" href="{VIS_URL}/vis-network.css">'
            f'<script src="{VIS_URL}/vis-network.min.js"></script>'
        )
    script, style = _vis_assets()
    return f"<style>{style}</style><script>{script}</script>"


def _tooltip(lines: list[str]) -> str:
    """vis-network 9 shows a string title as plain text, so it is passed unescaped (escaping it as well
    showed `&quot;` to the reader); the page payload below keeps it out of the markup."""
    return "\n".join(lines)


def map_page(drawing: Drawing, legend: str, title: str, *, searching: bool = False, height: int = 720) -> str:
    """The chain map as a self-contained page: the legend and stage headers stay in view while the map
    scrolls at full size (labels never shrink); clicking a segment selects it, its links and its details."""
    heads = "".join(
        f'<span class="head" style="left:{left:.0f}px;width:{right - left:.0f}px">'
        f"{html.escape(stage)}（{count}）</span>"
        for stage, left, right, count in drawing.columns
    )
    return f"""<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>{html.escape(title)}</title>
<style>
body{{margin:0;font-family:{FONT_STACK};color:#263238}}
#frame{{display:flex;flex-direction:column;height:{height}px}}
#legend{{flex:none;padding:4px 6px;border-bottom:1px solid #eceff1;overflow-x:auto}}
#scroll{{flex:1;overflow:auto;position:relative}}
#heads{{position:sticky;top:0;z-index:2;height:28px;width:{drawing.width:.0f}px;background:rgba(255,255,255,.92)}}
.head{{position:absolute;top:4px;text-align:center;font-weight:700;font-size:15px}}
g.segment{{cursor:pointer}}
.searching g.segment:not(.hit){{opacity:.3}}
g.hit path,g.hit polygon{{stroke:#1565c0;stroke-width:5}}
g.selected path,g.selected polygon{{stroke:#6a1b9a;stroke-width:5}}
g.edge.linked path,g.edge.linked polygon{{stroke:#6a1b9a;stroke-width:2.6}}
{INFO_CSS}
</style></head>
<body><div id="frame"><div id="legend">{legend}</div>
<div id="scroll" class="{"searching" if searching else ""}"><div id="heads">{heads}</div>
<div id="map">{drawing.svg}</div></div></div>
<div id="info" hidden></div>
<script>{APP_LINK_JS}
const map = document.getElementById("map"), info = document.getElementById("info");
map.addEventListener("click", (event) => {{
  map.querySelectorAll(".selected,.linked").forEach((e) => e.classList.remove("selected", "linked"));
  const node = event.target.closest("g.segment");
  window.chainkgSelected = node ? node.dataset.id : null;
  info.hidden = !node;
  if (!node) return;
  node.classList.add("selected");
  map.querySelectorAll("g.edge").forEach((e) => {{
    if (e.dataset.start === node.dataset.id || e.dataset.end === node.dataset.id) e.classList.add("linked");
  }});
  info.textContent = node.querySelector("title").textContent;
  appLink(info, "/card?segment=" + encodeURIComponent(node.dataset.name), "打开环节卡片");
}});
const first = map.querySelector("g.hit");
if (first) first.scrollIntoView({{block: "center", inline: "center"}});
</script></body></html>
"""


def _edge_look(rel: Relationship) -> dict[str, object]:
    """The chain map's line styles (present/layout.py EDGE_STYLES) in vis-network terms; other ties pale."""
    if rel.type == RelType.SUPPLIES:
        kind = "plan" if rel.properties.get("basis") == "规划" else "judgement"
    elif rel.type.value == "EQUIPS":
        kind = "equips"
    else:
        return {"color": OTHER_TIE, "width": 1}
    style = EDGE_STYLES[kind]
    return {"color": style["color"], "width": float(style["penwidth"]), "dashes": VIS_DASHES[style["style"]]}


def _line(colour: str, width: str = "1", dashes: list[int] | bool = False) -> str:
    dash = f' stroke-dasharray="{",".join(map(str, dashes))}"' if isinstance(dashes, list) and dashes else ""
    return (
        f'<svg width="34" height="8"><line x1="0" y1="4" x2="34" y2="4" stroke="{colour}" '
        f'stroke-width="{width}"{dash}/></svg>'
    )


def legend_html(data: GraphData) -> str:
    """Which colour is which kind of node, and the line styles, for the subgraph on show."""
    labels = sorted({n.label for n in data.nodes}, key=list(NODE_LABEL_NAMES).index)
    chips = "".join(
        f'<span><i style="background:{LABEL_COLOURS.get(label, RECORD_COLOUR)}"></i>{NODE_LABEL_NAMES[label]}</span>'
        for label in labels
    )
    lines = "".join(
        f"<span>{_line(s['color'], s['penwidth'], VIS_DASHES[s['style']])}{EDGE_WORDS[kind]}</span>"
        for kind, s in EDGE_STYLES.items()
    )
    return f'<div id="legend">{chips}{lines}<span>{_line(OTHER_TIE)}其他关系（所属、位于、依据等）</span></div>'


def _card_link(label: NodeLabel, name: str) -> dict[str, str]:
    """The app path and words of the page a click on this node opens, for the kinds that have one."""
    if label not in CARD_LINKS:
        return {}
    page, param, words = CARD_LINKS[label]
    return {"card": f"/{page}?{param}={quote(name, safe='')}", "cardWords": words}


DRAW_ONLY = {
    "physics": {"enabled": False},
    "layout": {"improvedLayout": False},
    "edges": {"smooth": {"type": "continuous"}},
    "interaction": {"hover": True},
}
"""vis-network options for a subgraph laid out beforehand (queries.explore.positions): no physics simulation and
no layout pass in the browser, which only draws (dragging, zooming and tooltips still work). Simulating 150
stabilisation steps on every view was most of 图谱探索's browser CPU (docs/benchmarks.md, issue #16)."""


def data_network(data: GraphData) -> Network:
    """Any subgraph (neighbourhood, path) with nodes coloured by label, each at its precomputed place."""
    if len(data.nodes) > MAX_NODES:
        raise TooLarge(f"该子图有 {len(data.nodes)} 个节点，超过 {MAX_NODES} 个，请减少跳数或调低显示上限。")
    placed = positions(data)
    net = Network(height="600px", width="100%", directed=True, cdn_resources="in_line")
    for node in data.nodes:
        x, y = placed[node.id]
        net.add_node(
            node.id,
            label=node.name[:24],
            title=_tooltip([f"{NODE_LABEL_NAMES[node.label]}：{node.name}", f"标识：{node.id}"]),
            color=LABEL_COLOURS.get(node.label, RECORD_COLOUR),
            shape="dot",
            size=14,
            x=x,
            y=y,
            **_card_link(node.label, node.name),
        )
    for rel in data.relationships:
        net.add_edge(rel.start, rel.end, title=_tooltip([rel.type.value]), **_edge_look(rel))
    net.set_options(json.dumps(DRAW_ONLY))
    return net


def to_html(net: Network, title: str, legend: str = "", *, linked: bool = False) -> str:
    """A complete page with vis-network inlined: safe to save and open on a machine with no internet.
    `linked` is for the app's own frame only: vis-network is loaded from the app's static files instead."""
    nodes, edges, _, _, _, options = net.get_network_data()
    payload = (
        json.dumps({"nodes": nodes, "edges": edges}, ensure_ascii=False)
        .replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
    )
    return f"""<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>{html.escape(title)}</title>
{_vis_head(linked)}
<style>body{{margin:0;font-family:'Noto Sans CJK SC','Microsoft YaHei',sans-serif}}
#graph{{width:100%;height:{net.height};border:1px solid #eceff1}}
div.vis-tooltip{{white-space:pre-wrap;max-width:420px}}
#legend{{font-size:12px;color:#37474f;padding:4px 2px}}#legend span{{margin-right:14px;white-space:nowrap}}
#legend i{{display:inline-block;width:10px;height:10px;border-radius:50%;margin-right:4px}}
#legend svg{{margin-right:4px;vertical-align:middle}}
{INFO_CSS}</style></head>
<body>{legend}<div id="graph" data-title="{html.escape(title)}"></div><div id="info" hidden></div>
<script>{APP_LINK_JS}
const data = {payload};
const nodes = new vis.DataSet(data.nodes);
const edges = new vis.DataSet(data.edges);
const network = new vis.Network(document.getElementById("graph"), {{nodes, edges}}, {options});
const info = document.getElementById("info");
window.chainkgNodes = nodes;
network.on("click", (event) => {{
  const node = event.nodes.length ? nodes.get(event.nodes[0]) : null;
  info.hidden = !node;
  if (!node) return;
  info.textContent = node.title;
  if (node.card) appLink(info, node.card, node.cardWords);
}});
</script></body></html>
"""
