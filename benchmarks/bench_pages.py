"""How fast the app feels in a real browser: every page's load and three interactions, cold and warm, on the
embedded store at the seed's size (issue #13 item 7), plus the first start on an empty data directory (item 5).

A page or an interaction counts as done when it **stops changing**: the server has answered (a websocket message
since the action), the page's title (h1) is shown, Streamlit's "running" indicator (`stStatusWidget`) is gone,
no element is still a placeholder (`stSkeleton`, shown while an element's code loads on demand), and the document
has not changed (no DOM mutation of any node, attribute or text, watched by a MutationObserver from the first
byte) for 500 ms. The figure is the time of the **last change**, not including those 500 ms of
quiet: from the start of the navigation for a page load, from the click or key press for an interaction (which
must change something first). Drawing inside a graph's iframe (the chain map's SVG, vis-network's canvas) is not
watched; the iframe's arrival is.

Each page is opened `--runs` times by a fresh navigation (a new Streamlit session each time). The first open
of each page on a freshly started server is the **baseline** (Streamlit's query caches cold); the others
give the warm median. Goals: page load under 2 s, interaction under 1 s. The gap added on 招商目标 is chosen from
the data (`gap_to_add`) and named in the row. Usage:

    .venv/bin/python benchmarks/bench_pages.py --runs 5 --write docs/benchmarks.md

With `--neo4j` the app runs on the Neo4j at NEO4J_URI as it is (issue #16 item 5: e.g. the 100,000 firms
`bench_scale.py --keep-neo4j` left there; nothing is cleared) and the first start is not measured; `--after-writes`
then also opens each page once right after a one-firm write (a local firm's registered capital moves by one).

The server is the app's own (`python -m ui.serve`, with its cache warmer; `--root` serves another checkout, one
without ui/serve.py by plain `streamlit run`; CHAINKG_WARM=0 turns its warmer off, for a cold baseline of the same
code in the same session). With a warmer, every "first" open waits until the server's log says
the store's current version is warmed, and the wait is reported (from launch, and the warmer's own wall and CPU
time), so a first open is "the first visit after warming", never mixed with the warming itself.
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from functools import partial
from pathlib import Path

from bench_scale import touch
from playwright.sync_api import Page, sync_playwright

from graph.config import Settings, open_store
from graph.embedded import EmbeddedStore
from graph.model import NodeLabel
from graph.store import GraphStore
from graph.vocabulary import Locality
from loaders.load import load_all
from queries import gaps, structure
from ui.warm import enabled as warming_enabled

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("CHAINKG_CHROMIUM", "/usr/bin/chromium")
QUIET_MS = 500
GIVE_UP_S = 120
PAGE_GOAL_S, ACTION_GOAL_S, FIRST_START_GOAL_S = 2.0, 1.0, 60.0
SECTION = "## 网页速度（issue #13 第 7 部分）"
FIRST_START_SECTION = "## 首次启动（issue #13 第 5 部分）"
GAP_CHAIN = "电机"
PRESELECTED_GAPS = 2
"""招商目标 preselects a chain's first two gaps (ui/targeting.py); where it has more, the next is added."""
WARMED = re.compile(r"预热完成：版本 (\S+)，\d+ 项，用时 ([\d.]+) 秒（CPU ([\d.]+) 秒）")
WARM_GIVE_UP_S = 900
PAGE_ENTRY = re.compile(r'st\.Page\("ui/\w+\.py", title="([^"]+)"(?:, url_path="([^"]+)")?')

