"""`chainkg load --seed DIR` runs the whole product on another plan's seed, quoting that plan's own text."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from cli_runs import chainkg

OTHER_SEED = Path(__file__).parent / "fixtures" / "other_seed"


@pytest.fixture
def other_seed(tmp_path: Path) -> Path:
    target = tmp_path / "示例市种子"
    shutil.copytree(OTHER_SEED, target)
    return target


def test_another_plan_gives_its_gaps_targets_and_quotes(other_seed: Path, tmp_path: Path) -> None:
    data = tmp_path / "data"
    loaded = chainkg("load", "--seed", str(other_seed), "--reset", data_dir=data)
    assert loaded.returncode == 0, loaded.stderr
    gaps = json.loads(chainkg("gaps", "--format", "json", data_dir=data).stdout)
    by_segment = {row["segment"]: row for row in gaps}
    assert by_segment["注塑件"]["status"] == "missing" and by_segment["压缩机"]["status"] == "to_introduce"
    assert "注塑件、钣金件等环节缺乏" in json.dumps(by_segment["注塑件"], ensure_ascii=False)
    exported = json.loads(chainkg("export", "--format", "json", data_dir=data).stdout)
    names = {n["properties"].get("name") for n in exported["nodes"]}
    assert {"智能家电", "示例高新区", "示例电器", "示例电器智能家电产业园项目"} <= names
    assert "电机外壳" not in names, "the shipped plan's segments must not be loaded"
    park = next(n for n in exported["nodes"] if n["properties"].get("name") == "示例高新区")
    assert park["properties"]["output_target_2025"] == 400
    clauses = [n["properties"] for n in exported["nodes"] if "PlanClause" in n["labels"]]
    assert clauses and {c["document"] for c in clauses} == {"示例市制造业发展规划"}


def test_quotes_are_checked_against_the_seeds_own_plan(other_seed: Path, tmp_path: Path) -> None:
    chain_file = other_seed / "chains" / "智能家电.yaml"
    text = chain_file.read_text(encoding="utf-8")
    borrowed = text.replace("引进压缩机、电控板等配套企业", "引进电机外壳等关键配件项目", 1)
    chain_file.write_text(borrowed, encoding="utf-8")
    result = chainkg("load", "--seed", str(other_seed), data_dir=tmp_path / "data")
    assert result.returncode == 1
    assert "引文在规划原文中找不到：“引进电机外壳等关键配件项目”" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_seed_without_its_plan_text_is_refused_in_one_line(other_seed: Path, tmp_path: Path) -> None:
    shutil.rmtree(other_seed / "plan")
    result = chainkg("load", "--seed", str(other_seed), data_dir=tmp_path / "data")
    assert result.returncode == 1
    assert result.stderr.startswith("错误：") and "plan/ 文件夹中没有规划原文" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
