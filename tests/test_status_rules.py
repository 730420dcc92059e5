"""The status and severity rules, one row per rule, on small hand-built segment profiles (no seed, no store)."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from graph.model import NODE_LABEL_NAMES, REL_TYPE_NAMES, NodeLabel, RelType
from graph.store import SegmentProfile
from graph.vocabulary import GAP_STATUSES, PRESENT_STATUSES, PlanStatus, Status
from queries.gaps import SegmentStatus, statuses_of
from queries.health import coverage


def _profile(
    name: str = "甲",
    plan: PlanStatus | None = None,
    local: int = 0,
    small: int = 0,
    downstream: tuple[str, ...] = (),
    chains: tuple[str, ...] = ("链一",),
) -> SegmentProfile:
    """A segment with `local` local enterprises of which the first `small` are small."""
    enterprises = [f"enterprise:{name}{i}" for i in range(local)]
    return SegmentProfile(
        id=f"segment:{name}",
        name=name,
        stage="中游",
        chains=list(chains),
        plan_status=plan.value if plan else None,
        evidence=[],
        status_evidence=[],
        local_enterprises=enterprises,
        small_enterprises=enterprises[:small],
        downstream=[f"segment:{d}" for d in downstream],
    )


def _downstream(names: tuple[str, ...], local: int = 0) -> list[SegmentProfile]:
    return [_profile(name, local=local) for name in names]


def _one(
    profile: SegmentProfile, *others: SegmentProfile, filled: tuple[str, ...] = (), without: int = 0
) -> SegmentStatus:
    """`profile`'s row when the rules run over it and `others`, minus its first `without` enterprises."""
    gone = profile.local_enterprises[:without]
    rows = statuses_of([profile, *others], filled=filled, without=gone)
    return next(r for r in rows if r.segment_id == profile.id)


@pytest.mark.parametrize(
    ("plan", "local", "small", "expected"),
    [
        (None, 0, 0, Status.UNKNOWN),
        (PlanStatus.PRESENT, 0, 0, Status.COVERED),
        (PlanStatus.STRONG, 0, 0, Status.STRONG),
        (PlanStatus.MISSING, 0, 0, Status.MISSING),
        (PlanStatus.TO_INTRODUCE, 0, 0, Status.TO_INTRODUCE),
        (PlanStatus.WEAK, 0, 0, Status.WEAK),
        (PlanStatus.ELIMINATED, 0, 0, Status.ELIMINATED),
        (PlanStatus.ELIMINATED, 2, 0, Status.ELIMINATED),
        (None, 1, 0, Status.SINGLE),
        (None, 2, 0, Status.COVERED),
        (None, 2, 1, Status.COVERED),
        (None, 2, 2, Status.WEAK),
        (None, 1, 1, Status.WEAK),
        (PlanStatus.WEAK, 3, 0, Status.WEAK),
        (PlanStatus.STRONG, 1, 0, Status.STRONG),
        (PlanStatus.STRONG, 2, 2, Status.STRONG),
        (PlanStatus.PRESENT, 1, 0, Status.SINGLE),
        (PlanStatus.MISSING, 1, 0, Status.SINGLE),
        (PlanStatus.TO_INTRODUCE, 2, 0, Status.COVERED),
    ],
)
def test_status_from_plan_and_local_enterprises(
    plan: PlanStatus | None, local: int, small: int, expected: Status
) -> None:
    row = _one(_profile(plan=plan, local=local, small=small))
    assert row.status == expected
    assert row.status_label == expected.label


@pytest.mark.parametrize(
    ("plan", "local", "without", "expected"),
    [
        (PlanStatus.STRONG, 1, 1, Status.MISSING),
        (PlanStatus.PRESENT, 2, 2, Status.MISSING),
        (PlanStatus.PRESENT, 2, 1, Status.SINGLE),
        (PlanStatus.STRONG, 3, 1, Status.COVERED),
        (PlanStatus.WEAK, 2, 1, Status.WEAK),
        (PlanStatus.TO_INTRODUCE, 1, 1, Status.MISSING),
        (PlanStatus.ELIMINATED, 1, 1, Status.ELIMINATED),
    ],
)
def test_status_after_enterprises_leave(plan: PlanStatus, local: int, without: int, expected: Status) -> None:
    assert _one(_profile(plan=plan, local=local), without=without).status == expected


@pytest.mark.parametrize(
    ("plan", "expected"),
    [
        (PlanStatus.MISSING, Status.COVERED),
        (PlanStatus.TO_INTRODUCE, Status.COVERED),
        (None, Status.COVERED),
        (PlanStatus.ELIMINATED, Status.ELIMINATED),
    ],
)
def test_what_if_filled(plan: PlanStatus | None, expected: Status) -> None:
    assert _one(_profile(plan=plan), filled=("甲",)).status == expected


def test_missing_and_to_introduce_are_different_gaps_with_different_words_and_colours() -> None:
    missing = _one(_profile(plan=PlanStatus.MISSING))
    wanted = _one(_profile(plan=PlanStatus.TO_INTRODUCE))
    assert {missing.status, wanted.status} <= GAP_STATUSES
    assert (missing.status_label, wanted.status_label) == ("缺失", "待引进")
    assert Status.MISSING.colour != Status.TO_INTRODUCE.colour
    assert missing.reasons[0] == "规划明确指出该环节缺乏"
    assert wanted.reasons[0] == "规划要求引进该环节的企业或项目"


@pytest.mark.parametrize("status", [Status.STRONG, Status.COVERED, Status.ELIMINATED, Status.UNKNOWN])
def test_statuses_that_are_not_gaps_carry_no_severity(status: Status) -> None:
    plan = {Status.STRONG: PlanStatus.STRONG, Status.ELIMINATED: PlanStatus.ELIMINATED}.get(status)
    local = 2 if status == Status.COVERED else 0
    row = _one(_profile(plan=plan, local=local), *_downstream(("乙",), local=3))
    assert row.status == status and status not in GAP_STATUSES
    assert (row.severity, row.reasons) == (0.0, [])


@pytest.mark.parametrize(
    ("plan", "local", "small", "severity"),
    [
        (None, 1, 0, 20 + 3),  # single point, one chain (15 × 1/5)
        (None, 1, 1, 30 + 3),  # weak: its only enterprise is small
        (PlanStatus.WEAK, 0, 0, 30 + 10 + 3),
        (PlanStatus.TO_INTRODUCE, 0, 0, 35 + 10 + 3),
        (PlanStatus.MISSING, 0, 0, 40 + 10 + 3),
        (PlanStatus.MISSING, 1, 0, 20 + 10 + 3),  # declared missing, now a single point
    ],
)
def test_severity_status_and_declaration_parts(
    plan: PlanStatus | None, local: int, small: int, severity: float
) -> None:
    assert _one(_profile(plan=plan, local=local, small=small)).severity == severity


@pytest.mark.parametrize(("count", "part"), [(1, 25 / 15), (3, 5.0), (15, 25.0), (30, 25.0)])
def test_severity_downstream_reach_part(count: int, part: float) -> None:
    names = tuple(f"下{i}" for i in range(count))
    row = _one(_profile(plan=PlanStatus.MISSING, downstream=names), *_downstream(names))
    assert row.severity == round(40 + 10 + 3 + part, 1)
    assert f"下游 {count} 个环节依赖它" in row.reasons[-1]
    assert row.reasons[-1].endswith(" 等") == (count > 5)


@pytest.mark.parametrize(("count", "part"), [(1, 3.0), (2, 6.0), (5, 15.0), (8, 15.0)])
def test_severity_chains_served_part(count: int, part: float) -> None:
    chains = tuple(f"链{i}" for i in range(count))
    row = _one(_profile(plan=PlanStatus.MISSING, chains=chains))
    assert row.severity == 40 + 10 + part
    assert any(r.startswith(f"同时服务 {count} 条产业链") for r in row.reasons) == (count > 1)


@pytest.mark.parametrize(("enterprises", "part"), [(0, 0.0), (4, 2.0), (20, 10.0), (40, 10.0)])
def test_severity_downstream_enterprises_part(enterprises: int, part: float) -> None:
    row = _one(_profile(plan=PlanStatus.MISSING, downstream=("乙",)), *_downstream(("乙",), local=enterprises))
    assert row.severity == round(40 + 10 + 3 + 25 / 15 + part, 1)
    assert row.downstream_enterprises == enterprises
    assert any(f"下游环节共有 {enterprises} 家本地企业" in r for r in row.reasons) == (enterprises > 0)


@pytest.mark.parametrize(
    ("plan", "local", "small", "without", "reason"),
    [
        (None, 0, 0, 0, None),
        (PlanStatus.MISSING, 0, 0, 0, "本地企业库中没有该环节的企业"),
        (PlanStatus.STRONG, 2, 0, 2, "本地的 2 家企业全部流失"),
        (None, 1, 0, 0, "只有 1 家本地企业，一旦流失即断链"),
        (None, 3, 3, 0, "本地 3 家企业均为小微企业"),
        (PlanStatus.WEAK, 2, 0, 0, "规划编制时认定为缺口，现已有 2 家本地企业"),
    ],
)
def test_severity_reasons_say_why(
    plan: PlanStatus | None, local: int, small: int, without: int, reason: str | None
) -> None:
    row = _one(_profile(plan=plan, local=local, small=small), without=without)
    if reason is None:
        assert row.status == Status.UNKNOWN and not row.reasons
    else:
        assert reason in row.reasons, row.reasons


def test_coverage_counts_presence_and_leaves_eliminated_capacity_out() -> None:
    profiles = [
        _profile("甲", PlanStatus.STRONG),
        _profile("乙", local=1),
        _profile("丙", PlanStatus.MISSING),
        _profile("丁", PlanStatus.TO_INTRODUCE),
        _profile("戊", PlanStatus.ELIMINATED),
    ]
    rows = statuses_of(profiles)
    assert [r.status in PRESENT_STATUSES for r in rows] == [True, True, False, False, False]
    assert coverage(rows) == 0.5
    assert coverage(rows[:4]) == coverage(rows)


def test_every_node_and_relationship_kind_has_a_chinese_name() -> None:
    assert set(NODE_LABEL_NAMES) == set(NodeLabel) and set(REL_TYPE_NAMES) == set(RelType)


def test_the_theme_colour_is_no_status_colour() -> None:
    theme = tomllib.loads((Path(__file__).resolve().parent.parent / ".streamlit" / "config.toml").read_text("utf-8"))
    assert theme["theme"]["primaryColor"].lower() not in {s.colour.lower() for s in Status}, "主题色不能被读成某种状态"
