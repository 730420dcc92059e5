"""`chainkg package`: the 图谱+清单 package as an office gets it — real CLI process, real files, both backends."""

from __future__ import annotations

import io
import re
import zipfile
from datetime import date
from pathlib import Path

import openpyxl
import pytest
from cli_runs import chainkg
from openpyxl.worksheet.worksheet import Worksheet
from test_parity import _same, pair  # noqa: F401  (the fixture: one store of each kind, same data)

from graph.embedded import EmbeddedStore
from graph.model import GraphData, Node, NodeLabel, Relationship, RelType, node_id
from graph.store import GraphStore
from loaders.load import load_all
from present.package import build_package, package_sheets
from queries.package_data import package_data

SHEETS = ["全景图", "现状图", "区域分布图", "招商路线图", "企业", "项目", "问题", "招商", "政策"]
HOSTILE = "</td><script>alert(1)</script><img src=x onerror=alert(2)>"
DAY = date(2026, 11, 30)


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("package-data")
    assert chainkg("load", data_dir=path).returncode == 0
    return path


@pytest.fixture(scope="module")
def made(data_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str, str]:
    """The package of 电机 written by `chainkg package` on the seed: (directory, stdout, stderr)."""
    out = tmp_path_factory.mktemp("package") / "电机材料"
    result = chainkg("package", "--chain", "电机", "-o", str(out), data_dir=data_dir)
    assert result.returncode == 0, result.stderr
    return out, result.stdout, result.stderr


def _rows(sheet: Worksheet) -> list[dict[str, object]]:
    """Rows under the title row (1) and the header row (2), as {header: value}."""
    header = [str(c.value) for c in sheet[2]]
    return [dict(zip(header, (c.value for c in row), strict=True)) for row in sheet.iter_rows(min_row=3)]


def test_package_writes_a_workbook_with_every_sheet_and_dated_sourced_rows(made: tuple[Path, str, str]) -> None:
    out, stdout, _ = made
    book = openpyxl.load_workbook(out / "电机产业链图谱与清单.xlsx")
    assert set(SHEETS) <= set(book.sheetnames)
    assert "电机产业链图谱与清单" in str(book["全景图"]["A1"].value) and "生成日期" in str(book["全景图"]["A1"].value)
    for name in SHEETS:
        rows = _rows(book[name])
        assert rows, f"{name} 没有数据行"
        assert all(r["来源"] and r["时点"] for r in rows), f"{name} 有行缺少来源或时点"
    panorama = {r["环节"]: r for r in _rows(book["全景图"])}
    assert "《" not in str(panorama["步进电机"]["来源"]) and "规划" in str(panorama["步进电机"]["来源"])
    assert panorama["步进电机"]["时点"] == "2021-2025（规划期）"
    problems = _rows(book["问题"])
    mould = next(r for r in problems if r["类型"] == "缺口" and r["环节"] == "模具")
    assert "缺乏" in str(mould["规划依据"]) and mould["原因"]
    assert any(r["类型"] == "风险" and r["环节"] == "步进电机" and "科力尔电机" in str(r["原因"]) for r in problems)
    regions = {r["县市区"]: r for r in _rows(book["区域分布图"])}
    assert len(regions) == 11 and "电机" in str(regions["江华瑶族自治县"]["规划布局的产业链（一主一特）"])
    route = _rows(book["招商路线图"])
    assert any(r["缺口环节"] == "模具" and r["企业数"] for r in route)
    assert all("企业（得分，线索状态）" in r for r in route)
    policy = _rows(book["政策"])
    assert any("科力尔电机" in str(r["涉及"]) for r in policy)
    assert {r["来源"] for r in policy} == {"永州市“十四五”工业发展规划（2021-2025年）"}
    assert [r["企业"] for r in _rows(book["企业"])] == ["科力尔电机"]
    # openpyxl keeps a sheet's images in `_images`, which its stubs leave out
    images = [len(book[title]._images) for title in ("全景图", "现状图")]  # type: ignore[attr-defined]
    assert images == [1, 1], "两张图谱以图片嵌在表旁"
    assert "已生成" in stdout and "PDF" in stdout


def test_package_html_is_offline_printable_and_shows_the_gaps(made: tuple[Path, str, str]) -> None:
    out, _, _ = made
    page = (out / "电机产业链图谱与清单.html").read_text(encoding="utf-8")
    for title in SHEETS:
        assert f"<h2>{title}</h2>" in page
    assert "模具" in page and "电机外壳" in page and "示意图，非标准地图，不表示行政边界" in page
    assert page.count('src="data:image/svg+xml;base64,') == 2, "全景图与现状图嵌入为图片"
    outside = re.sub(r"data:[^\"]+", "", page)
    assert "http" not in outside, "页面不引用任何外部网址"
    assert "<script" not in page and "<link" not in page
    assert "@media print" in page and "break-before:page" in page and "Noto Sans CJK SC" in page


def test_unknown_chain_gives_a_chinese_error_and_writes_nothing(data_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "不该出现"
    result = chainkg("package", "--chain", "没有这条链", "-o", str(out), data_dir=data_dir)
    assert result.returncode == 1
    assert result.stderr.startswith("错误：找不到产业链“没有这条链”") and "Traceback" not in result.stderr
    assert not out.exists()


def test_text_from_data_is_escaped_in_the_page(tmp_path: Path) -> None:
    store = EmbeddedStore(tmp_path / "hostile")
    load_all(store)
    firm = node_id(NodeLabel.ENTERPRISE, HOSTILE)
    store.write(
        GraphData(
            nodes=[Node(id=firm, label=NodeLabel.ENTERPRISE, properties={"name": HOSTILE, "locality": "local"})],
            relationships=[
                Relationship(
                    type=RelType.OPERATES_IN, start=firm, end="segment:步进电机", properties={"confidence": 1.0}
                ),
                Relationship(type=RelType.LOCATED_IN, start=firm, end="park:江华高新区", properties={"source": "导入"}),
            ],
        )
    )
    built = build_package(store, "电机", today=DAY)
    page = built.files["电机产业链图谱与清单.html"].decode("utf-8")
    assert "<script>alert" not in page and "<img src=x" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page, "the firm is listed, as text"
    with zipfile.ZipFile(io.BytesIO(built.zip_bytes())) as archive:
        assert sorted(archive.namelist()) == sorted(built.files)


@pytest.mark.neo4j
def test_package_rows_agree_on_both_backends(pair: tuple[GraphStore, GraphStore]) -> None:  # noqa: F811
    sheets = _same(pair, lambda s: package_sheets(package_data(s, "电机", today=DAY)))
    assert all(sheets[name] for name in SHEETS)
