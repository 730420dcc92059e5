"""Which store to open, from flags or the environment (CHAINKG_BACKEND, CHAINKG_DATA_DIR, NEO4J_*)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from graph.store import GraphStore, StoreError

BACKENDS = ("embedded", "neo4j")


@dataclass(frozen=True)
class Settings:
    backend: str
    data_dir: Path
    neo4j_uri: str | None
    neo4j_user: str
    neo4j_password: str | None
    neo4j_database: str | None

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
        )


def open_store(settings: Settings) -> GraphStore:
    """The store the settings name; a Neo4j problem becomes one readable StoreError."""
    if settings.backend == "embedded":
        from graph.embedded import EmbeddedStore

        return EmbeddedStore(settings.data_dir)
    if not settings.neo4j_password:
        raise StoreError(
            "使用 Neo4j 后端需要设置 NEO4J_URI、NEO4J_USER、NEO4J_PASSWORD。"
            '本机服务可先运行 `scripts/neo4j start`，再执行 eval "$(scripts/neo4j env)"。'
        )
    from graph.neo4j_store import Neo4jStore

    return Neo4jStore(
        settings.neo4j_uri or "bolt://127.0.0.1:7687",
        settings.neo4j_user,
        settings.neo4j_password,
        settings.neo4j_database,
    )
