"""A local firm whose 登记状态 is 注销/吊销/迁出 … is 已关停 (former): it no longer counts as a local firm of its
segment. Imports (in memory, the page's, `--stream`) and `chainkg load` write it so, on both backends alike; a live
status given later brings back a firm an import's status closed, never one the plan itself calls closed."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import pytest
from cli_runs import chainkg
from test_app import _logged_in_data_page, _shown

from graph.embedded import EmbeddedStore
from graph.model import GraphData, Node, NodeLabel, PropertyValue, Relationship, RelType, node_id
from graph.neo4j_store import Neo4jStore
from graph.store import NAME_ID_PREFIX, GraphStore
from graph.vocabulary import FORMER_BY_STATUS, Locality, Status
from loaders.importing import apply_import, plan_import, rows_of
from loaders.load import load_all
from loaders.status_locality import with_status_localities
from loaders.streaming import StreamingImport
from queries.cards import enterprise_card
from queries.gaps import gaps, segment_statuses
from queries.health import health

TODAY = dt.date(2026, 12, 3)
MOULD = node_id(NodeLabel.SEGMENT, "模具")
"""A gap with no local firm (规划认定缺失): the new firm would be its only local one."""
POLYESTER = node_id(NodeLabel.SEGMENT, "涤纶布")
"""东骏纺织, named by the plan, is its only local firm."""
NEW_FIRM = "测试注销模具有限公司"
NEW_ID = NAME_ID_PREFIX + "测试注销模具"
"""The id an import gives a firm without a credit code: the prefix and its name key."""
PLAN_FIRM = node_id(NodeLabel.ENTERPRISE, "东骏纺织")
PLAN_FORMER = node_id(NodeLabel.ENTERPRISE, "湘江纸业")
CLOSED = "登记状态为“注销”：记为已关停，不计入本地企业数与缺口"


def _csv(*rows: tuple[str, str]) -> bytes:
    lines = ["企业名称,登记状态,经营范围", *(f"{name},{status},{scope}" for name, status, scope in _scoped(rows))]
    return ("\n".join(lines) + "\n").encode()


def _scoped(rows: tuple[tuple[str, str], ...]) -> list[tuple[str, str, str]]:
    return [(name, status, "精密模具的设计与制造" if "模具" in name else "") for name, status in rows]


def _import(
    store: GraphStore, file_name: str, *rows: tuple[str, str], locality: str = Locality.LOCAL
) -> list[dict[str, object]]:
    plan = plan_import(store, file_name, _csv(*rows), locality=locality, today=TODAY)
    assert not plan.has_errors, rows_of(plan.rows)
    apply_import(store, plan)
    return rows_of(plan.rows)


def _status(store: GraphStore, segment_id: str) -> tuple[Status, int]:
    (row,) = [row for row in segment_statuses(store) if row.segment_id == segment_id]
    return row.status, row.local_count


def _firm(store: GraphStore, eid: str) -> tuple[object, object, object]:
    node = store.get_node(eid)
    assert node is not None
    return node.properties.get("status"), node.properties.get("locality"), node.properties.get(FORMER_BY_STATUS)


def _story(store: GraphStore) -> list[object]:
    """Every step a person takes, and what the store answers after each: compared across backends."""
    seen: list[object] = []
    before_gaps, before_health = gaps(store), health(store)
    assert _status(store, MOULD) == (Status.MISSING, 0)

    rows = _import(store, "名录一.csv", (NEW_FIRM, "注销"))
    assert rows[0]["结果"] == "新增" and CLOSED in str(rows[0]["说明"]), rows
    assert gaps(store) == before_gaps, "已注销的本地企业不能让缺失的环节显示为已覆盖"
    assert health(store) == before_health
    status, locality, why = _firm(store, NEW_ID)
    assert (status, locality) == ("注销", Locality.FORMER)
    assert "名录一.csv" in str(why) and "注销" in str(why) and "2026-12-03" in str(why)
    card = enterprise_card(store, NEW_FIRM)
    assert card.locality == "已关停" and card.leaving == [] and card.closed_because == why, "企业卡片写明为何已关停"
    seen += [gaps(store), _firm(store, NEW_ID)]

    rows = _import(store, "名录二.csv", (NEW_FIRM, "存续"))
    assert rows[0]["结果"] == "更新" and "恢复为本地企业" in str(rows[0]["说明"]), rows
    assert _firm(store, NEW_ID) == ("存续", Locality.LOCAL, "")
    assert _status(store, MOULD) == (Status.SINGLE, 1), "恢复存续后重新计为该环节的本地企业"
    seen += [gaps(store), _status(store, MOULD)]

    assert _status(store, POLYESTER) == (Status.SINGLE, 1)
    rows = _import(store, "名录三.csv", ("东骏纺织", "吊销，未注销"), locality=Locality.CANDIDATE)
    assert "登记状态为“吊销,未注销”：记为已关停，不计入本地企业数与缺口" in str(rows[0]["说明"]), rows
    assert "保持不变" not in str(rows[0]["说明"])
    assert _firm(store, PLAN_FIRM)[:2] == ("吊销,未注销", Locality.FORMER)
    assert _status(store, POLYESTER) == (Status.UNKNOWN, 0), "规划点名的本地企业吊销后不再计入"

    rows = _import(store, "名录四.csv", ("湘江纸业", "存续"))
    assert "保持不变" in str(rows[0]["说明"]) and "恢复" not in str(rows[0]["说明"]), rows
    assert _firm(store, PLAN_FORMER) == ("存续", Locality.FORMER, None), "规划认定已关停的企业不因导入而恢复"
    seen += [gaps(store), health(store), _firm(store, PLAN_FIRM), _firm(store, PLAN_FORMER)]

    load_all(store)  # the seed writes 东骏纺织 as local: the status an import gave must still hold
    assert _firm(store, PLAN_FIRM)[:2] == ("吊销,未注销", Locality.FORMER)
    assert "名录三.csv" in str(_firm(store, PLAN_FIRM)[2])
    assert _status(store, POLYESTER) == (Status.UNKNOWN, 0)
    assert _firm(store, PLAN_FORMER)[1] == Locality.FORMER
    seen += [gaps(store), _firm(store, PLAN_FIRM)]
    return seen


def test_a_dead_local_firm_counts_nowhere_until_it_is_live_again(store: EmbeddedStore) -> None:
    _story(store)


@pytest.mark.neo4j
def test_both_backends_tell_the_same_story(store: EmbeddedStore, neo4j_store: Neo4jStore) -> None:
    neo4j_store.clear()
    load_all(neo4j_store)
    assert _story(neo4j_store) == _story(store)


def _legacy(store: GraphStore) -> None:
    """A local firm stored with a dead status before imports made such firms former (an older chainkg)."""
    props: dict[str, PropertyValue] = {
        "name": NEW_FIRM,
        "locality": "local",
        "status": "注销",
        "source_file": "旧名录.csv",
    }
    tie = Relationship(type=RelType.OPERATES_IN, start=NEW_ID, end=MOULD, properties={"source": "导入"})
    store.write(GraphData(nodes=[Node(id=NEW_ID, label=NodeLabel.ENTERPRISE, properties=props)], relationships=[tie]))


@pytest.fixture(params=["embedded", pytest.param("neo4j", marks=pytest.mark.neo4j)])
def each(request: pytest.FixtureRequest, store: EmbeddedStore) -> GraphStore:
    """The loaded seed on one backend: the test's private embedded copy, or Neo4j loaded afresh."""
    if request.param == "embedded":
        return store
    neo4j: Neo4jStore = request.getfixturevalue("neo4j_store")
    neo4j.clear()
    load_all(neo4j)
    return neo4j


