"""An export states when it was made (导出时间, 数据更新日期, 截至…): its firms' figures are dated by that, not by the
day they were imported, so a list exported years ago is marked 陈旧; the import day is kept apart. On both backends,
in memory and streamed, from the command line with --as-of and on the import page."""

from __future__ import annotations

import datetime as dt
import io
import json
import re
from collections.abc import Sequence
from pathlib import Path

import pytest
from app_runs import APP_TIMEOUT_SECONDS, EDITOR_PASSWORD
from cli_runs import chainkg, loaded_data_dir
from openpyxl import Workbook, load_workbook
from streamlit.testing.v1 import AppTest

from graph.embedded import EmbeddedStore
from graph.model import GraphData, Node, NodeLabel, PropertyValue, Relationship, RelType
from graph.neo4j_store import Neo4jStore
from graph.store import GraphStore
from loaders.data_date import stated_dates
from loaders.importing import (
    HeldImport,
    ImportFileError,
    apply_import,
    load_exchange_rates,
    plan_import,
    rows_of,
    template_xlsx,
)
from loaders.load import load_all
from loaders.streaming import StreamingImport
from present.tables import targets_workbook
from queries.provenance import OLDER_FIELDS, field_as_of, firm_provenance, plan_document
from queries.targets import Target, targets

ROOT = Path(__file__).resolve().parent.parent
TODAY = dt.date(2026, 12, 3)
HEADER = ["企业名称", "登记状态", "所属省份", "所属城市", "国标行业小类", "经营范围"]


def _firm(name: str) -> list[str]:
    return [name, "存续", "广东省", "东莞市", "模具制造", "精密模具设计、制造；冲压模具、注塑模具加工"]


def _xlsx(above: Sequence[str], names: Sequence[str], below: Sequence[str] = (), sheet: str = "企业列表") -> bytes:
    """An export as 企查查 writes one: title and notice rows, the header, the firms, notes below."""
    book = Workbook()
    page = book.active
    assert page is not None
    page.title = sheet
    for line in above:
        page.append([line])
    page.append(HEADER)
    for name in names:
        page.append(_firm(name))
    for line in below:
        page.append([line])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _csv(above: Sequence[str], names: Sequence[str], below: Sequence[str] = ()) -> bytes:
    lines = [*above, ",".join(HEADER), *(",".join(_firm(n)) for n in names), *below]
    return ("\n".join(lines) + "\n").encode("gb18030")


@pytest.fixture(scope="module")
def neo4j_seeded(neo4j_store: Neo4jStore) -> Neo4jStore:
    neo4j_store.clear()
    load_all(neo4j_store)
    return neo4j_store


@pytest.fixture(params=["embedded", "neo4j"])
def either(request: pytest.FixtureRequest, store: EmbeddedStore) -> GraphStore:
    """The seed graph on each backend (Neo4j's is shared by the module: each test imports firms of its own)."""
    return store if request.param == "embedded" else request.getfixturevalue("neo4j_seeded")


def _imported(store: GraphStore, name: str, raw: bytes, file_name: str, as_of: dt.date | None = None) -> str:
    plan = plan_import(
        store,
        file_name,
        raw,
        locality="candidate",
        accept_similar=True,
        today=TODAY,
        as_of=as_of,
    )
    assert not plan.has_errors, rows_of(plan.rows)
    apply_import(store, plan)
    return plan.summary()


def _props(store: GraphStore, name: str) -> dict[str, PropertyValue]:
    (node,) = [n for n in store.nodes(NodeLabel.ENTERPRISE) if n.name == name]
    return dict(node.properties)


def test_an_export_date_above_the_header_dates_the_figures_and_marks_them_stale(either: GraphStore) -> None:
    name = "东莞旧导出示例精密模具有限公司"
    raw = _xlsx(["企查查 企业列表 共 1 条", "导出时间：2023-06-01 10:00"], [name])
    summary = _imported(either, name, raw, "旧导出.xlsx")
    assert "数据日期取文件第 2 行“导出时间：2023-06-01 10:00”：2023-06-01；导入日期 2026-12-03。" in summary
    props = _props(either, name)
    assert (props["data_as_of"], props["imported_on"]) == ("2023-06-01", "2026-12-03"), "导入日期另行保留"
    assert props["data_as_of_source"] == "文件第 2 行“导出时间：2023-06-01 10:00”"
    origin = firm_provenance(props, plan_document(either))
    assert origin.as_of == "2023-06-01" and "2026-12-03 导入" in origin.source
    found = {t.name: t for t in targets(either, "模具", limit=1000, today=TODAY).targets}
    target = found[name]
    assert (target.as_of, target.freshness) == ("2023-06-01", "陈旧"), "三年多以前导出的数字标为陈旧"
    assert "2026-12-03 导入" in (target.data_source or "")
    assert any("数据陈旧：2023-06-01 的数字" in r for r in target.reasons)
    sheet = load_workbook(
        io.BytesIO(targets_workbook("电机", {"模具": targets(either, "模具", limit=1000, today=TODAY)}, TODAY))
    )["模具"]
    header = [c.value for c in sheet[2]]
    row = next(
        dict(zip(header, (c.value for c in r), strict=True))
        for r in sheet.iter_rows(min_row=3)
        if r[header.index("企业")].value == name
    )
    assert (row["数据时点"], row["陈旧"]) == ("2023-06-01", "陈旧")


