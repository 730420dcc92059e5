"""Bulk loading on both backends, beside the naive baseline, in one run.

Needs a running Neo4j (`scripts/neo4j start` and `eval "$(scripts/neo4j env)"`); it CLEARS that
database. Usage:

    .venv/bin/python benchmarks/bench_load.py --enterprises 100000 --baseline-sample 1000

The naive baseline is what public industry-chain graph projects commonly do: one Cypher string
built per row (`CREATE (n:Label {…})`, then `MATCH (a {id:…}),(b {id:…}) CREATE (a)-[:T]->(b)`),
one auto-commit transaction each, no constraints or indexes. A full baseline run would take hours
at this scale, so it times a sample of rows against the fully loaded database (so its scans cost
what they would at the end) and extrapolates per-row cost to all rows; the report says so.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from graph.embedded import EmbeddedStore
from graph.model import GraphData
from graph.neo4j_store import Neo4jStore
from loaders.load import load_all
from loaders.synthetic import synthetic_enterprises


def _timed(call: Callable[[], object]) -> float:
    start = time.perf_counter()
    call()
    return time.perf_counter() - start


def _naive_literal(value: object) -> str:
    """Deliberately naive string building, as the baseline projects do (only for this benchmark)."""
    return json.dumps(value, ensure_ascii=False)


def _naive_baseline(store: Neo4jStore, data: GraphData, sample: int) -> float:
    """Seconds per row for string-built single-row statements without indexes."""
    driver = store._driver  # the benchmark measures the baseline on the very same server
    for record in driver.execute_query("SHOW CONSTRAINTS YIELD name")[0]:
        driver.execute_query(f"DROP CONSTRAINT {record['name']}")
    for record in driver.execute_query("SHOW INDEXES YIELD name, type WHERE type <> 'LOOKUP'")[0]:
        driver.execute_query(f"DROP INDEX {record['name']}")
    nodes = data.nodes[:sample]
    rels = data.relationships[:sample]
    with driver.session(database=store.database) as session:
        start = time.perf_counter()
        for node in nodes:
            props = ", ".join(f"{k}: {_naive_literal(v)}" for k, v in {**node.properties, "id": node.id}.items())
            session.run(f"CREATE (n:{node.label.value}_naive {{{props}}})").consume()
        for rel in rels:
            session.run(
                f"MATCH (a {{id: {_naive_literal(rel.start)}}}), (b {{id: {_naive_literal(rel.end)}}}) "
                f"CREATE (a)-[:{rel.type.value}_naive]->(b)"
            ).consume()
        elapsed = time.perf_counter() - start
    return elapsed / (len(nodes) + len(rels))


def _connect() -> Neo4jStore:
    return Neo4jStore(os.environ["NEO4J_URI"], os.environ.get("NEO4J_USER", "neo4j"), os.environ["NEO4J_PASSWORD"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--enterprises", type=int, default=100_000)
    parser.add_argument("--baseline-sample", type=int, default=1000)
    args = parser.parse_args()

    neo4j = _connect()
    neo4j.clear()
    seed = load_all(neo4j)
    synthetic = synthetic_enterprises(seed, args.enterprises)
    rows = len(synthetic.nodes) + len(synthetic.relationships)

    bulk_neo4j = _timed(lambda: neo4j.write(synthetic, atomic=False))

    with tempfile.TemporaryDirectory() as tmp:
        embedded = EmbeddedStore(Path(tmp))
        load_all(embedded)
        bulk_embedded = _timed(lambda: embedded.write(synthetic))

    per_row_naive = _naive_baseline(neo4j, synthetic, args.baseline_sample)
    naive_total = per_row_naive * rows
    neo4j.clear()
    neo4j.close()
    # Connecting again recreates the constraints and indexes the baseline dropped.
    _connect().close()

    print(
        f"机器：{platform.processor() or platform.machine()}，{os.cpu_count()} 核；Python {platform.python_version()}"
    )
    print(
        f"数据：种子 + 合成企业 {args.enterprises:,} 家，写入 {len(synthetic.nodes):,} 个节点、"
        f"{len(synthetic.relationships):,} 条关系（共 {rows:,} 行）\n"
    )
    sample = f"按 {args.baseline_sample:,} 个节点 + {args.baseline_sample:,} 条关系的样本外推"
    table = [
        "| 项目 | Neo4j | 内置存储 | 朴素基线（Neo4j，逐行拼接，无索引） |",
        "|---|---|---|---|",
        f"| 批量加载耗时 | {bulk_neo4j:.1f} s | {bulk_embedded:.1f} s | 约 {naive_total:,.0f} s（{sample}） |",
        f"| 加载速度 | {rows / bulk_neo4j:,.0f} 行/s | {rows / bulk_embedded:,.0f} 行/s "
        f"| {1 / per_row_naive:,.1f} 行/s |",
        f"| 相对基线的倍数 | {naive_total / bulk_neo4j:,.0f}× | {naive_total / bulk_embedded:,.0f}× | 1× |",
    ]
    print("\n".join(table))


if __name__ == "__main__":
    main()
