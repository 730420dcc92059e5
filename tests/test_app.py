"""Every page runs without an exception and shows what its users came for (streamlit AppTest)."""

from __future__ import annotations

import math
import re
import shutil
from collections.abc import Callable, Iterator
from html.parser import HTMLParser
from io import BytesIO
from pathlib import Path

import pandas as pd
import pytest
import streamlit as st
from app_runs import APP_TIMEOUT_SECONDS, EDITOR_PASSWORD
from openpyxl import load_workbook
from streamlit.testing.v1 import AppTest

from graph.embedded import EmbeddedStore
from graph.model import GraphData, Node, NodeLabel, Relationship, RelType
from graph.neo4j_store import Neo4jStore
from loaders.importing import apply_import
from loaders.load import load_all
from loaders.synthetic import synthetic_enterprises
from present.report import render_report, report_sheets
from present.tables import PAGE_ROWS
from queries.report_data import report_data
from queries.scenarios import impact_candidates
from queries.supply import chain_supply
from ui import common
from ui.access import SERVER_FAILURES, SESSION_FAILURES
from ui.chain_ops import supply_workbook
from ui.common import FIRMS_LISTED

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def app_env(loaded_store: EmbeddedStore, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CHAINKG_DATA_DIR", str(loaded_store.data_dir))
    monkeypatch.setenv("CHAINKG_BACKEND", "embedded")
    monkeypatch.chdir(ROOT)


def _shown(markdown: str) -> str:
    """What a person reads: Markdown source without its backslash escapes."""
    return re.sub(r"\\(.)", r"\1", markdown)


class _TableReader(HTMLParser):
    """The plain HTML tables of a page (ui.common.small_table) as a person reads them: each cell's text, and the
    filled share of each bar."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: list[list[list[str]]] = []
        self.fills: list[list[str]] = []
        self._cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table":
            self.tables.append([])
            self.fills.append([])
        elif tag == "tr":
            self.tables[-1].append([])
        elif tag in ("td", "th"):
            self._cell = []
        elif tag == "span" and ("class", "fill") in attrs:
            self.fills[-1].append(dict(attrs).get("style") or "")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self._cell is not None:
            self.tables[-1][-1].append("".join(self._cell))
            self._cell = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)


def _read_tables(app: AppTest) -> _TableReader:
    reader = _TableReader()
    for element in app.html:
        reader.feed(element.value)
    return reader


def _tables(app: AppTest) -> list[pd.DataFrame]:
    """The page's plain HTML tables, in page order, as text frames with their headers."""
    return [pd.DataFrame(rows[1:], columns=rows[0]) for rows in _read_tables(app).tables]


def _page(name: str) -> AppTest:
    app = AppTest.from_file(str(ROOT / "ui" / f"{name}.py"), default_timeout=APP_TIMEOUT_SECONDS).run()
    assert not app.exception, app.exception
    return app


def test_first_start_loads_the_seed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CHAINKG_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("CHAINKG_BACKEND", "embedded")
    monkeypatch.chdir(ROOT)
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=APP_TIMEOUT_SECONDS).run()
    assert not app.exception, app.exception
    assert "embedded" in app.sidebar.markdown[1].value
    assert (tmp_path / "graph.json").exists()
    loading = app.status[0]
    assert loading.label.startswith("规划数据已加载（用时") and loading.state == "complete", "首次启动应显示加载进度"
    assert [b.text for b in loading.children.values() if b.type == "progress"] == ["完成"]
    again = AppTest.from_file(str(ROOT / "app.py"), default_timeout=APP_TIMEOUT_SECONDS).run()
    assert not again.status, "数据已加载后不再显示进度"


@pytest.mark.usefixtures("app_env")
def test_overview_lists_every_chain_with_gaps() -> None:
    app = _page("overview")
    frame, shared = _tables(app)[:2]
    assert {"电机", "新型显示器件", "锰系新材料", "植物提取", "轻纺箱包制鞋"} <= set(frame["产业链"])
    assert "电镀/表面处理" in set(shared["环节"])


