"""Review of judgement: verdicts survive reloads, stale ones are shown, analyses honour them, the app gates them."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import openpyxl
import pytest
from app_runs import APP_TIMEOUT_SECONDS, EDITOR_PASSWORD
from cli_runs import chainkg
from streamlit.testing.v1 import AppTest

from graph.embedded import EmbeddedStore
from graph.model import NodeLabel
from graph.neo4j_store import Neo4jStore
from graph.store import GraphStore, StoreError
from graph.vocabulary import ReviewState
from loaders.load import load_all
from loaders.review import element_key, record_review
from present.report import build_report
from queries.gaps import gaps
from queries.health import health
from queries.review import ORPHANED, judgement_items, link_key, review_id, reviewed_profiles

CHAINKG = str(Path(sys.executable).parent / "chainkg")
ROOT = Path(__file__).resolve().parent.parent
HOUSING, SERVO, MOTOR = "segment:电机外壳", "segment:伺服电机", "segment:中小型电动机"
"""电机外壳 supplies five motor types the plan names and two (伺服电机, 中小型电动机) only the template adds."""


def _housing(store: GraphStore, *, confirmed_only: bool = False) -> int:
    (row,) = [r for r in gaps(store, "电机", confirmed_only=confirmed_only) if r.segment_id == HOUSING]
    return row.downstream_segments


def _state(store: GraphStore, element: str) -> str:
    (item,) = [i for i in judgement_items(store, "电机") if i.element == element]
    return item.state


def test_cli_review_survives_load_and_reset(store: EmbeddedStore) -> None:
    data_dir = store.data_dir
    done = chainkg("review", "confirm", "--from", "电机外壳", "--to", "伺服电机", "--by", "张三", data_dir=data_dir)
    assert done.returncode == 0, done.stderr
    assert "已确认" in done.stdout
    for load in (["load"], ["load", "--reset"]):
        assert chainkg(*load, data_dir=data_dir).returncode == 0
        listed = chainkg(
            "review", "list", "--chain", "电机", "--state", "已确认", "--format", "json", data_dir=data_dir
        )
        (item,) = json.loads(listed.stdout)
        assert (item["element"], item["reviewer"], item["state"]) == ("电机外壳 → 伺服电机", "张三", "已确认")
        assert item["reason"] and item["reason_from"]


def test_cli_errors_are_one_chinese_line(store: EmbeddedStore) -> None:
    data_dir = store.data_dir
    plan_fact = chainkg("review", "reject", "--from", "电机外壳", "--to", "微电机", "--by", "张三", data_dir=data_dir)
    assert plan_fact.returncode == 1 and "出自规划原文" in plan_fact.stderr
    assert len(plan_fact.stderr.strip().splitlines()) == 1
    unnamed = chainkg("review", "confirm", "--segment", "不存在的环节", "--by", "张三", data_dir=data_dir)
    assert unnamed.returncode == 1 and "找不到环节" in unnamed.stderr
    no_note = chainkg("review", "modify", "--from", "电机外壳", "--to", "伺服电机", "--by", "张三", data_dir=data_dir)
    assert no_note.returncode == 1 and "写明改了什么" in no_note.stderr
    no_reviewer = chainkg("review", "confirm", "--from", "电机外壳", "--to", "伺服电机", data_dir=data_dir)
    assert no_reviewer.returncode == 2 and "--by" in no_reviewer.stderr


def test_a_review_whose_element_is_gone_is_listed_as_orphaned(store: EmbeddedStore) -> None:
    record_review(store, link_key("segment:旧环节", "segment:已删除环节"), ReviewState.CONFIRMED, "李四", "旧种子")
    load_all(store, reset=True)
    (orphan,) = [i for i in judgement_items(store) if i.state == ORPHANED]
    assert (orphan.reviewer, orphan.note) == ("李四", "旧种子")
    assert store.get_node(review_id(orphan.key)) is not None


def test_confirmed_only_counts_reviewed_links_and_rejection_always_removes(store: EmbeddedStore) -> None:
    everything, plan_only = _housing(store), _housing(store, confirmed_only=True)
    assert plan_only < everything
    key, _ = element_key(store, link=("电机外壳", "伺服电机"))
    record_review(store, key, ReviewState.CONFIRMED, "张三")
    assert _housing(store, confirmed_only=True) == plan_only + 1  # 伺服电机 itself; its own outlets are unreviewed
    record_review(store, link_key(HOUSING, MOTOR), ReviewState.REJECTED, "张三", "外壳不单独供应通用电动机")
    assert _housing(store) < everything
    assert _state(store, "电机外壳 → 中小型电动机") == "已否决"


def test_a_rejected_template_segment_leaves_health(store: EmbeddedStore) -> None:
    (before,) = health(store, "电机")
    template = next(i for i in judgement_items(store, "电机") if i.kind == "模板环节")
    record_review(store, template.key, ReviewState.REJECTED, "张三", "本地不存在该细分环节")
    (after,) = health(store, "电机")
    assert after.segments == before.segments - 1


def test_a_name_inferred_tie_counts_unless_rejected_or_unconfirmed(store: EmbeddedStore) -> None:
    def locals_in_fabric(confirmed_only: bool) -> list[str]:
        profiles = reviewed_profiles(store, store.segment_profiles(), confirmed_only=confirmed_only)
        return next(p.local_enterprises for p in profiles if p.id == "segment:涤纶布")

    assert "enterprise:东骏纺织" in locals_in_fabric(False)
    assert "enterprise:东骏纺织" not in locals_in_fabric(True)
    key, _ = element_key(store, tie=("东骏纺织", "涤纶布"))
    record_review(store, key, ReviewState.CONFIRMED, "王五")
    assert "enterprise:东骏纺织" in locals_in_fabric(True)
    record_review(store, key, ReviewState.REJECTED, "王五", "名称不足以断定产品")
    assert "enterprise:东骏纺织" not in locals_in_fabric(False)


def test_export_carries_reviews(store: EmbeddedStore, tmp_path: Path) -> None:
    record_review(store, link_key(HOUSING, SERVO), ReviewState.MODIFIED, "张三", "改为伺服电机机壳")
    for scope in ([], ["--chain", "电机"]):
        out = tmp_path / "导出.json"
        assert chainkg("export", *scope, "-o", str(out), data_dir=store.data_dir).returncode == 0
        nodes = json.loads(out.read_text(encoding="utf-8"))["nodes"]
        reviews = [n["properties"] for n in nodes if n["labels"] == ["Review"]]
        assert [(r["state"], r["note"]) for r in reviews] == [("modified", "改为伺服电机机壳")]
    graphml = chainkg("export", "--format", "graphml", "--chain", "电机", data_dir=store.data_dir).stdout
    assert "改为伺服电机机壳" in graphml


def test_a_plan_segment_is_not_judgement(store: EmbeddedStore) -> None:
    with pytest.raises(StoreError, match="出自规划"):
        element_key(store, segment="电机外壳")


def _data_page() -> AppTest:
    app = AppTest.from_file(str(ROOT / "ui" / "data.py"), default_timeout=APP_TIMEOUT_SECONDS).run()
    assert not app.exception, app.exception
    assert "review-chain" not in [s.key for s in app.selectbox], "判断清单点“审阅判断”才画"
    app.segmented_control(key="data-view").set_value("审阅判断").run()
    app.selectbox(key="review-chain").set_value("电机").run()
    return app


def test_app_review_is_read_only_for_everyone_but_editors(app_store: EmbeddedStore) -> None:
    app = _data_page()
    assert any("只读" in i.value for i in app.info)
    assert not [b for b in app.button if b.key == "review-save"]
    assert "理由来源" in app.dataframe[0].value.columns
    app.text_input(key="editor-password").set_value(EDITOR_PASSWORD)
    app.button(key="editor-login").click().run()
    app.selectbox(key="review-chain").set_value("电机").run()
    label = next(o for o in app.selectbox(key="review-item").options if "电机外壳 → 伺服电机" in o)
    app.selectbox(key="review-item").set_value(label)
    app.radio(key="review-state").set_value(ReviewState.REJECTED)
    app.text_input(key="review-by").set_value("赵六")
    app.button(key="review-save").click().run()
    assert not app.exception, app.exception
    assert any("已否决" in s.value for s in app.success)
    assert _state(app_store, "电机外壳 → 伺服电机") == "已否决"
    assert app_store.get_node(review_id(link_key(HOUSING, SERVO))) is not None


@pytest.mark.neo4j
def test_both_backends_agree_on_reviewed_analyses(neo4j_store: Neo4jStore, store: EmbeddedStore) -> None:
    neo4j_store.clear()
    load_all(neo4j_store)
    for each in (store, neo4j_store):
        record_review(each, link_key(HOUSING, SERVO), ReviewState.CONFIRMED, "张三")
        record_review(each, link_key(HOUSING, MOTOR), ReviewState.REJECTED, "张三")
    for confirmed_only in (False, True):
        assert gaps(store, "电机", confirmed_only=confirmed_only) == gaps(
            neo4j_store, "电机", confirmed_only=confirmed_only
        )
    assert [n.id for n in neo4j_store.nodes(NodeLabel.REVIEW)] == [n.id for n in store.nodes(NodeLabel.REVIEW)]
    load_all(neo4j_store, reset=True)
    assert len(neo4j_store.nodes(NodeLabel.REVIEW)) == 2


def test_report_lists_the_review_state_of_each_supply_link(store: EmbeddedStore) -> None:
    record_review(store, link_key(HOUSING, SERVO), ReviewState.CONFIRMED, "张三")
    sheet = openpyxl.load_workbook(io.BytesIO(build_report(store, "电机").workbook))["供应关系"]
    rows = {(r[0], r[1]): r[3] for r in sheet.iter_rows(min_row=2, values_only=True)}
    assert rows[("电机外壳", "伺服电机")] == "已确认"
    assert rows[("电机外壳", "中小型电动机")] == "待审"
    assert rows[("电机外壳", "微电机")] in ("", None)


def test_items_say_their_basis_and_where_the_reason_came_from(loaded_store: EmbeddedStore) -> None:
    template = judgement_items(loaded_store, "电机", basis="模板")
    assert template and all(i.source == "模板" and "seed/templates/" in i.reason_from for i in template)
    assert all(i.reason for i in judgement_items(loaded_store, "电机"))
    (tie,) = judgement_items(loaded_store, "油料加工", basis="名称推断")
    assert "名称" in tie.reason and "名称推断" in tie.reason_from
