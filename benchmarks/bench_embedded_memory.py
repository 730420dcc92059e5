"""The embedded store's memory and speed with many realistic enterprises (issue #12 item 7), old code beside new.

    .venv/bin/python benchmarks/bench_import.py --rows 100000 --embedded       # makes DIR/e (22-column rows)
    .venv/bin/python benchmarks/bench_embedded_memory.py DIR/e --old OLD.py --copies 10

- `store`: an embedded data directory, e.g. the one `bench_import.py --embedded` fills from a synthetic
  commercial export (26 properties and ~3.4 evidence-carrying segment ties per enterprise).
- `--old FILE`: another version of graph/embedded.py (e.g. `git show main:graph/embedded.py > OLD.py`); a
  fresh process opens the same store with each version and reports its resident memory (after a garbage
  collection), its peak while opening and the time to open.
- `--queries`: the same one-firm write and timings as for `--copies`, on a copy of `store`, with each version
  (old code first): the analyses at this size, old beside new.
- `--copies N`: also writes a store of N copies of every enterprise and its ties (copy k: credit code, id and
  name carry k; the rest unchanged, so every row stays realistic) and measures it with the new code only:
  open, a one-firm write (one save), targets for a gap first after that write and repeated, gaps, health.
Every figure is printed with the 1-minute load average: the machine is shared.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GAP = "模具"
CHILD_MODULE = """
import gc, importlib.util, re, resource, sys, time
from pathlib import Path
if sys.argv[2]:
    spec = importlib.util.spec_from_file_location("embedded_under_test", sys.argv[2])
    module = sys.modules[spec.name] = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
else:
    import graph.embedded as module
"""
"""The start of a child process's script: the embedded store module under test (argv[2], a file; "" for this
tree's) as `module`."""
_CHILD = (
    CHILD_MODULE
    + """
start, cpu = time.perf_counter(), time.process_time()
store = module.EmbeddedStore(Path(sys.argv[1]))
opened, opened_cpu = time.perf_counter() - start, time.process_time() - cpu
enterprises = store.counts().nodes.get("Enterprise", 0)
gc.collect()
rss = int(re.search(r"VmRSS:\\s+(\\d+)", Path("/proc/self/status").read_text()).group(1)) / 1024
print(f"{enterprises} {rss:.0f} {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} {opened:.1f}"
      f" {opened_cpu:.1f}")
if len(sys.argv) > 3:
    from graph.model import GraphData, Node, NodeLabel
    from queries.gaps import gaps
    from queries.health import health
    from queries.targets import targets
    firm = store.nodes(NodeLabel.ENTERPRISE, locality="local")[0]
    capital = firm.properties.get("registered_capital_wan") or 100
    start, cpu = time.perf_counter(), time.process_time()
    store.write(GraphData(nodes=[Node(id=firm.id, label=NodeLabel.ENTERPRISE,
                                      properties={"registered_capital_wan": capital + 1})]))
    print(f"save {time.perf_counter() - start:.1f} s (CPU {time.process_time() - cpu:.1f} s)")
    for what, run in (("targets", lambda: targets(store, sys.argv[3], limit=50)), ("gaps", lambda: gaps(store)),
                      ("health", lambda: health(store))):
        times = []
        for _ in range(4):
            start, cpu = time.perf_counter(), time.process_time()
            run()
            times.append(((time.perf_counter() - start) * 1000, (time.process_time() - cpu) * 1000))
        again = sorted(times[1:])[1]
        first = f"{times[0][0]:.0f} (CPU {times[0][1]:.0f})"
        print(f"{what} ms first {first}, repeated {again[0]:.0f} (CPU {again[1]:.0f})")
    rss = int(re.search(r"VmRSS:\\s+(\\d+)", Path("/proc/self/status").read_text()).group(1)) / 1024
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"after {rss:.0f} {peak:.0f}")
"""
)


def _load1() -> str:
    return f"load1 {os.getloadavg()[0]:.2f}"


