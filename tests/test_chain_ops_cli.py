"""`chainkg supply`, `risk` and `opportunities` as a user runs them on the real seed, in a real process."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest
from cli_runs import chainkg, loaded_data_dir


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return loaded_data_dir(tmp_path_factory, "chain-ops-cli")


def test_supply_for_a_chain_names_local_suppliers_and_outside_dependencies(data_dir: Path) -> None:
    result = chainkg("supply", "--chain", "电机", "--format", "json", data_dir=data_dir)
    assert result.returncode == 0, result.stderr
    match = json.loads(result.stdout)
    assert match["kind"] == "产业链" and match["scope"] == "电机"
    assert 0 < match["local_inputs"] < match["inputs"]
    stepper = [r for r in match["rows"] if r["input"] == "步进电机"]
    assert stepper and all(r["local_suppliers"] == ["科力尔电机"] for r in stepper)
    outside = {e["input"]: e for e in match["external"]}
    assert "电机外壳" in outside and "targets --gap 电机外壳" in outside["电机外壳"]["next_step"]
    assert {r["basis"] for r in match["rows"]} >= {"规划", "模板"}
    assert "本地配套率" in result.stderr


def test_supply_for_an_enterprise_and_for_all_chains(data_dir: Path) -> None:
    one = chainkg("supply", "科力尔电机", data_dir=data_dir)
    assert one.returncode == 0, one.stderr
    assert "| 步进电机 |" in one.stdout and one.stderr.startswith("科力尔电机：")
    every = chainkg("supply", "--format", "csv", data_dir=data_dir)
    assert every.returncode == 0, every.stderr
    assert every.stdout.startswith("\ufeff产业链,") and "\n电机," in every.stdout


def test_risk_list_is_ranked_with_reasons(data_dir: Path) -> None:
    result = chainkg("risk", "--chain", "电机", "--format", "json", data_dir=data_dir)
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)
    assert [r["rank"] for r in rows] == list(range(1, len(rows) + 1))
    assert [r["score"] for r in rows] == sorted((r["score"] for r in rows), reverse=True)
    stepper = next(r for r in rows if r["segment"] == "步进电机")
    assert stepper["single_source"] and stepper["local_sample"] == ["科力尔电机"]
    assert all(r["reasons"] for r in rows)
    assert "单一来源" in result.stderr


def test_opportunities_download_as_excel(data_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "延链.xlsx"
    result = chainkg("opportunities", "--chain", "电机", "--format", "xlsx", "-o", str(out), data_dir=data_dir)
    assert result.returncode == 0, result.stderr
    sheet = openpyxl.load_workbook(out).active
    assert sheet is not None
    header = [c.value for c in sheet[1]]
    assert header[:4] == ["排名", "环节", "远近", "关联密度"]
    rows = [dict(zip(header, (c.value for c in row), strict=True)) for row in sheet.iter_rows(min_row=2)]
    assert rows and {r["远近"] for r in rows} <= {"近", "远"}
    assert all("关联密度" in str(r["说明"]) for r in rows)
    assert "近距离" in result.stderr
