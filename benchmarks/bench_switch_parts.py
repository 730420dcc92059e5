"""What the server heap of an import's switch is made of: each part of the switch alone, on the same staged rows.

    CHAINKG_NEO4J_HEAP=4g CHAINKG_NEO4J_TX_TIMEOUT=7200 scripts/neo4j start && eval "$(scripts/neo4j env)"
    CHAINKG_BACKEND=neo4j .venv/bin/python benchmarks/bench_switch_parts.py --rows 100000
    CHAINKG_BACKEND=neo4j .venv/bin/python benchmarks/bench_switch_parts.py --rows 100000 --parts promote \
        --drop "DROP INDEX import_staging_id"
    CHAINKG_BACKEND=neo4j .venv/bin/python benchmarks/bench_switch_parts.py --rows 1000000 --tied 1000000 --switch
    CHAINKG_BACKEND=neo4j .venv/bin/python benchmarks/bench_switch_parts.py --rows 1000000 --tied 1000000 --switch \
        --part-rows 50000 --server-pid "$(cat .neo4j-bench/run/neo4j.pid)"
    CHAINKG_BACKEND=neo4j .venv/bin/python benchmarks/bench_switch_parts.py --rows 300000 --switch \
        --part-rows 50000 --server-pid "$(cat .neo4j-bench/run/neo4j.pid)" --profile

It RELOADS the database (`chainkg load --reset`), stages `--sample` rows of the synthetic commercial export as the
import stages them (bench_switch.sample_data, `Neo4jStore._stage`), then copies them on the server until there are
`--rows` staged nodes, each copy's id, name, name_key and credit_code numbered so every index entry is distinct, as
in a real file. Copies after the first `--tied` rows have no ties: switching a new row swaps its labels and never
touches its ties. Each part then runs in one transaction of SWITCH_ROWS-row statements, as the switch does, and is
rolled back; the transaction's estimatedUsedHeapMemory (`SHOW TRANSACTIONS`) is read every 100,000 rows and at the
end. `--drop` runs schema statements first (the store's next opening creates them again). `--switch` runs the
store's own switch instead (`Neo4jStore.write_batches` after staging: every staged node merged or promoted in one
transaction, COMMITTED), reading the transaction's heap every 100,000 rows switched. With
`--part-rows` below `--rows` it runs the switch in parts as `write_batches` does then (switch record, parts of
`--part-rows` staged nodes each committed on its own), a thread reading the largest transaction heap every 0.2 s,
commits included, and prints each part's peak; `--server-pid` adds the server's CPU time (from /proc) to the figures,
each part's and the total; `--profile` adds the database hits of one statement of the switch on the nodes still
staged before each part, and of the scan the parts of branch switch2 began with before the first.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_import import CHAINKG  # noqa: E402
from bench_switch import sample_data  # noqa: E402

from graph import neo4j_cypher as cypher  # noqa: E402
from graph.config import Settings, open_store  # noqa: E402
from graph.model import NodeLabel, RelType, node_id  # noqa: E402
from graph.neo4j_store import STAGED_PREFIXES, SWITCH_ROWS, Neo4jStore  # noqa: E402

S, R = cypher.STAGING, cypher.RUN
RESCAN = (
    f"MATCH (s:{S}) WHERE s.{R} = $run AND s.id STARTS WITH $prefix "
    "MATCH (e:Enterprise {id: s.id}) WITH s, e LIMIT $limit SET e += properties(s) RETURN count(*) AS done"
)
"""How each part of the switch began until branch switch3 (its merge of updated nodes, the moving of ties left
out): every staged node of the run scanned and looked up, to find the few that update a node."""
PARTS = {
    "promote": cypher.switch_staged(S),
    "rescan": RESCAN,
    "label": f"MATCH (s:{S}) WHERE NOT s:Enterprise WITH s LIMIT $limit SET s:Enterprise RETURN count(*) AS done",
    "unstage": f"MATCH (s:{S}) WITH s LIMIT $limit REMOVE s:{S} RETURN count(*) AS done",
    "unmark": f"MATCH (s:{S}) WHERE s.{R} = $run WITH s LIMIT $limit REMOVE s.{R} RETURN count(*) AS done",
    "swap": f"MATCH (s:{S}) WITH s LIMIT $limit SET s:Enterprise REMOVE s:{S} RETURN count(*) AS done",
    "detach": f"MATCH (s:{S}) WITH s LIMIT $limit DETACH DELETE s RETURN count(*) AS done",
    "ties": f"MATCH (:{S})-[r]->() WITH r LIMIT $limit DELETE r RETURN count(*) AS done",
}
"""The switch of new rows (`promote`), the scan switch2's parts began with (`rescan`), and the parts of a switch:
adding the Enterprise label (its five indexes and constraint), taking off the staging label, removing the run mark,
and the label swap without the mark. Clearing staged rows
(`cypher.CLEAR_STAGED`): staged nodes deleted with their ties (`detach`, as it was), and their ties alone (`ties`,
what it now deletes first); rows are then nodes or ties."""


def copy_staged(store: Neo4jStore, run: str, sample: int, rows: int, tied: int) -> None:
    """Copies of the staged sample until `rows`, numbered in id and the indexed names and codes."""
    ties = "WITH n, s " + " ".join(
        f"CALL (n, s) {{ MATCH (s)-[r:{t}]->(b) CREATE (n)-[q:{t}]->(b) SET q = properties(r) }}"
        for t in (RelType.OPERATES_IN, RelType.LOCATED_IN)
    )
    for first, last, with_ties in ((1, tied // sample - 1, ties), (tied // sample, rows // sample - 1, "")):
        if first > last:
            continue
        with store._driver.session() as session:  # CALL IN TRANSACTIONS runs only in an implicit transaction
            session.run(
                f"MATCH (s:{S}) WHERE s.{R} = $run AND NOT s.id CONTAINS '#' WITH collect(s) AS base "
                "UNWIND range($first, $last) AS c UNWIND base AS s "
                f"CALL (s, c) {{ CREATE (n:{S}) SET n = properties(s), n.id = s.id + '#' + c, n.name = s.name + c, "
                f"n.name_key = s.name_key + c, n.credit_code = s.credit_code + c {with_ties} }} "
                "IN TRANSACTIONS OF 5000 ROWS",
                run=run,
                first=first,
                last=last,
            ).consume()


def heap(store: Neo4jStore) -> int:
    records = store._read(
        "SHOW TRANSACTIONS YIELD currentQuery, estimatedUsedHeapMemory WHERE NOT currentQuery STARTS WITH 'SHOW' "
        "RETURN max(estimatedUsedHeapMemory) AS heap"
    )
    return int(records[0]["heap"] or 0)


def server_cpu(pid: int | None) -> float:
    """The server process's user + system CPU seconds so far (0 without a pid)."""
    if pid is None:
        return 0.0
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def db_hits(plan: dict[str, Any]) -> int:
    """Database hits of a profiled plan, its children's included."""
    return int(plan.get("dbHits", 0)) + sum(db_hits(child) for child in plan.get("children", []))


