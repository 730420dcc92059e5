"""The same questions get the same answers from the embedded store and from a real Neo4j.

The "generated" half adds CHAINKG_PARITY_ENTERPRISES synthetic firms (default 3,000) to the seed; issue #16 runs it
once at 100,000 (`CHAINKG_PARITY_ENTERPRISES=100000 scripts/test tests/test_parity.py`, see docs/benchmarks.md).
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from pathlib import Path
from typing import Literal, TypeVar

import pytest

from graph.embedded import EmbeddedStore
from graph.model import GraphData, NodeLabel, RelType
from graph.neo4j_store import Neo4jStore
from graph.store import GraphStore, StoreError
from loaders.importing import apply_import, plan_import
from loaders.load import load_all
from loaders.synthetic import synthetic_enterprises
from queries.cards import enterprise_card, segment_card
from queries.chain_map import chain_map
from queries.explore import lookup, neighbourhood, shortest_path, trace
from queries.gaps import gaps
from queries.health import health, shared_segments
from queries.review import TIE, judgement_items
from queries.scenarios import impact, impact_candidates, what_if
from queries.structure import chain_export, chain_summaries
from queries.targets import targets

pytestmark = pytest.mark.neo4j
GENERATED = int(os.environ.get("CHAINKG_PARITY_ENTERPRISES", "3000"))
"""How many synthetic enterprises the "generated" fixture adds (3,000 in CI; 100,000 for the scale check)."""


@pytest.fixture(scope="module", params=["seed", "generated"])
def pair(
    request: pytest.FixtureRequest, neo4j_store: Neo4jStore, tmp_path_factory: pytest.TempPathFactory
) -> tuple[GraphStore, GraphStore]:
    embedded = EmbeddedStore(tmp_path_factory.mktemp("parity"))
    neo4j_store.clear()
    seed = load_all(embedded)
    load_all(neo4j_store)
    if request.param == "generated":
        extra = synthetic_enterprises(seed, GENERATED)
        embedded.write(extra)
        neo4j_store.write(extra, atomic=False)
    return embedded, neo4j_store


Answer = TypeVar("Answer")


def _same(
    pair: tuple[GraphStore, GraphStore], call: Callable[[GraphStore], Answer], *, may_be_empty: bool = False
) -> Answer:
    """Both stores give the same answer — and, unless said otherwise, a non-empty one, so that two stores
    agreeing on nothing cannot pass for parity."""
    embedded, neo4j = pair
    left, right = call(embedded), call(neo4j)
    assert left == right
    assert may_be_empty or left, "两个后端都返回空结果：这一比较不能证明一致"
    return left


def test_counts(pair: tuple[GraphStore, GraphStore]) -> None:
    counts = _same(pair, lambda s: s.counts().as_dict())
    assert counts["nodes"]["Segment"] > 100


def test_whole_graph(pair: tuple[GraphStore, GraphStore]) -> None:
    _same(pair, lambda s: s.export().to_json_dict())


@pytest.mark.parametrize("chain", ["电机", "新型显示器件", "轻纺箱包制鞋"])
def test_chain_export(pair: tuple[GraphStore, GraphStore], chain: str) -> None:
    data = _same(pair, lambda s: chain_export(s, chain).to_json_dict())
    assert data["nodes"]


def test_segment_profiles_feed_gap_analysis_identically(pair: tuple[GraphStore, GraphStore]) -> None:
    profiles = _same(pair, lambda s: s.segment_profiles())
    assert any(p.downstream for p in profiles)


@pytest.mark.parametrize(
    ("segment", "direction", "depth"),
    [("segment:电镀/表面处理", "down", None), ("segment:步进电机", "up", None), ("segment:涤纶布", "down", 1)],
)
def test_traces(
    pair: tuple[GraphStore, GraphStore], segment: str, direction: Literal["up", "down"], depth: int | None
) -> None:
    assert _same(pair, lambda s: s.trace(segment, direction, depth))


@pytest.mark.parametrize(
    ("start", "end"),
    [("segment:模具", "segment:步进电机"), ("enterprise:科力尔电机", "park:江华高新区"), ("chain:电机", "chain:电机")],
)
def test_shortest_paths(pair: tuple[GraphStore, GraphStore], start: str, end: str) -> None:
    path = _same(pair, lambda s: s.shortest_path(start, end))
    assert path and path[0] == start and path[-1] == end


@pytest.mark.parametrize(
    ("start", "end", "all_links"),
    [
        ("segment:模具", "segment:小家电", False),
        ("segment:小家电", "segment:模具", False),
        ("segment:模具", "segment:步进电机", True),
        ("enterprise:科力尔电机", "park:江华高新区", True),
    ],
)
def test_explore_paths(pair: tuple[GraphStore, GraphStore], start: str, end: str, all_links: bool) -> None:
    """图谱探索's path: supply links in their direction by default, any link when asked — alike on both stores."""
    assert _same(pair, lambda s: shortest_path(s, start, end, all_links=all_links)).ids


