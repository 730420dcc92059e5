"""Gap analysis, targets, health, what-if and impact answer the questions offices ask."""

from __future__ import annotations

import pytest

from graph.embedded import EmbeddedStore
from graph.model import GraphData, Node, NodeLabel, PropertyValue, Relationship, RelType, node_id
from graph.store import find_enterprise
from graph.vocabulary import MatchGrade, PlanStatus, Status
from loaders.matching import SegmentMatcher
from present.report import build_report
from queries.chain_map import chain_map
from queries.gaps import gaps, segment_statuses
from queries.health import health, shared_segments
from queries.scenarios import impact, impact_candidates, what_if
from queries.targets import targets


def _enterprise(store: EmbeddedStore, key: str, segment: str, locality: str = "local", **props: PropertyValue) -> None:
    eid = f"enterprise:test:{key}"
    store.write(
        GraphData(
            nodes=[Node(id=eid, label=NodeLabel.ENTERPRISE, properties={"locality": locality, **props})],
            relationships=[
                Relationship(
                    type=RelType.OPERATES_IN, start=eid, end=f"segment:{segment}", properties={"confidence": 0.9}
                )
            ],
        )
    )


def test_plan_declared_missing_links_rank_first_with_reasons_and_evidence(loaded_store: EmbeddedStore) -> None:
    rows = gaps(loaded_store)
    assert {r.segment for r in rows[:3]} == {"电镀/表面处理", "模具", "铸造件"}
    assert [r.severity for r in rows] == sorted((r.severity for r in rows), reverse=True)
    top = rows[0]
    assert top.status == "missing" and top.reasons and top.evidence
    assert any("等环节缺乏" in e.quote for e in top.evidence)
    declared = {r.segment for r in rows}
    assert {"冷链物流仓储", "玻璃基板", "电机外壳", "化学药品"} <= declared


def test_a_chain_sees_its_own_gaps_and_shared_support(loaded_store: EmbeddedStore) -> None:
    motor = [r.segment for r in gaps(loaded_store, "电机")]
    assert {"电镀/表面处理", "模具", "铸造件", "电机外壳"} <= set(motor)
    assert "纺纱" not in motor
    textile = {r.segment for r in gaps(loaded_store, "轻纺箱包制鞋")}
    assert {"纺纱", "制鞋辅材"} <= textile, "产业应包含其子链的缺口"


@pytest.mark.parametrize("segment", ["化学药品", "创新药", "仿制药", "动力电池", "电机外壳", "钻头材料与配件"])
def test_plan_asking_to_bring_in_is_not_a_lack(loaded_store: EmbeddedStore, segment: str) -> None:
    """要求引进 and 缺失 are different gaps: different words, different colours, both listed."""
    rows = {r.segment: r for r in gaps(loaded_store)}
    wanted, lacking = rows[segment], rows["电镀/表面处理"]
    assert (wanted.status, wanted.status_label) == (Status.TO_INTRODUCE, "待引进")
    assert wanted.reasons[0] == "规划要求引进该环节的企业或项目"
    assert (lacking.status, lacking.status_label) == (Status.MISSING, "缺失")
    assert lacking.reasons[0] == "规划明确指出该环节缺乏"
    assert Status(wanted.status).colour != Status(lacking.status).colour


def test_small_appliances_have_a_local_base_and_are_no_gap(loaded_store: EmbeddedStore) -> None:
    row = next(s for s in segment_statuses(loaded_store) if s.segment == "小家电")
    assert (row.plan_status, row.status) == (PlanStatus.PRESENT, Status.COVERED)
    assert "小家电" not in {r.segment for r in gaps(loaded_store, "电机")}
    (mapped,) = [s for s in chain_map(loaded_store, "电机").segments if s.segment == "小家电"]
    quotes = chain_map(loaded_store, "电机").quotes[mapped.segment_id]
    assert "江华电机产业园致力建设“马达之城，小家电之乡”" in quotes[0]
    assert any("智能空气净化器" in q for q in quotes)


def test_eliminated_capacity_is_neither_supplier_nor_gap(loaded_store: EmbeddedStore) -> None:
    row = next(s for s in segment_statuses(loaded_store) if s.segment == "富锰渣")
    assert (row.status, row.status_label, row.severity) == (Status.ELIMINATED, "已淘汰", 0.0)
    assert "富锰渣" not in {r.segment for r in gaps(loaded_store)}
    assert not loaded_store.relationships(RelType.SUPPLIES, start="segment:富锰渣")
    (manganese,) = health(loaded_store, "锰系新材料")
    assert manganese.status_counts["已淘汰"] == 1
    assert "富锰渣" not in manganese.gaps
    what = what_if(loaded_store, ["富锰渣"])
    assert what.changes == [] and what.gaps_after == what.gaps_before


