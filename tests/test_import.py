"""Importing users' enterprise lists: readable errors by row, nothing changed on error, idempotent."""

from __future__ import annotations

import csv
import io
import re
import statistics
import zipfile
from difflib import SequenceMatcher
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from graph.embedded import EmbeddedStore
from graph.model import GraphData, Node, NodeLabel, Relationship, RelType, number_prop, texts_prop
from graph.similar import SIMILAR_NAME_RATIO, ratio_may_reach
from graph.vocabulary import Locality
from loaders.corrections import assign_segment
from loaders.importing import (
    _CODE_CHARS,
    ImportFileError,
    ImportPlan,
    apply_import,
    credit_code_problem,
    parse_amount_wan,
    parse_date,
    plan_import,
    read_table,
    rows_of,
    template_xlsx,
)
from queries.gaps import segment_statuses
from queries.targets import SIZE_CLASS_SCORES, capital_text, size_score, targets

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).parent / "fixtures" / "import"


def credit_code_valid(first17: str) -> str:
    """A credit code with its GB 32100-2015 check character (test data only)."""
    return next(first17 + c for c in _CODE_CHARS if credit_code_problem(first17 + c) is None)


SAME_LIST = ["企业名录_utf8.csv", "企业名录_utf8_bom.csv", "企业名录_gbk.csv", "企业名录.xlsx"]


def _plan(store: EmbeddedStore, name: str, locality: str = Locality.LOCAL) -> ImportPlan:
    return plan_import(store, name, (FIXTURES / name).read_bytes(), locality=locality)


@pytest.mark.parametrize("name", SAME_LIST)
def test_every_encoding_and_format_reads_the_same(store: EmbeddedStore, name: str) -> None:
    plan = _plan(store, name)
    assert [(r.row, r.name, r.action) for r in plan.rows] == [
        (2, "东莞精密模具有限公司", "新增"),
        (3, "宁波表面处理科技有限公司", "新增"),
        (4, "长沙压铸件有限公司", "新增"),
    ]
    node = plan.rows[1].node
    assert node is not None and node.properties["registered_capital_wan"] == 5000.0
    assert node.properties["founded"] == "2012-03-08"


def test_problem_rows_are_reported_by_row_in_chinese(store: EmbeddedStore) -> None:
    plan = _plan(store, "问题行.csv")
    by_row = {r.row: (r.action, "；".join(r.messages)) for r in plan.rows}
    assert by_row[2][0] == "新增"
    assert by_row[3] == ("拒绝", "企业名称为空")
    assert "校验位错误" in by_row[4][1]
    assert "非法字符" in by_row[5][1]
    assert "无法识别的金额“五百万”" in by_row[6][1]
    assert "不存在的日期“2016-02-30”" in by_row[7][1]
    assert by_row[8][0] == "新增" and "与第 8 行的统一社会信用代码重复" in by_row[9][1]
    assert "与第 2 行的企业名称重复" in by_row[10][1]


def test_a_bad_date_or_amount_names_its_column(store: EmbeddedStore) -> None:
    """An export has two dates (成立日期, 核准日期) and two capitals: the message says which cell to correct."""
    raw = "企业名称,成立日期,核准日期,注册资本,实缴资本\n测试甲模具有限公司,2015-06-18,2019-13-40,100万美元,五十万\n"
    (row,) = plan_import(store, "企查查导出.csv", raw.encode()).rows
    assert row.action == "拒绝"
    assert row.messages == [
        "实缴资本：无法识别的金额“五十万”（示例：500万元、1.2亿元、100万美元）",
        "核准日期：不存在的日期“2019-13-40”",
    ]


def test_an_update_says_which_ties_the_firm_keeps(store: EmbeddedStore) -> None:
    """A firm already in the graph keeps its ties when the file matches nothing new: the check says so instead of
    “未匹配到任何环节”, which reads as if 科力尔电机 would lose 步进电机."""
    raw = "企业名称,法定代表人\n科力尔电机股份有限公司,测试甲\n".encode()
    plan = plan_import(store, "企查查导出.csv", raw)
    (row,) = rows_of(plan.rows)
    assert (row["结果"], row["将关联的环节"]) == ("更新", "保留已有关联：步进电机")
    apply_import(store, plan)
    ties = store.relationships(RelType.OPERATES_IN, start="enterprise:科力尔电机")
    assert [t.end for t in ties] == ["segment:步进电机"]


