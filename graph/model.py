"""The property-graph model of Yongzhou's industrial chains.

Every node and relationship that enters a store passes through these types, so
labels and relationship types come from closed whitelists (they are the only
names ever placed into Cypher text) and property values are the scalars and
homogeneous lists that both Neo4j and GraphML can hold.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from enum import StrEnum
from typing import Any, TypeVar

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from graph.vocabulary import Basis

Scalar = str | int | float | bool
PropertyValue = Scalar | list[str] | list[int] | list[float] | list[bool] | None


class NodeLabel(StrEnum):
    """Node kinds (the only labels a store accepts)."""

    CHAIN = "Chain"  # 产业 / 产业链 / 子链
    SEGMENT = "Segment"  # 环节
    ENTERPRISE = "Enterprise"  # 企业: local or candidate
    PARK = "Park"  # 园区
    COUNTY = "County"  # 县市区
    PROJECT = "Project"  # 重点项目
    GAP = "Gap"  # 缺失或薄弱环节 declared by the plan
    PLAN_CLAUSE = "PlanClause"  # a quoted sentence of the plan
    INDICATOR = "Indicator"  # 主要指标
    REVIEW = "Review"  # an editor's verdict on a judgement element (queries/review.py), kept across reloads
    LEAD = "Lead"  # 招商线索: one enterprise courted for one segment (queries/leads.py), kept across reloads
    LEAD_CHANGE = "LeadChange"  # one change of a lead (who, when, from → to, note), kept across reloads


class RelType(StrEnum):
    """Relationship types (the only types a store accepts)."""

    SUPPLIES = "SUPPLIES"  # Segment -> Segment, upstream to downstream
    BELONGS_TO = "BELONGS_TO"  # Segment -> Chain
    PART_OF = "PART_OF"  # Chain -> parent Chain
    OPERATES_IN = "OPERATES_IN"  # Enterprise -> Segment
    LOCATED_IN = "LOCATED_IN"  # Enterprise -> Park | County
    IN_COUNTY = "IN_COUNTY"  # Park -> County
    HOSTS = "HOSTS"  # Park -> Chain (一主一特)
    PROJECT_IN = "PROJECT_IN"  # Project -> Park | County
    TARGETS = "TARGETS"  # Project -> Segment
    INVOLVES = "INVOLVES"  # Project -> Enterprise
    GAP_AT = "GAP_AT"  # Gap -> Segment
    EVIDENCED_BY = "EVIDENCED_BY"  # any node -> PlanClause
    REFINES = "REFINES"  # level-2 Segment -> its level-1 Segment (chain-template library)
    EQUIPS = "EQUIPS"  # equipment Segment -> the Segment it makes (not supply; supply analyses ignore it)


NODE_LABEL_NAMES: dict[NodeLabel, str] = {
    NodeLabel.CHAIN: "产业链",
    NodeLabel.SEGMENT: "环节",
    NodeLabel.ENTERPRISE: "企业",
    NodeLabel.PARK: "园区",
    NodeLabel.COUNTY: "县市区",
    NodeLabel.PROJECT: "项目",
    NodeLabel.GAP: "缺口",
    NodeLabel.PLAN_CLAUSE: "规划原文",
    NodeLabel.INDICATOR: "指标",
    NodeLabel.REVIEW: "审阅记录",
    NodeLabel.LEAD: "招商线索",
    NodeLabel.LEAD_CHANGE: "线索变更记录",
}
"""What users read for each node kind (pages, legends, counts); a test keeps it complete."""

REL_TYPE_NAMES: dict[RelType, str] = {
    RelType.SUPPLIES: "供应（上游→下游）",
    RelType.BELONGS_TO: "环节属于产业链",
    RelType.PART_OF: "子链属于产业链",
    RelType.OPERATES_IN: "企业经营环节",
    RelType.LOCATED_IN: "企业位于园区/县市区",
    RelType.IN_COUNTY: "园区位于县市区",
    RelType.HOSTS: "园区主导/特色产业",
    RelType.PROJECT_IN: "项目位于园区/县市区",
    RelType.TARGETS: "项目面向环节",
    RelType.INVOLVES: "项目涉及企业",
    RelType.GAP_AT: "缺口所在环节",
    RelType.EVIDENCED_BY: "规划依据",
    RelType.REFINES: "细分环节属于环节",
    RelType.EQUIPS: "设备制造（非供应）",
}
"""What users read for each relationship type; a test keeps it complete."""


class Stage(StrEnum):
    """Where a segment sits in its chain."""

    UPSTREAM = "上游"
    MIDSTREAM = "中游"
    DOWNSTREAM = "下游"
    SUPPORT = "配套"


SMALL_SCALES = ("小型", "微型")
SMALL_CAPITAL_WAN = 500.0
"""An enterprise counts as small if its `scale` says so or its registered capital is below this (万元)."""


def is_small(properties: dict[str, PropertyValue]) -> bool:
    capital = properties.get("registered_capital_wan")
    return properties.get("scale") in SMALL_SCALES or (
        isinstance(capital, int | float) and not isinstance(capital, bool) and capital < SMALL_CAPITAL_WAN
    )


def text_prop(properties: Mapping[str, PropertyValue], key: str) -> str | None:
    """A text property, or None when absent or empty (numbers are read as their text)."""
    value = properties.get(key)
    if value is None or value == "" or isinstance(value, list):
        return None
    return str(value)


def number_prop(properties: Mapping[str, PropertyValue], key: str) -> float | None:
    """A numeric property, or None when absent or not a number (booleans are not numbers)."""
    value = properties.get(key)
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value)


def texts_prop(properties: Mapping[str, PropertyValue], key: str) -> list[str]:
    """A list property as text items; empty when absent (a lone scalar counts as a one-item list)."""
    value = properties.get(key)
    if value is None or value == "":
        return []
    return [str(item) for item in value] if isinstance(value, list) else [str(value)]


Source = Basis
"""Where a fact came from (the `source` property of every node and relationship): see `Basis`."""


class Node(BaseModel):
    """One node: a stable id, exactly one whitelisted label, flat properties."""

    model_config = ConfigDict(frozen=True)

    id: str = Field(min_length=1)
    label: NodeLabel
    properties: dict[str, PropertyValue] = Field(default_factory=dict)

    @field_validator("properties")
    @classmethod
    def _homogeneous_lists(cls, value: dict[str, PropertyValue]) -> dict[str, PropertyValue]:
        if "id" in value:
            raise ValueError("属性名 id 保留给节点标识")
        for key, item in value.items():
            if isinstance(item, list) and len({type(v) for v in item}) > 1:
                raise ValueError(f"属性 {key} 的列表元素类型不一致")
        return value

    @model_validator(mode="after")
    def _id_names_label(self) -> Node:
        if label_of_id(self.id) != self.label:
            raise ValueError(f"节点标识 {self.id} 必须以 {self.label.value.lower()}: 开头")
        return self

    @property
    def name(self) -> str:
        return str(self.properties.get("name", self.id))


class Relationship(BaseModel):
    """One directed relationship; (type, start, end) identifies it."""

    model_config = ConfigDict(frozen=True)

    type: RelType
    start: str = Field(min_length=1)
    end: str = Field(min_length=1)
    properties: dict[str, PropertyValue] = Field(default_factory=dict)

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.type.value, self.start, self.end)


class GraphData(BaseModel):
    """A set of nodes and relationships crossing a boundary (load, export, subgraph)."""

    nodes: list[Node] = Field(default_factory=list)
    relationships: list[Relationship] = Field(default_factory=list)

    def node_ids(self) -> set[str]:
        return {node.id for node in self.nodes}

    def to_json_dict(self) -> dict[str, Any]:
        """The documented export shape: {"nodes": [...], "relationships": [...]}."""
        return {
            "nodes": [
                {"id": n.id, "labels": [n.label.value], "properties": n.properties}
                for n in sorted(self.nodes, key=lambda n: n.id)
            ],
            "relationships": [
                {"type": r.type.value, "start": r.start, "end": r.end, "properties": r.properties}
                for r in sorted(self.relationships, key=lambda r: r.key)
            ],
        }

    @classmethod
    def from_json_dict(cls, payload: dict[str, Any]) -> GraphData:
        nodes = []
        for raw in payload.get("nodes", []):
            labels = raw.get("labels") or []
            if len(labels) != 1:
                raise ValueError(f"节点 {raw.get('id')} 必须恰好有一个标签")
            nodes.append(Node(id=raw["id"], label=labels[0], properties=raw.get("properties", {})))
        relationships = [
            Relationship(type=raw["type"], start=raw["start"], end=raw["end"], properties=raw.get("properties", {}))
            for raw in payload.get("relationships", [])
        ]
        return cls(nodes=nodes, relationships=relationships)


def node_id(label: NodeLabel, key: str) -> str:
    """Stable id of a node: its label in lower case and its natural key (usually its Chinese name)."""
    return f"{label.value.lower()}:{key}"


def key_of_id(nid: str) -> str:
    """The natural key an id was made from (`node_id`'s inverse): the name, for ids built from names."""
    return nid.split(":", 1)[1]


_LABEL_PREFIXES = {label.value.lower(): label for label in NodeLabel}


def label_of_id(nid: str) -> NodeLabel | None:
    """The label an id names (ids start with it), so a store can look a node up by label and id."""
    return _LABEL_PREFIXES.get(nid.split(":", 1)[0])


T = TypeVar("T")


def batched(items: Iterable[T], size: int) -> Iterator[list[T]]:
    """Split an iterable into lists of at most `size` items (the unit of one write transaction)."""
    batch: list[T] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch
