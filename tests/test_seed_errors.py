"""A mistake in a seed file is reported in Chinese with its file and line, and nothing loads."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from loaders.seed import build_seed_graph
from loaders.yaml_lines import SeedError

MINI_SEED = Path(__file__).parent / "fixtures" / "mini_seed"


@pytest.fixture
def seed_copy(tmp_path: Path) -> Path:
    target = tmp_path / "seed"
    shutil.copytree(MINI_SEED, target)
    return target


def _break(seed_dir: Path, old: str, new: str) -> None:
    path = seed_dir / "chains" / "mini.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _problems(seed_dir: Path) -> list[str]:
    with pytest.raises(SeedError) as caught:
        build_seed_graph(seed_dir)
    return caught.value.problems


def test_the_mini_seed_is_valid(seed_copy: Path) -> None:
    graph = build_seed_graph(seed_copy)
    assert {n.name for n in graph.nodes} >= {"电机", "电机外壳", "微电机", "铸造件", "江华高新区", "科力尔电机"}


def test_quote_not_in_plan_names_file_and_line(seed_copy: Path) -> None:
    _break(seed_copy, 'quote: "重点发展微电机及电机配套产业"', 'quote: "重点发展宇宙飞船产业"')
    problems = _problems(seed_copy)
    assert len(problems) == 1
    assert "mini.yaml 第 6 行" in problems[0]
    assert "引文在规划原文中找不到" in problems[0]


def test_misspelt_field_and_bad_stage(seed_copy: Path) -> None:
    _break(seed_copy, "stage: 中游", "stage: 中间")
    _break(seed_copy, "keywords: [微电机, 微特电机]", "keyword: [微电机, 微特电机]")
    problems = "\n".join(_problems(seed_copy))
    assert "segments.1.stage：取值不在允许范围内" in problems
    assert "segments.1.keyword：未知字段" in problems
    assert "segments.1.keywords：缺少必填字段" in problems


def test_link_to_undefined_segment(seed_copy: Path) -> None:
    _break(seed_copy, "to: 微电机", "to: 步进电机")
    problems = _problems(seed_copy)
    assert any("未定义的环节“步进电机”" in p and "第 38 行" in p for p in problems), problems


def test_status_without_evidence_is_refused(seed_copy: Path) -> None:
    text = (seed_copy / "chains" / "mini.yaml").read_text(encoding="utf-8")
    start = text.index("    status_evidence:", text.index("name: 电机外壳"))
    end = text.index("    keywords: [电机外壳", start)
    (seed_copy / "chains" / "mini.yaml").write_text(text[:start] + text[end:], encoding="utf-8")
    problems = _problems(seed_copy)
    assert any("status_evidence" in p for p in problems)


def test_industry_structure_link_needs_a_note(seed_copy: Path) -> None:
    _break(seed_copy, "    note: 电机外壳多为铸件\n", "")
    assert any("note" in p for p in _problems(seed_copy))


def test_yaml_syntax_error(seed_copy: Path) -> None:
    _break(seed_copy, "chains: [电机]", "chains: [电机")
    assert any("YAML 格式错误" in p and "mini.yaml" in p for p in _problems(seed_copy))


def test_quote_that_does_not_name_its_item_is_refused(seed_copy: Path) -> None:
    """A quote found in the plan but about something else (here: 微电机 quoted for 电机外壳) is caught."""
    _break(seed_copy, 'quote: "引进电机外壳等关键配件项目"', 'quote: "重点发展微电机及电机配套产业"')
    problems = _problems(seed_copy)
    assert len(problems) == 1
    assert "mini.yaml 第 14 行" in problems[0] and "引文没有提到“电机外壳”或它的别名" in problems[0]


def test_declared_alias_lets_a_quote_name_its_item(seed_copy: Path) -> None:
    path = seed_copy / "enterprises.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("    aliases: [科力尔]\n", ""), encoding="utf-8")
    problems = _problems(seed_copy)
    assert len(problems) == 1 and "enterprises.yaml 第 8 行" in problems[0] and "“科力尔电机”" in problems[0]


def _tie(seed_dir: Path, *extra: str) -> None:
    """Give 科力尔电机's tie to 微电机 the extra lines (basis, note, confidence)."""
    path = seed_dir / "enterprises.yaml"
    tie = "      - segment: 微电机\n"
    lines = "".join(f"        {line}\n" for line in extra)
    path.write_text(path.read_text(encoding="utf-8").replace(tie, tie + lines), encoding="utf-8")


@pytest.mark.parametrize(
    ("extra", "problem"),
    [
        (("basis: 名称推断",), "必须用 note 说明推断理由"),
        (("basis: 名称推断", "note: 名称含电机", "confidence: 0.9"), "置信度不能高于 0.5"),
        (("note: 名称含电机",), "只凭名称推断时请写 basis: 名称推断"),
    ],
)
def test_a_tie_only_a_name_implies_needs_a_reason_and_low_confidence(
    seed_copy: Path, extra: tuple[str, ...], problem: str
) -> None:
    _tie(seed_copy, *extra)
    assert any(problem in p for p in _problems(seed_copy))


def test_a_name_inferred_tie_is_marked_as_such(seed_copy: Path) -> None:
    _tie(seed_copy, "basis: 名称推断", "note: 名称含电机")
    graph = build_seed_graph(seed_copy)
    (tie,) = [r for r in graph.relationships if r.start == "enterprise:科力尔电机" and r.end == "segment:微电机"]
    props = tie.properties
    assert (props["basis"], props["source"], props["confidence"], props["note"]) == (
        "名称推断",
        "名称推断",
        0.3,
        "名称含电机",
    )
