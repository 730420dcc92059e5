"""Who may change data in the app: editors only.

Configured by the administrator, never by default:
- a shared editor password: environment variable CHAINKG_EDITOR_PASSWORD, or `editor_password`
  under `[chainkg]` in `.streamlit/secrets.toml`;
- or OIDC login through Streamlit's authentication (`[auth]` in secrets), with the editors' e-mail
  addresses listed in `editors` under `[chainkg]`.
With neither, the app is read-only for everyone; the local command line is not affected.
"""

from __future__ import annotations

import hmac
import os
from typing import Any

import streamlit as st


def _secrets() -> dict[str, Any]:
    try:
        return {key: st.secrets[key] for key in st.secrets}
    except Exception:  # no secrets.toml: Streamlit raises its own not-found error
        return {}


def _password() -> str | None:
    return os.environ.get("CHAINKG_EDITOR_PASSWORD") or _secrets().get("chainkg", {}).get("editor_password")


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
            if hmac.compare_digest(typed.encode("utf-8"), password.encode("utf-8")):
                st.session_state["chainkg_editor"] = True
                st.rerun()
            st.error("口令不正确。")
    if _oidc_editors() is not None:
        if getattr(st.user, "is_logged_in", False):
            st.warning("当前账号不在编辑名单中。")
            st.button("退出登录", on_click=st.logout, key="editor-logout")
        else:
            st.button("使用单位账号登录（OIDC）", on_click=st.login, key="editor-oidc")
