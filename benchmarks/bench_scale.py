"""The scale path (issue #16): gaps, health, targets, what-if and impact at scale on both backends, in one run.

    .venv/bin/python benchmarks/bench_scale.py --enterprises 100000 --neo4j --neo4j-pid PID

- Data: the seed + `loaders/synthetic.py` (`--enterprises`, 30 % local, the rest candidates), loaded into a
  temporary embedded store and, with `--neo4j` and NEO4J_URI/NEO4J_PASSWORD set, into that Neo4j (it CLEARS
  the database). The Neo4j bulk load is timed (rows/s, issue #16 item 4); with `--neo4j-pid` its server CPU is
  also split into JIT compilation, garbage collection and the rest (`bench_bulk.server_cpu_by_kind`): a freshly
  started server spends about 40 % of its first load's CPU compiling.
- Each query: the first call after a write and the median of `--runs` repeated calls, wall clock beside this
  process's CPU time and (with `--neo4j-pid`) the server's CPU time — the machine is shared, so wall time waits
  for the CPU; the 1-minute load average is printed at the start and the end.
- Naive baseline: the per-segment loop of bench_chain_ops.py (every segment's enterprises, inputs and
  neighbours read one by one), timed on a sample of segments and extrapolated.
- With `--skip-embedded` (for 1,000,000 enterprises and up) the embedded store, the naive baseline and the
  answer check are left out and the output says so: the embedded store holds ~2.4 KB per enterprise in memory
  (docs/benchmarks.md) but rewrites its whole file on each write, over a minute at 1M before every
  first-after-write call. The firm touched before each first-after-write call and the impact enterprise are then
  taken from the data written.
- With `--reuse` the Neo4j is neither cleared nor loaded: the queries run on the database an earlier
  `--keep-neo4j` run left (same `--enterprises`), after its node and relationship counts are checked against the
  data this run generates (the generator is seeded, so the firms touched and asked about are the same). Use it to
  measure the queries again, e.g. after a server restart on a quieter machine, without the bulk load.
- With `--admin-import DIR`, the same graph is also written as neo4j-admin CSV files and imported offline into a
  fresh database under DIR (`graph/neo4j_import.py`, the `chainkg neo4j-import` path): the bulk-load ceiling.
- The benchmark's own copy of the data is frozen out of Python's cycle collector once built (`gc.freeze`): a full
  collection of it costs about 1 s of CPU at 100,000 firms and would be timed in whichever call it falls in.
- Round trips and db hits: every statement a query sends to Neo4j is recorded once, then run again with
  `PROFILE`; the table gives the number of statements and the db hits summed over them, and names the
  statements that read a whole label (NodeByLabelScan / AllNodesScan) instead of an index.
"""

from __future__ import annotations

import argparse
import gc
import os
import tempfile
from collections import Counter
from collections.abc import Callable
from datetime import UTC, datetime
from itertools import count
from pathlib import Path
from typing import Any

import bench_chain_ops
from bench_bulk import server_cpu_by_kind
from bench_chain_ops import ANALYSES, Timing, _median_ms, _ms, _naive_loop

from graph.embedded import EmbeddedStore
from graph.model import GraphData, Node, NodeLabel, PropertyValue, Relationship, RelType
from graph.neo4j_import import ImportFiles, run_import, write_import_csv
from graph.neo4j_store import Neo4jStore
from graph.store import GraphStore
from graph.vocabulary import Locality
from loaders.load import load_all
from loaders.synthetic import synthetic_enterprises
from queries.gaps import gaps
from queries.health import health
from queries.scenarios import impact, impact_candidates, what_if
from queries.targets import targets

GAP = "模具"
SCANS = ("NodeByLabelScan", "AllNodesScan", "DirectedRelationshipTypeScan", "UndirectedRelationshipTypeScan")


def queries(store: GraphStore, enterprise: str) -> dict[str, Callable[[], object]]:
    """The analyses #16 sets goals for, with the arguments the CLI would pass, and the three of #14 item 6 together."""
    return {
        "缺口分析（全部产业链）": lambda: gaps(store),
        "产业链健康度": lambda: health(store),
        f"招商目标 --gap {GAP} 前 50": lambda: targets(store, GAP, limit=50),
        f"假设补齐（{GAP}）": lambda: what_if(store, [GAP]),
        f"迁出影响（{enterprise}）": lambda: impact(store, enterprise),
        "供需对接＋风险清单＋延链机会（#14，全部产业链）": lambda: [run(store) for run in ANALYSES.values()],
    }


