"""A person's path through the running app, in headless Chromium: nothing may leave 127.0.0.1.

Opens the chain map, where the 电机 chain is shown with its missing links highlighted, then the
investment-targets page for those gaps, then a 100-segment synthetic chain whose map must keep its
legend and stage headers in view, labels apart and edges off unrelated nodes; screenshots go to
test-artifacts/. Needs Debian's chromium (scripts/test installs it); without it this test fails
rather than skips.
"""

from __future__ import annotations

import re

import pytest
from browser_app import ARTIFACTS, LARGE_CHAIN, WAIT_MS
from browser_app import choose as _choose
from browser_app import external as _external
from browser_app import frames_where as _frames_where
from browser_app import frames_with_graph as _frames_with_graph
from playwright.sync_api import Page, expect
from synthetic_chain import HOSTILE

from graph.embedded import EmbeddedStore
from present.layout import map_view
from queries.chain_map import chain_map
from ui.graph_view import VIS_DIR, VIS_URL

pytestmark = pytest.mark.browser


def test_motor_chain_shows_missing_links_then_targets(browser_page: tuple[Page, list[str]], app_url: str) -> None:
    page, requests = browser_page
    page.goto(f"{app_url}/chain-map")
    page.get_by_text("缺失环节：").wait_for(timeout=WAIT_MS)
    graph_frame = next(f for f in _frames_with_graph(page))
    missing = graph_frame.evaluate(
        "[...document.querySelectorAll('g.segment.missing')]"
        ".map(g => [g.dataset.name, g.querySelector('path').getAttribute('stroke-width')])"
    )
    labels = {label for label, _ in missing}
    assert {"电镀/表面处理", "模具", "铸造件"} <= labels
    assert "电机外壳" not in labels, "规划要求引进的环节是“待引进”，不是“缺失”"
    assert all(width == "3" for _, width in missing), "缺失环节应加粗红框突出显示"
    page.wait_for_timeout(1500)
    page.screenshot(path=str(ARTIFACTS / "chain-map-电机.png"), full_page=True)

    page.goto(f"{app_url}/targets")
    page.get_by_text("补链效果").wait_for(timeout=WAIT_MS)
    assert page.get_by_text("从 6 家匹配的候选企业中").count() >= 1
    assert page.get_by_text("没有与“电镀/表面处理”匹配的企业").count() >= 1
    page.wait_for_timeout(1000)
    page.screenshot(path=str(ARTIFACTS / "targets-电机.png"), full_page=True)
    assert not _external(requests), f"页面请求了外部地址：{_external(requests)[:5]}"
    assert len(requests) > 10


def test_clicking_a_segment_opens_its_card(browser_page: tuple[Page, list[str]], app_url: str) -> None:
    page, requests = browser_page
    page.goto(f"{app_url}/chain-map?chain=电机")
    page.get_by_text("缺失环节：").wait_for(timeout=WAIT_MS)
    graph_frame = next(f for f in _frames_with_graph(page))
    graph_frame.locator('g.segment[data-name="模具"]').click()
    link = graph_frame.get_by_text("打开环节卡片")
    href = link.get_attribute("href") or ""
    assert href == f"{app_url}/card?segment=%E6%A8%A1%E5%85%B7", href
    page.goto(href)
    page.get_by_text("环节：模具").wait_for()
    page.get_by_text("横河模具").first.wait_for()  # the card names firms elsewhere (waits for the page to draw it)
    page.get_by_text("本地配套能力不强，电镀件、铸造件、模具等环节缺乏").first.wait_for()
    page.screenshot(path=str(ARTIFACTS / "card-模具.png"), full_page=True)
    assert not _external(requests), f"页面请求了外部地址：{_external(requests)[:5]}"