def test_figures_go_stale_three_years_after_the_export_not_after_the_import(either: GraphStore) -> None:
    name = "东莞新导出示例精密模具有限公司"
    raw = _xlsx(["导出时间：2026-11-20 14:32"], [name])
    plan = plan_import(
        either, "新导出.xlsx", raw, locality="candidate", accept_similar=True, today=dt.date(2029, 11, 1)
    )
    apply_import(either, plan)
    props = _props(either, name)
    assert (props["data_as_of"], props["imported_on"]) == ("2026-11-20", "2029-11-01")
    on_time = {t.name: t for t in targets(either, "模具", limit=1000, today=dt.date(2029, 11, 20)).targets}
    assert (on_time[name].as_of, on_time[name].freshness) == ("2026-11-20", "")
    later = {t.name: t for t in targets(either, "模具", limit=1000, today=dt.date(2029, 11, 21)).targets}
    assert later[name].freshness == "陈旧", "导入不到一个月，但数字已是三年前的"


def test_a_gb18030_csv_dated_below_the_data(either: GraphStore) -> None:
    name = "宁波表面更新示例精密模具有限公司"
    raw = _csv(["国家企业信用信息公示系统 查询结果(共 1 条)"], [name], ["数据更新日期：2026年11月20日"])
    plan = plan_import(either, "公示系统.csv", raw, locality="candidate", accept_similar=True, today=TODAY)
    assert [(r.row, r.action) for r in plan.rows] == [(3, "新增"), (4, "略过")], "日期说明行不是企业"
    assert "数据日期取文件第 4 行“数据更新日期：2026年11月20日”：2026-11-20；导入日期 2026-12-03。" in plan.summary()
    apply_import(either, plan)
    assert _props(either, name)["data_as_of"] == "2026-11-20"


def test_different_dates_are_not_guessed(either: GraphStore) -> None:
    name = "苏州两个日期示例精密模具有限公司"
    raw = _xlsx(["导出时间：2026-11-20"], [name], ["数据截止日期：2025-01-01"])
    summary = _imported(either, name, raw, "两个日期.xlsx")
    assert (
        "文件中的日期无法采用（日期不一致：文件第 1 行“导出时间：2026-11-20”（2026-11-20）、"
        "文件第 4 行“数据截止日期：2025-01-01”（2025-01-01）），数据日期按导入日期 2026-12-03 计" in summary
    )
    props = _props(either, name)
    assert (props["data_as_of"], props["imported_on"]) == ("2026-12-03", "2026-12-03")
    assert props["data_as_of_source"] == "导入日期（文件中的日期无法采用）"


@pytest.mark.parametrize(
    ("line", "why"),
    [
        ("导出时间：2027-01-05", "文件第 1 行“导出时间：2027-01-05”的 2027-01-05 晚于导入日期"),
        ("数据更新日期：2026年2月30日", "文件第 1 行“数据更新日期：2026年2月30日”中的“2026年2月30日”不是有效日期"),
    ],
)
def test_a_future_or_impossible_date_is_not_used(store: EmbeddedStore, line: str, why: str) -> None:
    plan = plan_import(store, "坏日期.xlsx", _xlsx([line], ["株洲坏日期示例精密模具有限公司"]), today=TODAY)
    assert f"文件中的日期无法采用（{why}），数据日期按导入日期 2026-12-03 计" in plan.summary()
    assert plan.rows[0].node is not None and plan.rows[0].node.properties["data_as_of"] == "2026-12-03"


def test_the_sheet_name_and_full_width_digits(store: EmbeddedStore) -> None:
    raw = _xlsx([], ["长沙表名示例精密模具有限公司"], sheet="导出日期２０２５年３月８日")
    plan = plan_import(store, "表名.xlsx", raw, today=TODAY)
    assert "数据日期取工作表名“导出日期２０２５年３月８日”：2025-03-08" in plan.summary()
    assert plan.rows[0].node is not None and plan.rows[0].node.properties["data_as_of"] == "2025-03-08"