_TOUCHES = count(1)


def touch(store: GraphStore, firm: Node) -> None:
    """A one-firm write (its registered capital moves by one, alternately up and down): the store's version
    moves on, and the per-segment figures of that firm's segments must be read again."""
    capital = firm.properties.get("registered_capital_wan")
    base = capital if isinstance(capital, int | float) and not isinstance(capital, bool) else 100
    change: dict[str, PropertyValue] = {"registered_capital_wan": base + next(_TOUCHES) % 2}
    store.write(GraphData(nodes=[Node(id=firm.id, label=NodeLabel.ENTERPRISE, properties=change)]))


def _time_all(store: GraphStore, firm: Node, enterprise: str, runs: int) -> dict[str, tuple[Timing, Timing]]:
    found = {}
    for name, call in queries(store, enterprise).items():
        call()  # what it keeps is then current, so the next call pays only for the write
        touch(store, firm)
        cold = _ms(call)
        found[name] = (cold, _median_ms(call, runs))
    return found


def _plan_totals(plan: Any) -> tuple[int, set[str]]:
    """db hits summed over a PROFILE plan tree, and the operators in it."""
    hits = int(plan.get("dbHits", 0))
    operators = {str(plan.get("operatorType", "")).split("@")[0]}
    for child in plan.get("children", []):
        child_hits, child_ops = _plan_totals(child)
        hits += child_hits
        operators |= child_ops
    return hits, operators


def profile(store: Neo4jStore, call: Callable[[], object]) -> tuple[int, int, list[str]]:
    """(statements sent, db hits over all of them, the scanning statements' first words) for one call
    after a write (so nothing comes from a cache)."""
    sent: list[tuple[str, dict[str, Any]]] = []
    read = store._read  # the benchmark records what the store sends; the store itself is unchanged

    def recording(query: str, **params: Any) -> list[Any]:
        sent.append((query, params))
        return read(query, **params)

    store._read = recording  # type: ignore[method-assign]
    try:
        call()
    finally:
        del store._read
    hits, scans = 0, []
    with store._driver.session(database=store.database) as session:
        for query, params in sent:
            result = session.run(f"PROFILE {query}", params)
            list(result)  # the profiler's counts are complete only once every row is read
            summary = result.consume()
            plan_hits, operators = _plan_totals(summary.profile or {})
            hits += plan_hits
            if operators & set(SCANS):
                scans.append(" ".join(query.split())[:60])
    return len(sent), hits, sorted(set(scans))


def _local_picks(data: GraphData) -> tuple[Node, str]:
    """Without the embedded store: the first local enterprise by id (the one `touch` changes) and the first
    by name tied to a segment, which is what `impact_candidates` would offer first."""
    local = sorted(
        (n for n in data.nodes if n.label == NodeLabel.ENTERPRISE and n.properties.get("locality") == Locality.LOCAL),
        key=lambda n: n.id,
    )
    tied = {r.start for r in data.relationships if r.type == RelType.OPERATES_IN}
    return local[0], min(n.name for n in local if n.id in tied)


def _bulk_write(store: Neo4jStore, data: GraphData, size: int) -> None:
    """`write(atomic=False)` for `size` enterprises and their relationships at a time (0: all at once), so the
    client's batch rows for 1,000,000 enterprises (~3 GB) need not sit in memory beside the data."""
    if not size:
        store.write(data, atomic=False)
        return
    ties: dict[str, list[Relationship]] = {}
    for rel in data.relationships:
        ties.setdefault(rel.start, []).append(rel)
    for first in range(0, len(data.nodes), size):
        nodes = data.nodes[first : first + size]
        rels = [rel for node in nodes for rel in ties.get(node.id, [])]
        store.write(GraphData.model_construct(nodes=nodes, relationships=rels), atomic=False)


