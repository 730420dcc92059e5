"""Graph files researchers take to other tools: JSON (the documented shape) and GraphML."""

from __future__ import annotations

import io
import json

import networkx as nx

from graph.model import GraphData


def to_json_text(data: GraphData) -> str:
    """UTF-8 JSON with Chinese unescaped: {"nodes":[{"id","labels","properties"}],"relationships":[...]}."""
    return json.dumps(data.to_json_dict(), ensure_ascii=False, indent=2) + "\n"


def from_json_text(text: str) -> GraphData:
    return GraphData.from_json_dict(json.loads(text))


def to_graphml_bytes(data: GraphData) -> bytes:
    """GraphML with one attribute per property; lists (GraphML has none) become JSON strings."""
    graph = nx.MultiDiGraph()
    for node in data.to_json_dict()["nodes"]:
        graph.add_node(node["id"], labels=node["labels"][0], **_flat(node["properties"]))
    for rel in data.to_json_dict()["relationships"]:
        graph.add_edge(rel["start"], rel["end"], key=rel["type"], type=rel["type"], **_flat(rel["properties"]))
    buffer = io.BytesIO()
    nx.write_graphml(graph, buffer, encoding="utf-8")
    return buffer.getvalue()


def _flat(properties: dict[str, object]) -> dict[str, object]:
    return {
        key: json.dumps(value, ensure_ascii=False) if isinstance(value, list) else value
        for key, value in properties.items()
        if value is not None
    }
