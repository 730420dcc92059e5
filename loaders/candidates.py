"""The national candidate pool (A-share listed companies) → Enterprise nodes with locality "candidate".

The CSV in `seed/candidates/` was converted from public data once, by
`scripts/convert_listed_companies.py`; its README keeps the attribution. Candidates carry
no segment ties: targeting matches them against segment keywords when asked.
"""

from __future__ import annotations

import csv
from pathlib import Path

from graph.model import GraphData, Node, NodeLabel, PropertyValue, Source, node_id
from graph.vocabulary import Locality
from loaders.seed import SEED_DIR

CANDIDATES_FILE = SEED_DIR / "candidates" / "listed_companies.csv"
_NUMERIC_COLUMNS = frozenset({"total_assets_2016_wan", "revenue_2016_wan"})


def build_candidate_graph(path: Path = CANDIDATES_FILE) -> GraphData:
    """One Enterprise node per row; empty cells are left out (unknown), never filled in."""
    nodes = []
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            props: dict[str, PropertyValue] = {
                "locality": Locality.CANDIDATE.value,
                "source": Source.LISTED_COMPANIES.value,
            }
            for column, value in row.items():
                if column == "id" or not value:
                    continue
                if column == "source":
                    props["source_detail"] = value
                elif column in _NUMERIC_COLUMNS:
                    props[column] = float(value)
                else:
                    props[column] = value
            nodes.append(
                Node(id=node_id(NodeLabel.ENTERPRISE, row["id"]), label=NodeLabel.ENTERPRISE, properties=props)
            )
    return GraphData(nodes=nodes)