def test_an_undated_file_says_so_and_a_reimport_replaces_the_old_date(store: EmbeddedStore) -> None:
    name = "衡阳再导入示例精密模具有限公司"
    _imported(store, name, _xlsx(["导出时间：2023-06-01"], [name]), "旧.xlsx")
    plan = plan_import(
        store,
        "新.csv",
        _csv([], [name]).replace("东莞市".encode("gb18030"), "佛山市".encode("gb18030")),
        locality="candidate",
        accept_similar=True,
        today=TODAY,
    )
    assert "文件未注明导出或数据日期，数据日期按导入日期 2026-12-03 计。" in plan.summary()
    assert plan.rows[0].action == "更新"
    apply_import(store, plan)
    props = _props(store, name)
    assert (props["data_as_of"], props["source_file"]) == ("2026-12-03", "新.csv"), "新文件的数字不能沿用旧文件的日期"


def test_a_newer_export_with_the_same_figures_refreshes_the_date_and_an_older_one_is_flagged(
    store: EmbeddedStore,
) -> None:
    name = "永州刷新日期示例精密模具有限公司"
    _imported(store, name, _xlsx(["导出时间：2023-06-01"], [name]), "二〇二三.xlsx")
    newer = plan_import(
        store, "二〇二六.xlsx", _xlsx(["导出时间：2026-11-20"], [name]), locality="candidate", today=TODAY
    )
    (row,) = newer.rows
    assert row.action == "更新", "数字没变，但新导出说明它们到 2026-11-20 仍然如此：不能还按 2023 年标为陈旧"
    assert "数字未变，数据日期由 2023-06-01 更新为 2026-11-20" in row.messages
    apply_import(store, newer)
    assert _props(store, name)["data_as_of"] == "2026-11-20"
    older = plan_import(
        store, "二〇二〇.xlsx", _xlsx(["导出时间：2020-01-01"], [name]), locality="candidate", today=TODAY
    )
    (row,) = older.rows
    assert row.action == "不变", "更旧的导出不能把日期往回改"
    assert "本文件的数据日期 2020-01-01 早于该企业已有数据的日期 2026-11-20" in "；".join(row.messages)
    assert _props(store, name)["data_as_of"] == "2026-11-20"


def test_an_older_export_never_overwrites_newer_data_nor_reopens_a_closed_firm(store: EmbeddedStore) -> None:
    name = "永州市旧名录示例机械有限公司"
    closed = f"导出时间：2026-11-20\n企业名称,登记状态,注册资本\n{name},注销,500万\n".encode()
    plan = plan_import(store, "新.csv", closed, locality="local", today=TODAY)
    apply_import(store, plan)
    assert _props(store, name)["locality"] == "former"
    for old in (
        f"导出时间：2020-01-01\n企业名称,登记状态,注册资本\n{name},存续,300万\n".encode(),
        f"企业名称,登记状态,注册资本\n{name},存续,300万\n".encode(),
    ):
        as_of = None if old.startswith("导出".encode()) else dt.date(2018, 1, 1)
        again = plan_import(store, "旧.csv", old, locality="local", today=TODAY, as_of=as_of)
        (row,) = again.rows
        assert row.action == "待确认", "两年前的“存续”不能让已注销的企业重新算作本地企业"
        assert "旧数据不覆盖新数据，此行未导入" in "；".join(row.messages)
        with pytest.raises(HeldImport):
            apply_import(store, again)
    props = _props(store, name)
    assert (props["locality"], props["status"], props["data_as_of"]) == ("former", "注销", "2026-11-20")


FILTERS = "筛选条件：所属城市 永州市；国标行业 制造业；登记状态 存续、在业；注册资本 500万元以上；参保人数 10人以上；"
"""What an export writes before its date on one long notice line: 44 characters, twice over."""


def test_a_dated_line_is_quoted_whole_or_with_its_middle_left_out(store: EmbeddedStore) -> None:
    short = "企查查 企业列表 共 1 条 数据更新日期：2026年11月20日 14:32"
    assert [s.where for s in stated_dates(short, "文件第 1 行")] == [f"文件第 1 行“{short}”"], "不长的行整行引用"
    wide = FILTERS * 2 + "导出时间：２０２６年１１月２０日 14:32，本数据仅供参考，请以官方公示为准"
    (found,) = stated_dates(wide, "文件第 1 行")
    quote = found.where.removeprefix("文件第 1 行“").removesuffix("”")
    assert len(quote) <= 80 and quote.startswith("筛选条件：所属城市 永州市"), quote
    assert "…导出时间：２０２６年１１月２０日 14:32" in quote, "略去中间，日期照文件原样留在引文里"
    name = "东莞长说明示例精密模具有限公司"
    summary = _imported(store, name, _csv([FILTERS * 2 + "数据更新日期：2023-06-01"], [name]), "长说明.csv")
    assert "…数据更新日期：2023-06-01”：2023-06-01；导入日期 2026-12-03。" in summary


