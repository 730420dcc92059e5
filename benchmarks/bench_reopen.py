"""Where the browser's time goes when a page is reopened by its URL (issue #16: a cached page ≤ 1 s).

Every open is a fresh navigation in a new tab, as `bench_pages.py` opens pages (the same "stops changing" rule,
the same Chromium), and the tab's own Chrome DevTools `Performance` metrics are read once it has settled: the
renderer's script, layout and style time and its task time, the number of DOM nodes, and each kind of Streamlit
element on the page (`data-testid`). Browser and server CPU are counted as in `bench_pages.py`. An app with only
a title gives what reloading Streamlit's front end costs on its own, and pages of one kind of element each what
each kind adds (`--elements`). Usage:

    .venv/bin/python benchmarks/bench_reopen.py --runs 5 [--pages 总览 产业链工作台] [--against old/checkout]
    .venv/bin/python benchmarks/bench_reopen.py --runs 5 --elements

On the embedded store over the seed (a fresh data directory the first open loads), or with `--neo4j` on the
Neo4j of NEO4J_URI as it is. `--against old/checkout …` serves other checkouts at the same time and opens each
page on each in turn, so old and new meet the same load (the machine is shared). The server is the app's own
(`ui.serve`, with its warmer); the first open of each page is given apart (it may fill Streamlit's caches), the
others give medians.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import tempfile
from collections import Counter
from collections.abc import Callable
from contextlib import ExitStack
from pathlib import Path
from typing import Any

from bench_pages import CHROMIUM, ROOT, WATCH_CHANGES, app_pages, browser_cpu, open_page, running_app
from playwright.sync_api import CDPSession, Page, sync_playwright

from graph.config import Settings, open_store

METRICS = ("TaskDuration", "ScriptDuration", "LayoutDuration", "RecalcStyleDuration", "Nodes")
ELEMENT_SETUP = """import pandas as pd
import streamlit as st
import altair as alt
from present.tables import html_table
from ui.common import TABLE_STYLE, small_table

rows = pd.DataFrame({"名称": [f"环节{i}" for i in range(20)], "状态": ["缺失"] * 20, "企业数": list(range(20)),
                     "说明": ["规划指出需要引进的环节"] * 20, "覆盖率": [i / 20 for i in range(20)]})
"""
ELEMENT_PAGES = {
    "空白页": "",
    "1 个 st.dataframe": "st.dataframe(rows, hide_index=True)",
    "5 个 st.dataframe": "for _ in range(5):\n    st.dataframe(rows, hide_index=True)",
    "5 个 st.dataframe 在折叠区里": "with st.expander('表格'):\n"
    "    for _ in range(5):\n        st.dataframe(rows, hide_index=True)",
    "5 个 st.dataframe 在第二个标签页": "first, second = st.tabs(['一', '二'])\n"
    "for _ in range(5):\n    second.dataframe(rows, hide_index=True)",
    "1 个 st.table": "st.table(rows)",
    "1 个 HTML 表（st.html）": "small_table(rows)",
    "5 个 HTML 表（st.html）": "for _ in range(5):\n    small_table(rows)",
    "说明＋1 个 HTML 表（st.html）": "st.caption('说明')\nsmall_table(rows)",
    "说明＋1 个 HTML 表（st.markdown）": "st.caption('说明')\n"
    "st.markdown(TABLE_STYLE + html_table(rows.to_dict('records')), unsafe_allow_html=True)",
    "5 个 HTML 表（st.markdown）": "for _ in range(5):\n"
    "    st.markdown(TABLE_STYLE + html_table(rows.to_dict('records')), unsafe_allow_html=True)",
    "5 个 st.table": "for _ in range(5):\n    st.table(rows)",
    "2 张 Altair 图": "bars = alt.Chart(rows).mark_bar().encode(x='企业数', y='名称')\n"
    "for _ in range(2):\n    st.altair_chart(bars)",
    "1 个 components.html": "import streamlit.components.v1 as components\ncomponents.html('<p>图</p>', height=200)",
    "30 段 Markdown": "for i in range(30):\n    st.markdown(f'**第 {i} 段**：规划指出的缺口环节与本地企业。')",
    "3 个 st.metric": "for i in range(3):\n    st.metric('缺口环节', i)",
    "3 个选择框": "for i in range(3):\n    st.selectbox(f'产业链{i}', ['电机', '新型显示器件'])",
    "3 个下载按钮": "for i in range(3):\n    st.download_button(f'下载{i}', b'x', f'{i}.txt')",
}
"""Pages of one kind of element each (after a title), to price each kind on a reopen against the empty page."""


def element_app(root: Path) -> list[tuple[str, str]]:
    """Write a multipage app of ELEMENT_PAGES under `root`, with the app's own server options; (title, path)."""
    root.mkdir()
    shutil.copytree(ROOT / ".streamlit", root / ".streamlit")
    entries, pages = [], []
    for index, (title, code) in enumerate(ELEMENT_PAGES.items()):
        (root / f"p{index}.py").write_text(
            f"import sys\nsys.path.insert(0, {str(ROOT)!r})\n{ELEMENT_SETUP}\nst.title({title!r})\n{code}\n",
            encoding="utf-8",
        )
        entries.append(f"st.Page('p{index}.py', title={title!r}, url_path='p{index}', default={index == 0})")
        pages.append((title, "" if index == 0 else f"p{index}"))
    (root / "app.py").write_text(
        "import streamlit as st\n\nst.set_page_config(layout='wide')\nst.navigation(["
        + ", ".join(entries)
        + "]).run()\n",
        encoding="utf-8",
    )
    return pages


