"""供需对接, 风险清单 and 延链 give the same answers on the embedded store and on a real Neo4j."""

from __future__ import annotations

import pytest
from test_parity import _same, pair  # noqa: F401  (the fixture: one store of each kind, same data)

from graph.store import GraphStore
from graph.vocabulary import ReviewState
from loaders.review import record_review
from queries.opportunities import opportunities
from queries.review import link_key
from queries.risk import risk
from queries.supply import chain_supply, enterprise_supply, supply_overview

pytestmark = pytest.mark.neo4j


@pytest.mark.parametrize("chain", ["电机", "新型显示器件", None])
def test_risk_and_opportunities_agree(pair: tuple[GraphStore, GraphStore], chain: str | None) -> None:  # noqa: F811
    seed_display = chain == "新型显示器件"  # the seed records no local firm there: nothing at risk without imports
    risks = _same(pair, lambda s: risk(s, chain), may_be_empty=seed_display)
    assert _same(pair, lambda s: opportunities(s, chain))
    assert risks or seed_display


def test_segment_aggregates_agree(pair: tuple[GraphStore, GraphStore]) -> None:  # noqa: F811
    aggregates = _same(pair, lambda s: s.segment_aggregates())
    assert any(a.local > 1 for a in aggregates.values())
    assert any(a.substitutes for a in aggregates.values())


def test_supply_agrees(pair: tuple[GraphStore, GraphStore]) -> None:  # noqa: F811
    match = _same(pair, lambda s: chain_supply(s, "电机"))
    assert match.rows and match.external
    _same(pair, lambda s: enterprise_supply(s, "科力尔电机"))
    _same(pair, supply_overview)


def test_reviews_count_the_same_on_both(pair: tuple[GraphStore, GraphStore]) -> None:  # noqa: F811
    key = link_key("segment:电机外壳", "segment:微电机")
    for store in pair:
        record_review(store, link_key("segment:粘结钕铁硼磁体", "segment:步进电机"), ReviewState.REJECTED, "测试")
        record_review(store, key, ReviewState.CONFIRMED, "测试")
    _same(pair, lambda s: chain_supply(s, "电机", confirmed_only=True))
    _same(pair, lambda s: risk(s, "电机", confirmed_only=True))
    _same(pair, lambda s: opportunities(s, "电机"))