@pytest.mark.usefixtures("app_env")
def test_the_chain_in_focus_is_shared_by_pages_and_kept_in_the_url() -> None:
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=APP_TIMEOUT_SECONDS)
    app.query_params["chain"] = "锰系新材料"
    app.run()
    app.switch_page("ui/chain_map.py").run()
    assert app.selectbox(key="map-chain").value == "锰系新材料", "链接里的 ?chain= 决定打开哪条产业链"
    app.selectbox(key="map-chain").set_value("植物提取").run()
    assert app.query_params["chain"] == "植物提取", "所选产业链写进网址，便于收藏和转发"
    app.switch_page("ui/weak_links.py").run()
    assert not app.exception
    assert app.selectbox(key="gaps-chain").value == "植物提取", "换页后仍是同一条产业链"
    app.selectbox(key="gaps-chain").set_value("全部").run()
    assert "chain" not in app.query_params
    app.switch_page("ui/chain_map.py").run()
    assert app.selectbox(key="map-chain").value == "电机", "“全部”不是一条链：图谱页回到默认产业链"


@pytest.mark.usefixtures("app_env")
def test_a_rerun_with_the_url_from_before_a_pick_keeps_the_pick() -> None:
    """On a busy server the browser can send another rerun (a chart's event, a second click) before it has
    applied the URL that the pick wrote; that rerun still carries the old ?chain= and ?gap=."""
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=APP_TIMEOUT_SECONDS)
    app.query_params["chain"] = "电机"
    app.query_params["gap"] = "铸造件"
    app.run()
    app.switch_page("ui/workspace.py").run()
    app.selectbox(key="workspace-gap").set_value("模具").run()
    app.query_params["gap"] = "铸造件"
    app.run()
    assert not app.exception
    assert app.selectbox(key="workspace-gap").value == "模具", "旧网址的重新运行不会把刚选的缺口改回去"
    assert app.query_params["gap"] == "模具"
    app.selectbox(key="workspace-chain").set_value("锰系新材料").run()
    app.query_params["chain"] = "电机"
    app.run()
    assert app.selectbox(key="workspace-chain").value == "锰系新材料", "旧网址的重新运行不会把刚选的产业链改回去"
    app.switch_page("ui/chain_map.py").run()
    assert app.selectbox(key="map-chain").value == "锰系新材料"
    app.query_params["chain"] = "植物提取"  # a link to another page that names its chain
    app.switch_page("ui/workspace.py").run()
    assert app.selectbox(key="workspace-chain").value == "植物提取", "打开页面的链接里的 ?chain= 仍以网址为准"


def _card_page(kind: str, name: str) -> AppTest:
    """The card page opened by a link naming `kind` (segment or enterprise) `name`."""
    app = AppTest.from_file(str(ROOT / "ui" / "cards.py"), default_timeout=APP_TIMEOUT_SECONDS)
    app.query_params[kind] = name
    app.run()
    assert not app.exception
    return app


@pytest.mark.usefixtures("app_env")
def test_card_page_opens_the_segment_or_firm_named_in_the_url() -> None:
    app = _card_page("segment", "模具")
    assert app.header[0].value == "环节：模具"
    assert any("横河模具" in m.value for m in app.markdown)
    app = _card_page("enterprise", "科力尔电机")
    assert app.header[0].value == "企业：科力尔电机"
    assert any("步进电机：优势 → 缺失" in _shown(m.value) for m in app.markdown)
    app.text_input(key="card-enterprise").set_value("九恒").run()
    assert any("是否要找" in _shown(w.value) and "九恒数码" in _shown(w.value) for w in app.warning)


@pytest.mark.usefixtures("app_env")
def test_a_mistyped_segment_in_a_card_link_is_named_with_the_closest_not_swapped_for_another() -> None:
    app = _card_page("segment", "模局")
    assert not app.header, "链接里的环节不存在时不应打开另一个环节"
    assert [_shown(w.value) for w in app.warning] == ["找不到环节“模局”。是否要找：模具？"]
    assert app.query_params["segment"] == "模局", "网址不应被改写成另一个环节"
    assert app.selectbox(key="card-segment").value is None
    app.selectbox(key="card-segment").set_value("模具").run()
    assert app.header[0].value == "环节：模具" and not app.warning
    assert app.query_params["segment"] == "模具"