WATCH_CHANGES = """
window.__chainkgLast = performance.now();
window.__chainkgAnswers = 0;
new MutationObserver(() => {
  window.__chainkgLast = performance.now();
}).observe(document, {subtree: true, childList: true, attributes: true, characterData: true});
const NativeSocket = window.WebSocket;
window.WebSocket = class extends NativeSocket {
  constructor(...args) {
    super(...args);
    this.addEventListener("message", () => { window.__chainkgAnswers += 1; });
  }
};
"""
"""Watches every change of the document, and counts the server's messages: a fast script run can reach the
page in one batch, so its "running" state is never drawn and cannot serve as the sign that a run happened."""
STATE = """(title) => ({
  now: performance.now(),
  last: window.__chainkgLast,
  answers: window.__chainkgAnswers,
  script: document.querySelector('[data-testid="stApp"]')?.getAttribute("data-test-script-state"),
  running: !!document.querySelector('[data-testid="stStatusWidget"]'),
  loading: !!document.querySelector('[data-testid="stSkeleton"]'),
  shown: [...document.querySelectorAll('h1')].some((h) => h.textContent.includes(title)),
})"""


def app_pages() -> list[tuple[str, str]]:
    """(title, URL path) of every page, read from app.py so pages added later are measured too."""
    return [(title, path or "") for title, path in PAGE_ENTRY.findall((ROOT / "app.py").read_text(encoding="utf-8"))]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _cpu_seconds(stat: str) -> float:
    """User plus system CPU seconds from a /proc/<pid>/stat line."""
    fields = stat.rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def browser_cpu() -> float:
    """CPU seconds used so far by the Chromium processes this benchmark started (browser, renderers, GPU):
    the descendants of this process whose name says Chromium."""
    children: dict[int, list[int]] = {}
    seconds: dict[int, float] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:  # the process ended while we looked
            continue
        pid, ppid = int(entry.name), int(stat.rsplit(")", 1)[1].split()[1])
        children.setdefault(ppid, []).append(pid)
        if "chrom" in stat[stat.index("(") + 1 : stat.rindex(")")].lower():
            seconds[pid] = _cpu_seconds(stat)
    total, stack = 0.0, [os.getpid()]
    while stack:
        pid = stack.pop()
        total += seconds.get(pid, 0.0)
        stack.extend(children.get(pid, []))
    return total


@dataclass(frozen=True)
class Warmed:
    """When the server's warmer had the store's current version warmed: seconds from `since` (the launch, or a
    write) until its log said so, and the warming's own wall and CPU seconds as it logged them."""

    after: float
    wall: float
    cpu: float

    def words(self) -> str:
        return f"{self.after:.1f} s 后预热完成（预热本身 {self.wall:.1f} s，CPU {self.cpu:.1f} s）"


@dataclass(frozen=True)
class Server:
    url: str
    pid: int
    answered: float
    """Seconds from launch until the server answered its health check."""
    log: Path
    warmer: bool
    launched: float

    def cpu(self) -> float:
        """CPU seconds the server process has used so far (all threads): a busy machine does not inflate it."""
        return _cpu_seconds(Path(f"/proc/{self.pid}/stat").read_text())

    def warmed(self, store: GraphStore, since: float | None = None) -> Warmed | None:
        """Wait until the warmer has warmed `store`'s current version (None for a server without a warmer)."""
        if not self.warmer:
            return None
        since = self.launched if since is None else since
        deadline = time.perf_counter() + WARM_GIVE_UP_S
        while time.perf_counter() < deadline:
            version = store.version()
            for found in WARMED.finditer(self.log.read_text(encoding="utf-8", errors="replace")):
                if found[1] == version:
                    return Warmed(time.perf_counter() - since, float(found[2]), float(found[3]))
            time.sleep(0.2)
        raise SystemExit(f"服务在 {WARM_GIVE_UP_S} 秒内没有预热完成（日志 {self.log}）")


