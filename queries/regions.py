"""区域分布: Yongzhou's districts and counties with their parks, chains, firms, gaps and landed targets.

For the chain-chief office: where a chain sits in the city — which counties the plan's parks are
designated for it (一主一特), where its local firms and key projects are, which of its gaps those
counties' parks are meant to fill, and where investment leads have landed. Each county's figures come
with where they came from; parks the plan gives no county for are listed apart, never guessed.

A chain filter (`chain`, with its sub-chains) keeps only what concerns that chain; without one every
chain counts. Places come from `queries.structure.places_in`, the same walk the chain map's place filter uses.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from graph.model import NodeLabel, RelType, key_of_id, label_of_id, node_id, text_prop
from graph.store import GraphStore
from graph.vocabulary import LeadStatus, Locality
from queries.gaps import gaps
from queries.leads import leads
from queries.provenance import FIRM_PROVENANCE_KEYS, Provenance, firm_provenance, plan_document
from queries.structure import chain_ids, places_in


@dataclass(frozen=True)
class CountyFigures:
    """One district or county (县市区): its parks and what of the chosen chain(s) is there."""

    county: str
    short: str
    parks: list[str]
    designated_chains: list[str]
    """Chains the plan designates its parks for (一主一特 and 市本级 focus)."""
    present_chains: list[str]
    """Chains with a local enterprise or key project in the county or its parks."""
    enterprises: list[str]
    projects: list[str]
    gaps: list[str]
    """Gap segments of the chains designated here: what the county's parks are meant to bring in."""
    landed: list[str]
    """已落地 leads whose firm is located here, as 企业（环节）."""
    provenance: list[Provenance] = field(default_factory=list)

    @property
    def has_chain(self) -> bool:
        return bool(self.designated_chains or self.present_chains)


@dataclass(frozen=True)
class RegionMap:
    chain: str | None
    counties: list[CountyFigures]
    parks_without_county: list[str]
    """Parks in scope the plan names without a county (e.g. 永州经开区): shown apart, not placed."""
    firms_without_place: int
    """Local firms in scope with no recorded park or county."""
    landed_without_place: list[str]
    as_of: str


def region_map(store: GraphStore, chain: str | None = None, *, today: date | None = None) -> RegionMap:
    """Per-county figures of `chain` (with its sub-chains) or of every chain; `NotFound` for an unknown chain."""
    plan = plan_document(store)
    scope = set(chain_ids(store, chain).values()) if chain is not None else None
    profiles = store.segment_profiles()
    chains_of = {p.id: [c for c in p.chains if scope is None or c in scope] for p in profiles}
    segment_ids = [sid for sid, chains in chains_of.items() if chains]
    county_of_park = {r.start: r.end for r in store.relationships(RelType.IN_COUNTY)}
    names = {n.id: n for n in store.subgraph(sorted({*county_of_park, *county_of_park.values()})).nodes}

    designated: dict[str, set[str]] = defaultdict(set)
    hosting_parks: set[str] = set()
    for rel in store.relationships(RelType.HOSTS):
        chain_name = key_of_id(rel.end)
        if scope is None or chain_name in scope:
            hosting_parks.add(rel.start)
            if rel.start in county_of_park:
                designated[county_of_park[rel.start]].add(chain_name)

    present: dict[str, set[str]] = defaultdict(set)
    for place in places_in(store, segment_ids):
        if place.kind == "县市区":
            present[node_id(NodeLabel.COUNTY, place.name)] |= {c for sid in place.segment_ids for c in chains_of[sid]}

    in_scope = set(segment_ids)
    located = _located(store, county_of_park)
    local = store.properties_of(NodeLabel.ENTERPRISE, ("name", *FIRM_PROVENANCE_KEYS), locality=Locality.LOCAL)
    # the chain's local firms from the store's kept segment profiles, not a read of every local firm's ties
    scoped = (
        set(local)
        if scope is None
        else local.keys() & {f for p in profiles if p.id in in_scope for f in p.local_enterprises}
    )
    enterprises: dict[str, list[str]] = defaultdict(list)
    sources: dict[str, set[Provenance]] = defaultdict(set)
    placed_local = scoped & located.keys()
    for firm in placed_local:
        props = local[firm]
        for county in located[firm]:
            enterprises[county].append(str(props.get("name", firm)))
            sources[county].add(firm_provenance(props, plan))

    projects: dict[str, list[str]] = defaultdict(list)
    for rel in store.relationships(RelType.PROJECT_IN):
        county = county_of_park.get(rel.end, rel.end)
        targeted = {r.end for r in store.relationships(RelType.TARGETS, start=rel.start)}
        if label_of_id(county) == NodeLabel.COUNTY and (scope is None or targeted & in_scope):
            projects[county].append(key_of_id(rel.start))

    gap_rows = gaps(store, chain)
    landed: dict[str, list[str]] = defaultdict(list)
    landed_elsewhere = []
    for lead in leads(store, chain, status=LeadStatus.LANDED, today=today):
        label = f"{lead.enterprise}（{lead.segment}）"
        places = located.get(lead.enterprise_id, [])
        for county in places:
            landed[county].append(label)
            sources[county].add(Provenance("招商线索", lead.updated_at[:10] or "未注明"))
        if not places:
            landed_elsewhere.append(label)

    plan_fact = Provenance(f"规划：{plan.title}", plan.period)
    counties = []
    for node in store.nodes(NodeLabel.COUNTY):
        cid = node.id
        chains_here = designated.get(cid, set())
        counties.append(
            CountyFigures(
                county=node.name,
                short=text_prop(node.properties, "short") or node.name,
                parks=sorted(names[p].name for p, c in county_of_park.items() if c == cid and p in names),
                designated_chains=sorted(chains_here),
                present_chains=sorted(present.get(cid, set())),
                enterprises=sorted(set(enterprises.get(cid, []))),
                projects=sorted(set(projects.get(cid, []))),
                gaps=sorted({g.segment for g in gap_rows if chains_here & set(g.chains)}),
                landed=sorted(set(landed.get(cid, []))),
                provenance=sorted({plan_fact, *sources.get(cid, set())}),
            )
        )
    return RegionMap(
        chain=chain,
        counties=sorted(counties, key=lambda c: c.county),
        parks_without_county=sorted(key_of_id(p) for p in hosting_parks if p not in county_of_park),
        firms_without_place=len(scoped - placed_local),
        landed_without_place=sorted(landed_elsewhere),
        as_of=(today or date.today()).isoformat(),
    )


def _located(store: GraphStore, county_of_park: dict[str, str]) -> dict[str, list[str]]:
    """Enterprise id → the counties it is located in, directly or through a park."""
    where: dict[str, set[str]] = defaultdict(set)
    for place, firms in store.reached_via(RelType.LOCATED_IN).items():
        county = county_of_park.get(place, place)
        if label_of_id(county) == NodeLabel.COUNTY:
            for firm in firms:
                where[firm].add(county)
    return {firm: sorted(counties) for firm, counties in where.items()}