def test_explore_lookup_trace_and_cut(pair: tuple[GraphStore, GraphStore]) -> None:
    found = _same(pair, lambda s: (lambda f: ([n.id for n in f.hits], f.suggestions, f.message))(lookup(s, "电机壳")))
    assert found[0] or found[1]  # hits (a generated firm may hold the text) or suggestions
    _same(pair, lambda s: [n.id for n in lookup(s, "电机").hits])
    _same(pair, lambda s: trace(s, "segment:电镀/表面处理", "down"))
    cut = _same(pair, lambda s: (lambda n: (n.total, n.data.to_json_dict()))(neighbourhood(s, "chain:电机", 2, 60)))
    assert cut[0] > 60


def test_neighbourhood_and_search(pair: tuple[GraphStore, GraphStore]) -> None:
    _same(pair, lambda s: s.neighbourhood("segment:电机外壳", hops=2, limit=40).to_json_dict())
    _same(pair, lambda s: [n.id for n in s.search("电机", limit=15)])
    _same(pair, lambda s: [n.id for n in s.search("电", [NodeLabel.SEGMENT], limit=50)])
    _same(pair, lambda s: s.relationships(RelType.BELONGS_TO, end="chain:电机"))
    _same(pair, lambda s: s.nodes(NodeLabel.ENTERPRISE, locality="local"))


def test_enterprises_of_several_segments(pair: tuple[GraphStore, GraphStore]) -> None:
    """The batch read of several segments' firms (a chain's pages) answers as `enterprises_in` does for each."""
    segments = ["segment:电机外壳", "segment:模具", "segment:步进电机", "segment:不存在的环节"]
    local = _same(pair, lambda s: s.enterprises_in_each(segments, "local"))
    one_by_one = {sid: pair[1].enterprises_in(sid, "local") for sid in segments}
    assert local == {sid: ties for sid, ties in one_by_one.items() if ties}
    _same(pair, lambda s: s.enterprises_in_each(segments))


def test_ties_by_property_judgement_and_chain_summaries(pair: tuple[GraphStore, GraphStore]) -> None:
    """The property filter on relationships (what the judgement list reads instead of every tie) and the
    chain summaries (three reads in all) answer as before, on both stores."""
    inferred = _same(pair, lambda s: s.relationships(RelType.OPERATES_IN, basis="名称推断"))
    assert all(rel.properties["basis"] == "名称推断" for rel in inferred)
    _same(pair, lambda s: s.relationships(RelType.SUPPLIES, start="segment:电机外壳", basis="规划", source="规划"))
    items = _same(pair, lambda s: judgement_items(s))
    assert {item.kind for item in items} >= {TIE}
    _same(pair, chain_summaries)


def test_unknown_chain_is_refused_the_same_way(pair: tuple[GraphStore, GraphStore]) -> None:
    for store in pair:
        with pytest.raises(StoreError, match="找不到产业链"):
            chain_export(store, "不存在的链")


