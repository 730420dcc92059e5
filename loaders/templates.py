"""The chain-template library (`seed/templates/*.yaml`) merged under the plan's facts.

A template is a standard chain structure any city can reuse: segments in two levels, supply
links and equipment, each element judged (行业常识) or sourced (公开资料), nothing about
Yongzhou. The city graph is the plan seed with the library merged in, and the plan wins: a
segment the plan names keeps its name, stage, quotes and status and only gains the template's
structure (level, parent, exclusion words, codes) and keywords; a template-only segment has no
plan status, so gap analysis shows it as 待核实, never as a gap. The format is fixed in
`seed/README.md`; every rule below reports file and line, like the seed loader.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from graph.model import GraphData, Node, NodeLabel, PropertyValue, Relationship, RelType, Source, Stage, node_id
from graph.vocabulary import PlanStatus
from loaders.yaml_lines import SeedError, YamlDocument

PLAN_ORIGIN = "规划"
TEMPLATE_ORIGIN = "模板"
NAMED_CHAINS: dict[str, frozenset[str]] = {
    "新型显示器件": frozenset({"新型显示器件"}),
    "电机": frozenset({"电机"}),
    "锰系新材料": frozenset({"锰系新材料"}),
    "植物提取": frozenset({"植物提取"}),
    "轻纺箱包制鞋": frozenset({"轻纺箱包制鞋", "纺织", "制鞋", "皮具箱包玩具", "包装印刷"}),
}
"""The plan's five named chains and the templates whose segments count towards each one's depth."""
MIN_NAMED_SEGMENTS = 40
MIN_OTHER_SEGMENTS = 15
Basis = Literal["行业常识", "公开资料"]


class _Element(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    basis: Basis
    source: str | None = None
    reason: str = Field(min_length=2)

    @model_validator(mode="after")
    def _sourced(self) -> _Element:
        if self.basis == "公开资料" and not self.source:
            raise ValueError("basis 为“公开资料”时必须用 source 写明资料名称")
        return self


class TemplateSegment(_Element):
    name: str = Field(min_length=1)
    level: Literal[1, 2]
    parent: str | None = None
    stage: Stage | None = None
    aliases: list[str] = Field(default_factory=list)
    keywords: list[str] = Field(min_length=1)
    exclude: list[str] = Field(default_factory=list)
    sw_industries: list[str] = Field(default_factory=list)
    gbt4754: list[str] = Field(default_factory=list)
    together: list[str] = Field(default_factory=list)
    """Word groups that name the segment when one word of each occurs in a clause: "膜|TPU + 面料|布 + 复合|贴合" in
    any order, "电机|马达 > 机壳|端盖" in this order."""
    final: bool = False

    @model_validator(mode="after")
    def _levelled(self) -> TemplateSegment:
        if self.level == 2 and not self.parent:
            raise ValueError("二级环节（level: 2）必须用 parent 指明所属一级环节")
        if self.level == 1 and self.parent:
            raise ValueError("一级环节不能有 parent；细分环节请写 level: 2")
        if self.level == 1 and self.stage is None:
            raise ValueError("一级环节必须写 stage（上游/中游/下游/配套）")
        bad = [code for code in self.gbt4754 if not (code.isdigit() and len(code) in (3, 4))]
        if bad:
            raise ValueError(f"gbt4754 应为 3 位中类或 4 位小类代码：{bad}")
        return self


class TemplateLink(_Element):
    start: str = Field(alias="from", min_length=1)
    end: str = Field(alias="to", min_length=1)

    @model_validator(mode="after")
    def _distinct(self) -> TemplateLink:
        if self.start == self.end:
            raise ValueError("关系的起点和终点不能相同")
        return self


class TemplateEquipment(TemplateLink):
    basis: Basis = "行业常识"


class TemplateFile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    template: str = Field(min_length=1)
    description: str = Field(min_length=2)
    sources: list[str] = Field(default_factory=list)
    segments: list[TemplateSegment] = Field(min_length=1)
    links: list[TemplateLink] = Field(default_factory=list)
    equipment: list[TemplateEquipment] = Field(default_factory=list)
    chains: dict[str, list[str]] = Field(default_factory=dict)


@dataclass(frozen=True)
class _Placed:
    """A template segment with the file and position it came from (for messages)."""

    segment: TemplateSegment
    template: str
    doc: YamlDocument
    index: int

    def where(self, key: str = "name") -> str:
        return self.doc.where(("segments", self.index, key))


def read_library(template_dir: Path) -> list[tuple[TemplateFile, YamlDocument]]:
    """Parse and shape-check every template file; SeedError lists each problem with file and line."""
    problems: list[str] = []
    parsed = []
    root = template_dir.parent.parent
    for path in sorted(template_dir.glob("*.yaml")):
        display = str(path.relative_to(root)) if path.is_relative_to(root) else str(path)
        try:
            doc = YamlDocument(path, display)
            parsed.append((TemplateFile.model_validate(doc.data), doc))
        except SeedError as exc:
            problems.extend(exc.problems)
        except ValidationError as exc:
            problems.extend(doc.validation_problems(exc))
    if problems:
        raise SeedError(problems)
    return parsed


def merge_templates(plan: GraphData, template_dir: Path) -> GraphData:
    """The plan graph with every template of `template_dir` merged in (plan facts win).

    Raises SeedError listing every problem (file, line, what is wrong); nothing is merged then.
    """
    library = read_library(template_dir)
    if not library:
        return plan
    placed = _validated(library, plan)
    nodes = {node.id: node for node in plan.nodes}
    plan_segments = {n.name: n for n in plan.nodes if n.label == NodeLabel.SEGMENT}
    relationships = {rel.key: rel for rel in plan.relationships}
    for sid, node in nodes.items():
        if node.label == NodeLabel.SEGMENT:
            nodes[sid] = _with(node, {"origin": PLAN_ORIGIN, "level": 1})
    for model, _ in library:
        chain_id = node_id(NodeLabel.CHAIN, model.template)
        if chain_id not in nodes:
            nodes[chain_id] = Node(
                id=chain_id,
                label=NodeLabel.CHAIN,
                properties={
                    "name": model.template,
                    "kind": "产业链",
                    "origin": TEMPLATE_ORIGIN,
                    "source": Source.TEMPLATE.value,
                    "basis": "行业常识",
                    "reason": model.description,
                },
            )
    for name, here in placed.items():
        sid = node_id(NodeLabel.SEGMENT, name)
        nodes[sid] = _segment_node(here, nodes.get(sid), placed, plan_segments)
        memberships = [] if name in plan_segments else [here.template]
        for model, _ in library:
            memberships += model.chains.get(name, [])
        for chain in dict.fromkeys(memberships):
            _add(relationships, RelType.BELONGS_TO, sid, node_id(NodeLabel.CHAIN, chain), {"note": here.segment.reason})
        if here.segment.parent is not None:
            _add(relationships, RelType.REFINES, sid, node_id(NodeLabel.SEGMENT, here.segment.parent), {})
    for model, _ in library:
        for rel_type, items in ((RelType.SUPPLIES, model.links), (RelType.EQUIPS, model.equipment)):
            for link in items:
                _add(
                    relationships,
                    rel_type,
                    node_id(NodeLabel.SEGMENT, link.start),
                    node_id(NodeLabel.SEGMENT, link.end),
                    {"basis": link.basis, "note": link.reason, "basis_source": link.source},
                )
    return GraphData(nodes=list(nodes.values()), relationships=list(relationships.values()))


def _validated(library: list[tuple[TemplateFile, YamlDocument]], plan: GraphData) -> dict[str, _Placed]:
    """Every library segment by name, once the cross-file rules hold; SeedError lists each breach."""
    problems: list[str] = []
    plan_segments = {n.name for n in plan.nodes if n.label == NodeLabel.SEGMENT}
    # capacity the plan says was eliminated (富锰渣) supplies nothing locally: the plan's fact wins over the template
    eliminated = {
        n.name
        for n in plan.nodes
        if n.label == NodeLabel.SEGMENT and n.properties.get("plan_status") == PlanStatus.ELIMINATED
    }
    chains = {n.name for n in plan.nodes if n.label == NodeLabel.CHAIN}
    placed: dict[str, _Placed] = {}
    for model, doc in library:
        for index, segment in enumerate(model.segments):
            here = _Placed(segment, model.template, doc, index)
            if segment.name in placed:
                first = placed[segment.name].where()
                problems.append(f"{here.where()}：环节“{segment.name}”在模板库中重复定义（另见 {first}）")
            else:
                placed[segment.name] = here
    known = set(placed) | plan_segments
    chains |= {model.template for model, _ in library}

    for here in placed.values():
        parent = here.segment.parent
        if parent is None:
            continue
        if parent not in known:
            problems.append(f"{here.where('parent')}：上级环节“{parent}”在模板库和规划种子中都未定义")
        elif parent in placed and placed[parent].segment.level != 1:
            problems.append(f"{here.where('parent')}：上级环节“{parent}”必须是一级环节（level: 1）")

    feeding = {r.start for r in plan.relationships if r.type == RelType.SUPPLIES}
    for model, doc in library:
        for kind, items in (("links", model.links), ("equipment", model.equipment)):
            for index, link in enumerate(items):
                for key, name in (("from", link.start), ("to", link.end)):
                    if name not in known:
                        problems.append(f"{doc.where((kind, index, key))}：引用了未定义的环节“{name}”")
                feeding.add(node_id(NodeLabel.SEGMENT, link.start))
        for name, extra in model.chains.items():
            if name not in placed:
                problems.append(f"{doc.where(('chains', name))}：chains 中的环节“{name}”不在模板库中")
            for chain in extra:
                if chain not in chains:
                    problems.append(f"{doc.where(('chains', name))}：产业链“{chain}”在模板库和规划种子中都未定义")

    for name, here in placed.items():
        segment = here.segment
        own = node_id(NodeLabel.SEGMENT, name) in feeding
        inherited = segment.parent is not None and node_id(NodeLabel.SEGMENT, segment.parent) in feeding
        if not segment.final and not own and not inherited and name not in eliminated:
            problems.append(
                f"{here.where()}：环节“{name}”没有下游（既无供应/装备关系，上级环节也没有）；"
                f"是终端产品或应用就写 final: true，否则补充 links"
            )
    problems += _depth_problems(library)
    if problems:
        raise SeedError(problems)
    return placed


def _depth_problems(library: list[tuple[TemplateFile, YamlDocument]]) -> list[str]:
    """Each named chain ≥ 40 segments over two levels (summed over its templates); any other ≥ 15."""
    problems = []
    grouped: dict[str, list[tuple[TemplateFile, YamlDocument]]] = defaultdict(list)
    for model, doc in library:
        named = next((chain for chain, members in NAMED_CHAINS.items() if model.template in members), None)
        grouped[named or model.template].append((model, doc))
    for chain, files in grouped.items():
        segments = [s for model, _ in files for s in model.segments]
        levels = {s.level for s in segments}
        minimum = MIN_NAMED_SEGMENTS if chain in NAMED_CHAINS else MIN_OTHER_SEGMENTS
        if len(segments) < minimum or levels != {1, 2}:
            where = "、".join(doc.display_name for _, doc in files)
            problems.append(
                f"{where}：产业链“{chain}”的模板只有 {len(segments)} 个环节、{len(levels)} 个层级，"
                f"至少需要 {minimum} 个环节、两个层级"
            )
    return problems


def _segment_node(
    here: _Placed, existing: Node | None, placed: dict[str, _Placed], plan_segments: dict[str, Node]
) -> Node:
    segment = here.segment
    template_props: dict[str, PropertyValue] = {
        "level": segment.level,
        "parent": segment.parent,
        "aliases": segment.aliases,
        "exclude": segment.exclude,
        "gbt4754": segment.gbt4754,
        "together": segment.together,
        "final": segment.final or None,
        "basis": segment.basis,
        "basis_source": segment.source,
        "reason": segment.reason,
    }
    if existing is not None:
        props = existing.properties
        return _with(
            existing,
            {
                **template_props,
                "origin": PLAN_ORIGIN,
                "keywords": _union(props.get("keywords"), segment.aliases, segment.keywords),
                "exclude": _union(props.get("exclude"), segment.exclude),
                "together": _union(props.get("together"), segment.together),
                "sw_industries": _union(props.get("sw_industries"), segment.sw_industries),
            },
        )
    return _with(
        Node(id=node_id(NodeLabel.SEGMENT, segment.name), label=NodeLabel.SEGMENT),
        {
            "name": segment.name,
            "stage": _stage(segment, placed, plan_segments),
            **template_props,
            "origin": TEMPLATE_ORIGIN,
            "keywords": _union([segment.name], segment.aliases, segment.keywords),
            "sw_industries": segment.sw_industries,
            "source": Source.TEMPLATE.value,
        },
    )


def _stage(segment: TemplateSegment, placed: dict[str, _Placed], plan_segments: dict[str, Node]) -> str:
    """A level-2 segment without its own stage sits where its parent does."""
    if segment.stage is not None:
        return segment.stage.value
    parent = str(segment.parent)
    if parent in plan_segments:
        return str(plan_segments[parent].properties["stage"])
    return _stage(placed[parent].segment, placed, plan_segments)


def _union(*lists: PropertyValue) -> list[str]:
    return list(dict.fromkeys(str(v) for values in lists if isinstance(values, list) for v in values))


def _with(node: Node, extra: dict[str, PropertyValue]) -> Node:
    """The node with `extra` properties added (empty values dropped); plan properties not in `extra` stay."""
    props = {**node.properties, **{k: v for k, v in extra.items() if v is not None and v != []}}
    return Node(id=node.id, label=node.label, properties=props)


def _add(
    relationships: dict[tuple[str, str, str], Relationship],
    rel_type: RelType,
    start: str,
    end: str,
    properties: dict[str, PropertyValue],
) -> None:
    """Add a template relationship unless the plan already states one between the same two nodes."""
    rel = Relationship(
        type=rel_type,
        start=start,
        end=end,
        properties={"source": Source.TEMPLATE.value, **{k: v for k, v in properties.items() if v is not None}},
    )
    relationships.setdefault(rel.key, rel)