def profiled(store: Neo4jStore, run: str, rescan: bool) -> str:
    """Database hits of one SWITCH_ROWS-row statement of the switch (`cypher.switch_staged`) and, if `rescan`, of
    the scan switch2's parts began with (`RESCAN`), each profiled in a transaction rolled back."""
    params = {
        "run": run,
        "limit": SWITCH_ROWS,
        "prefix": node_id(NodeLabel.ENTERPRISE, ""),
        "prefixes": STAGED_PREFIXES,
    }
    hits = []
    for name, query in (("slice", cypher.switch_staged(S)), ("rescan", RESCAN))[: 2 if rescan else 1]:
        with store._driver.session() as session, session.begin_transaction() as tx:
            hits.append(f"{name} {db_hits(tx.run('PROFILE ' + query, params).consume().profile or {}):,}")
            tx.rollback()
    return ", ".join(hits)


def switch_in_parts(store: Neo4jStore, run: str, part_rows: int, pid: int | None, profile: bool) -> None:
    """The store's parted switch of every staged row of `run`, part by part as `Neo4jStore._switch_in_parts`
    runs them: each part's wall, server CPU and peak transaction heap (commit included, read by a thread); with
    `profile`, the database hits of a statement before each part and of the old scan before the first (`profiled`,
    not counted in the part's time)."""
    staged = int(store._read(cypher.STAGED_COUNT, run=run)[0]["count"])
    store.switch_part_rows = part_rows
    peaks: dict[str, int] = {}
    """Each transaction's (each part's) largest heap seen, in the order first seen."""
    stop = threading.Event()

    def sample() -> None:
        query = (
            "SHOW TRANSACTIONS YIELD transactionId, currentQuery, estimatedUsedHeapMemory "
            "WHERE NOT currentQuery STARTS WITH 'SHOW' AND NOT currentQuery STARTS WITH 'PROFILE' "
            "RETURN transactionId AS id, estimatedUsedHeapMemory AS heap"
        )
        while not stop.wait(0.2):
            for record in store._read(query):
                peaks[record["id"]] = max(peaks.get(record["id"], 0), int(record["heap"] or 0))

    sampler = threading.Thread(target=sample, daemon=True)
    total = {"wall": 0.0, "server": 0.0}
    cpu = time.process_time()
    sampler.start()
    with store._driver.session() as session:
        Neo4jStore._begin_switch(session, run, staged)
        more, part = True, 0
        while more:
            part += 1
            hits = f"; db hits {profiled(store, run, part == 1)}" if profile else ""
            start, server = time.perf_counter(), server_cpu(pid)
            more = store._switch_part(session, None)
            wall, used = time.perf_counter() - start, server_cpu(pid) - server
            total["wall"] += wall
            total["server"] += used
            print(
                f"part {part}: {wall:.1f} s, server CPU {used:.1f} s{hits}; load1 {os.getloadavg()[0]:.2f}", flush=True
            )
    stop.set()
    sampler.join()
    left = store.pending_switch()
    mb = [f"{p / 2**20:,.0f}" for p in peaks.values()]
    most = max(peaks.values(), default=0)
    print(
        f"parted switch: {staged:,} rows in parts of {part_rows:,}, committed in {total['wall']:.1f} s of parts "
        f"(client CPU {time.process_time() - cpu:.1f} s, server CPU {total['server']:.1f} s); "
        f"record left: {left}; peak transaction heap per part (MB, commit included): {', '.join(mb)}; "
        f"max {most / 2**20:,.0f} MB ({most / part_rows:,.0f} B/row of a part); "
        f"load1 {os.getloadavg()[0]:.2f}",
        flush=True,
    )