def test_the_import_check_is_done_once_per_file_and_store_version(
    loaded_store: EmbeddedStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copy(loaded_store.path, tmp_path / "graph.json")
    monkeypatch.setenv("CHAINKG_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("CHAINKG_BACKEND", "embedded")
    raw = "企业名称,经营范围\n湘南精密模具有限公司,模具制造\n".encode()
    config = common.settings()
    first = common.cached_import_plan(config, "名录.csv", raw, "candidate", False)
    assert [r.action for r in first.rows] == ["新增"]
    assert common.cached_import_plan(config, "名录.csv", raw, "candidate", False).rows == first.rows
    apply_import(EmbeddedStore(tmp_path), first)
    again = common.cached_import_plan(config, "名录.csv", raw, "candidate", False)
    assert [r.action for r in again.rows] == ["不变"], "写入后存储版本变了，检查结果不再沿用旧的"


@pytest.mark.usefixtures("app_env")
def test_overview_bars_gap_counts_and_coverage_most_gaps_first() -> None:
    app = _page("overview")
    tables = _tables(app)
    frame = tables[0]
    counts = [0 if gaps in ("", "—") else len(str(gaps).split("；")) for gaps in frame["缺口环节"]]
    assert list(frame["缺口数"]) == [str(c) for c in counts], "缺口数是所列缺口环节的个数，写成整数"
    assert counts == sorted(counts, reverse=True), "缺口多的产业链在上"
    red = [f"width:{round(100 * c / max(counts))}%;background:#d32f2f" for c in counts]
    fills = _read_tables(app).fills[0]
    assert [f for f in fills if "#d32f2f" in f] == red, "红条长短与缺口数成比例"
    coverage = [c for c in frame["本地覆盖率"] if c]
    assert coverage and all(re.fullmatch(r"\d{1,3}(\.\d{1,2})?%", c) for c in coverage), "覆盖率以百分比显示"
    assert len([f for f in fills if "#2e7d32" in f]) == len(coverage), "每个覆盖率有一根绿条"
    cells = tables[2].to_numpy().ravel().tolist()
    assert cells and "None" not in cells and "nan" not in cells


@pytest.mark.usefixtures("app_env")
def test_chain_map_highlights_missing_links() -> None:
    app = _page("chain_map")
    assert app.selectbox(key="map-chain").value == "电机"
    assert "电镀/表面处理" in _shown(app.error[0].value) and "模具" in _shown(app.error[0].value)
    assert not app.dataframe, "环节明细收起时不画表"
    app.session_state["map-details"] = True
    app.run()
    assert "电镀/表面处理" in set(app.dataframe[0].value["环节"]), "打开环节明细才画"
    app.radio(key="map-view").set_value("全景图").run()
    assert not app.exception
    places = app.selectbox(key="map-place-电机")
    offered = ["全部", "零陵产业开发区（园区，1 个环节）", "零陵区（县市区，1 个环节）"]
    assert places.options == offered, "只列出有数据的地点"
    places.set_value("零陵产业开发区").run()
    assert not app.exception and not app.info, [i.value for i in app.info]
    app.selectbox(key="map-chain").set_value("锰系新材料").run()
    assert app.selectbox(key="map-place-锰系新材料").options == ["全部"]
    assert any("还没有落到具体园区" in c.value for c in app.caption)


@pytest.mark.usefixtures("app_env")
def test_weak_links_for_a_chain_without_gaps_says_why_and_offers_no_empty_download() -> None:
    app = _page("weak_links")
    app.selectbox(key="gaps-chain").set_value("锰系新材料").run()
    assert not app.exception
    assert any("目前没有缺口环节" in i.value for i in app.info), [i.value for i in app.info]
    assert not [b for b in app.get("download_button") if "缺口清单" in b.proto.label]
    assert all("严重度" not in table.columns for table in _tables(app)), "不显示空的缺口表"


@pytest.mark.usefixtures("app_env")
def test_weak_links_table_and_impact() -> None:
    app = _page("weak_links")
    assert _tables(app)[0]["环节"].iloc[0] in {"电镀/表面处理", "模具"}
    assert not app.dataframe and "impact-enterprise" not in [s.key for s in app.selectbox], "一次只画所选的一张清单"
    app.segmented_control(key="gaps-view").set_value("影响分析").run()
    offered = set(app.selectbox(key="impact-enterprise").options)
    assert "科力尔电机" in offered and not {"国家能源集团", "温氏集团", "铁塔公司"} & offered
    app.selectbox(key="gaps-chain").set_value("电机").run()
    assert "华为" not in app.selectbox(key="impact-enterprise").options, "只列出所选产业链的本地企业"
    app.button(key="impact-run").click().run()
    assert not app.exception
    assert "步进电机" in set(_tables(app)[-1]["环节"])
    assert any("迁出或停产（电机）" in _shown(m.value) for m in app.markdown), "影响分析按所选产业链统计"


def test_the_impact_picker_over_many_firms_lists_part_and_filters_by_name(
    app_store: EmbeddedStore, seed_graph: GraphData
) -> None:
    """Thousands of local firms (100,000 enterprises hold ~30,000) are not all put in the select box: it lists the
    first FIRMS_LISTED by name, says how many there are, and a filter box finds any of them."""
    app_store.write(synthetic_enterprises(seed_graph, 4000))
    app = _page("weak_links")
    app.segmented_control(key="gaps-view").set_value("影响分析").run()
    offered = app.selectbox(key="impact-enterprise").options
    everyone = impact_candidates(app_store)
    assert len(everyone) > FIRMS_LISTED and offered == everyone[:FIRMS_LISTED]
    assert any(f"共 {len(everyone)} 家" in c.value for c in app.caption)
    wanted = everyone[-1]
    app.text_input(key="impact-enterprise-filter").input(wanted).run()
    assert not app.exception
    assert wanted in app.selectbox(key="impact-enterprise").options, "筛选后应能选到排在最后的企业"
    app.selectbox(key="impact-enterprise").set_value(wanted).run()
    app.button(key="impact-run").click().run()
    assert not app.exception
    assert any(f"假设“{wanted}”迁出或停产" in _shown(m.value) for m in app.markdown)
    app.text_input(key="impact-enterprise-filter").input("不存在的企业名").run()
    assert not app.exception
    assert any("没有名称含“不存在的企业名”的企业" in _shown(i.value) for i in app.info)
    assert "impact-run" not in [b.key for b in app.button], "没有可选的企业时不显示“分析影响”"


def test_supply_pages_many_firms_rates_orders_the_whole_list_and_downloads_all(
    app_store: EmbeddedStore, seed_graph: GraphData
) -> None:
    """供需对接's per-firm table over thousands of local firms (7,000 in 电机 at 100,000 enterprises): PAGE_ROWS a
    page, lowest rate first; the second page holds the next rows, 排序 orders the whole list (not only the rows
    shown), and the Excel download keeps every firm."""
    app_store.write(synthetic_enterprises(seed_graph, 10_000))
    everyone = chain_supply(app_store, "电机").enterprises
    assert len(everyone) > 2 * PAGE_ROWS
    app = _page("supply")
    assert not app.dataframe, "打开时的投入表是纯 HTML 表"
    app.segmented_control(key="supply-list").set_value("各企业本地配套率").run()
    assert len(app.dataframe) == 1, "一次只画所选的一张清单"
    assert not app.exception
    shown = app.dataframe[0].value
    assert list(shown["企业"]) == [row.enterprise for row in everyone[:PAGE_ROWS]]
    rates = [row.local_rate for row in everyone[:PAGE_ROWS]]
    assert shown["本地配套率"].dtype.kind == "f", "本地配套率一列只有数字（未知为空），不混入文字"
    assert [None if math.isnan(r) else r for r in shown["本地配套率"]] == rates
    assert any(f"共 {len(everyone):,} 家" in c.value and f"第 1–{PAGE_ROWS} 家" in c.value for c in app.caption)
    app.selectbox(key="supply-firms-page").set_value(2).run()
    second = app.dataframe[0].value
    assert list(second["企业"]) == [row.enterprise for row in everyone[PAGE_ROWS : 2 * PAGE_ROWS]]
    assert any(f"第 {PAGE_ROWS + 1}–{2 * PAGE_ROWS} 家" in c.value for c in app.caption)
    app.selectbox(key="supply-firms-sort").set_value("企业").run()
    app.toggle(key="supply-firms-reverse").set_value(True).run()
    assert app.selectbox(key="supply-firms-page").value == 1, "换了排序从第一页看起"
    by_name = sorted((row.enterprise for row in everyone), reverse=True)
    assert list(app.dataframe[0].value["企业"]) == by_name[:PAGE_ROWS], "排序作用于整张清单，不只是本页"
    assert any("供需对接清单" in b.proto.label for b in app.get("download_button"))
    book = load_workbook(BytesIO(supply_workbook("电机", None, False)), read_only=True)
    assert len(list(book["企业本地配套率"].iter_rows(values_only=True))) == len(everyone) + 1, "Excel 含全部企业"


def test_workspace_pages_many_local_firms_and_the_report_keeps_them_all(
    app_store: EmbeddedStore, seed_graph: GraphData
) -> None:
    """产业链工作台's local firms (7,105 in 电机 at 100,000 enterprises), picked among the page's lists: PAGE_ROWS a
    page by name, the second page the next ones, 排序 over the whole list; the report's Excel keeps every firm."""
    app_store.write(synthetic_enterprises(seed_graph, 10_000))
    everyone = [firm.name for firm in report_data(app_store, "电机").enterprises]
    assert len(everyone) > 2 * PAGE_ROWS
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=APP_TIMEOUT_SECONDS)
    app.query_params["chain"] = "电机"
    app.run()
    app.switch_page("ui/workspace.py").run()
    assert not app.exception
    assert not app.dataframe, "打开时不画交互表格：重点项目是纯 HTML 表，风险清单与本地企业点一下才画"
    app.segmented_control(key="workspace-list").set_value("风险清单").run()
    assert len(app.dataframe) == 1 and "风险分" in app.dataframe[0].value.columns
    app.segmented_control(key="workspace-list").set_value("本地企业").run()
    assert not app.exception
    assert list(app.dataframe[0].value["企业"]) == everyone[:PAGE_ROWS]
    assert any(f"共 {len(everyone):,} 家" in c.value for c in app.caption)
    app.selectbox(key="workspace-firms-page").set_value(2).run()
    assert list(app.dataframe[0].value["企业"]) == everyone[PAGE_ROWS : 2 * PAGE_ROWS], "第二页是第 101–200 家"
    app.selectbox(key="workspace-firms-sort").set_value("环节").run()
    segments = sorted(row["环节"] for row in report_sheets(report_data(app_store, "电机"))["重点企业"])
    assert list(app.dataframe[0].value["环节"]) == segments[:PAGE_ROWS], "排序作用于整张清单，不只是本页"
    app.segmented_control(key="workspace-list").set_value("重点项目").run()
    assert not app.dataframe and any("项目" in t.columns for t in _tables(app))
    book = load_workbook(BytesIO(render_report(report_data(app_store, "电机")).workbook), read_only=True)
    assert len(list(book["重点企业"].iter_rows(values_only=True))) == len(everyone) + 1, "报告的 Excel 含全部企业"


@pytest.mark.usefixtures("app_env")
def test_targets_for_motor_gaps_say_when_the_pool_has_none() -> None:
    app = _page("targeting")
    app.multiselect(key="targets-gaps").set_value(["模具", "电镀/表面处理"]).run()
    assert not app.exception
    assert "横河模具" in set(app.dataframe[0].value["企业"])
    assert any("没有与“电镀/表面处理”匹配" in _shown(w.value) for w in app.warning)


@pytest.mark.usefixtures("app_env")
def test_explore_and_data_pages() -> None:
    app = _page("explore")
    assert "Neo4j 后端提供" in app.info[-1].value
    central = _tables(app)[0]
    assert list(central.columns) == ["环节", "所属链数", "上游环节数", "下游环节数", "中介中心度"]
    assert 0 < len(central) <= 30 and central["中介中心度"].map(float).is_monotonic_decreasing, "关键环节按中心度排列"
    data = _page("data")
    assert any("liuhuanyong/ChainKnowledgeGraph" in m.value for m in data.markdown), "数据来源须写明候选企业库出处"
    assert "内置存储（embedded）" in data.markdown[0].value
    node_kinds, rel_kinds = (set(frame.iloc[:, 0]) for frame in _tables(data)[:2])
    assert {"环节", "企业", "规划原文"} <= node_kinds and {"供应（上游→下游）", "企业经营环节"} <= rel_kinds
    assert not re.search("[A-Za-z]", "".join(node_kinds | rel_kinds)), "类型名称用中文"


@pytest.mark.usefixtures("app_env")
def test_explore_offers_suggestions_and_a_choice() -> None:
    app = _page("explore")
    english = [m.value for m in app.markdown if re.search(r"[A-Za-z]+ [A-Za-z]+ [A-Za-z]+", m.value)]
    assert not english, f"页面上出现了英文句子：{english}"
    app.text_input(key="explore-search").set_value("电机壳").run()
    assert any("您是不是要找" in w.value for w in app.warning)
    app.button(key="explore-search-try-0").click().run()
    assert app.text_input(key="explore-search").value == "电机外壳"
    app.text_input(key="explore-search").set_value("电机").run()
    choice = app.selectbox(key="explore-search-choice")
    assert len(choice.options) > 1 and "产业链：电机" in choice.options


@pytest.mark.usefixtures("app_env")
def test_explore_says_when_the_neighbourhood_was_cut_and_lets_the_cap_rise() -> None:
    app = _page("explore")
    app.slider(key="explore-hops").set_value(2).run()
    notice = next(i.value for i in app.info if "只显示了离它最近的" in i.value)
    counted = re.search(r"共有 (\d+) 个节点", notice)
    assert counted is not None, notice
    total = int(counted.group(1))
    assert "可调高“最多显示节点数”" in notice
    app.number_input(key="explore-cap").set_value(total).run()
    assert not any("只显示了离它最近的" in i.value for i in app.info)


@pytest.mark.usefixtures("app_env")
def test_explore_path_uses_supply_links_unless_asked() -> None:
    app = _page("explore")
    app.text_input(key="path-start").set_value("模具").run()
    app.text_input(key="path-end").set_value("步进电机").run()
    assert any(_shown(m.value) == "模具 → 电机外壳 → 步进电机" for m in app.markdown)
    app.checkbox(key="path-all").check().run()
    assert any("环节属于产业链" in _shown(m.value) for m in app.markdown)


@pytest.mark.parametrize(
    ("uri", "says"),
    [
        ("bolt://127.0.0.1:9", "无法连接 Neo4j"),
        ("http://127.0.0.1:7474", "NEO4J_URI“http://127.0.0.1:7474”无效：应以 bolt://"),
    ],
)
def test_neo4j_problems_are_said_plainly(uri: str, says: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CHAINKG_BACKEND", "neo4j")
    monkeypatch.setenv("NEO4J_URI", uri)
    monkeypatch.setenv("NEO4J_PASSWORD", "x" * 8)
    monkeypatch.chdir(ROOT)
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=APP_TIMEOUT_SECONDS).run()
    assert not app.exception
    assert says in _shown(app.error[0].value)


@pytest.fixture
def neo4j_app_env(neo4j_store: Neo4jStore, monkeypatch: pytest.MonkeyPatch) -> Neo4jStore:
    neo4j_store.clear()
    load_all(neo4j_store)
    monkeypatch.setenv("CHAINKG_BACKEND", "neo4j")
    monkeypatch.chdir(ROOT)
    return neo4j_store


NEO4J_PAGES: dict[str, tuple[str, Callable[[AppTest], bool]]] = {
    "overview": ("总览", lambda app: "电机" in set(_tables(app)[0]["产业链"])),
    "chain_map": ("产业链图谱", lambda app: "电镀/表面处理" in _shown(app.error[0].value)),
    "weak_links": ("薄弱环节", lambda app: _tables(app)[0]["环节"].iloc[0] in {"电镀/表面处理", "模具"}),
    "targeting": ("招商目标", lambda app: not app.error and len(app.dataframe) > 0),
    "leads": ("招商线索", lambda app: any("还没有招商线索" in i.value for i in app.info)),
    "data": ("数据管理", lambda app: any("liuhuanyong" in m.value for m in app.markdown)),
    "cards": ("环节与企业卡片", lambda app: app.header[0].value == "环节：电机外壳"),
}


@pytest.mark.neo4j
@pytest.mark.parametrize("page", sorted(NEO4J_PAGES))
def test_pages_work_on_neo4j(neo4j_app_env: Neo4jStore, page: str) -> None:
    """Each page shows its title and the data it is for, read from the real Neo4j server."""
    title, shows_its_data = NEO4J_PAGES[page]
    app = _page(page)
    assert app.title[0].value == title
    assert shows_its_data(app), page


@pytest.mark.neo4j
@pytest.mark.parametrize(
    "attempt",
    [
        "CREATE (n:Segment {id: 'segment:入侵', name: '入侵'})",
        "match (n) detach delete n",
        "MATCH (n:Segment) /* 只是看看 */ SeT n.name = '被改'",
        "MATCH (n) WHERE n.name = 'x' RETURN n // ok\nMERGE (m:Segment {id: 'segment:m'})",
        "MATCH (n) RETURN n; MATCH (m) DELETE m",
        "CALL { MATCH (n) DETACH DELETE n } IN TRANSACTIONS",
        "LOAD CSV FROM 'file:///etc/passwd' AS row RETURN row",
    ],
)
def test_cypher_console_refuses_writes(neo4j_app_env: Neo4jStore, attempt: str) -> None:
    before = neo4j_app_env.counts()
    app = _page("explore")
    app.text_area(key="cypher-text").set_value(attempt).run()
    app.button(key="cypher-run").click().run()
    assert not app.exception
    assert any("不允许" in e.value or "只能执行一条" in e.value for e in app.error), [e.value for e in app.error]
    assert neo4j_app_env.counts() == before


@pytest.mark.neo4j
def test_cypher_console_answers_reads(neo4j_app_env: Neo4jStore) -> None:
    app = _page("explore")
    app.button(key="cypher-run").click().run()
    assert not app.exception and not app.error
    assert "电机外壳" in set(app.dataframe[-1].value.iloc[:, 0])
    rows = neo4j_app_env.read_only_query("MATCH (s:Segment {name: 'CREATE'}) RETURN count(s) AS n").rows
    assert rows == [{"n": 0}], "字符串里的关键字不应阻止只读查询"


@pytest.mark.usefixtures("app_env")
def test_data_page_is_read_only_without_editor_configuration(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CHAINKG_EDITOR_PASSWORD", raising=False)
    app = _page("data")
    assert any("网页当前为只读" in i.value for i in app.info)
    assert not app.get("file_uploader")


@pytest.fixture
def fresh_login_limits() -> Iterator[None]:
    """The server-wide count of wrong passwords lives as long as the process: start and leave it empty."""
    st.cache_resource.clear()
    yield
    st.cache_resource.clear()


@pytest.mark.usefixtures("app_env")
@pytest.mark.parametrize("blank", ["", " ", " \t　"])
def test_a_blank_editor_password_is_not_configured(blank: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CHAINKG_EDITOR_PASSWORD", blank)
    app = _page("data")
    assert any("网页当前为只读" in i.value for i in app.info)
    assert not app.get("text_input") and not app.get("file_uploader")


def _log_in(app: AppTest, password: str) -> AppTest:
    app.text_input(key="editor-password").set_value(password)
    app.button(key="editor-login").click().run()
    assert not app.exception, app.exception
    return app


@pytest.mark.usefixtures("app_env", "fresh_login_limits")
def test_wrong_passwords_lock_the_session(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CHAINKG_EDITOR_PASSWORD", EDITOR_PASSWORD)
    app = _page("data")
    for attempt in range(1, SESSION_FAILURES + 1):
        errors = [e.value for e in _log_in(app, f"猜测{attempt}").error]
        assert any("口令不正确" in e for e in errors), errors
    assert any("登录已暂停" in e for e in errors), errors
    errors = [e.value for e in _log_in(app, EDITOR_PASSWORD).error]
    assert any("登录已暂停" in e for e in errors), errors
    assert not app.get("file_uploader"), "暂停期间，正确的口令也不能登录"


@pytest.mark.usefixtures("app_env", "fresh_login_limits")
def test_wrong_passwords_from_many_sessions_lock_the_server(monkeypatch: pytest.MonkeyPatch) -> None:
    """A guesser who opens a new session after each few tries is stopped too, and so is everyone else."""
    monkeypatch.setenv("CHAINKG_EDITOR_PASSWORD", EDITOR_PASSWORD)
    per_session = SESSION_FAILURES - 1
    answers: list[str] = []
    for session in range(math.ceil(SERVER_FAILURES / per_session)):
        app = _page("data")
        for attempt in range(per_session):
            answers.append(" ".join(e.value for e in _log_in(app, f"猜测{session}-{attempt}").error))
    assert all("口令不正确" in a for a in answers), answers
    assert not any("登录已暂停" in a for a in answers[: SERVER_FAILURES - 1]), "不到全站上限时不应暂停"
    newcomer = _log_in(_page("data"), EDITOR_PASSWORD)
    assert any("登录已暂停" in e.value for e in newcomer.error), [e.value for e in newcomer.error]
    assert not newcomer.get("file_uploader")


@pytest.mark.usefixtures("app_env", "fresh_login_limits")
def test_editor_password_gates_importing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CHAINKG_EDITOR_PASSWORD", EDITOR_PASSWORD)
    app = _page("data")
    assert not app.get("file_uploader")
    app.text_input(key="editor-password").set_value("错误口令")
    app.button(key="editor-login").click().run()
    assert any("口令不正确" in e.value for e in app.error)
    assert not app.get("file_uploader")
    app.text_input(key="editor-password").set_value(EDITOR_PASSWORD)
    app.button(key="editor-login").click().run()
    assert not app.exception
    assert app.get("file_uploader")


def _logged_in_data_page() -> AppTest:
    app = _page("data")
    app.text_input(key="editor-password").set_value(EDITOR_PASSWORD)
    app.button(key="editor-login").click().run()
    assert not app.exception and app.get("file_uploader")
    return app


@pytest.mark.usefixtures("app_store")
def test_the_import_page_says_what_to_do_with_too_many_rows() -> None:
    app = _logged_in_data_page()
    many = "企业名称\n" + "".join(f"测试{n:05d}精密模具有限公司\n" for n in range(50_001))
    app.file_uploader(key="import-file").upload("五万多行.csv", many.encode(), "text/csv").run()
    assert [_shown(e.value) for e in app.error] == [
        "行数过多：数据超过 50000 行（第 50002 行已超出），单次导入上限 50000 行。"
        "网页一次读入整个文件，最多 50,000 行："
        "请拆成几个不超过 50,000 行的文件分别上传；或在服务器上用命令行两遍流式导入整个文件："
        "chainkg import enterprises 文件.csv --stream（Excel 先另存为 CSV）。"
    ]


@pytest.mark.usefixtures("app_store")
def test_the_import_page_names_the_control_that_accepts_similar_names() -> None:
    app = _logged_in_data_page()
    similar = "企业名称\n湖南新金皓茶油有限公司\n".encode()
    app.file_uploader(key="import-file").upload("近似.csv", similar, "text/csv").run()
    assert any("勾选上方“名称相近的企业确认为不同企业，照常新增”" in _shown(i.value) for i in app.info)
    app.checkbox(key="import-similar").check().run()
    assert not app.exception and not app.info and not app.button(key="import-all").disabled


def test_markdown_from_data_is_escaped(
    loaded_store: EmbeddedStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copy(loaded_store.path, tmp_path / "graph.json")
    store = EmbeddedStore(tmp_path)
    hostile = "![跟踪](https://example.invalid/x.png)<img src=x onerror=alert(1)>"
    node = Node(
        id="enterprise:test:hostile", label=NodeLabel.ENTERPRISE, properties={"name": hostile, "locality": "local"}
    )
    tie = Relationship(type=RelType.OPERATES_IN, start=node.id, end="segment:模具")
    store.write(GraphData(nodes=[node], relationships=[tie]))
    monkeypatch.setenv("CHAINKG_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("CHAINKG_BACKEND", "embedded")
    monkeypatch.chdir(ROOT)
    app = _page("weak_links")
    app.segmented_control(key="gaps-view").set_value("影响分析").run()
    app.selectbox(key="impact-enterprise").set_value(hostile)
    app.button(key="impact-run").click().run()
    assert not app.exception
    text = "".join(m.value for m in app.markdown)
    assert "\\!\\[跟踪\\]" in text
    assert not re.search(r"(?<!\\)(!\[|<|\]\()", text), "数据中的 Markdown/HTML 必须转义"


@pytest.mark.usefixtures("app_env")
def test_workspace_opens_the_gap_in_the_url_and_says_why_a_chain_has_none() -> None:
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=APP_TIMEOUT_SECONDS)  # its links need the pages
    app.query_params["chain"] = "电机"
    app.query_params["gap"] = "铸造件"
    app.run()
    app.switch_page("ui/workspace.py").run()
    assert not app.exception
    assert app.selectbox(key="workspace-gap").value == "铸造件", "网址里的 ?gap= 决定打开哪个缺口"
    shown = [_shown(m.value) for m in app.markdown]
    assert any("铸造件（缺失" in m for m in shown) and any("规划明确指出该环节缺乏" in m for m in shown)
    assert any("[文灿股份](card?enterprise=" in m for m in shown), "候选企业可点开企业卡片"
    assert {"下载报告（HTML，含全景图与现状图）", "下载报告（Excel）", "下载电机产业链图谱＋清单（zip）"} <= {
        b.proto.label for b in app.get("download_button")
    }
    assert "江华高新区" in set(_tables(app)[-1]["对象"]), "规划目标含承载园区"
    app.selectbox(key="workspace-chain").set_value("锰系新材料").run()
    assert not app.exception
    assert "gap" not in app.query_params, "换产业链后旧缺口不再留在网址里"
    assert any("目前没有缺口环节" in i.value for i in app.info)


@pytest.mark.usefixtures("app_env")
def test_targets_open_on_the_gap_in_the_url_and_keep_the_choice_there() -> None:
    app = AppTest.from_file(str(ROOT / "ui" / "targeting.py"), default_timeout=APP_TIMEOUT_SECONDS)
    app.query_params["chain"] = "电机"
    app.query_params["gap"] = "铸造件"
    app.run()
    assert not app.exception
    assert app.multiselect(key="targets-gaps").value == ["铸造件"], "从工作台点来的缺口被选中"
    app.multiselect(key="targets-gaps").set_value(["模具", "铸造件"]).run()
    assert not app.exception
    assert app.multiselect(key="targets-gaps").value == ["模具", "铸造件"], "网址不会把用户的选择改回去"
    assert app.query_params["gap"] == ["模具", "铸造件"]
