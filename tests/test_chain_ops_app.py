"""The 供需对接 page, the 风险清单 on 薄弱环节 and the 延链机会 on 招商目标 show what the office came for (AppTest)."""

from __future__ import annotations

import pytest
from test_app import _page, _tables, app_env  # noqa: F401  (the fixture: the app on the loaded seed)

from present.tables import PAGE_ROWS
from ui.chain_ops import PLAIN_ROWS

pytestmark = pytest.mark.usefixtures("app_env")


def test_supply_page_for_the_motor_chain_and_for_an_enterprise() -> None:
    app = _page("supply")
    assert app.title[0].value == "供需对接"
    assert not app.dataframe, "默认的投入表是纯 HTML 表，不是交互表"
    inputs = _tables(app)[0]
    assert "科力尔电机" in set(inputs["本地供应商"])
    assert "无本地供应商（外部依赖）" in set(inputs["本地配套"])
    assert "supply-target-input" not in [s.key for s in app.selectbox]
    paged = "supply-inputs-page" in [s.key for s in app.selectbox]
    app.toggle(key="supply-inputs-interactive").set_value(True).run()
    assert len(app.dataframe) == 1 and not _tables(app), "打开开关后同一张清单是交互表"
    whole = list(app.dataframe[0].value["环节"])
    assert len(inputs) == min(PLAIN_ROWS, len(whole)) and whole[: len(inputs)] == list(inputs["环节"])
    assert paged == (len(whole) > PLAIN_ROWS), "超过一页时纯 HTML 表可选页码"
    app.toggle(key="supply-inputs-interactive").set_value(False).run()
    app.segmented_control(key="supply-list").set_value("外部依赖").run()
    assert not app.dataframe, "一次只画所选的一张清单"
    assert "电机外壳" in set(_tables(app)[0]["外部依赖的投入"])
    assert app.selectbox(key="supply-target-input").options[0] in set(_tables(app)[0]["外部依赖的投入"])
    app.segmented_control(key="supply-list").set_value("各产业链本地配套率").run()
    assert "电机" in set(_tables(app)[0]["产业链"])
    assert {"本地配套率", "投入数"} <= {m.label for m in app.metric}
    app.radio(key="supply-by").set_value("本地企业").run()
    assert not app.exception
    assert app.selectbox(key="supply-enterprise").value == "科力尔电机"
    assert app.segmented_control(key="supply-list").options == ["投入与本地供应商", "外部依赖", "各产业链本地配套率"]
    app.segmented_control(key="supply-list").set_value("投入与本地供应商").run()
    assert "步进电机" in set(_tables(app)[0]["环节"])


def test_weak_links_page_ranks_risks_with_reasons_a_page_at_a_time() -> None:
    """All chains hold hundreds of risk rows: PAGE_ROWS a page in rank order, the next page the next ranks, and
    an order chosen in 排序 applies to the whole list."""
    app = _page("weak_links")
    app.segmented_control(key="gaps-view").set_value("风险清单").run()
    risks = app.dataframe[0].value
    total = int(next(w.value for w in app.markdown if w.value.startswith("共 ")).split()[1])
    assert total > PAGE_ROWS and list(risks["排名"]) == list(range(1, PAGE_ROWS + 1))
    assert (risks["原因"] != "").all()
    app.selectbox(key="risk-page").set_value(2).run()
    assert list(app.dataframe[0].value["排名"]) == list(range(PAGE_ROWS + 1, min(total, 2 * PAGE_ROWS) + 1))
    app.selectbox(key="risk-sort").set_value("排名").run()
    app.toggle(key="risk-reverse").set_value(True).run()
    assert list(app.dataframe[0].value["排名"]) == list(range(total, total - PAGE_ROWS, -1)), "倒序从最后一名排起"
    app.selectbox(key="gaps-chain").set_value("电机").run()
    risks = next(d.value for d in app.dataframe if "风险分" in d.value.columns)
    stepper = risks[risks["环节"] == "步进电机"].iloc[0]
    assert stepper["单一来源"] == "是" and stepper["本地供应商"] == "科力尔电机"


def test_targets_page_lists_near_and_far_opportunities() -> None:
    app = _page("targeting")
    chances = next(d.value for d in app.dataframe if "关联密度" in d.value.columns)
    assert set(chances["远近"]) == {"近", "远"}
    assert chances["说明"].str.contains("关联密度").all()


def _plain_list() -> None:
    """A list of 250 rows as ui.common.paged_table draws it in plain HTML (the 供需对接 page's default inputs view)."""
    from present.tables import list_pager
    from ui.common import paged_table

    rows = [{"序号": n, "名称": f"<b>企业{n}</b>"} for n in range(1, 251)]
    paged_table(list_pager(rows), ["序号", "名称"], "plain", own_order="原有顺序", plain=True)


def test_a_plain_paged_list_pages_in_its_own_order_without_an_interactive_table() -> None:
    from streamlit.testing.v1 import AppTest

    app = AppTest.from_function(_plain_list).run()
    assert not app.exception and not app.dataframe
    assert [s.key for s in app.selectbox] == ["plain-page"] and not app.toggle, "纯 HTML 表只有“页”"
    shown = _tables(app)[0]
    assert list(shown["序号"]) == [str(n) for n in range(1, PAGE_ROWS + 1)]
    assert shown["名称"][0] == "<b>企业1</b>", "名称原样显示，不被当作标记"
    app.selectbox(key="plain-page").set_value(2).run()
    assert list(_tables(app)[0]["序号"]) == [str(n) for n in range(PAGE_ROWS + 1, 2 * PAGE_ROWS + 1)]
    assert any("共 250 条，按原有顺序排列，本页是第 101–200 条" in c.value for c in app.caption)
    assert not app.dataframe