def switch(store: Neo4jStore, run: str) -> None:
    """The store's own switch of every staged row of `run`, committed, its transaction heap read on the way."""
    staged = int(store._read(cypher.STAGED_COUNT, run=run)[0]["count"])
    steps: list[str] = []

    def progress(done: int, total: int) -> None:
        if done % 100_000 == 0 or done == total:
            steps.append(f"{done // 1000}k {heap(store) / 2**20:,.0f} MB")

    start = time.perf_counter()
    with store._driver.session() as session:
        Neo4jStore._switch(session, run, staged, progress)
    print(
        f"switch: {staged:,} rows committed in {time.perf_counter() - start:.1f} s; transaction heap "
        f"{'; '.join(steps)}; load1 {os.getloadavg()[0]:.2f}",
        flush=True,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--sample", type=int, default=2000)
    parser.add_argument("--tied", type=int, default=100_000, help="rows with their ties copied too")
    parser.add_argument("--parts", default=",".join(PARTS), help="comma-separated, of " + ", ".join(PARTS))
    parser.add_argument("--drop", default="", help="schema statements to run first, separated by ;")
    parser.add_argument("--switch", action="store_true", help="run and commit the store's own switch instead")
    parser.add_argument("--part-rows", type=int, default=0, help="with --switch: switch in parts of this many rows")
    parser.add_argument("--server-pid", type=int, default=None, help="the Neo4j server's pid, for its CPU time")
    parser.add_argument("--profile", action="store_true", help="with --part-rows: profile a statement before each part")
    args = parser.parse_args()
    subprocess.run([CHAINKG, "load", "--reset"], check=True, capture_output=True, env={**os.environ})
    store = open_store(Settings.from_env(None, None))
    assert isinstance(store, Neo4jStore), "set CHAINKG_BACKEND=neo4j and NEO4J_URI"
    run = "bench"
    data = sample_data(store, args.sample)
    with store._driver.session() as session:
        store._stage(session, data, run)
    start = time.perf_counter()
    copy_staged(store, run, args.sample, args.rows, args.tied)
    print(f"staged {args.rows:,} rows ({time.perf_counter() - start:.0f} s); load1 {os.getloadavg()[0]:.2f}")
    for statement in filter(None, args.drop.split(";")):
        store._driver.execute_query(statement)
    if args.switch and 0 < args.part_rows < args.rows:
        switch_in_parts(store, run, args.part_rows, args.server_pid, args.profile)
        store.close()
        return
    if args.switch:
        switch(store, run)
        store.close()
        return
    params = {
        "run": run,
        "prefix": node_id(NodeLabel.ENTERPRISE, ""),
        "limit": SWITCH_ROWS,
        "prefixes": STAGED_PREFIXES,
    }
    for part in args.parts.split(","):
        start, done, steps = time.perf_counter(), 0, []
        with store._driver.session() as session, session.begin_transaction() as tx:
            while switched := tx.run(PARTS[part], params).single(strict=True)["done"]:
                done += switched
                if done % 100_000 == 0:
                    steps.append(f"{done // 1000}k {heap(store) / 2**20:,.0f} MB")
            used = heap(store)
            tx.rollback()
        read_at = "".join(step + "; " for step in steps)
        print(
            f"{part}: {done:,} rows in {time.perf_counter() - start:.1f} s, transaction heap {used / 2**20:,.0f} MB"
            f" ({used / max(done, 1):,.0f} B/row); {read_at}load1 {os.getloadavg()[0]:.2f}",
            flush=True,
        )
    store.close()


if __name__ == "__main__":
    main()
