"""What the browser tests share: where the app and Chromium come from, and what the page may request.

The running app and the headless page themselves are the `app_url` and `browser_page` fixtures in conftest.py.
"""

from __future__ import annotations

import os
import socket
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlparse

import pytest
from app_runs import APP_TIMEOUT_SECONDS
from playwright.sync_api import Frame, Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

ROOT = Path(__file__).resolve().parent.parent
WAIT_MS = APP_TIMEOUT_SECONDS * 1000  # a guard against a hung page, not a speed check (see app_runs.py)
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM = os.environ.get("CHAINKG_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
LOCAL_HOSTS = {"127.0.0.1", "localhost"}
LARGE_CHAIN = "合成大链"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def external(requests: list[str]) -> list[str]:
    return [
        u
        for u in requests
        if urlparse(u).scheme in ("http", "https", "ws", "wss") and urlparse(u).hostname not in LOCAL_HOSTS
    ]


def frames_with_graph(page: Page, segments: int = 1) -> Iterator[Frame]:
    return frames_where(page, f"document.querySelectorAll('g.segment').length >= {segments}", "产业链图谱")


def frames_where(page: Page, condition: str, what: str = "图") -> Iterator[Frame]:
    """The first frame of the page where a JavaScript condition holds, waiting while Streamlit renders."""
    for _ in range(WAIT_MS // 500):
        for frame in page.frames:
            try:
                if frame.evaluate(condition):
                    yield frame
                    return
            except Exception:  # frames come and go while Streamlit renders
                continue
        page.wait_for_timeout(500)
    page.screenshot(path=str(ARTIFACTS / "not-found.png"), full_page=True)  # what the page showed instead
    pytest.fail(f"页面中没有找到{what}（页面截图：{ARTIFACTS / 'not-found.png'}）")


REOPEN_MS = 5_000
"""How long an opened list is given to show its options before it is opened again (not a speed check)."""


def choose(page: Page, label: str, option: str) -> None:
    """Pick an option until the box shows it. A Streamlit rerun that replaces the box closes its list, and on a
    busy machine a click can reach an option the moment the list is re-rendered and select nothing (the list
    then stays open on the old value), so a click that went through is not yet a pick."""
    box = page.locator('[data-testid="stSelectbox"]').filter(has_text=label).first
    shown = box.locator("input").first  # the box's text is its label; the chosen option is the input's value
    choice = page.get_by_role("option", name=option, exact=True)
    for _ in range(WAIT_MS // REOPEN_MS):
        if shown.input_value() == option:
            return
        box.click()
        try:
            choice.click(timeout=REOPEN_MS)
            expect(shown).to_have_value(option, timeout=REOPEN_MS)
            return
        except (PlaywrightTimeoutError, AssertionError):
            page.keyboard.press("Escape")
    pytest.fail(f"“{label}”里选不到“{option}”")
