"""Importing a large enterprise list: the streaming CLI import beside the in-memory import, in one run.

    .venv/bin/python benchmarks/bench_import.py --rows 100000 --embedded --old
    .venv/bin/python benchmarks/bench_import.py --rows 50000 --old        # Neo4j only
    .venv/bin/python benchmarks/bench_import.py --rows 1000000 --check-only
    .venv/bin/python benchmarks/bench_import.py --rows 100000 --embedded --baseline-code /tmp/old \
        --server-pid "$(cat .neo4j-bench/run/neo4j.pid)"

With NEO4J_URI/NEO4J_PASSWORD set (scripts/neo4j start; eval "$(scripts/neo4j env)") it imports into Neo4j;
it RELOADS that database (`chainkg load --reset`) before each run.

Each import runs in its own process; its peak RSS and CPU time come from the kernel (`os.wait4`), its time from
the wall clock, and the 1-minute load average is printed beside it (the machine is shared, so rows per CPU-second
say more than rows per second). `--server-pid` adds the Neo4j server's CPU time over the import (from /proc);
with it, `--phases` also splits that CPU by what the server was running (`ServerPhases`: `SHOW TRANSACTIONS` every
0.5 s; staging, switch, duplicate lookups, other statements and commits, nothing);
`--baseline-code DIR` imports the same file with the code in DIR too (e.g. `git archive main | tar -x -C DIR`), in
the same run, alternating with this checkout's; `--again` then imports the same file a second time into the
store it just filled: every row is a firm already in the graph and unchanged (不变), so the second import writes
nothing and measures what a re-import costs before any write — each row's check and matching, and reading the
firms' segment ties (to keep a person's decisions among them). The file is a
synthetic commercial export (`synthetic_export`): 22 columns as 企查查 writes them, a ~300-character
经营范围, valid credit codes, and a 数据说明 column saying it is synthetic, which every imported enterprise
keeps as `extra_数据说明`. The in-memory import (`plan_import` + `apply_import`) refuses files over 50,000
rows and 20 MB; it runs here with those limits lifted, to show what it would cost.
Finally it measures the embedded store's memory per enterprise: RSS of a process that opens the store with
only the seed, and of one that opens it after the import.
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHAINKG = str(Path(sys.executable).parent / "chainkg")
SYNTHETIC_NOTE = "合成数据（基准测试用），不是事实"
_CODE_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
_REGIONS = {"广东省": "440300", "浙江省": "330100", "江苏省": "320500", "湖南省": "431100", "江西省": "360100"}
_FILLER = (
    "一般项目：技术服务、技术开发、技术咨询、技术交流、技术转让、技术推广；机械设备销售；五金产品批发；"
    "金属材料销售；货物进出口；技术进出口；普通机械设备安装服务；仓储服务（不含危险化学品）；"
    "（除依法须经批准的项目外，凭营业执照依法自主开展经营活动）许可项目：道路货物运输"
)
HEADER = [
    "序号", "企业名称", "登记状态", "法定代表人", "注册资本", "实缴资本", "成立日期", "统一社会信用代码",
    "所属省份", "所属城市", "所属区县", "电话", "更多电话", "邮箱", "企业类型", "国标行业门类", "国标行业大类",
    "参保人数", "参保人数所属年报", "企业地址", "经营范围", "数据说明",
]  # fmt: skip


def _credit_code(index: int, region: str) -> str:
    body = "91" + region + f"{index + 1:09d}"
    total = sum(_CODE_CHARS.index(c) * w for c, w in zip(body, _WEIGHTS, strict=True))
    return body + _CODE_CHARS[(31 - total % 31) % 31]


def synthetic_export(path: Path, rows: int, keywords: list[str], rng_seed: int = 7) -> None:
    """A CSV like a commercial export, `rows` synthetic enterprises (names start with 合成, marked synthetic)."""
    rng = random.Random(rng_seed)
    with path.open("w", encoding="utf-8-sig", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(["企查查导出（合成数据，基准测试用）"])
        writer.writerow(HEADER)
        for index in range(rows):
            province = rng.choice(list(_REGIONS))
            words = rng.sample(keywords, 3)
            writer.writerow([
                index + 1, f"合成{index:07d}{words[0]}制造有限公司", "存续", f"测试人{index % 997}",
                f"{rng.choice([50, 200, 1000, 5000])}万元人民币", f"{rng.choice([0, 50, 100])}万元人民币",
                f"20{rng.randint(0, 23):02d}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
                _credit_code(index, _REGIONS[province]), province, "", "", f"0746-{index % 10_000_000:07d}",
                f"138{index % 100_000_000:08d}", f"bench{index}@example.com", "有限责任公司(自然人投资或控股)",
                "制造业", "通用设备制造业", rng.randint(0, 500), "2023年报", f"{province}合成路{index}号",
                f"{words[0]}、{words[1]}的研发、生产、销售；{words[2]}加工；" + _FILLER, SYNTHETIC_NOTE,
            ])  # fmt: skip


def _keywords() -> list[str]:
    from graph.model import NodeLabel, texts_prop
    from loaders.seed import build_seed_graph

    segments = [n for n in build_seed_graph().nodes if n.label == NodeLabel.SEGMENT]
    return sorted({k for n in segments for k in texts_prop(n.properties, "keywords")})


def _server_cpu(pid: int | None) -> float:
    """The server process's user + system CPU seconds so far (0 without a pid)."""
    if pid is None:
        return 0.0
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


