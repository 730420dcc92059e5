"""`chainkg extract` turns a plan into a draft seed that `chainkg load --seed` loads, every fact quoted."""

from __future__ import annotations

import json
from pathlib import Path

import yaml
from cli_runs import chainkg

from loaders.extract.draft import extract_facts, write_draft

FIXTURE_PLAN = Path(__file__).parent / "fixtures" / "other_seed" / "plan" / "示例市制造业发展规划.txt"
SHIPPED_PLAN = Path(__file__).parent.parent / "seed" / "plan" / "yongzhou-industry-plan-2021-2025.txt"


def test_a_plan_the_rules_were_not_written_on_gives_a_loadable_quoted_draft(tmp_path: Path) -> None:
    draft, data = tmp_path / "草稿", tmp_path / "data"
    extracted = chainkg("extract", str(FIXTURE_PLAN), "-o", str(draft), data_dir=data)
    assert extracted.returncode == 0, extracted.stderr
    loaded = chainkg("load", "--seed", str(draft), "--reset", data_dir=data)
    assert loaded.returncode == 0, loaded.stderr
    gaps = {
        row["segment"]: row["status"] for row in json.loads(chainkg("gaps", "--format", "json", data_dir=data).stdout)
    }
    assert gaps["注塑件"] == gaps["钣金件"] == "missing"
    assert gaps["压缩机"] == gaps["电控板"] == "to_introduce"
    assert gaps["换热器"] == "weak"
    facts = json.loads((draft / "extraction.json").read_text(encoding="utf-8"))["facts"]
    assert facts and all(f["quote"] and f["rule"] and 0 < f["confidence"] <= 1 and f["section"] for f in facts)
    park = next(f for f in facts if f["kind"] == "park")
    assert (park["name"], park["data"]["main"], park["data"]["special"]) == ("示例高新区", "智能家电", "新材料")


def test_the_shipped_plan_gives_every_park_target_and_indicator() -> None:
    found = extract_facts(SHIPPED_PLAN)
    indicators = {f.name: f.data for f in found.facts if f.kind == "indicator"}
    assert len(indicators) == 24
    assert indicators["规模工业增加值"]["value_2020"] == 550 and indicators["规模工业增加值"]["target_2025"] == 700
    assert indicators["新增规模以上工业企业"]["qualifier"] == "≥"
    assert {f.name for f in found.facts if f.kind == "park"} >= {"祁阳高新区", "江华高新区", "江永产业开发区"}


def test_a_plan_item_is_placed_on_a_library_keyword_but_not_on_the_generic_drug_word(tmp_path: Path) -> None:
    """中成药 is a keyword of 中成药制造; 药品 is a keyword of 化学药品 only as an item a firm makes, and as a plan
    item names every kind of drug, so it stays a new segment for the reviewer."""
    plan = tmp_path / "规划.txt"
    text = FIXTURE_PLAN.read_text(encoding="utf-8").replace("钣金件等环节缺乏", "钣金件、药品、中成药等环节缺乏")
    plan.write_text(text, encoding="utf-8")
    write_draft(extract_facts(plan), plan, tmp_path / "草稿")
    draft = yaml.safe_load((tmp_path / "草稿" / "chains" / "草稿.yaml").read_text(encoding="utf-8"))
    names = {segment["name"] for segment in draft["segments"]}
    assert {"中成药制造", "药品"} <= names and "化学药品" not in names


def test_an_unknown_file_type_is_refused_in_one_chinese_line(tmp_path: Path) -> None:
    plan = tmp_path / "规划.rtf"
    plan.write_text("{\\rtf1}", encoding="utf-8")
    result = chainkg("extract", str(plan), "-o", str(tmp_path / "out"), data_dir=tmp_path / "data")
    assert result.returncode == 1 and "不支持的规划文件类型" in result.stderr


def test_measured_recall_and_precision_do_not_regress() -> None:
    from bench_extract import score

    figures = score()
    assert figures["plan_statuses"]["recall"] >= 0.94 and figures["plan_statuses"]["precision"] >= 0.94
    assert figures["chains"]["recall"] >= 0.92 and figures["chains"]["precision"] == 1.0
    assert figures["enterprises"]["recall"] >= 0.6 and figures["enterprises"]["precision"] >= 0.88
    assert figures["projects"]["recall"] >= 0.38 and figures["projects"]["precision"] >= 0.79
    for kind in ("parks", "indicators"):
        assert figures[kind]["recall"] == figures[kind]["precision"] == 1.0, kind