def test_loading_twice_changes_nothing_in_neo4j(neo4j_store: Neo4jStore) -> None:
    neo4j_store.clear()
    load_all(neo4j_store)
    first = neo4j_store.export().to_json_dict()
    load_all(neo4j_store)
    assert neo4j_store.export().to_json_dict() == first


def test_a_dangling_relationship_changes_nothing_in_neo4j(neo4j_store: Neo4jStore, tmp_path: Path) -> None:
    before = neo4j_store.counts()
    bad = GraphData.from_json_dict(
        {
            "nodes": [{"id": "segment:临时", "labels": ["Segment"], "properties": {"name": "临时"}}],
            "relationships": [{"type": "SUPPLIES", "start": "segment:临时", "end": "segment:不存在", "properties": {}}],
        }
    )
    with pytest.raises(StoreError, match="不存在"):
        neo4j_store.write(bad)
    assert neo4j_store.counts() == before


def test_analyses_agree(pair: tuple[GraphStore, GraphStore]) -> None:
    gap_rows = _same(pair, lambda s: gaps(s))
    assert gap_rows
    # at 100,000 firms every 电机 segment has local firms: both stores then agree that the chain has no gap
    _same(pair, lambda s: gaps(s, "电机"), may_be_empty=GENERATED > 3000)
    _same(pair, lambda s: targets(s, "模具", limit=50))
    _same(pair, lambda s: targets(s, "小家电", provinces=["浙江省"]))
    _same(pair, lambda s: health(s))
    _same(pair, lambda s: shared_segments(s))
    _same(pair, lambda s: what_if(s, ["电镀/表面处理", "模具"]))
    _same(pair, lambda s: impact(s, "科力尔电机"))
    _same(pair, lambda s: impact(s, "科力尔电机", "电机"))
    _same(pair, lambda s: impact_candidates(s, "电机"))
    _same(pair, lambda s: segment_card(s, "模具"))
    _same(pair, lambda s: segment_card(s, "步进电机"))
    _same(pair, lambda s: enterprise_card(s, "科力尔电机"))
    _same(pair, lambda s: chain_map(s, "新型显示器件"))


def test_similar_name_keys(pair: tuple[GraphStore, GraphStore]) -> None:
    """The 名称相近 lookup finds the same stored name keys on both backends (each key edited by one character, and
    a key with letters that Neo4j cannot look up by character)."""
    keys = [str(n.properties["name_key"]) for n in pair[0].nodes(NodeLabel.ENTERPRISE) if n.properties.get("name_key")]
    edited = [key[:-1] + "新" + key[-1] for key in keys[:300]] + [key[1:] for key in keys[:300]] + ["ABC电机", "TCL"]
    found = _same(pair, lambda s: s.similar_name_keys(edited))
    assert sum(bool(v) for v in found.values()) > 10


def test_imported_exports_give_the_same_target_lists(pair: tuple[GraphStore, GraphStore]) -> None:
    """A commercial export with dead, foreign-capital and multi-phone firms ranks the same on both backends.
    Runs last in this module: it adds the file's firms to both stores."""
    name = "企查查导出_模具.xlsx"
    raw = (Path(__file__).parent / "fixtures" / "import" / name).read_bytes()
    for store in pair:
        apply_import(store, plan_import(store, name, raw, locality="candidate", today=dt.date(2026, 11, 20)))
    today = dt.date(2026, 11, 30)
    found = _same(pair, lambda s: targets(s, "模具", limit=50, today=today))
    assert found.excluded == {"注销": 1, "吊销": 1}
    assert any(t.phones for t in found.targets)
    assert any(r.startswith("规模分按参保") for t in found.targets for r in t.reasons)
    _same(pair, lambda s: targets(s, "模具", cities=["东莞市"], sizes=["小型"], today=today))
    _same(pair, lambda s: targets(s, "小家电", limit=100, today=today))
