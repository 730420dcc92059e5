"""The seed tells the plan's story faithfully: every fact sourced, every chain whole."""

from __future__ import annotations

from collections import defaultdict

import networkx as nx
import pytest

from graph.model import GraphData, NodeLabel, RelType, Source
from loaders.plan_text import quote_in_plan

MAIN_CHAINS = ["新型显示器件", "电机", "锰系新材料", "植物提取", "轻纺箱包制鞋"]
OTHER_CHAINS = [
    "汽车及零部件", "地质装备", "工程机械", "电力装备", "农机和其他机械",
    "电子元器件", "智能终端", "大数据互联网及软件", "稀土", "碳酸钙", "装配式建材",
    "新能源", "农产品精深加工", "化学药", "医疗器械及耗材", "包装印刷",
]  # fmt: skip


EQUIPMENT = {"segment:数控机床"}
"""Equipment that makes products rather than going into them: not a supplier (its own relationship type, EQUIPS)."""


def _by_label(graph: GraphData, label: NodeLabel) -> dict[str, dict]:
    return {n.name: n.properties for n in graph.nodes if n.label == label}


def _chain_segments(graph: GraphData, include_subchains: bool = True) -> dict[str, set[str]]:
    members = defaultdict(set)
    chain_names = {n.id: n.name for n in graph.nodes if n.label == NodeLabel.CHAIN}
    parents = {r.start: r.end for r in graph.relationships if r.type == RelType.PART_OF}
    for rel in graph.relationships:
        if rel.type == RelType.BELONGS_TO:
            chain = rel.end
            while chain is not None:
                members[chain_names[chain]].add(rel.start)
                chain = parents.get(chain) if include_subchains else None
    return members


def test_every_fact_has_a_source(seed_graph: GraphData) -> None:
    clauses = {n.id for n in seed_graph.nodes if n.label == NodeLabel.PLAN_CLAUSE}
    for item in [*seed_graph.nodes, *seed_graph.relationships]:
        source = item.properties.get("source")
        assert source in {s.value for s in Source}, item
        for cid in item.properties.get("evidence", []) or []:
            assert cid in clauses, (item, cid)
        if source == Source.INDUSTRY_STRUCTURE.value:
            assert item.properties.get("note"), f"{item} 缺少建模判断的说明"
    planned = [n for n in seed_graph.nodes if n.label not in (NodeLabel.PLAN_CLAUSE, NodeLabel.COUNTY)]
    unsourced = [n.id for n in planned if not n.properties.get("evidence")]
    assert not unsourced


def test_every_quote_is_in_the_plan(seed_graph: GraphData) -> None:
    clauses = [n for n in seed_graph.nodes if n.label == NodeLabel.PLAN_CLAUSE]
    assert len(clauses) > 100
    for clause in clauses:
        assert quote_in_plan(str(clause.properties["quote"])), clause.properties
        assert clause.properties["section"]


@pytest.mark.parametrize("chain", MAIN_CHAINS)
def test_main_chains_have_depth(seed_graph: GraphData, chain: str) -> None:
    segments = _chain_segments(seed_graph)[chain]
    assert len(segments) >= 10, f"{chain} 只有 {len(segments)} 个环节"
    stages = {n.properties["stage"] for n in seed_graph.nodes if n.id in segments}
    assert {"上游", "下游"} <= stages, f"{chain} 未覆盖从原料到终端：{stages}"


@pytest.mark.parametrize("chain", OTHER_CHAINS)
def test_other_plan_chains_exist(seed_graph: GraphData, chain: str) -> None:
    assert _chain_segments(seed_graph)[chain], f"缺少规划中的产业链 {chain}"


