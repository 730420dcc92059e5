"""Which store to open, from flags or the environment (CHAINKG_BACKEND, CHAINKG_DATA_DIR, NEO4J_*)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from graph.store import GraphStore, StoreError

BACKENDS = ("embedded", "neo4j")
BACKEND_NAMES = {"embedded": "内置存储（embedded）", "neo4j": "Neo4j 图数据库"}
"""What users read for each backend."""
NEO4J_SCHEMES = ("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc")
DEFAULT_NEO4J_URI = "bolt://127.0.0.1:7687"


@dataclass(frozen=True)
class Settings:
    backend: str
    data_dir: Path
    neo4j_uri: str | None
    neo4j_user: str
    neo4j_password: str | None
    neo4j_database: str | None
    switch_part_rows: int | None = None
    """CHAINKG_SWITCH_PART_ROWS: staged nodes a part of a large Neo4j import's switch handles (None: the store's
    default)."""

    @classmethod
    def from_env(cls, backend: str | None = None, data_dir: Path | None = None) -> Settings:
        chosen = backend or os.environ.get("CHAINKG_BACKEND") or "embedded"
        if chosen not in BACKENDS:
            raise StoreError(f"未知的存储后端“{chosen}”，可选：{'、'.join(BACKENDS)}。")
        default_dir = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share") / "chainkg"
        return cls(
            backend=chosen,
            data_dir=data_dir or Path(os.environ.get("CHAINKG_DATA_DIR") or default_dir),
            neo4j_uri=os.environ.get("NEO4J_URI"),
            neo4j_user=os.environ.get("NEO4J_USER") or "neo4j",
            neo4j_password=os.environ.get("NEO4J_PASSWORD"),
            neo4j_database=os.environ.get("NEO4J_DATABASE"),
            switch_part_rows=_positive("CHAINKG_SWITCH_PART_ROWS"),
        )


def _positive(name: str) -> int | None:
    """A positive whole number from the environment variable `name`, or None when it is not set."""
    value = os.environ.get(name, "").strip()
    if not value:
        return None
    if not value.isdigit() or int(value) < 1:
        raise StoreError(f"{name}“{value}”无效：应为正整数。")
    return int(value)


def check_neo4j_uri(uri: str) -> None:
    """Refuse a NEO4J_URI the driver cannot use (http://, a bare host name, a bad port) before connecting."""
    example = f"例如 {DEFAULT_NEO4J_URI}"
    scheme = uri.split("://", 1)[0] if "://" in uri else ""
    if scheme not in NEO4J_SCHEMES:
        raise StoreError(
            f"NEO4J_URI“{uri}”无效：应以 {'、'.join(f'{s}://' for s in NEO4J_SCHEMES)} 开头，{example}"
            "（不是浏览器用的 http:// 地址）。"
        )
    try:
        parts = urlsplit(uri)
        valid = bool(parts.hostname) and parts.port != 0
    except ValueError:  # a port that is not a number or out of range, a broken IPv6 address
        valid = False
    if not valid:
        raise StoreError(f"NEO4J_URI“{uri}”的主机或端口写法不对：{example}（端口为 1–65535）。")


def check_data_dir(data_dir: Path) -> None:
    """The embedded store's directory must be a directory (or not exist yet): a file there is a mistake."""
    existing = next((p for p in (data_dir, *data_dir.parents) if p.exists()), None)
    if existing is not None and not existing.is_dir():
        raise StoreError(
            f"数据目录“{data_dir}”无效：“{existing}”是一个文件。请用 --data-dir 或 CHAINKG_DATA_DIR 指定一个目录。"
        )


def open_store(settings: Settings) -> GraphStore:
    """The store the settings name; a Neo4j problem becomes one readable StoreError."""
    if settings.backend == "embedded":
        from graph.embedded import EmbeddedStore

        check_data_dir(settings.data_dir)
        return EmbeddedStore(settings.data_dir)
    uri = settings.neo4j_uri or DEFAULT_NEO4J_URI
    check_neo4j_uri(uri)
    if not settings.neo4j_password:
        raise StoreError(
            "使用 Neo4j 后端需要设置 NEO4J_URI、NEO4J_USER、NEO4J_PASSWORD。"
            '本机服务可先运行 `scripts/neo4j start`，再执行 eval "$(scripts/neo4j env)"。'
        )
    from graph.neo4j_store import Neo4jStore

    parts = {} if settings.switch_part_rows is None else {"switch_part_rows": settings.switch_part_rows}
    return Neo4jStore(uri, settings.neo4j_user, settings.neo4j_password, settings.neo4j_database, **parts)