def test_a_file_with_errors_changes_nothing_unless_valid_only(store: EmbeddedStore) -> None:
    before = store.export().to_json_dict()
    plan = _plan(store, "问题行.csv")
    with pytest.raises(ImportFileError, match="未导入任何数据"):
        apply_import(store, plan)
    assert store.export().to_json_dict() == before
    assert EmbeddedStore(store.data_dir).export().to_json_dict() == before
    written = apply_import(store, plan, valid_only=True)
    assert written == 2
    assert store.get_node("enterprise:name:正常模具") is not None


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("缺少企业名称列.csv", "缺少必需的列：企业名称"),
        ("空文件.csv", "文件是空的"),
        ("乱码.csv", "无法识别文件编码"),
        ("伪装的xlsx.xlsx", "无法读取 Excel 文件"),
    ],
)
def test_unreadable_files_get_one_clear_message(store: EmbeddedStore, name: str, message: str) -> None:
    with pytest.raises(ImportFileError, match=message):
        _plan(store, name)


def test_limits_on_size_and_rows(store: EmbeddedStore) -> None:
    with pytest.raises(ImportFileError, match="文件过大"):
        plan_import(store, "大.csv", "企业名称\n".encode() + b"x" * (21 * 1024 * 1024))
    many = "企业名称\n" + "".join(f"企业{i}\n" for i in range(50_001))
    with pytest.raises(ImportFileError, match="行数过多"):
        plan_import(store, "多.csv", many.encode("utf-8"))


def test_importing_twice_changes_nothing_the_second_time(store: EmbeddedStore) -> None:
    apply_import(store, _plan(store, "企业名录_gbk.csv"))
    after_first = store.export().to_json_dict()
    second = _plan(store, "企业名录_utf8.csv")
    assert {r.action for r in second.rows} == {"不变"}
    apply_import(store, second)
    assert store.export().to_json_dict() == after_first


def test_imported_enterprises_are_matched_to_segments_and_change_the_analysis(store: EmbeddedStore) -> None:
    apply_import(store, _plan(store, "企业名录.xlsx"))
    ties = {(r.start, r.end): r for r in store.relationships(RelType.OPERATES_IN)}
    mould = next(r for (start, end), r in ties.items() if end == "segment:模具" and "credit:91441900" in start)
    assert (number_prop(mould.properties, "confidence") or 0) >= 0.7 and "模具" in texts_prop(
        mould.properties, "keywords"
    )
    status = {s.segment: s.status for s in segment_statuses(store)}
    assert status["模具"] == "single"
    assert status["电镀/表面处理"] == "single"


def test_candidates_import_feeds_targets(store: EmbeddedStore) -> None:
    assert targets(store, "电镀/表面处理").targets == []
    apply_import(store, _plan(store, "企业名录_utf8.csv", locality="candidate"))
    found = targets(store, "电镀/表面处理")
    assert [t.name for t in found.targets] == ["宁波表面处理科技有限公司"]
    assert "长三角" in found.targets[0].region


