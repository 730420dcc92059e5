"""Small writes to a big embedded store: the whole-file rewrite beside the append journal, in one run.

    .venv/bin/python benchmarks/bench_import.py --rows 100000 --embedded       # makes DIR/e (real-shaped firms)
    git show main:graph/embedded.py > OLD.py
    .venv/bin/python benchmarks/bench_journal.py DIR/e --old OLD.py --writes 1000

Each measurement runs in a fresh process on its own copy of `store`, its CPU time (this process) beside the wall
clock and the 1-minute load average (the machine is shared):

- old code (`--old`, e.g. main's graph/embedded.py, which rewrites graph.json on every write): open, a one-firm
  write (one property of one enterprise), a new investment lead, and a lead-status change;
- new code: the same, then `--writes` more one-firm writes (the journal then holds that many records);
- new code in a fresh process: open with that journal (replayed after the snapshot), then `compact()`
  (graph.json rewritten whole, as every write did before); with `--one-process`, `compact()` in the writing
  process instead (one open fewer, for 1,000,000 firms).

With `--bound`, the write that passes the journal's bound instead: the old code fills a copy's journal to just
under its bound (notes on many firms, a few thousand per write), then old and new code each, in a fresh process
on their own copy of that, open it (the full journal replayed) and write one firm's note that passes the bound.
The write's CPU is the writing thread's (`thread_time`) beside the whole process's over the same interval; then
20 reads of one firm half a second apart (the slowest one's wall clock: the new code compacts meanwhile), and the
new code waits for its background compaction (`close()`), timed apart.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from bench_embedded_memory import CHILD_MODULE

ROOT = Path(__file__).resolve().parent.parent
_CHILD = (
    CHILD_MODULE
    + """
from graph.model import GraphData, Node, NodeLabel
from graph.vocabulary import LeadStatus
from loaders.leads import set_lead
def timed(what, run):
    start, cpu = time.perf_counter(), time.process_time()
    result = run()
    print(f"{what} {time.perf_counter() - start:.3f} {time.process_time() - cpu:.3f}", flush=True)
    return result
store = timed("open", lambda: module.EmbeddedStore(Path(sys.argv[1])))
print(f"enterprises {store.counts().nodes.get('Enterprise', 0)}", flush=True)
def bump(firm, step):
    capital = firm.properties.get("registered_capital_wan") or 100
    store.write(GraphData(nodes=[Node(id=firm.id, label=NodeLabel.ENTERPRISE,
                                      properties={"registered_capital_wan": capital + step})]))
if sys.argv[3] == "writes":
    firms = store.nodes(NodeLabel.ENTERPRISE, locality="local")
    timed("firm_write", lambda: bump(firms[0], 1))
    target = store.enterprises_in("segment:模具", locality="candidate")[0].id
    timed("lead_new", lambda: set_lead(store, target, "模具", owner="张三", note="基准测试：新建线索"))
    contacted = LeadStatus.CONTACTED
    timed("lead_status", lambda: set_lead(store, target, "模具", status=contacted, note="基准测试：已电话联系"))
    more = int(sys.argv[4])
    if more:
        timed(f"more_writes_{more}", lambda: [bump(firms[i % len(firms)], 2 + i) for i in range(more)])
    if sys.argv[5]:
        timed("compact", store.compact)
elif sys.argv[3] == "compact":
    timed("compact", store.compact)
