"""The seed tells the plan's story faithfully: every fact sourced, every chain whole."""

from __future__ import annotations

from collections import defaultdict

import networkx as nx
import pytest

from graph.model import (
    GraphData,
    Node,
    NodeLabel,
    PropertyValue,
    Relationship,
    RelType,
    Source,
    number_prop,
    text_prop,
    texts_prop,
)
from graph.vocabulary import JUDGEMENT_BASES
from loaders.plan_text import quote_in_plan

MAIN_CHAINS = ["新型显示器件", "电机", "锰系新材料", "植物提取", "轻纺箱包制鞋"]
OTHER_CHAINS = [
    "汽车及零部件", "地质装备", "工程机械", "电力装备", "农机和其他机械",
    "电子元器件", "智能终端", "大数据互联网及软件", "稀土", "碳酸钙", "装配式建材",
    "新能源", "农产品精深加工", "化学药", "医疗器械及耗材", "包装印刷",
]  # fmt: skip


EQUIPMENT = {"segment:数控机床"}
"""Equipment that makes products rather than going into them: not a supplier (its own relationship type, EQUIPS)."""


def _by_label(graph: GraphData, label: NodeLabel) -> dict[str, dict[str, PropertyValue]]:
    return {n.name: n.properties for n in graph.nodes if n.label == label}


def _chain_segments(graph: GraphData, include_subchains: bool = True) -> dict[str, set[str]]:
    members: defaultdict[str, set[str]] = defaultdict(set)
    chain_names = {n.id: n.name for n in graph.nodes if n.label == NodeLabel.CHAIN}
    parents = {r.start: r.end for r in graph.relationships if r.type == RelType.PART_OF}
    for rel in graph.relationships:
        if rel.type == RelType.BELONGS_TO:
            chain: str | None = rel.end
            while chain is not None:
                members[chain_names[chain]].add(rel.start)
                chain = parents.get(chain) if include_subchains else None
    return members


def test_every_fact_has_a_source(seed_graph: GraphData) -> None:
    clauses = {n.id for n in seed_graph.nodes if n.label == NodeLabel.PLAN_CLAUSE}
    items: list[Node | Relationship] = [*seed_graph.nodes, *seed_graph.relationships]
    for item in items:
        source = item.properties.get("source")
        assert source in {s.value for s in Source}, item
        for cid in texts_prop(item.properties, "evidence"):
            assert cid in clauses, (item, cid)
        if source in JUDGEMENT_BASES:
            assert item.properties.get("note"), f"{item} 缺少建模判断的说明"
        if source == Source.TEMPLATE.value and isinstance(item, Node):
            assert item.properties.get("basis") and item.properties.get("reason"), f"{item} 缺少模板依据"
    planned = [
        n
        for n in seed_graph.nodes
        if n.label not in (NodeLabel.PLAN_CLAUSE, NodeLabel.COUNTY) and n.properties["source"] != Source.TEMPLATE.value
    ]
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
    or through one segment of another chain (脱硫石膏 from 火力发电 feeds 硫酸钙晶须 of 碳酸钙), a template's
    level-2 segments through their parent and its equipment through what it makes."""
    structure = (RelType.SUPPLIES, RelType.REFINES, RelType.EQUIPS)
    supply: nx.Graph[str] = nx.Graph()
    supply.add_edges_from((r.start, r.end) for r in seed_graph.relationships if r.type in structure)
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


def _links(graph: GraphData, rel_type: RelType = RelType.SUPPLIES) -> dict[tuple[str, str], dict[str, PropertyValue]]:
    """{(start name, end name): properties} of one relationship type (names are the ids' keys)."""
    return {
        (r.start.split(":", 1)[1], r.end.split(":", 1)[1]): r.properties
        for r in graph.relationships
        if r.type == rel_type
    }


def test_plan_items_the_seed_used_to_lack(seed_graph: GraphData) -> None:
    segments = _by_label(seed_graph, NodeLabel.SEGMENT)
    chains = _chain_segments(seed_graph)
    assert "segment:电子车牌" in chains["新型显示器件"]
    assert segments["钻头材料与配件"]["plan_status"] == "to_introduce"
    assert _links(seed_graph)[("钻头材料与配件", "钻头")]["basis"] == "规划"
    future = {
        "智能机器人",
        "增材制造",
        "智能网联汽车",
        "柔性电子",
        "航空材料",
        "新一代半导体材料",
        "纳米材料",
        "防腐材料",
    }
    assert {f"segment:{name}" for name in future} <= chains["未来产业"]
    assert {"segment:检验检测", "segment:第三方物流", "segment:供应链金融"} <= chains["生产性服务业"]
    varieties = {"喉咽清口服液", "喉咽清颗粒", "驴胶补血颗粒", "小儿扶脾颗粒", "血络通胶囊"}
    assert varieties <= set(texts_prop(segments["中成药制造"], "keywords"))


def test_plan_statuses_from_the_review(seed_graph: GraphData) -> None:
    segments = _by_label(seed_graph, NodeLabel.SEGMENT)
    assert segments["小家电"]["plan_status"] == "present"
    assert segments["富锰渣"]["plan_status"] == "eliminated"
    assert "富锰渣" not in {n.properties["segment"] for n in seed_graph.nodes if n.label == NodeLabel.GAP}
    assert not [end for start, end in _links(seed_graph) if start == "富锰渣"], "淘汰产能不应供货"
    assert "小家电之乡" in (text_prop(_links(seed_graph)[("微电机", "小家电")], "note") or "")


@pytest.mark.parametrize(
    ("start", "end"),
    [("电镀/表面处理", "ITO导电玻璃"), ("蓄电池", "风电"), ("蓄电池", "太阳能发电"), ("基因测序", "中药材种植"),
     ("碳酸钙资源", "硫酸钙晶须")],
)  # fmt: skip
def test_doubtful_industry_links_are_gone(seed_graph: GraphData, start: str, end: str) -> None:
    assert (start, end) not in _links(seed_graph)


def test_equipment_supplies_nothing_and_gypsum_feeds_whiskers(seed_graph: GraphData) -> None:
    assert not [pair for pair in _links(seed_graph) if pair[0] in {s.split(":", 1)[1] for s in EQUIPMENT}]
    assert "脱硫石膏" in (text_prop(_links(seed_graph)[("火力发电", "硫酸钙晶须")], "note") or "")


def test_project_ties_the_plan_states(seed_graph: GraphData) -> None:
    targets = set(_links(seed_graph, RelType.TARGETS))
    assert {("蓝山国际玩具产业园", "电子玩具"), ("蓝山国际玩具产业园", "塑胶玩具")} <= targets
    assert {("蓝山皮具箱包科技产业园", "皮具"), ("江华电机产业园", "微电机")} <= targets
    assert ("永州制鞋产业园", "祁阳市") in _links(seed_graph, RelType.PROJECT_IN)


def test_ties_a_name_only_implies_are_marked_and_weak(seed_graph: GraphData) -> None:
    ties = _links(seed_graph, RelType.OPERATES_IN)
    inferred = {pair: props for pair, props in ties.items() if props["basis"] == "名称推断"}
    assert {("湖南新金浩茶油股份有限公司", "茶油"), ("凯盛鞋业", "运动鞋"), ("东骏纺织", "涤纶布")} <= set(inferred)
    assert all(
        (confidence := number_prop(p, "confidence")) is not None
        and confidence <= 0.5
        and p["note"]
        and p["source"] == "名称推断"
        for p in inferred.values()
    )
    assert all(p["confidence"] == 1.0 for p in ties.values() if p["basis"] == "规划")