@contextmanager
def running_app(
    data_dir: Path, backend: str = "embedded", port: int | None = None, root: Path = ROOT
) -> Iterator[Server]:
    """The app of the checkout `root` on the embedded store in `data_dir`, or on the Neo4j of NEO4J_URI (`backend`
    neo4j), on `port` (else a free one); its output goes to a log the warmer's lines are read from."""
    port = port or _free_port()
    env = {**os.environ, "CHAINKG_DATA_DIR": str(data_dir), "CHAINKG_BACKEND": backend}
    serve = (root / "ui" / "serve.py").is_file()
    warmer = serve and warming_enabled()
    command = [sys.executable, "-m", "ui.serve" if serve else "streamlit", "run", "app.py", "--server.port", str(port)]
    with tempfile.TemporaryDirectory() as logs:
        log = Path(logs) / "streamlit.log"
        started = time.perf_counter()
        with log.open("wb") as out:
            server = subprocess.Popen(command, cwd=root, env=env, stdout=out, stderr=subprocess.STDOUT)
        url = f"http://127.0.0.1:{port}"
        try:
            while True:
                if server.poll() is not None or time.perf_counter() - started > GIVE_UP_S:
                    raise SystemExit("Streamlit 服务未能启动")
                try:
                    with urllib.request.urlopen(f"{url}/_stcore/health", timeout=1):
                        break
                except OSError:
                    time.sleep(0.1)
            yield Server(url, server.pid, time.perf_counter() - started, log, warmer, started)
        finally:
            server.terminate()
            server.wait(timeout=30)


def settle(page: Page, title: str, since_ms: float, answers_before: int) -> float:
    """Seconds from `since_ms` (the page's own clock) to the last change before 500 ms of quiet, once the
    server has answered (a message since the action), the page's script is not running and no element is still
    a placeholder (`stSkeleton`: its code, loaded on demand, has not arrived — on a busy machine that can take
    longer than the 500 ms of quiet)."""
    deadline = time.perf_counter() + GIVE_UP_S
    while time.perf_counter() < deadline:
        state = page.evaluate(STATE, title)
        finished = (
            state["answers"] > answers_before
            and state["script"] == "notRunning"
            and not state["running"]
            and not state["loading"]
        )
        if finished and state["shown"] and state["now"] - state["last"] >= QUIET_MS:
            return float(state["last"] - since_ms) / 1000
        time.sleep(0.05)
    raise SystemExit(f"“{title}”在 {GIVE_UP_S} 秒内没有稳定下来")


def open_page(page: Page, url: str, title: str) -> float:
    page.goto(url, timeout=GIVE_UP_S * 1000)  # a busy machine can take longer than Playwright's 30 s
    return settle(page, title, 0.0, 0)


def act(page: Page, title: str, action: Callable[[], None]) -> float:
    since = page.evaluate("({now: performance.now(), answers: window.__chainkgAnswers})")
    action()
    return settle(page, title, float(since["now"]), int(since["answers"]))


@dataclass
class Row:
    """One page or interaction: the cold first time and the warm repeats, in seconds."""

    name: str
    goal: float
    first: float | None = None
    repeats: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)
    browser: list[float] = field(default_factory=list)
    first_cpu: tuple[float, float] = (0.0, 0.0)
    """Server and browser CPU seconds of the first time."""

    def measure(self, server: Server, call: Callable[[], float]) -> None:
        """Time one open or interaction, with the CPU it took on each side."""
        before = server.cpu(), browser_cpu()
        seconds = call()
        cpu = server.cpu() - before[0], browser_cpu() - before[1]
        if self.first is None:
            self.first, self.first_cpu = seconds, cpu
        else:
            self.repeats.append(seconds)
            self.cpu.append(cpu[0])
            self.browser.append(cpu[1])

    def cells(self) -> str:
        warm = statistics.median(self.repeats)
        verdict = "达标" if warm < self.goal else "未达标"
        server, browser = self.first_cpu
        return (
            f"| {self.name} | {self.first or 0:.2f} | {server:.2f} / {browser:.2f} | {warm:.2f} | "
            f"{max(self.repeats):.2f} | {statistics.median(self.cpu):.2f} | {statistics.median(self.browser):.2f} | "
            f"< {self.goal:g} | {verdict} |"
        )