def test_local_enterprise_data_moves_statuses(store: EmbeddedStore) -> None:
    _enterprise(store, "a", "玻璃基板", name="甲玻璃", registered_capital_wan=8000.0)
    row = next(r for r in gaps(store) if r.segment == "玻璃基板")
    assert row.status == "single"
    assert any("只有 1 家本地企业" in reason for reason in row.reasons)
    assert any("现已有 1 家本地企业" in reason for reason in row.reasons)
    _enterprise(store, "b", "玻璃基板", name="乙玻璃", registered_capital_wan=9000.0)
    assert "玻璃基板" not in {r.segment for r in gaps(store)}
    _enterprise(store, "c", "ITO导电玻璃", name="丙小厂", scale="小型")
    ito = next(s for s in segment_statuses(store) if s.segment == "ITO导电玻璃")
    assert ito.status == "weak"


def test_targets_are_ranked_reasoned_and_never_padded(loaded_store: EmbeddedStore) -> None:
    found = targets(loaded_store, "模具", limit=50)
    assert found.targets, found.message
    scores = [t.score for t in found.targets]
    assert scores == sorted(scores, reverse=True)
    assert all(t.reasons and "模具" in t.reasons[0] for t in found.targets)
    empty = targets(loaded_store, "电镀/表面处理")
    assert empty.targets == [] and "没有与" in empty.message and "导入" in empty.message


def test_a_headline_gap_pitch_names_the_local_firms_two_steps_down(store: EmbeddedStore) -> None:
    """No segment 模具 supplies has a local firm, but the segments those supply do: the caller can still say who in
    Yongzhou needs molds, and the kept reading follows a write two steps down."""
    pitch = targets(store, "模具").targets[0].reasons[0]
    assert "步进电机企业（科力尔电机）所用的电机外壳" in pitch and "都要用到模具，可就近配套" in pitch
    kelier = find_enterprise(store, "科力尔电机")
    assert store.delete_relationship(RelType.OPERATES_IN, kelier.id, node_id(NodeLabel.SEGMENT, "步进电机"))
    after = targets(store, "模具").targets[0].reasons[0]
    assert "科力尔电机" not in after and "要用到模具" in after
    assert after == targets(EmbeddedStore(store.data_dir), "模具").targets[0].reasons[0]


def test_targets_prefer_the_plans_regions_and_exclude_local(store: EmbeddedStore) -> None:
    for key, province, city in [("gd", "广东省", "深圳市"), ("sc", "四川省", "成都市")]:
        _enterprise(store, key, "电机外壳", "candidate", name=f"{key}电机外壳厂", province=province, city=city)
    _enterprise(store, "yz", "电机外壳", "candidate", name="永州本地机壳", province="湖南省", city="永州市")
    found = targets(store, "电机外壳")
    assert [t.name for t in found.targets] == ["gd电机外壳厂", "sc电机外壳厂"]
    assert "粤港澳大湾区" in found.targets[0].reasons[-1]
    only_sichuan = targets(store, "电机外壳", provinces=["四川省"])
    assert [t.province for t in only_sichuan.targets] == ["四川省"]


def test_a_target_also_confirmed_in_other_segments_of_the_chain_says_so(store: EmbeddedStore) -> None:
    """A caller can say "they also make our 微电机 parts": only 确认 ties to the same chain's segments count."""
    _enterprise(store, "both", "电机外壳", "candidate", name="多环节机电厂", province="广东省", city="深圳市")
    _enterprise(store, "one", "电机外壳", "candidate", name="单环节机壳厂", province="广东省", city="深圳市")
    tie: dict[str, PropertyValue] = {"confidence": 0.9}
    both = "enterprise:test:both"
    store.write(
        GraphData(
            nodes=[],
            relationships=[
                Relationship(type=RelType.OPERATES_IN, start=both, end="segment:微电机", properties=tie),
                Relationship(
                    type=RelType.OPERATES_IN,
                    start="enterprise:test:one",
                    end="segment:步进电机",
                    properties={**tie, "grade": MatchGrade.PENDING.value},
                ),
            ],
        )
    )
    found = {t.name: t.reasons for t in targets(store, "电机外壳").targets}
    assert "还做电机产业链的微电机（据企业信息与环节关键词匹配，确认级）" in found["多环节机电厂"]
    assert not [r for r in found["单环节机壳厂"] if r.startswith("还做")], "待定的关联不算"


