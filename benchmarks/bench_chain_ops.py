"""供需对接, 风险清单 and 延链 over all chains at scale, beside a naive per-segment loop, in one run.

    .venv/bin/python benchmarks/bench_chain_ops.py --enterprises 100000 --baseline-sample 100

- Ours: `queries.supply.supply_overview` (every chain's 本地配套率), `queries.risk.risk` and
  `queries.opportunities.opportunities` over all chains on the embedded store: the first call after a
  write (one local firm's registered capital edited: the stores recompute only that firm's segments; median
  and slowest of 5 write-then-call rounds), and repeated (median of 5); the three together once right after
  loading (every segment built from scratch); and the two store reads a first call waits for, `segment_profiles`
  and `segment_aggregates` (one pass over the enterprise–segment ties), on their own.
- Naive baseline: what a per-segment loop over the store interface does — for every segment, read its
  supply links, each input's enterprises one by one (`get_node` for locality and size), its own and its
  candidates' enterprises, its downstream trace and each neighbour's enterprises, sharing nothing between
  segments. It is timed on `--baseline-sample` segments and extrapolated to all of them.
- With `--neo4j` and NEO4J_URI/NEO4J_PASSWORD set, the same is timed on Neo4j (it CLEARS that database), the
  naive loop on `--neo4j-baseline-sample` segments; `--neo4j-pid` (the server's process id) adds the
  server's CPU time, since on Neo4j most of the work is the database's, not this process's.
"""

from __future__ import annotations

import argparse
import itertools
import os
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import NamedTuple

from graph.embedded import EmbeddedStore
from graph.model import GraphData, Node, NodeLabel, PropertyValue, RelType
from graph.neo4j_store import Neo4jStore
from graph.store import GraphStore
from loaders.load import load_all
from loaders.synthetic import synthetic_enterprises
from queries.opportunities import opportunities
from queries.risk import risk
from queries.supply import supply_overview

OPERATES_IN = RelType.OPERATES_IN
ANALYSES: dict[str, Callable[[GraphStore], object]] = {
    "供需对接（各链本地配套率）": supply_overview,
    "产业链安全（风险清单）": risk,
    "延链机会": opportunities,
}


class Timing(NamedTuple):
    """Wall-clock, this process's CPU time and (when its process id is given) the Neo4j server's CPU time:
    on a shared, busy machine the wall clock waits for the CPU."""

    wall_ms: float
    cpu_ms: float
    server_ms: float | None = None

    def __str__(self) -> str:
        server = f"，服务器 CPU {self.server_ms:,.0f} ms" if self.server_ms is not None else ""
        return f"{self.wall_ms:,.0f} ms（CPU {self.cpu_ms:,.0f} ms{server}）"

    def scaled(self, factor: float) -> str:
        """An extrapolated figure, in seconds."""
        server = f"，服务器 CPU {self.server_ms * factor / 1000:,.1f} s" if self.server_ms is not None else ""
        return f"{self.wall_ms * factor / 1000:,.1f} s（CPU {self.cpu_ms * factor / 1000:,.1f} s{server}）"


SERVER_PID: int | None = None