def test_every_chain_is_connected_without_orphans(seed_graph: GraphData) -> None:
    """Each chain (not an industry grouping of several chains) hangs together through supply links, its own
    or through one segment of another chain (脱硫石膏 from 火力发电 feeds 硫酸钙晶须 of 碳酸钙)."""
    supply = nx.Graph()
    supply.add_edges_from((r.start, r.end) for r in seed_graph.relationships if r.type == RelType.SUPPLIES)
    groupings = {n.name for n in seed_graph.nodes if n.label == NodeLabel.CHAIN and n.properties["kind"] == "产业"}
    for chain, segments in _chain_segments(seed_graph, include_subchains=False).items():
        if chain in groupings:
            continue
        if len(segments) < 2:
            continue
        members = segments & set(supply.nodes)
        orphans = sorted(segments - members - EQUIPMENT)
        assert not orphans, f"{chain} 有孤立环节：{orphans}"
        reach = members | {n for m in members for n in supply.neighbors(m)}
        parts = [c & members for c in nx.connected_components(supply.subgraph(reach))]
        assert len([p for p in parts if p]) == 1, f"{chain} 的环节不连通：{[sorted(p) for p in parts if p]}"


def test_supply_links_flow_without_cycles(seed_graph: GraphData) -> None:
    supply = nx.DiGraph((r.start, r.end) for r in seed_graph.relationships if r.type == RelType.SUPPLIES)
    assert nx.is_directed_acyclic_graph(supply), nx.find_cycle(supply)


@pytest.mark.parametrize("segment", ["电镀/表面处理", "铸造件", "模具", "冷链物流仓储", "玻璃基板", "电机外壳"])
def test_declared_missing_links_are_gaps_with_evidence(seed_graph: GraphData, segment: str) -> None:
    gaps = {n.properties["segment"]: n for n in seed_graph.nodes if n.label == NodeLabel.GAP}
    assert segment in gaps, f"规划声明缺失的 {segment} 没有成为 Gap"
    assert gaps[segment].properties["evidence"]


def test_support_links_serve_several_chains(seed_graph: GraphData) -> None:
    membership = defaultdict(set)
    chain_names = {n.id: n.name for n in seed_graph.nodes if n.label == NodeLabel.CHAIN}
    for rel in seed_graph.relationships:
        if rel.type == RelType.BELONGS_TO:
            membership[rel.start].add(chain_names[rel.end])
    assert {"新型显示器件", "电机"} <= membership["segment:电镀/表面处理"]
    assert len(membership["segment:模具"]) >= 2


@pytest.mark.parametrize("segment", ["粘结钕铁硼磁体", "显示功能材料", "步进电机", "硫酸钙晶须"])
def test_declared_strengths_carry_evidence(seed_graph: GraphData, segment: str) -> None:
    props = _by_label(seed_graph, NodeLabel.SEGMENT)[segment]
    assert props["plan_status"] == "strong"
    assert props["status_evidence"]


def test_twelve_parks_with_targets(seed_graph: GraphData) -> None:
    parks = _by_label(seed_graph, NodeLabel.PARK)
    assert len(parks) == 12, sorted(parks)
    assert parks["永州经开区"]["output_target_2025"] == 350
    assert parks["祁阳高新区"]["output_target_2025"] == 500
    assert all(p.get("output_target_2025") for p in parks.values())


def test_named_enterprises_and_their_plan_ties(seed_graph: GraphData) -> None:
    enterprises = _by_label(seed_graph, NodeLabel.ENTERPRISE)
    for name in ["科力尔电机", "凯盛鞋业", "东骏纺织", "裕宁电子", "九恒数码", "经纬辉开", "长丰集团"]:
        assert name in enterprises, name
    ties = {(r.start, r.end) for r in seed_graph.relationships if r.type == RelType.OPERATES_IN}
    assert ("enterprise:科力尔电机", "segment:步进电机") in ties
    assert not any(start == "enterprise:经纬辉开" for start, _ in ties), "规划未说明经纬辉开所属环节"


def test_indicator_table(seed_graph: GraphData) -> None:
    indicators = _by_label(seed_graph, NodeLabel.INDICATOR)
    assert indicators["规模工业增加值"]["value_2020"] == 550
    assert indicators["规模工业增加值"]["target_2025"] == 700
    assert len(indicators) >= 20