def _choose(page: Page, widget: str, box_label: str, option: str) -> Callable[[], None]:
    """Open a select box (by its label) and type an option's name; the returned key press, which picks it,
    is the step that is timed (long option lists are virtualised, so typing is how a person finds one)."""
    page.get_by_test_id(widget).filter(has_text=box_label).first.click()
    page.keyboard.type(option)
    page.get_by_role("option", name=option, exact=True).wait_for()
    return lambda: page.keyboard.press("Enter")


def by_sidebar(page: Page, server: Server, runs: int) -> list[Row]:
    """Going from page to page by the sidebar, as people do: one cycle through every page per run, each page
    reached from the one before it (no reload of the app; the first cycle is the cold baseline)."""
    pages = app_pages()
    rows = {title: Row(f"侧栏切换到“{title}”", PAGE_GOAL_S) for title, _ in pages}
    open_page(page, server.url, pages[0][0])
    for _ in range(runs):
        for title, _path in [*pages[1:], pages[0]]:
            link = page.get_by_test_id("stSidebarNav").get_by_role("link", name=title, exact=True)
            rows[title].measure(server, partial(act, page, title, link.click))
    return list(rows.values())


@dataclass(frozen=True)
class GapChoice:
    """The gap added on 招商目标: `chain`'s gap `added`, with the gaps before it already chosen (through the URL)."""

    chain: str
    chosen: list[str]
    added: str


def gap_to_add(backend: str, data_dir: Path) -> GapChoice:
    """The gap to add on 招商目标, from the data: of 电机, or else of the first chain by name with two gaps or more,
    the gap after the ones the page preselects (its third), or the last when there are fewer. On the seed that is
    电机's 铸造件 after 模具 and 电镀/表面处理, as the page opens; at 100,000 synthetic firms every segment of 电机
    has a local firm and no chain has more than two gaps."""
    store = open_store(Settings.from_env(backend, data_dir))
    try:
        names = sorted(summary.name for summary in structure.chain_summaries(store))
        for chain in [GAP_CHAIN, *(name for name in names if name != GAP_CHAIN)]:
            found = [status.segment for status in gaps.gaps(store, chain)]
            if len(found) >= 2:
                index = min(PRESELECTED_GAPS, len(found) - 1)
                return GapChoice(chain, found[:index], found[index])
    finally:
        store.close()
    raise SystemExit("没有一条产业链有两个以上缺口环节：无法测“加选一个缺口环节”。")


def interactions(page: Page, server: Server, runs: int, choice: GapChoice) -> list[Row]:
    """Switching the chain on the map, searching on 图谱探索, adding `choice`'s gap on 招商目标."""
    rows = []
    switch = Row("产业链图谱：切换产业链", ACTION_GOAL_S)
    url = server.url
    open_page(page, f"{url}/chain-map?chain=电机", "产业链图谱")
    for run in range(runs):
        chain = "新型显示器件" if run % 2 == 0 else "电机"
        pick = _choose(page, "stSelectbox", "产业链", chain)
        switch.measure(server, partial(act, page, "产业链图谱", pick))
    rows.append(switch)

    search = Row("图谱探索：搜索", ACTION_GOAL_S)
    open_page(page, f"{url}/explore", "图谱探索")
    box = page.get_by_label("搜索节点（产业链、环节、企业、园区、项目……）")
    for run in range(runs):
        box.fill("科力尔电机" if run % 2 == 0 else "电机外壳")
        search.measure(server, partial(act, page, "图谱探索", partial(box.press, "Enter")))
    rows.append(search)

    added = choice.added
    gap = Row(f"招商目标：加选一个缺口环节（{choice.chain}：{added}）", ACTION_GOAL_S)
    query = urllib.parse.urlencode([("chain", choice.chain), *(("gap", chosen) for chosen in choice.chosen)])
    open_page(page, f"{url}/targets?{query}", "招商目标")
    for _ in range(runs):
        pick = _choose(page, "stMultiSelect", "缺口环节", added)
        gap.measure(server, partial(act, page, "招商目标", pick))
        page.keyboard.press("Escape")
        chip = (
            page.get_by_test_id("stMultiSelect")
            .filter(has_text="缺口环节")
            .first.get_by_role("button", name=re.compile(re.escape(added)))
        )
        act(page, "招商目标", chip.click)  # back as it was, untimed
    rows.append(gap)
    return rows