def test_filter_rows_and_month_ranges_are_not_export_dates() -> None:
    assert [
        s.day for s in stated_dates("筛选条件：成立日期 2015-01-01 至 2020-12-31 更新时间 2026-11-20", "第 1 行")
    ] == [dt.date(2026, 11, 20)]
    assert stated_dates("核准日期截至2019-05-01的存续企业", "第 1 行") == []
    assert stated_dates("统计时间：2023年1-12月", "第 1 行") == []


def test_a_date_given_on_import_overrides_the_file(store: EmbeddedStore) -> None:
    name = "郴州指定日期示例精密模具有限公司"
    raw = _xlsx(["导出时间：2023-06-01 10:00"], [name])
    summary = _imported(store, name, raw, "指定.xlsx", as_of=dt.date(2026, 11, 20))
    assert (
        "数据日期取导入时指定的 2026-11-20，不用文件第 1 行“导出时间：2023-06-01 10:00”（2023-06-01）；"
        "导入日期 2026-12-03。" in summary
    )
    assert _props(store, name)["data_as_of"] == "2026-11-20"
    with pytest.raises(ImportFileError, match="数据日期 2026-12-04 晚于导入日期 2026-12-03"):
        plan_import(store, "指定.xlsx", raw, today=TODAY, as_of=dt.date(2026, 12, 4))


def test_the_streamed_import_takes_the_same_date(either: GraphStore, tmp_path: Path) -> None:
    name = "温州流式示例精密模具有限公司"
    path = tmp_path / "流式.csv"
    path.write_bytes(_csv(["天眼查 企业名录"], [name, "温州流式乙示例精密模具有限公司"], ["截至2024/05/06"]))
    importer = StreamingImport(either, path, locality="candidate", accept_similar=True, today=TODAY, batch_rows=1)
    check = importer.check(tmp_path / "报告.csv")
    assert "数据日期取文件第 5 行“截至2024/05/06”：2024-05-06；导入日期 2026-12-03。" in check.summary()
    assert importer.write(check) == 2
    assert _props(either, name)["data_as_of"] == "2024-05-06", "日期写在数据下方，第 1 批写入的企业也要用它"
    memory = plan_import(either, path.name, path.read_bytes(), today=TODAY)
    assert check.notices[-1] in memory.summary(), "流式与一次读入的检查说法相同"


def test_the_template_says_the_export_date_is_read() -> None:
    notes = load_workbook(io.BytesIO(template_xlsx()))["填写说明"]
    assert any("导出时间" in str(row[2].value) for row in notes.iter_rows())


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return loaded_data_dir(tmp_path_factory, "as-of-cli")


def _snapshot(data_dir: Path) -> str:
    return json.dumps(EmbeddedStore(data_dir).export().to_json_dict(), ensure_ascii=False, sort_keys=True)


def _cli_firm(data_dir: Path, name: str) -> Node:
    (node,) = [n for n in EmbeddedStore(data_dir).nodes(NodeLabel.ENTERPRISE) if n.name == name]
    return node


@pytest.mark.parametrize("stream", [False, True])
def test_the_command_line_takes_as_of_and_says_so(data_dir: Path, tmp_path: Path, stream: bool) -> None:
    name = f"益阳命令行{'流式' if stream else ''}示例精密模具有限公司"
    path = tmp_path / "名录.csv"
    path.write_bytes(_csv(["导出时间：2023-06-01 10:00"], [name]))
    args = ["import", "enterprises", str(path), "--candidate", "--accept-similar", "--as-of", "2026年11月20日"]
    result = chainkg(*args, *(["--stream"] if stream else []), data_dir=data_dir)
    assert result.returncode == 0, result.stderr
    assert (
        "数据日期取导入时指定的 2026-11-20，不用文件第 1 行“导出时间：2023-06-01 10:00”（2023-06-01）" in result.stderr
    )
    assert _cli_firm(data_dir, name).properties["data_as_of"] == "2026-11-20"


