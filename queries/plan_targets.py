"""The plan's 2025 output targets that bear on one chain, each with the plan's words.

A chain-chief office answers for its chain's numbers, but the plan often sets none for the chain itself
(电机 has none) and sets them for the industry it belongs to (先进装备制造 300 亿元以上) or for the park that
hosts it as its main or special industry (江华高新区 力争 300 亿元). Those are the figures the office reports
against, so they are gathered here with their source, never computed or guessed.
"""

from __future__ import annotations

from dataclasses import dataclass

from graph.model import NodeLabel, RelType, node_id, number_prop, text_prop, texts_prop
from graph.store import GraphStore, NotFound
from queries.evidence import Evidence, resolve_evidence

OWN = "本链"
INDUSTRY = "所属产业"
PARK = "承载园区（一主一特）"


@dataclass(frozen=True)
class OutputTarget:
    subject: str  # the chain, industry or park the plan sets the target for
    relation: str  # OWN, INDUSTRY or PARK: how it bears on the chain asked about
    value: float
    unit: str
    qualifier: str  # the plan's hedge: 以上, 力争 …; "" when none
    evidence: list[Evidence]


def output_targets(store: GraphStore, chain: str) -> list[OutputTarget]:
    """The 2025 output targets of `chain`, of the industries above it, and of parks hosting it; `NotFound` for
    an unknown chain.

    >>> [(t.subject, t.relation) for t in output_targets(store, "电机")]  # doctest: +SKIP
    [('先进装备制造', '所属产业'), ('江华高新区', '承载园区（一主一特）')]
    """
    start = node_id(NodeLabel.CHAIN, chain)
    if store.get_node(start) is None:
        raise NotFound(f"找不到产业链“{chain}”，请核对产业链名称。")
    bearing = [(start, OWN)]
    seen = {start}
    frontier = start
    while parents := [r.end for r in store.relationships(RelType.PART_OF, start=frontier) if r.end not in seen]:
        frontier = parents[0]
        seen.add(frontier)
        bearing.append((frontier, INDUSTRY))
    bearing += sorted((r.start, PARK) for r in store.relationships(RelType.HOSTS, end=start))
    nodes = {n.id: n for n in store.subgraph([node for node, _ in bearing]).nodes}
    clauses = resolve_evidence(
        store, [c for n in nodes.values() for c in texts_prop(n.properties, "output_target_2025_evidence")]
    )
    found = []
    for node, relation in bearing:
        props = nodes[node].properties if node in nodes else {}
        value = number_prop(props, "output_target_2025")
        if value is None:
            continue
        found.append(
            OutputTarget(
                subject=nodes[node].name,
                relation=relation,
                value=value,
                unit=text_prop(props, "output_target_2025_unit") or "",
                qualifier=text_prop(props, "output_target_2025_qualifier") or "",
                evidence=[clauses[c] for c in texts_prop(props, "output_target_2025_evidence") if c in clauses],
            )
        )
    return found
