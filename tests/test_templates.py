"""The chain-template library: deep, judged structure under the plan's facts, never a made-up gap."""

from __future__ import annotations

import csv
import shutil
from collections import Counter
from pathlib import Path

import pytest

from graph.embedded import EmbeddedStore
from graph.exchange import to_graphml_bytes
from graph.model import GraphData, NodeLabel, PropertyValue, RelType, Source, texts_prop
from loaders.seed import SEED_DIR, build_seed_graph
from loaders.templates import (
    MIN_NAMED_SEGMENTS,
    MIN_OTHER_SEGMENTS,
    NAMED_CHAINS,
    TEMPLATE_ORIGIN,
    read_library,
)
from loaders.yaml_lines import SeedError
from queries.gaps import gaps, segment_statuses
from queries.health import health
from queries.structure import chain_export

TEMPLATE_DIR = SEED_DIR / "templates"
FIXTURES = Path(__file__).parent / "fixtures"
LIBRARY = read_library(TEMPLATE_DIR)
TEMPLATES = {model.template for model, _ in LIBRARY}
PRESENT_NAMED = [chain for chain, members in NAMED_CHAINS.items() if members & TEMPLATES]
OTHER_TEMPLATES = sorted(t for t in TEMPLATES if not any(t in members for members in NAMED_CHAINS.values()))
LIBRARY_SEGMENTS = {s.name: s for model, _ in LIBRARY for s in model.segments}


def _segments(graph: GraphData) -> dict[str, dict[str, PropertyValue]]:
    return {n.name: n.properties for n in graph.nodes if n.label == NodeLabel.SEGMENT}


def _rels(graph: GraphData, rel_type: RelType) -> dict[tuple[str, str], dict[str, PropertyValue]]:
    return {(r.start, r.end): r.properties for r in graph.relationships if r.type == rel_type}


def test_the_two_chains_of_this_library_are_present() -> None:
    assert {"电机", "新型显示器件"} <= TEMPLATES


@pytest.mark.parametrize("chain", PRESENT_NAMED)
def test_named_chains_are_deep(chain: str) -> None:
    segments = [s for model, _ in LIBRARY if model.template in NAMED_CHAINS[chain] for s in model.segments]
    assert len(segments) >= MIN_NAMED_SEGMENTS, f"{chain} 只有 {len(segments)} 个环节"
    assert {s.level for s in segments} == {1, 2}
    assert {s.stage.value for s in segments if s.stage} >= {"上游", "中游", "下游", "配套"}


def test_other_templates_have_fifteen_segments() -> None:
    for template in OTHER_TEMPLATES:
        segments = [s for model, _ in LIBRARY if model.template == template for s in model.segments]
        assert len(segments) >= MIN_OTHER_SEGMENTS, template
        assert {s.level for s in segments} == {1, 2}, template


def test_names_are_unique_across_the_library() -> None:
    counts = Counter(s.name for model, _ in LIBRARY for s in model.segments)
    assert not [name for name, n in counts.items() if n > 1]


def test_no_dead_ends(seed_graph: GraphData) -> None:
    out = {r.start for r in seed_graph.relationships if r.type in (RelType.SUPPLIES, RelType.EQUIPS)}
    props = _segments(seed_graph)
    dead = [
        name
        for name, segment in LIBRARY_SEGMENTS.items()
        if not segment.final
        and props.get(name, {}).get("plan_status") != "eliminated"  # the plan's fact wins (富锰渣)
        and f"segment:{name}" not in out
        and not (segment.parent and f"segment:{segment.parent}" in out)
    ]
    assert not dead
    supplies = {start for start, _ in _rels(seed_graph, RelType.SUPPLIES)}
    for name in ["OLED显示面板", "步进电机", "仿真电机", "智能化电机", "功能性电机"]:
        assert f"segment:{name}" in supplies, f"{name} 没有下游"
        assert props[name]["origin"] == "规划"


def test_every_element_has_basis_and_reason(seed_graph: GraphData) -> None:
    for model, _ in LIBRARY:
        for item in [*model.segments, *model.links, *model.equipment]:
            assert item.basis in ("行业常识", "公开资料") and item.reason.strip()
            assert item.basis == "行业常识" or item.source
    for rel in seed_graph.relationships:
        if rel.properties["source"] == Source.TEMPLATE.value and rel.type in (RelType.SUPPLIES, RelType.EQUIPS):
            assert rel.properties["basis"] and rel.properties["note"], rel