@pytest.mark.parametrize(
    ("given", "why"),
    [
        ("2026-13-01", "“2026-13-01”不是有效的日期"),
        ("2999-01-01", "数据日期 2999-01-01 晚于今天"),
        ("上周", "“上周”不是有效的日期"),
    ],
)
def test_a_bad_as_of_is_refused_and_nothing_is_written(data_dir: Path, tmp_path: Path, given: str, why: str) -> None:
    path = tmp_path / "名录.csv"
    path.write_bytes(_csv([], ["邵阳坏日期示例精密模具有限公司"]))
    before = _snapshot(data_dir)
    for extra in ([], ["--stream"]):
        result = chainkg("import", "enterprises", str(path), "--as-of", given, *extra, data_dir=data_dir)
        assert result.returncode == 2
        assert result.stderr.startswith(f"错误：--as-of 的值不对：{why}"), result.stderr
    assert _snapshot(data_dir) == before


@pytest.mark.usefixtures("app_store")
def test_the_import_page_takes_a_data_date() -> None:
    app = AppTest.from_file(str(ROOT / "ui" / "data.py"), default_timeout=APP_TIMEOUT_SECONDS).run()
    app.text_input(key="editor-password").set_value(EDITOR_PASSWORD)
    app.button(key="editor-login").click().run()
    raw = _csv(["导出时间：2023-06-01"], ["娄底网页示例精密模具有限公司"])
    app.file_uploader(key="import-file").upload("网页.csv", raw, "text/csv").run()
    assert any(
        "数据日期取文件第 1 行“导出时间：2023-06-01”：2023-06-01" in re.sub(r"\\(.)", r"\1", m.value)
        for m in app.markdown
    )
    app.date_input(key="import-as-of").set_value(dt.date(2026, 11, 20)).run()
    assert not app.exception
    assert any("数据日期取导入时指定的 2026-11-20" in re.sub(r"\\(.)", r"\1", m.value) for m in app.markdown)


FIGURES = [*HEADER, "参保人数", "注册资本"]
LACKING = {
    "没有参保人数列": ([*HEADER, "注册资本"], ["800万"]),
    "参保人数为空": (FIGURES, ["", "800万"]),
    "参保人数为“-”": (FIGURES, ["-", "800万"]),
}
"""A newer export that does not give 参保人数, three ways, with a new 注册资本."""


def _export(day: str, header: Sequence[str], name: str, cells: Sequence[str]) -> bytes:
    """A CSV export stating its day, with one firm: `_firm`'s cells, then `cells` under the rest of `header`."""
    lines = [f"导出时间：{day}", ",".join(header), ",".join([*_firm(name), *cells])]
    return ("\n".join(lines) + "\n").encode()


def _target(store: GraphStore, name: str) -> Target:
    return next(t for t in targets(store, "模具", limit=1000, today=TODAY).targets if t.name == name)


def _exported_row(store: GraphStore, name: str) -> dict[str, object]:
    """The firm's row of the target Excel a caller works from."""
    book = targets_workbook("电机", {"模具": targets(store, "模具", limit=1000, today=TODAY)}, TODAY)
    sheet = load_workbook(io.BytesIO(book))["模具"]
    header = [str(c.value) for c in sheet[2]]
    return next(
        dict(zip(header, (c.value for c in r), strict=True))
        for r in sheet.iter_rows(min_row=3)
        if r[header.index("企业")].value == name
    )


def _assert_staff_kept_from_2021(store: GraphStore, name: str) -> None:
    """What a firm shows once a 2026-11-20 export without 参保人数 updated its 2021-06-01 figures."""
    props = _props(store, name)
    assert props["insured_staff"] == 85 and props["registered_capital_text"] == "800万"
    assert props["data_as_of"] == "2026-11-20", "企业的数据日期是最新一次导出的日期"
    assert field_as_of(props, "insured_staff") == "2021-06-01", "新导出没有参保人数：旧数字保留旧日期"
    assert field_as_of(props, "registered_capital_wan") == "2026-11-20"
    target = _target(store, name)
    assert target.size == "参保 85 人" and target.capital == "800万"
    assert (target.as_of, target.freshness) == ("参保人数 2021-06-01；注册资本 2026-11-20", "陈旧（参保人数）")
    assert any("数据陈旧：参保人数 2021-06-01 的数字" in r for r in target.reasons)
    row = _exported_row(store, name)
    assert (row["数据时点"], row["陈旧"]) == ("参保人数 2021-06-01；注册资本 2026-11-20", "陈旧（参保人数）")


