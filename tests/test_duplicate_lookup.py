"""Imports find the enterprises a file repeats by index — credit code and name key — on both backends, with the
same answers, and never by reading every enterprise in the graph."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph import neo4j_cypher as cypher
from graph.embedded import EmbeddedStore
from graph.model import GraphData, Node, NodeLabel, node_id
from graph.neo4j_store import Neo4jStore
from graph.store import NAME_ID_PREFIX, NAME_KEY, GraphStore
from loaders.importing import apply_import, core_name, plan_import, with_name_keys
from loaders.load import load_all

CODE = "91430000MA4L0XXX0E"
"""A well-formed code (check character computed) that belongs to no real firm."""


def _extra() -> GraphData:
    """Synthetic enterprises: two share a name key (the greater id answers: 样例甲 > 样例乙), one has a credit
    code, and one was imported before name keys were stored (found by the id its name key gave it)."""
    rows = [
        ("样例甲", "样例重名有限公司", CODE),
        ("样例乙", "永州市样例重名有限公司", ""),
        ("样例丙", "样例丙有限公司", ""),
    ]
    nodes = [
        Node(
            id=node_id(NodeLabel.ENTERPRISE, key),
            label=NodeLabel.ENTERPRISE,
            properties={
                "name": name,
                "locality": "candidate",
                "synthetic": True,
                **({"credit_code": code} if code else {}),
            },
        )
        for key, name, code in rows
    ]
    legacy = Node(
        id=NAME_ID_PREFIX + "样例己",
        label=NodeLabel.ENTERPRISE,
        properties={"name": "永州市样例己有限公司", "locality": "candidate", "synthetic": True},
    )
    return GraphData(nodes=[*with_name_keys(GraphData(nodes=nodes)).nodes, legacy])


class _NoFullRead(EmbeddedStore):
    """The embedded store, refusing to list every enterprise: what an import of a million rows must not do."""

    def nodes(self, label: NodeLabel, **equals: str | bool | int) -> list[Node]:
        assert label != NodeLabel.ENTERPRISE or equals, "导入查重不应读取全部企业"
        return super().nodes(label, **equals)


@pytest.fixture(scope="module")
def embedded(tmp_path_factory: pytest.TempPathFactory) -> EmbeddedStore:
    store = _NoFullRead(tmp_path_factory.mktemp("keys"))
    load_all(store)
    store.write(_extra())
    return store


def _answers(store: GraphStore) -> tuple[dict[str, str], dict[str, str]]:
    by_code, by_key = store.enterprises_by_keys(
        [CODE, "91430000XXXXXXXXXX"],
        [
            core_name("样例重名有限公司"),
            core_name("科力尔电机股份有限公司"),
            "样例己",
            "没有这家",
            core_name("天津汽车模具股份有限公司"),
        ],
    )
    return {k: n.id for k, n in by_code.items()}, {k: n.id for k, n in by_key.items()}


def test_lookup_by_credit_code_and_name_key(embedded: EmbeddedStore) -> None:
    by_code, by_key = _answers(embedded)
    assert by_code == {CODE: "enterprise:样例甲"}
    assert by_key == {
        "样例重名": "enterprise:样例甲",
        "科力尔电机": "enterprise:科力尔电机",
        "样例己": "enterprise:name:样例己",
        "天津汽车模具": "enterprise:listed:002510",  # 天汽模 in the listed pool, found by its full name's key
    }
    assert embedded.get_node("enterprise:科力尔电机").properties[NAME_KEY] == "科力尔电机"  # type: ignore[union-attr]


def test_an_import_checks_duplicates_without_reading_every_enterprise(embedded: EmbeddedStore) -> None:
    raw = (
        "企业名称,统一社会信用代码\n"
        f"另一个名字有限公司,{CODE}\n永州市科力尔电机股份有限公司,\n样例丙有限公司,\n样例丁有限公司,\n"
    ).encode()
    plan = plan_import(embedded, "查重.csv", raw, accept_similar=True)
    assert [(r.action, r.node.id if r.node else None) for r in plan.rows] == [
        ("更新", "enterprise:样例甲"),
        ("更新", "enterprise:科力尔电机"),
        ("不变", None),
        ("新增", "enterprise:name:样例丁"),
    ]
    pool = plan_import(embedded, "企查查.csv", "企业名称,登记状态\n天津汽车模具股份有限公司,存续\n".encode())
    assert [(r.action, r.node.id if r.node else None) for r in pool.rows] == [("更新", "enterprise:listed:002510")], (
        "企查查导出写的是全称，候选库里的上市公司（简称“天汽模”）不能因此重复一家"
    )
    similar = plan_import(embedded, "近似.csv", "企业名称\n湖南新金皓茶油有限公司\n".encode())
    assert similar.rows[0].action == "待确认", "近似名称仍要提示"
    rows = [
        plan_import(embedded, "燃气.csv", f"企业名称,登记状态\n{name},存续\n".encode()).rows[0]
        for name in ("佛山市燃气集团股份有限公司", "永州市燃气有限公司")
    ]
    assert [(r.action, r.node.id if r.node else None) for r in rows] == [
        ("更新", "enterprise:listed:002911"),
        ("新增", "enterprise:name:燃气"),
    ], "全称里的地名是名称的一部分：永州市燃气有限公司不是深圳市燃气集团（深圳燃气），佛山市燃气集团是佛燃股份"


def test_an_imported_enterprise_is_found_by_its_key_next_time(tmp_path: Path) -> None:
    store = _NoFullRead(tmp_path)
    raw = "企业名称\n永州市样例戊模具有限公司\n".encode()
    apply_import(store, plan_import(store, "第一次.csv", raw))
    again = plan_import(store, "第二次.csv", "企业名称\n样例戊模具有限公司\n".encode())
    assert again.rows[0].action == "更新"
    assert again.rows[0].node is not None and again.rows[0].node.id == "enterprise:name:样例戊模具"


@pytest.mark.neo4j
def test_neo4j_gives_the_same_answers_by_index_seek(embedded: EmbeddedStore, neo4j_store: Neo4jStore) -> None:
    neo4j_store.clear()
    load_all(neo4j_store)
    neo4j_store.write(_extra())
    assert _answers(neo4j_store) == _answers(embedded)
    for query in (cypher.ENTERPRISES_BY_CODE, cypher.ENTERPRISES_BY_NAME_KEY, cypher.ENTERPRISES_BY_FULL_NAME_KEY):
        _, summary, _ = neo4j_store._driver.execute_query("EXPLAIN " + query, keys=["x"])
        assert "NodeIndexSeek" in str(summary.plan), "应按索引查找，不扫描全部企业"
    raw = f"企业名称,统一社会信用代码\n另一个名字有限公司,{CODE}\n永州市科力尔电机股份有限公司,\n".encode()
    left = [(r.action, r.node.id if r.node else None) for r in plan_import(embedded, "查重.csv", raw).rows]
    right = [(r.action, r.node.id if r.node else None) for r in plan_import(neo4j_store, "查重.csv", raw).rows]
    assert left == right


def _older_store_enterprise(store: GraphStore) -> None:
    """An enterprise as a chainkg from before name keys stored it: no `NAME_KEY`, an id not derived from its name."""
    store.write(
        GraphData(
            nodes=[
                Node(
                    id=node_id(NodeLabel.ENTERPRISE, "老库样例"),
                    label=NodeLabel.ENTERPRISE,
                    properties={"name": "老库样例精密模具有限公司", "locality": "candidate", "synthetic": True},
                )
            ]
        )
    )


def _older_store_plans(store: GraphStore) -> list[tuple[str, str | None]]:
    exact = plan_import(store, "旧库.csv", "企业名称\n永州市老库样例精密模具股份有限公司\n".encode())
    similar = plan_import(store, "旧库近似.csv", "企业名称\n老库样例精密摸具有限公司\n".encode())
    return [(r.action, r.node.id if r.action == "更新" and r.node else None) for r in (*exact.rows, *similar.rows)]


def test_enterprises_stored_before_name_keys_are_still_found(tmp_path: Path) -> None:
    store = _NoFullRead(tmp_path)
    _older_store_enterprise(store)
    assert [n.id for n in store.nodes_without(NodeLabel.ENTERPRISE, NAME_KEY)] == ["enterprise:老库样例"]
    assert _older_store_plans(store) == [("更新", "enterprise:老库样例"), ("待确认", None)]
    apply_import(store, plan_import(store, "旧库.csv", "企业名称\n永州市老库样例精密模具股份有限公司\n".encode()))
    assert store.nodes_without(NodeLabel.ENTERPRISE, NAME_KEY) == [], "更新过一次后应带上名称键"


@pytest.mark.neo4j
def test_neo4j_finds_enterprises_stored_before_name_keys(neo4j_store: Neo4jStore) -> None:
    neo4j_store.clear()
    _older_store_enterprise(neo4j_store)
    assert [n.id for n in neo4j_store.nodes_without(NodeLabel.ENTERPRISE, NAME_KEY)] == ["enterprise:老库样例"]
    assert _older_store_plans(neo4j_store) == [("更新", "enterprise:老库样例"), ("待确认", None)]
