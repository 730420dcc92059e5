"""Everything the chain-chief office's 图谱+清单 package shows about one chain, gathered over the store interface.

The package (present/package.py) only lays this out. It builds on the report's data (全景图, 现状图, firms,
projects, gaps, targets) and adds the 风险清单, the county figures, the leads, the plan's clauses on the chain,
and where each firm, project and segment came from and as of when — every row the office hands on keeps both.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from graph.model import GraphData, NodeLabel, RelType, texts_prop
from graph.store import GraphStore
from graph.vocabulary import Basis, LeadStatus
from queries.evidence import resolve_evidence
from queries.leads import Lead, leads
from queries.provenance import PlanDocument, Provenance, firm_provenance, plan_document
from queries.regions import RegionMap, region_map
from queries.report_data import ReportData, report_data
from queries.risk import SegmentRisk, risk
from queries.structure import chain_export

TEMPLATE_SOURCE = Provenance("产业链模板库（标准产业链结构，不是关于永州的事实）", "模板，无时点")


@dataclass(frozen=True)
class Clause:
    """One plan clause on the chain and what in the chain it is cited for."""

    section: str
    quote: str
    about: list[str]


@dataclass(frozen=True)
class PackageData:
    chain: str
    as_of: str
    """The day the analysis ran: statuses, gaps, risks and county figures are as of this date."""
    plan: PlanDocument
    report: ReportData
    risks: list[SegmentRisk]
    regions: RegionMap
    leads: list[Lead]
    clauses: list[Clause]
    segment_sources: dict[str, Provenance]
    firm_sources: dict[str, Provenance]
    project_sources: dict[str, Provenance]


def package_data(store: GraphStore, chain: str, *, today: date | None = None) -> PackageData:
    """The package of `chain` (with its sub-chains); `NotFound` (a Chinese line) for an unknown chain."""
    day = today or date.today()
    report = report_data(store, chain)
    plan = plan_document(store)
    chain_leads = leads(store, chain, today=day)
    part = chain_export(store, chain)
    plan_fact = Provenance(f"规划：{plan.title}", plan.period)
    landed = {lead.enterprise: lead for lead in chain_leads if lead.status == LeadStatus.LANDED}
    firm_sources = {}
    for node in part.nodes:
        if node.label == NodeLabel.ENTERPRISE:
            lead = landed.get(node.name)
            firm_sources[node.name] = (
                Provenance(
                    f"{Basis.LEAD_LANDED.label}：{lead.segment}线索（负责人 {lead.owner}）", lead.updated_at[:10]
                )
                if lead is not None
                else firm_provenance(node.properties, plan)
            )
    projects = [n for n in part.nodes if n.label == NodeLabel.PROJECT]
    first_clause = {n.name: (texts_prop(n.properties, "evidence") or [""])[0] for n in projects}
    sections = resolve_evidence(store, (c for c in first_clause.values() if c))
    project_sources = {
        name: Provenance(f"规划：{sections[c].section if c in sections else plan.title}", plan.period)
        for name, c in first_clause.items()
    }
    return PackageData(
        chain=chain,
        as_of=day.isoformat(),
        plan=plan,
        report=report,
        risks=risk(store, chain),
        regions=region_map(store, chain, today=day),
        leads=chain_leads,
        clauses=_clauses(part),
        segment_sources={
            s.segment: plan_fact if report.map.origins.get(s.segment_id, "规划") == "规划" else TEMPLATE_SOURCE
            for s in report.map.segments
        },
        firm_sources=firm_sources,
        project_sources=project_sources,
    )


def _clauses(part: GraphData) -> list[Clause]:
    """The chain's plan clauses by section, each with the names of what in the chain cites it."""
    by_id = {n.id: n for n in part.nodes}
    about: dict[str, set[str]] = {n.id: set() for n in part.nodes if n.label == NodeLabel.PLAN_CLAUSE}
    for rel in part.relationships:
        if rel.type == RelType.EVIDENCED_BY and rel.end in about and rel.start in by_id:
            about[rel.end].add(by_id[rel.start].name)
    rows = [
        Clause(
            str(by_id[cid].properties.get("section", "")), str(by_id[cid].properties.get("quote", "")), sorted(names)
        )
        for cid, names in about.items()
    ]
    return sorted(rows, key=lambda c: (c.section, c.quote))
