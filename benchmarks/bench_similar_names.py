"""The import's 名称相近 check by the store's index beside the old linear scan, in one run, on real names.

    .venv/bin/python benchmarks/bench_similar_names.py --pool /work/realpool --enterprises 100000 \
        --data-dir /tmp/simname/e100k --old-code /tmp/simname/old [--neo4j --server-pid PID] [--rounds 2]

The graph: the seed plus the first N enterprise names of the public registration pool (catseyess/elevencats, CC
BY-NC-SA 4.0; only the names, as candidate firms keyed like an import keys them), in a new embedded store under
--data-dir, or (--neo4j) in the Neo4j of NEO4J_URI/NEO4J_PASSWORD, which it CLEARS first. The file: 300 rows, 150
names already in the graph (exact matches: no similar check) and the next 150 names of the pool (unmatched).

Each measurement runs in its own process, old code (`--old-code DIR`, e.g. `git archive main | tar -x -C DIR` with
the compiled matcher copied in) and this checkout's alternating, `--rounds` times: opening the store (CPU, RSS),
the similar check of the 150 unmatched rows alone (CPU; the old check's build of its buckets from every name
counted in), and the whole `chainkg import enterprises FILE --candidate --dry-run` (process CPU from `os.wait4`).
With --server-pid, the Neo4j server's CPU over each is read from /proc. The 1-minute load is printed beside each.
Both codes must hold the same rows for similar (the verdict); the script says if they do not. On the embedded store,
`origin` says whether the new code read the saved name-key index or built it (the first lookup after a save by a
process without it builds it and saves it, so the first new round builds). `--save-rounds N` then times a whole
save of the snapshot with the index in memory, old and new alternating (the new one also saves the index; each old
save leaves the saved index naming the previous snapshot, so the next new process builds it again). `--profile`
(Neo4j) runs the check's Lucene lookups once more under PROFILE (after the CPU was read) and reports their db hits
and the nodes the fulltext index returned (`lucene_rows`).
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FILE_ROWS = 150
"""Rows of the file already in the graph, and rows not in it."""
FLAGS = ("--candidate", "--dry-run")

CHILD = r"""
import json, os, resource, sys, time
from types import SimpleNamespace

def server_cpu():
    pid = os.environ.get("BENCH_SERVER_PID")
    if not pid:
        return 0.0
    fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

def rss_mb():
    for line in open("/proc/self/status"):
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024

from graph.config import Settings, open_store
import loaders.importing as importing
names = json.loads(open(sys.argv[1], encoding="utf-8").read())
started, server = time.process_time(), server_cpu()
store = open_store(Settings.from_env())
store.counts()
store.enterprises_by_keys((), ())  # the exact-key lookup every import makes first (the embedded store builds it)
opened, opened_server, rss = time.process_time() - started, server_cpu() - server, rss_mb()
if hasattr(importing, "_with_older_keyed"):  # since both kinds of older keys are one mapping, checked alike
    unkeyed = older = importing._older_keyed_enterprises(store)
elif hasattr(importing, "_older_keyed_enterprises"):  # since enterprises keyed before nested places were dropped count
    unkeyed, stale = importing._older_keyed_enterprises(store)
    older = importing._with_unkeyed(unkeyed, stale)
else:
    unkeyed = importing._unkeyed_enterprises(store)
    older = unkeyed
captured = {}
if os.environ.get("BENCH_PROFILE") and store.backend == "neo4j":  # note the Lucene lookups, to PROFILE them after
    from graph import neo4j_cypher
    reading = store._read
    def spy(query, **params):
        if query == neo4j_cypher.NAME_KEYS_BY_CHARS:
            captured.update(params)
        return reading(query, **params)
    store._read = spy
started, server = time.process_time(), server_cpu()
if hasattr(importing, "_SimilarNames"):
    index = importing._SimilarNames(store, unkeyed)
    found = [index.find(name) for name in names]
