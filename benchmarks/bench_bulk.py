"""The Neo4j bulk load alone (issue #16 item 4), with this process's and the server's CPU time beside the wall clock.

    .venv/bin/python benchmarks/bench_bulk.py --enterprises 100000 --rounds 2 --neo4j-pid PID
    PYTHONPATH=/path/to/older/checkout .venv/bin/python benchmarks/bench_bulk.py …   # the older code, same server

Writes the seed (an unchanged seed is a no-op) and then, each round, deletes the synthetic enterprises and
times `write(data, atomic=False)` of `loaders/synthetic.py`'s enterprises — the same call as bench_load.py and
bench_scale.py, without their embedded store, naive baseline and queries, so older and newer code can alternate
on one server within minutes. The machine is shared: the CPU times say what the load would cost on an idle one.
With `--neo4j-pid` the server's CPU is also split by its threads' names: the JIT compilers, the garbage collector
and the rest (Bolt workers, commits, checkpoints), so a fresh server's extra CPU can be told apart from the load's.
It deletes enterprises marked `synthetic` in the database NEO4J_URI names.
"""

from __future__ import annotations

import argparse
import os
import re
import time
from pathlib import Path

from graph.neo4j_store import Neo4jStore
from loaders.load import load_all
from loaders.synthetic import synthetic_enterprises

DELETE_SYNTHETIC = "MATCH (n:Enterprise) WHERE n.synthetic CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS"


THREAD_KINDS = (("JIT", re.compile(r"C[12] CompilerThre")), ("GC", re.compile(r"^(GC Thread|G1 )")))
"""The JVM's own threads by name (`/proc/PID/task/*/comm`); every other thread counts as the server's work."""


def _cpu_s(stat: Path) -> float:
    fields = stat.read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def server_cpu_by_kind(pid: int | None) -> dict[str, float]:
    """The server's CPU seconds so far by kind of thread (THREAD_KINDS, else "其他"), and in all ("合计")."""
    kinds = {kind: 0.0 for kind, _ in THREAD_KINDS} | {"其他": 0.0}
    if pid is None:
        return kinds | {"合计": 0.0}
    for task in Path(f"/proc/{pid}/task").iterdir():
        try:
            name, cpu = (task / "comm").read_text().strip(), _cpu_s(task / "stat")
        except OSError:  # the thread ended meanwhile; its time stays in the process total
            continue
        kinds[next((kind for kind, pattern in THREAD_KINDS if pattern.search(name)), "其他")] += cpu
    return kinds | {"合计": _cpu_s(Path(f"/proc/{pid}/stat"))}


def _delete_synthetic(store: Neo4jStore) -> None:
    with store._driver.session(database=store.database) as session:  # the benchmark's own clean-up
        session.run(DELETE_SYNTHETIC).consume()


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--enterprises", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--neo4j-pid", type=int, help="Neo4j 服务器的进程号：同时给出服务器的 CPU 时间。")
    parser.add_argument("--label", default="", help="写在每行开头，区分新旧代码。")
    args = parser.parse_args()
    store = Neo4jStore(os.environ["NEO4J_URI"], os.environ.get("NEO4J_USER", "neo4j"), os.environ["NEO4J_PASSWORD"])
    _delete_synthetic(store)
    data = synthetic_enterprises(load_all(store), args.enterprises)
    rows = len(data.nodes) + len(data.relationships)
    nodes, rels = len(data.nodes), len(data.relationships)
    print(f"{args.enterprises:,} 家合成企业：{nodes:,} 个节点、{rels:,} 条关系，共 {rows:,} 行。")
    print("| 代码 | 时间（UTC） | 耗时 | 速度 | 客户端 CPU | 服务器 CPU | 其中 JIT / GC / 其他 | 1 分钟负载（前→后） |")
    print("|---|---|---|---|---|---|---|---|")
    for _ in range(args.rounds):
        _delete_synthetic(store)
        load = os.getloadavg()[0]
        server, client, wall = server_cpu_by_kind(args.neo4j_pid), time.process_time(), time.perf_counter()
        store.write(data, atomic=False)
        wall = time.perf_counter() - wall
        client = time.process_time() - client
        after = server_cpu_by_kind(args.neo4j_pid)
        used = {kind: after[kind] - server[kind] for kind in after}
        print(
            f"| {args.label} | {time.strftime('%H:%M', time.gmtime())} | {wall:.1f} s | {rows / wall:,.0f} 行/s "
            f"| {client:.1f} s | {used['合计']:.1f} s | {used['JIT']:.1f} / {used['GC']:.1f} / {used['其他']:.1f} s "
            f"| {load:.1f} → {os.getloadavg()[0]:.1f} |",
            flush=True,
        )
    store.close()


if __name__ == "__main__":
    main()
