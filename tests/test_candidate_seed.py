"""Checks on the shipped candidate seed (seed/candidates/listed_companies.csv).

Reads only files in the repository; the source pool is not needed here.
"""

import csv
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CANDIDATES = ROOT / "seed" / "candidates" / "listed_companies.csv"
REGIONS = ROOT / "seed" / "reference" / "china_regions.csv"

# 4,586 distinct stock codes in company.jsonl + 22 rows re-keyed to their real
# code (see seed/candidates/README.md), measured when the seed was converted.
EXPECTED_ROWS = 4608


Row = dict[str, str]
"""One CSV row, column → text."""


def _read(path: Path) -> list[Row]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


@pytest.fixture(scope="module")
def rows() -> list[Row]:
    return _read(CANDIDATES)


@pytest.fixture(scope="module")
def by_code(rows: list[Row]) -> dict[str, Row]:
    return {r["stock_code"]: r for r in rows}


@pytest.fixture(scope="module")
def provinces() -> set[str]:
    return {r["province"] for r in _read(REGIONS)}


def test_row_count(rows: list[Row]) -> None:
    assert len(rows) == EXPECTED_ROWS


def test_ids_unique_and_stable(rows: list[Row]) -> None:
    ids = [r["id"] for r in rows]
    assert len(set(ids)) == len(ids)
    for r in rows:
        assert r["id"] == "listed:" + r["stock_code"][:6]


def test_sorted_by_stock_code(rows: list[Row]) -> None:
    codes = [r["stock_code"] for r in rows]
    assert codes == sorted(codes)


def test_stock_codes_well_formed(rows: list[Row]) -> None:
    exchanges = {"SH": "上海证券交易所", "SZ": "深圳证券交易所", "BJ": "北京证券交易所"}
    for r in rows:
        m = re.fullmatch(r"(\d{6})\.(SH|SZ|BJ)", r["stock_code"])
        assert m, r["stock_code"]
        digits, suffix = m.groups()
        expected = "SH" if digits[0] in "69" else "SZ" if digits[0] in "023" else "BJ"
        assert suffix == expected, r["stock_code"]
        assert r["exchange"] == exchanges[suffix]


def test_every_row_has_name_and_source(rows: list[Row]) -> None:
    for r in rows:
        assert r["name"], r["id"]
        assert "liuhuanyong/ChainKnowledgeGraph" in r["source"], r["id"]


def test_names_are_normalised(rows: list[Row]) -> None:
    for r in rows:
        assert not re.search(r"\s", r["name"]), r["name"]
        assert not re.search("[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]", r["name"]), r["name"]


def test_listed_dates_iso_or_empty(rows: list[Row]) -> None:
    for r in rows:
        assert r["listed_date"] == "" or re.fullmatch(r"\d{4}-\d{2}-\d{2}", r["listed_date"])


def test_regions_gazetteer(provinces: set[str]) -> None:
    assert len(provinces) == 34


def test_province_values_in_gazetteer(rows: list[Row], provinces: set[str]) -> None:
    for r in rows:
        assert r["province"] == "" or r["province"] in provinces, r["province"]
        assert r["location_source"] in ("stock_basics_2016.area", "全称推断", "")
        assert bool(r["province"]) == bool(r["location_source"]), r["id"]


def test_industry_path_complete_when_present(rows: list[Row]) -> None:
    for r in rows:
        if r["sw_l3"]:
            assert r["sw_l1"] and r["sw_l2"] and re.fullmatch(r"\d{6}", r["sw_l3_code"]), r["id"]


def test_known_shenzhen_company(by_code: dict[str, Row]) -> None:
    r = by_code["300124.SZ"]
    assert r["name"] == "汇川技术"
    assert r["full_name"] == "深圳市汇川技术股份有限公司"
    assert (r["province"], r["city"], r["location_source"]) == ("广东省", "深圳市", "stock_basics_2016.area")
    assert (r["sw_l1"], r["sw_l2"], r["sw_l3"]) == ("机械设备", "自动化设备", "工控设备")


def test_known_hunan_company_from_full_name(by_code: dict[str, Row]) -> None:
    r = by_code["301079.SZ"]
    assert r["full_name"] == "邵阳维克液压股份有限公司"
    assert (r["province"], r["city"], r["location_source"]) == ("湖南省", "邵阳市", "全称推断")
    assert r["listed_date"] == "2021-10-19"


def test_known_rekeyed_company(by_code: dict[str, Row]) -> None:
    r = by_code["600031.SH"]
    assert (r["name"], r["full_name"]) == ("三一重工", "三一重工股份有限公司")
    assert (r["province"], r["location_source"]) == ("湖南省", "stock_basics_2016.area")
    assert (r["sw_l1"], r["sw_l2"], r["sw_l3"], r["sw_l3_code"]) == ("机械设备", "工程机械", "工程机械整机", "640601")
    assert r["listed_date"] == "2003-07-03"
