"""图谱探索's questions, as a researcher asks them: which node a typed name means, what lies around it, and
how two segments are connected along the supply chain.

Paths and traces follow supply links in their direction (upstream → downstream) by default, over the links
the review rules count (queries/network.py: a rejected judgement is never a path). Membership, location and
plan quotes connect almost everything to everything in two steps, so they join a path only when the user
asks (`all_links=True`), and then direction does not matter. Plain functions over the store interface, so
both backends give the same answer.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import pairwise

import networkx as nx

from graph.model import NODE_LABEL_NAMES, REL_TYPE_NAMES, GraphData, Node, NodeLabel, RelType
from graph.store import Direction, GraphStore, similar_names
from queries.network import supply_network

SEARCH_LIMIT = 30
SUGGESTED_LABELS = [NodeLabel.CHAIN, NodeLabel.SEGMENT, NodeLabel.ENTERPRISE, NodeLabel.PARK, NodeLabel.COUNTY]
"""Kinds a person names when exploring: a misspelt name is matched against these (not against quotes or records)."""


@dataclass(frozen=True)
class Lookup:
    """What a typed name means: every node whose name contains it (exact names first), or, when none does,
    a message saying so with the names the user may have meant."""

    text: str
    hits: list[Node]
    suggestions: list[str] = field(default_factory=list)
    message: str = ""


def lookup(store: GraphStore, text: str, labels: list[NodeLabel] | None = None, limit: int = SEARCH_LIMIT) -> Lookup:
    """The nodes a search box's text names; several hits are all returned so the user can choose.

    >>> lookup(store, "电机壳").message
    '未找到名称含“电机壳”的节点，您是不是要找：电机外壳？'
    """
    text = text.strip()
    if not text:
        return Lookup(text, [], message="请输入名称（产业链、环节、企业、园区……）。")
    hits = store.search(text, labels, limit=limit)
    if hits:
        return Lookup(text, hits)
    close = similar_names(store, text, labels or SUGGESTED_LABELS)
    if close:
        return Lookup(text, [], close, f"未找到名称含“{text}”的节点，您是不是要找：{'、'.join(close)}？")
    return Lookup(text, [], message=f"未找到名称含“{text}”的节点，请核对名称或换一个较短的关键词。")


def choice_label(node: Node) -> str:
    """How a hit is offered in a list: its kind, then its name (two nodes may share a name)."""
    return f"{NODE_LABEL_NAMES[node.label]}：{node.name}"


@dataclass(frozen=True)
class Neighbourhood:
    """The nodes around one node, and how many there were before the display cap cut them."""

    data: GraphData
    total: int

    @property
    def cut(self) -> bool:
        return self.total > len(self.data.nodes)


def neighbourhood(store: GraphStore, node_id: str, hops: int, limit: int) -> Neighbourhood:
    """Nodes within `hops` of a node (nearest first, at most `limit`), with the uncut count."""
    data = store.neighbourhood(node_id, hops=hops, limit=limit)
    total = len(data.nodes) if len(data.nodes) < limit else store.neighbourhood_size(node_id, hops)
    return Neighbourhood(data, total)


SPREAD = 80.0
"""How far apart, in screen pixels, a drawn subgraph's nodes sit: the layout's side grows with the square root
of the node count, so a larger subgraph keeps about the same room per node."""


def positions(data: GraphData, seed: int = 7) -> dict[str, tuple[float, float]]:
    """Where each node of a subgraph is drawn, in screen pixels: a force-directed layout (ForceAtlas2, NumPy only:
    networkx's spring layout needs SciPy from 500 nodes on) computed once here, so the browser only draws it instead
    of running its own physics simulation on every view. The same subgraph always gets the same picture (`seed`).

    >>> positions(GraphData(nodes=[one], relationships=[]))
    {'segment:电机外壳': (0.0, 0.0)}
    """
    graph: nx.Graph[str] = nx.Graph()
    graph.add_nodes_from(node.id for node in data.nodes)
    graph.add_edges_from((rel.start, rel.end) for rel in data.relationships if rel.start in graph and rel.end in graph)
    if len(graph) < 2:
        return {node: (0.0, 0.0) for node in graph}
    side = SPREAD * len(graph) ** 0.5
    placed = nx.rescale_layout_dict(nx.forceatlas2_layout(graph, seed=seed), scale=side)
    return {node: (round(float(x), 1), round(float(y), 1)) for node, (x, y) in placed.items()}


def _supply_graph(store: GraphStore) -> nx.DiGraph[str]:
    graph: nx.DiGraph[str] = nx.DiGraph()
    graph.add_edges_from((link.start, link.end) for link in supply_network(store).links)
    return graph


def trace(store: GraphStore, segment_id: str, direction: Direction) -> dict[str, int]:
    """Segments upstream (`up`) or downstream (`down`) of a segment along counted supply links, with their
    distance, in id order."""
    graph = _supply_graph(store)
    if segment_id not in graph:
        return {}
    if direction == "up":
        graph = graph.reverse(copy=False)
    lengths = nx.single_source_shortest_path_length(graph, segment_id)
    return {nid: depth for nid, depth in sorted(lengths.items()) if nid != segment_id}


@dataclass(frozen=True)
class Step:
    """One step of a path: from one node to the next, over which kind of link, and whether along its direction."""

    start: str
    end: str
    link: str
    forward: bool


@dataclass(frozen=True)
class PathAnswer:
    """A shortest path as node ids and names with its steps, or none and a message saying why and what to try."""

    ids: list[str]
    names: list[str]
    steps: list[Step]
    message: str


def shortest_path(store: GraphStore, start: str, end: str, *, all_links: bool = False) -> PathAnswer:
    """The shortest way from `start` to `end` (node ids); among equally short paths the one whose ids sort first.

    By default only segments connect, along counted supply links and in their direction: if `end` lies
    upstream of `start`, the path from `end` down to `start` is given and the message says so. With
    `all_links`, any relationship counts in either direction (membership, location, plan quotes too).
    """
    nodes = {nid: store.get_node(nid) for nid in (start, end)}
    missing = [nid for nid, node in nodes.items() if node is None]
    if missing:
        return PathAnswer([], [], [], f"图谱中没有节点 {missing[0]}，请重新搜索。")
    if all_links:
        ids = store.shortest_path(start, end)
        if ids is None:
            return PathAnswer([], [], [], "两点之间没有任何关系相连。")
        return _answer(store, ids, "")
    not_segments = [node for node in nodes.values() if node is not None and node.label != NodeLabel.SEGMENT]
    if not_segments:
        node = not_segments[0]
        return PathAnswer(
            [],
            [],
            [],
            f"供应关系只连接环节，“{node.name}”是{NODE_LABEL_NAMES[node.label]}；请选择环节，"
            "或勾选“包含归属与引用关系”查找任意关系的连接。",
        )
    graph = _supply_graph(store)
    here, there = nodes[start].name, nodes[end].name  # type: ignore[union-attr]
    upstream = f"“{there}”在“{here}”的上游：按供应方向，路径从“{there}”开始。"
    for first, last, message in ((start, end, ""), (end, start, upstream)):
        if first in graph and last in graph and nx.has_path(graph, first, last):
            return _answer(store, min(nx.all_shortest_paths(graph, first, last)), message)
    return PathAnswer(
        [],
        [],
        [],
        "沿供应方向（上游→下游）两个环节之间没有路径；勾选“包含归属与引用关系”可查看它们经由其他关系的连接。",
    )


def _answer(store: GraphStore, ids: list[str], message: str) -> PathAnswer:
    """Names and link kinds for a path's ids (read once, as a subgraph)."""
    data = store.subgraph(ids)
    names = {node.id: node.name for node in data.nodes}
    links: dict[tuple[str, str], RelType] = {}
    for rel in sorted(data.relationships, key=lambda r: (r.type != RelType.SUPPLIES, r.key)):
        links.setdefault((rel.start, rel.end), rel.type)
    steps = []
    for a, b in pairwise(ids):
        forward = (a, b) in links
        kind = links.get((a, b)) or links[(b, a)]
        steps.append(Step(a, b, REL_TYPE_NAMES[kind], forward))
    return PathAnswer(ids, [names[nid] for nid in ids], steps, message)
