"""The three users' journeys through the running app in headless Chromium (issue #13, Done when).

- 链长办: 产业链工作台 for 电机 → a gap → why it is a gap → its targets → the report, which must be the one
  `chainkg report` writes;
- 招商: a gap → its target list → a firm's card → the target Excel;
- 研究人员: search on 图谱探索 → the segment's card → its upstream and downstream → the subgraph export.

Each step waits for what the user reads there and saves a screenshot to test-artifacts/journey-*.png; downloads
are opened and read. Nothing may leave 127.0.0.1.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from io import BytesIO
from pathlib import Path
from urllib.parse import parse_qs, urljoin, urlparse

import pytest
from browser_app import ARTIFACTS, WAIT_MS, external, frames_with_graph
from browser_app import choose as _choose
from openpyxl import load_workbook
from playwright.sync_api import Locator, Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from graph.embedded import EmbeddedStore

pytestmark = pytest.mark.browser
FOUNDRY = "铸造件"
PLAN_QUOTE = "本地配套能力不强，电镀件、铸造件、模具等环节缺乏"
CHAINKG = str(Path(sys.executable).parent / "chainkg")  # the real command, as a user runs it


def _shot(page: Page, name: str) -> None:
    page.screenshot(path=str(ARTIFACTS / f"journey-{name}.png"), full_page=True)


def _search(page: Page, app_url: str, text: str, hit: str) -> None:
    """On 图谱探索: search for `text` and pick `hit` among the several nodes whose names contain it."""
    page.goto(f"{app_url}/explore")
    search = page.get_by_label("搜索节点（产业链、环节、企业、园区、项目……）")
    search.fill(text)
    search.press("Enter")
    _choose(page, f"个名称含“{text}”的节点，请选择", hit)


def _query(page: Page) -> dict[str, list[str]]:
    return parse_qs(urlparse(page.url).query)


RECLICK_MS = 30_000
"""How long a download click is given before it is clicked again (a guard, not a speed check)."""


def _download(page: Page, button: str) -> bytes:
    """Click a download button once the script run has ended, and again if nothing comes: a rerun (a run still
    going, or one a graph component starts after it) replaces the button and its file link, and a click on the old
    link downloads nothing."""
    idle = page.locator('[data-testid="stApp"][data-test-script-state="notRunning"]')
    for _ in range(WAIT_MS // RECLICK_MS):
        idle.wait_for(timeout=WAIT_MS)
        try:
            with page.expect_download(timeout=RECLICK_MS) as info:
                page.get_by_role("button", name=button).click()
            return Path(info.value.path()).read_bytes()
        except PlaywrightTimeoutError:
            continue
    pytest.fail(f"点击“{button}”没有下载到文件")


def _cells(book: bytes) -> dict[str, list[tuple[object, ...]]]:
    workbook = load_workbook(BytesIO(book), read_only=True)
    return {sheet.title: list(sheet.iter_rows(values_only=True)) for sheet in workbook.worksheets}


def _chosen_gaps(page: Page) -> Locator:
    return (
        page.locator('[data-testid="stMultiSelect"]')
        .filter(has_text="缺口环节")
        .locator("[data-testid=stMultiSelectTagsContainer] [data-tag]")
    )


def test_official_chain_gap_why_targets_report(
    browser_page: tuple[Page, list[str]], app_url: str, loaded_store: EmbeddedStore, tmp_path: Path
) -> None:
    page, requests = browser_page
    requests.clear()
    page.goto(f"{app_url}/workspace?chain=电机")
    page.get_by_text("模具（缺失，严重度").wait_for()
    frame = next(frames_with_graph(page))
    missing = frame.evaluate("[...document.querySelectorAll('g.segment.missing')].map(g => g.dataset.name)")
    assert {"模具", FOUNDRY, "电镀/表面处理"} <= set(missing), "工作台的现状图标出缺失环节"
    _shot(page, "1-official-1-workspace")

    _choose(page, "查看缺口", FOUNDRY)
    page.get_by_text(f"{FOUNDRY}（缺失，严重度").wait_for()
    page.get_by_text("为什么是缺口").wait_for()
    page.get_by_text("规划明确指出该环节缺乏", exact=True).wait_for()  # the why section's point, not the gap table
    page.get_by_text(PLAN_QUOTE).first.wait_for()
    page.get_by_role("link", name="文灿股份").wait_for()
    page.wait_for_url(lambda url: parse_qs(urlparse(url).query).get("gap") == [FOUNDRY])
    _shot(page, "1-official-2-why")

    page.get_by_role("link", name=f"“{FOUNDRY}”的招商目标").click()
    page.get_by_text("从 1 家匹配的候选企业中排出前 1 家").wait_for()
    expect(_chosen_gaps(page)).to_have_text([FOUNDRY], timeout=WAIT_MS)
    assert _query(page) == {"chain": ["电机"], "gap": [FOUNDRY]}, "招商目标页的网址带着产业链和缺口"
    _shot(page, "1-official-3-targets")

    page.goto(f"{app_url}/workspace?chain=电机&gap={FOUNDRY}")
    page.get_by_text(f"{FOUNDRY}（缺失，严重度").wait_for()
    html = _download(page, "下载报告（HTML，含全景图与现状图）").decode("utf-8")
    book = _download(page, "下载报告（Excel）")
    _shot(page, "1-official-4-report")
    env = {**os.environ, "CHAINKG_DATA_DIR": str(loaded_store.data_dir), "CHAINKG_BACKEND": "embedded"}
    subprocess.run([CHAINKG, "report", "--chain", "电机", "-o", str(tmp_path)], env=env, check=True, timeout=300)
    assert html == (tmp_path / "电机产业链报告.html").read_text(encoding="utf-8"), "网页下载的报告与命令行生成的相同"
    sheets = _cells(book)
    assert sheets == _cells((tmp_path / "电机产业链报告.xlsx").read_bytes())
    assert FOUNDRY in {row[0] for row in sheets["缺口环节"]}
    assert ("铸造件", "文灿股份") in {row[:2] for row in sheets["招商目标"]}
    assert not external(requests), f"页面请求了外部地址：{external(requests)[:5]}"


def test_investment_gap_list_card_excel(browser_page: tuple[Page, list[str]], app_url: str) -> None:
    page, requests = browser_page
    requests.clear()
    page.goto(f"{app_url}/workspace?chain=电机&gap=模具")
    page.get_by_text("模具（缺失，严重度").wait_for()
    page.get_by_role("link", name="“模具”的招商目标").click()
    page.get_by_text("从 6 家匹配的候选企业中排出前 6 家").wait_for()
    expect(_chosen_gaps(page)).to_have_text(["模具"], timeout=WAIT_MS)
    _shot(page, "2-investment-1-list")

    page.goto(f"{app_url}/workspace?chain=电机&gap=模具")
    firm = page.get_by_role("link", name="横河模具")
    href = firm.get_attribute("href") or ""
    assert parse_qs(urlparse(href).query) == {"enterprise": ["横河模具"]}, href
    page.goto(urljoin(page.url, href))
    page.get_by_text("企业：横河模具").wait_for()
    page.get_by_text("所属环节").first.wait_for()
    page.get_by_text("模具：").first.wait_for()
    _shot(page, "2-investment-2-card")

    page.goto(f"{app_url}/targets?chain=电机&gap=模具")
    page.get_by_text("从 6 家匹配的候选企业中排出前 6 家").wait_for()
    expect(_chosen_gaps(page)).to_have_text(["模具"], timeout=WAIT_MS)
    book = _cells(_download(page, "下载目标企业清单（Excel）"))
    _shot(page, "2-investment-3-excel")
    assert list(book) == ["模具"], "只有所选缺口一张表"
    rows = book["模具"]
    title = str(rows[0][0])
    assert title.startswith("电机产业链招商目标（缺口环节：模具；导出日期"), title
    header = rows[1]
    assert {"企业", "企业全称", "统一社会信用代码", "股票代码", "地址"} <= set(header)
    firms = {row[header.index("企业")]: row for row in rows[2:]}
    assert "横河模具" in firms
    assert firms["横河模具"][header.index("股票代码")], "目标企业带股票代码"
    assert not external(requests), f"页面请求了外部地址：{external(requests)[:5]}"


def test_researcher_search_card_trace_export(browser_page: tuple[Page, list[str]], app_url: str) -> None:
    page, requests = browser_page
    requests.clear()
    _search(page, app_url, "外壳", "环节：电机外壳")
    expect(page.get_by_text("上游（沿供应关系）：").first).to_contain_text("模具", timeout=WAIT_MS)
    _shot(page, "3-researcher-1-search")

    page.goto(f"{app_url}/card?segment=电机外壳")  # as a colleague's bookmark opens it
    page.get_by_text("环节：电机外壳").wait_for()
    page.get_by_text("引进电机外壳等关键配件项目").first.wait_for()
    _shot(page, "3-researcher-2-card")

    _search(page, app_url, "电机外壳", "环节：电机外壳")
    expect(page.get_by_text("上游（沿供应关系）：").first).to_contain_text("模具", timeout=WAIT_MS)
    expect(page.get_by_text("下游（沿供应关系）：").first).to_contain_text("伺服电机", timeout=WAIT_MS)
    _shot(page, "3-researcher-3-trace")

    exported = json.loads(_download(page, "导出子图（JSON）"))
    _shot(page, "3-researcher-4-export")
    names = {node["properties"]["name"] for node in exported["nodes"]}
    assert {"电机外壳", "模具"} <= names, "导出的子图含所选环节及其上游"
    assert not external(requests), f"页面请求了外部地址：{external(requests)[:5]}"