else:
    keys = {importing.core_name(name) for name in names}
    planner = SimpleNamespace(store=store, unkeyed=unkeyed, older=older, similar_keys=store.similar_name_keys(keys))
    found = [importing.RowPlanner._similar_enterprise(planner, name) for name in names]
checked, checked_server = time.process_time() - started, server_cpu() - server
index_bytes = store.name_key_index_bytes() if hasattr(store, "name_key_index_bytes") else None
result = {
    "module": importing.__file__, "open_cpu": opened, "open_server": opened_server, "rss_mb": rss,
    "check_cpu": checked, "check_server": checked_server, "index_bytes": index_bytes,
    "origin": getattr(store, "name_key_index_origin", None), "rss_checked_mb": rss_mb(),
    "found": [None if f is None else f.name for f in found],
}
if captured:
    def total(plan, field):
        return plan.get(field, 0) + sum(total(child, field) for child in plan.get("children", []))
    def operator_rows(plan, name):
        own = [plan.get("rows", 0)] if name in plan.get("operatorType", "") else []
        return own + [rows for child in plan.get("children", []) for rows in operator_rows(child, name)]
    with store._driver.session(database=store.database) as session:
        plan = session.run("PROFILE " + neo4j_cypher.NAME_KEYS_BY_CHARS, captured).consume().profile
    result["lookups"] = len(captured["lookups"])
    result["db_hits"] = total(plan, "dbHits")
    result["lucene_rows"] = sum(operator_rows(plan, "ProcedureCall"))
if len(sys.argv) > 2 and sys.argv[2] == "save":  # a whole save of the snapshot, the name-key index in memory
    started, wall = time.process_time(), time.perf_counter()
    with store._locked(), store._guard:
        store._save()
    result["save_cpu"], result["save_wall"] = time.process_time() - started, time.perf_counter() - wall