@dataclass
class Measured:
    rows: list[Row]
    first_start: dict[str, float] = field(default_factory=dict)
    warm_ups: list[str] = field(default_factory=list)
    """What each server's warmer took before its first timed open (empty without a warmer)."""
    after_writes: list[str] = field(default_factory=list)
    """Markdown rows: each page opened once right after a one-firm write."""


def _warm(server: Server, store: GraphStore, what: str, measured: Measured) -> None:
    warmed = server.warmed(store)
    if warmed is not None:
        measured.warm_ups.append(f"{what}：启动 {warmed.words()}")
        print(measured.warm_ups[-1], flush=True)


def after_writes(page: Page, server: Server, store: GraphStore) -> list[str]:
    """Each page opened once right after a one-firm write from this process (another than the server); with a
    warmer, after its log says the new version is warmed (that wait is given beside the open)."""
    firm = store.nodes(NodeLabel.ENTERPRISE, locality=Locality.LOCAL.value)[0]
    lines = []
    for title, path in app_pages():
        touch(store, firm)
        written = time.perf_counter()
        warmed = server.warmed(store, written)
        before = server.cpu(), browser_cpu()
        seconds = open_page(page, f"{server.url}/{path}", title)
        cpu, browser = server.cpu() - before[0], browser_cpu() - before[1]
        waited = warmed.words() if warmed is not None else "无预热"
        load = os.getloadavg()[0]
        lines.append(f"| 写入后打开“{title}” | {waited} | {seconds:.2f} | {cpu:.2f} | {browser:.2f} | {load:.1f} |")
        print(lines[-1], flush=True)
    return lines


def measure(
    runs: int, backend: str = "embedded", port: int | None = None, root: Path = ROOT, writes: bool = False
) -> Measured:
    """Every page and interaction on `backend` (the app of checkout `root`); on the embedded store also the first
    start (on Neo4j the data is already there), with `writes` also each page right after a write. Servers listen
    on `port` (one at a time), else on a free port each."""
    if not Path(CHROMIUM).exists():
        raise SystemExit(f"找不到 Chromium（{CHROMIUM}）：请先运行 scripts/test 安装，或设置 CHAINKG_CHROMIUM。")
    measured = Measured([])
    with tempfile.TemporaryDirectory() as empty, sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"], headless=True
        )
        page = browser.new_page(viewport={"width": 1440, "height": 1000}, locale="zh-CN")
        page.add_init_script(WATCH_CHANGES)
        loaded = Path(empty)
        if backend == "embedded":
            _first_start(page, loaded, measured.first_start, port)
        choice = gap_to_add(backend, loaded)
        app = partial(running_app, loaded, backend, port, root)
        store = open_store(Settings.from_env(backend, loaded))
        # every page, on a freshly started server over the seed the first start loaded: the first open of each is
        # the baseline (cold caches without a warmer; with one, the first visit once it has warmed)
        rows = measured.rows
        with app() as server:
            _warm(server, store, "各页打开", measured)
            for title, path in app_pages():
                row = Row(f"打开“{title}”", PAGE_GOAL_S)
                for _ in range(runs):
                    row.measure(server, partial(open_page, page, f"{server.url}/{path}", title))
                rows.append(row)
                print(row.cells(), flush=True)
        with app() as server:
            _warm(server, store, "侧栏切换", measured)
            rows += by_sidebar(page, server, runs)
            for row in rows[-len(app_pages()) :]:
                print(row.cells(), flush=True)
        with app() as server:
            _warm(server, store, "操作", measured)
            rows += interactions(page, server, runs, choice)
            if writes:
                measured.after_writes = after_writes(page, server, store)
        store.close()
        browser.close()
    return measured


