"""The embedded store: a networkx graph in memory, saved to one JSON file atomically.

It is the zero-setup default: no server, and data persists in `CHAINKG_DATA_DIR`.
Every write is checked completely before anything changes, then applied and saved
by writing a temporary file and renaming it over the old one, so a crash at any
moment leaves either the old file or the new one, never half of each.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections import Counter, defaultdict
from pathlib import Path
from types import MappingProxyType
from typing import Any

import networkx as nx

from graph.model import GraphData, Node, NodeLabel, Relationship, RelType, is_small
from graph.store import Counts, Direction, EnterpriseTie, GraphStore, Progress, SegmentProfile, StoreError
from graph.vocabulary import Locality

GRAPH_FILE = "graph.json"
SUPPLIES, BELONGS_TO, OPERATES_IN = RelType.SUPPLIES.value, RelType.BELONGS_TO.value, RelType.OPERATES_IN.value


class EmbeddedStore(GraphStore):
    """A MultiDiGraph keyed by node id; edges keyed by relationship type."""

    backend = "embedded"

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir
        self.path = data_dir / GRAPH_FILE
        self._graph = nx.MultiDiGraph()
        self._by_label: dict[NodeLabel, set[str]] = {label: set() for label in NodeLabel}
        self._by_locality: dict[str, set[str]] = defaultdict(set)
        self._derived: dict[str, Any] = {}
        self._read()

    # -- persistence -------------------------------------------------------------------
    def _reset_memory(self) -> None:
        self._graph = nx.MultiDiGraph()
        self._by_label = {label: set() for label in NodeLabel}
        self._by_locality = defaultdict(set)
        self._derived = {}

    def _read(self) -> None:
        self._reset_memory()
        for stale in self.data_dir.glob(".graph-*.tmp") if self.data_dir.exists() else []:
            stale.unlink(missing_ok=True)  # left by a process killed while saving; the saved file is whole
        if not self.path.exists():
            return
        try:
            payload = json.loads(self.path.read_text(encoding="utf-8"))
            data = GraphData.from_json_dict(payload)
        except (OSError, ValueError) as exc:
            raise StoreError(f"无法读取数据文件 {self.path}：{exc}。可删除该文件后重新执行 `chainkg load`。") from exc
        self._apply(data)

    def _save(self) -> None:
        self.data_dir.mkdir(parents=True, exist_ok=True)
        text = json.dumps(self.export_all().to_json_dict(), ensure_ascii=False, separators=(",", ":"))
        fd, tmp_name = tempfile.mkstemp(prefix=".graph-", suffix=".tmp", dir=self.data_dir)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(text)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(tmp_name, self.path)
            dir_fd = os.open(self.data_dir, os.O_RDONLY)
            try:
                os.fsync(dir_fd)
            finally:
                os.close(dir_fd)
        except BaseException:
            Path(tmp_name).unlink(missing_ok=True)
            raise

    def _commit(self) -> None:
        """Save; if saving fails, go back to what is on disk so memory never disagrees with it."""
        try:
            self._save()
        except BaseException:
            self._read()
            raise

    # -- writes ------------------------------------------------------------------------
    def _apply(self, data: GraphData, progress: Progress | None = None) -> None:
        self._derived = {}
        total = len(data.nodes) + len(data.relationships)
        done = 0
        for node in data.nodes:
            if node.id in self._graph:
                old = self._graph.nodes[node.id]
                self._by_label[old["label"]].discard(node.id)
                self._by_locality[str(old["properties"].get("locality"))].discard(node.id)
                old["label"] = node.label
                old["properties"] = {**old["properties"], **node.properties}
            else:
                self._graph.add_node(node.id, label=node.label, properties=dict(node.properties))
            self._by_label[node.label].add(node.id)
            self._by_locality[str(self._graph.nodes[node.id]["properties"].get("locality"))].add(node.id)
            done += 1
            if progress and done % 5000 == 0:
                progress(done, total)
        for rel in data.relationships:
            key = rel.type.value
            if self._graph.has_edge(rel.start, rel.end, key=key):
                edge = self._graph.edges[rel.start, rel.end, key]
                edge["properties"] = {**edge["properties"], **rel.properties}
            else:
                self._graph.add_edge(rel.start, rel.end, key=key, properties=dict(rel.properties))
            done += 1
            if progress and done % 5000 == 0:
                progress(done, total)
        if progress:
            progress(total, total)

    def write(self, data: GraphData, progress: Progress | None = None, atomic: bool = True) -> None:
        incoming = data.node_ids()
        for rel in data.relationships:
            for end in (rel.start, rel.end):
                if end not in incoming and end not in self._graph:
                    raise StoreError(f"关系 {rel.type.value} 的端点 {end} 不存在，本次写入未做任何修改。")
        self._apply(data, progress)
        self._commit()

    def delete_nodes(self, node_ids: list[str]) -> None:
        self._derived = {}
        for nid in node_ids:
            if nid in self._graph:
                attrs = self._graph.nodes[nid]
                self._by_label[attrs["label"]].discard(nid)
                self._by_locality[str(attrs["properties"].get("locality"))].discard(nid)
                self._graph.remove_node(nid)
        self._commit()

    def delete_relationship(self, rel_type: RelType, start: str, end: str) -> bool:
        if not self._graph.has_edge(start, end, key=rel_type.value):
            return False
        self._derived = {}
        self._graph.remove_edge(start, end, key=rel_type.value)
        self._commit()
        return True

    def clear(self) -> None:
        self._reset_memory()
        self._commit()

    # -- reads -------------------------------------------------------------------------
    def _node(self, nid: str) -> Node:
        """Read back without validating again: everything in the graph was validated on the way in."""
        attrs = self._graph.nodes[nid]
        return Node.model_construct(id=nid, label=attrs["label"], properties=dict(attrs["properties"]))

    def _rel(self, start: str, end: str, key: str) -> Relationship:
        properties = dict(self._graph.edges[start, end, key]["properties"])
        return Relationship.model_construct(type=RelType(key), start=start, end=end, properties=properties)

    def counts(self) -> Counts:
        rels = Counter(key for _, _, key in self._graph.edges(keys=True))
        return Counts(
            nodes={label.value: len(ids) for label, ids in self._by_label.items() if ids},
            relationships=dict(rels),
        )

    def get_node(self, node_id: str) -> Node | None:
        return self._node(node_id) if node_id in self._graph else None

    def _candidates(self, label: NodeLabel, equals: dict[str, str | bool | int]) -> set[str]:
        """Ids worth checking: narrowed by the locality index when the filter names a locality."""
        if "locality" in equals:
            return self._by_label[label] & self._by_locality[str(equals["locality"])]
        return self._by_label[label]

    def nodes(self, label: NodeLabel, **equals: str | bool | int) -> list[Node]:
        found = []
        for nid in sorted(self._candidates(label, equals)):
            props = self._graph.nodes[nid]["properties"]
            if all(props.get(key) == value for key, value in equals.items()):
                found.append(self._node(nid))
        return found

    def names(self, label: NodeLabel, **equals: str | bool | int) -> list[str]:
        key = f"names:{label.value}:{sorted(equals.items())}"
        if key in self._derived:
            return list(self._derived[key])
        found = []
        for nid in self._candidates(label, equals):
            props = self._graph.nodes[nid]["properties"]
            if "name" in props and all(props.get(key) == value for key, value in equals.items()):
                found.append(str(props["name"]))
        self._derived[key] = sorted(found)
        return list(self._derived[key])

    def relationships(self, rel_type: RelType, start: str | None = None, end: str | None = None) -> list[Relationship]:
        key = rel_type.value
        if start is not None:
            if start not in self._graph:
                return []
            edges = ((start, v, k) for _, v, k in self._graph.out_edges(start, keys=True))
        elif end is not None:
            if end not in self._graph:
                return []
            edges = ((u, end, k) for u, _, k in self._graph.in_edges(end, keys=True))
        else:
            edges = self._graph.edges(keys=True)
        found = [self._rel(u, v, k) for u, v, k in edges if k == key and (end is None or v == end)]
        return sorted(found, key=lambda r: r.key)

    def enterprises_in(self, segment_id: str, locality: str | None = None) -> list[EnterpriseTie]:
        """Cached per segment until the next write: target lists rank these rows on every query."""
        key = f"enterprises_in:{segment_id}:{locality}"
        if key not in self._derived:
            found = []
            if segment_id in self._graph:
                node_attrs = self._graph._node
                for start, keyed in self._graph._pred[segment_id].items():
                    props = node_attrs[start]["properties"]
                    if OPERATES_IN in keyed and (locality is None or props.get("locality") == locality):
                        tie = keyed[OPERATES_IN]["properties"]
                        found.append(EnterpriseTie(start, MappingProxyType(props), MappingProxyType(tie)))
            self._derived[key] = sorted(found)
        return list(self._derived[key])

    def search(self, text: str, labels: list[NodeLabel] | None = None, limit: int = 20) -> list[Node]:
        text = text.strip()
        if not text:
            return []
        hits = []
        for label in labels or list(NodeLabel):
            for nid in self._by_label[label]:
                name = str(self._graph.nodes[nid]["properties"].get("name", ""))
                if text in name:
                    hits.append((name != text, len(name), nid))
        return [self._node(nid) for _, _, nid in sorted(hits)[:limit]]

    def subgraph(self, node_ids: list[str]) -> GraphData:
        present = sorted(nid for nid in set(node_ids) if nid in self._graph)
        view = self._graph.subgraph(present)
        return GraphData(
            nodes=[self._node(nid) for nid in present],
            relationships=sorted((self._rel(u, v, k) for u, v, k in view.edges(keys=True)), key=lambda r: r.key),
        )

    def neighbourhood(self, node_id: str, hops: int = 1, limit: int = 200) -> GraphData:
        if node_id not in self._graph:
            return GraphData()
        seen = {node_id: 0}
        frontier = [node_id]
        for depth in range(1, hops + 1):
            nxt = []
            for nid in frontier:
                for other in sorted(set(self._graph.successors(nid)) | set(self._graph.predecessors(nid))):
                    if other not in seen and len(seen) < limit:
                        seen[other] = depth
                        nxt.append(other)
            frontier = nxt
        return self.subgraph(list(seen))

    def _supply_graph(self) -> nx.DiGraph:
        """SUPPLIES links only run between segments: read them from segments' out-edges, once per write."""
        if "supply" not in self._derived:
            supply = nx.DiGraph()
            supply.add_nodes_from(self._by_label[NodeLabel.SEGMENT])
            for sid in self._by_label[NodeLabel.SEGMENT]:
                supply.add_edges_from(
                    (sid, end) for _, end, key in self._graph.out_edges(sid, keys=True) if key == SUPPLIES
                )
            self._derived["supply"] = supply
        return self._derived["supply"]

    def trace(self, segment_id: str, direction: Direction, max_depth: int | None = None) -> dict[str, int]:
        supply = self._supply_graph()
        if segment_id not in supply:
            return {}
        if direction == "up":
            supply = supply.reverse(copy=False)
        lengths = nx.single_source_shortest_path_length(supply, segment_id, cutoff=max_depth)
        return {nid: depth for nid, depth in sorted(lengths.items()) if nid != segment_id}

    def shortest_path(self, start: str, end: str) -> list[str] | None:
        if start not in self._graph or end not in self._graph:
            return None
        undirected = self._graph.to_undirected(as_view=True)
        try:
            return min(nx.all_shortest_paths(undirected, start, end))
        except nx.NetworkXNoPath:
            return None

    def segment_profiles(self) -> list[SegmentProfile]:
        """Cached until the next write: gap analysis asks for it on every page view."""
        if "profiles" not in self._derived:
            self._derived["profiles"] = self._compute_profiles()
        return self._derived["profiles"]

    def _compute_profiles(self) -> list[SegmentProfile]:
        supply = self._supply_graph()
        nodes = self._graph.nodes
        chains: dict[str, list[str]] = {sid: [] for sid in self._by_label[NodeLabel.SEGMENT]}
        local: dict[str, list[str]] = {sid: [] for sid in chains}
        small: dict[str, list[str]] = {sid: [] for sid in chains}
        for sid in chains:
            for _, end, key in self._graph.out_edges(sid, keys=True):
                if key == BELONGS_TO:
                    chains[sid].append(str(nodes[end]["properties"]["name"]))
        # networkx's own dicts ({start: {end: {key: attrs}}} and {id: attrs}): no view objects per edge.
        successors, node_attrs = self._graph._succ, self._graph._node
        for eid in self._candidates(NodeLabel.ENTERPRISE, {"locality": Locality.LOCAL}):
            enterprise_is_small = is_small(node_attrs[eid]["properties"])
            for end, keyed in successors[eid].items():
                if OPERATES_IN in keyed and end in local:
                    local[end].append(eid)
                    if enterprise_is_small:
                        small[end].append(eid)
        profiles = []
        for sid in sorted(chains):
            props = nodes[sid]["properties"]
            profiles.append(
                SegmentProfile(
                    id=sid,
                    name=str(props["name"]),
                    stage=str(props.get("stage", "")),
                    chains=sorted(chains[sid]),
                    plan_status=props.get("plan_status"),  # type: ignore[arg-type]
                    evidence=list(props.get("evidence") or []),  # type: ignore[arg-type]
                    status_evidence=list(props.get("status_evidence") or []),  # type: ignore[arg-type]
                    local_enterprises=sorted(local[sid]),
                    small_enterprises=sorted(small[sid]),
                    downstream=sorted(nx.descendants(supply, sid)),
                )
            )
        return profiles

    def close(self) -> None:
        """Nothing to release: every write is already on disk."""

    def export_all(self) -> GraphData:
        return self.subgraph(list(self._graph.nodes))
