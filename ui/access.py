"""Who may change data in the app: editors only.

Configured by the administrator, never by default:
- a shared editor password: environment variable CHAINKG_EDITOR_PASSWORD, or `editor_password`
  under `[chainkg]` in `.streamlit/secrets.toml`;
- or OIDC login through Streamlit's authentication (`[auth]` in secrets), with the editors' e-mail
  addresses listed in `editors` under `[chainkg]`.
With neither, the app is read-only for everyone; the local command line is not affected.
A password that is blank or only spaces counts as not configured.

Guessing is limited: after SESSION_FAILURES wrong passwords in one browser session, or SERVER_FAILURES
across all sessions together (a guesser can always open a new session), further attempts are refused
for LOCKOUT_SECONDS, even with the right password.
"""

from __future__ import annotations

import hmac
import math
import os
import threading
import time
from dataclasses import dataclass, field
from typing import Any

import streamlit as st

SESSION_FAILURES = 5
SERVER_FAILURES = 20
LOCKOUT_SECONDS = 15 * 60
_ATTEMPTS_LOCK = threading.Lock()  # sessions run in threads of one server process


@dataclass
class Attempts:
    """Wrong passwords within the last LOCKOUT_SECONDS, and until when attempts are refused."""

    limit: int
    failures: list[float] = field(default_factory=list)
    refused_until: float = 0.0

    def wait(self, now: float) -> float:
        """Seconds until attempts are allowed again (0 when they are)."""
        with _ATTEMPTS_LOCK:
            return max(0.0, self.refused_until - now)

    def failed(self, now: float) -> None:
        with _ATTEMPTS_LOCK:
            self.failures = [t for t in self.failures if now - t < LOCKOUT_SECONDS] + [now]
            if len(self.failures) >= self.limit:
                self.refused_until, self.failures = now + LOCKOUT_SECONDS, []

    def succeeded(self) -> None:
        with _ATTEMPTS_LOCK:
            self.failures = []


@st.cache_resource
def _server_attempts() -> Attempts:
    """One record for the whole server process, shared by every session."""
    return Attempts(SERVER_FAILURES)


def _session_attempts() -> Attempts:
    attempts = st.session_state.get("chainkg_login_attempts")
    if not isinstance(attempts, Attempts):
        attempts = st.session_state["chainkg_login_attempts"] = Attempts(SESSION_FAILURES)
    return attempts


def _secrets() -> dict[str, Any]:
    try:
        return {key: st.secrets[key] for key in st.secrets}
    except Exception:  # no secrets.toml: Streamlit raises its own not-found error
        return {}


def _password() -> str | None:
    """The configured editor password; blank or whitespace-only is no password at all."""
    for value in (os.environ.get("CHAINKG_EDITOR_PASSWORD"), _secrets().get("chainkg", {}).get("editor_password")):
        if value is not None and str(value).strip():
            return str(value)
    return None


def _oidc_editors() -> list[str] | None:
    secrets = _secrets()
    if "auth" not in secrets:
        return None
    return [str(e).lower() for e in secrets.get("chainkg", {}).get("editors", [])]


def editing_configured() -> bool:
    return bool(_password()) or _oidc_editors() is not None


def is_editor() -> bool:
    if st.session_state.get("chainkg_editor"):
        return True
    editors = _oidc_editors()
    if editors is not None and getattr(st.user, "is_logged_in", False):
        return str(st.user.get("email", "")).lower() in editors
    return False


def login() -> None:
    """The login form for whichever method is configured."""
    password = _password()
    if password:
        typed = st.text_input("编辑口令", type="password", key="editor-password")
        if st.button("以编辑身份登录", key="editor-login"):
            _check_password(typed, password)
    if _oidc_editors() is not None:
        if getattr(st.user, "is_logged_in", False):
            st.warning("当前账号不在编辑名单中。")
            st.button("退出登录", on_click=st.logout, key="editor-logout")
        else:
            st.button("使用单位账号登录（OIDC）", on_click=st.login, key="editor-oidc")


def _check_password(typed: str, password: str) -> None:
    """Log in with the right password, unless too many wrong ones came first (see the module docstring)."""
    if not typed:
        st.warning("请输入编辑口令。")
        return
    now = time.monotonic()
    session, server = _session_attempts(), _server_attempts()
    wait = max(session.wait(now), server.wait(now))
    if wait:
        st.error(f"口令错误次数过多，登录已暂停：请 {math.ceil(wait / 60)} 分钟后再试，或联系管理员。")
        return
    if hmac.compare_digest(typed.encode("utf-8"), password.encode("utf-8")):
        session.succeeded()
        st.session_state["chainkg_editor"] = True
        st.rerun()
    session.failed(now)
    server.failed(now)
    if session.wait(now) or server.wait(now):
        st.error(f"口令不正确。错误次数过多，登录已暂停 {LOCKOUT_SECONDS // 60} 分钟。")
    else:
        st.error(f"口令不正确。本次还可再试 {SESSION_FAILURES - len(session.failures)} 次。")