def _first_start(page: Page, empty: Path, first_start: dict[str, float], port: int | None) -> None:
    """An empty data directory: the first page loads the seed while showing its progress (then `empty` holds it)."""
    with running_app(empty, port=port) as server:
        first_start["server"] = server.answered
        first_start["page"] = open_page(page, server.url, "总览")
    first_start["total"] = first_start["server"] + first_start["page"]
    started, cpu = time.perf_counter(), time.process_time()
    with tempfile.TemporaryDirectory() as fresh:
        load_all(EmbeddedStore(Path(fresh)))
        first_start["seed"] = time.perf_counter() - started
        first_start["seed_cpu"] = time.process_time() - cpu


def page_section(rows: list[Row], runs: int) -> str:
    machine = f"{os.cpu_count()} 核，{platform.python_version()}，负载 {os.getloadavg()[0]:.1f}"
    lines = [
        SECTION,
        "",
        f"测于 {date.today():%Y-%m-%d}（{machine}），内置存储、规划种子数据，"
        f"Chromium 无头模式，每项 {runs} 次。复现：`.venv/bin/python benchmarks/bench_pages.py --runs {runs} "
        "--write docs/benchmarks.md`。",
        "",
        "**“完成”的定义**：服务器已应答（操作之后收到过它的消息）、页面标题已显示、"
        "Streamlit 的运行指示（`stStatusWidget`）消失，没有元素还是占位（`stSkeleton`：元素的代码按需载入、尚未到达），"
        "且整个文档 500 ms 内没有任何变化（MutationObserver 监视所有节点、属性和文字）；"
        "计时到**最后一次变化**为止（不含这 500 ms）。“打开”是在地址栏打开页面的网址（每次都是新的会话，"
        "浏览器重新载入整个 Streamlit 前端），从导航开始计时；“侧栏切换”是点击侧栏的页面链接（前端不重新载入），"
        "与其他操作一样从点击或按键开始计时。"
        "图谱 iframe 内部的绘制（SVG、vis-network 画布）不在监视之内，iframe 本身的出现在内。",
        "",
        "**基线**：同一次运行中、新启动的服务上每项的第一次（Streamlit 查询缓存为空），"
        "与其后各次的中位数并列。单位：秒。“服务器 CPU”是 Streamlit 服务进程、“浏览器 CPU”是 Chromium 各进程"
        "（含图谱 iframe 的绘制）在一次打开或操作中用掉的 CPU 秒数（重复各次的中位数，含 500 ms 静默期内的少量轮询）："
        "机器忙时墙钟时间被拉长得多，这两项受影响小得多，但并非不受影响（缓存争用、轮询次数随墙钟增加）。",
        "",
        "| 页面 / 操作 | 第一次（基线） | 第一次的服务器 / 浏览器 CPU | 重复（中位数） | 重复（最慢） | 服务器 CPU "
        "| 浏览器 CPU | 目标 | 结果 |",
        "|---|---|---|---|---|---|---|---|---|",
        *(row.cells() for row in rows),
        "",
    ]
    return "\n".join(lines)


