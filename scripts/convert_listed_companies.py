#!/usr/bin/env python3
"""Convert the national pool of A-share listed companies into a seed CSV.

One-off, re-runnable, standard library only.  The source folder is a required
argument and is read only here, never by the product at run time::

    python scripts/convert_listed_companies.py SOURCE_DIR

SOURCE_DIR must hold company.jsonl, company_industry.jsonl, industry.jsonl,
industry_industry.jsonl and stock_basics_2016.csv.  The output is
seed/candidates/listed_companies.csv (UTF-8, header row, sorted by stock code);
the rules are documented in seed/candidates/README.md.
"""

from __future__ import annotations

import argparse
import collections
import csv
import datetime as dt
import json
import re
import sys
import unicodedata
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_OUT = REPO_ROOT / "seed" / "candidates" / "listed_companies.csv"
DEFAULT_REGIONS = REPO_ROOT / "seed" / "reference" / "china_regions.csv"

SRC_COMPANY = "liuhuanyong/ChainKnowledgeGraph company.jsonl"
SRC_INDUSTRY = "liuhuanyong/ChainKnowledgeGraph company_industry.jsonl"
SRC_2016 = "wengowl/stock stock_basics_2016.csv"
SRC_REKEYED = SRC_COMPANY + " (stock code re-keyed via stock_basics_2016.csv)"

LOC_2016 = "stock_basics_2016.area"
LOC_NAME = "全称推断"

EXCHANGES = {"SH": "上海证券交易所", "SZ": "深圳证券交易所", "BJ": "北京证券交易所"}

# A listing date before the board opened cannot belong to the code: such a row
# carries another company's full name and date under this code.
BOARD_OPENED = {
    "688": "2019-07-22",  # STAR Market (科创板)
    "689": "2019-07-22",
    "300": "2009-10-30",  # ChiNext (创业板)
    "301": "2009-10-30",
}

COLUMNS = [
    "id",
    "name",
    "full_name",
    "stock_code",
    "exchange",
    "listed_date",
    "sw_l1",
    "sw_l2",
    "sw_l3",
    "sw_l3_code",
    "province",
    "city",
    "location_source",
    "total_assets_2016_wan",
    "industry_2016",
    "source",
]

# stock_basics_2016.area values that are not a province short name.
AREA_ALIASES = {"内蒙": "内蒙古自治区"}

MUNICIPALITIES = {"北京市", "天津市", "上海市", "重庆市"}

_FULLWIDTH_ALNUM = re.compile("[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]")


# --------------------------------------------------------------------------- io


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    rows = []
    with path.open(encoding="utf-8-sig") as fh:
        for lineno, line in enumerate(fh, 1):
            line = line.strip()
            if not line:
                continue
            try:
                rows.append(json.loads(line))
            except json.JSONDecodeError as exc:
                raise SystemExit(f"{path.name}:{lineno}: bad JSON: {exc}") from exc
    return rows


def read_text_any(path: Path) -> tuple[str, str]:
    """Decode a CSV that may be UTF-8 (with or without BOM) or GBK."""
    raw = path.read_bytes()
    for enc in ("utf-8-sig", "gb18030"):
        try:
            return raw.decode(enc), enc
        except UnicodeDecodeError:
            continue
    raise SystemExit(f"{path}: neither UTF-8 nor GB18030")


# ----------------------------------------------------------------- normalising


def clean_name(text: str) -> str:
    """简称: drop all whitespace, full-width letters/digits -> half-width.

    NFKC is applied to full-width ASCII letters and digits only (万 科Ａ ->
    万科A); other characters (*, Ⅲ, CJK) are left untouched.
    """
    text = "".join((text or "").split())
    return _FULLWIDTH_ALNUM.sub(lambda m: unicodedata.normalize("NFKC", m.group()), text)


def clean_text(text: str) -> str:
    return (text or "").strip()


