"""Chain structure: what is loaded, how each chain is put together, traces and paths.

Plain functions over the store interface, so the CLI, the app and the tests ask the
same questions of either backend.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

from graph.model import NodeLabel, RelType
from graph.store import GraphStore


@dataclass(frozen=True)
class ChainSummary:
    name: str
    kind: str
    parent: str | None
    segments: int
    output_target_2025: float | None
    output_target_unit: str | None


def chain_summaries(store: GraphStore) -> list[ChainSummary]:
    """Every chain with its parent industry and how many segments it has, in name order."""
    summaries = []
    for chain in store.nodes(NodeLabel.CHAIN):
        parents = store.relationships(RelType.PART_OF, start=chain.id)
        parent = store.get_node(parents[0].end) if parents else None
        summaries.append(
            ChainSummary(
                name=chain.name,
                kind=str(chain.properties.get("kind", "")),
                parent=parent.name if parent else None,
                segments=len(store.relationships(RelType.BELONGS_TO, end=chain.id)),
                output_target_2025=chain.properties.get("output_target_2025"),  # type: ignore[arg-type]
                output_target_unit=chain.properties.get("output_target_2025_unit"),  # type: ignore[arg-type]
            )
        )
    return sorted(summaries, key=lambda s: s.name)


def stats(store: GraphStore) -> dict[str, object]:
    """Counts of everything loaded and a line per chain: the `chainkg stats` answer."""
    counts = store.counts().as_dict()
    return {
        "backend": store.backend,
        **counts,
        "chains": [asdict(summary) for summary in chain_summaries(store)],
    }