def first_start_section(first: dict[str, float]) -> str:
    lines = [
        FIRST_START_SECTION,
        "",
        "同一次 `benchmarks/bench_pages.py` 运行中测得（依赖包已安装）：空数据目录上启动网页服务，浏览器打开总览页，"
        "页面一边加载规划数据一边显示进度（分 3 步：读取规划种子数据、把候选企业匹配到环节、写入图谱），"
        "直到总览页稳定下来（定义同下一节）。单位：秒。",
        "",
        "| 阶段 | 用时 | 目标 |",
        "|---|---|---|",
        f"| 启动网页服务（到健康检查应答） | {first['server']:.1f} | |",
        f"| 打开首页：加载规划数据并显示总览 | {first['page']:.1f} | |",
        f"| 首次启动到可用页面（合计） | {first['total']:.1f} | < {FIRST_START_GOAL_S:g} |",
        f"| 其中加载规划数据本身（`load_all`，本进程另测） | {first['seed']:.1f}（CPU {first['seed_cpu']:.1f}） "
        "| < 5 |",
        "",
        "`scripts/run` 在此之前还要检查依赖（已安装时不到 1 秒），并用中文逐步说明正在做什么；"
        "Streamlit 自己的英文输出写入 `.venv/streamlit.log`，pip 的输出写入 `.venv/setup.log`（出错时显示最后几行）。",
        "",
    ]
    return "\n".join(lines)


def write_section(doc: Path, heading: str, text: str) -> None:
    """Replace the section under `heading` (up to the next `## `), or append it."""
    current = doc.read_text(encoding="utf-8")
    pattern = re.compile(rf"^{re.escape(heading)}\n.*?(?=^## |\Z)", re.S | re.M)
    updated = pattern.sub(lambda _: text + "\n", current) if pattern.search(current) else current + "\n" + text
    doc.write_text(updated, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description="网页速度基准：各页面打开与常用操作的用时（真实浏览器）")
    parser.add_argument("--runs", type=int, default=5, help="每项重复次数（第一次为冷缓存基线）")
    parser.add_argument("--write", type=Path, help="把结果写入这份 Markdown（替换同名小节）")
    parser.add_argument(
        "--neo4j",
        action="store_true",
        help="在 NEO4J_URI 所指的 Neo4j 上测（用库中已有的数据，不清空、不写入；不测首次启动）",
    )
    parser.add_argument("--port", type=int, help="网页服务使用的端口（依次启动的几个服务共用；不填则各取一个空闲端口）")
    parser.add_argument("--root", type=Path, default=ROOT, help="测这个检出目录的网页（如旧提交的 git worktree）")
    parser.add_argument(
        "--after-writes", action="store_true", help="另测每页在一次写入（改一家本地企业的注册资本）之后的第一次打开"
    )
    args = parser.parse_args()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))  # a stopped run still stops its servers (finally blocks)
    if args.runs < 2:
        raise SystemExit("--runs 至少为 2：第一次是基线，其余取中位数。")
    if shutil.which("dot") is None:
        raise SystemExit("找不到 Graphviz 的 dot：请先运行 scripts/setup。")
    if args.neo4j:
        if not os.environ.get("NEO4J_URI") or args.write:
            raise SystemExit("--neo4j 需要设置 NEO4J_URI 与 NEO4J_PASSWORD，且不与 --write 同用（结果只打印）。")
        measured = measure(args.runs, "neo4j", args.port, args.root.resolve(), args.after_writes)
        print(f"Neo4j（{os.environ['NEO4J_URI']}），{args.root}，结束时 1 分钟平均负载 {os.getloadavg()[0]:.1f}")
        print("\n".join(measured.warm_ups))
        print("\n".join(row.cells() for row in measured.rows))
        print("| 页面 | 写入后的预热 | 打开（秒） | 服务器 CPU | 浏览器 CPU | 负载 |\n|---|---|---|---|---|---|")
        print("\n".join(measured.after_writes))
        return
    measured = measure(args.runs, port=args.port, root=args.root.resolve(), writes=args.after_writes)
    rows, first = measured.rows, measured.first_start
    pages, starting = page_section(rows, args.runs), first_start_section(first)
    print(starting + "\n" + pages)
    if args.write:
        write_section(args.write, FIRST_START_SECTION, starting)
        write_section(args.write, SECTION, pages)


if __name__ == "__main__":
    main()
