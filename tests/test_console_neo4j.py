"""The read-only console on the real Neo4j: what it refuses, what it reports, and what the server itself forbids.

The server tests send Cypher straight to the driver, past the console's guard: whatever gets
through a guard, the bundled Neo4j must still refuse to read local files or fetch URLs.
"""

from __future__ import annotations

import logging
import os
import random
import stat
import subprocess
import threading
import urllib.request
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

import pytest
from app_runs import APP_TIMEOUT_SECONDS
from neo4j import Driver, GraphDatabase
from neo4j.exceptions import ClientError, Neo4jError
from streamlit.testing.v1 import AppTest
from test_cypher_guard import ALLOWED, REFUSAL, REFUSED

from graph.config import Settings
from graph.cypher_guard import check_read_only
from graph.neo4j_store import Neo4jStore
from graph.store import CONSOLE_ROW_LIMIT, Capability, StoreError

ROOT = Path(__file__).resolve().parent.parent
MEMORY_HOG = "WITH [i IN range(1, 100000) | i] AS big UNWIND range(1, 100000) AS x RETURN size(collect(big)) AS n"


@pytest.fixture(scope="module")
def raw_driver(neo4j_store: Neo4jStore) -> Iterator[Driver]:
    """A driver of its own, with full (write) access: no console, no guard, no READ transaction."""
    settings = Settings.from_env("neo4j")
    assert settings.neo4j_password is not None, "scripts/test sets the test server's password"
    driver = GraphDatabase.driver(neo4j_store.uri, auth=(settings.neo4j_user, settings.neo4j_password))
    yield driver
    driver.close()


class _Recorder(BaseHTTPRequestHandler):
    """Serves a small CSV and remembers every request, so a test can tell whether Neo4j came."""

    requests: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        type(self).requests.append(self.path)
        body = b"name,secret\nadmin,internal-only\n"
        self.send_response(200)
        self.send_header("Content-Type", "text/csv")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        """Quiet: the test reads `requests`, not the log."""


@pytest.fixture
def internal_http() -> Iterator[tuple[int, list[str]]]:
    """An HTTP service on 127.0.0.1 standing in for an internal one; yields its port and the requests it got."""
    _Recorder.requests = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Recorder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server.server_address[1], _Recorder.requests
    server.shutdown()
    thread.join()
    server.server_close()


def _state_file() -> Path:
    home = os.environ.get("CHAINKG_NEO4J_HOME")
    if not home:
        pytest.fail("此项只能检查 scripts/test 启动的内置 Neo4j：请用 scripts/test 运行（未设置 CHAINKG_NEO4J_HOME）。")
    return Path(home) / "run" / "state"


@pytest.mark.neo4j
@pytest.mark.parametrize(
    "url",
    ["file:///etc/passwd", "file:/etc/passwd", "file:///proc/self/environ", "file:///../run/state", "STATE_FILE"],
)
def test_load_csv_cannot_read_local_files_past_the_guard(raw_driver: Driver, url: str) -> None:
    if url == "STATE_FILE":
        url = _state_file().as_uri()
    with pytest.raises(ClientError, match="allow_csv_import_from_file_urls"), raw_driver.session() as session:
        session.run("LOAD CSV FROM $url AS line RETURN line", url=url).consume()


@pytest.mark.neo4j
@pytest.mark.parametrize("host", ["127.0.0.1", "localhost", "[::ffff:127.0.0.1]"])
def test_load_csv_cannot_fetch_urls_past_the_guard(
    raw_driver: Driver, internal_http: tuple[int, list[str]], host: str
) -> None:
    port, requests = internal_http
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/probe", timeout=10) as response:
        assert b"internal-only" in response.read(), "测试用的内部服务应能直接访问"
    url = f"http://{host}:{port}/secret.csv"
    with pytest.raises(ClientError, match="cypher_ip_blocklist"), raw_driver.session() as session:
        session.run("LOAD CSV FROM $url AS line RETURN line", url=url).consume()
    assert requests == ["/probe"], "Neo4j 不应向任何地址发出请求"


@pytest.mark.neo4j
def test_the_neo4j_store_declares_its_console(neo4j_store: Neo4jStore) -> None:
    assert Capability.READ_ONLY_CONSOLE in neo4j_store.capabilities


@pytest.mark.neo4j
@pytest.mark.parametrize("query", REFUSED)
def test_console_refuses_every_corpus_attack(neo4j_store: Neo4jStore, query: str) -> None:
    with pytest.raises(StoreError, match=REFUSAL):
        neo4j_store.read_only_query(query)


@pytest.mark.neo4j
@pytest.mark.parametrize("query", ALLOWED)
def test_console_runs_every_corpus_read(neo4j_store: Neo4jStore, query: str) -> None:
    assert len(neo4j_store.read_only_query(query).rows) <= CONSOLE_ROW_LIMIT


