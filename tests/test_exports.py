"""Commercial exports (企查查/天眼查/启信宝/公示系统) import as they come, and target lists built on them rank
live firms only, flag ST/退市 firms, carry contacts, and date every figure."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest
from app_runs import APP_TIMEOUT_SECONDS
from openpyxl import Workbook, load_workbook
from openpyxl.utils import get_column_letter
from streamlit.testing.v1 import AppTest

from graph.embedded import EmbeddedStore
from graph.model import GraphData, Node, NodeLabel, Relationship, RelType
from graph.vocabulary import LeadStatus
from loaders.importing import (
    EXTRA_PREFIX,
    apply_import,
    load_exchange_rates,
    parse_capital,
    plan_import,
    read_table,
    rows_of,
    template_xlsx,
)
from loaders.leads import set_lead
from present.tables import cell_text, html_table, list_pager, page_of, sort_rows, targets_workbook
from queries.gaps import gaps
from queries.targets import is_stale, targets

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).parent / "fixtures" / "import"
QCC = "企查查导出_模具.xlsx"
GSXT = "公示系统导出_gb18030.csv"
IMPORTED_ON = dt.date(2026, 11, 20)
TODAY = dt.date(2026, 11, 30)
DEAD = ("佛山示例注销模具有限公司", "苏州示例吊销模具有限公司")


def _import(store: EmbeddedStore, name: str) -> None:
    plan = plan_import(store, name, (FIXTURES / name).read_bytes(), locality="candidate", today=IMPORTED_ON)
    assert not plan.has_errors, rows_of(plan.rows)
    apply_import(store, plan)


def test_a_title_row_export_with_two_sheets_and_a_notes_row_imports(store: EmbeddedStore) -> None:
    plan = plan_import(store, QCC, (FIXTURES / QCC).read_bytes(), locality="candidate", today=IMPORTED_ON)
    assert [(r.row, r.action) for r in plan.rows] == [(4, "新增"), (5, "新增"), (6, "新增"), (7, "新增"), (9, "略过")]
    assert "说明行" in plan.rows[-1].messages[0]
    summary = plan.summary()
    assert "读取的是含企业名称列的工作表“企业列表”" in summary
    assert "第 1 行是标题或说明（“企查查导出 企业列表 共 4 条”）" in summary
    node = plan.rows[0].node
    assert node is not None
    props = node.properties
    usd = load_exchange_rates().rates["美元"]
    assert props["registered_capital_wan"] == pytest.approx(100 * usd)
    assert props["registered_capital_text"] == "100万美元" and props["registered_capital_currency"] == "美元"
    assert props["paid_in_capital_wan"] == pytest.approx(50 * usd)
    assert props["phones"] == ["0769-81234567", "13800000001", "0769-87654321"]
    assert props["emails"] == ["mould@example.com", "sales@example.com", "hr@example.com"]
    assert (props["status"], props["legal_representative"], props["address"]) == (
        "存续",
        "张示例",
        "广东省东莞市长安镇示例路1号",
    )
    assert (props["insured_staff"], props["insured_year"]) == (85, 2023)
    assert (props["gb_class"], props["company_type"]) == ("模具制造", "有限责任公司(外国法人独资)")
    assert props[f"{EXTRA_PREFIX}微信公众号"] == "示例模具", "未识别的列要作为附加属性保留"
    assert (props["source_file"], props["imported_on"]) == (QCC, "2026-11-20")
    assert "模具（" in rows_of(plan.rows)[0]["将关联的环节"], "导入检查要说明每行将关联哪个环节及原因"


def test_contacts_reach_the_target_list_and_the_excel_download(store: EmbeddedStore) -> None:
    _import(store, QCC)
    found = targets(store, "模具", today=TODAY)
    by_name = {t.name: t for t in found.targets}
    mould = by_name["东莞示例精密模具有限公司"]
    assert mould.phones == ["0769-81234567", "13800000001", "0769-87654321"]
    assert mould.emails[0] == "mould@example.com" and mould.address == "广东省东莞市长安镇示例路1号"
    assert mould.size == "参保 85 人（2023 年报）" and mould.status == "存续"
    assert "规模分按参保 85 人（2023 年报，小型档，与企业规模一致）计：按档估分，不是财务数字" in mould.reasons
    usd = load_exchange_rates().rates["美元"]
    assert mould.capital == f"100万美元（约 {100 * usd:,.0f} 万元人民币，按 2024-12-31 汇率折算）"

    set_lead(store, "东莞示例精密模具有限公司", "模具", owner="张三", status=LeadStatus.CONTACTED)
    found = targets(store, "模具", limit=1000, today=TODAY)
    book = load_workbook(io.BytesIO(targets_workbook("电机", {"模具": found}, TODAY)))
    sheet = book["模具"]
    assert sheet["A1"].value == "电机产业链招商目标（缺口环节：模具；导出日期 2026-11-30）"
    header = [c.value for c in sheet[2]]
    for title in ("企业全称", "统一社会信用代码", "股票代码", "登记状态", "电话", "邮箱", "地址", "数据时点", "陈旧"):
        assert title in header
    assert "线索状态" in header, "下载的名单要和网页一样有线索状态，打电话前知道谁已在跟进"
    assert "注册资本" in header, "注册资本（原文与折算）要在打电话用的清单里"
    *listed, note = [row for row in sheet.iter_rows(min_row=3) if any(c.value is not None for c in row)]
    assert note[0].value == f"说明：{found.message}", "名单下方要写明排除了几家、各是什么状态"
    assert "不是存续企业，未列入（吊销 1 家、注销 1 家）" in str(note[0].value)
    rows = [dict(zip(header, (c.value for c in row), strict=True)) for row in listed]
    assert len(rows) == len(found.targets)
    assert next(r for r in rows if r["企业"] == "东莞示例精密模具有限公司")["线索状态"] == "已接触"
    row = next(r for r in rows if r["企业"] == "东莞示例精密模具有限公司")
    assert row["电话"] == "0769-81234567；13800000001；0769-87654321"
    assert row["统一社会信用代码"] == "91441900MA4UEX001C" and row["股票代码"] is None
    pool = next(r for r in rows if r["企业"] == "横河模具")
    assert pool["股票代码"] and pool["企业全称"] and pool["陈旧"] == "陈旧"
    address = sheet.column_dimensions[get_column_letter(header.index("地址") + 1)].width
    assert address > 20, "地址列要足够宽，不能是 8 个字符"


def test_gb18030_export_with_a_notice_row_imports(store: EmbeddedStore) -> None:
    raw = (FIXTURES / GSXT).read_bytes()
    assert raw.decode("gb18030") and b"\xef\xbb\xbf" not in raw[:3]
    table = read_table(GSXT, raw)
    assert table.header[:3] == ["企业名称", "统一社会信用代码", "经营状态"]
    _import(store, GSXT)
    found = targets(store, "电镀/表面处理", today=TODAY)
    assert [t.name for t in found.targets] == ["宁波示例表面处理科技有限公司"]
    assert found.targets[0].phones == ["0574-86000000", "0574-86000001"]
    assert found.excluded == {"注销": 1} and "注销 1 家" in found.message


def test_dead_firms_stay_in_the_graph_but_never_on_a_list(store: EmbeddedStore) -> None:
    _import(store, QCC)
    statuses = {n.name: n.properties.get("status") for n in store.nodes(NodeLabel.ENTERPRISE, locality="candidate")}
    assert statuses["佛山示例注销模具有限公司"] == "注销" and statuses["苏州示例吊销模具有限公司"] == "吊销,未注销"
    found = targets(store, "模具", limit=1000, provinces=["广东省", "江苏省"], today=TODAY)
    assert not {t.name for t in found.targets} & set(DEAD)
    assert found.excluded == {"注销": 1, "吊销": 1}
    assert "另有 2 家匹配的企业不是存续企业，未列入（吊销 1 家、注销 1 家）" in found.message


def test_the_import_check_says_a_dead_firm_will_not_be_on_a_list(store: EmbeddedStore) -> None:
    plan = plan_import(store, QCC, (FIXTURES / QCC).read_bytes(), locality="candidate", today=IMPORTED_ON)
    by_name = {row["企业名称"]: row for row in rows_of(plan.rows)}
    dead = by_name["佛山示例注销模具有限公司"]
    assert dead["结果"] == "新增" and "登记状态为“注销”：保留在图谱中，不列入招商目标名单" in dead["说明"]
    assert by_name["东莞示例精密模具有限公司"]["说明"] == ""
    assert not plan.has_errors


def _twin(name: str) -> tuple[Node, Relationship]:
    node = Node(
        id=f"enterprise:test:{name}",
        label=NodeLabel.ENTERPRISE,
        properties={"name": name, "locality": "candidate", "province": "广东省", "city": "深圳市"},
    )
    tie = Relationship(
        type=RelType.OPERATES_IN,
        start=node.id,
        end="segment:模具",
        properties={"keywords": ["模具"], "fields": ["name"], "confidence": 0.9},
    )
    return node, tie


def test_an_st_firm_ranks_below_an_identical_sound_firm_and_says_why(store: EmbeddedStore) -> None:
    (risky, risky_tie), (sound, sound_tie) = _twin("*ST示例模具"), _twin("示例模具")
    store.write(GraphData(nodes=[risky, sound], relationships=[risky_tie, sound_tie]))
    names = [t.name for t in targets(store, "模具", limit=1000, today=TODAY).targets]
    assert names.index("示例模具") < names.index("*ST示例模具")
    flagged = next(t for t in targets(store, "模具", limit=1000, today=TODAY).targets if t.name == "*ST示例模具")
    assert flagged.risk == "*ST" and any("退市风险警示" in r for r in flagged.reasons)


def test_the_pools_st_firms_are_flagged_and_ranked_below_sound_ones(loaded_store: EmbeddedStore) -> None:
    found = targets(loaded_store, "小家电", limit=1000, today=TODAY).targets
    risky = [i for i, t in enumerate(found) if t.risk]
    assert {found[i].name for i in risky} >= {"*ST德豪"}, "候选池中的 *ST 企业要标出"
    assert all(t.risk is None for t in found[: risky[0]]) and all(found[i].risk for i in range(risky[0], len(found)))


def test_figures_older_than_three_years_are_marked_stale(store: EmbeddedStore) -> None:
    _import(store, QCC)
    now = {t.name: t for t in targets(store, "模具", limit=1000, today=TODAY).targets}
    assert now["横河模具"].freshness == "陈旧" and now["横河模具"].as_of == "2016"
    assert "A 股上市公司库" in (now["横河模具"].data_source or "")
    dongguan = now["东莞示例精密模具有限公司"]
    assert (dongguan.freshness, dongguan.as_of) == ("", "参保人数 2023；注册资本 2026-11-20"), "每个数字注明自己的时点"
    shenzhen = now["深圳示例港资模具有限公司"]
    assert shenzhen.freshness == "陈旧（参保人数）", "2022 年报的参保人数到 2026-11-30 已超过三年，注册资本不是"
    assert any("数据陈旧：参保人数 2022 的数字" in r for r in shenzhen.reasons)
    then = {t.name: t for t in targets(store, "模具", limit=1000, today=dt.date(2019, 6, 1)).targets}
    assert then["横河模具"].freshness == ""
    assert is_stale("2023-11-29", TODAY) and not is_stale("2023-11-30", TODAY)


@pytest.mark.parametrize(
    ("raw", "currency", "units"),
    [("100万美元", "美元", 100), ("500万(元)", "人民币", 500), ("1,000万人民币", "人民币", 1000),
     ("200万港元", "港元", 200), ("50万欧元", "欧元", 50), ("100万元人民币", "人民币", 100)],
)  # fmt: skip
def test_capital_in_any_currency_becomes_wan_yuan(raw: str, currency: str, units: float) -> None:
    amount, found = parse_capital(raw)
    assert found == currency and amount == pytest.approx(units * load_exchange_rates().rates[currency])


def test_an_unknown_currency_is_refused_with_what_to_do() -> None:
    with pytest.raises(ValueError, match=r"未知币种“瑞郎”.*exchange_rates\.yaml"):
        parse_capital("10万瑞郎")


def test_hostile_column_titles_become_safe_extra_properties(store: EmbeddedStore) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["企业名称", "locality", "n.name}) DETACH DELETE n //", "", "经营范围"])
    sheet.append(["示例精密模具有限公司", "local", "x", "空标题的列", "模具制造"])
    buffer = io.BytesIO()
    book.save(buffer)
    plan = plan_import(store, "恶意列名.xlsx", buffer.getvalue(), locality="candidate")
    node = plan.rows[0].node
    assert node is not None
    props = node.properties
    assert props["locality"] == "candidate", "列名不能覆盖内置属性"
    extras = {k for k in props if k.startswith(EXTRA_PREFIX)}
    assert extras == {"extra_locality", "extra_n_name__DETACHDELETEn__", "extra_列D"}


def test_the_template_explains_the_platform_columns() -> None:
    notes = load_workbook(io.BytesIO(template_xlsx()))["填写说明"]
    text = " ".join(str(c.value) for row in notes.iter_rows() for c in row if c.value)
    for title in ("登记状态", "经营状态", "更多电话", "参保人数所属年报", "国标行业小类", "曾用名", "企查查"):
        assert title in text
    assert load_exchange_rates().as_of in text


@pytest.fixture
def targeting_page(loaded_store: EmbeddedStore, monkeypatch: pytest.MonkeyPatch) -> AppTest:
    monkeypatch.setenv("CHAINKG_DATA_DIR", str(loaded_store.data_dir))
    monkeypatch.setenv("CHAINKG_BACKEND", "embedded")
    monkeypatch.chdir(ROOT)
    app = AppTest.from_file(str(ROOT / "ui" / "targeting.py"), default_timeout=APP_TIMEOUT_SECONDS).run()
    assert not app.exception, app.exception
    return app


def test_switching_chain_offers_and_chooses_the_new_chains_gaps(
    targeting_page: AppTest, loaded_store: EmbeddedStore
) -> None:
    app = targeting_page
    assert app.multiselect(key="targets-gaps").value == [g.segment for g in gaps(loaded_store, "电机")][:2]
    app.selectbox(key="targets-chain").set_value("新型显示器件").run()
    assert not app.exception
    new_gaps = [g.segment for g in gaps(loaded_store, "新型显示器件")]
    chosen = app.multiselect(key="targets-gaps").value
    assert new_gaps and chosen == new_gaps[:2], "换产业链后应列出并选中新链的缺口环节"
    assert list(app.multiselect(key="targets-gaps").options) == new_gaps


def test_the_target_table_shows_status_size_contacts_and_no_none(targeting_page: AppTest) -> None:
    app = targeting_page
    app.multiselect(key="targets-gaps").set_value(["模具"]).run()
    frame = app.dataframe[0].value
    for title in ("登记状态", "规模（年份）", "电话", "邮箱", "地址", "数据时点", "陈旧"):
        assert title in frame.columns
    assert not frame.isin(["None", "—"]).any().any() and frame.notna().all().all()
    assert set(frame["陈旧"]) == {"陈旧"}, "候选池的数字来自 2016/2021 年，应标为陈旧"


def test_a_name_only_row_that_reads_like_a_note_is_still_an_enterprise(store: EmbeddedStore) -> None:
    raw = "企业名称\n注塑示例模具厂\n数据来源：企查查\n".encode()
    assert [(r.name, r.action) for r in plan_import(store, "名录.csv", raw).rows] == [
        ("注塑示例模具厂", "新增"),
        ("", "略过"),
    ]


def test_a_two_level_header_under_merged_cells_is_read_as_one(store: EmbeddedStore) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["天眼查 企业列表"])
    sheet.append(["企业名称", "经营状态", "联系方式", None, "经营范围"])
    sheet.append([None, None, "电话", "邮箱", None])
    sheet.append(["示例精密模具有限公司", "存续", "0755-1", "a@example.com", "模具制造"])
    for cells in ("A1:E1", "A2:A3", "B2:B3", "C2:D2", "E2:E3"):
        sheet.merge_cells(cells)
    buffer = io.BytesIO()
    book.save(buffer)
    plan = plan_import(store, "两层表头.xlsx", buffer.getvalue())
    assert [(r.row, r.action) for r in plan.rows] == [(4, "新增")]
    node = plan.rows[0].node
    assert node is not None
    props = node.properties
    assert (props["phones"], props["emails"], props["status"]) == (["0755-1"], ["a@example.com"], "存续")


def test_plain_tables_show_cells_as_the_interactive_tables_did() -> None:
    """The app's small HTML tables (ui.common.small_table) keep what st.dataframe showed: empty cells empty (never
    "None" or "nan"), whole numbers as they are, other floats to four decimals, percentages as Streamlit's."""
    assert [cell_text(v) for v in (None, float("nan"), "", 12, 0.5, 1 / 3, "未知")] == [
        "",
        "",
        "",
        "12",
        "0.5",
        "0.3333",
        "未知",
    ]
    assert [cell_text(v, "percent") for v in (0.5, 0.4567, 1, 0.12345)] == ["50%", "45.67%", "100%", "12.35%"]
    assert cell_text(72.45, ".1f") == "72.5" and cell_text(3, "d") == "3"
    page = html_table([{"环节": "模具", "企业数": 3, "备注": None}, {"环节": "电镀", "企业数": None, "备注": "无"}])
    assert "<th>环节</th><th>企业数</th><th>备注</th>" in page
    assert '<td>模具</td><td class="num">3</td><td></td>' in page and "None" not in page
    assert html_table([]) == "<p>（无数据）</p>"