def _server_cpu_ms() -> float | None:
    """The Neo4j server process's user + system CPU time so far (from /proc), or None when not asked for."""
    if SERVER_PID is None:
        return None
    fields = Path(f"/proc/{SERVER_PID}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) * 1000 / os.sysconf("SC_CLK_TCK")


def _ms(call: Callable[[], object]) -> Timing:
    wall, cpu, server = time.perf_counter(), time.process_time(), _server_cpu_ms()
    call()
    after = _server_cpu_ms()
    return Timing(
        (time.perf_counter() - wall) * 1000,
        (time.process_time() - cpu) * 1000,
        None if server is None or after is None else after - server,
    )


def _median_ms(call: Callable[[], object], runs: int = 5) -> Timing:
    times = [_ms(call) for _ in range(runs)]
    servers = [t.server_ms for t in times if t.server_ms is not None]
    return Timing(
        statistics.median(t.wall_ms for t in times),
        statistics.median(t.cpu_ms for t in times),
        statistics.median(servers) if servers else None,
    )


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


def _measure(store: GraphStore, runs: int) -> list[tuple[str, str, str]]:
    """(what, first call after a write, repeated) for each analysis, the three together and the two store reads."""

    local = store.nodes(NodeLabel.ENTERPRISE, locality="local")
    firm = next(n for n in local if store.relationships(OPERATES_IN, n.id))
    edits = itertools.count(1)

    def touch() -> None:
        """The usual write between two views: one local firm's registered capital changes (its segments change)."""
        capital: dict[str, PropertyValue] = {"registered_capital_wan": 100.0 + next(edits)}
        store.write(GraphData(nodes=[Node(id=firm.id, label=NodeLabel.ENTERPRISE, properties=capital)]))

    def after_write(call: Callable[[], object]) -> str:
        """Median and slowest of `runs` first calls, each after its own write: one can meet a garbage collection."""
        times = []
        for _ in range(runs):
            touch()
            times.append(_ms(call))
        slowest = max(times, key=lambda t: t.cpu_ms)
        median = Timing(statistics.median(t.wall_ms for t in times), statistics.median(t.cpu_ms for t in times))
        return f"{median}；最慢一次（按 CPU）{slowest}" if runs > 1 else str(median)

    rows = []
    touch()
    cold_all = _ms(lambda: _all(store))
    for name, analysis in ANALYSES.items():
        cold = after_write(lambda analysis=analysis: analysis(store))  # type: ignore[misc]
        rows.append((name, cold, str(_median_ms(lambda analysis=analysis: analysis(store), runs))))  # type: ignore[misc]
    rows.append(
        ("三项合计（载入后第一次，含全部环节的首次建立）", str(cold_all), str(_median_ms(lambda: _all(store), runs)))
    )
    for name, read in (
        ("其中：环节画像 segment_profiles", store.segment_profiles),
        ("其中：聚合读取 segment_aggregates", store.segment_aggregates),
    ):
        rows.append((name, after_write(read), "—"))
    return rows


def _naive(store: GraphStore, segments: list[str], sample_size: int) -> str:
    sample = segments[:: max(1, len(segments) // sample_size)][:sample_size]
    timing = _ms(lambda: _naive_loop(store, sample))
    return f"{timing.scaled(len(segments) / len(sample))}；{len(sample)} 个环节实测后按 {len(segments)} 个外推"


def _print(title: str, rows: list[tuple[str, str, str]], naive: str) -> None:
    # wall clock (CPU)
    print(f"| 分析（{title}） | 写入后首次（5 次中位数；最慢一次） | 重复查询（中位数） | 朴素逐环节循环 |")
    print("|---|---|---|---|")
    for name, cold, warm in rows:
        print(f"| {name} | {cold} | {warm} | {naive if name.startswith('三项合计') else ''} |")
    print()


def main() -> None:
    global SERVER_PID
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--enterprises", type=int, default=100_000)
    parser.add_argument("--baseline-sample", type=int, default=100)
    parser.add_argument("--neo4j", action="store_true", help="也在 NEO4J_URI 所指的 Neo4j 上计时（会清空该库）。")
    parser.add_argument("--neo4j-baseline-sample", type=int, default=3)
    parser.add_argument("--neo4j-pid", type=int, help="Neo4j 服务器的进程号：同时给出服务器的 CPU 时间。")
    parser.add_argument("--skip-embedded", action="store_true", help="只测 Neo4j。")
    parser.add_argument("--keep-neo4j", action="store_true", help="测完不清空 Neo4j（之后可用 PROFILE 查看查询）。")
    args = parser.parse_args()
    load_1m = os.getloadavg()[0]
    if not args.skip_embedded:
        with tempfile.TemporaryDirectory() as tmp:
            store = EmbeddedStore(Path(tmp))
            seed = load_all(store)
            store.write(synthetic_enterprises(seed, args.enterprises))
            segments = sorted(n.id for n in store.nodes(NodeLabel.SEGMENT))
            counts = store.counts()
            rows = _measure(store, runs=5)
            naive = _naive(store, segments, args.baseline_sample)
        print(_header(load_1m, args.enterprises, len(segments), sum(counts.relationships.values())))
        _print("内置存储", rows, naive)
    if args.neo4j and os.environ.get("NEO4J_URI"):
        SERVER_PID = args.neo4j_pid
        neo4j = Neo4jStore(os.environ["NEO4J_URI"], os.environ.get("NEO4J_USER", "neo4j"), os.environ["NEO4J_PASSWORD"])
        neo4j.clear()
        seed = load_all(neo4j)
        neo4j.write(synthetic_enterprises(seed, args.enterprises), atomic=False)
        segments = sorted(n.id for n in neo4j.nodes(NodeLabel.SEGMENT))
        load_neo4j = os.getloadavg()[0]
        rows = _measure(neo4j, runs=3)
        naive = _naive(neo4j, segments, args.neo4j_baseline_sample)
        counts = neo4j.counts()
        if not args.keep_neo4j:
            neo4j.clear()
        neo4j.close()
        print(_header(load_neo4j, args.enterprises, len(segments), sum(counts.relationships.values())))
        _print("Neo4j", rows, naive)


def _header(load_start: float, enterprises: int, segments: int, relationships: int) -> str:
    load_end = os.getloadavg()[0]
    return (
        f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC；开始时 1 分钟平均负载 {load_start:.1f}，结束时 {load_end:.1f}"
        f"（{os.cpu_count()} 核）；合成企业 {enterprises:,} 家，{segments:,} 个环节，{relationships:,} 条关系。\n"
    )


if __name__ == "__main__":
    main()