def test_clicking_a_node_on_explore_opens_its_card(browser_page: tuple[Page, list[str]], app_url: str) -> None:
    """On 图谱探索 a click on a segment in the explored neighbourhood offers its card, which then opens."""
    page, requests = browser_page
    page.goto(f"{app_url}/explore")
    frame = next(_frames_where(page, "typeof network !== 'undefined' && !!network.getPositions()['segment:电机外壳']"))
    link = frame.get_by_text("打开环节卡片")
    for _ in range(WAIT_MS // 500):  # Streamlit may still resize the frame and move the node: aim again until it opens
        spot = frame.evaluate(
            "(() => { network.stopSimulation(); const id = 'segment:电机外壳';"
            " return network.canvasToDOM(network.getPositions([id])[id]); })()"
        )
        frame.locator("#graph canvas").click(position={"x": spot["x"], "y": spot["y"]})
        if link.is_visible():
            break
        page.wait_for_timeout(500)
    href = link.get_attribute("href") or ""
    assert href == f"{app_url}/card?segment=%E7%94%B5%E6%9C%BA%E5%A4%96%E5%A3%B3", href
    page.screenshot(path=str(ARTIFACTS / "explore-电机外壳.png"), full_page=True)
    page.goto(href)
    page.get_by_text("环节：电机外壳").wait_for()
    assert not _external(requests), f"页面请求了外部地址：{_external(requests)[:5]}"


def test_explore_loads_vis_network_from_the_app_not_inline(browser_page: tuple[Page, list[str]], app_url: str) -> None:
    """The explored graph's frame takes vis-network from the app's static files (fetched once, cached by the
    browser), which the app serves unchanged from static/ in the repository; nothing leaves 127.0.0.1."""
    page, requests = browser_page
    requests.clear()
    page.goto(f"{app_url}/explore")
    frame = next(_frames_where(page, "typeof network !== 'undefined' && !!network.getPositions()['segment:电机外壳']"))
    scripts = frame.evaluate("[...document.scripts].map(s => [s.getAttribute('src'), s.text.length])")
    assert [src for src, _ in scripts if src] == [f"{VIS_URL}/vis-network.min.js"]
    assert max(length for _, length in scripts) < 50_000, "vis-network 不应再内联在图的页面里"
    script_url = f"{app_url}{VIS_URL}/vis-network.min.js"
    assert script_url in requests
    served = page.request.get(script_url)
    assert served.status == 200 and "javascript" in served.headers["content-type"]
    assert served.body() == (VIS_DIR / "vis-network.min.js").read_bytes()
    assert not _external(requests), f"页面请求了外部地址：{_external(requests)[:5]}"


def test_hundred_segment_map_reads_well(browser_page: tuple[Page, list[str]], app_url: str) -> None:
    page, requests = browser_page
    requests.clear()
    page.goto(f"{app_url}/chain-map")
    page.get_by_text("缺失环节：").wait_for(timeout=WAIT_MS)
    _choose(page, "产业链", LARGE_CHAIN)
    frame = next(f for f in _frames_with_graph(page, 100))
    assert frame.evaluate("document.querySelectorAll('g.segment').length") == 100
    heads = frame.evaluate(
        "[...document.querySelectorAll('#heads .head')].map(h => [h.textContent, h.getBoundingClientRect().x,"
        " h.getBoundingClientRect().height > 0])"
    )
    assert [h[0].split("（")[0] for h in heads] == ["配套", "上游", "中游", "下游"] and all(h[2] for h in heads)
    assert [h[1] for h in heads] == sorted(h[1] for h in heads), "环节位置从左到右排列"
    legend = frame.evaluate(
        "(() => { const r = document.querySelector('#legend svg').getBoundingClientRect();"
        " return [r.width, r.height, document.querySelector('#legend').textContent]; })()"
    )
    assert legend[0] > 300 and legend[1] > 20 and "缺失" in legend[2] and "规划明确的供应" in legend[2]
    clashes = frame.evaluate(_GEOMETRY_CHECK)
    assert clashes["boxes"] == 100 and clashes["edges"] > 90
    assert clashes["overlaps"] == [], "环节方框（含标签）不得重叠"
    assert clashes["through"] == [], "连线不得穿过与它无关的环节"
    frame.locator("g.segment").first.click()
    assert frame.evaluate("window.chainkgSelected").startswith("segment:")
    assert frame.evaluate("document.getElementById('info').hidden") is False
    page.wait_for_timeout(800)
    page.screenshot(path=str(ARTIFACTS / "chain-map-100-page.png"))
    frame.frame_element().screenshot(path=str(ARTIFACTS / "chain-map-100.png"))
    frame.evaluate("document.getElementById('scroll').scrollTo(300, 900)")
    page.wait_for_timeout(300)
    frame.frame_element().screenshot(path=str(ARTIFACTS / "chain-map-100-scrolled.png"))
    scrolled, offset = frame.evaluate(
        "(() => { const box = document.getElementById('scroll');"
        " return [box.scrollTop, document.querySelector('#heads .head').getBoundingClientRect().top"
        " - box.getBoundingClientRect().top]; })()"
    )
    assert scrolled > 0 and offset < 10, "向下滚动后环节位置表头仍在顶部可见"
    assert not _external(requests), f"页面请求了外部地址：{_external(requests)[:5]}"


# Rendered geometry in the browser: node rectangles must not overlap, and every edge path, sampled
# every 3 px along its length, must stay out of every node rectangle except its own two ends.
_GEOMETRY_CHECK = """(() => {
  const shrink = (r) => ({l: r.left + 1.5, r: r.right - 1.5, t: r.top + 1.5, b: r.bottom - 1.5});
  const nodes = [...document.querySelectorAll('g.segment')].map(g => [g.dataset.id, shrink(g.getBoundingClientRect())]);
  const overlaps = [];
  for (let i = 0; i < nodes.length; i++) for (let j = i + 1; j < nodes.length; j++) {
    const a = nodes[i][1], b = nodes[j][1];
    if (a.l < b.r && b.l < a.r && a.t < b.b && b.t < a.b) overlaps.push([nodes[i][0], nodes[j][0]]);
  }
  const through = [];
  const edges = [...document.querySelectorAll('g.edge[data-start]')];
  for (const edge of edges) {
    const path = edge.querySelector('path'), matrix = path.getScreenCTM(), length = path.getTotalLength();
    for (let at = 0; at <= length; at += 3) {
      const p = path.getPointAtLength(at), x = matrix.a * p.x + matrix.c * p.y + matrix.e,
            y = matrix.b * p.x + matrix.d * p.y + matrix.f;
      const hit = nodes.find(([id, r]) => id !== edge.dataset.start && id !== edge.dataset.end
                                          && r.l < x && x < r.r && r.t < y && y < r.b);
      if (hit) { through.push([edge.dataset.start, edge.dataset.end, hit[0]]); break; }
    }
  }
  return {boxes: nodes.length, edges: edges.length, overlaps, through};
})()"""


def test_workspace_map_names_segments_marks_gaps_and_shows_data_as_text(
    browser_page: tuple[Page, list[str]], app_url: str, loaded_store: EmbeddedStore
) -> None:
    """产业链工作台's 现状图 (laid out on the server once per store version): every segment by name, gaps in bold red
    frames, stage headers; a hostile segment name is shown as text, never run as markup."""
    page, requests = browser_page
    page.goto(f"{app_url}/workspace?chain=电机")
    page.get_by_text("产业链现状图", exact=True).wait_for()  # the subheader, not the layout spinner beside it
    frame = next(_frames_with_graph(page))
    shown = frame.evaluate(
        "[...document.querySelectorAll('g.segment')].map(g => [g.dataset.name,"
        " [...g.querySelectorAll('text')].map(t => t.textContent).join(''),"
        " g.classList.contains('missing') ? g.querySelector('path').getAttribute('stroke').toLowerCase() + ' '"
        " + g.querySelector('path').getAttribute('stroke-width') : ''])"
    )
    drawn = {node.name for node in map_view(chain_map(loaded_store, "电机")).nodes}  # 71 segments: deep, so folded
    assert {name for name, _, _ in shown} == drawn and {"模具", "铸造件", "电镀/表面处理", "电机外壳"} <= drawn
    assert all(label.startswith(name) for name, label, _ in shown), "每个环节的框里写着它的名称（折叠的另有一行）"
    missing = {name: frame_look for name, _, frame_look in shown if frame_look}
    assert {"模具", "铸造件", "电镀/表面处理"} <= set(missing) and "电机外壳" not in missing
    assert set(missing.values()) == {"#b71c1c 3"}, "缺失环节加粗红框"
    heads = frame.evaluate("[...document.querySelectorAll('#heads .head')].map(h => h.textContent)")
    assert any(h.startswith("上游（") for h in heads) and any(h.startswith("下游（") for h in heads)

    page.goto(f"{app_url}/workspace?chain={LARGE_CHAIN}")
    page.get_by_text("产业链现状图", exact=True).wait_for()  # the subheader, not the layout spinner beside it
    frame = next(_frames_where(page, f"document.title.includes('{LARGE_CHAIN}')", "合成大链的现状图"))
    texts, scripts = frame.evaluate("[document.getElementById('map').textContent, document.scripts.length]")
    assert HOSTILE in texts, "数据里的名称原样作为文字显示"
    assert scripts == 1, "数据里的名称不会变成页面上的脚本"
    assert not _external(requests), f"页面请求了外部地址：{_external(requests)[:5]}"


def test_weak_links_shows_one_list_at_a_time_and_pages_the_risk_list(
    browser_page: tuple[Page, list[str]], app_url: str
) -> None:
    """薄弱环节 opens on the gap list alone (no interactive table); 风险清单 takes its place, a page of 100 segments
    with the whole list's count, and the page box shows segments 101–200."""
    page, requests = browser_page
    page.goto(f"{app_url}/weak-links")
    page.get_by_role("button", name="下载缺口清单（Excel）").wait_for()
    page.locator('[data-testid="stApp"][data-test-script-state="notRunning"]').wait_for()
    assert page.locator('[data-testid="stDataFrame"]').count() == 0, "打开时只画缺口清单（纯 HTML 表）"
    page.locator('[data-testid="stButtonGroup"]').get_by_text("风险清单", exact=True).click()
    caption = page.get_by_text(re.compile(r"共 [\d,]+ 个环节，按风险排名排列，本页是第 1–100 个环节"))
    caption.wait_for()
    counted = re.search(r"共 ([\d,]+) 个环节", caption.inner_text())
    assert counted is not None
    total = int(counted.group(1).replace(",", ""))
    pages = -(-total // 100)
    assert total > 100
    expect(page.locator('[data-testid="stDataFrame"]')).to_have_count(1, timeout=WAIT_MS)
    _choose(page, "页", f"第 2 页，共 {pages} 页")
    page.get_by_text(f"本页是第 101–{min(total, 200)} 个环节").wait_for()
    assert page.get_by_role("button", name="下载风险清单（Excel）").is_visible(), "Excel 下载含整张清单"
    assert not _external(requests), f"页面请求了外部地址：{_external(requests)[:5]}"


def test_supply_and_chain_map_open_without_interactive_tables(
    browser_page: tuple[Page, list[str]], app_url: str
) -> None:
    """供需对接 opens on its inputs as a plain table; the switch beside it shows the same list as an interactive table.
    产业链图谱's 环节明细 is drawn only once it is opened."""
    page, requests = browser_page
    page.goto(f"{app_url}/supply")
    page.get_by_role("button", name="下载供需对接清单（Excel）").wait_for()
    page.locator('[data-testid="stApp"][data-test-script-state="notRunning"]').wait_for()
    inputs = page.locator(".chainkg-table table").first
    expect(inputs).to_contain_text("科力尔电机")
    assert page.locator('[data-testid="stDataFrame"]').count() == 0, "打开时投入表是纯 HTML 表"
    page.get_by_text("交互表（点表头排序、筛选、全屏）").click()
    expect(page.locator('[data-testid="stDataFrame"]')).to_have_count(1, timeout=WAIT_MS)
    expect(page.locator(".chainkg-table")).to_have_count(0)

    page.goto(f"{app_url}/chain-map")
    page.get_by_text("缺失环节：").wait_for(timeout=WAIT_MS)
    page.locator('[data-testid="stApp"][data-test-script-state="notRunning"]').wait_for()
    assert page.locator('[data-testid="stDataFrame"]').count() == 0, "环节明细收起时不画表"
    page.get_by_text("环节明细", exact=True).click()
    expect(page.locator('[data-testid="stDataFrame"]')).to_have_count(1, timeout=WAIT_MS)
    assert not _external(requests), f"页面请求了外部地址：{_external(requests)[:5]}"
