"""The first analysis after a one-firm write, in a fresh process (issue #16): the case a server start leaves cold.

    .venv/bin/python benchmarks/bench_first_after_write.py gaps --neo4j-pid PID [--clear-plans]

On the Neo4j at NEO4J_URI (a database `bench_scale.py --keep-neo4j` loaded): opens the store, runs the analysis
once (the store's first full reading of per-segment figures), writes one local firm as bench_scale does
(`touch`), and times the same analysis again — wall clock, this process's CPU, the server's CPU — with the
1-minute load beside it. Run it right after starting the server for the cold case; `--clear-plans` empties the
server's plan caches first (`CALL db.clearQueryCaches()`), which leaves the plans as a start does but the JIT warm.
`--statements` lists every read the timed call sends, in order, with the server's time to its first row (plan and
start, `result_available_after`) and to its last, and the round trip as this process saw it; and the server's CPU in
the timed call by thread (/proc: Bolt workers run the statements, compiler threads are the JVM's JIT, GC threads
collect). `--pause S` waits S seconds between the first call and the write, with the server's CPU by thread in that
time: what the JVM still compiles after the first call. `--warm N` calls the analysis N more times before the write,
with the server's CPU they cost (what a warm-up after start would spend). `--repeat N` then writes and times the
analysis N more times in the same process (a row each, with the load): whether the first call after a write stays
within its goal as the JVM warms.
"""

from __future__ import annotations

import argparse
import os
import re
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import bench_chain_ops
from bench_chain_ops import _ms
from bench_scale import _neo4j, queries, touch
from neo4j import RoutingControl

from graph.model import NodeLabel
from graph.neo4j_store import Neo4jStore
from graph.vocabulary import Locality
from queries.scenarios import impact_candidates

NAMES = ("gaps", "health", "targets", "what-if", "impact")
"""The first five of `bench_scale.queries`, in its order."""


def threads_cpu_ms(pid: int) -> Counter[str]:
    """The server's CPU so far by thread name, digits dropped (one line per kind of thread)."""
    found: Counter[str] = Counter()
    for task in Path(f"/proc/{pid}/task").iterdir():
        try:
            name = (task / "comm").read_text().strip()
            fields = (task / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:  # the thread ended between listing and reading
            continue
        ticks = int(fields[11]) + int(fields[12])  # whole ms: a Linux clock tick is 10 ms
        found[re.sub(r"[0-9]+$", "#", name)] += ticks * 1000 // os.sysconf("SC_CLK_TCK")
    return found


def _by_thread(cpu: Counter[str]) -> str:
    return "，".join(f"{name} {ms:,.0f} ms" for name, ms in cpu.most_common())


def recorded(store: Neo4jStore, call: Callable[[], object]) -> list[str]:
    """Table rows for every read `call` sends: its first words, the size of each list parameter, the server's ms
    to the first and the last row, and the round trip. The store's reads go through the driver as `_read` sends
    them, with their summaries kept; the store itself is unchanged."""
    rows: list[str] = []

    def reading(query: str, **params: Any) -> list[Any]:
        start = time.perf_counter()
        records, summary, _ = store._driver.execute_query(
            query, params, routing_=RoutingControl.READ, database_=store.database
        )
        trip = (time.perf_counter() - start) * 1000
        sizes = ", ".join(f"{k} {len(v)}" for k, v in params.items() if isinstance(v, list))
        words = " ".join(query.split())[:70].replace("|", "/")
        first, last = summary.result_available_after, summary.result_consumed_after
        rows.append(f"| {words} | {sizes} | {len(records)} | {first} | {last} | {trip:,.0f} |")
        return records

    store._read = reading  # type: ignore[method-assign]
    try:
        call()
    finally:
        del store._read
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("analysis", choices=NAMES)
    parser.add_argument("--neo4j-pid", type=int, help="Neo4j 服务器的进程号：同时给出服务器的 CPU 时间。")
    parser.add_argument("--clear-plans", action="store_true", help="先清空服务器的查询计划缓存。")
    parser.add_argument("--pause", type=float, default=0.0, help="第一次计算与写入之间等待的秒数。")
    parser.add_argument("--statements", action="store_true", help="列出计时那次发出的每条读取语句与服务器用时。")
    parser.add_argument("--warm", type=int, default=0, help="写入前再计算的次数（预热），并给出它们的服务器 CPU。")
    parser.add_argument("--repeat", type=int, default=0, help="之后再“写入＋计时”的次数（每次一行）。")
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
    if args.warm:
        print(f"写入前再算 {args.warm} 次（预热）：{_ms(lambda: [call() for _ in range(args.warm)])}")
    if args.pause:
        idle = threads_cpu_ms(args.neo4j_pid) if args.neo4j_pid else Counter[str]()
        time.sleep(args.pause)
        if idle:
            idle = threads_cpu_ms(args.neo4j_pid) - idle
            print(f"等待 {args.pause:g} s 内服务器 CPU 按线程：{_by_thread(idle)}")
    touch(store, firm)
    load = os.getloadavg()[0]
    sent: list[str] = []
    threads = threads_cpu_ms(args.neo4j_pid) if args.statements and args.neo4j_pid else Counter[str]()
    after = _ms(lambda: sent.extend(recorded(store, call)) if args.statements else call())
    if threads:
        threads = threads_cpu_ms(args.neo4j_pid) - threads
    print(f"| {args.analysis} | {after} | 负载 {load:.1f} | 连接 {connect} | 进程内第一次 {first} |")
    if sent:
        print("\n| 语句 | 列表参数 | 行 | 服务器到第一行 ms | 到最后一行 ms | 往返 ms |\n|---|---|---|---|---|---|")
        print("\n".join(sent))
    if threads:
        print(f"\n服务器 CPU 按线程：{_by_thread(threads)}")
    for number in range(1, args.repeat + 1):
        touch(store, firm)
        print(f"| 再写入后第 {number} 次 | {_ms(call)} | 负载 {os.getloadavg()[0]:.1f} |")
    store.close()


if __name__ == "__main__":
    main()