def test_an_imported_firms_size_counts_in_its_rank_and_its_reason_says_by_what(store: EmbeddedStore) -> None:
    """Firms from an export have no 2016 assets: their 参保人数 band still scores, and the reason names the figure
    and its year, so a reviewer sees a class-based judgement; a listed firm keeps its assets-based score."""
    scope = "金属表面处理及电镀加工。"
    rows = [
        f"甲示例表面处理有限公司,广东省,东莞市,{scope},1200,2023年报",
        f"乙示例表面处理有限公司,广东省,东莞市,{scope},8,2023年报",
        f"丙示例表面处理有限公司,广东省,东莞市,{scope},,",
    ]
    raw = "\n".join(["企业名称,所属省份,所属城市,经营范围,参保人数,参保人数所属年报", *rows]).encode()
    plan = plan_import(store, "名录.csv", raw, locality="candidate")
    apply_import(store, plan)
    confidence = {
        r.properties["confidence"] for r in store.relationships(RelType.OPERATES_IN, end="segment:电镀/表面处理")
    }
    assert len(confidence) == 1, "三家的匹配度要相同，才能只比规模"
    listed = "enterprise:test:listed"
    store.write(
        GraphData(
            nodes=[
                Node(
                    id=listed,
                    label=NodeLabel.ENTERPRISE,
                    properties={
                        "name": "戊示例表面",
                        "locality": "candidate",
                        "province": "广东省",
                        "city": "东莞市",
                        "stock_code": "000000.SZ",
                        "total_assets_2016_wan": 1_000_000.0,
                        "insured_staff": 5,
                    },
                )
            ],
            relationships=[
                Relationship(
                    type=RelType.OPERATES_IN,
                    start=listed,
                    end="segment:电镀/表面处理",
                    properties={"confidence": confidence.pop()},
                )
            ],
        )
    )
    found = {t.name: t for t in targets(store, "电镀/表面处理").targets}
    large, micro, unknown, pool = (
        found[name]
        for name in ("甲示例表面处理有限公司", "乙示例表面处理有限公司", "丙示例表面处理有限公司", "戊示例表面")
    )
    assert list(found) == ["戊示例表面", "甲示例表面处理有限公司", "丙示例表面处理有限公司", "乙示例表面处理有限公司"]
    assert large.score == pytest.approx(micro.score + 100 * 0.25 * SIZE_CLASS_SCORES["大型"], abs=0.05)
    assert "规模分按参保 1,200 人（2023 年报，大型档）计：按档估分，不是财务数字" in large.reasons
    assert "规模分按参保 8 人（2023 年报，微型档）计：按档估分，不是财务数字" in micro.reasons
    assert unknown.score == micro.score and not any("规模分" in reason for reason in unknown.reasons)
    assets_score = 100 * 0.25 * (2 / 3)  # 100 亿元 of 2016 assets sits at 2/3 of the 1 亿–1,000 亿 log scale
    assert pool.score == pytest.approx(unknown.score + assets_score, abs=0.05), "有总资产的上市公司仍按总资产计分"
    assert "规模分按 2016 年总资产约 100.0 亿元（上市公司库）计" in pool.reasons


def test_a_bare_size_class_scores_below_the_typical_listed_firms_reported_assets() -> None:
    """The class scores are a judgement kept conservative: 大型 stays below the listed pool's median firm."""
    with (ROOT / "seed" / "candidates" / "listed_companies.csv").open(encoding="utf-8") as file:
        assets = [float(row["total_assets_2016_wan"] or 0) for row in csv.DictReader(file)]
    median = statistics.median(size_score({"total_assets_2016_wan": a}) for a in assets if a > 0)
    scores = [SIZE_CLASS_SCORES[c] for c in ("大型", "中型", "小型", "微型")]
    assert scores == sorted(scores, reverse=True) and scores[-1] == 0.0 and scores[0] < median


def test_a_size_class_counts_however_the_export_writes_it() -> None:
    """企查查 writes 企业规模 as L(大型) or S(小型); a text naming no single class falls back to the 参保人数 band."""
    assert size_score({"scale": "L(大型)"}) == SIZE_CLASS_SCORES["大型"]
    assert size_score({"scale": "S(小型)"}) == size_score({"scale": "小型企业"}) == SIZE_CLASS_SCORES["小型"]
    assert size_score({"scale": "小微企业", "insured_staff": 400}) == SIZE_CLASS_SCORES["中型"]
    assert size_score({"scale": "中小型企业", "insured_staff": 5}) == size_score({"scale": "大中型"}) == 0.0
    assert size_score({"scale": "未知"}) == 0.0