@pytest.mark.parametrize("lacking", LACKING)
def test_a_newer_export_without_a_figure_leaves_that_figure_its_own_date(either: GraphStore, lacking: str) -> None:
    name = f"东莞{lacking[:6]}示例精密模具有限公司"
    _imported(either, name, _export("2021-06-01", FIGURES, name, ["85", "500万"]), "二〇二一.csv")
    assert OLDER_FIELDS not in _props(either, name), "只导入过一次的企业，各字段都按企业的数据日期"
    header, cells = LACKING[lacking]
    plan = plan_import(
        either, "二〇二六.csv", _export("2026-11-20", header, name, cells), locality="candidate", today=TODAY
    )
    (row,) = plan.rows
    assert row.action == "更新"
    assert "本文件未提供参保人数，沿用原有数据（数据日期 2021-06-01）" in row.messages
    apply_import(either, plan)
    _assert_staff_kept_from_2021(either, name)
    again = plan_import(
        either, "同日全列.csv", _export("2026-11-20", FIGURES, name, ["85", "800万"]), locality="candidate", today=TODAY
    )
    assert again.rows[0].action == "更新", "同一天的导出给出了参保人数：数字没变，日期要更新"
    apply_import(either, again)
    props = _props(either, name)
    assert field_as_of(props, "insured_staff") == "2026-11-20" and not props[OLDER_FIELDS]
    target = _target(either, name)
    assert (target.size, target.as_of, target.freshness) == ("参保 85 人", "2026-11-20", ""), "各数字都是新日期"


def test_an_older_export_with_the_figures_the_graph_holds_changes_nothing(either: GraphStore) -> None:
    """A firm whose 参保人数 is older than its other figures: an export between the two dates that repeats what the
    graph holds is 不变, as for any firm; one that differs is still held."""
    name = "东莞中间日期示例精密模具有限公司"
    _imported(either, name, _export("2021-06-01", FIGURES, name, ["85", "500万"]), "二〇二一.csv")
    header, cells = LACKING["没有参保人数列"]
    _imported(either, name, _export("2026-11-20", header, name, cells), "二〇二六.csv")
    same = {"全部列": (FIGURES, ["85", "800万"]), "没有参保人数列": (header, cells)}
    for columns, (lines, given) in same.items():
        plan = plan_import(
            either, "二〇二四.csv", _export("2024-01-01", lines, name, given), locality="candidate", today=TODAY
        )
        (row,) = plan.rows
        assert (row.action, plan.has_errors) == ("不变", False), f"{columns}：数字与图谱相同，较旧的导出不算冲突"
        assert row.messages == ["本文件的数据日期 2024-01-01 早于该企业已有数据的日期 2026-11-20"]
    for day in ("2024-01-01", "2026-11-20"):
        plan = plan_import(either, "同日.csv", _export(day, header, name, cells), locality="candidate", today=TODAY)
        assert plan.rows[0].action == "不变", "没有新数字、日期也不更新：不必重写"
    other = plan_import(
        either, "二〇二四.csv", _export("2024-01-01", FIGURES, name, ["90", "800万"]), locality="candidate", today=TODAY
    )
    assert other.rows[0].action == "待确认", "较旧的导出数字不同：不覆盖较新的数据"
    assert "旧数据不覆盖新数据，此行未导入" in "；".join(other.rows[0].messages)
    _assert_staff_kept_from_2021(either, name)


def test_a_newer_file_of_few_columns_says_what_it_refreshes_and_what_it_leaves(either: GraphStore) -> None:
    name = "东莞只有状态示例精密模具有限公司"
    wide = [*HEADER, "参保人数", "注册资本", "电话", "企业地址"]
    _imported(
        either, name, _export("2021-06-01", wide, name, ["85", "500万", "0769-1234567", "东莞市某路1号"]), "旧.csv"
    )
    raw = f"导出时间：2026-11-20\n企业名称,登记状态\n{name},存续\n".encode()
    (row,) = plan_import(either, "状态.csv", raw, locality="candidate", today=TODAY).rows
    assert row.action == "更新"
    assert row.messages == [
        "本文件提供的数字未变，数据日期由 2021-06-01 更新为 2026-11-20",
        "本文件未提供所属省份、所属城市、注册资本、电话、企业地址、参保人数、国标行业小类、经营范围，"
        "沿用原有数据（数据日期 2021-06-01）",
    ], "按模板的列序、用中文列名，只列导入过的列（所属行业取自国标行业，不是文件的列）"