elif sys.argv[3] == "fill":
    limit = max(module.JOURNAL_MIN_BYTES, int(store._snapshot_size * module.JOURNAL_SHARE))
    firms = [firm.id for firm in store.nodes(NodeLabel.ENTERPRISE)]
    def used():
        return store.journal_path.stat().st_size if store.journal_path.exists() else 0
    note = "基准测试：填充写入日志，" * 8
    done = 0
    while limit - used() >= 1500:
        count = max(1, min(4000, (limit - used()) // 700))
        batch = [firms[(done + i) % len(firms)] for i in range(count)]
        store.write(GraphData(nodes=[Node(id=f, label=NodeLabel.ENTERPRISE, properties={"备注": note})
                                     for f in batch]))
        done += count
    print(f"filled {done}", flush=True)
elif sys.argv[3] == "cross":
    firm = store.nodes(NodeLabel.ENTERPRISE, locality="local")[0].id
    start, cpu, thread = time.perf_counter(), time.process_time(), time.thread_time()
    store.write(GraphData(nodes=[Node(id=firm, label=NodeLabel.ENTERPRISE,
                                      properties={"备注": "越过日志上限的一次写入" * 60})]))
    wall = time.perf_counter() - start
    print(f"bound_write {wall:.3f} {time.thread_time() - thread:.3f}", flush=True)
    print(f"bound_write_process {wall:.3f} {time.process_time() - cpu:.3f}", flush=True)
    slowest = 0.0
    for _ in range(20):  # reads while a background compaction (new code) runs: how long each waits at most
        start = time.perf_counter()
        store.get_node(firm)
        slowest = max(slowest, time.perf_counter() - start)
        time.sleep(0.5)
    print(f"slowest_of_20_reads {slowest:.3f} 0", flush=True)
    timed("wait_compaction", store.close)
"""
)


def _load1() -> str:
    return f"load1 {os.getloadavg()[0]:.2f}"


def _child(store: Path, module: str, mode: str, writes: int = 0, compact: bool = False) -> None:
    """Run the child on `store` with `module` (another graph/embedded.py, "" for this one) and print its figures."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    args = [sys.executable, "-c", _CHILD, str(store), module, mode, str(writes), "1" if compact else ""]
    with subprocess.Popen(args, stdout=subprocess.PIPE, text=True, env=env) as child:
        assert child.stdout is not None
        for line in child.stdout:
            what, *figures = line.split()
            if what in ("enterprises", "filled"):
                print(f"    {int(figures[0]):,} {'firm notes written' if what == 'filled' else what}", flush=True)
            else:
                wall, cpu = map(float, figures)
                print(f"    {what:<18} wall {wall:9.3f} s   CPU {cpu:8.3f} s   {_load1()}", flush=True)
    if child.returncode:
        raise SystemExit(f"child failed ({child.returncode})")


def _sizes(store: Path) -> str:
    journal = store / "graph.journal"
    lines = journal.read_bytes().count(b"\n") - 1 if journal.exists() else 0
    size = journal.stat().st_size / 2**20 if journal.exists() else 0.0
    return f"graph.json {(store / 'graph.json').stat().st_size / 2**20:,.1f} MB, journal {lines} records {size:.2f} MB"


def _bound(store: Path, old: Path | None, work: Path) -> None:
    """The write that passes the bound, old code beside new, from the same full journal (written by the old code,
    whose journal header the new code reads too)."""
    if old is None:
        raise SystemExit("--bound needs --old")
    full = work / "full"
    shutil.copytree(store, full)
    print(f"filling the journal (old code): {_sizes(full)}", flush=True)
    _child(full, str(old), "fill")
    for name, module in (("old", str(old)), ("new", "")):
        copy = work / name
        shutil.copytree(full, copy)
        print(f"{name} code: {_sizes(copy)}", flush=True)
        _child(copy, module, "cross")
        print(f"  after: {_sizes(copy)}", flush=True)
        shutil.rmtree(copy)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("store", type=Path)
    parser.add_argument("--old", type=Path, default=None, help="another version of graph/embedded.py")
    parser.add_argument("--writes", type=int, default=1000, help="one-firm writes after the first ones")
    parser.add_argument("--one-process", action="store_true", help="compact in the writing process, no reopen")
    parser.add_argument("--in-place", action="store_true", help="use `store` itself, not a copy (it is changed)")
    parser.add_argument("--bound", action="store_true", help="the write past the journal's bound (needs --old)")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="bench_journal_"))
    try:
        if args.bound:
            _bound(args.store, args.old, work)
            return
        if args.old:
            copy = work / "old"
            shutil.copytree(args.store, copy)
            print(f"old code ({args.old}): {_sizes(copy)}", flush=True)
            _child(copy, str(args.old), "writes")
            shutil.rmtree(copy)
        copy = args.store if args.in_place else work / "new"
        if not args.in_place:
            shutil.copytree(args.store, copy)
        print(f"new code: {_sizes(copy)}", flush=True)
        if args.one_process:
            _child(copy, "", "writes", writes=args.writes, compact=True)
        else:
            _child(copy, "", "writes", writes=args.writes)
            print(f"new code, reopened: {_sizes(copy)}", flush=True)
            _child(copy, "", "compact")
        print(f"  after compaction: {_sizes(copy)}", flush=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
