"""Firm counts over several segments stay exact across writes, on both backends.

Gap analysis counts the distinct local firms downstream of a segment, health the distinct local firms of a chain
(`GraphStore.local_firm_counts`, from bitmasks the store keeps per segment). A firm tied to two of the counted
segments must count once, a tie removed while the firm keeps another counted tie must change nothing, and a write
by another process must show in the next answer of a store object that stayed open. Each answer is also checked
against a from-scratch reading and against the status rules counting the profiles' firm lists themselves.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from store_pair import fresh_store, held_store

from graph.model import GraphData, Node, NodeLabel, Relationship, RelType, node_id
from graph.neo4j_store import Neo4jStore
from graph.store import GraphStore, SegmentProfile
from graph.vocabulary import Locality
from queries.gaps import segment_statuses, statuses_of
from queries.health import health
from queries.scenarios import impact

pytestmark = pytest.mark.neo4j

CHAINKG = str(Path(sys.executable).parent / "chainkg")
DOUBLE = node_id(NodeLabel.ENTERPRISE, "测试双环节企业")


def _pick(profiles: list[SegmentProfile]) -> tuple[SegmentProfile, str, str, str]:
    """(a segment, two segments downstream of it that share a chain, that chain), in id order."""
    by_id = {p.id: p for p in profiles}
    for profile in profiles:
        for i, first in enumerate(profile.downstream):
            for second in profile.downstream[i + 1 :]:
                shared = sorted(set(by_id[first].chains) & set(by_id[second].chains))
                if shared:
                    return profile, first, second, shared[0]
    raise AssertionError("种子数据中应有两个共享产业链的下游环节")


def _readings(store: GraphStore, upstream: str, chain: str, without: list[str] | None = None) -> tuple[int, int]:
    """(distinct local firms downstream of `upstream` once the firms `without` are gone, distinct local firms of
    `chain`), the first checked against the status rules counting the profiles' own firm lists."""
    gone = without or []
    statuses = {s.segment_id: s for s in segment_statuses(store, without=gone)}
    reference = {s.segment_id: s for s in statuses_of(store.segment_profiles(), without=gone)}
    assert repr(statuses) == repr(reference), "存储计算的下游企业数与逐家企业计数不一致"
    (row,) = health(store, chain)
    return statuses[upstream].downstream_enterprises, row.local_enterprises


@pytest.mark.parametrize("backend", ["embedded", "neo4j"])
def test_a_firm_in_two_counted_segments_counts_once(backend: str, stores: tuple[Path, Neo4jStore]) -> None:
    data_dir, neo4j = stores
    held = held_store(backend, data_dir, neo4j)
    writer = fresh_store(backend, data_dir)
    try:
        upstream, first, second, chain = _pick(held.segment_profiles())
        outsider = next(
            firm
            for firm in held.nodes(NodeLabel.ENTERPRISE, locality=Locality.LOCAL.value)
            if not held.relationships(RelType.OPERATES_IN, start=firm.id) and firm.id != DOUBLE
        )
        before = _readings(held, upstream.id, chain)

        ties = [Relationship(type=RelType.OPERATES_IN, start=DOUBLE, end=end) for end in (first, second)]
        firm = Node(
            id=DOUBLE,
            label=NodeLabel.ENTERPRISE,
            properties={"name": "测试双环节企业", "locality": Locality.LOCAL.value},
        )
        writer.write(GraphData(nodes=[firm], relationships=ties))
        assert _readings(held, upstream.id, chain) == (before[0] + 1, before[1] + 1), "两个环节的同一家企业应只计一次"

        both = held.local_firm_counts({"两个环节": [first, second]})["两个环节"]
        one_tie_dropped = held.local_firm_counts({"两个环节": [first, second]}, dropped=[(DOUBLE, first)])
        both_dropped = held.local_firm_counts(
            {"两个环节": [first, second]}, dropped=[(DOUBLE, first), (DOUBLE, second)]
        )
        assert (one_tie_dropped["两个环节"], both_dropped["两个环节"]) == (both, both - 1), (
            "审阅去掉的关联应只去掉这一条"
        )
        assert held.local_firm_counts({"两个环节": [first, second]})["两个环节"] == both, "去掉关联的计数不应留到下一次"
        gone = _readings(held, upstream.id, chain, [DOUBLE])[0]
        assert gone == before[0], "迁出这家企业后下游企业数应回到写入前的数目"
        scenario = impact(held, "测试双环节企业")
        assert scenario.gaps_after >= scenario.gaps_before

        held.delete_relationship(RelType.OPERATES_IN, DOUBLE, first)
        assert _readings(held, upstream.id, chain) == (before[0] + 1, before[1] + 1), "它仍在另一个环节，数目应不变"

        env = {**os.environ, "CHAINKG_BACKEND": backend, "CHAINKG_DATA_DIR": str(data_dir)}
        segment = held.get_node(first)
        assert segment is not None
        done = subprocess.run(
            [CHAINKG, "assign", outsider.id, segment.name], capture_output=True, text=True, env=env, timeout=300
        )
        assert done.returncode == 0, done.stderr
        after = _readings(held, upstream.id, chain)
        assert after == (before[0] + 2, before[1] + 2), "另一个进程的写入应反映在一直开着的存储对象上"
        fresh = fresh_store(backend, data_dir)
        try:
            assert _readings(fresh, upstream.id, chain) == after, "保留的计数与从头读取的不一致"
        finally:
            fresh.close()
    finally:
        writer.close()