def test_capital_from_a_column_titled_in_yuan_shows_its_unit(store: EmbeddedStore) -> None:
    """注册资本(元) holds bare numbers: the list shows 500 万元, not a unitless 5000000."""
    plan = plan_import(store, "元.csv", "企业名称,注册资本(元)\n样例元模具有限公司,5000000\n".encode())
    node = plan.rows[0].node
    assert node is not None
    props = node.properties
    assert props["registered_capital_wan"] == 500.0 and capital_text(props) == "500 万元"


def test_duplicates_against_the_graph(store: EmbeddedStore) -> None:
    same = "企业名称,注册资本\n科力尔电机股份有限公司,3000万元\n".encode()
    plan = plan_import(store, "同名.csv", same)
    node = plan.rows[0].node
    assert plan.rows[0].action == "更新" and node is not None and node.id == "enterprise:科力尔电机"
    similar = "企业名称\n湖南新金皓茶油有限公司\n".encode()
    assert plan_import(store, "近似.csv", similar).rows[0].action == "待确认"
    assert plan_import(store, "近似.csv", similar, accept_similar=True).rows[0].action == "新增"


def test_segment_corrections(store: EmbeddedStore) -> None:
    assign_segment(store, "经纬辉开", "显示屏")
    tie = store.relationships(RelType.OPERATES_IN, start="enterprise:经纬辉开")[0]
    assert tie.end == "segment:显示屏" and tie.properties["basis"] == "人工更正" and tie.properties["confidence"] == 1.0
    assign_segment(store, "经纬辉开", "显示屏", remove=True)
    assert store.relationships(RelType.OPERATES_IN, start="enterprise:经纬辉开") == []


def test_template_lists_the_recognised_columns() -> None:
    table = read_table("模板.xlsx", template_xlsx())
    assert table.header[:3] == ["企业名称", "统一社会信用代码", "所属省份"] and table.rows == []


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("500万元", 500.0), ("1.2亿元", 12000.0), ("1,000万人民币", 1000.0), ("5000000元", 500.0), ("３００", 300.0)],
)
def test_amounts(raw: str, expected: float) -> None:
    assert parse_amount_wan(raw) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("2015-06-18", "2015-06-18"),
        ("2015/6/8", "2015-06-08"),
        ("2015年6月18日", "2015-06-18"),
        ("20150618", "2015-06-18"),
        ("42173", "2015-06-18"),
    ],
)
def test_dates(raw: str, expected: str) -> None:
    assert parse_date(raw) == expected


def test_credit_code_check_character() -> None:
    assert credit_code_problem("91441900MA51ABCD10") is None
    assert "校验位" in (credit_code_problem("91441900MA51ABCD11") or "")
    assert "18 位" in (credit_code_problem("123") or "")


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(raw=st.binary(max_size=2000), xlsx=st.booleans())
def test_fuzzed_files_are_read_or_refused_plainly(raw: bytes, xlsx: bool) -> None:
    try:
        table = read_table("随机.xlsx" if xlsx else "随机.csv", raw)
    except ImportFileError:
        return
    assert isinstance(table.header, list) and all(isinstance(number, int) for number, _ in table.rows)


NAME_CHARS = st.text(alphabet="永州湘江科技电机模具新材料机械制造", min_size=3, max_size=12)


@settings(max_examples=2000, deadline=None)
@given(key=NAME_CHARS, other=NAME_CHARS, edit=st.tuples(st.integers(0, 11), st.sampled_from("新金皓浩茶油")))
def test_similar_name_shortcut_never_rules_out_a_similar_pair(key: str, other: str, edit: tuple[int, str]) -> None:
    """The shared-character bound only skips pairs difflib itself would find too far apart, so the check for
    相近名称 gives the same answers with it as without it (on unrelated names and on one-character edits)."""
    place, char = edit
    for candidate in (other, key[:place] + char + key[place + 1 :]):
        if not ratio_may_reach(key, candidate):
            assert SequenceMatcher(None, key, candidate).ratio() < SIMILAR_NAME_RATIO
    assert ratio_may_reach("新金浩茶油", "新金皓茶油")