def test_a_long_list_is_ordered_whole_then_cut_into_pages() -> None:
    """What a paged table shows (ui.common.paged_table): the whole list ordered by a column — numbers by value,
    ties in the list's own order, no value (empty, 未知, —) last either way — then PAGE_ROWS rows a page."""
    rows = [{"企业": f"企业{i:03d}", "配套率": (i % 7) / 7 if i % 5 else None} for i in range(250)]
    rows[3]["配套率"] = "未知"
    up = sort_rows(rows, "配套率")
    down = sort_rows(rows, "配套率", descending=True)
    known = [r["配套率"] for r in rows if isinstance(r["配套率"], float)]
    assert [r["配套率"] for r in up[: len(known)]] == sorted(known)
    assert [r["配套率"] for r in down[: len(known)]] == sorted(known, reverse=True)
    assert all(r["配套率"] in (None, "未知") for r in up[len(known) :] + down[len(known) :]), "没有数值的排最后"
    zeros = [r["企业"] for r in up if r["配套率"] == 0]
    assert zeros == sorted(zeros), "同值保持清单原有顺序"
    assert sort_rows(rows, None) == rows, "不指定列时保持清单原有顺序（如排名）"
    assert [r["企业"] for r in sort_rows([{"企业": "乙"}, {"企业": 3}, {"企业": "甲"}], "企业")] == [3, "乙", "甲"]
    second = page_of(up, 2)
    assert (second.number, second.pages, second.total, second.first, second.last) == (2, 3, 250, 101, 200)
    assert second.rows == up[100:200]
    last = page_of(up, 9)
    assert (last.number, last.first, last.last, len(last.rows)) == (3, 201, 250, 50), "超出的页码给最近的一页"
    empty = page_of([], 1)
    assert (empty.number, empty.pages, empty.total, empty.first, empty.last, empty.rows) == (1, 1, 0, 0, 0, [])
    assert list_pager(rows)("企业", True, 1).rows[0]["企业"] == "企业249"
