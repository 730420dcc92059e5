"""Gap analysis and target lists at scale, each beside its naive baseline, in one run.

    .venv/bin/python benchmarks/bench_analysis.py --enterprises 100000 --candidates 100000

With NEO4J_URI/NEO4J_PASSWORD set (scripts/neo4j start; eval "$(scripts/neo4j env)") it also times
gap analysis on Neo4j; it CLEARS that database.

- Gaps: `queries.gaps.gaps` over all chains, on the embedded store (first call after a write, and
  repeated) and on Neo4j; the naive baseline recomputes every segment's local enterprises by
  scanning the whole relationship list once per segment.
- Targets: candidates were matched to segments once at load (one Aho-Corasick pass, timed here);
  `queries.targets.targets` then ranks a gap's matched candidates. The naive baseline searches every
  candidate's text for every keyword of the gap at query time, then scores and sorts.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from graph.embedded import EmbeddedStore
from graph.model import GraphData, Node, NodeLabel, RelType, Source, node_id, texts_prop
from graph.neo4j_store import Neo4jStore
from graph.vocabulary import Locality
from loaders.load import load_all
from loaders.matching import match_enterprises
from loaders.synthetic import synthetic_enterprises
from queries.gaps import gaps
from queries.targets import targets

GAP = "模具"
FILLER = "生产销售加工制造技术开发咨询服务进出口贸易研发设计安装维修检测仓储物流材料设备配件"


def _median_ms(call: Callable[[], object], runs: int = 7) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        call()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def _candidates(seed: GraphData, count: int) -> GraphData:
    """Candidates with ~120-character business scopes mixing segment keywords and filler."""
    rng = random.Random(7)
    keywords = sorted(
        {k for n in seed.nodes if n.label == NodeLabel.SEGMENT for k in texts_prop(n.properties, "keywords")}
    )
    provinces = ["广东省", "浙江省", "江苏省", "上海市", "湖南省", "四川省", "河南省"]
    nodes = []
    for index in range(count):
        words = rng.sample(keywords, 3)
        scope = "；".join(words) + "；" + "".join(rng.sample(FILLER, len(FILLER)))[:90]
        nodes.append(
            Node(
                id=node_id(NodeLabel.ENTERPRISE, f"bench:{index:06d}"),
                label=NodeLabel.ENTERPRISE,
                properties={
                    "name": f"基准{index:06d}有限公司",
                    "business_scope": scope,
                    "province": rng.choice(provinces),
                    "total_assets_2016_wan": float(rng.choice([5e3, 5e4, 5e5, 5e6])),
                    "locality": Locality.CANDIDATE.value,
                    "source": Source.DERIVED.value,
                    "synthetic": True,
                },
            )
        )
    return GraphData(nodes=nodes)


def _naive_gap_locals(store: EmbeddedStore) -> None:
    edges = list(store._graph.edges(keys=True))  # the baseline reads the raw graph on purpose
    for segment in store.nodes(NodeLabel.SEGMENT):
        [u for u, v, k in edges if v == segment.id and k == RelType.OPERATES_IN.value]


def _naive_targets(candidates: list[Node], keywords: list[str]) -> list[tuple[float, str]]:
    scored = []
    for node in candidates:
        text = f"{node.properties.get('name', '')} {node.properties.get('business_scope', '')}"
        hits = [k for k in keywords if k in text]
        if hits:
            scored.append((0.5 * 0.7 + 0.25 * 0.5 + 0.25 * 0.5, node.id))
    return sorted(scored, reverse=True)[:50]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--enterprises", type=int, default=100_000)
    parser.add_argument("--candidates", type=int, default=100_000)
    args = parser.parse_args()
    rows: list[tuple[str, str, str, float | None]] = []
    with tempfile.TemporaryDirectory() as tmp:
        store = EmbeddedStore(Path(tmp))
        seed = load_all(store)
        store.write(synthetic_enterprises(seed, args.enterprises))
        start = time.perf_counter()
        gaps(store)
        cold = (time.perf_counter() - start) * 1000
        warm = _median_ms(lambda: gaps(store))
        naive_gaps = _median_ms(lambda: _naive_gap_locals(store), runs=1)
        rows.append(
            ("全部产业链缺口分析（内置存储，写入后首次）", f"{cold:.0f} ms", f"{naive_gaps:.0f} ms", naive_gaps / cold)
        )
        rows.append(
            ("全部产业链缺口分析（内置存储，重复查询）", f"{warm:.1f} ms", f"{naive_gaps:.0f} ms", naive_gaps / warm)
        )

        pool = _candidates(seed, args.candidates)
        start = time.perf_counter()
        ties = match_enterprises(seed.nodes, pool.nodes)
        matching = time.perf_counter() - start
        store.write(GraphData(nodes=pool.nodes, relationships=ties))
        segment = store.get_node(node_id(NodeLabel.SEGMENT, GAP))
        if segment is None:
            raise SystemExit(f"种子里没有环节“{GAP}”")
        gap_keywords = texts_prop(segment.properties, "keywords")
        start = time.perf_counter()
        targets(store, GAP, limit=50)
        lookup_cold = (time.perf_counter() - start) * 1000
        lookup = _median_ms(lambda: targets(store, GAP, limit=50))
        naive = _median_ms(lambda: _naive_targets(pool.nodes, gap_keywords), runs=3)
        matched = len(store.enterprises_in(node_id(NodeLabel.SEGMENT, GAP), locality=Locality.CANDIDATE))
        label = f"招商目标前 50（{GAP}，{len(gap_keywords)} 个关键词，匹配 {matched:,} 家）"
        rows.append((f"{label}，写入后首次", f"{lookup_cold:.1f} ms", f"{naive:.0f} ms", naive / lookup_cold))
        rows.append((f"{label}，重复查询", f"{lookup:.1f} ms", f"{naive:.0f} ms", naive / lookup))

    if os.environ.get("NEO4J_URI"):
        neo4j = Neo4jStore(os.environ["NEO4J_URI"], os.environ.get("NEO4J_USER", "neo4j"), os.environ["NEO4J_PASSWORD"])
        neo4j.clear()
        load_all(neo4j)
        neo4j.write(synthetic_enterprises(seed, args.enterprises), atomic=False)
        on_neo4j = _median_ms(lambda: gaps(neo4j), runs=5)
        rows.append(("全部产业链缺口分析（Neo4j）", f"{on_neo4j:.0f} ms", "—", None))
        neo4j.clear()
        neo4j.close()

    print(
        f"合成本地与候选企业 {args.enterprises:,} 家（{len(seed.nodes):,} 个种子节点之上）；"
        f"另加候选企业 {args.candidates:,} 家，每家约 120 字经营范围。"
    )
    print(
        f"一次性关键词匹配（Aho-Corasick + jieba 词边界）：{args.candidates:,} 家用时 {matching:.1f} s，"
        f"得到 {len(ties):,} 条企业—环节匹配。\n"
    )
    print("| 查询 | 本实现 | 朴素基线 | 倍数 |")
    print("|---|---|---|---|")
    for name, ours, baseline, ratio in rows:
        print(f"| {name} | {ours} | {baseline} | {f'{ratio:,.0f}×' if ratio else '—'} |")


if __name__ == "__main__":
    main()
