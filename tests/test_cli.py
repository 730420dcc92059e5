"""The `chainkg` command as a user runs it: a real process, a real data directory."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import networkx as nx
import openpyxl
import pytest
from cli_runs import chainkg

from present.tables import FORMATS

CHAINKG = str(Path(sys.executable).parent / "chainkg")


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("cli")
    result = chainkg("load", data_dir=path)
    assert result.returncode == 0, result.stderr
    assert "已加载" in result.stdout
    return path


def test_load_twice_changes_nothing(data_dir: Path) -> None:
    before = chainkg("export", "--format", "json", data_dir=data_dir).stdout
    assert chainkg("load", data_dir=data_dir).returncode == 0
    assert chainkg("export", "--format", "json", data_dir=data_dir).stdout == before


def test_stats_json(data_dir: Path) -> None:
    stats = json.loads(chainkg("stats", "--format", "json", data_dir=data_dir).stdout)
    assert stats["backend"] == "embedded"
    assert stats["nodes"]["Enterprise"] > 4600
    chains = {c["name"]: c for c in stats["chains"]}
    assert chains["电机"]["segments"] >= 10


def test_export_json_is_readable_chinese(data_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "电机.json"
    result = chainkg("export", "--format", "json", "--chain", "电机", "-o", str(out), data_dir=data_dir)
    assert result.returncode == 0, result.stderr
    text = out.read_text(encoding="utf-8")
    assert "电机外壳" in text and "\\u" not in text
    payload = json.loads(text)
    ids = {n["id"] for n in payload["nodes"]}
    assert {"segment:电镀/表面处理", "segment:步进电机", "enterprise:科力尔电机"} <= ids
    assert all(set(n) == {"id", "labels", "properties"} for n in payload["nodes"])
    assert all(set(r) == {"type", "start", "end", "properties"} for r in payload["relationships"])


def test_export_graphml_opens_in_networkx(data_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "g.graphml"
    result = chainkg("export", "--format", "graphml", "--chain", "锰系新材料", "-o", str(out), data_dir=data_dir)
    assert result.returncode == 0, result.stderr
    graph = nx.read_graphml(out)
    assert any(attrs.get("name") == "电解锰" for _, attrs in graph.nodes(data=True))


def test_export_round_trips(data_dir: Path, tmp_path: Path) -> None:
    first = tmp_path / "first.json"
    assert chainkg("export", "-o", str(first), data_dir=data_dir).returncode == 0
    other = tmp_path / "other"
    assert chainkg("load", "--from-json", str(first), data_dir=other).returncode == 0
    second = tmp_path / "second.json"
    assert chainkg("export", "-o", str(second), data_dir=other).returncode == 0
    assert first.read_text(encoding="utf-8") == second.read_text(encoding="utf-8")


def test_unknown_chain_is_a_clear_error(data_dir: Path) -> None:
    result = chainkg("export", "--chain", "火星采矿", data_dir=data_dir)
    assert result.returncode == 1
    assert "找不到产业链“火星采矿”" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.neo4j
def test_every_command_works_on_neo4j(neo4j_store: object, tmp_path: Path) -> None:
    env = {**os.environ, "CHAINKG_BACKEND": "neo4j"}

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([CHAINKG, *args], capture_output=True, text=True, env=env, timeout=600)

    loaded = run("load", "--reset")
    assert loaded.returncode == 0, loaded.stderr
    stats = json.loads(run("stats", "--format", "json").stdout)
    assert stats["backend"] == "neo4j"
    assert {c["name"] for c in stats["chains"]} >= {"电机", "新型显示器件", "锰系新材料", "植物提取", "轻纺箱包制鞋"}
    out = tmp_path / "电机.graphml"
    assert run("export", "--format", "graphml", "--chain", "电机", "-o", str(out)).returncode == 0
    assert nx.read_graphml(out).number_of_nodes() > 10


def test_neo4j_down_is_one_readable_message(tmp_path: Path) -> None:
    env = {**os.environ, "NEO4J_URI": "bolt://127.0.0.1:9", "NEO4J_PASSWORD": "x" * 8}
    result = subprocess.run(
        [CHAINKG, "--backend", "neo4j", "stats"], capture_output=True, text=True, env=env, timeout=120
    )
    assert result.returncode == 1
    assert "无法连接 Neo4j" in result.stderr
    assert "Traceback" not in result.stderr


def test_gaps_json_rows_carry_reasons_and_evidence(data_dir: Path) -> None:
    rows = json.loads(chainkg("gaps", "--chain", "电机", "--format", "json", data_dir=data_dir).stdout)
    assert rows[0]["segment"] in {"电镀/表面处理", "模具"}
    for row in rows:
        assert {"segment", "chains", "status", "severity", "reasons", "evidence"} <= set(row)
        assert row["evidence"] and {"section", "quote"} == set(row["evidence"][0])


def test_targets_json_and_excel(data_dir: Path, tmp_path: Path) -> None:
    result = chainkg("targets", "--gap", "模具", "--limit", "3", "--format", "json", data_dir=data_dir)
    found = json.loads(result.stdout)
    assert 0 < len(found["targets"]) <= 3
    assert {"name", "score", "province", "city", "reasons"} <= set(found["targets"][0])
    book = tmp_path / "targets.xlsx"
    assert chainkg("targets", "--gap", "模具", "--format", "xlsx", "-o", str(book), data_dir=data_dir).returncode == 0
    sheet = openpyxl.load_workbook(book)["模具"]  # the same workbook as the app's download
    assert str(sheet.cell(1, 1).value).startswith("招商目标（缺口环节：模具；导出日期 ")
    header = [c.value for c in sheet[2]]
    assert header[0] == "企业" and sheet.max_row > 2
    for title in ("企业全称", "统一社会信用代码", "法定代表人", "电话", "邮箱", "官网", "线索状态"):
        assert title in header
    assert str(sheet.cell(sheet.max_row, 1).value).startswith("说明：从 ")
    assert chainkg("gaps", "--format", "xlsx", data_dir=data_dir).returncode == 2


ANALYSES = {
    "gaps": ("gaps",),
    "gaps-chain": ("gaps", "--chain", "电机"),
    "health": ("health",),
    "health-chain": ("health", "--chain", "电机"),
    "targets": ("targets", "--gap", "模具", "--limit", "5"),
    "whatif": ("whatif", "--fill", "电镀/表面处理,模具"),
    "impact": ("impact", "科力尔电机", "--chain", "电机"),
    "supply-chain": ("supply", "--chain", "电机"),
    "supply-firm": ("supply", "科力尔电机"),
    "supply-all": ("supply",),
    "risk": ("risk", "--chain", "电机"),
    "opportunities": ("opportunities", "--chain", "电机"),
    "review-list": ("review", "list", "--chain", "电机"),
    "lead-list": ("lead", "list"),
}
"""Every command the README lists with `--format`, as a user writes it."""


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("args", ANALYSES.values(), ids=ANALYSES.keys())
def test_every_analysis_command_writes_every_format(
    data_dir: Path, tmp_path: Path, args: tuple[str, ...], fmt: str
) -> None:
    out = tmp_path / f"out.{fmt}"
    result = chainkg(*args, "--format", fmt, "-o", str(out), data_dir=data_dir)
    assert result.returncode == 0, result.stderr
    raw = out.read_bytes()
    if fmt == "json":
        assert isinstance(json.loads(raw), list | dict)
    elif fmt == "csv":
        assert raw.startswith("\ufeff".encode())
    elif fmt == "xlsx":
        assert openpyxl.load_workbook(out).sheetnames
    else:
        assert raw.decode("utf-8").strip()


def test_report_escapes_html_and_neutralises_formulas(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    assert chainkg("load", data_dir=data_dir).returncode == 0
    hostile = {
        "nodes": [
            {
                "id": "enterprise:test:hostile",
                "labels": ["Enterprise"],
                "properties": {
                    "name": "<script>alert(1)</script><img src=x onerror=alert(2)>",
                    "role": '=HYPERLINK("http://example.invalid","点我")',
                    "locality": "local",
                    "source": "导入",
                },
            }
        ],
        "relationships": [
            {"type": "OPERATES_IN", "start": "enterprise:test:hostile", "end": "segment:模具", "properties": {}}
        ],
    }
    payload = tmp_path / "hostile.json"
    payload.write_text(json.dumps(hostile, ensure_ascii=False), encoding="utf-8")
    assert chainkg("load", "--from-json", str(payload), data_dir=data_dir).returncode == 0
    out = tmp_path / "report"
    result = chainkg("report", "--chain", "电机", "-o", str(out), data_dir=data_dir)
    assert result.returncode == 0, result.stderr
    page = (out / "电机产业链报告.html").read_text(encoding="utf-8")
    assert "<script>" not in page and "<img" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert not re.search(r"(src|href)\s*=\s*[\"']?(https?:)?//", page), "报告不得引用任何外部资源"
    sheet = openpyxl.load_workbook(out / "电机产业链报告.xlsx")["重点企业"]
    roles = [row[2] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert '\'=HYPERLINK("http://example.invalid","点我")' in roles
