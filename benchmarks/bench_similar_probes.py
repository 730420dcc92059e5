"""The Neo4j similar-name lookups with different clause budgets for their Lucene queries, alternating, on one graph.

    .venv/bin/python benchmarks/bench_similar_probes.py --names /tmp/nameidx/n1m/unmatched.json \
        --server-pid PID --budgets 0,40,200 [--rounds 4]

Run it on a graph `bench_similar_names.py --neo4j` built (NEO4J_URI/NEO4J_PASSWORD; it only reads). `--names` is the
file of unmatched names that script writes. A budget is `_LUCENE_CLAUSES`: 0 requires two shared probe characters,
as before branch nameidx; more requires as many as fit (`Neo4jStore.char_lookups`). For each budget: the db hits of
the lookups (`PROFILE`, once), then `--rounds` times, budgets alternating, the server's CPU for the statement (from
/proc). The answers of every budget must be the same; the script says whether they are.
"""

from __future__ import annotations

import argparse
import json
import os
from pathlib import Path
from typing import Any

from graph import neo4j_cypher as cypher
from graph.config import Settings, open_store
from graph.neo4j_store import Neo4jStore
from graph.similar import LENGTH_SLACK, MIN_KEY_LENGTH, SIMILAR_NAME_RATIO
from loaders.importing import core_name


def server_cpu(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def db_hits(plan: dict[str, Any]) -> int:
    return int(plan.get("dbHits", 0)) + sum(db_hits(child) for child in plan.get("children", []))


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--names", type=Path, required=True)
    parser.add_argument("--server-pid", type=int, required=True)
    parser.add_argument("--budgets", default="0,40,200")
    parser.add_argument("--rounds", type=int, default=4)
    args = parser.parse_args()

    store = open_store(Settings.from_env())
    assert isinstance(store, Neo4jStore), "CHAINKG_BACKEND=neo4j"
    store._read(cypher.AWAIT_NAME_KEY_CHARS, seconds=600)
    names = json.loads(args.names.read_text("utf-8"))
    keys = list(dict.fromkeys(key for key in map(core_name, names) if len(key) >= MIN_KEY_LENGTH))
    budgets = [int(budget) for budget in args.budgets.split(",")]
    params: dict[int, dict[str, Any]] = {
        budget: {"lookups": store.char_lookups(keys, budget)[0], "slack": LENGTH_SLACK, "ratio": SIMILAR_NAME_RATIO}
        for budget in budgets
    }
    answers = set()
    with store._driver.session(database=store.database) as session:
        for budget, statement in params.items():
            plan = session.run("PROFILE " + cypher.NAME_KEYS_BY_CHARS, statement).consume().profile or {}
            found = sorted((r["key"], sorted(r["others"])) for r in session.run(cypher.NAME_KEYS_BY_CHARS, statement))
            answers.add(json.dumps(found, ensure_ascii=False))
            print(f"budget {budget}: {len(keys)} keys, {len(statement['lookups'])} lookups, db hits {db_hits(plan)}")
        print("same answers:", len(answers) == 1)
        spent: dict[int, list[float]] = {budget: [] for budget in budgets}
        for _ in range(args.rounds):
            for budget, statement in params.items():
                before = server_cpu(args.server_pid)
                session.run(cypher.NAME_KEYS_BY_CHARS, statement).consume()
                spent[budget].append(server_cpu(args.server_pid) - before)
    for budget, cpu in spent.items():
        shown = ", ".join(f"{c:.2f}" for c in cpu)
        print(f"budget {budget}: server CPU {shown} s, load {os.getloadavg()[0]:.1f}")
    store.close()


if __name__ == "__main__":
    main()