@pytest.mark.neo4j
def test_console_says_when_rows_were_cut(neo4j_store: Neo4jStore) -> None:
    cut = neo4j_store.read_only_query(f"UNWIND range(1, {CONSOLE_ROW_LIMIT + 1}) AS x RETURN x")
    assert cut.truncated and [r["x"] for r in cut.rows] == list(range(1, CONSOLE_ROW_LIMIT + 1))
    whole = neo4j_store.read_only_query(f"UNWIND range(1, {CONSOLE_ROW_LIMIT}) AS x RETURN x")
    assert not whole.truncated and len(whole.rows) == CONSOLE_ROW_LIMIT


@pytest.mark.neo4j
def test_console_memory_error_comes_back_once_in_chinese(
    neo4j_store: Neo4jStore, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.DEBUG, logger="neo4j"), pytest.raises(StoreError, match="内存超过数据库的限制"):
        neo4j_store.read_only_query(MEMORY_HOG)
    retries = [r.getMessage() for r in caplog.records if "retried" in r.getMessage()]
    assert not retries, "控制台查询失败后不应由驱动重试"


@pytest.mark.neo4j
def test_console_page_shows_a_note_when_rows_were_cut(neo4j_store: Neo4jStore, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CHAINKG_BACKEND", "neo4j")
    monkeypatch.chdir(ROOT)
    app = AppTest.from_file(str(ROOT / "ui" / "explore.py"), default_timeout=APP_TIMEOUT_SECONDS).run()
    app.text_area(key="cypher-text").set_value("UNWIND range(1, 2000) AS x RETURN x").run()
    app.button(key="cypher-run").click().run()
    assert not app.exception and not app.error
    assert any(f"只显示前 {CONSOLE_ROW_LIMIT} 行" in w.value for w in app.warning), [w.value for w in app.warning]
    assert len(app.dataframe[-1].value) == CONSOLE_ROW_LIMIT


@pytest.mark.neo4j
def test_running_server_keeps_its_password_file_private(neo4j_store: Neo4jStore) -> None:
    state = _state_file()
    assert "PASSWORD=" in state.read_text(encoding="utf-8")
    assert stat.S_IMODE(state.stat().st_mode) == 0o600
    assert stat.S_IMODE(state.parent.stat().st_mode) == 0o700


def test_neo4j_script_tightens_an_older_looser_state_file(tmp_path: Path) -> None:
    run = tmp_path / "run"
    run.mkdir()
    state = run / "state"
    state.write_text("PORT=7999\nPASSWORD=old-secret\n", encoding="utf-8")
    state.chmod(0o644)
    run.chmod(0o755)
    env = {**os.environ, "CHAINKG_NEO4J_HOME": str(tmp_path)}
    subprocess.run([str(ROOT / "scripts" / "neo4j"), "stop"], env=env, check=True, capture_output=True, timeout=60)
    assert stat.S_IMODE(state.stat().st_mode) == 0o600
    assert stat.S_IMODE(run.stat().st_mode) == 0o700


FRAGMENTS = ["'", '"', "`", "``", "//", "/*", "*/", "\\", "\\'", "\n", "\r", "\r\n", "\u2028", "\x85", "\v", "\u3000"]
FRAGMENTS += ["\\u000a", "\\u0027", "\\u0060", "{", "}", "(", ")", ",", ".", ";", "RETURN 1 AS x", "`x`", "'s'", "n."]
PAYLOAD = "LOAD CSV FROM 'file:///etc/passwd' AS l RETURN l"


def _generated_queries(count: int) -> list[str]:
    """Reproducible queries that hide LOAD CSV among quotes, comment markers, line breaks and escapes."""
    rng = random.Random(9)
    pieces = [lambda: "".join(rng.choice(FRAGMENTS) for _ in range(rng.randint(0, 5))) for _ in range(2)]
    return [f"WITH 1 AS z {pieces[0]()}{pieces[1]()}{PAYLOAD}{pieces[0]()}" for _ in range(count)]


@pytest.mark.neo4j
def test_what_the_guard_lets_through_never_runs_load_csv(raw_driver: Driver) -> None:
    """Differential check: Neo4j itself reads every query the guard passes, and never finds LOAD CSV in it."""
    passed = []
    for query in _generated_queries(3000):
        try:
            passed.append(check_read_only(query))
        except StoreError:
            continue
    assert len(passed) > 100, "生成的查询里应有不少被放行（LOAD CSV 藏在字符串或注释里）"
    ran_load_csv = []
    for query in passed:
        try:
            with raw_driver.session() as session:
                session.run(query).consume()
        except Neo4jError as exc:
            if "Cannot load from URL" in (exc.message or ""):
                ran_load_csv.append(query)
    assert not ran_load_csv