def test_a_firm_stored_before_figures_were_dated_keeps_its_import_day(either: GraphStore) -> None:
    """A firm an older chainkg imported carries `imported_on` only: its figures are as of that, as before."""
    name = "东莞早年导入示例精密模具有限公司"
    node = Node(
        id="enterprise:test:早年导入",
        label=NodeLabel.ENTERPRISE,
        properties={
            "name": name,
            "locality": "candidate",
            "source": "导入",
            "source_file": "早年.xlsx",
            "imported_on": "2021-06-01",
            "province": "广东省",
            "city": "东莞市",
            "insured_staff": 85,
            "registered_capital_wan": 500.0,
            "registered_capital_text": "500万",
        },
    )
    tie = Relationship(
        type=RelType.OPERATES_IN,
        start=node.id,
        end="segment:模具",
        properties={"keywords": ["模具"], "fields": ["name"], "confidence": 0.9},
    )
    either.write(GraphData(nodes=[node], relationships=[tie]))
    before = _target(either, name)
    assert (before.as_of, before.freshness) == ("2021-06-01", "陈旧"), "未按字段记日期的企业照旧"
    header, cells = LACKING["没有参保人数列"]
    _imported(either, name, _export("2026-11-20", header, name, cells), "二〇二六.csv")
    _assert_staff_kept_from_2021(either, name)


@pytest.mark.parametrize("second", ["2026-11-20", "2021-06-01"])
def test_a_year_left_by_an_older_export_is_not_the_new_figures_year(either: GraphStore, second: str) -> None:
    """Also when both exports have one date (two undated files imported the same day)."""
    name = f"东莞年报年份{second[:4]}示例精密模具有限公司"
    header = [*HEADER, "参保人数", "参保人数所属年报"]
    _imported(either, name, _export("2021-06-01", header, name, ["85", "2020年报"]), "二〇二一.csv")
    assert _target(either, name).size == "参保 85 人（2020 年报）"
    _imported(either, name, _export(second, [*HEADER, "参保人数"], name, ["90"]), "第二份.csv")
    assert not _props(either, name).get("insured_year"), "新参保人数没有年份：旧年份不留在企业上"
    target = _target(either, name)
    assert (target.size, target.as_of) == ("参保 90 人", second), "2020 年报不是新数字的"


def test_the_streamed_import_dates_each_field_as_the_batch_import(either: GraphStore, tmp_path: Path) -> None:
    name = "温州流式字段示例精密模具有限公司"
    for day, (header, cells) in (("2021-06-01", (FIGURES, ["85", "500万"])), ("2026-11-20", LACKING["参保人数为空"])):
        path = tmp_path / f"{day}.csv"
        path.write_bytes(_export(day, header, name, cells))
        importer = StreamingImport(either, path, locality="candidate", accept_similar=True, today=TODAY, batch_rows=1)
        assert importer.write(importer.check(tmp_path / "报告.csv")) == 1
    _assert_staff_kept_from_2021(either, name)


CAPITALS = [*HEADER, "注册资本", "实缴资本"]
CAPITAL_EXTRAS = (
    "registered_capital_text",
    "registered_capital_currency",
    "paid_in_capital_text",
    "paid_in_capital_currency",
    "exchange_rates_as_of",
)


def _import_capitals(
    store: GraphStore, name: str, day: str, header: Sequence[str], cells: Sequence[str], stream: bool, tmp_path: Path
) -> dict[str, object]:
    """Import one export of the firm, in memory or streamed in batches (Neo4j's staged switch), and return what
    the firm holds of its capitals."""
    raw = _export(day, header, name, cells)
    if stream:
        path = tmp_path / f"{day}.csv"
        path.write_bytes(raw)
        importer = StreamingImport(store, path, locality="candidate", accept_similar=True, today=TODAY, batch_rows=1)
        assert importer.write(importer.check(tmp_path / "报告.csv")) == 1
    else:
        _imported(store, name, raw, f"{day}.csv")
    props = _props(store, name)
    return {key: props.get(key) or None for key in CAPITAL_EXTRAS}


def _converted(text: str, units: float) -> str:
    usd = load_exchange_rates().rates["美元"]
    return f"{text}（约 {units * usd:,.0f} 万元人民币，按 2024-12-31 汇率折算）"


