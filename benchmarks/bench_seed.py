"""Loading the seed with and without the chain-template library, side by side in one run.

What `chainkg load` does, phase by phase, on a fresh embedded store: validate and build the seed
graph (plan files, quotes checked against the plan text, then the library merged), match the
listed-company candidate pool to every segment's keywords, write everything. The target is under
5 s with the library. Usage:

    .venv/bin/python benchmarks/bench_seed.py --runs 3
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from graph.embedded import EmbeddedStore
from graph.model import GraphData, NodeLabel
from loaders.candidates import build_candidate_graph
from loaders.matching import with_matches
from loaders.seed import build_seed_graph

T = TypeVar("T")


def _timed(label: str, times: dict[str, float], call: Callable[[], T]) -> T:
    """Run `call`, recording wall-clock and CPU seconds (CPU time stays honest on a busy shared machine)."""
    wall, cpu = time.perf_counter(), time.process_time()
    result = call()
    times[label] = time.perf_counter() - wall
    times[f"{label}_cpu"] = time.process_time() - cpu
    return result


def _once(templates: bool) -> tuple[dict[str, float], GraphData]:
    times: dict[str, float] = {}
    seed = _timed("build", times, lambda: build_seed_graph(templates=templates))
    candidates = _timed("match", times, lambda: with_matches(seed, build_candidate_graph()))
    data = GraphData(nodes=seed.nodes + candidates.nodes, relationships=seed.relationships + candidates.relationships)
    with tempfile.TemporaryDirectory() as tmp:
        _timed("write", times, lambda: EmbeddedStore(Path(tmp)).write(data))
    for suffix in ("", "_cpu"):
        times[f"total{suffix}"] = sum(times[f"{key}{suffix}"] for key in ("build", "match", "write"))
    return times, seed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    results: dict[bool, dict[str, list[float]]] = {False: defaultdict(list), True: defaultdict(list)}
    sizes: dict[bool, tuple[int, int]] = {}
    for _ in range(args.runs):
        for templates in (False, True):
            times, seed = _once(templates)
            for key, value in times.items():
                results[templates][key].append(value)
            sizes[templates] = (sum(n.label == NodeLabel.SEGMENT for n in seed.nodes), len(seed.relationships))
    medians = {t: {k: statistics.median(v) for k, v in r.items()} for t, r in results.items()}
    machine = platform.processor() or platform.machine()
    print(f"机器：{machine}，{os.cpu_count()} 核；Python {platform.python_version()}")
    print(f"每项取 {args.runs} 次运行的中位数（两种种子在同一次运行中交替测量）\n")
    print(f"负载：{os.getloadavg()[0]:.1f}（1 分钟平均）；括号内为本进程 CPU 时间\n")
    print("| 阶段 | 仅规划种子 | 规划种子 + 模板库 |")
    print("|---|---|---|")
    print(f"| 环节数 / 种子关系数 | {sizes[False][0]} / {sizes[False][1]} | {sizes[True][0]} / {sizes[True][1]} |")
    labels = {"build": "校验并构建种子图", "match": "候选企业关键词匹配", "write": "写入内置存储", "total": "合计"}
    for key, label in labels.items():
        cells = [f"{medians[t][key]:.2f} s（CPU {medians[t][key + '_cpu']:.2f} s）" for t in (False, True)]
        print(f"| {label} | {cells[0]} | {cells[1]} |")


if __name__ == "__main__":
    main()