def _open(store: Path, module: str, *queries: str) -> list[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    args = [sys.executable, "-c", _CHILD, str(store), module, *queries]
    return subprocess.run(args, capture_output=True, text=True, check=True, env=env).stdout.splitlines()


def _report_open(what: str, line: str, seed_rss: float | None = None) -> None:
    enterprises, rss, peak, seconds, cpu = line.split()
    per = "" if seed_rss is None else f" → {(float(rss) - seed_rss) * 1024 / int(enterprises):.1f} KB per enterprise"
    print(
        f"{what:<10} {int(enterprises):>9,} enterprises: resident {float(rss):7,.0f} MB, peak while opening"
        f" {float(peak):7,.0f} MB, opened in {float(seconds):6.1f} s (CPU {float(cpu):.1f} s){per}  {_load1()}",
        flush=True,
    )


def _copy_id(nid: str, copy: int) -> str:
    prefix = "enterprise:credit:"
    return f"{prefix}{copy:02d}{nid[len(prefix) + 2 :]}" if nid.startswith(prefix) else f"{nid}#{copy}"


def _item_lines(path: Path) -> list[bytes]:
    """The items of a file saved one item per line (nodes, then relationships), without their separators."""
    with path.open("rb") as handle:
        return [line.rstrip(b",\n") for line in handle if line.startswith(b"{") and b'"version"' not in line[:12]]


def write_copies(source: Path, target: Path, copies: int) -> int:
    """A store file holding `copies` copies of every enterprise of `source` (and their ties), the rest once."""
    enterprises = 0
    target.mkdir(parents=True, exist_ok=True)
    items = _item_lines(source / "graph.json")
    with (target / "graph.json").open("w", encoding="utf-8") as out:
        out.write('{"version":"' + "0" * 32 + '","nodes":[\n')
        nodes = [json.loads(item) for item in items if item.startswith(b'{"id"')]
        first = True
        for node in nodes:
            is_firm = node["labels"] == ["Enterprise"]
            for copy in range(copies if is_firm else 1):
                props = dict(node["properties"])
                if copy:
                    for key in ("name", "name_key"):
                        if key in props:
                            props[key] = f"{props[key]}{copy}"
                    if "credit_code" in props:
                        props["credit_code"] = f"{copy:02d}{str(props['credit_code'])[2:]}"
                head = {"id": _copy_id(node["id"], copy) if copy else node["id"], "labels": node["labels"]}
                out.write(("" if first else ",\n") + json.dumps({**head, "properties": props}, ensure_ascii=False))
                first = False
                enterprises += is_firm
        del nodes
        out.write('\n],"relationships":[\n')
        firms = None
        first = True
        for item in items:
            if not item.startswith(b'{"type"'):
                continue
            rel = json.loads(item)
            firms = rel["type"] in ("OPERATES_IN", "LOCATED_IN")
            for copy in range(copies if firms else 1):
                start = _copy_id(rel["start"], copy) if copy else rel["start"]
                out.write(("" if first else ",\n") + json.dumps({**rel, "start": start}, ensure_ascii=False))
                first = False
        out.write("\n]}\n")
    return enterprises


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("store", type=Path)
    parser.add_argument("--old", type=Path, default=None, help="another version of graph/embedded.py to compare")
    parser.add_argument("--seed-store", type=Path, default=None, help="a store holding the seed only (baseline)")
    parser.add_argument("--copies", type=int, default=0)
    parser.add_argument("--queries", action="store_true", help="time a write and the analyses with each version")
    args = parser.parse_args()
    seeds: dict[str, float] = {}
    if args.seed_store:
        for what, module in [("old", str(args.old))] * bool(args.old) + [("new", "")]:
            line = _open(args.seed_store, module)[0]
            seeds[what] = float(line.split()[1])
            _report_open(f"seed {what}", line)
    if args.old:
        _report_open("old code", _open(args.store, str(args.old))[0], seeds.get("old"))
    _report_open("new code", _open(args.store, "")[0], seeds.get("new"))
    work = Path(tempfile.mkdtemp(prefix="bench_embedded_memory_"))
    if args.queries:
        for what, module in [("old", str(args.old))] * bool(args.old) + [("new", "")]:
            copy = work / f"queries-{what}"
            copy.mkdir()
            shutil.copyfile(args.store / "graph.json", copy / "graph.json")
            lines = _open(copy, module, GAP)
            _report_open(f"{what} code", lines[0], seeds.get(what))
            for line in lines[1:]:
                print(f"  {line}  {_load1()}", flush=True)
            shutil.rmtree(copy)
    if args.copies:
        converted = args.store
        with (args.store / "graph.json").open("rb") as handle:
            if not handle.readline().endswith(b'"nodes":[\n'):  # saved by the old code: save once with the new
                converted = work / "converted"
                converted.mkdir()
                (converted / "graph.json").write_bytes((args.store / "graph.json").read_bytes())
                _open(converted, "", GAP)
        enterprises = write_copies(converted, work / "big", args.copies)
        size = (work / "big" / "graph.json").stat().st_size / 2**20
        print(f"wrote {enterprises:,} enterprises, graph.json {size:,.0f} MB  {_load1()}", flush=True)
        lines = _open(work / "big", "", GAP)
        _report_open("new code", lines[0], seeds.get("new"))
        for line in lines[1:]:
            print(f"  {line}  {_load1()}")
        print(f"(store left in {work / 'big'})")


if __name__ == "__main__":
    main()
