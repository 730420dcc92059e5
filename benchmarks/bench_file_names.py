"""What reading a file's names first costs the import check, on real names, beside the code before it, in one run.

    .venv/bin/python benchmarks/bench_file_names.py --pool /work/realpool/Enterprise-Registration-Data/csv \
        --rows 1000000 --old-code /tmp/old [--rounds 2] [--work /tmp/filenames]

The file: the first N of all enterprise names of the public registration pool (catseyess/elevencats, CC BY-NC-SA
4.0; every year and province, shuffled with a fixed seed), one 企业名称 and 登记状态 (存续) a row, no credit code, so
every row goes through the in-file name check. Real national names share core names across many places (农业生产资料
at dozens of counties and cities), the hardest case for the place rule.

Each measurement runs in its own process, old code (`--old-code DIR`, e.g. `git archive main | tar -x -C DIR` with the
compiled matcher copied in) and this checkout's alternating, `--rounds` times: the streaming check (pass 1 of
`chainkg import enterprises FILE --stream`, `StreamingImport.check`) into an empty embedded store (no graph lookups to
speak of: what it measures is the rows' own checks), with its wall time, CPU, peak RSS and the rows per result; then,
with this checkout's code only, `RowPlanner._read_names` alone over the file (the planner is built from no rows, so
the timing leaves out building it: jieba's dictionary load). The 1-minute load is printed beside each.
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

_CHECK = """
import resource, sys, tempfile, time
from pathlib import Path
sys.path.insert(0, sys.argv[1])
from graph.embedded import EmbeddedStore
from loaders.streaming import StreamingImport
path = Path(sys.argv[2])
start = time.perf_counter()
check = StreamingImport(EmbeddedStore(Path(tempfile.mkdtemp())), path).check(path.with_suffix(".report.csv"))
took = time.perf_counter() - start
use = resource.getrusage(resource.RUSAGE_SELF)
print(f"{took:.1f} s, CPU {use.ru_utime + use.ru_stime:.1f} s, RSS {use.ru_maxrss / 1024:.0f} MB, {dict(check.counts)}")
"""

_NAMES = """
import sys, tempfile, time
from pathlib import Path
sys.path.insert(0, sys.argv[1])
from graph.embedded import EmbeddedStore
from loaders.importing import RowPlanner
from loaders.streaming import _csv_table, csv_encoding
path = Path(sys.argv[2])
with _csv_table(path, csv_encoding(path)) as table:
    planner = RowPlanner(EmbeddedStore(Path(tempfile.mkdtemp())), path.name, table.header, ())
    start = time.perf_counter()
    planner._read_names(table.rows)
    print(f"read_names {time.perf_counter() - start:.1f} s")
"""


def names_file(pool: Path, rows: int, out: Path) -> None:
    """`rows` names of the pool (all of them shuffled, seed 5), as a names-only CSV."""
    names: list[str] = []
    for path in sorted(pool.glob("*/*.csv")):
        with path.open(encoding="utf-8", errors="replace") as handle:
            reader = csv.reader(handle)
            next(reader, None)
            names += [row[0] for row in reader if row and row[0]]
    random.Random(5).shuffle(names)
    with out.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["企业名称", "登记状态"])
        writer.writerows([name, "存续"] for name in names[:rows])


def _run(script: str, code: Path, path: Path) -> str:
    done = subprocess.run([sys.executable, "-c", script, str(code), str(path)], capture_output=True, text=True)
    if done.returncode:
        raise SystemExit(done.stderr)
    return done.stdout.strip()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pool", type=Path, required=True, help="the pool's folder of year folders of CSV files")
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--old-code", type=Path, required=True)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--work", type=Path, default=Path("/tmp/filenames"))
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    path = args.work / f"names{args.rows}.csv"
    if not path.exists():
        names_file(args.pool, args.rows, path)
    for round_ in range(1, args.rounds + 1):
        for label, code in (("old", args.old_code), ("new", ROOT)):
            result = _run(_CHECK, code, path)
            print(f"round {round_} {label}: {result} (load {os.getloadavg()[0]:.2f})", flush=True)
    print(f"new: {_run(_NAMES, ROOT, path)} (load {os.getloadavg()[0]:.2f})")


if __name__ == "__main__":
    main()
