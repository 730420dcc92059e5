"""`chainkg diff OLD NEW`: what a new plan changes — chains, gaps closed, still open and new, targets, indicators."""

from __future__ import annotations

import shutil
from pathlib import Path

import openpyxl
from cli_runs import chainkg

from graph.embedded import EmbeddedStore
from graph.vocabulary import LeadStatus
from loaders.leads import set_lead
from queries.targets import targets

OTHER_SEED = Path(__file__).parent / "fixtures" / "other_seed"
SHIPPED_SEED = Path(__file__).resolve().parent.parent / "seed"
SECTION = "四、发展重点 > （一）智能家电产业链"


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_diff_names_closed_open_and_new_gaps_and_changed_targets(tmp_path: Path) -> None:
    new = tmp_path / "新种子"
    shutil.copytree(OTHER_SEED, new)
    chains = new / "chains" / "智能家电.yaml"
    _edit(chains, "    plan_status: to_introduce\n", "")  # 压缩机: the new plan no longer asks for it
    _edit(
        chains,
        f'    status_evidence:\n      - {{section: "{SECTION}", quote: "引进压缩机、电控板等配套企业"}}\n',
        "",
    )
    _edit(
        chains,
        "  - name: 空调\n    stage: 下游\n    chains: [智能家电]\n",
        "  - name: 空调\n    stage: 下游\n    chains: [智能家电]\n    plan_status: weak\n"
        f'    status_evidence:\n      - {{section: "{SECTION}", quote: "重点发展空调、冰箱、洗衣机等整机产品"}}\n',
    )
    _edit(new / "parks.yaml", "value: 400", "value: 450")
    _edit(new / "indicators.yaml", "target_2025: 420", "target_2025: 480")
    book = tmp_path / "对比.xlsx"
    result = chainkg("diff", str(OTHER_SEED), str(new), "--xlsx", str(book), data_dir=tmp_path / "data")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert any("仍未补齐" in line and "注塑件" in line for line in lines)
    assert any("已不再列为缺口" in line and "压缩机" in line for line in lines)
    assert any("新缺口" in line and "空调" in line for line in lines)
    assert any("示例高新区" in line and "400" in line and "450" in line for line in lines)
    assert any("规模工业增加值" in line and "480" in line for line in lines)
    sheet = openpyxl.load_workbook(book).active
    assert sheet is not None and [c.value for c in sheet[1]] == ["类别", "变化", "名称", "原规划", "新规划"]


def test_diff_of_a_directory_without_its_plan_is_one_chinese_line(tmp_path: Path) -> None:
    broken = tmp_path / "无原文"
    shutil.copytree(OTHER_SEED, broken)
    shutil.rmtree(broken / "plan")
    result = chainkg("diff", str(OTHER_SEED), str(broken), data_dir=tmp_path / "data")
    assert result.returncode == 1 and result.stderr.startswith("错误：") and "plan/" in result.stderr


def test_diff_against_the_working_graph_shows_a_gap_a_landed_firm_filled(store: EmbeddedStore) -> None:
    """The office compares the graph it works on with a new plan: 模具 is still listed, but a landed firm fills it."""
    best = targets(store, "模具").targets[0]
    set_lead(store, best.name, "模具", owner="张三", status=LeadStatus.LANDED)
    book = store.data_dir / "对比.xlsx"
    result = chainkg("diff", "--graph", str(SHIPPED_SEED), "--xlsx", str(book), data_dir=store.data_dir)
    assert result.returncode == 0, result.stderr
    sheet = openpyxl.load_workbook(book).active
    assert sheet is not None
    rows = [[c.value for c in row] for row in sheet.iter_rows(min_row=2)]
    (mould,) = [row for row in rows if row[2] == "模具"]
    assert mould[:2] == ["缺口", "仍列为缺口，图谱显示已有本地企业"]
    assert f"图谱中本地已有企业 1 家：{best.name}" in str(mould[3])
    assert ["缺口", "仍未补齐", "铸造件"] in [row[:3] for row in rows]
    assert "仍列为缺口但图谱显示已有本地企业 1 个" in result.stderr


def test_diff_needs_one_seed_with_graph_and_two_without(store: EmbeddedStore) -> None:
    one = chainkg("diff", str(SHIPPED_SEED), data_dir=store.data_dir)
    assert one.returncode == 2 and "需要 2 个种子目录，收到 1 个" in one.stderr
    two = chainkg("diff", "--graph", str(SHIPPED_SEED), str(OTHER_SEED), data_dir=store.data_dir)
    assert two.returncode == 2 and "chainkg diff --graph 新种子目录" in two.stderr