PHASES = (("stage", "MERGE (n:ImportStaging"), ("switch", "STARTS WITH $prefixes"), ("lookup", "UNWIND $keys"))
"""What a running statement is, by a piece of its text (`graph/neo4j_cypher.py`: `staged_nodes`, `switch_staged`,
`ENTERPRISES_BY_CODE` and `ENTERPRISES_BY_NAME_KEY`); staged ties count as staging too."""


class ServerPhases:
    """The server's CPU over an import, by what it was running: every 0.5 s the CPU since the last sample goes to
    the statement the import's transaction is running now (PHASES; "other" for other statements and commits,
    "idle" when the import has no transaction open). Sampled, so a phase's figure is good to a sample or two."""

    def __init__(self, pid: int) -> None:
        from neo4j import GraphDatabase

        self.pid = pid
        self.driver = GraphDatabase.driver(os.environ["NEO4J_URI"], auth=(os.environ.get("NEO4J_USER", "neo4j"),
                                           os.environ["NEO4J_PASSWORD"]))  # fmt: skip
        self.cpu: dict[str, float] = defaultdict(float)
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._sample, daemon=True)

    def _now(self) -> str:
        records, _, _ = self.driver.execute_query(
            "SHOW TRANSACTIONS YIELD currentQuery WHERE NOT currentQuery STARTS WITH 'SHOW' RETURN currentQuery"
        )
        if not records:
            return "idle"
        text = " ".join(r["currentQuery"] or "" for r in records)
        staged_ties = "ImportStaging {id: row[0]" in text
        return next((name for name, piece in PHASES if piece in text), "stage" if staged_ties else "other")

    def _sample(self) -> None:
        last = _server_cpu(self.pid)
        while not self.stop.wait(0.5):
            phase = self._now()
            now = _server_cpu(self.pid)
            self.cpu[phase] += now - last
            last = now

    def __enter__(self) -> ServerPhases:
        self.thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self.stop.set()
        self.thread.join()
        self.driver.close()

    def __str__(self) -> str:
        return "  server CPU by phase: " + ", ".join(f"{k} {v:.1f} s" for k, v in sorted(self.cpu.items()))


def _measure(command: list[str], env: dict[str, str]) -> tuple[float, float, float, int]:
    """Wall seconds, CPU seconds (user + system), peak RSS in MB, and exit code of one process; the load average
    is taken when it ends."""
    start = time.perf_counter()
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    assert process.stderr is not None
    err = process.stderr.read()
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    seconds = time.perf_counter() - start
    if process.returncode:
        print(err.decode(errors="replace")[-2000:], file=sys.stderr)
    return seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, process.returncode


def _load(env: dict[str, str]) -> None:
    subprocess.run([CHAINKG, "load", "--reset"], env=env, check=True, capture_output=True)


def _report(what: str, rows: int, seconds: float, cpu: float, rss: float, code: int, server: float) -> None:
    load1 = os.getloadavg()[0]
    status = "" if code == 0 else f"  FAILED (exit {code})"
    print(f"{what:<44} {rows:>9,} rows {seconds:8.1f} s {rows / seconds:9,.0f} rows/s "
          f"CPU {cpu:7.1f} s + server {server:7.1f} s = {rows / (cpu + server):7,.0f} rows/CPU-s "
          f"peak RSS {rss:7,.0f} MB  load1 {load1:.2f}{status}", flush=True)  # fmt: skip


def _old_path(file: Path) -> None:
    """Child process: the in-memory import with its file limits lifted (it refuses such files otherwise)."""
    from graph.config import Settings, open_store
    from loaders import importing

    importing.MAX_ROWS = importing.MAX_CELLS = 10**9
    importing.MAX_BYTES = 1 << 40
    store = open_store(Settings.from_env(None, None))
    plan = importing.plan_import(store, file.name, file.read_bytes(), locality="candidate")
    importing.apply_import(store, plan)
    store.close()


