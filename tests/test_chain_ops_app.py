"""The 供需对接 page, the 风险清单 on 薄弱环节 and the 延链机会 on 招商目标 show what the office came for (AppTest)."""

from __future__ import annotations

import pytest

from present.tables import PAGE_ROWS
from tests.test_app import _page, _tables, app_env  # noqa: F401  (the fixture: the app on the loaded seed)

pytestmark = pytest.mark.usefixtures("app_env")


def test_supply_page_for_the_motor_chain_and_for_an_enterprise() -> None:
    app = _page("supply")
    assert app.title[0].value == "供需对接"
    inputs = app.dataframe[0].value
    assert "科力尔电机" in set(inputs["本地供应商"])
    assert "无本地供应商（外部依赖）" in set(inputs["本地配套"])
    assert "supply-target-input" not in [s.key for s in app.selectbox]
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
    assert "步进电机" in set(app.dataframe[0].value["环节"])


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