def _check_loaded(store: Neo4jStore, graph: GraphData) -> None:
    """For `--reuse`: the database holds exactly the nodes per label and relationships per type of `graph`."""
    want = (Counter(n.label.value for n in graph.nodes), Counter(r.type.value for r in graph.relationships))
    found = store.counts()
    if (found.nodes, found.relationships) != (dict(want[0]), dict(want[1])):
        raise SystemExit(
            f"--reuse：库里的数量与本次生成的数据不同（库：{found.as_dict()}；"
            f"应为：节点 {dict(want[0])}，关系 {dict(want[1])}）。请用同样的 --enterprises，或不加 --reuse 重新加载。"
        )


def _neo4j() -> Neo4jStore:
    return Neo4jStore(os.environ["NEO4J_URI"], os.environ.get("NEO4J_USER", "neo4j"), os.environ["NEO4J_PASSWORD"])


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--enterprises", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--baseline-sample", type=int, default=20)
    parser.add_argument("--neo4j", action="store_true", help="也在 NEO4J_URI 所指的 Neo4j 上计时（会清空该库）。")
    parser.add_argument("--neo4j-pid", type=int, help="Neo4j 服务器的进程号：同时给出服务器的 CPU 时间。")
    parser.add_argument("--admin-import", type=Path, help="也测 neo4j-admin 离线导入到该目录下的新库（目录须为空）。")
    parser.add_argument(
        "--skip-embedded",
        action="store_true",
        help="不测内置存储与朴素基线（1,000,000 家以上时内存与 JSON 存盘放不下）。",
    )
    parser.add_argument(
        "--write-slice",
        type=int,
        default=0,
        help="Neo4j 批量加载每次 write 的企业数（0 为一次写完；1M 时用 100000 省内存）。",
    )
    parser.add_argument("--keep-neo4j", action="store_true", help="测完不清空 Neo4j（之后可用 PROFILE 查看查询）。")
    parser.add_argument(
        "--reuse",
        action="store_true",
        help=(
            "不清空、不加载 Neo4j：在之前用同样 --enterprises 与 --keep-neo4j 加载好的库上只测查询"
            "（先核对节点与关系数；测完也不清空）。"
        ),
    )
    args = parser.parse_args()
    print(
        f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC；{os.cpu_count()} 核；开始时 1 分钟平均负载 {os.getloadavg()[0]:.1f}。"
    )

    firsts: dict[str, Timing] = {}
    timings: dict[str, dict[str, tuple[Timing, Timing]]] = {}
    answers: dict[str, str] = {}
    naive: str | None = None
    loads: dict[str, Timing] = {}
    threads: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as tmp:
        embedded = EmbeddedStore(Path(tmp))
        seed = load_all(embedded)
        synthetic = synthetic_enterprises(seed, args.enterprises)
        if args.skip_embedded:
            graph = GraphData.model_construct(
                nodes=seed.nodes + synthetic.nodes, relationships=seed.relationships + synthetic.relationships
            )
            firm, enterprise = _local_picks(graph)
        else:
            loads["内置存储"] = _ms(lambda: embedded.write(synthetic))
            firsts["内置存储"] = _ms(lambda: gaps(embedded))
            enterprise = impact_candidates(embedded)[0]
            firm = embedded.nodes(NodeLabel.ENTERPRISE, locality=Locality.LOCAL.value)[0]
            timings["内置存储"] = _time_all(embedded, firm, enterprise, args.runs)
            segments = sorted(n.id for n in embedded.nodes(NodeLabel.SEGMENT))
            sample = segments[:: max(1, len(segments) // args.baseline_sample)][: args.baseline_sample]
            naive = _ms(lambda: _naive_loop(embedded, sample)).scaled(len(segments) / len(sample))
            answers = {name: repr(call()) for name, call in queries(embedded, enterprise).items()}
            graph = embedded.export()
    gc.collect()
    gc.freeze()  # this script's copy of the graph: ~1.8 M objects at 100,000 firms, ~1 s CPU per full collection
    rows = len(synthetic.nodes) + len(synthetic.relationships)
    if args.admin_import:
        files: list[ImportFiles] = []
        loads["neo4j-admin 离线导入：写 CSV（整个图）"] = _ms(
            lambda: files.append(write_import_csv(graph, args.admin_import / "csv"))
        )
        before = os.times()
        loads["neo4j-admin 离线导入：导入新库（整个图）"] = _ms(
            lambda: run_import(files[0], args.admin_import / "home")
        )
        after = os.times()
        importer_cpu = after.children_user + after.children_system - before.children_user - before.children_system
        print(f"离线导入的行数为整个图（种子 + 合成企业）：{files[0].rows:,} 行；导入进程 CPU {importer_cpu:,.1f} s。")
    profiles: dict[str, tuple[int, int, list[str]]] = {}
    same: dict[str, bool] = {}
    if args.neo4j and os.environ.get("NEO4J_URI"):
        bench_chain_ops.SERVER_PID = args.neo4j_pid
        neo4j = _neo4j()
        if args.reuse:
            _check_loaded(neo4j, graph)
        else:
            neo4j.clear()
            load_all(neo4j)
            started = server_cpu_by_kind(args.neo4j_pid)
            loads["Neo4j"] = _ms(lambda: _bulk_write(neo4j, synthetic, args.write_slice))
            threads = {kind: cpu - started[kind] for kind, cpu in server_cpu_by_kind(args.neo4j_pid).items()}
        firsts["Neo4j"] = _ms(lambda: gaps(neo4j))
        timings["Neo4j"] = _time_all(neo4j, firm, enterprise, args.runs)
        for name, call in queries(neo4j, enterprise).items():
            if answers:
                same[name] = repr(call()) == answers[name]
            touch(neo4j, firm)
            profiles[name] = profile(neo4j, call)
        if not (args.keep_neo4j or args.reuse):
            neo4j.clear()
        neo4j.close()

    print(
        f"种子 + 合成企业 {args.enterprises:,} 家：{'库里已有（--reuse，本次未写入）' if args.reuse else '写入'} "
        f"{len(synthetic.nodes):,} 个节点、"
        f"{len(synthetic.relationships):,} 条关系（共 {rows:,} 行）。结束时 1 分钟平均负载 {os.getloadavg()[0]:.1f}。\n"
    )
    if loads:
        print("| 批量加载 | 耗时 | 速度 |")
        print("|---|---|---|")
    for backend, timing in loads.items():
        counted = len(graph.nodes) + len(graph.relationships) if "整个图" in backend else rows
        print(f"| {backend} | {timing} | {counted / timing.wall_ms * 1000:,.0f} 行/s |")
    if threads and args.neo4j_pid:
        print(
            f"\nNeo4j 批量加载的服务器 CPU 按线程：JIT 编译 {threads['JIT']:.1f} s、垃圾回收 {threads['GC']:.1f} s、"
            f"其他（Bolt 工作线程、提交等）{threads['其他']:.1f} s。"
        )
    print()
    if naive is None:
        print(
            "内置存储、朴素基线与答案核对：**未测**（--skip-embedded：内置存储每次写入重写整个文件，"
            "这一规模每个“写入后首次”之前都要一分钟以上；100,000 家的同脚本运行里两边答案逐字相同）。\n"
        )
    else:
        print(f"朴素逐环节循环（内置存储，{args.baseline_sample} 个环节实测后按 {len(segments)} 个外推）：{naive}\n")
    for backend, first in firsts.items():
        when = "本进程第一次（--reuse：库未重新加载）" if backend == "Neo4j" and args.reuse else "载入后第一次"
        print(f"{backend}：{when}缺口分析（含全部环节画像的首次读取）{first}")
    print(f"“写入后首次”的写入：本地企业 {firm.name} 的注册资本改动 1 万元（每次查询前一次）。\n")
    print(
        "| 查询 | 后端 | 写入后首次 | 重复查询（中位数） | 语句数 | db hits | 整标签扫描的语句 | 与内置存储结果一致 |"
    )
    print("|---|---|---|---|---|---|---|---|")
    for backend, found in timings.items():
        for name, (cold, warm) in found.items():
            count, hits, scans = profiles.get(name, (0, 0, []))
            plan = f"{count} | {hits:,} | {'；'.join(scans) or '无'}" if backend == "Neo4j" else "— | — | —"
            agree = ("是" if same[name] else "否") if backend == "Neo4j" and same else "—"
            print(f"| {name} | {backend} | {cold} | {warm} | {plan} | {agree} |")


if __name__ == "__main__":
    main()