def split_code(raw: str) -> tuple[str, str]:
    """'600373.SH' / '600373' / 600373 -> ('600373', 'SH'); suffix may be ''."""
    raw = str(raw).strip().upper()
    digits, _, suffix = raw.partition(".")
    if digits.isdigit() and len(digits) < 6:
        digits = digits.zfill(6)
    return digits, suffix


def exchange_suffix(code6: str) -> str:
    """Exchange suffix derived from the code's first digit, the same for every row."""
    first = code6[:1]
    if first in ("6", "9"):
        return "SH"
    if first in ("0", "2", "3"):
        return "SZ"
    if first in ("4", "8"):
        return "BJ"
    raise ValueError(f"unknown exchange for code {code6}")


def parse_date(text: str) -> str:
    text = (text or "").strip()
    for fmt in ("%Y-%m-%d", "%Y%m%d", "%Y/%m/%d"):
        try:
            return dt.datetime.strptime(text, fmt).date().isoformat()
        except ValueError:
            continue
    return ""


def date_impossible_for_board(code6: str, iso_date: str) -> bool:
    opened = BOARD_OPENED.get(code6[:3])
    return bool(opened and iso_date and iso_date < opened)


# -------------------------------------------------------------------- regions


class Gazetteer:
    """Provinces and prefecture-level units from seed/reference/china_regions.csv."""

    def __init__(self, path: Path):
        text, _ = read_text_any(path)
        rows = list(csv.DictReader(text.splitlines()))
        self.provinces: list[str] = []
        self.city_province: dict[str, str] = {}
        self.city_short: dict[str, str] = {}  # short -> full city
        for row in rows:
            prov, city, short = row["province"].strip(), row["city"].strip(), row["city_short"].strip()
            if prov not in self.provinces:
                self.provinces.append(prov)
            if city:
                self.city_province[city] = prov
                if short:
                    self.city_short[short] = city
        self.province_short = {self._short_province(p): p for p in self.provinces}
        # One lookup of every name a full name may begin with.  Province
        # entries are added last so they win a tie (吉林 = 吉林省, not 吉林市).
        self.lookup: dict[str, tuple[str, str]] = {}
        for short, city in self.city_short.items():
            self.lookup[short] = (self.city_province[city], city)
        for city, prov in self.city_province.items():
            self.lookup[city] = (prov, city)
        for prov in self.provinces:
            city = prov if prov in MUNICIPALITIES else ""
            self.lookup[self._short_province(prov)] = (prov, city)
            self.lookup[prov] = (prov, city)
        self._keys = sorted(self.lookup, key=lambda k: (-len(k), k))

    @staticmethod
    def _short_province(prov: str) -> str:
        for suffix in ("特别行政区", "维吾尔自治区", "壮族自治区", "回族自治区", "自治区", "省", "市"):
            if prov.endswith(suffix):
                return prov[: -len(suffix)]
        return prov

    def from_area(self, area: str) -> tuple[str, str]:
        """stock_basics_2016.area (广东 / 深圳 / 内蒙 ...) -> (province, city)."""
        area = "".join((area or "").split())
        if not area:
            return "", ""
        if area in AREA_ALIASES:
            area = AREA_ALIASES[area]
        if area in self.lookup:
            return self.lookup[area]
        return "", ""

    def prefix_match(self, text: str) -> tuple[str, str, str]:
        for key in self._keys:
            if text.startswith(key):
                prov, city = self.lookup[key]
                return prov, city, key
        return "", "", ""

    def from_full_name(self, full_name: str) -> tuple[str, str, str]:
        """Region from a company's full name -> (province, city, how).

        how = 'prefix' when the name begins with a province or prefecture-level
        city (深圳市汇川技术… / 浙江… / 株洲华锐…), 'paren' when a region stands
        in brackets after the trade name (芯海科技（深圳）股份有限公司).
        """
        text = unicodedata.normalize("NFKC", "".join((full_name or "").split()))
        if not text:
            return "", "", ""
        prov, city, key = self.prefix_match(text)
        if prov:
            if not city:
                # 湖南省长沙市… : a city of that same province right after it.
                rest = text[len(key) :]
                p2, c2, k2 = self.prefix_match(rest)
                if p2 == prov and c2 and k2 in self.city_province:
                    city = c2
            return prov, city, "prefix"
        for inner in re.findall(r"\(([^()]+)\)", text):
            if inner in self.lookup:
                prov, city = self.lookup[inner]
                return prov, city, "paren"
        return "", "", ""


