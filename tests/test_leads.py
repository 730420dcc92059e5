"""Investment leads: history, reloads, 已落地 filling a gap (and undone), both backends, CLI, Excel, app access."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import openpyxl
import pytest
from app_runs import APP_TIMEOUT_SECONDS, EDITOR_PASSWORD
from cli_runs import chainkg
from streamlit.testing.v1 import AppTest

from graph.embedded import EmbeddedStore
from graph.model import Node, NodeLabel, RelType, node_id
from graph.neo4j_store import Neo4jStore
from graph.store import GraphStore, StoreError
from graph.vocabulary import Basis, LeadStatus, Locality, Status
from loaders.importing import apply_import, plan_import
from loaders.leads import set_lead
from loaders.load import load_all
from present.tables import flat_rows
from queries.gaps import gaps, segment_statuses
from queries.health import health
from queries.leads import LEAD_COLUMNS, leads
from queries.scenarios import what_if
from queries.targets import targets

ROOT = Path(__file__).resolve().parent.parent
GAP = "模具"
GAP_ID = node_id(NodeLabel.SEGMENT, GAP)


def _stored(store: GraphStore, node_id: str) -> Node:
    """The node the store holds under `node_id` (the test fails where it holds none)."""
    node = store.get_node(node_id)
    assert node is not None, node_id
    return node


def _firm(store: GraphStore) -> tuple[str, str]:
    """(id, name) of the best-ranked candidate for the gap: the firm the tests court."""
    best = targets(store, GAP).targets[0]
    return best.enterprise_id, best.name


def _status(store: GraphStore, segment_id: str = GAP_ID) -> Status:
    (row,) = [row for row in segment_statuses(store) if row.segment_id == segment_id]
    return row.status


def test_the_gap_really_is_missing_and_has_targets(store: EmbeddedStore) -> None:
    assert _status(store) == Status.MISSING
    assert targets(store, GAP).targets


def test_history_records_every_change_with_who_when_and_from_to(store: EmbeddedStore) -> None:
    _, firm = _firm(store)
    set_lead(store, firm, GAP, owner="张三", note="从名单中选出")
    set_lead(store, firm, GAP, status=LeadStatus.CONTACTED, note="电话联系上总经理", next_contact="2026-12-15")
    set_lead(store, firm, GAP, status=LeadStatus.NEGOTIATING, owner="李四", by="王五")
    (lead,) = leads(store)
    assert (lead.status, lead.owner, lead.next_contact, lead.last_note) == (
        LeadStatus.NEGOTIATING,
        "李四",
        "2026-12-15",
        "电话联系上总经理",
    )
    assert [(c.from_label, c.to_label, c.by) for c in lead.history] == [
        ("（新建）", "待接触", "张三"),
        ("待接触", "已接触", "张三"),
        ("已接触", "洽谈中", "王五"),
    ]
    assert lead.history_count == 3 and all(c.at for c in lead.history)
    with pytest.raises(StoreError, match="没有要记录的变化"):
        set_lead(store, firm, GAP)


def test_refusals_say_why_in_chinese(store: EmbeddedStore) -> None:
    _, firm = _firm(store)
    with pytest.raises(StoreError, match="负责人"):
        set_lead(store, firm, GAP)
    with pytest.raises(StoreError, match="年-月-日"):
        set_lead(store, firm, GAP, owner="张三", next_contact="12月15日")
    with pytest.raises(StoreError, match="没有关联"):
        set_lead(store, firm, "伺服电机", owner="张三")
    local = store.nodes(NodeLabel.ENTERPRISE, locality=Locality.LOCAL.value)[0]
    tied = store.relationships(RelType.OPERATES_IN, start=local.id)[0]
    with pytest.raises(StoreError, match="已是本地企业"):
        set_lead(store, local.id, str(_stored(store, tied.end).name), owner="张三")
    assert not store.nodes(NodeLabel.LEAD)


def test_no_lead_and_no_landing_for_a_firm_that_is_not_live(store: EmbeddedStore) -> None:
    """A 注销/吊销 firm never reaches a target list, so no lead may be opened on it, and a lead whose firm was
    deregistered since (a re-import says so) cannot land it: a dead firm would fill the gap on paper."""
    raw = "企业名称,登记状态,经营范围\n测试注销模具有限公司,注销,精密模具的设计与制造\n".encode()
    apply_import(store, plan_import(store, "企查查导出.csv", raw, locality=Locality.CANDIDATE))
    with pytest.raises(StoreError, match="登记状态为“注销”"):
        set_lead(store, "测试注销模具有限公司", GAP, owner="张三")
    _, firm = _firm(store)
    set_lead(store, firm, GAP, owner="张三", status=LeadStatus.NEGOTIATING)
    raw = f"企业名称,登记状态\n{firm},吊销，未注销\n".encode()
    apply_import(store, plan_import(store, "企查查导出.csv", raw, locality=Locality.CANDIDATE))
    with pytest.raises(StoreError, match="登记状态为“吊销"):
        set_lead(store, firm, GAP, status=LeadStatus.LANDED)
    assert _status(store) == Status.MISSING
    (lead,) = leads(store)
    assert lead.not_live == "吊销,未注销（非存续）", "看板和导出要提醒：这家企业已不是存续企业"
    row = dict(zip(LEAD_COLUMNS.values(), flat_rows([lead], LEAD_COLUMNS)[0].values(), strict=True))
    assert row["企业登记状态"] == "吊销,未注销（非存续）"
    set_lead(store, firm, GAP, status=LeadStatus.DROPPED, note="企业已吊销")
    assert leads(store)[0].status == LeadStatus.DROPPED


def test_overdue_only_while_still_followed_up(store: EmbeddedStore) -> None:
    _, firm = _firm(store)
    set_lead(store, firm, GAP, owner="张三", next_contact="2026-12-15")
    (lead,) = leads(store, today=date(2026, 12, 20))
    assert lead.overdue and lead.overdue_note == "逾期 5 天"
    assert not leads(store, today=date(2026, 12, 15))[0].overdue
    set_lead(store, firm, GAP, status=LeadStatus.DROPPED, note="对方无意向")
    assert not leads(store, today=date(2026, 12, 20))[0].overdue


def test_landing_fills_the_gap_and_going_back_undoes_it(store: EmbeddedStore) -> None:
    eid, firm = _firm(store)
    tie_before = store.relationships(RelType.OPERATES_IN, start=eid, end=GAP_ID)[0].properties
    gaps_before, health_before = gaps(store), health(store)
    coverage_before = what_if(store, [GAP]).coverage_before
    set_lead(store, firm, GAP, owner="张三", status=LeadStatus.SIGNED)
    assert targets(store, GAP).targets[0].lead_status == "已签约"

    set_lead(store, firm, GAP, status=LeadStatus.LANDED, note="项目在零陵开工")
    assert _status(store) != Status.MISSING
    assert eid in next(p.local_enterprises for p in store.segment_profiles() if p.id == GAP_ID)
    (tie,) = store.relationships(RelType.OPERATES_IN, start=eid, end=GAP_ID)
    assert tie.properties["basis"] == Basis.LEAD_LANDED.value == "招商落地"
    assert date.today().isoformat() in str(tie.properties["note"]) and "张三" in str(tie.properties["note"])
    (row,) = [g for g in gaps(store) if g.segment_id == GAP_ID]
    assert row.status != Status.MISSING and row.local_count == 1
    assert sum(h.local_enterprises for h in health(store)) > sum(h.local_enterprises for h in health_before)
    assert what_if(store, [GAP]).coverage_before > coverage_before
    assert firm not in [t.name for t in targets(store, GAP).targets]

    set_lead(store, firm, GAP, status=LeadStatus.NEGOTIATING, note="落地登记有误，退回洽谈")
    assert _stored(store, eid).properties["locality"] == Locality.CANDIDATE
    assert store.relationships(RelType.OPERATES_IN, start=eid, end=GAP_ID)[0].properties == tie_before
    assert gaps(store) == gaps_before and health(store) == health_before
    assert targets(store, GAP).targets[0].lead_status == "洽谈中"


def test_re_importing_the_landed_firm_keeps_it_landed(store: EmbeddedStore) -> None:
    """A candidate list imported again (its scope still matching 模具) must not turn a landing into a match."""
    eid, firm = _firm(store)
    set_lead(store, firm, GAP, owner="张三", status=LeadStatus.LANDED, note="项目在零陵开工")
    landed_tie = store.relationships(RelType.OPERATES_IN, start=eid, end=GAP_ID)[0].properties
    raw = f"企业名称,经营范围\n{firm},精密模具、冲压模具的设计与制造\n".encode()
    plan = plan_import(store, "企查查导出.csv", raw, locality=Locality.CANDIDATE)
    (row,) = plan.rows
    assert row.action == "更新" and "保持不变" in "".join(row.messages)
    apply_import(store, plan)
    (tie,) = store.relationships(RelType.OPERATES_IN, start=eid, end=GAP_ID)
    assert tie.properties == landed_tie and tie.properties["basis"] == Basis.LEAD_LANDED.value
    assert _stored(store, eid).properties["locality"] == Locality.LOCAL
    assert _stored(store, eid).properties["business_scope"] == "精密模具、冲压模具的设计与制造"
    assert _status(store) != Status.MISSING


def test_cli_leads_survive_load_and_reset_and_landing_stays(store: EmbeddedStore, tmp_path: Path) -> None:
    data_dir = store.data_dir
    eid, firm = _firm(store)
    done = chainkg(
        "lead", "set", firm, "--segment", GAP, "--status", "已接触", "--owner", "张三",
        "--note", "初次电话", "--next", "2026-12-15", data_dir=data_dir,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "已接触" in done.stdout
    landing = ("--status", "已落地", "--note", "签约落地")
    landed = chainkg("lead", "set", firm, "--segment", GAP, *landing, data_dir=data_dir)
    assert landed.returncode == 0, landed.stderr
    for load in (["load"], ["load", "--reset"]):
        assert chainkg(*load, data_dir=data_dir).returncode == 0
        listed = chainkg("lead", "list", "--format", "json", "--chain", "电机", data_dir=data_dir)
        assert listed.returncode == 0, listed.stderr
        (row,) = json.loads(listed.stdout)
        assert (row["enterprise"], row["status_label"], row["owner"]) == (firm, "已落地", "张三")
        assert row["history_count"] == 2
        reopened = EmbeddedStore(data_dir)
        assert _stored(reopened, eid).properties["locality"] == Locality.LOCAL
        assert _status(reopened) != Status.MISSING
    assert json.loads(chainkg("lead", "list", "--status", "放弃", "--format", "json", data_dir=data_dir).stdout) == []

    out = tmp_path / "线索.xlsx"
    exported = chainkg("lead", "export", "-o", str(out), data_dir=data_dir)
    assert exported.returncode == 0, exported.stderr
    book = openpyxl.load_workbook(out)
    sheet = book["招商线索"]
    assert f"导出日期：{date.today().isoformat()}" in str(sheet["A1"].value)
    headers = [c.value for c in sheet[2]]
    for title in ("产业链", "环节", "企业", "线索状态", "负责人", "下次联系", "最近备注", "变更次数"):
        assert title in headers
    values = dict(zip(headers, [c.value for c in sheet[3]], strict=True))
    assert (values["环节"], values["企业"], values["线索状态"], values["负责人"]) == (GAP, firm, "已落地", "张三")
    assert (values["下次联系"], values["最近备注"], values["变更次数"]) == ("2026-12-15", "签约落地", 2)
    assert sheet.column_dimensions["D"].width >= len(firm) * 2
    history = book["变更记录"]
    assert [row[4].value for row in history.iter_rows(min_row=3)] == ["（新建）", "已接触"]


def test_cli_errors_are_one_chinese_line(store: EmbeddedStore) -> None:
    data_dir = store.data_dir
    _, firm = _firm(store)
    wrong_status = chainkg("lead", "set", firm, "--segment", GAP, "--status", "已完成", data_dir=data_dir)
    assert wrong_status.returncode == 2 and "已落地" in wrong_status.stderr
    bad_date = chainkg("lead", "set", firm, "--segment", GAP, "--owner", "张三", "--next", "下周", data_dir=data_dir)
    assert bad_date.returncode == 1 and "年-月-日" in bad_date.stderr
    assert len(bad_date.stderr.strip().splitlines()) == 1
    nobody = chainkg("lead", "set", "不存在的企业", "--segment", GAP, "--owner", "张三", data_dir=data_dir)
    assert nobody.returncode == 1 and "找不到企业" in nobody.stderr


def _page() -> AppTest:
    app = AppTest.from_file(str(ROOT / "ui" / "leads.py"), default_timeout=APP_TIMEOUT_SECONDS).run()
    assert not app.exception, app.exception
    return app


def test_app_board_is_read_only_for_everyone_but_editors(app_store: EmbeddedStore) -> None:
    app = _page()
    assert any("还没有招商线索" in i.value for i in app.info)
    assert any("只对编辑开放" in i.value for i in app.info)
    assert not [b for b in app.button if b.key == "lead-save"]
    app.text_input(key="editor-password").set_value(EDITOR_PASSWORD)
    app.button(key="editor-login").click().run()
    app.selectbox(key="lead-segment").set_value(GAP).run()
    eid, firm = _firm(app_store)
    app.selectbox(key="lead-enterprise").set_value(eid)
    app.selectbox(key="lead-status").set_value(LeadStatus.CONTACTED)
    app.text_input(key="lead-owner").set_value("赵六")
    app.date_input(key="lead-next").set_value(date.today() - timedelta(days=3))
    app.button(key="lead-save").click().run()
    assert not app.exception, app.exception
    assert any("新建线索" in s.value for s in app.success)
    (lead,) = leads(app_store)
    assert (lead.enterprise, lead.status, lead.owner) == (firm, LeadStatus.CONTACTED, "赵六")
    app = _page()
    assert any("已过" in w.value for w in app.warning)
    assert any(firm in m.value for m in app.markdown)
    assert any("已接触（1）" in m.value for m in app.markdown)


@pytest.mark.neo4j
def test_both_backends_agree_and_neo4j_keeps_leads_through_reset(neo4j_store: Neo4jStore, store: EmbeddedStore) -> None:
    neo4j_store.clear()
    load_all(neo4j_store)
    eid, firm = _firm(store)
    assert _firm(neo4j_store) == (eid, firm)
    for each in (store, neo4j_store):
        set_lead(each, firm, GAP, owner="张三", status=LeadStatus.CONTACTED, next_contact="2026-12-15")
        set_lead(each, firm, GAP, status=LeadStatus.LANDED, note="已落地")
        assert _status(each) != Status.MISSING
    assert gaps(store) == gaps(neo4j_store) and health(store) == health(neo4j_store)

    def stable(each: GraphStore) -> list[tuple[object, ...]]:
        return [
            (r.key, r.status, r.owner, r.next_contact, r.last_note, r.segment_status, r.chains, r.history_count)
            for r in leads(each)
        ]

    assert stable(store) == stable(neo4j_store)
    load_all(neo4j_store, reset=True)
    assert stable(neo4j_store) == stable(store)
    assert _stored(neo4j_store, eid).properties["locality"] == Locality.LOCAL
    for each in (store, neo4j_store):
        set_lead(each, firm, GAP, status=LeadStatus.SIGNED, note="退回")
        assert _status(each) == Status.MISSING
    assert gaps(store) == gaps(neo4j_store)
