"""Plan clauses behind a fact, as the section and quote a reader can check in the plan."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from graph.store import GraphStore


@dataclass(frozen=True)
class Evidence:
    section: str
    quote: str


def resolve_evidence(store: GraphStore, clause_ids: Iterable[str]) -> dict[str, Evidence]:
    """Clause id → (section, quote), in one store round trip."""
    wanted = sorted(set(clause_ids))
    if not wanted:
        return {}
    return {
        node.id: Evidence(section=str(node.properties.get("section", "")), quote=str(node.properties.get("quote", "")))
        for node in store.subgraph(wanted).nodes
    }
