"""The same data opened as two store objects of one backend: one held across writes, one fresh (tests/conftest.py
`stores` fills both backends)."""

from pathlib import Path

from graph.config import Settings, open_store
from graph.embedded import EmbeddedStore
from graph.neo4j_store import Neo4jStore
from graph.store import GraphStore


def held_store(backend: str, data_dir: Path, neo4j: Neo4jStore) -> GraphStore:
    """The long-lived store object a test keeps (and whose kept readings it checks)."""
    return EmbeddedStore(data_dir) if backend == "embedded" else neo4j


def fresh_store(backend: str, data_dir: Path) -> GraphStore:
    """A new store object on the same data: nothing kept from earlier readings."""
    return EmbeddedStore(data_dir) if backend == "embedded" else open_store(Settings.from_env("neo4j"))