# ------------------------------------------------------------------ industries


class Shenwan:
    """Shenwan 2021 industries (industry.jsonl + industry_industry.jsonl)."""

    def __init__(self, industries: list[dict[str, Any]], links: list[dict[str, Any]]):
        self.name = {str(r["code"]).strip(): clean_text(r["name"]) for r in industries}
        self.parent = {str(r["from_code"]).strip(): str(r["to_code"]).strip() for r in links}
        self.level3_by_name: dict[str, str] = {}
        for code, name in self.name.items():
            if self.level(code) == 3:
                self.level3_by_name.setdefault(name, code)
        self.stats: collections.Counter[str] = collections.Counter()

    @staticmethod
    def level(code: str) -> int:
        if code.endswith("0000"):
            return 1
        if code.endswith("00"):
            return 2
        return 3

    def resolve(self, code: str, name: str) -> tuple[str, str, str, str]:
        """(sw_l1, sw_l2, sw_l3, sw_l3_code) for a company's level-3 link.

        The link's name is trusted over its code: some links carry a code from
        an older numbering (610102 水泥制造 where industry.jsonl has 610101).
        """
        code, name = code.strip(), clean_text(name)
        l3 = self.level3_by_name.get(name)
        how = "name"
        if not l3 and name.endswith("Ⅲ"):
            l3 = self.level3_by_name.get(name[:-1])
            how = "name-without-Ⅲ"
        if not l3 and code in self.name and self.level(code) == 3:
            l3, how = code, "code"
        if not l3:
            self.stats["unresolved"] += 1
            return "", "", name, code
        self.stats[how] += 1
        if l3 != code:
            self.stats["code-replaced"] += 1
        l2 = self.parent.get(l3, "")
        l1 = self.parent.get(l2, "")
        return self.name.get(l1, ""), self.name.get(l2, ""), self.name[l3], l3


# ------------------------------------------------------------------- converter


def shared_chars(a: str, b: str) -> int:
    return len(set(a) & set(b))


