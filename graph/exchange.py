"""Graph files researchers take to other tools: JSON (the documented shape) and GraphML.

Both are always valid files whatever the store holds: text XML 1.0 cannot carry (NUL and other
control characters) and lone surrogates, which UTF-8 cannot encode, become U+FFFD, and numbers
JSON has no literal for (NaN, infinity) become null.
"""

from __future__ import annotations

import io
import json
import math
import re
from typing import Any

import networkx as nx

from graph.model import GraphData

_NOT_IN_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_NOT_IN_UTF8 = re.compile("[\ud800-\udfff]")


def to_json_text(data: GraphData) -> str:
    """UTF-8 JSON with Chinese unescaped: {"nodes":[{"id","labels","properties"}],"relationships":[...]}."""
    return json.dumps(_clean(data.to_json_dict(), _NOT_IN_UTF8), ensure_ascii=False, indent=2, allow_nan=False) + "\n"


def from_json_text(text: str) -> GraphData:
    return GraphData.from_json_dict(json.loads(text))


def to_graphml_bytes(data: GraphData) -> bytes:
    """GraphML with one attribute per property; lists (GraphML has none) become JSON strings."""
    graph: nx.MultiDiGraph[str] = nx.MultiDiGraph()
    payload = _clean(data.to_json_dict(), _NOT_IN_XML)
    for node in payload["nodes"]:
        graph.add_node(node["id"], labels=node["labels"][0], **_flat(node["properties"]))
    for rel in payload["relationships"]:
        graph.add_edge(rel["start"], rel["end"], key=rel["type"], type=rel["type"], **_flat(rel["properties"]))
    buffer = io.BytesIO()
    nx.write_graphml(graph, buffer, encoding="utf-8")
    return buffer.getvalue()


def _clean(value: Any, forbidden: re.Pattern[str]) -> Any:
    """`value` with every string (keys too) free of `forbidden` characters and every float finite."""
    if isinstance(value, str):
        return forbidden.sub("\ufffd", value)
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, dict):
        return {_clean(k, forbidden): _clean(v, forbidden) for k, v in value.items()}
    if isinstance(value, list):
        return [_clean(v, forbidden) for v in value]
    return value


def _flat(properties: dict[str, object]) -> dict[str, object]:
    return {
        key: json.dumps(value, ensure_ascii=False) if isinstance(value, list) else value
        for key, value in properties.items()
        if value is not None
    }
