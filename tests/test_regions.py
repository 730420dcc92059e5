"""区域分布: each county's parks, chains, firms, projects, gaps and landed targets — by rule, on the seed, on both
backends."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from app_runs import APP_TIMEOUT_SECONDS
from store_pair import fresh_store
from streamlit.testing.v1 import AppTest
from streamlit.testing.v1.element_tree import Element
from test_parity import _same, pair  # noqa: F401  (the fixture: one store of each kind, same data)

from graph.embedded import EmbeddedStore
from graph.model import GraphData, Node, NodeLabel, PropertyValue, Relationship, RelType, node_id
from graph.neo4j_store import Neo4jStore
from graph.store import GraphStore, NotFound
from graph.vocabulary import LeadStatus
from loaders.leads import set_lead
from loaders.load import load_all
from present.county_map import MEASURES, SCHEMATIC, TILE_GRID, region_rows, tile_svg
from queries.chain_map import chain_map
from queries.regions import CountyFigures, RegionMap, region_map
from queries.structure import places_in

DAY = date(2026, 11, 30)
ROOT = Path(__file__).resolve().parent.parent
HOSTILE = "<script>alert(1)</script>园"


def _node(label: NodeLabel, name: str, **props: PropertyValue) -> Node:
    return Node(id=node_id(label, name), label=label, properties={"name": name, **props})


def _rel(
    kind: RelType, start: tuple[NodeLabel, str], end: tuple[NodeLabel, str], **props: PropertyValue
) -> Relationship:
    return Relationship(type=kind, start=node_id(*start), end=node_id(*end), properties=props)


C, P, S, E, J, K = (
    NodeLabel.COUNTY,
    NodeLabel.PARK,
    NodeLabel.SEGMENT,
    NodeLabel.ENTERPRISE,
    NodeLabel.PROJECT,
    NodeLabel.CHAIN,
)


@pytest.fixture
def tiny(tmp_path: Path) -> EmbeddedStore:
    """Two counties: 甲县 has park 甲园 (designated 甲链 and 乙链) and the local firm 甲厂 in 甲链's 部件;
    乙县 has park 乙园 (no designation) and a project on 甲链's missing 模具; 外地厂 is a candidate for 模具,
    registered in 乙县; 无址厂 is local in 部件 with no place; 远园 hosts 甲链 with no county."""
    store = EmbeddedStore(tmp_path / "tiny")
    nodes = [
        _node(C, "甲县", short="甲"),
        _node(C, "乙县", short="乙"),
        _node(P, "甲园"),
        _node(P, HOSTILE),
        _node(P, "远园"),
        _node(K, "甲链"),
        _node(K, "乙链"),
        _node(S, "部件", stage="上游"),
        _node(S, "模具", stage="配套", plan_status="missing"),
        _node(S, "乙段", stage="中游"),
        _node(E, "甲厂", locality="local"),
        _node(E, "无址厂", locality="local"),
        _node(E, "乙厂", locality="local"),
        _node(E, "外地厂", locality="candidate", province="广东省", city="深圳市"),
        _node(J, "模具项目"),
    ]
    rels = [
        _rel(RelType.IN_COUNTY, (P, "甲园"), (C, "甲县")),
        _rel(RelType.IN_COUNTY, (P, HOSTILE), (C, "乙县")),
        _rel(RelType.HOSTS, (P, "甲园"), (K, "甲链")),
        _rel(RelType.HOSTS, (P, "甲园"), (K, "乙链")),
        _rel(RelType.HOSTS, (P, "远园"), (K, "甲链")),
        _rel(RelType.BELONGS_TO, (S, "部件"), (K, "甲链")),
        _rel(RelType.BELONGS_TO, (S, "模具"), (K, "甲链")),
        _rel(RelType.BELONGS_TO, (S, "乙段"), (K, "乙链")),
        _rel(RelType.SUPPLIES, (S, "模具"), (S, "部件"), basis="规划"),
        _rel(RelType.OPERATES_IN, (E, "甲厂"), (S, "部件"), confidence=1.0),
        _rel(RelType.OPERATES_IN, (E, "无址厂"), (S, "部件"), confidence=1.0),
        _rel(RelType.OPERATES_IN, (E, "乙厂"), (S, "乙段"), confidence=1.0),
        _rel(RelType.OPERATES_IN, (E, "外地厂"), (S, "模具"), confidence=0.9, grade="confirmed"),
        _rel(RelType.LOCATED_IN, (E, "甲厂"), (P, "甲园"), source="规划"),
        _rel(RelType.LOCATED_IN, (E, "乙厂"), (C, "甲县"), source="导入"),
        _rel(RelType.LOCATED_IN, (E, "外地厂"), (C, "乙县"), source="导入"),
        _rel(RelType.PROJECT_IN, (J, "模具项目"), (P, HOSTILE)),
        _rel(RelType.TARGETS, (J, "模具项目"), (S, "模具")),
    ]
    store.write(GraphData(nodes=nodes, relationships=rels))
    return store


def _county(regions: RegionMap, name: str) -> CountyFigures:
    return next(c for c in regions.counties if c.county == name)


def test_counties_carry_designation_presence_firms_projects_and_gaps(tiny: EmbeddedStore) -> None:
    regions = region_map(tiny, "甲链", today=DAY)
    assert [c.county for c in regions.counties] == ["乙县", "甲县"]
    jia, yi = _county(regions, "甲县"), _county(regions, "乙县")
    assert jia.parks == ["甲园"] and yi.parks == [HOSTILE]
    assert jia.designated_chains == ["甲链"], "乙链 is outside the chosen chain"
    assert jia.present_chains == ["甲链"] and jia.enterprises == ["甲厂"], "乙厂 works in 乙链 only"
    assert yi.designated_chains == [] and yi.present_chains == ["甲链"] and yi.projects == ["模具项目"]
    assert jia.gaps == ["模具"], "the gaps of the chains designated here"
    assert yi.gaps == [], "乙县's parks are not designated for 甲链"
    assert regions.parks_without_county == ["远园"]
    assert regions.firms_without_place == 1, "无址厂"
    everything = _county(region_map(tiny, today=DAY), "甲县")
    assert everything.designated_chains == ["乙链", "甲链"] and everything.enterprises == ["乙厂", "甲厂"]


def test_a_landed_target_shows_in_its_county_and_undoing_it_removes_it(tiny: EmbeddedStore) -> None:
    set_lead(tiny, "外地厂", "模具", status=LeadStatus.CONTACTED, owner="张三", by="张三")
    assert _county(region_map(tiny, "甲链", today=DAY), "乙县").landed == []
    set_lead(tiny, "外地厂", "模具", status=LeadStatus.LANDED, by="张三")
    landed = _county(region_map(tiny, "甲链", today=DAY), "乙县")
    assert landed.landed == ["外地厂（模具）"]
    assert "外地厂" in landed.enterprises, "a landed firm is a local enterprise of its county"
    assert any(p.source == "招商线索" for p in landed.provenance)
    set_lead(tiny, "外地厂", "模具", status=LeadStatus.NEGOTIATING, by="张三")
    assert _county(region_map(tiny, "甲链", today=DAY), "乙县").landed == []


def test_unknown_chain_is_refused(tiny: EmbeddedStore) -> None:
    with pytest.raises(NotFound, match="找不到产业链"):
        region_map(tiny, "没有这条链")


def test_tile_map_is_schematic_escaped_and_coloured_by_the_measure(tiny: EmbeddedStore) -> None:
    regions = region_map(tiny, "甲链", today=DAY)
    svg = tile_svg(regions, "缺口环节", link=lambda county: f"?county={county}", selected="甲县")
    assert SCHEMATIC in svg and "<script>" not in svg and "&lt;script&gt;" in svg
    assert svg.count("<rect") == 2 and 'href="?county=甲县"' in svg
    assert "1 个" in svg and "0 个" in svg
    assert not re.search(r"https?://", svg), "inline SVG needs no namespace URL inside HTML"
    fills = {m: tile_svg(regions, m) for m in MEASURES}
    assert len(set(fills.values())) == len(MEASURES)
    row = region_rows(regions)[1]
    assert (
        row["县市区"] == "甲县"
        and row["缺口环节数"] == 1
        and row["来源"]
        and row["时点"].startswith("分析日期 2026-11-30")
    )


def test_on_screen_cells_name_the_first_few_and_the_excel_sheet_names_all(loaded_store: EmbeddedStore) -> None:
    """A county's firms can run to tens of thousands: the page's table names the first few of each list and says
    how many there are, the Excel download keeps every name (the seed's longest lists are gap segments)."""
    regions = region_map(loaded_store, today=DAY)
    busiest = max(regions.counties, key=lambda c: len(c.gaps))
    column = "缺口环节（规划布局的产业链）"
    full = next(r for r in region_rows(regions) if r["县市区"] == busiest.county)
    shown = next(r for r in region_rows(regions, names_shown=2) if r["县市区"] == busiest.county)
    assert len(busiest.gaps) > 2 and full[column].split("；") == busiest.gaps
    first, second = busiest.gaps[:2]
    assert shown[column] == f"{first}；{second} 等（共 {len(busiest.gaps)} 个，完整名单见 Excel）"
    assert shown["缺口环节数"] == full["缺口环节数"] == len(busiest.gaps)
    assert shown["本地企业"] == full["本地企业"], "a list no longer than the limit is shown whole"


def test_seed_counties_and_parks(loaded_store: EmbeddedStore) -> None:
    regions = region_map(loaded_store, "电机", today=DAY)
    names = {c.county for c in regions.counties}
    assert names == set(TILE_GRID), "the seed's eleven districts and counties, 祁阳市 as a city"
    jianghua = next(c for c in regions.counties if c.county == "江华瑶族自治县")
    assert jianghua.parks == ["江华高新区"] and jianghua.designated_chains == ["电机"]
    assert "模具" in jianghua.gaps
    lingling = next(c for c in regions.counties if c.county == "零陵区")
    assert lingling.present_chains == ["电机"] and "电子信息表面处理中心项目" in lingling.projects
    qiyang = next(c for c in region_map(loaded_store, today=DAY).counties if c.county == "祁阳市")
    assert "湖南金荣企业集团" in qiyang.enterprises and qiyang.parks == ["祁阳高新区"]
    assert region_map(loaded_store, today=DAY).parks_without_county == ["永州经开区"]


@pytest.mark.neo4j
@pytest.mark.parametrize("chain", ["电机", "轻纺箱包制鞋", None])
def test_regions_agree_on_both_backends(pair: tuple[GraphStore, GraphStore], chain: str | None) -> None:  # noqa: F811
    regions = _same(pair, lambda s: region_map(s, chain, today=DAY))
    assert any(c.designated_chains for c in regions.counties)


def test_page_shows_the_schematic_map_and_a_clicked_county(
    loaded_store: EmbeddedStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CHAINKG_DATA_DIR", str(loaded_store.data_dir))
    monkeypatch.setenv("CHAINKG_BACKEND", "embedded")
    monkeypatch.chdir(ROOT)
    app = AppTest.from_file(str(ROOT / "ui" / "county_map.py"), default_timeout=APP_TIMEOUT_SECONDS)
    app.query_params["chain"] = "电机"
    app.query_params["county"] = "江华瑶族自治县"  # what a click on the 江华 tile opens
    app.run()
    assert not app.exception, app.exception
    assert app.title[0].value == "区域分布" and SCHEMATIC in app.caption[0].value
    tiles = next(m.value for m in app.markdown if "<svg" in m.value)
    assert tiles.count("<rect") == 11 and 'href="?county=%E6%B1%9F' in tiles
    shown = " ".join(m.value for m in app.markdown)
    assert "江华高新区" in shown and "模具" in shown
    assert [b.label for b in app.get("download_button") if isinstance(b, Element)][
        -1
    ] == "下载电机产业链图谱＋清单（zip）"


@dataclass
class _Reads:
    """What one fresh Neo4j store object sent for the chain map's place filter and the 区域分布 page."""

    statements: list[str]
    records: int
    regions: RegionMap


def _place_reads(chain: str | None) -> _Reads:
    fresh = fresh_store("neo4j", Path())
    assert isinstance(fresh, Neo4jStore)
    statements: list[str] = []
    records = 0
    read = fresh._read

    def recording(query: str, **params: Any) -> list[Any]:
        nonlocal records
        found = read(query, **params)
        statements.append(query)
        records += len(found)
        return found

    fresh._read = recording  # type: ignore[method-assign]  # a throwaway store object, its reads recorded
    try:
        segments = [s.segment_id for s in chain_map(fresh, chain or "电机").segments]
        statements.clear()
        records = 0
        places_in(fresh, segments)
        regions = region_map(fresh, chain, today=DAY)
    finally:
        fresh.close()
    return _Reads(statements, records, regions)


@pytest.mark.neo4j
@pytest.mark.parametrize("chain", ["电机", None])
def test_place_reads_do_not_grow_with_the_firms(neo4j_store: Neo4jStore, chain: str | None) -> None:
    """200 more local firms in a park (the seed's one park with a located firm) change what the pages show, not
    what they read: the same statements and the same number of records, as at 100,000 firms (where a record per
    located firm took the chain map 78 s and 区域分布 100 s to open). The firms operate in no segment, so no gap,
    sample or count moves."""
    neo4j_store.clear()
    load_all(neo4j_store)
    before = _place_reads(chain)
    firms = [_node(E, f"测试园区企业{i:03d}", locality="local", note="测试数据，不是事实") for i in range(200)]
    located = [_rel(RelType.LOCATED_IN, (E, firm.name), (P, "祁阳高新区")) for firm in firms]
    neo4j_store.write(GraphData(nodes=firms, relationships=located))
    after = _place_reads(chain)
    assert after.statements == before.statements
    assert after.records == before.records, "读取的记录数随企业数增加：每家企业一条记录，10 万家时要等上分钟"
    qiyang_before, qiyang_after = _county(before.regions, "祁阳市"), _county(after.regions, "祁阳市")
    if chain is None:
        assert set(qiyang_after.enterprises) - set(qiyang_before.enterprises) == {firm.name for firm in firms}
    else:
        assert qiyang_after.enterprises == qiyang_before.enterprises, "不在该链任何环节的企业不算该链的"
    assert after.regions.firms_without_place == before.regions.firms_without_place
