"""The server heap of a staged import's switch into Neo4j, beside one transaction holding the same write.

    CHAINKG_NEO4J_HEAP=4g CHAINKG_NEO4J_TX_TIMEOUT=7200 scripts/neo4j start && eval "$(scripts/neo4j env)"
    .venv/bin/python benchmarks/bench_switch.py --rows 100000 --baseline 20000
    .venv/bin/python benchmarks/bench_switch.py --rows 1000000

It RELOADS the database (`chainkg load --reset`) first. The enterprises are real-shaped: `--sample` rows of the
synthetic commercial export of bench_import.py planned by the import itself (26 properties, the matcher's segment
ties with their evidence), copied with a copy number in id and name until there are `--rows`; no file is parsed
per row, so this measures the store only. `Neo4jStore.write_batches` stages them 5,000 a transaction and switches
them in one; a thread samples `SHOW TRANSACTIONS` every 0.2 s and keeps the largest estimatedUsedHeapMemory seen
for the staging transactions and for the switch (a lower bound of the peak: the last statement's growth may fall
between samples). `--baseline N` first writes N of the same rows in one transaction (`write`), as the import did
before staging, and samples that transaction the same way.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_import import CHAINKG, _keywords, synthetic_export  # noqa: E402

from graph.config import Settings, open_store  # noqa: E402
from graph.model import GraphData, Node, Relationship, batched  # noqa: E402
from graph.neo4j_store import Neo4jStore  # noqa: E402
from loaders.streaming import StreamCheck, StreamingImport  # noqa: E402

SAMPLE_SECONDS = 0.2


class HeapSampler(threading.Thread):
    """The largest estimatedUsedHeapMemory seen per kind of transaction, told apart by their current query."""

    def __init__(self, store: Neo4jStore) -> None:
        super().__init__(daemon=True)
        self.store = store
        self.peak: dict[str, int] = {}
        self.stop = threading.Event()

    def run(self) -> None:
        while not self.stop.wait(SAMPLE_SECONDS):
            records = self.store._read(
                "SHOW TRANSACTIONS YIELD currentQuery, estimatedUsedHeapMemory "
                "RETURN currentQuery AS query, estimatedUsedHeapMemory AS heap"
            )
            for r in records:
                query = str(r["query"])
                kind = (
                    "switch" if "STARTS WITH $prefix" in query
                    else "staging" if "ImportStaging" in query
                    else "one transaction" if "UNWIND $rows" in query
                    else None
                )  # fmt: skip
                if kind and r["heap"] is not None:
                    self.peak[kind] = max(self.peak.get(kind, 0), int(r["heap"]))


def sample_data(store: Neo4jStore, sample: int) -> GraphData:
    """`sample` enterprises and their ties as the import plans them (the file is synthetic, marked so)."""
    path = Path(tempfile.mkdtemp(prefix="bench_switch_")) / "合成名录.csv"
    synthetic_export(path, sample, _keywords())
    importer = StreamingImport(store, path, locality="candidate")
    nodes: list[Node] = []
    relationships: list[Relationship] = []
    for _, data in importer._planned(StreamCheck(path.name), tie_all=True):
        nodes += data.nodes
        relationships += data.relationships
    return GraphData(nodes=nodes, relationships=relationships)


def copies(data: GraphData, rows: int) -> Iterator[GraphData]:
    """`rows` enterprises: the sample again and again, each copy's ids and names numbered; 5,000 a batch."""
    ties: dict[str, list[Relationship]] = {}
    for rel in data.relationships:
        ties.setdefault(rel.start, []).append(rel)

    def enterprises() -> Iterator[tuple[Node, list[Relationship]]]:
        for index in range(rows):
            copy, node = divmod(index, len(data.nodes))
            base = data.nodes[node]
            nid = f"{base.id}-{copy}"
            props = {**base.properties, "name": f"{base.properties['name']}{copy}"}
            yield (
                Node.model_construct(id=nid, label=base.label, properties=props),
                [Relationship.model_construct(type=r.type, start=nid, end=r.end, properties=r.properties)
                 for r in ties.get(base.id, [])],
            )  # fmt: skip

    for batch in batched(enterprises(), 5000):
        yield GraphData.model_construct(nodes=[n for n, _ in batch], relationships=[r for _, rs in batch for r in rs])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--sample", type=int, default=2000)
    parser.add_argument("--baseline", type=int, default=0, help="first write this many rows in one transaction")
    args = parser.parse_args()
    subprocess.run([CHAINKG, "load", "--reset"], check=True, capture_output=True, env={**os.environ})
    store = open_store(Settings.from_env(None, None))
    assert isinstance(store, Neo4jStore), "set CHAINKG_BACKEND=neo4j and NEO4J_URI"
    data = sample_data(store, args.sample)
    ties = len(data.relationships) / len(data.nodes)
    print(f"sample: {len(data.nodes):,} enterprises, {ties:.2f} ties each; load1 {os.getloadavg()[0]:.2f}", flush=True)
    sampler = HeapSampler(store)
    sampler.start()
    if args.baseline:
        whole = _joined(copies(data, args.baseline))
        start = time.perf_counter()
        store.write(whole)
        seconds = time.perf_counter() - start
        heap = sampler.peak.get("one transaction", 0)
        print(f"one transaction: {args.baseline:,} rows in {seconds:.1f} s; server heap ≥ {heap / 2**20:,.0f} MB "
              f"({heap / args.baseline / 1024:.1f} KB/row); load1 {os.getloadavg()[0]:.2f}", flush=True)  # fmt: skip
        subprocess.run([CHAINKG, "load", "--reset"], check=True, capture_output=True, env={**os.environ})
    marks: dict[str, float] = {"start": time.perf_counter()}

    def switching(done: int, total: int) -> None:
        marks.setdefault("switch", time.perf_counter())

    cpu = time.process_time()
    store.write_batches(copies(data, args.rows), progress=switching)
    marks["end"] = time.perf_counter()
    sampler.stop.set()
    sampler.join()
    staging = marks["switch"] - marks["start"]
    switch = marks["end"] - marks["switch"]
    heap = sampler.peak.get("switch", 0)
    peak_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"staged: {args.rows:,} rows in {staging:.1f} s ({args.rows / staging:,.0f} rows/s), staging transaction heap"
        f" ≥ {sampler.peak.get('staging', 0) / 2**20:,.0f} MB\n"
        f"switch: {switch:.1f} s, server heap ≥ {heap / 2**20:,.0f} MB ({heap / args.rows:,.0f} B/row)\n"
        f"client: CPU {time.process_time() - cpu:.1f} s, peak RSS {peak_rss:,.0f} MB; load1 {os.getloadavg()[0]:.2f};"
        f" enterprises now {store.counts().nodes.get('Enterprise', 0):,}",
        flush=True,
    )
    store.close()


def _joined(batches: Iterator[GraphData]) -> GraphData:
    nodes: list[Node] = []
    relationships: list[Relationship] = []
    for data in batches:
        nodes += data.nodes
        relationships += data.relationships
    return GraphData.model_construct(nodes=nodes, relationships=relationships)


if __name__ == "__main__":
    main()