def test_impact_of_losing_the_only_stepper_motor_maker(loaded_store: EmbeddedStore) -> None:
    scenario = impact(loaded_store, "科力尔电机")
    change = next(c for c in scenario.changes if c.segment == "步进电机")
    assert (change.before, change.after) == ("优势", "缺失")
    assert scenario.gaps_after == scenario.gaps_before + 1


def test_impact_offers_only_firms_whose_leaving_can_change_the_chosen_chain(loaded_store: EmbeddedStore) -> None:
    motor = impact_candidates(loaded_store, "电机")
    assert "科力尔电机" in motor
    everywhere = impact_candidates(loaded_store)
    named_only = {"国家能源集团", "温氏集团", "铁塔公司"}
    assert not named_only & set(everywhere), "规划只点名、未关联环节的企业迁出不改变任何环节"
    assert "华为" in everywhere and "华为" not in motor, "华为的数据中心不属于电机产业链"


def test_impact_within_a_chain_counts_that_chains_gaps_only(loaded_store: EmbeddedStore) -> None:
    whole = impact(loaded_store, "科力尔电机")
    motor = impact(loaded_store, "科力尔电机", "电机")
    (motor_health,) = health(loaded_store, "电机")
    assert motor.gaps_before == len(motor_health.gaps) < whole.gaps_before
    assert "步进电机" in {c.segment for c in motor.changes}


def test_what_if_filling_links(loaded_store: EmbeddedStore) -> None:
    scenario = what_if(loaded_store, ["电镀/表面处理", "模具"])
    assert scenario.gaps_after == scenario.gaps_before - 2
    assert scenario.coverage_after > scenario.coverage_before


def test_health_and_shared_support(loaded_store: EmbeddedStore) -> None:
    (motor,) = health(loaded_store, "电机")
    assert "步进电机" in motor.strengths and motor.gaps[0] in {"电镀/表面处理", "模具"}
    assert motor.output_target_2025 == "规划未给出"
    textile = health(loaded_store, "轻纺箱包制鞋")[0]
    assert textile.output_target_2025.startswith("500 亿元")
    shared = {s.segment: s for s in shared_segments(loaded_store)}
    assert {"新型显示器件", "电机", "电子元器件"} <= set(shared["电镀/表面处理"].chains)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("宁波横河模具股份有限公司", "segment:模具"), ("ＡＢＣ精密压铸有限公司", "segment:铸造件")],
)
def test_keyword_matching_finds_segments(loaded_store: EmbeddedStore, text: str, expected: str) -> None:
    matcher = SegmentMatcher(loaded_store.nodes(NodeLabel.SEGMENT))
    assert expected in {m.segment_id for m in matcher.match({"full_name": text})}


def test_keyword_matching_respects_chinese_word_boundaries(loaded_store: EmbeddedStore) -> None:
    matcher = SegmentMatcher(loaded_store.nodes(NodeLabel.SEGMENT))
    found = {m.segment_id for m in matcher.match({"name": "某某发电机组有限公司"})}
    assert found == {"segment:汽轮发电机"}, "发电机组属于发电设备，不属于“电机”产业链的电机环节"
    stepper = {m.segment_id for m in matcher.match({"name": "某某步进电机有限公司"})}
    assert stepper == {"segment:步进电机"}


def test_exclusion_words_veto_only_the_hits_inside_them() -> None:
    segment = Node(
        id="segment:稀土永磁材料",
        label=NodeLabel.SEGMENT,
        properties={"name": "稀土永磁材料", "keywords": ["稀土永磁", "永磁材料"], "exclude": ["永磁材料检测设备"]},
    )
    matcher = SegmentMatcher([segment])
    assert not matcher.match({"business_scope": "销售永磁材料检测设备"}), "只是检测设备，不是永磁材料"
    both = matcher.match({"business_scope": "生产永磁材料；销售永磁材料检测设备"})
    assert [m.segment_id for m in both] == ["segment:稀土永磁材料"], "别处的命中仍然有效"


def test_report_legend_and_map_colours_come_from_the_vocabulary(loaded_store: EmbeddedStore) -> None:
    page = build_report(loaded_store, "电机").html
    status_map = page[page.index("<h2>现状图</h2>") :]
    legend = status_map[: status_map.index("</svg>")]
    for status in Status:
        assert f'fill="{status.colour}"' in legend and f">{status.label}" in legend, status
    box = status_map[status_map.index('data-name="电机外壳"') :]
    assert box.index(f'fill="{Status.TO_INTRODUCE.colour}"') < box.index("</g>")
