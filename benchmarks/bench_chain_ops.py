"""供需对接, 风险清单 and 延链 over all chains at scale, beside a naive per-segment loop, in one run.

    .venv/bin/python benchmarks/bench_chain_ops.py --enterprises 100000 --baseline-sample 100

- Ours: `queries.supply.supply_overview` (every chain's 本地配套率), `queries.risk.risk` and
  `queries.opportunities.opportunities` over all chains on the embedded store: the first call after a
  write, and repeated (median of 5).
- Naive baseline: what a per-segment loop over the store interface does — for every segment, read its
  supply links, each input's enterprises one by one (`get_node` for locality and size), its own and its
  candidates' enterprises, its downstream trace and each neighbour's enterprises, sharing nothing between
  segments. It is timed on `--baseline-sample` segments and extrapolated to all of them.
- With `--neo4j` and NEO4J_URI/NEO4J_PASSWORD set, the three analyses are also timed on Neo4j (it CLEARS that database).
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import NamedTuple

from graph.embedded import EmbeddedStore
from graph.model import NodeLabel, RelType
from graph.neo4j_store import Neo4jStore
from graph.store import GraphStore
from loaders.load import load_all
from loaders.synthetic import synthetic_enterprises
from queries.opportunities import opportunities
from queries.risk import risk
from queries.supply import supply_overview

ANALYSES: dict[str, Callable[[GraphStore], object]] = {
    "供需对接（各链本地配套率）": supply_overview,
    "产业链安全（风险清单）": risk,
    "延链机会": opportunities,
}


class Timing(NamedTuple):
    """Wall-clock and this process's CPU time: on a shared, busy machine the wall clock waits for the CPU."""

    wall_ms: float
    cpu_ms: float

    def __str__(self) -> str:
        return f"{self.wall_ms:,.0f} ms（CPU {self.cpu_ms:,.0f} ms）"


def _ms(call: Callable[[], object]) -> Timing:
    wall, cpu = time.perf_counter(), time.process_time()
    call()
    return Timing((time.perf_counter() - wall) * 1000, (time.process_time() - cpu) * 1000)


def _median_ms(call: Callable[[], object], runs: int = 5) -> Timing:
    times = [_ms(call) for _ in range(runs)]
    return Timing(statistics.median(t.wall_ms for t in times), statistics.median(t.cpu_ms for t in times))


def _all(store: GraphStore) -> None:
    for analysis in ANALYSES.values():
        analysis(store)


def _naive_segment(store: GraphStore, segment_id: str) -> None:
    """One segment's figures the naive way: every input, enterprise and neighbour read on its own."""

    def enterprises(sid: str) -> list[tuple[str, object, object]]:
        found: list[tuple[str, object, object]] = []
        for rel in store.relationships(RelType.OPERATES_IN, end=sid):
            node = store.get_node(rel.start)
            if node is not None:
                props = node.properties
                found.append((str(props.get("locality")), props.get("registered_capital_wan"), props.get("province")))
        return found

    inputs = store.relationships(RelType.SUPPLIES, end=segment_id)
    outputs = store.relationships(RelType.SUPPLIES, start=segment_id)
    for rel in inputs:  # 供需对接: does any local firm supply this input?
        any(locality == "local" for locality, _, _ in enterprises(rel.start))
    own = enterprises(segment_id)  # 风险: local firms, their sizes, candidates by province
    sizes = [size for locality, size, _ in own if locality == "local"]
    provinces = [province for locality, _, province in own if locality == "candidate"]
    for downstream in store.trace(segment_id, "down"):  # 风险: local firms downstream
        enterprises(downstream)
    for rel in outputs:  # 延链: each downstream neighbour's local presence
        enterprises(rel.end)
    del sizes, provinces


def _naive_loop(store: GraphStore, segments: list[str]) -> None:
    for sid in segments:
        _naive_segment(store, sid)


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--enterprises", type=int, default=100_000)
    parser.add_argument("--baseline-sample", type=int, default=100)
    parser.add_argument("--neo4j", action="store_true", help="也在 NEO4J_URI 所指的 Neo4j 上计时（会清空该库）。")
    args = parser.parse_args()
    load_1m = os.getloadavg()[0]
    rows: list[tuple[str, str, str, str]] = []
    with tempfile.TemporaryDirectory() as tmp:
        store = EmbeddedStore(Path(tmp))
        seed = load_all(store)
        store.write(synthetic_enterprises(seed, args.enterprises))
        segments = sorted(n.id for n in store.nodes(NodeLabel.SEGMENT))
        counts = store.counts()
        cold_all = _ms(lambda: _all(store))
        for name, analysis in ANALYSES.items():
            store.write(
                seed.model_copy(update={"nodes": seed.nodes[:1], "relationships": []})
            )  # any write drops caches
            cold = _ms(lambda analysis=analysis: analysis(store))  # type: ignore[misc]
            warm = _median_ms(lambda analysis=analysis: analysis(store))  # type: ignore[misc]
            rows.append((name, str(cold), str(warm), ""))
        warm_all = _median_ms(lambda: _all(store))
        sample = segments[:: max(1, len(segments) // args.baseline_sample)][: args.baseline_sample]
        naive_sample = _ms(lambda: _naive_loop(store, sample))
        scale = len(segments) / len(sample)
        rows.append(
            (
                "三项合计（全部产业链）",
                str(cold_all),
                str(warm_all),
                f"{naive_sample.wall_ms * scale / 1000:,.1f} s（CPU {naive_sample.cpu_ms * scale / 1000:,.1f} s；"
                f"{len(sample)} 个环节实测后按 {len(segments)} 个外推）",
            )
        )
    neo4j_rows = []
    if args.neo4j and os.environ.get("NEO4J_URI"):
        neo4j = Neo4jStore(os.environ["NEO4J_URI"], os.environ.get("NEO4J_USER", "neo4j"), os.environ["NEO4J_PASSWORD"])
        neo4j.clear()
        load_all(neo4j)
        neo4j.write(synthetic_enterprises(seed, args.enterprises), atomic=False)
        for name, analysis in ANALYSES.items():
            neo4j_rows.append((name, str(_median_ms(lambda analysis=analysis: analysis(neo4j), runs=3))))  # type: ignore[misc]
        neo4j.clear()
        neo4j.close()

    print(
        f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC；开始时 1 分钟平均负载 {load_1m:.1f}，结束时 {os.getloadavg()[0]:.1f}"
        f"（{os.cpu_count()} 核）；"
        f"合成企业 {args.enterprises:,} 家，{len(segments):,} 个环节，"
        f"{sum(counts.relationships.values()):,} 条关系。\n"
    )
    print("| 分析（内置存储） | 写入后首次 | 重复查询（5 次中位数） | 朴素逐环节循环 |")  # wall clock (CPU)
    print("|---|---|---|---|")
    for row in rows:
        print("| " + " | ".join(row) + " |")
    for name, ms in neo4j_rows:
        print(f"| {name}（Neo4j，3 次中位数） | — | {ms} | — |")


if __name__ == "__main__":
    main()
