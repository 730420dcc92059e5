"""Interactive chain graphs as self-contained HTML: pyvis builds the network, our template inlines
vis-network's JavaScript and CSS (shipped inside the pyvis package), so the page loads nothing from
the internet — pyvis's own templates still link a CDN even with cdn_resources="in_line".
"""

from __future__ import annotations

import html
import json
from functools import cache
from pathlib import Path

import pyvis
from pyvis.network import Network

from chainkg.columns import STATUS_COLOURS
from graph.model import GraphData, NodeLabel, RelType
from queries.chain_map import SupplyLink
from queries.gaps import SegmentStatus

MAX_NODES = 150
NEUTRAL = "#90caf9"
STAGE_LEVELS = {"配套": 0, "上游": 1, "中游": 2, "下游": 3}
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
LABEL_NAMES = {
    NodeLabel.CHAIN: "产业链",
    NodeLabel.SEGMENT: "环节",
    NodeLabel.ENTERPRISE: "企业",
    NodeLabel.PARK: "园区",
    NodeLabel.COUNTY: "县市区",
    NodeLabel.PROJECT: "项目",
    NodeLabel.GAP: "缺口",
    NodeLabel.PLAN_CLAUSE: "规划原文",
    NodeLabel.INDICATOR: "指标",
}


class TooLarge(ValueError):
    """More nodes than a readable graph can hold; the page asks the user to filter."""


@cache
def _vis_assets() -> tuple[str, str]:
    lib = Path(pyvis.__file__).parent / "lib" / "vis-9.1.2"
    return (lib / "vis-network.min.js").read_text(encoding="utf-8"), (lib / "vis-network.css").read_text(
        encoding="utf-8"
    )


def _tooltip(lines: list[str]) -> str:
    """vis-network shows string titles as text; escaped as well, in case a renderer treats them as HTML."""
    return html.escape("\n".join(lines))


def chain_network(
    statuses: list[SegmentStatus],
    links: list[SupplyLink],
    *,
    coloured: bool,
    quotes: dict[str, list[str]],
    enterprises: dict[str, list[str]],
) -> Network:
    """Segments laid out upstream → downstream (配套 on the left); colours by status on the 现状图."""
    if len(statuses) > MAX_NODES:
        raise TooLarge(f"该视图有 {len(statuses)} 个节点，超过 {MAX_NODES} 个，请先按环节位置或园区筛选。")
    net = Network(height="640px", width="100%", directed=True, cdn_resources="in_line")
    for s in statuses:
        colour = STATUS_COLOURS[s.status] if coloured else NEUTRAL
        emphasis = coloured and s.status in ("missing", "weak", "single")
        names = "、".join(enterprises.get(s.segment_id, []))
        more = " 等" if s.local_count > len(enterprises.get(s.segment_id, [])) else ""
        lines = [f"{s.segment}（{s.stage}）", f"状态：{s.status_label}", f"本地企业：{s.local_count} 家 {names}{more}"]
        lines += [f"· {r}" for r in s.reasons[:4]]
        lines += [f"规划：{q}" for q in quotes.get(s.segment_id, [])[:2]]
        net.add_node(
            s.segment_id,
            label=s.segment,
            title=_tooltip(lines),
            color={"background": colour, "border": "#b71c1c" if emphasis else "#37474f"},
            borderWidth=4 if emphasis else 1,
            shape="box",
            level=STAGE_LEVELS.get(s.stage, 2),
            font={"color": "#ffffff" if coloured and s.status in ("strong", "missing") else "#263238"},
            status=s.status,
        )
    present = {s.segment_id for s in statuses}
    for link in links:
        if link.start in present and link.end in present:
            net.add_edge(
                link.start,
                link.end,
                dashes=link.basis == "行业常识",
                title=_tooltip([f"依据：{link.basis}"]),
                color="#78909c",
            )
    net.set_options(
        json.dumps(
            {
                "layout": {
                    "hierarchical": {
                        "enabled": True,
                        "direction": "LR",
                        "sortMethod": "directed",
                        "levelSeparation": 230,
                        "nodeSpacing": 60,
                    }
                },
                "physics": {"enabled": False},
                "interaction": {"hover": True, "tooltipDelay": 120},
                "edges": {"arrows": {"to": {"enabled": True, "scaleFactor": 0.6}}, "smooth": {"type": "cubicBezier"}},
            }
        )
    )
    return net


def data_network(data: GraphData) -> Network:
    """Any subgraph (neighbourhood, path) with nodes coloured by label."""
    if len(data.nodes) > MAX_NODES:
        raise TooLarge(f"该子图有 {len(data.nodes)} 个节点，超过 {MAX_NODES} 个，请减少跳数。")
    net = Network(height="600px", width="100%", directed=True, cdn_resources="in_line")
    for node in data.nodes:
        net.add_node(
            node.id,
            label=node.name[:24],
            title=_tooltip([f"{LABEL_NAMES[node.label]}：{node.name}", f"标识：{node.id}"]),
            color=LABEL_COLOURS[node.label],
            shape="dot",
            size=14,
        )
    for rel in data.relationships:
        net.add_edge(rel.start, rel.end, title=_tooltip([rel.type.value]), dashes=rel.type != RelType.SUPPLIES)
    net.set_options(json.dumps({"physics": {"stabilization": {"iterations": 150}}, "interaction": {"hover": True}}))
    return net


def to_html(net: Network, title: str) -> str:
    """A complete page with vis-network inlined: safe to open on a machine with no internet."""
    nodes, edges, _, _, _, options = net.get_network_data()
    script, style = _vis_assets()
    payload = (
        json.dumps({"nodes": nodes, "edges": edges}, ensure_ascii=False)
        .replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
    )
    return f"""<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>{html.escape(title)}</title>
<style>{style}
body{{margin:0;font-family:'Noto Sans CJK SC','Microsoft YaHei',sans-serif}}
#graph{{width:100%;height:{net.height};border:1px solid #eceff1}}
div.vis-tooltip{{white-space:pre-wrap;max-width:420px}}</style>
<script>{script}</script></head>
<body><div id="graph" data-title="{html.escape(title)}"></div>
<script>
const data = {payload};
const nodes = new vis.DataSet(data.nodes);
const edges = new vis.DataSet(data.edges);
const network = new vis.Network(document.getElementById("graph"), {{nodes, edges}}, {options});
window.chainkgNodes = nodes;
</script></body></html>
"""