def test_template_segments_carry_their_structure(seed_graph: GraphData) -> None:
    props = _segments(seed_graph)
    refines = _rels(seed_graph, RelType.REFINES)
    for name, segment in LIBRARY_SEGMENTS.items():
        node = props[name]
        assert node["level"] == segment.level and node.get("parent") == segment.parent
        assert node["origin"] in ("规划", "模板") and node["basis"] and node["reason"]
        assert set(segment.keywords) <= set(texts_prop(node, "keywords"))
        assert set(segment.exclude) <= set(texts_prop(node, "exclude"))
        if segment.parent:
            assert (f"segment:{name}", f"segment:{segment.parent}") in refines
    assert props["稀土永磁材料"]["origin"] == TEMPLATE_ORIGIN and props["稀土永磁材料"]["gbt4754"] == ["3985"]
    assert props["烧结钕铁硼磁体"]["stage"] == "上游", "二级环节沿用上级的 stage"
    assert props["微电机"]["origin"] == "规划" and props["模具"]["origin"] == "规划"
    assert "烘焙模具" in texts_prop(props["模具"], "exclude"), "模板也列出的规划环节保留规划自己的排除词"
    assert "电容器电解液" in texts_prop(props["储能材料"], "exclude"), (
        "规划环节带上模板的排除词（第十八轮起规划不排除蓄电池材料）"
    )


def test_equipment_is_not_supply(seed_graph: GraphData) -> None:
    equips = _rels(seed_graph, RelType.EQUIPS)
    supplies = _rels(seed_graph, RelType.SUPPLIES)
    assert ("segment:电机专用设备", "segment:微电机") in equips
    assert ("segment:面板设备", "segment:显示面板") in equips
    assert ("segment:模具", "segment:电机冲片") in equips
    assert not set(equips) & set(supplies)


def test_plan_facts_win_on_merge(seed_graph: GraphData) -> None:
    plan = build_seed_graph(templates=False)
    before, after = _segments(plan), _segments(seed_graph)
    for name in set(before) & set(LIBRARY_SEGMENTS):
        for key in ("stage", "plan_status", "evidence", "status_evidence", "source"):
            assert after[name].get(key) == before[name].get(key), (name, key)
        planned = texts_prop(before[name], "keywords")
        assert planned == texts_prop(after[name], "keywords")[: len(planned)]
    assert after["步进电机"]["plan_status"] == "strong" and after["步进电机"]["parent"] == "微电机"
    plan_supplies = _rels(plan, RelType.SUPPLIES)
    merged = _rels(seed_graph, RelType.SUPPLIES)
    assert merged[("segment:电机外壳", "segment:微电机")] == plan_supplies[("segment:电机外壳", "segment:微电机")]
    assert merged[("segment:电机外壳", "segment:微电机")]["basis"] == "规划"
    gaps_before = {n.id for n in plan.nodes if n.label == NodeLabel.GAP}
    assert gaps_before == {n.id for n in seed_graph.nodes if n.label == NodeLabel.GAP}


def test_template_only_segments_are_to_be_verified_never_gaps(loaded_store: EmbeddedStore) -> None:
    origin = {n.name: n.properties.get("origin") for n in loaded_store.nodes(NodeLabel.SEGMENT)}
    template_only = {name for name, o in origin.items() if o == TEMPLATE_ORIGIN}
    assert len(template_only) > 60
    rows = gaps(loaded_store)
    assert rows and not [r.segment for r in rows if r.segment in template_only]
    statuses = {s.segment: s.status_label for s in segment_statuses(loaded_store)}
    assert {statuses[name] for name in template_only} == {"待核实"}
    for row in health(loaded_store):
        assert not set(row.gaps) & template_only, row.chain
    motors = health(loaded_store, "电机")[0]
    assert motors.segments >= MIN_NAMED_SEGMENTS and motors.status_counts["待核实"] >= 50


def test_trace_and_gaps_do_not_follow_equipment(loaded_store: EmbeddedStore) -> None:
    assert loaded_store.trace("segment:电机专用设备", "down") == {}
    assert "segment:电机冲片" not in loaded_store.trace("segment:模具", "down")
    assert "segment:模具" not in loaded_store.trace("segment:电机冲片", "up")
    profiles = {p.name: p for p in loaded_store.segment_profiles()}
    assert profiles["面板设备"].downstream == []
    assert "segment:OLED显示模组" in profiles["OLED显示面板"].downstream


def test_exports_carry_origin(loaded_store: EmbeddedStore) -> None:
    graphml = to_graphml_bytes(chain_export(loaded_store, "电机")).decode("utf-8")
    assert "origin" in graphml and "模板" in graphml and "REFINES" in graphml