def convert(src: Path, out: Path, regions: Path) -> dict[str, Any]:
    companies = read_jsonl(src / "company.jsonl")
    links = read_jsonl(src / "company_industry.jsonl")
    shenwan = Shenwan(read_jsonl(src / "industry.jsonl"), read_jsonl(src / "industry_industry.jsonl"))
    basics_text, basics_encoding = read_text_any(src / "stock_basics_2016.csv")
    basics_rows = list(csv.DictReader(basics_text.splitlines()))
    gaz = Gazetteer(regions)
    stats: collections.Counter[str] = collections.Counter()
    notes: list[str] = []

    basics: dict[str, dict[str, Any]] = {}
    for row in basics_rows:
        code6, _ = split_code(row["code"])
        basics[code6] = row
    has_assets = bool(basics_rows) and "totalAssets" in basics_rows[0]

    industry_link: dict[str, dict[str, Any]] = {}
    for row in links:
        code6, _ = split_code(row["company_code"])
        industry_link.setdefault(code6, row)

    # Group company.jsonl rows by 6-digit code, in file order.
    groups: dict[str, list[dict[str, Any]]] = collections.OrderedDict()
    for row in companies:
        code6, suffix = split_code(row["code"])
        if not re.fullmatch(r"\d{6}", code6):
            notes.append(f"skipped malformed code {row['code']!r}")
            stats["malformed_code"] += 1
            continue
        derived = exchange_suffix(code6)
        if suffix and suffix != derived:
            notes.append(f"{row['code']}: suffix {suffix} != derived {derived}; using {derived}")
        loc = clean_text(row.get("location", ""))
        if loc in EXCHANGES.values() and loc != EXCHANGES[derived]:
            notes.append(f"{row['code']}: location {loc} disagrees with code; using {EXCHANGES[derived]}")
        groups.setdefault(code6, []).append(row)

    records: dict[str, dict[str, Any]] = {}
    misplaced: list[dict[str, Any]] = []
    for code6, rows in groups.items():
        good = []
        for row in rows:
            if date_impossible_for_board(code6, parse_date(row.get("time", ""))):
                misplaced.append(row)
            else:
                good.append(row)
        stats["duplicate_rows_dropped"] += max(len(good) - 1, 0)
        if good:
            # First occurrence wins: in this file it carries the newer name.
            row = good[0]
            records[code6] = {
                "name": clean_name(row["name"]),
                "full_name": clean_text(row["fullname"]),
                "listed_date": parse_date(row.get("time", "")),
                "origin": SRC_COMPANY,
            }
        else:
            # Every row under this code is another company's; the 简称 is right.
            records[code6] = {
                "name": clean_name(rows[0]["name"]),
                "full_name": "",
                "listed_date": "",
                "origin": SRC_COMPANY,
            }
            stats["codes_with_name_only"] += 1

    # Re-key misplaced rows: the one 2016 code, absent from company.jsonl, with
    # the same listing date and a name sharing at least two characters.
    stats["misplaced_rows"] = len(misplaced)
    for row in misplaced:
        iso = parse_date(row["time"])
        full_name = clean_text(row["fullname"])
        cands = [c for c, b in basics.items() if c not in records and parse_date(b.get("timeToMarket", "")) == iso]
        if len(cands) == 1 and shared_chars(clean_name(basics[cands[0]]["name"]), full_name) >= 2:
            code6 = cands[0]
            link_name = industry_link.get(code6, {}).get("company_name", "")
            records[code6] = {
                "name": clean_name(link_name) or clean_name(basics[code6]["name"]),
                "full_name": full_name,
                "listed_date": iso,
                "origin": SRC_REKEYED,
            }
            stats["rekeyed"] += 1
            notes.append(f"re-keyed {full_name} ({iso}) from {row['code']} to {code6}")
        else:
            stats["misplaced_dropped"] += 1
            notes.append(f"dropped {full_name} ({iso}) found under {row['code']}: no unique code")

    out_rows = []
    in_2016 = 0
    cross: collections.Counter[str] = collections.Counter()
    for code6 in sorted(records):
        rec = records[code6]
        suffix = exchange_suffix(code6)
        sources = [rec["origin"]]

        link = industry_link.get(code6)
        sw = ("", "", "", "")
        if link:
            sw = shenwan.resolve(str(link["industry_code"]), link["industry_name"])
            sources.append(SRC_INDUSTRY)

        b = basics.get(code6)
        province = city = location_source = ""
        np, nc, how = gaz.from_full_name(rec["full_name"])
        if b:
            in_2016 += 1
            sources.append(SRC_2016)
            province, city = gaz.from_area(b.get("area", ""))
            if province:
                location_source = LOC_2016
                if np:
                    cross["agree" if np == province else "disagree"] += 1
            elif clean_text(b.get("area", "")):
                notes.append(f"{code6}: unknown 2016 area {b['area']!r}")
        if not province and np:
            province, city, location_source = np, nc, LOC_NAME
            stats[f"name_{how}"] += 1

        out_rows.append(
            {
                "id": f"listed:{code6}",
                "name": rec["name"],
                "full_name": rec["full_name"],
                "stock_code": f"{code6}.{suffix}",
                "exchange": EXCHANGES[suffix],
                "listed_date": rec["listed_date"],
                "sw_l1": sw[0],
                "sw_l2": sw[1],
                "sw_l3": sw[2],
                "sw_l3_code": sw[3],
                "province": province,
                "city": city,
                "location_source": location_source,
                "total_assets_2016_wan": clean_text(b.get("totalAssets", "")) if b and has_assets else "",
                "industry_2016": clean_text(b.get("industry", "")) if b else "",
                "source": "; ".join(_merge_sources(sources)),
            }
        )

    columns = [c for c in COLUMNS if c != "total_assets_2016_wan" or has_assets]
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=columns, lineterminator="\n", extrasaction="ignore")
        writer.writeheader()
        writer.writerows(out_rows)

    codes_2016_missing = sorted(set(basics) - set(records))
    summary = {
        "source_lines_company_jsonl": len(companies),
        "distinct_codes_company_jsonl": len(groups),
        "rows": len(out_rows),
        "with_industry": sum(1 for r in out_rows if r["sw_l3"]),
        "with_full_industry_path": sum(1 for r in out_rows if r["sw_l1"] and r["sw_l2"] and r["sw_l3"]),
        "in_2016_table": in_2016,
        "province_from_2016": sum(1 for r in out_rows if r["location_source"] == LOC_2016),
        "province_from_full_name": sum(1 for r in out_rows if r["location_source"] == LOC_NAME),
        "full_name_prefix": stats["name_prefix"],
        "full_name_bracket": stats["name_paren"],
        "province_unknown": sum(1 for r in out_rows if not r["province"]),
        "with_city": sum(1 for r in out_rows if r["city"]),
        "with_listed_date": sum(1 for r in out_rows if r["listed_date"]),
        "duplicate_rows_dropped": stats["duplicate_rows_dropped"],
        "misplaced_rows": stats["misplaced_rows"],
        "rekeyed": stats["rekeyed"],
        "misplaced_dropped": stats["misplaced_dropped"],
        "codes_with_name_only": stats["codes_with_name_only"],
        "industry_links_total": len(links),
        "industry_links_without_company": len(set(industry_link) - set(records)),
        "industry_resolution": dict(sorted(shenwan.stats.items())),
        "full_name_vs_2016_area": dict(sorted(cross.items())),
        "codes_in_2016_not_in_output": len(codes_2016_missing),
        "stock_basics_2016_encoding": basics_encoding,
        "stock_basics_2016_columns": list(basics_rows[0].keys()) if basics_rows else [],
    }
    return {"summary": summary, "notes": notes}