CELL = st.one_of(st.text(max_size=30), st.sampled_from(["", "500万元", "2019-01-01", "91441900MA51ABCD10", "模具"]))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=st.lists(st.lists(CELL, min_size=5, max_size=5), max_size=12))
def test_fuzzed_rows_are_all_accounted_for(store: EmbeddedStore, rows: list[list[str]]) -> None:
    lines = ["企业名称,统一社会信用代码,注册资本,成立日期,经营范围"]
    lines += [",".join('"' + cell.replace('"', '""') + '"' for cell in row) for row in rows]
    raw = "\n".join(lines).encode("utf-8")
    try:
        plan = plan_import(store, "随机.csv", raw)
    except ImportFileError:
        return
    for result in plan.rows:
        assert result.action in ("新增", "更新", "不变", "拒绝", "待确认", "略过")
        assert result.action not in ("拒绝", "略过") or result.messages
    assert store.counts().nodes.get(NodeLabel.ENTERPRISE.value), "规划数据不应受影响"


def _xlsx(rows: list[list[str]], dimension: str | None = None) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    if dimension is None:
        return buffer.getvalue()
    source, target = zipfile.ZipFile(io.BytesIO(buffer.getvalue())), io.BytesIO()
    with zipfile.ZipFile(target, "w") as out:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = re.sub(rb'<dimension ref="[^"]+"/>', f'<dimension ref="{dimension}"/>'.encode(), data)
            out.writestr(item, data)
    return target.getvalue()


def test_excel_files_with_a_wrong_stored_size_lose_no_rows(store: EmbeddedStore) -> None:
    rows = [["企业名称", "注册资本"], *[[f"行{i}精密模具有限公司", "100万元"] for i in range(5)]]
    plan = plan_import(store, "尺寸错误.xlsx", _xlsx(rows, dimension="A1:B2"))
    assert [r.row for r in plan.rows] == [2, 3, 4, 5, 6]


def test_a_unit_in_the_header_is_honoured(store: EmbeddedStore) -> None:
    plan = plan_import(store, "元.csv", "企业名称,注册资本（元）,所在区县\n甲模具有限公司,5000000,江华\n".encode())
    node = plan.rows[0].node
    assert node is not None and node.properties["registered_capital_wan"] == 500.0
    assert "所在区县" in plan.summary(), "未识别的列要告诉用户"


def test_old_xls_files_get_a_clear_message(store: EmbeddedStore) -> None:
    with pytest.raises(ImportFileError, match="旧版 Excel"):
        plan_import(store, "名录.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512)


def test_same_name_with_another_credit_code_waits_for_confirmation(store: EmbeddedStore) -> None:
    apply_import(store, _plan(store, "企业名录_utf8.csv"))
    other = credit_code_valid("91441900MA51YYYY1")
    raw = f"企业名称,统一社会信用代码\n东莞精密模具有限公司,{other}\n".encode()
    row = plan_import(store, "冲突.csv", raw).rows[0]
    assert row.action == "待确认" and "统一社会信用代码不同" in row.messages[0]


def test_importing_a_legal_name_keeps_the_plans_name(store: EmbeddedStore) -> None:
    apply_import(store, plan_import(store, "同名.csv", "企业名称,注册资本\n科力尔电机股份有限公司,3000万元\n".encode()))
    node = store.get_node("enterprise:科力尔电机")
    assert node is not None and node.name == "科力尔电机"
    assert node.properties["full_name"] == "科力尔电机股份有限公司"
    assert node.properties["source"] == "规划", "规划企业的来源不应被导入覆盖"


def test_corrections_survive_a_second_import(store: EmbeddedStore) -> None:
    apply_import(store, _plan(store, "企业名录_utf8.csv"))
    name = "东莞精密模具有限公司"
    assign_segment(store, name, "模具", remove=True)
    assign_segment(store, name, "电机外壳")
    apply_import(store, _plan(store, "企业名录_utf8.csv"))
    node = store.search(name, [NodeLabel.ENTERPRISE])[0]
    ties = {r.end: r for r in store.relationships(RelType.OPERATES_IN, start=node.id)}
    assert "segment:模具" not in ties, "人工取消的环节不应被再次导入恢复"
    assert ties["segment:电机外壳"].properties["basis"] == "人工更正"
