"""CPU time to build the keyword matcher (`SegmentMatcher`) over the seed's segments, today's and REV's in one run.

    .venv/bin/python benchmarks/bench_matcher_build.py [--against REV] [--rounds N]

An import check builds one matcher per file, and the app one per import; each build used to read jieba's dictionary
afresh. Each round builds three matchers over all the seed's segments, as an import check does: loaders/matching.py
as committed at REV (run as Python, `matching_at`), today's file run as Python (`pure_matching`) and the matcher in
use (compiled by scripts/setup, when built), in turns whose order reverses each round, so all meet the same load. Each
build's CPU time is this process's (`time.process_time`), with the 1-minute load as it began. The first build of
today's code in a process also reads jieba's dictionary, which later builds copy: it is given apart from the medians.
"""

from __future__ import annotations

import argparse
import gc
import logging
import os
import statistics
import time
from collections.abc import Callable

import jieba
from bench_matching import IN_USE, gap_segments, matching_at

from graph.model import Node
from loaders.compiled import pure_matching
from loaders.matching import SegmentMatcher


def _build(make: Callable[[list[Node]], object], segments: list[Node]) -> tuple[float, float]:
    """(CPU seconds, wall seconds) to build one matcher; the matcher is freed and collected outside the timing."""
    cpu, wall = time.process_time(), time.perf_counter()
    matcher = make(segments)
    spent = (time.process_time() - cpu, time.perf_counter() - wall)
    del matcher
    gc.collect()
    return spent


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--against", metavar="REV", default="main", help="与该 git 版本的 loaders/matching.py 交替计时")
    parser.add_argument("--rounds", type=int, default=6, help="轮数：每轮每个匹配器各建一次，先后次序每轮颠倒")
    args = parser.parse_args()
    if args.rounds < 2:
        parser.error("至少 2 轮：本进程第一次另列，中位数取其后各次")
    jieba.setLogLevel(logging.WARNING)
    segments = gap_segments()[0]
    pure = pure_matching().SegmentMatcher
    builders: list[tuple[str, Callable[[list[Node]], object]]] = [
        (f"{args.against} 的规则（纯 Python）", matching_at(args.against).SegmentMatcher),
        ("现行（纯 Python）", pure),
    ]
    if SegmentMatcher is not pure:
        builders.append((IN_USE, SegmentMatcher))
    rows: list[tuple[int, str, float, float, float]] = []
    for round_ in range(1, args.rounds + 1):
        for label, make in builders if round_ % 2 else builders[::-1]:
            load = os.getloadavg()[0]
            rows.append((round_, label, *_build(make, segments), load))
    first = {label: next(row for row in rows if row[1] == label) for label, _ in builders}
    print(f"\n建匹配器（{len(segments)} 个种子环节，{args.rounds} 轮，每轮各建一次、次序颠倒；CPU 为本进程时间）：\n")
    print("| 轮 | 匹配器 | CPU（秒） | 墙钟（秒） | 1 分钟负载 |\n|---|---|---|---|---|")
    for round_, label, cpu, wall, load in rows:
        print(f"| {round_} | {label} | {cpu:.3f} | {wall:.3f} | {load:.1f} |")
    print("\n| 匹配器 | 第一次 CPU（秒） | 其后各次 CPU 中位数（秒） | 其后各次墙钟中位数（秒） |\n|---|---|---|---|")
    for label, _ in builders:
        later = [row for row in rows if row[1] == label and row is not first[label]]
        cpu, wall = statistics.median(row[2] for row in later), statistics.median(row[3] for row in later)
        print(f"| {label} | {first[label][2]:.3f} | {cpu:.3f} | {wall:.3f} |")
    loads = [row[4] for row in rows]
    print(f"\n1 分钟负载 {min(loads):.1f}–{max(loads):.1f}")


if __name__ == "__main__":
    main()