def _merge_sources(sources: list[str]) -> list[str]:
    """'liuhuanyong/ChainKnowledgeGraph company.jsonl, company_industry.jsonl; wengowl/stock …'."""
    merged: dict[str, list[str]] = collections.OrderedDict()
    for s in sources:
        repo, _, rest = s.partition(" ")
        merged.setdefault(repo, []).append(rest)
    return [f"{repo} {', '.join(parts)}" for repo, parts in merged.items()]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("source_dir", type=Path, help="folder with company.jsonl, stock_basics_2016.csv, ...")
    ap.add_argument(
        "--out", type=Path, default=DEFAULT_OUT, help=f"output CSV (default {DEFAULT_OUT.relative_to(REPO_ROOT)})"
    )
    ap.add_argument("--regions", type=Path, default=DEFAULT_REGIONS, help="gazetteer CSV (province, city, city_short)")
    ap.add_argument("--verbose", action="store_true", help="print every note (re-keyed rows, anomalies)")
    args = ap.parse_args(argv)

    if not (args.source_dir / "company.jsonl").is_file():
        ap.error(f"{args.source_dir} has no company.jsonl")
    result = convert(args.source_dir, args.out, args.regions)
    s = result["summary"]
    print(f"wrote {s['rows']} rows to {args.out}")
    for key, value in s.items():
        print(f"  {key}: {value}")
    if args.verbose:
        for note in result["notes"]:
            print(f"  note: {note}")
    else:
        print(f"  notes: {len(result['notes'])} (use --verbose to list)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
