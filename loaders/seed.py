"""Seed files → graph: the plan's chains, segments, links, parks, enterprises, projects, indicators.

Reading is two passes. First every file is validated on its own (shape, types, quotes
found in the plan); then names are resolved across files (a link may point to a segment
defined in another file). All problems are collected and reported together, each with
its file and line; nothing is written unless the whole seed is clean.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Generic, TypeVar

from pydantic import BaseModel, ValidationError

from graph.model import (
    GraphData,
    Node,
    NodeLabel,
    PropertyValue,
    Relationship,
    RelType,
    Source,
    Stage,
    node_id,
    texts_prop,
)
from graph.vocabulary import DECLARED_GAPS
from loaders.plan_text import Plan, clause_id, normalise, plan_file_of, read_plan
from loaders.seed_schema import (
    ChainFile,
    EnterprisesFile,
    Evidence,
    IndicatorsFile,
    ParksFile,
    ProjectsFile,
    SeedSegment,
    Target,
)
from loaders.templates import merge_templates
from loaders.yaml_lines import SeedError, YamlDocument

M = TypeVar("M", bound=BaseModel)

_KINDS = {
    NodeLabel.CHAIN: "产业链",
    NodeLabel.SEGMENT: "环节",
    NodeLabel.PARK: "园区",
    NodeLabel.COUNTY: "县市区",
    NodeLabel.ENTERPRISE: "企业",
}

SEED_DIR = Path(__file__).resolve().parent.parent / "seed"


@dataclass
class _Located(Generic[M]):
    item: M
    doc: YamlDocument
    loc: tuple[str | int, ...]

    def where(self, *more: str | int) -> str:
        return self.doc.where((*self.loc, *more))


@dataclass
class _Builder:
    """Accumulates nodes, relationships and plan clauses while the seed is translated."""

    plan: Plan
    nodes: dict[str, Node] = field(default_factory=dict)
    relationships: dict[tuple[str, str, str], Relationship] = field(default_factory=dict)
    clause_sections: dict[str, str] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)

    def evidence(
        self, items: list[Evidence], located: _Located[Any], *path: str | int, mentions: list[str] | None = None
    ) -> list[str]:
        """Plan-clause ids of `items`; each quote must be in the plan and, given `mentions` (the item's name
        and aliases), must name the item — a quote that does not is evidence for something else."""
        ids = []
        for index, ev in enumerate(items):
            where = located.where(*path, index, "quote")
            if not self.plan.contains(ev.quote):
                self.problems.append(f"{where}：引文在规划原文中找不到：“{ev.quote}”")
                continue
            if mentions and not any(normalise(name) in normalise(ev.quote) for name in mentions):
                self.problems.append(
                    f"{where}：引文没有提到“{mentions[0]}”或它的别名（aliases）：“{ev.quote}”。"
                    "请换一句提到它的原文，或在 aliases 中写明原文对它的称呼"
                )
                continue
            cid = clause_id(ev.quote)
            known = self.clause_sections.get(cid)
            if known is not None and known != ev.section:
                self.problems.append(f"{where}：同一引文的章节与别处不一致：“{ev.section}” ≠ “{known}”")
            self.clause_sections.setdefault(cid, ev.section)
            if cid not in self.nodes:
                self.add_node(
                    cid,
                    NodeLabel.PLAN_CLAUSE,
                    {"name": ev.quote, "quote": ev.quote, "section": ev.section, "document": self.plan.title},
                    Source.PLAN,
                )
            ids.append(cid)
        return list(dict.fromkeys(ids))

    def add_node(
        self,
        nid: str,
        label: NodeLabel,
        properties: dict[str, PropertyValue],
        source: Source,
        evidenced_by: list[str] | None = None,
    ) -> None:
        """Add a node, and an EVIDENCED_BY relationship to each clause in `evidenced_by`."""
        props: dict[str, PropertyValue] = {
            key: value for key, value in properties.items() if value is not None and value != []
        }
        props["source"] = source.value
        self.nodes[nid] = Node(id=nid, label=label, properties=props)
        for cid in evidenced_by or []:
            self.link(RelType.EVIDENCED_BY, nid, cid, Source.PLAN)

    def link(self, rel_type: RelType, start: str, end: str, source: Source, **properties: PropertyValue) -> None:
        props: dict[str, PropertyValue] = {
            key: value for key, value in properties.items() if value is not None and value != []
        }
        props["source"] = source.value
        rel = Relationship(type=rel_type, start=start, end=end, properties=props)
        self.relationships[rel.key] = rel

    def link_named(
        self,
        where: str,
        rel_type: RelType,
        start: str,
        label: NodeLabel,
        name: str,
        source: Source = Source.PLAN,
        **properties: PropertyValue,
    ) -> None:
        """Link to the node of `label` called `name`, or report (at `where`) that it is not defined."""
        end = node_id(label, name)
        if end not in self.nodes:
            self.problems.append(f"{where}：{_KINDS[label]}“{name}”未定义")
        else:
            self.link(rel_type, start, end, source, **properties)

    def target(self, prefix: str, target: Target | None, located: _Located[Any]) -> dict[str, PropertyValue]:
        if target is None:
            return {}
        return {
            f"{prefix}": target.value,
            f"{prefix}_unit": target.unit,
            f"{prefix}_qualifier": target.qualifier,
            f"{prefix}_evidence": self.evidence(target.evidence, located, prefix, "evidence"),
        }


def _read(path: Path, model: type[M], problems: list[str]) -> tuple[M, YamlDocument] | None:
    display = str(path.relative_to(SEED_DIR.parent)) if path.is_relative_to(SEED_DIR.parent) else str(path)
    try:
        doc = YamlDocument(path, display)
        return model.model_validate(doc.data), doc
    except SeedError as exc:
        problems.extend(exc.problems)
    except ValidationError as exc:
        problems.extend(doc.validation_problems(exc))
    return None


def _items(parsed: tuple[Any, YamlDocument] | None, key: str) -> list[_Located[Any]]:
    if parsed is None:
        return []
    model, doc = parsed
    return [_Located(item, doc, (key, index)) for index, item in enumerate(getattr(model, key))]


def build_seed_graph(seed_dir: Path = SEED_DIR, *, templates: bool = True, plan_required: bool = False) -> GraphData:
    """Validate every seed file and translate the seed into nodes and relationships.

    Quotes are checked against the plan text in `seed_dir/plan/`; with `plan_required` that text must be
    there (`chainkg load --seed`), otherwise a seed without a `plan/` folder quotes the shipped plan.
    With `templates`, the chain-template library (`seed_dir/templates`) is merged under the plan's facts.

    Raises SeedError listing every problem (file, line, what is wrong) if anything is off.
    """
    plan_text = read_plan(plan_file_of(seed_dir, required=plan_required))
    problems: list[str] = []
    chain_files = [_read(path, ChainFile, problems) for path in sorted((seed_dir / "chains").glob("*.yaml"))]
    parks_file = _read(seed_dir / "parks.yaml", ParksFile, problems)
    enterprises_file = _read(seed_dir / "enterprises.yaml", EnterprisesFile, problems)
    projects_file = _read(seed_dir / "projects.yaml", ProjectsFile, problems)
    indicators_file = _read(seed_dir / "indicators.yaml", IndicatorsFile, problems)
    if problems:
        raise SeedError(problems)

    b = _Builder(plan_text)
    chains = [c for parsed in chain_files for c in _items(parsed, "chains")]
    segments = [s for parsed in chain_files for s in _items(parsed, "segments")]
    links = [link for parsed in chain_files for link in _items(parsed, "links")]

    _unique(chains, "产业链", b.problems)
    segment_by_name = _unique(segments, "环节", b.problems)

    for located in chains:
        chain = located.item
        cid = node_id(NodeLabel.CHAIN, chain.name)
        props: dict[str, PropertyValue] = {
            "name": chain.name,
            "kind": chain.kind,
            "evidence": b.evidence(chain.evidence, located, "evidence", mentions=chain.mentions()),
            **b.target("output_target_2025", chain.output_target_2025, located),
        }
        b.add_node(
            cid,
            NodeLabel.CHAIN,
            props,
            Source.PLAN,
            [*texts_prop(props, "evidence"), *texts_prop(props, "output_target_2025_evidence")],
        )
    for located in chains:
        if located.item.parent is not None:
            b.link_named(
                located.where("parent"),
                RelType.PART_OF,
                node_id(NodeLabel.CHAIN, located.item.name),
                NodeLabel.CHAIN,
                located.item.parent,
            )

    for located in segments:
        _add_segment(b, located)

    supplied_by: dict[str, list[str]] = defaultdict(list)
    for located in links:
        link = located.item
        missing = [
            (key, name) for key, name in (("from", link.source), ("to", link.target)) if name not in segment_by_name
        ]
        for key, name in missing:
            b.problems.append(f"{located.where(key)}：供应关系引用了未定义的环节“{name}”")
        if missing:
            continue
        b.link(
            RelType.SUPPLIES,
            node_id(NodeLabel.SEGMENT, link.source),
            node_id(NodeLabel.SEGMENT, link.target),
            link.basis,
            basis=link.basis.value,
            note=link.note,
            evidence=b.evidence(link.evidence, located, "evidence"),
        )
        supplied_by[link.source].append(link.target)

    _derive_support_membership(b, segment_by_name, supplied_by)
    _add_parks(b, _items(parks_file, "counties"), _items(parks_file, "parks"))
    _add_enterprises(b, _items(enterprises_file, "enterprises"))
    _add_projects(b, _items(projects_file, "projects"))
    _add_indicators(b, _items(indicators_file, "indicators"))

    if b.problems:
        raise SeedError(b.problems)
    plan = GraphData(nodes=list(b.nodes.values()), relationships=list(b.relationships.values()))
    return merge_templates(plan, seed_dir / "templates") if templates else plan


def _unique(items: list[_Located[Any]], kind: str, problems: list[str]) -> dict[str, _Located[Any]]:
    by_name: dict[str, _Located[Any]] = {}
    for located in items:
        name = located.item.name
        if name in by_name:
            problems.append(f"{located.where('name')}：{kind}“{name}”重复定义（另见 {by_name[name].where('name')}）")
        by_name.setdefault(name, located)
    return by_name


def _add_segment(b: _Builder, located: _Located[SeedSegment]) -> None:
    segment = located.item
    sid = node_id(NodeLabel.SEGMENT, segment.name)
    mentions = segment.mentions()
    evidence = b.evidence(segment.evidence, located, "evidence", mentions=mentions)
    status_evidence = b.evidence(segment.status_evidence, located, "status_evidence", mentions=mentions)
    b.add_node(
        sid,
        NodeLabel.SEGMENT,
        {
            "name": segment.name,
            "stage": segment.stage.value,
            "plan_status": segment.plan_status.value if segment.plan_status else None,
            "keywords": list(dict.fromkeys([segment.name, *segment.keywords])),
            "exclude": segment.exclude,
            "sw_industries": segment.sw_industries,
            "gbt4754": segment.gbt4754,
            "kind_of": segment.kind_of,
            "together": segment.together,
            "evidence": evidence,
            "status_evidence": status_evidence,
        },
        Source.PLAN,
        [*evidence, *status_evidence],
    )
    for chain in segment.chains:
        b.link_named(located.where("chains"), RelType.BELONGS_TO, sid, NodeLabel.CHAIN, chain, evidence=evidence)
    if segment.plan_status in DECLARED_GAPS:
        gid = node_id(NodeLabel.GAP, segment.name)
        b.add_node(
            gid,
            NodeLabel.GAP,
            {
                "name": f"{segment.name}（{segment.plan_status.label}）",
                "segment": segment.name,
                "kind": segment.plan_status.value,
                "evidence": status_evidence,
            },
            Source.PLAN,
            status_evidence,
        )
        b.link(RelType.GAP_AT, gid, sid, Source.PLAN)


def _derive_support_membership(
    b: _Builder, segment_by_name: dict[str, _Located[SeedSegment]], supplied_by: dict[str, list[str]]
) -> None:
    """A support segment (配套) without declared chains serves every chain of what it supplies."""
    membership: dict[str, set[str]] = {name: set(located.item.chains) for name, located in segment_by_name.items()}
    support = [
        name
        for name, located in segment_by_name.items()
        if located.item.stage == Stage.SUPPORT and not located.item.chains
    ]
    changed = True
    while changed:
        changed = False
        for name in support:
            derived = set().union(*(membership[t] for t in supplied_by.get(name, [])))
            if not derived <= membership[name]:
                membership[name] |= derived
                changed = True
    for name in support:
        if not membership[name]:
            b.problems.append(f"{segment_by_name[name].where()}：配套环节“{name}”既未声明所属产业链，也不供应任何环节")
        for chain in sorted(membership[name]):
            b.link(
                RelType.BELONGS_TO,
                node_id(NodeLabel.SEGMENT, name),
                node_id(NodeLabel.CHAIN, chain),
                Source.DERIVED,
                note="配套环节：由其供应的下游环节所属产业链推导",
            )


def _add_parks(b: _Builder, counties: list[_Located[Any]], parks: list[_Located[Any]]) -> None:
    _unique(counties, "县市区", b.problems)
    _unique(parks, "园区", b.problems)
    for located in counties:
        county = located.item
        b.add_node(
            node_id(NodeLabel.COUNTY, county.name),
            NodeLabel.COUNTY,
            {"name": county.name, "short": county.short, "note": "行政区划名称；short 为规划中的简称"},
            Source.DERIVED,
        )
    for located in parks:
        park = located.item
        pid = node_id(NodeLabel.PARK, park.name)
        evidence = b.evidence(park.evidence, located, "evidence", mentions=park.mentions())
        target = b.target("output_target_2025", park.output_target_2025, located)
        b.add_node(
            pid,
            NodeLabel.PARK,
            {
                "name": park.name,
                "level": park.level,
                "main_industry": park.main_industry,
                "special_industry": park.special_industry,
                "evidence": evidence,
                **target,
            },
            Source.PLAN,
            [*evidence, *texts_prop(target, "output_target_2025_evidence")],
        )
        if park.county is not None:
            b.link_named(located.where("county"), RelType.IN_COUNTY, pid, NodeLabel.COUNTY, park.county)
        for chain in park.chains:
            b.link_named(located.where("chains"), RelType.HOSTS, pid, NodeLabel.CHAIN, chain, evidence=evidence)


def _add_enterprises(b: _Builder, enterprises: list[_Located[Any]]) -> None:
    _unique(enterprises, "企业", b.problems)
    for located in enterprises:
        ent = located.item
        eid = node_id(NodeLabel.ENTERPRISE, ent.name)
        mentions = ent.mentions()
        evidence = b.evidence(ent.evidence, located, "evidence", mentions=mentions)
        tie_ids = [
            b.evidence(tie.evidence, located, "segments", i, "evidence", mentions=mentions)
            for i, tie in enumerate(ent.segments)
        ]
        tie_evidence = [cid for ids in tie_ids for cid in ids]
        b.add_node(
            eid,
            NodeLabel.ENTERPRISE,
            {
                "name": ent.name,
                "full_name": ent.full_name,
                "role": ent.role,
                "status": ent.status,
                "locality": ent.locality,
                "evidence": evidence,
            },
            Source.PLAN,
            [*evidence, *tie_evidence],
        )
        for place, label, key in ((ent.park, NodeLabel.PARK, "park"), (ent.county, NodeLabel.COUNTY, "county")):
            if place is not None:
                b.link_named(located.where(key), RelType.LOCATED_IN, eid, label, place)
        for index, tie in enumerate(ent.segments):
            b.link_named(
                located.where("segments", index),
                RelType.OPERATES_IN,
                eid,
                NodeLabel.SEGMENT,
                tie.segment,
                source=tie.basis,
                basis=tie.basis.value,
                note=tie.note,
                evidence=tie_ids[index],
                confidence=tie.confidence,
            )


def _add_projects(b: _Builder, projects: list[_Located[Any]]) -> None:
    _unique(projects, "项目", b.problems)
    for located in projects:
        project = located.item
        pid = node_id(NodeLabel.PROJECT, project.name)
        evidence = b.evidence(project.evidence, located, "evidence", mentions=project.mentions())
        b.add_node(
            pid,
            NodeLabel.PROJECT,
            {
                "name": project.name,
                "investment": project.investment.value if project.investment else None,
                "investment_unit": project.investment.unit if project.investment else None,
                "status": project.status,
                "evidence": evidence,
            },
            Source.PLAN,
            evidence,
        )
        for place, label, key in ((project.park, NodeLabel.PARK, "park"), (project.county, NodeLabel.COUNTY, "county")):
            if place is not None:
                b.link_named(located.where(key), RelType.PROJECT_IN, pid, label, place)
        for name in project.segments:
            b.link_named(located.where("segments"), RelType.TARGETS, pid, NodeLabel.SEGMENT, name)
        for name in project.enterprises:
            b.link_named(located.where("enterprises"), RelType.INVOLVES, pid, NodeLabel.ENTERPRISE, name)


def _add_indicators(b: _Builder, indicators: list[_Located[Any]]) -> None:
    _unique(indicators, "指标", b.problems)
    for located in indicators:
        ind = located.item
        iid = node_id(NodeLabel.INDICATOR, ind.name)
        evidence = b.evidence(ind.evidence, located, "evidence", mentions=ind.mentions())
        b.add_node(
            iid,
            NodeLabel.INDICATOR,
            {
                "name": ind.name,
                "category": ind.category,
                "unit": ind.unit,
                "value_2020": ind.value_2020,
                "target_2025": ind.target_2025,
                "target_qualifier": ind.target_qualifier,
                "target_text": ind.target_text,
                "evidence": evidence,
            },
            Source.PLAN,
            evidence,
        )