@pytest.mark.parametrize("stream", [False, True])
def test_a_capital_in_yuan_over_one_in_dollars_is_not_described_as_converted(
    either: GraphStore, stream: bool, tmp_path: Path
) -> None:
    name = f"东莞币种{'流式' if stream else ''}示例精密模具有限公司"
    held = _import_capitals(either, name, "2025-06-01", CAPITALS, ["100万美元", "50万美元"], stream, tmp_path)
    assert held == {
        "registered_capital_text": "100万美元",
        "registered_capital_currency": "美元",
        "paid_in_capital_text": "50万美元",
        "paid_in_capital_currency": "美元",
        "exchange_rates_as_of": "2024-12-31",
    }
    assert _target(either, name).capital == _converted("100万美元", 100)
    held = _import_capitals(either, name, "2026-11-20", CAPITALS, ["500万元", "200万元"], stream, tmp_path)
    assert held == {
        "registered_capital_text": "500万元",
        "registered_capital_currency": None,
        "paid_in_capital_text": "200万元",
        "paid_in_capital_currency": None,
        "exchange_rates_as_of": None,
    }, "人民币的新资本不能留着旧的美元币种和汇率日期"
    props = _props(either, name)
    assert props["registered_capital_wan"] == 500.0 and props["paid_in_capital_wan"] == 200.0
    assert OLDER_FIELDS not in props or not props[OLDER_FIELDS], "新资本及其附带字段都按新导出的日期"
    assert _target(either, name).capital == "500万元"
    assert _exported_row(either, name)["注册资本"] == "500万元"
    held = _import_capitals(either, name, "2026-11-25", CAPITALS, ["100万美元", "200万元"], stream, tmp_path)
    assert held == {
        "registered_capital_text": "100万美元",
        "registered_capital_currency": "美元",
        "paid_in_capital_text": "200万元",
        "paid_in_capital_currency": None,
        "exchange_rates_as_of": "2024-12-31",
    }
    assert _target(either, name).capital == _converted("100万美元", 100)
    assert _exported_row(either, name)["注册资本"] == _converted("100万美元", 100)


def test_a_file_without_a_capital_keeps_its_currency_and_rate_date(either: GraphStore, tmp_path: Path) -> None:
    name = "东莞外币保留示例精密模具有限公司"
    dollars = _import_capitals(either, name, "2025-06-01", CAPITALS, ["100万美元", "50万美元"], False, tmp_path)
    held = _import_capitals(either, name, "2026-11-20", HEADER, [], False, tmp_path)
    assert held == dollars, "没有资本列的文件不抹掉原有资本的原文、币种和汇率日期"
    assert field_as_of(_props(either, name), "registered_capital_currency") == "2025-06-01"
    assert _exported_row(either, name)["注册资本"] == _converted("100万美元", 100)
    held = _import_capitals(either, name, "2026-11-25", [*HEADER, "注册资本"], ["500万元"], False, tmp_path)
    assert held == {
        "registered_capital_text": "500万元",
        "registered_capital_currency": None,
        "paid_in_capital_text": "50万美元",
        "paid_in_capital_currency": "美元",
        "exchange_rates_as_of": "2024-12-31",
    }, "文件只给注册资本：实缴资本仍是美元，汇率日期随它保留"
    assert _target(either, name).capital == "500万元"


@pytest.mark.parametrize("stream", [False, True])
def test_the_command_line_dates_each_field(data_dir: Path, tmp_path: Path, stream: bool) -> None:
    name = f"益阳命令行字段{'流式' if stream else ''}示例精密模具有限公司"
    for day, (header, cells) in (("2021-06-01", (FIGURES, ["85", "500万"])), ("2026-11-20", LACKING["没有参保人数列"])):
        path = tmp_path / f"{day}.csv"
        path.write_bytes(_export(day, header, name, cells))
        args = ["import", "enterprises", str(path), "--candidate", "--accept-similar"]
        result = chainkg(*args, *(["--stream"] if stream else []), data_dir=data_dir)
        assert result.returncode == 0, result.stderr
    props = _cli_firm(data_dir, name).properties
    assert (props["data_as_of"], field_as_of(props, "insured_staff")) == ("2026-11-20", "2021-06-01")
    assert props[OLDER_FIELDS] == ["insured_staff=2021-06-01"]


@pytest.mark.usefixtures("app_store")
def test_the_import_page_dates_each_field(app_store: EmbeddedStore) -> None:
    name = "娄底网页字段示例精密模具有限公司"
    app = AppTest.from_file(str(ROOT / "ui" / "data.py"), default_timeout=APP_TIMEOUT_SECONDS).run()
    app.text_input(key="editor-password").set_value(EDITOR_PASSWORD)
    app.button(key="editor-login").click().run()
    app.radio(key="import-kind").set_value("候选招商企业").run()
    app.checkbox(key="import-similar").check().run()
    for day, (header, cells) in (("2021-06-01", (FIGURES, ["85", "500万"])), ("2026-11-20", LACKING["参保人数为空"])):
        app.file_uploader(key="import-file").upload(f"{day}.csv", _export(day, header, name, cells), "text/csv").run()
        app.button(key="import-all").click().run()
        assert not app.exception and any("已写入 1 家企业" in s.value for s in app.success)
    props = _props(app_store, name)
    assert (props["data_as_of"], field_as_of(props, "insured_staff")) == ("2026-11-20", "2021-06-01")