print(json.dumps(result))
"""


def _load() -> float:
    return os.getloadavg()[0]


def _server_cpu(pid: int | None) -> float:
    if not pid:
        return 0.0
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def pool_names(pool: Path, count: int) -> list[str]:
    """The first `count` distinct names of the pool, files in name order (years, then provinces)."""
    names: dict[str, None] = {}
    for path in sorted(pool.glob("*/*.csv")):
        with open(path, encoding="utf-8", errors="replace") as handle:
            for row in csv.reader(handle):
                if row and row[0] != "企业名称" and 4 <= len(row[0]) <= 60:
                    names[row[0]] = None
        if len(names) >= count:
            break
    return list(names)[:count]


def build(env: dict[str, str], names: list[str]) -> None:
    """The seed and the names as keyed candidate firms, written in batches."""
    os.environ.update(env)
    from graph.config import Settings, open_store
    from graph.model import GraphData, Node, NodeLabel, node_id
    from loaders.importing import with_name_keys
    from loaders.load import load_all

    store = open_store(Settings.from_env())
    store.clear()
    load_all(store)
    nodes = [
        Node(
            id=node_id(NodeLabel.ENTERPRISE, f"bench-real-{i}"),
            label=NodeLabel.ENTERPRISE,
            properties={"name": name, "locality": "candidate", "source_file": "bench_similar_names"},
        )
        for i, name in enumerate(names)
    ]
    data = with_name_keys(GraphData(nodes=nodes))
    if store.backend == "neo4j":
        store.write(data, atomic=False)
    else:
        store.write(data)
    store.close()


def measure(
    code: Path,
    env: dict[str, str],
    names_file: Path,
    csv_file: Path,
    pid: int | None,
    save: bool = False,
    profile: bool = False,
) -> dict[str, object]:
    run_env = {**os.environ, **env, "PYTHONPATH": str(code), "BENCH_SERVER_PID": str(pid or "")}
    if profile:
        run_env["BENCH_PROFILE"] = "1"
    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(names_file), *(["save"] if save else [])],
        env=run_env,
        cwd=code,
        capture_output=True,
        text=True,
        check=True,
    )
    result: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    if save:
        result["load"] = _load()
        return result
    server = _server_cpu(pid)
    started = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-c", "from chainkg.cli import main; main()", "import", "enterprises", str(csv_file), *FLAGS],
        env=run_env,
        cwd=code,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    _, status, usage = os.wait4(process.pid, 0)
    result["import_wall"] = time.perf_counter() - started
    result["import_cpu"] = usage.ru_utime + usage.ru_stime
    result["import_server"] = _server_cpu(pid) - server
    result["import_status"] = status
    result["load"] = _load()
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--pool", type=Path, required=True)
    parser.add_argument("--enterprises", type=int, default=100_000)
    parser.add_argument("--data-dir", type=Path, required=True, help="内置存储的目录（--neo4j 时放文件与名单）")
    parser.add_argument("--old-code", type=Path, required=True)
    parser.add_argument("--neo4j", action="store_true", help="用 NEO4J_URI 所指的 Neo4j（会清空该库）。")
    parser.add_argument("--server-pid", type=int)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--reuse", action="store_true", help="图谱已按同样参数建好，不重建。")
    parser.add_argument(
        "--profile", action="store_true", help="Neo4j：检查之后再用 PROFILE 跑一遍同样的全文索引查找，报 db hits。"
    )
    parser.add_argument(
        "--save-rounds", type=int, default=0, help="之后再交替量整体保存快照（内存中已有名称索引）的代价，各几轮。"
    )
    args = parser.parse_args()

    args.data_dir.mkdir(parents=True, exist_ok=True)
    names = pool_names(args.pool, args.enterprises + FILE_ROWS)
    graph_names, fresh = names[: args.enterprises], names[args.enterprises :]
    env = {"CHAINKG_BACKEND": "neo4j"} if args.neo4j else {"CHAINKG_BACKEND": "embedded"}
    if not args.neo4j:
        env["CHAINKG_DATA_DIR"] = str(args.data_dir / "store")
    names_file = args.data_dir / "unmatched.json"
    names_file.write_text(json.dumps(fresh, ensure_ascii=False), "utf-8")
    csv_file = args.data_dir / "import.csv"
    step = max(1, len(graph_names) // FILE_ROWS)
    rows = [name for pair in zip(graph_names[::step][:FILE_ROWS], fresh, strict=False) for name in pair]
    csv_file.write_text("企业名称\n" + "".join(f"{name}\n" for name in rows), "utf-8")
    if not args.reuse:
        started = time.perf_counter()
        build(env, graph_names)
        print(f"graph built: {len(graph_names):,} names in {time.perf_counter() - started:.0f} s, load {_load():.1f}")
    verdicts: dict[str, list[bool]] = {}
    for round_ in range(args.rounds):
        for label, code in (("old", args.old_code), ("new", ROOT)):
            result = measure(code, env, names_file, csv_file, args.server_pid, profile=args.profile)
            found = result.pop("found")
            assert isinstance(found, list)
            verdicts[label] = [f is not None for f in found]
            held = sum(verdicts[label])
            row = ", ".join(f"{k} {v:.3f}" if isinstance(v, float) else f"{k} {v}" for k, v in result.items())
            print(f"round {round_ + 1} {label}: {held}/{len(found)} held as similar; {row}", flush=True)
    for round_ in range(args.save_rounds):
        for label, code in (("old", args.old_code), ("new", ROOT)):
            result = measure(code, env, names_file, csv_file, args.server_pid, save=True)
            result.pop("found")
            row = ", ".join(f"{k} {v:.3f}" if isinstance(v, float) else f"{k} {v}" for k, v in result.items())
            print(f"save round {round_ + 1} {label}: {row}", flush=True)
    print("same verdicts:", verdicts.get("old") == verdicts.get("new"))


if __name__ == "__main__":
    main()
