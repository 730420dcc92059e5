"""Segment and enterprise cards: what a click on the map or a firm's name shows, on the real seed."""

from __future__ import annotations

import pytest

from graph.embedded import EmbeddedStore
from graph.model import GraphData, Node, NodeLabel, Relationship, RelType
from graph.store import NotFound
from graph.vocabulary import Status
from queries.cards import enterprise_card, segment_card


def test_a_missing_segment_card_says_why_quotes_the_plan_and_names_firms_elsewhere(loaded_store: EmbeddedStore) -> None:
    card = segment_card(loaded_store, "模具")
    assert card.status == Status.MISSING and "规划明确指出该环节缺乏" in card.why
    assert any("电镀件、铸造件、模具等环节缺乏" in e.quote for e in card.evidence)
    assert len({e.quote for e in card.evidence}) == len(card.evidence), "每条原文只列一次"
    assert card.local_firms == []
    assert "横河模具" in [t.name for t in card.national_firms]
    assert card.downstream and all(n.basis for n in card.downstream), "每条供应关系写明依据"


def test_a_strong_segment_card_names_its_local_firm_and_neighbours(loaded_store: EmbeddedStore) -> None:
    card = segment_card(loaded_store, "步进电机")
    assert card.status == Status.STRONG
    assert [(f.name, f.basis) for f in card.local_firms] == [("科力尔电机", "规划")]
    assert "电机外壳" in [n.segment for n in card.upstream]
    assert card.parent == "微电机"


def test_an_enterprise_card_says_how_each_tie_was_made_and_what_breaks_if_it_leaves(
    loaded_store: EmbeddedStore,
) -> None:
    card = enterprise_card(loaded_store, "科力尔电机")
    assert card.locality == "本地企业"
    assert [(t.segment, t.basis) for t in card.ties] == [("步进电机", "规划")]
    assert "科力尔的步进电机在行业内处于领先地位" in card.ties[0].detail
    assert [(c.segment, c.before, c.after) for c in card.leaving] == [("步进电机", "优势", "缺失")]
    candidate = enterprise_card(loaded_store, "佳电股份")
    assert candidate.locality == "候选企业" and candidate.leaving == []
    assert all(t.basis == "关键词匹配" and t.detail.startswith("匹配关键词") for t in candidate.ties)


def test_unknown_names_suggest_what_the_user_may_have_meant(loaded_store: EmbeddedStore) -> None:
    with pytest.raises(NotFound, match=r"是否要找：.*九恒数码"):
        enterprise_card(loaded_store, "九恒")
    with pytest.raises(NotFound, match=r"是否要找：.*步进电机"):
        segment_card(loaded_store, "步进")
    with pytest.raises(NotFound, match="请核对名称"):
        segment_card(loaded_store, "不存在的环节名")


def test_an_enterprise_card_names_its_local_suppliers_and_customers(store: EmbeddedStore) -> None:
    """A housing maker set up locally: 科力尔电机 can buy from it, and its card names 科力尔电机 as a customer."""
    maker = "enterprise:test:housing"
    store.write(
        GraphData(
            nodes=[Node(id=maker, label=NodeLabel.ENTERPRISE, properties={"name": "永州机壳厂", "locality": "local"})],
            relationships=[Relationship(type=RelType.OPERATES_IN, start=maker, end="segment:电机外壳")],
        )
    )
    motor = enterprise_card(store, "科力尔电机")
    (supplier,) = [p for p in motor.suppliers if p.segment == "电机外壳"]
    assert (supplier.via, supplier.firms) == ("步进电机", ["永州机壳厂"]) and supplier.basis
    housing = enterprise_card(store, "永州机壳厂")
    (customer,) = [p for p in housing.customers if p.segment == "步进电机"]
    assert (customer.via, customer.firms) == ("电机外壳", ["科力尔电机"])
    assert not [p for p in housing.customers + housing.suppliers if "永州机壳厂" in p.firms], "不把自己列为伙伴"