def test_load_makes_a_dead_local_firm_already_stored_former(each: GraphStore) -> None:
    before = gaps(each)
    _legacy(each)
    assert _status(each, MOULD) == (Status.SINGLE, 1), "旧数据：已注销的本地企业仍被计入"
    load_all(each)
    status, locality, why = _firm(each, NEW_ID)
    assert (status, locality) == ("注销", Locality.FORMER) and "注销" in str(why)
    assert gaps(each) == before
    _import(each, "名录.csv", (NEW_FIRM, "存续"))
    assert _firm(each, NEW_ID)[1] == Locality.LOCAL, "加载时因登记状态关停的企业，存续后同样恢复"


def _write_csv(path: Path, rows: list[tuple[str, str]]) -> Path:
    path.write_bytes(_csv(*rows))
    return path


def _report(path: Path) -> dict[str, dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as stream:
        return {row["企业名称"]: row for row in csv.DictReader(stream)}


def test_the_streamed_import_writes_and_reports_the_same(
    each: GraphStore, store: EmbeddedStore, tmp_path: Path
) -> None:
    """Streamed into `each`; the in-memory import of the same file goes into a copy of the seed."""
    before = gaps(each)
    other_dir = tmp_path / "other"
    other_dir.mkdir()
    store.compact()
    (other_dir / store.path.name).write_bytes(store.path.read_bytes())
    other = EmbeddedStore(other_dir)
    rows = [(NEW_FIRM, "注销"), ("东骏纺织", "吊销"), ("测试存续模具有限公司", "存续")]
    path = _write_csv(tmp_path / "名录.csv", rows)

    importer = StreamingImport(each, path, locality=Locality.LOCAL, today=TODAY, batch_rows=2)
    check = importer.check(tmp_path / "报告.csv")
    plan = plan_import(other, path.name, path.read_bytes(), locality=Locality.LOCAL, today=TODAY)
    assert check.summary() == plan.summary()
    assert "登记状态非存续 2 行：2 家本地企业记为已关停，不计入本地企业数与缺口" in check.summary()
    assert check.report is not None
    report = _report(check.report)
    assert set(report) == {NEW_FIRM, "东骏纺织"}, "报告要列出每个登记状态非存续的行"
    assert CLOSED in report[NEW_FIRM]["说明"] and "模具" in report[NEW_FIRM]["将关联的环节"]
    assert "登记状态为“吊销”：记为已关停" in report["东骏纺织"]["说明"]

    importer.write(check)
    apply_import(other, plan)
    for firm in (NEW_ID, PLAN_FIRM):
        assert _firm(each, firm) == _firm(other, firm)
        assert _firm(each, firm)[1] == Locality.FORMER
    assert _status(each, POLYESTER) == (Status.UNKNOWN, 0)
    assert [g for g in gaps(each) if g.segment_id == MOULD] != [g for g in before if g.segment_id == MOULD]
    assert gaps(each) == gaps(other)


def test_a_streamed_candidate_list_says_dead_firms_stay_off_the_lists(store: EmbeddedStore, tmp_path: Path) -> None:
    path = _write_csv(tmp_path / "候选.csv", [(NEW_FIRM, "注销"), ("测试吊销模具有限公司", "吊销")])
    importer = StreamingImport(store, path, locality=Locality.CANDIDATE, today=TODAY)
    check = importer.check(tmp_path / "报告.csv")
    assert "登记状态非存续 2 行：2 家不列入招商目标名单" in check.summary()
    assert check.report is not None
    assert "登记状态为“注销”：保留在图谱中，不列入招商目标名单" in _report(check.report)[NEW_FIRM]["说明"]
    importer.write(check)
    assert _firm(store, NEW_ID)[:2] == ("注销", Locality.CANDIDATE)


def test_the_cli_stream_report_gives_the_count_and_the_note(store: EmbeddedStore, tmp_path: Path) -> None:
    path = _write_csv(tmp_path / "名录.csv", [(NEW_FIRM, "注销"), ("测试存续模具有限公司", "存续")])
    report = tmp_path / "问题.csv"
    done = chainkg("import", "enterprises", str(path), "--stream", "--report", str(report), data_dir=store.data_dir)
    assert done.returncode == 0, done.stderr
    assert "登记状态非存续 1 行：1 家本地企业记为已关停，不计入本地企业数与缺口" in done.stderr
    assert str(report) in done.stderr and CLOSED in _report(report)[NEW_FIRM]["说明"]
    fresh = EmbeddedStore(store.data_dir)
    assert _firm(fresh, NEW_ID)[:2] == ("注销", Locality.FORMER)


def test_the_import_page_says_a_dead_local_firm_is_closed(app_store: EmbeddedStore) -> None:
    app = _logged_in_data_page()
    app.file_uploader(key="import-file").upload("名录.csv", _csv((NEW_FIRM, "注销")), "text/csv").run()
    assert not app.exception
    (table,) = app.dataframe
    assert CLOSED in table.value["说明"][0]
    assert any("登记状态非存续 1 行：1 家本地企业记为已关停" in _shown(m.value) for m in app.markdown)
    app.button(key="import-all").click().run()
    assert not app.exception
    assert _firm(EmbeddedStore(app_store.data_dir), NEW_ID)[:2] == ("注销", Locality.FORMER)


def test_a_seed_that_calls_a_closed_firm_former_keeps_imports_from_reviving_it(store: EmbeddedStore) -> None:
    _import(store, "名录.csv", ("东骏纺织", "注销"))
    assert _firm(store, PLAN_FIRM)[1:] == (Locality.FORMER, "2026-12-03 导入“名录.csv”时登记状态为“注销”")
    seed = load_all(EmbeddedStore(store.data_dir.parent / "seed-only"))
    declared = [
        n.model_copy(update={"properties": {**n.properties, "locality": Locality.FORMER.value}})
        if n.id == PLAN_FIRM
        else n
        for n in seed.nodes
    ]
    store.write(with_status_localities(store, GraphData(nodes=declared, relationships=seed.relationships)))
    assert _firm(store, PLAN_FIRM) == ("注销", Locality.FORMER, "")
    _import(store, "名录二.csv", ("东骏纺织", "存续"))
    assert _firm(store, PLAN_FIRM) == ("存续", Locality.FORMER, ""), "规划认定已关停后，导入的存续不再恢复它"
