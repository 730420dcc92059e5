"""图谱探索 as a researcher uses it: names resolve (or say what was meant), paths follow the supply chain,
a capped neighbourhood says what it left out, a click on a node leads to its card (the page: test_app.py)."""

from __future__ import annotations

import json
import re
from typing import Any

from graph.embedded import EmbeddedStore
from graph.model import GraphData, Node, NodeLabel, Relationship, RelType
from graph.vocabulary import ReviewState
from loaders.load import load_all
from loaders.review import record_review
from queries.explore import lookup, neighbourhood, positions, shortest_path, trace
from queries.review import link_key
from ui.graph_view import MAX_NODES, VIS_DIR, VIS_URL, data_network, to_html

SUPPLY = "供应（上游→下游）"


def _drawn_nodes(page: str) -> list[dict[str, Any]]:
    """The nodes the network page draws: the JSON its script holds as `data`."""
    found = re.search(r"const data = (\{.*?\});\n", page)
    assert found is not None, "页面里没有图数据"
    nodes: list[dict[str, Any]] = json.loads(found.group(1))["nodes"]
    return nodes


def test_a_misspelt_name_suggests_what_was_meant(loaded_store: EmbeddedStore) -> None:
    found = lookup(loaded_store, "电机壳")
    assert found.hits == [] and "电机外壳" in found.suggestions
    assert found.message.startswith("未找到名称含“电机壳”的节点，您是不是要找：")
    nothing = lookup(loaded_store, "完全不相干的名字")
    assert nothing.suggestions == [] and "请核对名称" in nothing.message


def test_a_search_with_several_hits_returns_them_all_exact_first(loaded_store: EmbeddedStore) -> None:
    found = lookup(loaded_store, "电机")
    assert len(found.hits) > 1 and found.message == ""
    assert found.hits[0].name == "电机"
    assert {NodeLabel.CHAIN, NodeLabel.SEGMENT} <= {n.label for n in found.hits}


def test_shortest_path_follows_supply_links_in_their_direction(loaded_store: EmbeddedStore) -> None:
    path = shortest_path(loaded_store, "segment:模具", "segment:步进电机")
    assert path.names == ["模具", "电机外壳", "步进电机"]
    assert all(step.link == SUPPLY and step.forward for step in path.steps)
    anything = shortest_path(loaded_store, "segment:模具", "segment:步进电机", all_links=True)
    assert {step.link for step in anything.steps} != {SUPPLY}, "勾选后可以经由所属关系（模具→电机→步进电机）"


def test_a_path_asked_against_the_supply_direction_is_given_from_upstream(loaded_store: EmbeddedStore) -> None:
    path = shortest_path(loaded_store, "segment:小家电", "segment:模具")
    assert path.names[0] == "模具" and path.names[-1] == "小家电"
    assert "“模具”在“小家电”的上游" in path.message


def test_non_segments_need_the_option_for_a_path(loaded_store: EmbeddedStore) -> None:
    refused = shortest_path(loaded_store, "enterprise:科力尔电机", "segment:模具")
    assert refused.ids == [] and "包含归属与引用关系" in refused.message
    allowed = shortest_path(loaded_store, "enterprise:科力尔电机", "park:江华高新区", all_links=True)
    assert allowed.names[0] == "科力尔电机" and allowed.names[-1] == "江华高新区"


def test_rejected_judgement_is_never_a_path_or_a_trace(embedded_store: EmbeddedStore) -> None:
    load_all(embedded_store)
    housing, motor = "segment:电机外壳", "segment:中小型电动机"
    assert shortest_path(embedded_store, housing, motor).ids == [housing, motor]
    record_review(embedded_store, link_key(housing, motor), ReviewState.REJECTED, "张三", "外壳不单独供应通用电动机")
    assert shortest_path(embedded_store, housing, motor).ids != [housing, motor]
    assert trace(embedded_store, housing, "down").get(motor) != 1


def test_a_capped_neighbourhood_says_how_many_it_left_out(loaded_store: EmbeddedStore) -> None:
    cut = neighbourhood(loaded_store, "segment:电机外壳", 2, 40)
    whole = loaded_store.neighbourhood("segment:电机外壳", hops=2, limit=100_000)
    assert len(cut.data.nodes) == 40 and cut.cut
    assert cut.total == len(whole.nodes)
    small = neighbourhood(loaded_store, "segment:电机外壳", 1, 500)
    assert not small.cut and small.total == len(small.data.nodes)


def test_clicking_a_segment_or_firm_leads_to_its_card(loaded_store: EmbeddedStore) -> None:
    data = loaded_store.subgraph(["segment:电机外壳", "enterprise:科力尔电机", "chain:电机", "park:江华高新区"])
    page = to_html(data_network(data), "测试")
    nodes = _drawn_nodes(page)
    links = {n["id"]: n.get("card") for n in nodes}
    assert links["segment:电机外壳"] == "/card?segment=%E7%94%B5%E6%9C%BA%E5%A4%96%E5%A3%B3"
    assert str(links["enterprise:科力尔电机"]).startswith("/card?enterprise=")
    assert str(links["chain:电机"]).startswith("/chain-map?chain=")
    assert links["park:江华高新区"] is None
    assert 'network.on("click"' in page


def test_a_saved_graph_page_stands_alone_and_the_app_frame_links_the_shipped_script(
    loaded_store: EmbeddedStore,
) -> None:
    """A graph page meant to be saved carries vis-network inline (it opens with no server and no internet); only
    the app's own frame loads it from the app's static files, and those files ship in the repository."""
    network = data_network(loaded_store.subgraph(["segment:电机外壳", "chain:电机"]))
    script = (VIS_DIR / "vis-network.min.js").read_text("utf-8")
    style = (VIS_DIR / "vis-network.css").read_text("utf-8")
    alone = to_html(network, "测试")
    assert script in alone and style in alone
    ours = alone.replace(script, "").replace(style, "")
    assert not re.search(r"<\w+[^>]*\s(src|href)\s*=", ours), "独立保存的页面不得引用任何文件或网址"
    framed = to_html(network, "测试", linked=True)
    assert f'<script src="{VIS_URL}/vis-network.min.js"></script>' in framed
    assert f'href="{VIS_URL}/vis-network.css"' in framed
    assert script not in framed and len(framed) < 50_000, "应用内的图不再内联 vis-network"
    assert "MIT License" in (VIS_DIR / "LICENSE-MIT").read_text(encoding="utf-8")


def test_subgraphs_up_to_the_cap_are_laid_out_on_the_server_and_only_drawn_in_the_browser() -> None:
    """The browser runs no physics: every node comes with its place, distinct from the others, the same on every
    call, up to MAX_NODES nodes (networkx's spring layout would need SciPy there)."""
    nodes = [
        Node(id=f"segment:环节{i}", label=NodeLabel.SEGMENT, properties={"name": f"环节{i}"}) for i in range(MAX_NODES)
    ]
    links = [
        Relationship(type=RelType.SUPPLIES, start=nodes[i].id, end=nodes[(i * 7 + 1) % MAX_NODES].id)
        for i in range(MAX_NODES)
    ]
    data = GraphData(nodes=nodes, relationships=links)
    placed = positions(data)
    assert set(placed) == {n.id for n in nodes} and len(set(placed.values())) == MAX_NODES
    assert placed == positions(data), "同一子图总是同一张图"
    page = to_html(data_network(data), "测试", linked=True)
    shown = _drawn_nodes(page)
    assert all((n["x"], n["y"]) == placed[n["id"]] for n in shown)
    assert '"physics": {"enabled": false}' in page and '"improvedLayout": false' in page