def _store_rss(data_dir: Path) -> tuple[float, float, int]:
    """Resident MB of a fresh process holding the opened embedded store (after a garbage collection), its peak
    while opening (reading graph.json), and the store's enterprise count."""
    code = (
        "import gc, re, resource, sys; from pathlib import Path; from graph.embedded import EmbeddedStore;"
        "s = EmbeddedStore(Path(sys.argv[1])); c = s.counts(); gc.collect();"
        "rss = re.search(r'VmRSS:\\s+(\\d+)', Path('/proc/self/status').read_text()).group(1);"
        "print(rss, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, c.nodes.get('Enterprise', 0))"
    )
    out = subprocess.run([sys.executable, "-c", code, str(data_dir)], capture_output=True, text=True, check=True)
    rss_kb, peak_kb, enterprises = out.stdout.split()
    return int(rss_kb) / 1024, int(peak_kb) / 1024, int(enterprises)


def main() -> None:
    if len(sys.argv) == 3 and sys.argv[1] == "--old-child":
        _old_path(Path(sys.argv[2]))
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--embedded", action="store_true", help="also import into a fresh embedded store")
    parser.add_argument("--old", action="store_true", help="also run the in-memory import (needs RAM)")
    parser.add_argument("--file", type=Path, default=None, help="reuse this generated file")
    parser.add_argument("--check-only", action="store_true", help="streaming pass 1 only (--dry-run)")
    parser.add_argument("--server-pid", type=int, default=None, help="the Neo4j server's pid, for its CPU time")
    parser.add_argument("--baseline-code", type=Path, default=None, help="also import with the code in this folder")
    parser.add_argument("--phases", action="store_true", help="with --server-pid: split its CPU by statement")
    parser.add_argument("--repeat", type=int, default=1, help="import each way this many times, alternating")
    parser.add_argument("--again", action="store_true", help="then import the same file again, every row a firm")
    args = parser.parse_args()
    if args.again and args.check_only:
        parser.error("--again needs a first import that writes: not with --check-only")
    work = Path(tempfile.mkdtemp(prefix="bench_import_"))
    file = args.file or work / f"合成名录_{args.rows}.csv"
    if args.file is None:
        start = time.perf_counter()
        synthetic_export(file, args.rows, _keywords())
        print(f"generated {file} ({file.stat().st_size / 2**20:,.0f} MB) in {time.perf_counter() - start:.1f} s")
    stream = [CHAINKG, "import", "enterprises", str(file), "--candidate", "--stream", "--report", str(work / "r.csv")]
    stream += ["--dry-run"] if args.check_only else []
    old = [sys.executable, __file__, "--old-child", str(file)]
    base = {**os.environ, "PYTHONPATH": str(ROOT)}
    backends: list[tuple[str, dict[str, str]]] = []
    if args.embedded:
        backends.append(("embedded", {**base, "CHAINKG_BACKEND": "embedded", "CHAINKG_DATA_DIR": str(work / "e")}))
    if os.environ.get("NEO4J_URI"):
        backends.append(("neo4j", {**base, "CHAINKG_BACKEND": "neo4j"}))
    codes = [("", ROOT)] + ([("baseline ", args.baseline_code.resolve())] if args.baseline_code else [])
    for backend, env in backends:
        runs = [("streaming CLI " + ("check (pass 1)" if args.check_only else "import"), stream)]
        runs += [("in-memory import (limits lifted)", old)] if args.old else []
        for (label, code), (what, command) in [(c, r) for _ in range(args.repeat) for c in codes for r in runs]:
            env = {**env, "PYTHONPATH": str(code)}
            _load(env)
            if backend == "embedded":
                seed_rss, _, _ = _store_rss(work / "e")
            pid = args.server_pid if backend == "neo4j" else None
            for again in ("", " again")[: 2 if args.again else 1]:
                server = _server_cpu(pid)
                if args.phases and pid:
                    with ServerPhases(pid) as phases:
                        measured = _measure(command, env)
                else:
                    measured = _measure(command, env)
                server = _server_cpu(pid) - server
                _report(f"{label}{what}{again} → {backend}", args.rows, *measured, server)
                if args.phases and pid:
                    print(phases, flush=True)
            if backend == "embedded":
                rss, peak, enterprises = _store_rss(work / "e")
                size = (work / "e" / "graph.json").stat().st_size / 2**20
                per = (rss - seed_rss) * 1024 / args.rows
                print(
                    f"  embedded store: {enterprises:,} enterprises, graph.json {size:,.0f} MB; a process holding it:"
                    f" {rss:,.0f} MB resident (seed only {seed_rss:,.0f} MB; peak while opening {peak:,.0f} MB)"
                    f" → {per:.1f} KB per imported enterprise"
                )


if __name__ == "__main__":
    main()