ELEMENTS = """() => {
  const kinds = {};
  for (const el of document.querySelectorAll('[data-testid="stElementContainer"] > [data-testid]')) {
    const kind = el.getAttribute("data-testid");
    kinds[kind] = (kinds[kind] || 0) + 1;
  }
  return kinds;
}"""
"""How many of each kind of Streamlit element the page shows (one per element container)."""


def _metrics(cdp: CDPSession) -> dict[str, float]:
    return {m["name"]: m["value"] for m in cdp.send("Performance.getMetrics")["metrics"]}


def reopen(page: Page, cdp: CDPSession, url: str, title: str, server_cpu: Callable[[], float]) -> dict[str, Any]:
    """One open by URL in the same tab, as bench_pages opens pages: seconds until it stopped changing, CPU on each
    side, and the renderer's DevTools metrics (they start again with each navigation)."""
    cpu = server_cpu(), browser_cpu()
    seconds = open_page(page, url, title)
    figures: dict[str, Any] = {"wall": seconds, "server": server_cpu() - cpu[0], "browser": browser_cpu() - cpu[1]}
    metrics = _metrics(cdp)
    figures.update({name: metrics[name] for name in METRICS})
    figures["Nodes"] = page.evaluate("document.getElementsByTagName('*').length")
    figures["elements"] = page.evaluate(ELEMENTS)
    return figures


def report(name: str, opens: list[dict[str, Any]]) -> str:
    """One Markdown row: the first open (after warming, Streamlit's caches filled by the warmer or not at all), the
    medians of the repeats, and the elements shown."""
    repeats = opens[1:]

    def median(key: str) -> float:
        return statistics.median(float(o[key]) for o in repeats)

    kinds = Counter(opens[-1]["elements"])
    shown = "、".join(f"{kind.removeprefix('st')} {count}" for kind, count in kinds.most_common())
    first = opens[0]
    return (
        f"| {name} | {first['wall']:.2f}（{first['server']:.2f} / {first['browser']:.2f}） | "
        f"{median('wall'):.2f} | {median('server'):.2f} | {median('browser'):.2f} | "
        f"{median('TaskDuration'):.2f} | {median('ScriptDuration'):.2f} | {median('LayoutDuration'):.2f} | "
        f"{median('RecalcStyleDuration'):.2f} | {median('Nodes'):.0f} | {shown} |"
    )


HEADER = (
    "| 页面 | 第一次（服务器 / 浏览器 CPU） | 墙钟 | 服务器 CPU | 浏览器 CPU | 渲染进程任务 | 其中脚本 | 布局 "
    "| 样式计算 | DOM 节点 | 页面元素 |\n"
    "|---|---|---|---|---|---|---|---|---|---|---|"
)


def main() -> None:
    parser = argparse.ArgumentParser(description="按网址重开页面：浏览器的时间花在哪里（DevTools 指标）")
    parser.add_argument("--runs", type=int, default=5, help="每页打开次数（第一次不计）")
    parser.add_argument("--pages", nargs="*", help="只测这些页面（标题）")
    parser.add_argument("--root", type=Path, default=ROOT, help="测这个检出目录的网页")
    parser.add_argument("--port", type=int, help="网页服务的端口（--against 的检出依次用其后的端口）")
    parser.add_argument(
        "--against", type=Path, nargs="*", default=[], help="同时测这些检出目录（如旧提交），与 --root 轮流打开"
    )
    parser.add_argument("--neo4j", action="store_true", help="在 NEO4J_URI 所指的 Neo4j 上测（用库中已有的数据）")
    parser.add_argument(
        "--elements", action="store_true", help="不测本应用：测只有标题的空白页（下限）与每页一种元素的页面"
    )
    args = parser.parse_args()
    if args.runs < 2:
        raise SystemExit("--runs 至少为 2：第一次不计。")
    backend = "neo4j" if args.neo4j else "embedded"
    with tempfile.TemporaryDirectory() as data, sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"], headless=True
        )
        root, pages = args.root.resolve(), [(t, p) for t, p in app_pages() if not args.pages or t in args.pages]
        if args.elements:
            root = Path(data) / "elements"
            pages = [(t, p) for t, p in element_app(root) if not args.pages or t in args.pages]
        page = browser.new_page(viewport={"width": 1440, "height": 1000}, locale="zh-CN")
        page.add_init_script(WATCH_CHANGES)
        cdp = page.context.new_cdp_session(page)
        cdp.send("Performance.enable")
        roots = [root, *(other.resolve() for other in args.against)]
        rows = []
        with ExitStack() as stack:
            servers = []
            for index, checkout in enumerate(roots):
                directory = Path(data) / f"data{index}"
                port = args.port + index if args.port else None
                server = stack.enter_context(running_app(directory, backend, port, checkout))
                if server.warmer:
                    store = open_store(Settings.from_env(backend, directory))
                    open_page(page, server.url, "总览")  # an empty data directory: the seed loads first
                    server.warmed(store)
                    store.close()
                servers.append(server)
            for title, path in pages:
                opens: list[list[dict[str, Any]]] = [[] for _ in servers]
                for _ in range(args.runs):  # the checkouts in turn, so a change of the machine's load hits all alike
                    for server, done in zip(servers, opens, strict=True):
                        done.append(reopen(page, cdp, f"{server.url}/{path}", title, server.cpu))
                for checkout, done in zip(roots, opens, strict=True):
                    name = title if len(roots) == 1 else f"{title}（{checkout.name}）"
                    rows.append(report(name, done))
                    print(rows[-1], flush=True)
        browser.close()
    what = "元素页" if args.elements else "、".join(str(r) for r in roots)
    print(
        f"\n{what}，{backend}，每页 {args.runs} 次（第一次不计），"
        f"结束时 1 分钟平均负载 {os.getloadavg()[0]:.1f}；单位秒\n{HEADER}\n" + "\n".join(rows)
    )


if __name__ == "__main__":
    main()
