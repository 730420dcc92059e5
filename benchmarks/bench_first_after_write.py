"""The first analysis after a one-firm write, in a fresh process (issue #16): the case a server start leaves cold.

    .venv/bin/python benchmarks/bench_first_after_write.py gaps --neo4j-pid PID [--clear-plans]

On the Neo4j at NEO4J_URI (a database `bench_scale.py --keep-neo4j` loaded): opens the store, runs the analysis
once (the store's first full reading of per-segment figures), writes one local firm as bench_scale does
(`touch`), and times the same analysis again — wall clock, this process's CPU, the server's CPU — with the
1-minute load beside it. Run it right after starting the server for the cold case; `--clear-plans` empties the
server's plan caches first (`CALL db.clearQueryCaches()`), which leaves the plans as a start does but the JIT warm.
"""

from __future__ import annotations

import argparse
import os

import bench_chain_ops
from bench_chain_ops import _ms
from bench_scale import _neo4j, queries, touch

from graph.model import NodeLabel
from graph.vocabulary import Locality
from queries.scenarios import impact_candidates

NAMES = ("gaps", "health", "targets", "what-if", "impact")
"""The first five of `bench_scale.queries`, in its order."""


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("analysis", choices=NAMES)
    parser.add_argument("--neo4j-pid", type=int, help="Neo4j 服务器的进程号：同时给出服务器的 CPU 时间。")
    parser.add_argument("--clear-plans", action="store_true", help="先清空服务器的查询计划缓存。")
    args = parser.parse_args()
    bench_chain_ops.SERVER_PID = args.neo4j_pid
    stores = []
    connect = _ms(lambda: stores.append(_neo4j()))
    store = stores[0]
    if args.clear_plans:
        store._read("CALL db.clearQueryCaches()")
    firm = store.nodes(NodeLabel.ENTERPRISE, locality=Locality.LOCAL.value)[0]
    enterprise = impact_candidates(store)[0] if args.analysis == "impact" else ""
    call = dict(zip(NAMES, queries(store, enterprise).values(), strict=False))[args.analysis]
    first = _ms(call)
    touch(store, firm)
    load = os.getloadavg()[0]
    after = _ms(call)
    print(f"| {args.analysis} | {after} | 负载 {load:.1f} | 连接 {connect} | 进程内第一次 {first} |")
    store.close()


if __name__ == "__main__":
    main()