def test_shenwan_names_and_industry_codes_are_real() -> None:
    with (SEED_DIR / "candidates" / "listed_companies.csv").open(encoding="utf-8") as handle:
        sw_l3 = {row["sw_l3"] for row in csv.DictReader(handle)}
    for name, segment in LIBRARY_SEGMENTS.items():
        assert set(segment.sw_industries) <= sw_l3, (name, set(segment.sw_industries) - sw_l3)
        assert all(code.isdigit() and len(code) in (3, 4) for code in segment.gbt4754), name


def _mini_seed_with(tmp_path: Path, fixture: str) -> Path:
    seed = tmp_path / "seed"
    shutil.copytree(FIXTURES / "mini_seed", seed)
    shutil.copytree(FIXTURES / "templates" / fixture, seed / "templates")
    return seed


def _problems(tmp_path: Path, fixture: str) -> list[str]:
    with pytest.raises(SeedError) as caught:
        build_seed_graph(_mini_seed_with(tmp_path, fixture))
    return caught.value.problems


def test_merge_keeps_the_plan_where_template_and_plan_disagree(tmp_path: Path) -> None:
    seed = _mini_seed_with(tmp_path, "merge")
    plan, merged = build_seed_graph(seed, templates=False), build_seed_graph(seed)
    before, after = _segments(plan), _segments(merged)
    assert after["微电机"]["stage"] == before["微电机"]["stage"] == "中游"
    assert after["微电机"]["keywords"] == [*texts_prop(before["微电机"], "keywords"), "微型马达"]
    assert after["微电机"]["origin"] == "规划" and after["微电机"]["reason"] == "测试：stage 与规划不同"
    assert after["电机外壳"]["plan_status"] == "to_introduce" and after["电机外壳"]["evidence"]
    assert "gap:电机外壳" in {n.id for n in merged.nodes}
    link = _rels(merged, RelType.SUPPLIES)[("segment:电机外壳", "segment:微电机")]
    assert link["basis"] == "规划" and link["evidence"]
    assert ("segment:铸造件", "segment:电机外壳") in _rels(merged, RelType.EQUIPS)
    expected = {"stage": "上游", "level": 2, "parent": "漆包线", "origin": "模板", "source": "模板"}
    assert {key: after["漆包铜线"][key] for key in expected} == expected
    assert after["马达检测"]["basis_source"] == "测试资料"
    chains = {n.name: n.properties for n in merged.nodes if n.label == NodeLabel.CHAIN}
    assert chains["微电机配件"]["origin"] == "模板"
    members = {r.start for r in merged.relationships if r.type == RelType.BELONGS_TO and r.end == "chain:微电机配件"}
    assert "segment:漆包铜线" in members and "segment:微电机" not in members, "规划环节的产业链归属以规划为准"


def _has(problems: list[str], where: str, words: str) -> bool:
    return any(p.startswith(where) and words in p for p in problems)


def test_shape_errors_name_file_and_line(tmp_path: Path) -> None:
    problems = _problems(tmp_path, "shape")
    where = "seed/templates/坏格式.yaml 第 {} 行"
    assert _has(problems, where.format(4), "未知字段"), problems
    assert _has(problems, where.format(6), "segments.0.reason：缺少必填字段"), problems
    assert _has(problems, where.format(11), "必须用 parent"), problems
    assert _has(problems, where.format(18), "取值不在允许范围内"), problems
    assert _has(problems, where.format(22), "必须用 source 写明资料名称"), problems


def test_rule_errors_name_file_and_line(tmp_path: Path) -> None:
    problems = _problems(tmp_path, "rules")
    where = "seed/templates/甲.yaml 第 {} 行"
    duplicate = "“漆包线”在模板库中重复定义（另见 seed/templates/乙.yaml 第 4 行）"
    assert _has(problems, where.format(5), duplicate), problems
    assert _has(problems, where.format(13), "上级环节“铜材”在模板库和规划种子中都未定义"), problems
    assert _has(problems, where.format(25), "上级环节“漆包铜线”必须是一级环节"), problems
    assert _has(problems, where.format(41), "引用了未定义的环节“空心电机”"), problems
    assert _has(problems, where.format(29), "环节“绝缘纸”没有下游"), problems
    assert _has(problems, where.format(45), "产业链“不存在的链”"), problems
    assert _has(problems, "seed/templates/甲.yaml：", "产业链“小电机”的模板只有 5 个环节"), problems
    assert not _has(problems, where.format(17), "没有下游"), "有上级下游的二级环节不是死胡同"
