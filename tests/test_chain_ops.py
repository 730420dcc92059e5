"""供需对接, 风险清单 and 延链 rules, one row per rule, on tiny hand-built chains in a real embedded store."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest
from chain_ops_graph import Firm, Seg, Tiny

from graph.embedded import EmbeddedStore
from graph.model import GraphData, Node, NodeLabel, Relationship, RelType, node_id
from graph.store import GraphStore, NotFound
from graph.vocabulary import ReviewState
from loaders.review import record_review
from queries.opportunities import FAR, NEAR, opportunities
from queries.review import link_key, tie_key
from queries.risk import SHARES_BY_CAPITAL, SHARES_EQUAL, herfindahl, risk
from queries.supply import HAS_LOCAL, NO_LOCAL, NOT_COUNTED, PLAN_ONLY, chain_supply, enterprise_supply

JIA, YI = Firm("甲厂", 100), Firm("乙厂", 300)
SUPPLY_CHAIN = Tiny(
    segments=[
        Seg("原料", firms=(JIA,), stage="上游"),
        Seg("辅料", stage="上游"),
        Seg("落后产能", plan_status="eliminated", firms=(Firm("旧厂"),)),
        Seg("磁材", plan_status="strong", stage="上游"),
        Seg("外链投入", chains=("乙链",)),
        Seg("部件", firms=(JIA, YI)),
        Seg("候选在此", firms=(Firm("外地厂", locality="candidate", province="广东省"),)),
    ],
    links=[
        ("原料", "部件", "规划"),
        ("辅料", "部件", "行业常识"),
        ("落后产能", "部件", "规划"),
        ("磁材", "部件", "模板"),
        ("外链投入", "部件", "行业常识"),
    ],
)


def _store(tmp_path: Path, tiny: Tiny) -> EmbeddedStore:
    store = EmbeddedStore(tmp_path / "data")
    store.write(tiny.graph())
    return store


def _reject(store: EmbeddedStore, start: str, end: str, state: ReviewState = ReviewState.REJECTED) -> None:
    key = link_key(node_id(NodeLabel.SEGMENT, start), node_id(NodeLabel.SEGMENT, end))
    record_review(store, key, state, "测试审阅人")


@pytest.mark.parametrize(
    ("input_", "local", "count", "suppliers", "basis"),
    [
        ("原料", HAS_LOCAL, 1, ["甲厂"], "规划原文"),
        ("辅料", NO_LOCAL, 0, [], "行业常识判断"),
        ("落后产能", NOT_COUNTED, 1, ["旧厂"], "规划原文"),
        ("磁材", PLAN_ONLY, None, [], "模板判断"),
        ("外链投入", NO_LOCAL, 0, [], "行业常识判断"),
    ],
)
def test_each_input_says_who_supplies_it_locally_and_on_what_basis(
    tmp_path: Path, input_: str, local: str, count: int | None, suppliers: list[str], basis: str
) -> None:
    match = chain_supply(_store(tmp_path, SUPPLY_CHAIN), "甲链")
    row = next(r for r in match.rows if r.input == input_)
    assert (row.segment, row.local, row.local_supplier_count, row.local_suppliers, row.basis_words) == (
        "部件",
        local,
        count,
        suppliers,
        basis,
    )


def test_chain_rate_counts_each_input_once_and_leaves_eliminated_capacity_out(tmp_path: Path) -> None:
    match = chain_supply(_store(tmp_path, SUPPLY_CHAIN), "甲链")
    assert (match.inputs, match.local_inputs, match.local_rate) == (4, 2, 0.5)
    assert [e.input for e in match.external] == ["外链投入", "辅料"]
    assert all(e.needed_by == ["部件"] and "targets --gap" in e.next_step for e in match.external)
    assert "4 种投入中 2 种有本地供应商" in match.explanation and "1 种投入为规划认定已淘汰" in match.explanation
    assert [r.enterprise for r in match.enterprises] == ["乙厂", "甲厂", "旧厂"]  # lowest rate first, unknown last
    rates = {r.enterprise: r for r in match.enterprises}
    assert rates["旧厂"].local_rate is None
    assert rates["乙厂"].local_rate == 0.5 and rates["乙厂"].external == ["外链投入", "辅料"]


@pytest.mark.parametrize(
    ("rejected", "unreviewed_out", "inputs", "rate"),
    [
        ((), False, 4, 0.5),
        ((("辅料", "部件"),), False, 3, 0.667),
        ((("原料", "部件"),), False, 3, 0.333),
        ((), True, 1, 1.0),
    ],
)
def test_review_decides_which_links_count(
    tmp_path: Path, rejected: tuple[tuple[str, str], ...], unreviewed_out: bool, inputs: int, rate: float
) -> None:
    store = _store(tmp_path, SUPPLY_CHAIN)
    for start, end in rejected:
        _reject(store, start, end)
    match = chain_supply(store, "甲链", confirmed_only=unreviewed_out)
    assert (match.inputs, match.local_rate) == (inputs, rate)


def test_a_confirmed_judgement_counts_when_only_confirmed_judgement_is_used(tmp_path: Path) -> None:
    store = _store(tmp_path, SUPPLY_CHAIN)
    _reject(store, "辅料", "部件", ReviewState.CONFIRMED)
    match = chain_supply(store, "甲链", confirmed_only=True)
    assert (match.inputs, match.local_rate) == (2, 0.5)


def test_an_enterprise_sees_itself_among_the_suppliers(tmp_path: Path) -> None:
    match = enterprise_supply(_store(tmp_path, SUPPLY_CHAIN), "甲厂")
    assert match.kind == "企业" and match.segments == ["原料", "部件"]
    assert next(r for r in match.rows if r.input == "原料").local_suppliers == ["甲厂（本企业）"]
    assert match.local_rate == 0.5


@pytest.mark.parametrize(
    ("call", "says"),
    [
        (lambda s: enterprise_supply(s, "外地厂"), "不是本地企业"),
        (lambda s: enterprise_supply(s, "没有这家"), "找不到企业"),
        (lambda s: chain_supply(s, "没有这条链"), "找不到产业链"),
        (lambda s: risk(s, "没有这条链"), "找不到产业链"),
        (lambda s: opportunities(s, "没有这条链"), "找不到产业链"),
    ],
)
def test_unknown_names_are_refused(tmp_path: Path, call: Callable[[GraphStore], object], says: str) -> None:
    with pytest.raises(NotFound, match=says):
        call(_store(tmp_path, SUPPLY_CHAIN))


def test_a_chain_without_inputs_has_an_unknown_rate(tmp_path: Path) -> None:
    match = chain_supply(_store(tmp_path, Tiny([Seg("独立", firms=(JIA,))])), "甲链")
    assert match.local_rate is None and "未知" in match.explanation


@pytest.mark.parametrize(
    ("capitals", "hhi", "basis"),
    [
        ([100.0], 10000.0, SHARES_BY_CAPITAL),
        ([None], 10000.0, SHARES_EQUAL),
        ([100.0, 300.0], 6250.0, SHARES_BY_CAPITAL),
        ([100.0, None], 5000.0, SHARES_EQUAL),
        ([100.0, 100.0, 100.0, 100.0], 2500.0, SHARES_BY_CAPITAL),
        ([0.0, 100.0], 5000.0, SHARES_EQUAL),
    ],
)
def test_herfindahl_uses_size_only_where_every_size_is_known(
    capitals: list[float | None], hhi: float, basis: str
) -> None:
    sized = Counter(c for c in capitals if c)
    assert herfindahl(len(capitals), sized) == (hhi, basis)


RISK_CHAIN = Tiny(
    segments=[
        Seg("铜材", firms=(Firm("外地铜业", locality="candidate", province="江西省"),), stage="上游"),
        Seg("线圈", firms=(Firm("甲线圈", 100), Firm("乙线圈", 300))),
        Seg("电机", firms=(Firm("丙电机"),)),
        Seg("整机", stage="下游"),
        Seg("闲置"),
        Seg("淘汰段", plan_status="eliminated", firms=(Firm("旧厂"),)),
    ],
    links=[
        ("铜材", "线圈", "规划"),
        ("线圈", "电机", "规划"),
        ("电机", "整机", "行业常识"),
        ("淘汰段", "电机", "规划"),
    ],
)


@pytest.mark.parametrize(
    ("segment", "rank", "local", "single", "downstream", "below_firms", "substitutes", "hhi", "reason"),
    [
        ("电机", 1, 1, True, 1, 0, 0, 10000.0, "单一来源：本地只有“丙电机”一家"),
        ("铜材", 2, 0, False, 3, 3, 1, None, "本地没有供应商"),
        ("线圈", 3, 2, False, 2, 1, 0, 6250.0, "本地 2 家供应商，集中度 HHI 6250（按注册资本计算份额），高度集中"),
    ],
)
def test_risk_list_ranks_with_reasons(
    tmp_path: Path,
    segment: str,
    rank: int,
    local: int,
    single: bool,
    downstream: int,
    below_firms: int,
    substitutes: int,
    hhi: float | None,
    reason: str,
) -> None:
    rows = {r.segment: r for r in risk(_store(tmp_path, RISK_CHAIN), "甲链")}
    assert set(rows) == {"电机", "铜材", "线圈"}  # nothing local depends on 整机 or 闲置; 淘汰段 is ruled out
    row = rows[segment]
    got = (row.rank, row.local_suppliers, row.single_source, row.downstream_segments, row.downstream_enterprises)
    assert got == (rank, local, single, downstream, below_firms)
    assert (row.substitutes, row.hhi) == (substitutes, hhi)
    assert row.reasons[0].startswith(reason)
    assert any("候选企业库" in r for r in row.reasons)


def test_substitutes_are_counted_by_province(tmp_path: Path) -> None:
    row = next(r for r in risk(_store(tmp_path, RISK_CHAIN)) if r.segment == "铜材")
    assert row.substitute_provinces == {"江西省": 1}
    assert "候选企业库中只有 1 家可替代企业：江西省 1 家" in row.reasons


def test_one_aggregate_read_counts_local_firms_sizes_and_outside_candidates(tmp_path: Path) -> None:
    firms = (
        Firm("乙厂", 100),
        Firm("甲厂", 100),
        Firm("丙厂"),
        Firm("外省甲", locality="candidate", province="江西省"),
        Firm("本市候选", locality="candidate", city="永州市"),
    )
    store = _store(tmp_path, Tiny([Seg("线圈", firms=firms), Seg("空")]))
    aggregates = store.segment_aggregates()
    coil = aggregates[node_id(NodeLabel.SEGMENT, "线圈")]
    assert (coil.local, coil.local_names, coil.local_capitals) == (3, ["丙厂", "乙厂", "甲厂"], {100.0: 2})
    assert coil.substitutes == {"江西省": 1}  # a candidate registered in Yongzhou is no outside substitute
    assert aggregates[node_id(NodeLabel.SEGMENT, "空")].local == 0


def test_a_rejected_name_inferred_tie_leaves_the_risk_figures(tmp_path: Path) -> None:
    store = _store(tmp_path, RISK_CHAIN)
    eid, sid = node_id(NodeLabel.ENTERPRISE, "丁线圈"), node_id(NodeLabel.SEGMENT, "线圈")
    firm = Node(id=eid, label=NodeLabel.ENTERPRISE, properties={"name": "丁线圈", "locality": "local"})
    tie = Relationship(type=RelType.OPERATES_IN, start=eid, end=sid, properties={"basis": "名称推断"})
    store.write(GraphData(nodes=[firm], relationships=[tie]))
    assert next(r for r in risk(store, "甲链") if r.segment == "线圈").local_suppliers == 3
    record_review(store, tie_key(eid, sid), ReviewState.REJECTED, "测试审阅人")
    row = next(r for r in risk(store, "甲链") if r.segment == "线圈")
    assert (row.local_suppliers, row.local_sample, row.hhi) == (2, ["乙线圈", "甲线圈"], 6250.0)


STRONG, PRESENT = Seg("强", plan_status="strong"), Seg("有", plan_status="present")
SINGLE, GONE = Seg("单", firms=(Firm("单厂"),)), Seg("淘", plan_status="eliminated")


@pytest.mark.parametrize(
    ("target", "up", "down", "expected"),
    [
        (Seg("新"), [STRONG], [Seg("未")], (NEAR, 0.5)),
        (Seg("新"), [PRESENT], [Seg("未1"), Seg("未2")], (FAR, 0.333)),
        (Seg("新", plan_status="missing"), [], [STRONG], (NEAR, 1.0)),
        (Seg("新"), [STRONG, GONE], [], (NEAR, 1.0)),
        (Seg("新"), [SINGLE], [], None),
        (Seg("新", plan_status="eliminated"), [STRONG], [], None),
        (Seg("新", firms=(Firm("甲"), Firm("乙"))), [STRONG], [], None),
    ],
)
def test_opportunity_density_and_distance(
    tmp_path: Path, target: Seg, up: list[Seg], down: list[Seg], expected: tuple[str, float] | None
) -> None:
    links = [(u.name, target.name, "规划") for u in up] + [(target.name, d.name, "规划") for d in down]
    rows = {r.segment: r for r in opportunities(_store(tmp_path, Tiny([target, *up, *down], links)), "甲链")}
    if expected is None:
        assert target.name not in rows
        return
    assert (rows[target.name].distance, rows[target.name].density) == expected
    assert "关联密度" in rows[target.name].explanation


def test_a_rejected_link_is_no_neighbour(tmp_path: Path) -> None:
    store = _store(tmp_path, Tiny([Seg("新"), STRONG], [("强", "新", "行业常识")]))
    assert [r.segment for r in opportunities(store)] == ["新"]
    _reject(store, "强", "新")
    assert opportunities(store) == []
