"""Users' own enterprise lists (规上企业名录, 招商线索) → validated rows → one atomic write.

Reading accepts CSV in UTF-8, UTF-8 with BOM and GBK/GB18030 (Chinese Excel exports), and XLSX,
with the usual Chinese column titles. Files come from anyone who may upload, so reading has limits
(bytes, unpacked size, rows, columns, cells, characters per cell) checked before the work they bound:
an XLSX is inspected as a zip and its XML scanned with expat before openpyxl builds anything.
Validation happens completely before anything is written and reports every problem with its
spreadsheet row number in plain Chinese; a file with errors changes nothing unless the user asks to
import only the valid rows. No row is dropped without a word. Each enterprise is assigned to segments
by the same keyword matcher the targeting uses, with a confidence.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import zip_longest
from pathlib import Path
from typing import IO, Any, TypeVar
from xml.parsers import expat

import yaml
from openpyxl import Workbook, load_workbook
from openpyxl.utils.cell import column_index_from_string, get_column_letter

from graph.model import (
    GraphData,
    Node,
    NodeLabel,
    PropertyValue,
    Relationship,
    RelType,
    Source,
    key_of_id,
    node_id,
    text_prop,
    texts_prop,
)
from graph.similar import MIN_KEY_LENGTH, could_be_similar, is_similar
from graph.store import FULL_NAME_KEY, NAME_ID_PREFIX, NAME_KEY, GraphStore
from graph.vocabulary import FORMER_BY_STATUS, Basis, Locality, dead_status_word
from loaders.data_date import STATED_DATE, DataDate, DateStatement, choose_data_date, stated_dates
from loaders.matching import (
    CORRECTION,
    FIELD_LABELS,
    SegmentMatcher,
    enterprise_texts,
    matched_tie,
    normalise_text,
)
from loaders.status_locality import with_status_locality
from queries.provenance import OLDER_FIELDS, field_as_of, imported_as_of, older_field_dates

MAX_BYTES = 20 * 1024 * 1024
MAX_ROWS = 50_000
MAX_COLUMNS = 200
MAX_CELLS = 2_000_000
"""Cells in a file, and strings in an XLSX's shared-strings table: bounds memory and time."""
MAX_CELL_CHARS = 5_000
MAX_NAME_CHARS = 100
MAX_UNZIPPED = 200 * 1024 * 1024
MAX_UNZIPPED_PART = 100 * 1024 * 1024
MAX_ZIP_PARTS = 1_000
MAX_ZIP_RATIO = 100
"""Real workbooks compress about 5–20 times; a part over 1 MB packed tighter than this is a zip bomb."""
EXCEL_MAX_ROW = 1_048_576

COLUMNS: dict[str, tuple[str, ...]] = {
    "name": ("企业名称", "公司名称", "单位名称", "名称", "企业"),
    "credit_code": ("统一社会信用代码", "社会信用代码", "信用代码"),
    "province": ("所属省份", "省份", "省"),
    "city": ("所属城市", "城市", "市"),
    "county": ("所属区县", "区县", "县区"),
    "registered_capital_wan": ("注册资本", "注册资本（万元）", "注册资金"),
    "paid_in_capital_wan": ("实缴资本", "实缴资本（万元）", "实缴资金"),
    "founded": ("成立日期", "成立时间", "注册日期"),
    "status": ("登记状态", "经营状态", "企业状态", "登记状况"),
    "legal_representative": ("法定代表人", "法人代表", "法人", "负责人"),
    "phones": ("电话", "联系电话", "更多电话", "电话号码", "手机"),
    "emails": ("邮箱", "电子邮箱", "更多邮箱", "邮件"),
    "website": ("官网", "网址", "企业官网", "网站"),
    "address": ("企业地址", "注册地址", "通信地址", "地址", "住所", "最新年报地址"),
    "insured_staff": ("参保人数", "社保人数"),
    "insured_year": ("参保人数所属年报", "参保人数年份"),
    "company_type": ("企业类型", "公司类型", "企业(机构)类型", "类型"),
    "gb_section": ("国标行业门类",),
    "gb_division": ("国标行业大类",),
    "gb_group": ("国标行业中类",),
    "gb_class": ("国标行业小类",),
    "business_scope": ("经营范围",),
    "main_products": ("主营产品", "主要产品", "主营业务"),
    "industry": ("所属行业", "行业", "国民经济行业"),
    "park": ("所在园区", "园区"),
    "scale": ("企业规模", "规模"),
    "former_names": ("曾用名",),
    "english_name": ("英文名", "英文名称"),
    "taxpayer_id": ("纳税人识别号",),
    "registration_number": ("注册号", "工商注册号"),
    "organization_code": ("组织机构代码",),
    "registration_authority": ("登记机关",),
    "approved_on": ("核准日期",),
    "business_term": ("营业期限",),
}
"""Field → the column titles that mean it, as 企查查, 天眼查, 启信宝 and the 国家企业信用信息公示系统 export them."""
REQUIRED = ("name",)
LIST_FIELDS = frozenset({"phones", "emails"})
"""Fields whose every column is read (电话 and 更多电话) and split into a list."""
CAPITAL_FIELDS = ("registered_capital_wan", "paid_in_capital_wan")
_FIGURE_PARTS: dict[str, tuple[str, ...]] = {
    "registered_capital_wan": ("registered_capital_text", "registered_capital_currency"),
    "paid_in_capital_wan": ("paid_in_capital_text", "paid_in_capital_currency"),
    "insured_staff": ("insured_year",),
}
"""A figure → the properties a row gives with it: what comes with every such figure (the text a capital is read from),
then, last, what comes only at times (a capital's foreign currency, which brings RATE_DATE too; the 参保人数's report
year). `_capital` writes a capital's, an import dates them all (`_dated_field`), and a figure a row gives empties the
earlier at-times property the row does not give (`_stale_parts`)."""
RATE_DATE = "exchange_rates_as_of"
"""The date of the rate table a foreign capital was converted by, one for both capitals."""
_DATED_PARTS = frozenset({RATE_DATE, *(part for parts in _FIGURE_PARTS.values() for part in parts)})
DATE_FIELDS = ("founded", "approved_on")
FORMAT_NOTES = {
    "registered_capital_wan": "金额，如 500万元、1.2亿元、100万美元；只写数字时按万元计；外币按汇率表折算，原文另存",
    "paid_in_capital_wan": "同注册资本",
    "founded": "日期，如 2015-06-18、2015/6/18、2015年6月18日",
    "credit_code": "18 位，按 GB 32100-2015 校验",
    "scale": "大型 / 中型 / 小型 / 微型",
    "status": "存续、在业、注销、吊销等；注销、吊销、迁出、停业、清算的企业不会进入招商目标名单，本地企业记为已关停",
    "phones": "可有多列（电话、更多电话），一格多个号码用；或 , 分隔，全部保留",
    "emails": "同电话",
    "insured_staff": "整数；年份写在“参保人数所属年报”列",
    "insured_year": "如 2023 或 2023年报",
}
EXCHANGE_RATES_FILE = Path(__file__).resolve().parent.parent / "seed" / "reference" / "exchange_rates.yaml"
HEADER_SCAN_ROWS = 20
"""Title and notice rows an export may put above its header (企查查: a title and a 共 N 条 line)."""
EXTRA_PREFIX = "extra_"
ROW_COUNTER_TITLES = frozenset({"序号", "编号"})
"""The export's own row counter: neither a known field nor worth keeping (it changes with every sort)."""
_EXTRA_NAME = re.compile(r"[^0-9A-Za-z_\u4e00-\u9fff]")
_NOTE_ROW = re.compile(
    r"^(注[:0-9一二三①]|注意|注释|备注|说明[:：]|数据来源|来源[:：]|导出|免责|温馨提示|提示[:：]|声明|以上|[*※])|仅供参考|共\s*[0-9,]+\s*(条|家)|(企查查|天眼查|启信宝).*(导出|提供)"
)
_LIST_SPLIT = re.compile(r"[；;,，、/\n]+")

_CODE_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_CODE_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
_PROVINCES = {"10", *"11 12 13 14 15 21 22 23 31 32 33 34 35 36 37 41 42 43 44 45 46".split()}
_PROVINCES |= set("50 51 52 53 54 61 62 63 64 65 71 81 82".split())
"""GB/T 2260 province codes, and 10 for 100000 (central registration), that begin a 登记管理机关行政区划码."""
_COMPANY_WORDS = re.compile(r"(股份有限公司|有限责任公司|有限公司|股份公司|集团|公司|分公司|厂)$")
_PLACE_PREFIX = re.compile(r"^(湖南省|湖南|永州市|永州|[\u4e00-\u9fa5]{2,3}(省|市|县|区))")


class ImportFileError(ValueError):
    """The file as a whole cannot be read (size, format, encoding, missing columns)."""


class TooManyRows(ImportFileError):
    """More data rows than one reading takes. The message states the limit; the command line and the app each
    add what to do there (`--stream` for a file read whole on the command line; smaller files in the app)."""


def credit_code_problem(code: str) -> str | None:
    """Why a 统一社会信用代码 is invalid under GB 32100-2015 (18 characters, check character), or None."""
    if len(code) != 18:
        return f"统一社会信用代码应为 18 位，实际 {len(code)} 位"
    bad = sorted({c for c in code if c not in _CODE_CHARS})
    if bad:
        return f"统一社会信用代码含非法字符：{''.join(bad)}（不使用 I、O、S、V、Z）"
    if code[0] == "0" or code[1] not in "123456789":
        return f"统一社会信用代码前两位“{code[:2]}”不是有效的登记管理部门代码和机构类别代码"
    region = code[2:8]
    if not region.isdigit() or region[:2] not in _PROVINCES:
        return f"统一社会信用代码第 3–8 位“{region}”不是有效的登记管理机关行政区划码"
    if code[8:17] == "000000000":
        return "统一社会信用代码第 9–17 位（主体标识码）不能全为 0"
    total = sum(_CODE_CHARS.index(c) * w for c, w in zip(code[:17], _CODE_WEIGHTS, strict=True))
    expected = _CODE_CHARS[(31 - total % 31) % 31]
    if code[17] != expected:
        return f"统一社会信用代码校验位错误：应为 {expected}，实际为 {code[17]}"
    return None


def core_name(name: str) -> str:
    """A company name without place prefixes and company-form suffixes, for duplicate detection: 湖南永州湘江纸业
    and 永州市湘江纸业 are both 湘江纸业. Firms of different places share one (永州市燃气, 衡阳市燃气: 燃气), so a
    match by it must agree in place (`place_of`, `places_conflict`)."""
    return _core_and_place(name)[0]


@lru_cache(maxsize=1 << 15)
def _core_and_place(name: str) -> tuple[str, Place]:
    """`core_name` and `place_of` of a name, read together. Cached: an import asks them of each row's name several
    times (the file's names, keys of the batch, in-file duplicates, the graph's match)."""
    place, rest = _split_place(_bare(name))
    return _without_form(rest) or normalise_text(name), place


Place = tuple[str, str, str]
"""The places a name begins with, as (province, city, county) without 省/市/县/区 ("" where it names none):
湖南永州湘江纸业 → (湖南, 永州, ""), 永州市冷水滩区… → ("", 永州, 冷水滩), 祁阳县… → ("", "", 祁阳)."""
NO_PLACE: Place = ("", "", "")
_PLACE_LEVELS = {"省": 0, "市": 1, "县": 2, "区": 2}
_PLACES: dict[Place, Place] = {}
"""Places interned: an import remembers the place of every name it has seen, and there are few distinct ones."""


def _split_place(text: str) -> tuple[Place, str]:
    """The place prefixes of a bare name and the rest. The first prefix is `_PLACE_PREFIX` as ever; each further one
    must name a smaller place (湖南 → 永州 → 冷水滩区) and leave at least two characters of name, so a trade word
    like 农贸市场 is never read as a place."""
    place = ["", "", ""]
    level = -1
    while match := _PLACE_PREFIX.match(text):
        token = match.group(0)
        here = 0 if token.startswith("湖南") else 1 if token.startswith("永州") else _PLACE_LEVELS[token[-1]]
        rest = text[match.end() :]
        if level >= 0 and (here <= level or len(_without_form(rest)) < 2):
            break
        place[here] = token[:-1] if token[-1] in _PLACE_LEVELS else token
        level, text = here, rest
    found = (place[0], place[1], place[2])
    return _PLACES.setdefault(found, found), text


def place_of(name: str) -> Place:
    """The place a company name begins with (`Place`); NO_PLACE for a name without one (长丰集团, 天津汽车模具)."""
    return _core_and_place(name)[1]


def places_conflict(one: Place, other: Place) -> bool:
    """Whether two names' places say they are different firms: both name a place of the same level (province,
    city, county) and these differ — 永州市 and 衡阳市, 零陵区 and 冷水滩区. A name without a place, a place
    containing the other (湖南永州 and 永州市), places of different levels (湖南省 and 永州市, 永州市 and 祁阳县: the
    names alone cannot say) and a place one name gives at another level (祁阳县 and 祁阳市) are no conflict."""
    if _finest(one) in other or _finest(other) in one:
        return False
    return any(a and b and a != b for a, b in zip(one, other, strict=True))


def _finest(place: Place) -> str | None:
    """The smallest place a name gives (祁阳 of 永州市祁阳县), None for a name without a place."""
    return next((p for p in reversed(place) if p), None)


def firm_place(node: Node) -> Place:
    """A stored enterprise's place: its full name's (a listed firm's short name has none), each level its name
    gives where the full name gives none."""
    full = place_of(text_prop(node.properties, "full_name") or "")
    own = place_of(node.name) if node.name else NO_PLACE
    found = (full[0] or own[0], full[1] or own[1], full[2] or own[2])
    return _PLACES.setdefault(found, found)


def _agreement(one: Place, other: Place) -> int:
    """How many levels two places both name alike: a stored firm of the row's own city answers before one
    without a place."""
    return sum(bool(a) and a == b for a, b in zip(one, other, strict=True))


@lru_cache(maxsize=1 << 15)
def full_name_key(full_name: str) -> str:
    """A full company name without its company form but with its place: the key of FULL_NAME_KEY. The place stays
    because a listed firm's full name without it is often a trade word (深圳市燃气集团股份有限公司 → 燃气), which
    永州市燃气有限公司 must not match; 天津汽车模具股份有限公司 keeps 天津汽车模具 and still finds 天汽模."""
    return _without_form(_bare(full_name)) or normalise_text(full_name)


def _bare(name: str) -> str:
    text = normalise_text(name).replace(" ", "").replace("（", "(").replace("）", ")")
    return re.sub(r"\(.*?\)", "", text)


def _without_form(text: str) -> str:
    previous = None
    while previous != text:
        previous, text = text, _COMPANY_WORDS.sub("", text)
    return text


def with_name_keys(data: GraphData) -> GraphData:
    """The data with every named enterprise carrying its `core_name` as NAME_KEY, the key imports look it up by,
    and that of its full name, where it has one with another key, as FULL_NAME_KEY (an export writes full names)."""
    nodes = [
        n.model_copy(update={"properties": {**n.properties, **name_keys(n.name, text_prop(n.properties, "full_name"))}})
        if n.label == NodeLabel.ENTERPRISE and n.properties.get("name")
        else n
        for n in data.nodes
    ]
    return GraphData(nodes=nodes, relationships=data.relationships)


def name_keys(name: str, full_name: str | None) -> dict[str, PropertyValue]:
    """NAME_KEY of `name`, and FULL_NAME_KEY of `full_name` (`full_name_key`) when it differs from NAME_KEY."""
    keys: dict[str, PropertyValue] = {NAME_KEY: core_name(name)}
    if full_name and full_name_key(full_name) != keys[NAME_KEY]:
        keys[FULL_NAME_KEY] = full_name_key(full_name)
    return keys


def header_unit(title: str) -> str:
    """The amount unit a column title states, e.g. 注册资本(元) → 元; 万元 when it states none."""
    match = re.search(r"\((亿元|万元|元)\)", title)
    return match.group(1) if match else "万元"


@dataclass(frozen=True)
class ExchangeRates:
    """Yuan per unit of each currency, with the date and source they were taken from (see the YAML file)."""

    as_of: str
    source: str
    rates: dict[str, float]
    aliases: dict[str, str]

    def currency(self, word: str) -> str | None:
        """The table's name for a currency as exports write it (美金 → 美元, 元 → 人民币), or None if unknown."""
        word = self.aliases.get(word, self.aliases.get(word.upper(), word))
        return word if word in self.rates else None


@lru_cache(maxsize=4)
def load_exchange_rates(path: Path = EXCHANGE_RATES_FILE) -> ExchangeRates:
    """The configurable rate table; a broken file is a setup error, said in Chinese."""
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
        rates = {str(k): float(v) for k, v in raw["rates"].items()}
        return ExchangeRates(
            as_of=str(raw["as_of"]),
            source=str(raw["source"]),
            rates=rates,
            aliases={str(k): str(v) for k, v in (raw.get("aliases") or {}).items()},
        )
    except (OSError, yaml.YAMLError, KeyError, TypeError, ValueError, AttributeError) as exc:
        raise ImportFileError(
            f"汇率表 {path.name} 无法读取（{type(exc).__name__}）：请检查该文件的 as_of、source、rates。"
        ) from exc


_AMOUNT = re.compile(r"([0-9]+(?:\.[0-9]+)?)(亿|万)?(.*)")


def parse_capital(raw: str, default_unit: str = "万元", rates: ExchangeRates | None = None) -> tuple[float, str]:
    """注册资本 in any currency → (万元 of 人民币, currency): "100万美元", "500万(元)", "1,000万人民币", "200万港元".

    A bare number is in `default_unit` (the unit the column title states); a foreign currency is converted
    with `rates` (default: seed/reference/exchange_rates.yaml, dated and approximate).
    """
    text = re.sub(r"[,()\s]", "", normalise_text(raw))
    match = _AMOUNT.fullmatch(text)
    if not match:
        raise ValueError(f"无法识别的金额“{raw}”（示例：500万元、1.2亿元、100万美元）")
    value, multiplier, word = float(match.group(1)), match.group(2), match.group(3)
    if not multiplier and not word:
        return {"亿元": value * 10000, "元": value / 10000}.get(default_unit, value), "人民币"
    table = rates or load_exchange_rates()
    currency = table.currency(word) if word else "人民币"
    if currency is None:
        raise ValueError(f"未知币种“{word}”（金额“{raw}”）：请在 seed/reference/exchange_rates.yaml 中添加该币种的汇率")
    yuan = value * {"亿": 1e8, "万": 1e4}.get(multiplier or "", 1.0) * table.rates[currency]
    return yuan / 10000, currency


def parse_amount_wan(raw: str, default_unit: str = "万元") -> float:
    """注册资本 → 万元 of 人民币 (see `parse_capital`)."""
    return parse_capital(raw, default_unit)[0]


def parse_date(raw: Any) -> str:
    """成立日期 → yyyy-mm-dd from the forms Chinese spreadsheets use (or an Excel date)."""
    if isinstance(raw, dt.datetime | dt.date):
        return raw.strftime("%Y-%m-%d")
    text = normalise_text(str(raw))
    if re.fullmatch(r"[0-9]{5}(\.0)?", text) and 20000 < float(text) < 80000:
        return (dt.date(1899, 12, 30) + dt.timedelta(days=int(float(text)))).isoformat()
    match = re.fullmatch(r"([0-9]{4})\s*[-/.年]\s*([0-9]{1,2})\s*[-/.月]\s*([0-9]{1,2})\s*日?(\s.*)?", text) or (
        re.fullmatch(r"([0-9]{4})([0-9]{2})([0-9]{2})", text)
    )
    if not match:
        raise ValueError(f"无法识别的日期“{raw}”（示例：2015-06-18、2015年6月18日）")
    try:
        return dt.date(int(match.group(1)), int(match.group(2)), int(match.group(3))).isoformat()
    except ValueError as exc:
        raise ValueError(f"不存在的日期“{raw}”") from exc


TEXT_ENCODINGS = ("utf-8-sig", "gb18030")
"""Chinese text as offices save it, in the order tried: UTF-8 (with or without BOM), else GB18030 (covers GBK)."""
UNREADABLE_TEXT = "无法识别文件编码：请另存为 UTF-8 或 GBK 编码的 CSV，或 Excel（.xlsx）文件。"


def decode_text(raw: bytes, unreadable: str = UNREADABLE_TEXT) -> str:
    """`raw` in the first of TEXT_ENCODINGS that fits; `ImportFileError(unreadable)` when none does."""
    for encoding in TEXT_ENCODINGS:
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ImportFileError(unreadable)


_UNREADABLE_XLSX = "无法读取 Excel 文件：{}。请确认是 .xlsx 格式且未加密。"


@dataclass
class Table:
    """A file's header and data rows, numbered as the spreadsheet shows them, with problems found while reading."""

    header: list[str]
    rows: list[tuple[int, list[Any]]]
    problems: dict[int, list[str]] = field(default_factory=dict)
    notices: list[str] = field(default_factory=list)
    """What reading skipped or chose without an error: title rows above the header, the sheet read."""
    dates: list[DateStatement] = field(default_factory=list)
    """The export or data dates the file states: in its sheet name, rows above the header, notes below the data."""


class _XmlLimits:
    """Streams one XML part of a workbook through expat, refusing at the first row, column, cell or text
    past the limits, so openpyxl never builds what a hostile part describes (16,384-wide rows, a
    300 MB shared string, a jump to row 10¹²). Counts are shared by all parts of one workbook."""

    def __init__(self) -> None:
        self.counts = {"c": 0, "si": 0}
        self.row = 0
        self.column = 0
        self.text_chars = 0
        self.in_cell = False
        self.in_text = False

    def scan(self, part: IO[bytes]) -> None:
        """Check one part; parts that are not XML (images, printer settings) are skipped."""
        chunk = part.read(1 << 16)
        if chunk.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] != b"<" and chunk[:2] not in (b"\xff\xfe", b"\xfe\xff"):
            return
        parser = expat.ParserCreate(namespace_separator=" ")
        parser.buffer_text = True
        parser.StartElementHandler = self._start
        parser.EndElementHandler = self._end
        parser.CharacterDataHandler = self._text
        parser.StartDoctypeDeclHandler = self._doctype
        self.row = 0
        while chunk:
            parser.Parse(chunk, False)
            chunk = part.read(1 << 16)
        parser.Parse(b"", True)

    def _start(self, name: str, attrs: dict[str, str]) -> None:
        tag = name.rpartition(" ")[2]
        if tag == "row":
            number = int(attrs["r"]) if "r" in attrs else self.row + 1
            if not self.row < number <= EXCEL_MAX_ROW:
                raise ImportFileError(f"Excel 工作表的行号“{number}”异常（在第 {self.row} 行之后）：文件可能已损坏。")
            self.row, self.column = number, 0
        elif tag == "c":
            match = re.fullmatch(r"([A-Za-z]{1,3})[0-9]*", attrs.get("r", "")) if "r" in attrs else None
            if "r" in attrs and match is None:
                raise ImportFileError(f"Excel 工作表第 {self.row} 行有无法识别的单元格位置“{attrs['r'][:20]}”。")
            self.column = column_index_from_string(match.group(1).upper()) if match else self.column + 1
            if self.column > MAX_COLUMNS:
                raise ImportFileError(
                    f"第 {self.row} 行的 {get_column_letter(self.column)} 列有内容，超过 {MAX_COLUMNS} 列"
                    f"（{get_column_letter(MAX_COLUMNS)} 列）的上限：请删除多余的列后再导入。"
                )
            self._count(tag)
        elif tag == "si":
            self._count(tag)
        elif tag in ("v", "t"):
            self.in_text = True
            if not self.in_cell:
                self.text_chars = 0

    def _count(self, tag: str) -> None:
        """A cell (c) or shared string (si) starts: count it and its characters from zero."""
        self.counts[tag] += 1
        self.text_chars = 0
        self.in_cell = True
        if self.counts[tag] > MAX_CELLS:
            raise ImportFileError(_too_many_cells())

    def _end(self, name: str) -> None:
        tag = name.rpartition(" ")[2]
        if tag in ("v", "t"):
            self.in_text = False
        elif tag in ("c", "si"):
            self.in_cell = False

    def _text(self, data: str) -> None:
        if self.in_text:
            self.text_chars += len(data)
            if self.text_chars > MAX_CELL_CHARS:
                where = f"第 {self.row} 行" if self.row else "文件"
                raise ImportFileError(f"{where}有单元格超过 {MAX_CELL_CHARS} 字的上限：请检查文件内容后再导入。")

    @staticmethod
    def _doctype(*_: object) -> None:
        raise ImportFileError("Excel 文件中含有 DTD 声明，正常的 .xlsx 不会有：疑似恶意构造，未读取。")


def _check_xlsx(raw: bytes) -> None:
    """Refuse a workbook before openpyxl opens it if unpacking or parsing it would cost more than a list needs.

    zipfile stops each part at the size its directory declares, so checking the declared sizes
    bounds what openpyxl can unpack; the XML is then scanned for rows, columns, cells and text.
    """
    mb = 1024 * 1024
    try:
        archive = zipfile.ZipFile(io.BytesIO(raw))
        parts = archive.infolist()
        if len(parts) > MAX_ZIP_PARTS:
            raise ImportFileError(
                f"Excel 文件包含 {len(parts)} 个部件，超过 {MAX_ZIP_PARTS} 个的上限：疑似恶意构造，未读取。"
            )
        total = sum(p.file_size for p in parts)
        if total > MAX_UNZIPPED:
            raise ImportFileError(
                f"Excel 文件解压后有 {total / mb:.0f} MB，超过 {MAX_UNZIPPED // mb} MB 的上限：请删除无关的工作表"
                "和图片，或另存为 CSV 后导入。"
            )
        for part in parts:
            if part.file_size > MAX_UNZIPPED_PART:
                raise ImportFileError(
                    f"Excel 文件中的 {part.filename[:60]} 解压后有 {part.file_size / mb:.0f} MB，"
                    f"超过 {MAX_UNZIPPED_PART // mb} MB 的上限：请分批导入。"
                )
            if part.file_size > mb and part.file_size > MAX_ZIP_RATIO * max(part.compress_size, 1):
                ratio = part.file_size / max(part.compress_size, 1)
                raise ImportFileError(
                    f"Excel 文件中的 {part.filename[:60]} 压缩比异常（{ratio:.0f} 倍，正常不超过 {MAX_ZIP_RATIO} 倍）："
                    "疑似恶意构造，未读取。"
                )
        limits = _XmlLimits()
        for part in parts:
            with archive.open(part) as stream:
                limits.scan(stream)
    except ImportFileError:
        raise
    except Exception as exc:  # zipfile, zlib and expat raise many kinds of errors for broken files
        raise ImportFileError(_UNREADABLE_XLSX.format(type(exc).__name__)) from exc


def _xlsx_sheets(raw: bytes) -> list[tuple[str, list[tuple[int, list[Any]]]]]:
    """Every sheet's title and non-empty rows with their row numbers; the stored sheet size is ignored
    (some exporters write a wrong one)."""
    _check_xlsx(raw)
    try:
        book = load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
        sheets = []
        for sheet in book.worksheets:
            sheet.reset_dimensions()
            sheets.append((sheet.title, _kept_rows(enumerate(sheet.iter_rows(values_only=True), start=1))))
        book.close()
        return sheets
    except ImportFileError:
        raise
    except Exception as exc:  # openpyxl raises many kinds of errors for broken files
        raise ImportFileError(_UNREADABLE_XLSX.format(type(exc).__name__)) from exc


def csv_rows(text: IO[str], problems: dict[int, list[str]]) -> Iterator[tuple[int, Sequence[Any]]]:
    """CSV records of a seekable text stream (opened with newline=""), numbered as Excel shows them; a field
    spanning lines that also holds the delimiter is recorded in `problems` (one stray quote otherwise merges the
    following rows into one cell)."""
    sample = text.read(4096)
    text.seek(0)
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",\t;")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(text, dialect)
    last_line = 0
    try:
        for number, row in enumerate(reader, start=1):
            first_line, last_line = last_line + 1, reader.line_num
            merged = [cell for cell in row if ("\n" in cell or "\r" in cell) and dialect.delimiter in cell]
            if merged:
                lines = merged[0].count("\n") + 1
                problems.setdefault(number, []).append(
                    f"一个单元格跨越文件第 {first_line}–{last_line} 行并含有分隔符“{dialect.delimiter}”，"
                    f'很可能是多余的引号（"）把 {lines} 行合并成了一行：请删除多余的引号，或另存为 .xlsx 后导入'
                )
            yield number, row
    except csv.Error as exc:
        if "field larger than field limit" in str(exc):
            raise ImportFileError(
                f"CSV 文件第 {reader.line_num} 行附近有单元格超过 {MAX_CELL_CHARS} 字的上限："
                '很可能是多余的引号（"）把后面的行都并进了一个单元格，请检查后再导入。'
            ) from exc
        raise ImportFileError(
            f"CSV 格式有误（文件第 {reader.line_num} 行附近）。请用 Excel 另存为 CSV 或 .xlsx 后重试。"
        ) from exc


def _too_many_cells(limit: int = MAX_CELLS) -> str:
    return f"单元格过多（超过 {limit:,} 个）：请删除不需要的列，或分批导入。"


def _kept_rows(rows: Iterable[tuple[int, Sequence[Any]]]) -> list[tuple[int, list[Any]]]:
    """The non-empty rows of a file read whole (at most MAX_ROWS rows and MAX_CELLS cells)."""
    return list(kept_rows(rows, MAX_ROWS, MAX_CELLS))


def kept_rows(
    rows: Iterable[tuple[int, Sequence[Any]]], max_rows: int, max_cells: int
) -> Iterator[tuple[int, list[Any]]]:
    """The non-empty rows, refusing the file at the first row past a limit; CSV and XLSX, read whole or
    streamed, share this, so all count rows the same way and none drops one silently."""
    kept = 0
    cells = 0
    for number, row in rows:
        if not any(c is not None and str(c).strip() for c in row):
            continue
        values = list(row)
        while values and (values[-1] is None or values[-1] == ""):
            values.pop()
        if len(values) > MAX_COLUMNS:
            raise ImportFileError(
                f"第 {number} 行有 {len(values)} 列，超过 {MAX_COLUMNS} 列的上限："
                "请删除多余的列（或检查分隔符）后再导入。"
            )
        if any(isinstance(c, str) and len(c) > MAX_CELL_CHARS for c in values):
            raise ImportFileError(
                f"第 {number} 行有单元格超过 {MAX_CELL_CHARS} 字的上限：请检查该行（是否多了引号或分列有误）后再导入。"
            )
        cells += len(values)
        if cells > max_cells:
            raise ImportFileError(_too_many_cells(max_cells))
        if kept > max_rows:
            raise TooManyRows(f"行数过多：数据超过 {max_rows} 行（第 {number} 行已超出），单次导入上限 {max_rows} 行。")
        kept += 1
        yield number, values


def read_table(name: str, raw: bytes) -> Table:
    """Header and (row number as the spreadsheet shows it, cells) of a CSV or XLSX file given as bytes."""
    if len(raw) > MAX_BYTES:
        raise ImportFileError(f"文件过大（{len(raw) / 1024 / 1024:.1f} MB），上限 {MAX_BYTES // 1024 // 1024} MB。")
    if not raw.strip():
        raise ImportFileError("文件是空的。")
    if raw[:4] == b"\xd0\xcf\x11\xe0" or name.lower().endswith(".xls"):
        raise ImportFileError("这是旧版 Excel（.xls）文件：请在 Excel 或 WPS 中另存为 .xlsx 或 CSV 后再导入。")
    problems: dict[int, list[str]] = {}
    is_xlsx = name.lower().endswith(".xlsx") or raw[:2] == b"PK"
    sheets = (
        _xlsx_sheets(raw)
        if is_xlsx
        else [("", _kept_rows(csv_rows(io.StringIO(decode_text(raw), newline=""), problems)))]
    )
    if not any(rows for _, rows in sheets):
        raise ImportFileError("文件中没有数据。")
    found = [(title, rows, at) for title, rows in sheets if (at := _header_index(rows)) is not None]
    title, numbered, _ = found[0] if found else next((t, rows, 0) for t, rows in sheets if rows)
    notices = [f"文件有 {len(sheets)} 个工作表，读取的是含企业名称列的工作表“{title}”。"] if len(sheets) > 1 else []
    header, data_at = split_header(numbered, notices)
    dates = stated_dates(title, "工作表名") if is_xlsx else []
    dates += header_dates(numbered[:data_at]) + note_dates(numbered[data_at:])
    return Table(header=header, rows=numbered[data_at:], problems=problems, notices=notices, dates=dates)


def header_dates(rows: Iterable[tuple[int, list[Any]]]) -> list[DateStatement]:
    """The export or data dates stated in the rows down to the header (title and notice rows)."""
    return [
        found
        for number, values in rows
        for found in stated_dates(" ".join(str(c) for c in values if c not in (None, "")), f"文件第 {number} 行")
    ]


def note_dates(rows: Iterable[tuple[int, list[Any]]]) -> list[DateStatement]:
    """The export or data dates stated in the notes rows among data rows (as `_note` tells a note from a firm)."""
    found: list[DateStatement] = []
    for number, values in rows:
        filled = [c for c in values if c is not None and str(c).strip()]
        if len(filled) == 1 and _note(_texts(filled)) is not None:
            found += stated_dates(str(filled[0]), f"文件第 {number} 行")
    return found


def split_header(first_rows: list[tuple[int, list[Any]]], notices: list[str]) -> tuple[list[str], int]:
    """The header found among a file's first non-empty rows (title rows above it skipped, a second header row
    below it merged in, each said in `notices`) and the index of the first data row."""
    at = _header_index(first_rows) or 0
    for number, values in first_rows[:at]:
        text = " ".join(str(c) for c in values if c not in (None, ""))
        notices.append(f"第 {number} 行是标题或说明（“{normalise_text(text)[:40]}”），已跳过。")
    header = _header(first_rows[at][1])
    if at + 1 < len(first_rows) and _is_sub_header(header, _header(first_rows[at + 1][1])):
        sub = _header(first_rows[at + 1][1])
        header = [low or top for top, low in zip_longest(header, sub, fillvalue="")]
        notices.append(f"第 {first_rows[at + 1][0]} 行是第二层表头（合并单元格下的列名），已与上一行合并。")
        at += 1
    return header, at + 1


def _is_sub_header(header: list[str], below: list[str]) -> bool:
    """A two-level header (联系方式 merged over 电话 | 邮箱): the row below leaves the name column empty and
    every title it has is one the importer knows."""
    name_at = next((i for i, title in enumerate(header) if _field_of(title) == "name"), None)
    if name_at is None:
        return False
    titles = [t for t in below if t]
    return (name_at >= len(below) or not below[name_at]) and bool(titles) and all(_field_of(t) for t in titles)


def _header(values: Sequence[Any]) -> list[str]:
    return [normalise_text(str(c or "")).replace(" ", "") for c in values]


def _header_index(rows: list[tuple[int, list[Any]]]) -> int | None:
    """Which of the first rows is the header: the first that names an enterprise-name column."""
    for index, (_, values) in enumerate(rows[:HEADER_SCAN_ROWS]):
        if any(_field_of(title) == "name" for title in _header(values)):
            return index
    return None


def _field_of(title: str) -> str | None:
    """The field a column title means: exact titles first, then a title with a unit or year in brackets
    (注册资本(万元), 参保人数(2023年报)); 企业(机构)类型 is a type, not a name."""
    for field_name, titles in COLUMNS.items():
        if title in titles:
            return field_name
    bracketed = re.fullmatch(r"(.+?)\(([^()]*)\)", title)
    if bracketed:
        for field_name, titles in COLUMNS.items():
            if bracketed.group(1) in titles:
                return field_name
    return None


def map_columns(header: list[str]) -> dict[str, list[int]]:
    """Field → its column indexes, recognising the usual Chinese titles of the common exports; refuses
    files without 企业名称. Only list fields (电话, 邮箱) read more than their first column."""
    mapping: dict[str, list[int]] = {}
    for index, title in enumerate(header):
        field_name = _field_of(title)
        if field_name is not None and (field_name in LIST_FIELDS or field_name not in mapping):
            mapping.setdefault(field_name, []).append(index)
    missing = [COLUMNS[f][0] for f in REQUIRED if f not in mapping]
    if missing:
        raise ImportFileError(
            f"缺少必需的列：{'、'.join(missing)}。识别的列名见导入模板（chainkg import template）；"
            f"文件中的列为：{'、'.join(h for h in header if h) or '（无）'}。"
        )
    return mapping


def extra_columns(header: list[str], mapping: dict[str, list[int]]) -> dict[int, str]:
    """Unrecognised columns → the property each is kept in: `extra_` + the title's letters, digits and
    underscores (at most 40), so a title can never name a built-in property nor carry Cypher syntax."""
    used = {i for indexes in mapping.values() for i in indexes}
    extras: dict[int, str] = {}
    for index, title in enumerate(header):
        if index in used or title in ROW_COUNTER_TITLES:
            continue
        base = EXTRA_PREFIX + (_EXTRA_NAME.sub("_", title)[:40] if title else f"列{get_column_letter(index + 1)}")
        key, number = base, 2
        while key in extras.values():
            key, number = f"{base}_{number}", number + 1
        extras[index] = key
    return extras


@dataclass
class RowResult:
    row: int
    name: str
    action: str  # 新增 | 更新 | 不变 | 拒绝 | 待确认 | 略过 (a notes row below the data: not an error)
    messages: list[str] = field(default_factory=list)
    node: Node | None = None
    segments: list[str] = field(default_factory=list)
    """The segments the row will be tied to, each with why (field, words, confidence)."""
    kept: list[str] = field(default_factory=list)
    """Segments an existing firm is already tied to that the row does not match again: an import keeps them."""
    locality: str = ""
    """The firm's locality once the row is written (its 登记状态 may change it: loaders/status_locality.py)."""
    place_twin: int | None = None
    """An earlier row of the file with the same core name at a place that conflicts (another firm, `_FileNames`)."""
    unclear: _Placing | None = None
    """The rows of the file, and the stored firms, the row's name fits but whose places conflict with each other: the
    row cannot say which firm it is (待确认)."""


ACTIONS = ("新增", "更新", "不变", "拒绝", "待确认", "略过")
PROBLEM_ACTIONS = ("拒绝", "待确认")
"""Results that stop an import unless only the valid rows are wanted."""


@dataclass
class ImportPlan:
    """What an import would do, row by row; nothing is written until `apply_import`."""

    file_name: str
    locality: str
    rows: list[RowResult]
    relationships: list[Relationship]
    extra_columns: list[str] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)

    def count(self, action: str) -> int:
        return sum(r.action == action for r in self.rows)

    @property
    def has_errors(self) -> bool:
        return any(r.action in PROBLEM_ACTIONS for r in self.rows)

    def summary(self) -> str:
        effects = Counter(e for r in self.rows if (e := status_effect(r)))
        return import_summary(
            self.file_name, Counter(r.action for r in self.rows), self.extra_columns, self.notices, effects
        )


def import_summary(
    file_name: str,
    counts: Mapping[str, int],
    extra_columns: list[str],
    notices: list[str],
    effects: Mapping[str, int] | None = None,
) -> str:
    """What an import found, in one paragraph: rows per result, what the written rows' 登记状态 does to their firms
    (`effects`: rows per `status_effect`), extra columns kept, what reading skipped."""
    parts = [f"{a} {counts[a]} 行" for a in ACTIONS if counts.get(a)]
    kept = "、".join(extra_columns)
    extra = f"未识别的列作为附加属性（extra_ 开头）保存：{kept}。" if kept else ""
    rows = "，".join(parts) or "没有数据行"
    return f"{file_name}：{rows}。" + _effects(effects or {}) + extra + "".join(notices)


def _effects(effects: Mapping[str, int]) -> str:
    """登记状态非存续 3 行：2 家本地企业记为已关停，不计入本地企业数与缺口；1 家不列入招商目标名单。"""
    dead = {e: effects[e] for e in ("former", "off_lists") if effects.get(e)}
    said = "；".join(f"{n} 家{STATUS_EFFECT_COUNTED[e]}" for e, n in dead.items())
    revived = effects.get("revived", 0)
    return (f"登记状态非存续 {sum(dead.values())} 行：{said}。" if dead else "") + (
        f"登记状态恢复存续 {revived} 行：{STATUS_EFFECTS['revived']}。" if revived else ""
    )


class HeldImport(ImportFileError):
    """A file with problem rows imported without `valid_only`: nothing was written. Its `rejected` rows need
    correcting; its `similar` rows (待确认: a name close to a firm in the graph) the user may accept as other
    firms. The command line and the app each name their own controls for both."""

    def __init__(self, summary: str, counts: Mapping[str, int]) -> None:
        super().__init__(f"{summary} 文件中有问题行，未导入任何数据。")
        self.rejected = counts.get("拒绝", 0)
        self.similar = counts.get("待确认", 0)


def to_write(rows: Iterable[RowResult], relationships: Iterable[Relationship]) -> GraphData:
    """The new and changed enterprises among `rows` and their ties: what an import writes."""
    nodes = [r.node for r in rows if r.node is not None and r.action in ("新增", "更新")]
    ids = {n.id for n in nodes}
    return GraphData(nodes=nodes, relationships=[r for r in relationships if r.start in ids])


_EMPTY_MARKS = frozenset({"-", "--", "—", "——", "暂无", "无", "/"})
"""What exports write in an empty cell (企查查 and 天眼查 write "-")."""


def _text(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, dt.date | dt.datetime):
        return value
    text = normalise_text(str(value))
    return "" if text in _EMPTY_MARKS else text


def _texts(row: list[Any]) -> list[Any]:
    """Every cell of a row as `_text` reads it: a row is normalised once, however many fields read a cell."""
    return [_text(c) for c in row]


def _cell(cells: list[Any], mapping: dict[str, list[int]], key: str) -> Any:
    indexes = mapping.get(key)
    return cells[indexes[0]] if indexes and indexes[0] < len(cells) else ""


def _items(cells: list[Any], mapping: dict[str, list[int]], key: str) -> list[str]:
    """Every value of a list field over all its columns (电话 and 更多电话), split on ；;,、 and deduplicated."""
    found: dict[str, None] = {}
    for index in mapping.get(key, []):
        if index < len(cells):
            for item in _LIST_SPLIT.split(str(cells[index])):
                if item.strip() and item.strip() not in _EMPTY_MARKS:
                    found.setdefault(item.strip())
    return list(found)


def _lookup_keys(name: str) -> list[str]:
    """The keys a row's name is looked up by, in order: its `core_name` (an enterprise's NAME_KEY, or a full name
    stored without a place) and its `full_name_key` (a listed firm's full name, place included). Enterprises an older
    chainkg keyed otherwise are found by `_older_keyed_enterprises`."""
    return list(dict.fromkeys((core_name(name), full_name_key(name))))


@dataclass(frozen=True)
class _NameMatch:
    """What the graph holds under a row's name keys: the firm the row is (None: none fits), the firms sharing its
    name keys whose place conflicts with the row's (other firms: the row is not one of them), and, when the row fits
    several firms whose places conflict with each other (燃气有限公司 with 永州市 and 衡阳市 in the graph), those."""

    firm: Node | None
    others: list[Node]
    unclear: list[Node]
    placed: list[tuple[Place, Node]]
    """Every firm found under the row's name keys with its place, in the order `_closest` prefers them."""


_Item = TypeVar("_Item")
_NO_MATCH = _NameMatch(None, [], [], [])
"""A row without a name: nothing in the graph is it."""


def _name_match(name: str, by_key: Mapping[str, list[Node]]) -> _NameMatch:
    """The stored firm a row's name is, by the place rule (`_closest`) over the firms found by its keys, the greatest
    id preferred: the firm of the row's own place, else of no conflicting place; or several, when the name cannot say
    which of them it is."""
    found = {node.id: node for key in _lookup_keys(name) for node in by_key.get(key, ())}
    place = place_of(name)
    placed = [(firm_place(n), n) for n in sorted(found.values(), key=lambda n: n.id, reverse=True)]
    others = [n for p, n in reversed(placed) if places_conflict(place, p)]
    fitting = _closest(place, placed)
    return _NameMatch(fitting[0] if len(fitting) == 1 else None, others, fitting if len(fitting) > 1 else [], placed)


def _closest(place: Place, held: Sequence[tuple[Place, _Item]]) -> list[_Item]:
    """What a name at `place` may be among `held` (place, item), in order of preference, by the place rule: of those
    whose place does not conflict with it (`places_conflict`), the first agreeing with it on most levels (`_agreement`)
    — alone, or followed by the others as close whose place conflicts with the first's, when the name cannot say which
    it is (燃气有限公司 beside 永州市燃气 and 衡阳市燃气). Empty when every place conflicts."""
    fitting = [(p, item) for p, item in held if not places_conflict(place, p)]
    if not fitting:
        return []
    best = max(_agreement(place, p) for p, _ in fitting)
    (first_place, first), *rest = [(p, item) for p, item in fitting if _agreement(place, p) == best]
    return [first, *(item for p, item in rest if places_conflict(first_place, p))]


def _quoted(nodes: Sequence[Node]) -> str:
    """“A”、“B” — at most three names, then 等 N 家."""
    names = "、".join(f"“{n.name}”" for n in nodes[:3])
    return names + (f"等 {len(nodes)} 家" if len(nodes) > 3 else "")


@dataclass(frozen=True)
class _Placing:
    """What a whole file, and the stored firms sharing a row's name keys, say of the row's name by the place rule."""

    rows: list[tuple[int, Place]] = field(default_factory=list)
    """Rows of the file, with their places, the name fits at places conflicting with each other (with `firms`: the
    name cannot say which firm it is), or the one earlier row it repeats."""
    firms: list[Node] = field(default_factory=list)
    """Stored firms the name fits beside `rows`, at places conflicting with theirs or each other's."""
    twin: int | None = None
    """The first earlier row of the same core name at a place that conflicts: another firm."""

    @property
    def unclear(self) -> bool:
        return len(self.rows) + len(self.firms) > 1

    @property
    def same_as(self) -> int | None:
        """The earlier row the name repeats, if any."""
        return self.rows[0][0] if len(self.rows) == 1 and not self.firms else None

    def note(self) -> str:
        """与第 2 行（衡阳）、已有的“永州市燃气有限公司”简称相同，这几家地名不同，……"""
        said = [f"第 {row} 行（{''.join(place)}）" for row, place in self.rows]
        said += [f"已有的{_quoted(self.firms)}"] if self.firms else []
        return (
            f"与{'、'.join(said)}简称相同，这几{'家' if self.firms else '行'}地名不同，无法确定是哪一家："
            "请写明含地名的全称或统一社会信用代码"
        )


class _FileNames:
    """The core names of a whole file's rows with the places they give, read before any row is decided
    (`RowPlanner._read_names`), for in-file duplicates by the place rule of the graph's (`_closest`): 永州市燃气 and
    衡阳市燃气 in one file are two firms, and a name fitting rows of conflicting places (燃气有限公司 beside both) is
    held whether it comes before them, between them or after, so row order does not decide which firm a name is. A
    core given at one place holds just (place, first row), several places a dict in order of first rows: most cores
    come once, and a million-row file keeps all of them.

    Rows decided so far add what later rows are checked against: the place a row was found to be at (that of the
    stored firm it updates, or of a row repeating it: `matched`, `repeated`), so a later row of a place conflicting
    with it is another firm; and places held unclear beside stored firms. Neither a place held unclear nor a row
    repeating another is what a later row repeats."""

    def __init__(self) -> None:
        self._rows: dict[str, tuple[Place, int] | dict[Place, int]] = {}
        self._unclear: dict[str, dict[Place, list[tuple[int, Place]]]] = {}
        """`_unclear_places` of the cores that have some."""
        self._checked: set[str] = set()
        """The cores of several places whose `_unclear_places` are known."""
        self._held: set[tuple[str, Place]] = set()
        self._repeats: set[int] = set()
        self._found_at: dict[int, Place] = {}

    def read(self, key: str, place: Place, number: int) -> None:
        """Remember a row's core name and place, unless an earlier row gave both."""
        held = self._rows.get(key)
        if held is None:
            self._rows[key] = (place, number)
        elif isinstance(held, tuple):
            if held[0] != place:
                self._rows[key] = {held[0]: held[1], place: number}
        elif place not in held:
            held[place] = number
            self._checked.discard(key)
            self._unclear.pop(key, None)

    def _places(self, key: str) -> dict[Place, int]:
        held = self._rows.get(key)
        return {} if held is None else {held[0]: held[1]} if isinstance(held, tuple) else held

    def _unclear_places(self, key: str, places: dict[Place, int]) -> dict[Place, list[tuple[int, Place]]]:
        """Each place of core `key` where a name fits rows of the whole file at other places conflicting with each
        other (by `_closest`), with those rows: wherever it stands, the name cannot say which firm it is. Worked out
        once per core of several places, and kept only for a core that has some."""
        if len(places) < 2:
            return {}
        if key not in self._checked:
            self._checked.add(key)
            found = {}
            for place in places:
                fitting = _closest(place, [(p, (row, p)) for p, row in places.items() if p != place])
                if len(fitting) > 1:
                    found[place] = fitting
            if found:
                self._unclear[key] = found
        return self._unclear.get(key, {})

    def place(self, key: str, place: Place, number: int, firms: Sequence[tuple[Place, Node]]) -> _Placing:
        """Row `number`'s name (core `key` at `place`) among the file's rows and the stored `firms` sharing its name
        keys: the rows of the whole file, with those firms, it fits at conflicting places (unclear), else the one
        earlier row it repeats (in `rows`; none when it is the first of its firm, or when a stored firm fits it better
        than the rows of other places: 湖南燃气 is the stored 湖南永州燃气, not the 衡阳市燃气 of a row before it); and
        the first earlier row at a conflicting place (`twin`)."""
        places = self._places(key)
        unclear = self._unclear_places(key, places)
        others = [(p, row) for p, row in places.items() if p not in unclear and (key, p) not in self._held]
        twin = min((row for p, row in others if row < number and places_conflict(place, p)), default=None)
        if place in unclear:
            return _Placing(rows=unclear[place], twin=twin)
        firm_first = False
        if firms:
            fitting = _closest(place, [*((p, (row, p)) for p, row in others if p != place), *firms])
            if len(fitting) > 1:
                self._held.add((key, place))
                rows = [item for item in fitting if isinstance(item, tuple)]
                return _Placing(rows=rows, firms=[item for item in fitting if isinstance(item, Node)], twin=twin)
            firm_first = bool(fitting) and isinstance(fitting[0], Node)
        earlier = [
            (self._found_at.get(row, p), (row, p))
            for p, row in others
            if row < number and row not in self._repeats and not (firm_first and p != place)
        ]
        return _Placing(rows=_closest(place, earlier), twin=twin)

    def repeated(self, key: str, place: Place, number: int, same: tuple[int, Place] | None) -> None:
        """Row `number` fits an earlier row: a later row repeats that one, not this; and when it repeats it (`same`,
        a row without a credit code, which decides alone), that one is known to be at both places."""
        if self._places(key).get(place) == number:
            self._repeats.add(number)
        if same is None:
            return
        row, at = same
        known = self._found_at.get(row, at)
        if (found := _narrowest(known, place)) != known:
            self._found_at[row] = found

    def matched(self, key: str, place: Place, number: int, firm: Place) -> None:
        """Row `number`, the first at its place, updates a stored firm at `firm`: later rows take it to be there."""
        places = self._places(key)
        if len(places) > 1 and places.get(place) == number and not places_conflict(place, firm):
            if (found := _narrowest(place, firm)) != place:
                self._found_at[number] = found


def _narrowest(one: Place, other: Place) -> Place:
    """Two places that do not conflict as one: each level either names (永州市燃气 and 湖南燃气: 湖南永州)."""
    found = (one[0] or other[0], one[1] or other[1], one[2] or other[2])
    return _PLACES.setdefault(found, found)


def _row_name(cells: list[Any], mapping: dict[str, list[int]]) -> str:
    return str(_cell(cells, mapping, "name")).strip()


def _row_code(cells: list[Any], mapping: dict[str, list[int]]) -> str:
    return str(_cell(cells, mapping, "credit_code")).replace(" ", "").upper()


def _note(cells: list[Any]) -> str | None:
    """The text of a notes row below (or inside) the data: one filled cell reading like a note, not like a
    company name (a name-only row such as 注塑模具厂 is an enterprise). `cells` as `_texts` reads them."""
    filled = [str(c) for c in cells if str(c).strip()]
    return filled[0] if len(filled) == 1 and _reads_as_note(filled[0]) else None


def _reads_as_note(text: str) -> bool:
    """Whether a cell reads like a note (数据来源……, 导出时间……) and not like a company name."""
    return bool(_NOTE_ROW.search(text) or STATED_DATE.search(text)) and not _COMPANY_WORDS.search(text)


def plan_import(
    store: GraphStore,
    file_name: str,
    raw: bytes,
    *,
    locality: str = Locality.LOCAL,
    accept_similar: bool = False,
    today: dt.date | None = None,
    as_of: dt.date | None = None,
) -> ImportPlan:
    """Read and validate a file against the graph; returns the plan (with per-row messages).

    Each firm keeps the file name and the import day `today` (default: the current date), and the date its
    figures are as of: `as_of` when given, else the export date the file states (`loaders.data_date`), else the
    import day; the plan's notices say which, so a target list can say how old the figures are.
    """
    today = today or dt.date.today()
    table = read_table(file_name, raw)
    dated = data_date_of(table.dates, today, as_of)
    planner = RowPlanner(
        store,
        file_name,
        table.header,
        table.rows,
        locality=locality,
        accept_similar=accept_similar,
        today=today,
        data_date=dated,
    )
    results, relationships = planner.plan(table.rows, table.problems)
    return ImportPlan(
        file_name=file_name,
        locality=locality,
        rows=results,
        relationships=relationships,
        extra_columns=planner.extra_columns,
        notices=[*table.notices, dated.check],
    )


def data_date_of(statements: Sequence[DateStatement], today: dt.date, given: dt.date | None) -> DataDate:
    """`choose_data_date`, a given date after `today` refused as an `ImportFileError`."""
    try:
        return choose_data_date(statements, today, given)
    except ValueError as exc:
        raise ImportFileError(f"{exc}。") from exc


class RowPlanner:
    """Validates and matches the rows of one file against the graph, a whole file or one batch at a time.

    Holds what every row is checked with (columns, places, segments, the matcher) and what later rows are
    checked against (keys seen in the file, existing enterprises claimed by a row), so the in-memory import and
    the streaming import decide every row by the same rules. Duplicates in the graph are found by indexed
    lookup (credit code, core name) of each batch's keys, and similar names by the store's character index
    (`GraphStore.similar_name_keys`), never by reading every enterprise.

    It is built from the file's rows (`names`: every row, in file order, as `plan` will get them; a stream may be a
    second reading of the file) and reads their names then (`_read_names`), so no row can be planned before the
    names of the whole file are known; `plan` refuses a row past the last one read.
    """

    def __init__(
        self,
        store: GraphStore,
        file_name: str,
        header: list[str],
        names: Iterable[tuple[int, Sequence[Any]]],
        *,
        locality: str = Locality.LOCAL,
        accept_similar: bool = False,
        today: dt.date | None = None,
        data_date: DataDate | None = None,
    ) -> None:
        mapping = map_columns(header)
        extras = extra_columns(header, mapping)
        capital = mapping.get("registered_capital_wan")
        unit = header_unit(header[capital[0]]) if capital else "万元"
        staff = mapping.get("insured_staff")
        staff_year = re.search(r"(?:19|20)[0-9]{2}", header[staff[0]]) if staff else None
        self.context = _RowContext(mapping, extras, unit, int(staff_year.group(0)) if staff_year else None)
        self.extra_columns = [header[i] or extras[i].removeprefix(EXTRA_PREFIX) for i in extras]
        self.store = store
        self.locality = locality
        self.accept_similar = accept_similar
        self.older = _older_keyed_enterprises(store)
        self.similar_keys: dict[str, list[str]] = {}
        self.batch_firms: set[str] = set()
        self.segment_ties: dict[str, list[Relationship]] | None = None
        self.parks = {n.name: n.id for n in store.nodes(NodeLabel.PARK)}
        self.counties = {n.name: n.id for n in store.nodes(NodeLabel.COUNTY)}
        self.counties |= {
            str(n.properties.get("short")): n.id for n in store.nodes(NodeLabel.COUNTY) if n.properties.get("short")
        }
        self.matcher = SegmentMatcher(store.nodes(NodeLabel.SEGMENT))
        day = today or dt.date.today()
        dated = data_date or choose_data_date((), day)
        self.stamp = {
            "source_file": file_name,
            "imported_on": day.isoformat(),
            "data_as_of": dated.as_of,
            "data_as_of_source": dated.source,
        }
        self.seen_codes: dict[str, int] = {}
        self.names = _FileNames()
        self.claimed: dict[str, int] = {}
        self.last_read = self._read_names(names)

    def _read_names(self, rows: Iterable[tuple[int, Sequence[Any]]]) -> int:
        """Remember the core name and place of every row of the file (notes rows aside) before any row is planned,
        so that a name is checked against the rows after it as well as those before (`_FileNames`): a file's rows
        are decided alike in any order. Reads a row's name cell, and its other cells only when that reads as a note.
        Returns the number of the last row read (0 for none)."""
        at = self.context.mapping["name"][0]
        last = 0
        for number, row in rows:
            name = str(_text(row[at])).strip() if at < len(row) else ""
            if name and not (_reads_as_note(name) and _note(_texts(list(row))) is not None):
                self.names.read(*_core_and_place(name), number)
            last = number
        return last

    def plan(
        self, rows: Sequence[tuple[int, list[Any]]], problems: dict[int, list[str]], *, tie_all: bool = True
    ) -> tuple[list[RowResult], list[Relationship]]:
        """Each row's result and the ties of the rows that will be written, in file order; rows must come in
        file order across calls (in-file duplicates point back to the first row), and be among those the planner
        read its names from (a row past the last of them is refused: it would be judged against part of the file).

        With tie_all=False only rows with a message are matched to segments (a check that writes nothing
        and reports only those rows need not match the rest; matching is most of the time a row takes).
        The segment ties of the batch's firms already in the graph (whose decisions by a person a re-import keeps)
        are read in one query for the batch, as the firms are (`_segment_ties`): one query a row cost a round trip
        each on Neo4j.
        """
        unread = [number for number, _ in rows if number > self.last_read]
        if unread:
            raise ValueError(
                f"row {unread[0]} is past the last row whose name this planner read ({self.last_read}): build the"
                " RowPlanner from all of the file's rows"
            )
        mapping = self.context.mapping
        read = [(number, row, _texts(row)) for number, row in rows]
        names = {number: name for number, _, cells in read if (name := _row_name(cells, mapping))}
        codes = {number: code for number, _, cells in read if (code := _row_code(cells, mapping))}
        by_code, by_core = self.store.enterprises_by_keys(
            set(codes.values()), {key for name in names.values() for key in _lookup_keys(name)}
        )
        by_core = _with_older_keyed(by_core, self.older)
        named = {number: _name_match(name, by_core) for number, name in names.items()}
        self.batch_firms = {n.id for n in by_code.values()} | {g.firm.id for g in named.values() if g.firm is not None}
        self.segment_ties = None
        if not self.accept_similar:
            self.similar_keys = self.store.similar_name_keys(
                {core_name(names[n]) for n, got in named.items() if got.firm is None and codes.get(n) not in by_code}
            )
        results: list[RowResult] = []
        relationships: list[Relationship] = []
        for number, row, cells in read:
            found = named.get(number, _NO_MATCH)
            result, ties = self._plan_row(number, row, cells, problems.get(number, []), by_code, found, tie_all)
            results.append(result)
            relationships += ties
        return results, relationships

    def _segment_ties(self, firm: str) -> list[Relationship]:
        """The segment ties of one of the batch's firms already in the graph: the first row that needs them reads
        those of every firm of the batch in one query (a check that writes nothing needs them only for the rows it
        reports, and may need none)."""
        if self.segment_ties is None:
            self.segment_ties = {}
            for rel in self.store.relationships_from(RelType.OPERATES_IN, self.batch_firms):
                self.segment_ties.setdefault(rel.start, []).append(rel)
        return self.segment_ties.get(firm, [])

    def _similar_enterprise(self, name: str) -> Node | None:
        """An existing enterprise whose name key difflib finds similar to the row's (`graph.similar`): among the
        keys sharing the row key's first character as their first or last, then those sharing its last, each group
        in key order, the first that is similar. The store finds the candidates by index; the enterprises an older
        chainkg keyed otherwise (`_older_keyed_enterprises`) are checked here, by their core name now.

        The place rule holds here too: firms whose place conflicts with the row's (`places_conflict`) are other
        firms however close their names, and firms with the row's very core name were decided by that rule
        already (`_name_match`), so neither is offered as 名称相近."""
        key = core_name(name)
        if len(key) < MIN_KEY_LENGTH:
            return None
        found = self.similar_keys.get(key)
        if found is None:
            found = self.store.similar_name_keys([key]).get(key, [])
        others = sorted({*found, *(other for other in self.older if could_be_similar(key, other))} - {key})
        place = place_of(name)
        for end in dict.fromkeys((key[0], key[-1])):
            for other in others:
                if end in (other[0], other[-1]) and is_similar(key, other):
                    held = _with_older_keyed(self.store.enterprises_by_keys((), [other])[1], self.older).get(other, [])
                    fitting = [n for n in reversed(held) if not places_conflict(place, firm_place(n))]
                    if fitting:
                        return fitting[0]
        return None

    def _plan_row(
        self,
        number: int,
        row: list[Any],
        cells: list[Any],
        problems: list[str],
        by_code: dict[str, Node],
        named: _NameMatch,
        tie_all: bool,
    ) -> tuple[RowResult, list[Relationship]]:
        """One row's result and ties; `named` is what the graph holds under the row's name (`_name_match`)."""
        note = _note(cells)
        if note is not None:
            return RowResult(number, "", "略过", [f"说明行（“{note[:40]}”），不是企业，未导入"]), []
        name = _row_name(cells, self.context.mapping)
        key, place = _core_and_place(name) if name else ("", NO_PLACE)
        placing = self.names.place(key, place, number, named.placed) if name else _Placing()
        uncoded = not _row_code(cells, self.context.mapping)
        if placing.same_as is not None:
            self.names.repeated(key, place, number, placing.rows[0] if uncoded else None)
        result = _validate_row(number, row, cells, self.context, self.seen_codes, placing, problems)
        if result.action == "拒绝":
            return result, []
        if result.unclear is not None:
            result.action, result.node = "待确认", None
            result.messages.append(result.unclear.note())
            return result, []
        props = result.node.properties if result.node else {}
        code = str(props.get("credit_code") or "")
        match = by_code.get(code) if code else None
        others: list[Node] = []
        if match is None:
            match, others = named.firm, named.others
            if named.unclear:
                result.action = "待确认"
                result.messages.append(
                    f"与已有的{_quoted(named.unclear)}简称相同，这几家地名不同，无法确定是哪一家："
                    "请写明含地名的全称或统一社会信用代码"
                )
                return result, []
            other_code = str(match.properties.get("credit_code") or "") if match else ""
            if match is not None and code and other_code and other_code != code:
                result.action = "待确认"
                result.messages.append(f"与已有企业“{match.name}”名称相同但统一社会信用代码不同，请确认是否同一家")
                return result, []
        if match is None and not self.accept_similar:
            similar = self._similar_enterprise(result.name)
            if similar is not None:
                result.action = "待确认"
                result.messages.append(f"与已有企业“{similar.name}”名称相近，确认是同一家或不同企业后再导入")
                return result, []
        if match is not None and match.id in self.claimed:
            result.action = "待确认"
            result.messages.append(f"与第 {self.claimed[match.id]} 行指向同一家已有企业“{match.name}”")
            return result, []
        core_taken = result.place_twin is not None or NAME_ID_PREFIX + core_name(result.name) in {n.id for n in others}
        node = _merged(result, match, props, self.locality, self.stamp, core_taken=core_taken)
        if match is not None:
            self.claimed[match.id] = number
            self.names.matched(key, place, number, firm_place(match))
        result.node = node
        if match is None:
            result.action = "新增"
            if others:
                result.messages.append(f"与已有的{_quoted(others)}简称相同但地名不同，按另一家企业新增")
            elif result.place_twin is not None:
                result.messages.append(f"与第 {result.place_twin} 行简称相同但地名不同，按另一家企业新增")
        else:
            unchanged = all(
                match.properties.get(k) == v
                for k, v in node.properties.items()
                if k not in self.stamp and k not in (NAME_KEY, FULL_NAME_KEY, OLDER_FIELDS)
            )
            kept = _kept_older(node)
            dated = _data_date_note(match, self.stamp, unchanged, partial=bool(kept))
            if dated:
                result.messages.append(dated)
            if dated.startswith(OLDER) and not unchanged:
                result.action, result.node = "待确认", None
                return result, []
            redated = not dated.startswith(OLDER) and _redates_fields(match, node)
            result.action = "更新" if not unchanged or redated or REFRESHED in dated else "不变"
            if result.action == "不变":
                result.node = None
            else:
                result.messages += kept
        if not (tie_all or result.messages or status_effect(result)):
            return result, []
        existing = self._segment_ties(match.id) if match else []
        ties = _ties(node, match, existing, self.matcher, self.parks, self.counties)
        result.segments = [_why(t) for t in ties if t.type == RelType.OPERATES_IN]
        matched = {t.end for t in ties}
        result.kept = sorted(key_of_id(r.end) for r in existing if r.end not in matched)
        return result, ties


REFRESHED = "数字未变，数据日期由"
"""What the check's note of a row whose figures are unchanged but whose file is a newer export says; a file that
leaves some of the firm's fields as before says 本文件提供的 first (`_kept_older` names those)."""
OLDER = "本文件的数据日期"
"""How the check begins the note of a row whose file is older than what the graph holds of the firm."""


def _data_date_note(match: Node, stamp: dict[str, str], unchanged: bool, *, partial: bool = False) -> str:
    """What the check says of an existing firm's data date. A newer export with the same figures still says they
    hold as of its date, so the row updates the date (else they stay 陈旧 by the old one). An older export (or an
    older --as-of) never overwrites newer data: with the same figures it changes nothing, with other figures (an old
    存续 over a later 注销, an old capital) the row waits for confirmation and is not written. A `partial` file, one
    lacking fields the firm holds from an earlier import, refreshes only the figures it gives."""
    stored = imported_as_of(match.properties)
    given = stamp["data_as_of"]
    if not stored or stored == given:
        return ""
    if given > stored:
        return f"{'本文件提供的' if partial else ''}{REFRESHED} {stored} 更新为 {given}" if unchanged else ""
    older = f"{OLDER} {given} 早于该企业已有数据的日期 {stored}"
    return older if unchanged else f"{older}：旧数据不覆盖新数据，此行未导入；如需更新，请导入较新的名录"


def _why(tie: Relationship) -> str:
    """One tie as the import check shows it: 模具（经营范围：“模具”，匹配度 0.85）."""
    fields = "、".join(FIELD_LABELS.get(f, f) for f in texts_prop(tie.properties, "fields"))
    words = "、".join(f"“{k}”" for k in texts_prop(tie.properties, "keywords"))
    confidence = tie.properties.get("confidence")
    score = f"，匹配度 {confidence:.2f}" if isinstance(confidence, float) else ""
    return f"{key_of_id(tie.end)}（{fields}：{words}{score}）" if fields else key_of_id(tie.end)


def _merged(
    result: RowResult,
    match: Node | None,
    props: dict[str, PropertyValue],
    locality: str,
    stamp: dict[str, str],
    *,
    core_taken: bool = False,
) -> Node:
    """The imported row as a node, stamped with its file and import date; an existing enterprise keeps its
    name, locality and source, except for what its 登记状态 calls for (`with_status_locality`: a dead local firm is
    former, a firm an import's status closed is local again once live). Sets `result.locality`. A new firm whose
    core-name id another firm of another place holds (`core_taken`) gets the id of its full-name key instead
    (enterprise:name:衡阳市燃气 beside enterprise:name:燃气)."""
    merged: dict[str, PropertyValue]
    occasion = f"{stamp['imported_on']} 导入“{stamp['source_file']}”"
    if match is None:
        merged = {**props, "locality": locality, "source": Source.IMPORT.value, **stamp}
        merged[NAME_KEY] = core_name(result.name)
        code = str(props.get("credit_code") or "")
        node = Node(id=_new_id(code, result.name, core_taken), label=NodeLabel.ENTERPRISE, properties=merged)
        node = with_status_locality(node, None, occasion)
        result.locality = str(node.properties["locality"])
        return node
    written = {**props, **_stale_parts(match, props)}
    merged = {**written, **stamp}
    older = _older_fields(match, written, stamp["data_as_of"])
    if older or OLDER_FIELDS in match.properties:
        merged[OLDER_FIELDS] = older
    if match.properties.get(NAME_KEY) != core_name(match.name):
        merged[NAME_KEY] = core_name(match.name)
    if props.get("name") != match.name:
        merged.pop("name", None)
        if not match.properties.get("full_name"):
            merged["full_name"] = props["name"]
            merged |= {k: v for k, v in name_keys(match.name, str(props["name"])).items() if k == FULL_NAME_KEY}
    node = with_status_locality(Node(id=match.id, label=NodeLabel.ENTERPRISE, properties=merged), match, occasion)
    kept = str(match.properties.get("locality") or "")
    result.locality = str(node.properties.get("locality", kept))
    if kept and kept != locality and result.locality == kept:
        known = Locality(kept).label if kept in Locality.labels() else kept
        result.messages.append(f"已有企业为“{known}”，保持不变")
    return node


def _stale_parts(match: Node, props: Mapping[str, PropertyValue]) -> dict[str, PropertyValue]:
    """What a row's figures leave of the earlier ones' extras (`_FIGURE_PARTS`), written empty: stores merge
    properties, so 500万元 over an earlier 100万美元 would keep 美元 and its rate date and read as converted. Both
    backends keep an empty text as it is, however the import writes (`SET n += …`, a staged switch, the embedded
    merge), which a removal by None is not; readers take it as absent. A figure the row lacks keeps its extras, as a
    missing column never erases data; the rate date goes only when neither capital the firm then holds is in a
    foreign currency."""
    stale: dict[str, PropertyValue] = {
        parts[-1]: ""
        for key, parts in _FIGURE_PARTS.items()
        if key in props and parts[-1] not in props and match.properties.get(parts[-1])
    }
    currencies = {key: _FIGURE_PARTS[key][-1] for key in CAPITAL_FIELDS}
    foreign = any(props.get(c) if key in props else match.properties.get(c) for key, c in currencies.items())
    if any(key in props for key in CAPITAL_FIELDS) and not foreign and match.properties.get(RATE_DATE):
        stale[RATE_DATE] = ""
    return stale


def _dated_field(key: str) -> bool:
    """Whether an import dates the property `key` of a firm: a field of COLUMNS (the name aside), what a row gives with
    a figure besides its amount (`_FIGURE_PARTS`, RATE_DATE), an extra column."""
    return (key in COLUMNS and key != "name") or key in _DATED_PARTS or key.startswith(EXTRA_PREFIX)


def _older_fields(match: Node, props: Mapping[str, PropertyValue], given: str) -> list[str]:
    """OLDER_FIELDS of a firm a row updates: each dated field the firm holds and the row does not give (no column, or
    the cell empty) keeps the date it had (`field_as_of`), unless that is the row's date; what the row gives is as of
    the row's date. It is computed for every matched row, but only one as new as the firm's data is written: for an
    older row (`_data_date_note`: 不变 or 待确认) a date kept may be newer than the row's, and the list is neither
    stored nor compared (`_redates_fields`)."""
    return [
        f"{key}={day or ''}"
        for key in sorted(match.properties)
        if _dated_field(key) and key not in props and (day := field_as_of(match.properties, key)) != given
    ]


def _redates_fields(match: Node, node: Node) -> bool:
    """Whether a row as new as the firm's data changes which of its fields are older (OLDER_FIELDS): an export of
    the same day giving a column the latest one lacked. A firm holding no such list changes only when its figures do
    (a firm stored before fields were dated, or from the plan). Not asked of an older row, whose list is reckoned
    against its own, older date (`_older_fields`)."""
    return OLDER_FIELDS in match.properties and texts_prop(node.properties, OLDER_FIELDS) != texts_prop(
        match.properties, OLDER_FIELDS
    )


def _kept_older(node: Node) -> list[str]:
    """What the check says of the fields a row leaves as an earlier export gave them (OLDER_FIELDS of the row's
    `node`): 本文件未提供参保人数，沿用原有数据（数据日期 2021-06-01）, one sentence per date, naming the template's
    columns in its order (COLUMNS) that the firm holds from an import; 所属行业 taken from the 国标行业 columns
    (`_validate_row`) is no column of the file and goes unsaid."""
    older = older_field_dates(node.properties)
    derived = next((node.properties[level] for level in _GB_LEVELS if level in node.properties), None)
    kept: dict[str, list[str]] = {}
    for key, titles in COLUMNS.items():
        day = older.get(key)
        if day and not (key == "industry" and node.properties.get(key) == derived):
            kept.setdefault(day, []).append(titles[0])
    return [f"本文件未提供{'、'.join(titles)}，沿用原有数据（数据日期 {day}）" for day, titles in sorted(kept.items())]


@dataclass(frozen=True)
class _RowContext:
    """What every row of one file is read with: its columns, extra columns and units."""

    mapping: dict[str, list[int]]
    extras: dict[int, str]
    unit: str
    staff_year: int | None


_SPECIAL_FIELDS = frozenset({"name", "credit_code", "insured_staff", "insured_year", *CAPITAL_FIELDS, *DATE_FIELDS})
TEXT_FIELDS = tuple(f for f in COLUMNS if f not in _SPECIAL_FIELDS and f not in LIST_FIELDS)
_GB_LEVELS = ("gb_class", "gb_group", "gb_division", "gb_section")


def _validate_row(
    number: int,
    row: list[Any],
    cells: list[Any],
    context: _RowContext,
    seen_codes: dict[str, int],
    placing: _Placing,
    problems: list[str],
) -> RowResult:
    """A row read and checked on its own and against the file's earlier rows (credit codes; names by `placing`, the
    place rule's verdict): 新增 with the node it would write, or 拒绝 with every problem said."""
    mapping = context.mapping
    name = _row_name(cells, mapping)
    result = RowResult(row=number, name=name[:MAX_NAME_CHARS], action="新增", messages=list(problems))
    props: dict[str, PropertyValue] = {}
    if not name:
        result.messages.append("企业名称为空")
    elif len(name) > MAX_NAME_CHARS:
        result.messages.append(
            f"企业名称过长（{len(name)} 字，上限 {MAX_NAME_CHARS} 字）：请检查是否多了引号或分列有误"
        )
    else:
        props["name"] = name
    code = _row_code(cells, mapping)
    if code:
        problem = credit_code_problem(code)
        if problem:
            result.messages.append(problem)
        elif code in seen_codes:
            result.messages.append(f"与第 {seen_codes[code]} 行的统一社会信用代码重复")
        else:
            seen_codes[code] = number
            props["credit_code"] = code
    result.place_twin = placing.twin
    if placing.same_as is not None and not code:
        result.messages.append(f"与第 {placing.same_as} 行的企业名称重复")
    elif placing.unclear and not code:
        result.unclear = placing
    for key in TEXT_FIELDS:
        value = str(_cell(cells, mapping, key)).strip()
        if value:
            props[key] = value
    if "industry" not in props and any(level in props for level in _GB_LEVELS):
        props["industry"] = next(props[level] for level in _GB_LEVELS if level in props)
    for key in LIST_FIELDS:
        items = _items(cells, mapping, key)
        if items:
            props[key] = items
    for key in CAPITAL_FIELDS:
        _capital(str(_cell(cells, mapping, key)).strip(), key, context.unit, props, result.messages)
    for key in DATE_FIELDS:
        value = _cell(cells, mapping, key)
        if str(value).strip():
            try:
                props[key] = parse_date(value)
            except ValueError as exc:
                result.messages.append(f"{COLUMNS[key][0]}：{exc}")
    _staff(
        str(_cell(cells, mapping, "insured_staff")), str(_cell(cells, mapping, "insured_year")), context, props, result
    )
    for index, key in context.extras.items():
        value = cells[index] if index < len(cells) else ""
        if str(value).strip():
            props[key] = value.isoformat() if isinstance(value, dt.date | dt.datetime) else str(value)
    if result.messages:
        result.action = "拒绝"
    else:
        result.node = Node.model_construct(id="enterprise:pending", label=NodeLabel.ENTERPRISE, properties=props)
    hidden = _hidden_characters(row, [*(i for indexes in mapping.values() for i in indexes), *context.extras])
    if hidden:
        result.messages.append(f"已删除不可见字符或控制字符（{'、'.join(hidden)}）")
    return result


def _capital(raw: str, key: str, unit: str, props: dict[str, PropertyValue], messages: list[str]) -> None:
    """A capital in 万元 of 人民币, its original text, and for a foreign currency the currency and rate date."""
    if not raw:
        return
    try:
        amount, currency = parse_capital(raw, unit if key == "registered_capital_wan" else "万元")
    except ValueError as exc:
        messages.append(f"{COLUMNS[key][0]}：{exc}")
        return
    text, foreign = _FIGURE_PARTS[key]
    props[key] = round(amount, 4)
    props[text] = raw
    if currency != "人民币":
        props[foreign] = currency
        props[RATE_DATE] = load_exchange_rates().as_of


def _staff(raw: str, year_raw: str, context: _RowContext, props: dict[str, PropertyValue], result: RowResult) -> None:
    """参保人数 (the best size signal of an export) and the annual report year it is from."""
    if raw.strip():
        staff = re.fullmatch(r"([0-9]+)\s*人?", raw.strip().replace(",", ""))
        if staff is None:
            result.messages.append(f"无法识别的参保人数“{raw}”（应为整数，如 120）")
        else:
            props["insured_staff"] = int(staff.group(1))
    year = re.search(r"(?:19|20)[0-9]{2}", year_raw)
    if year_raw.strip() and year is None:
        result.messages.append(f"无法识别的参保人数年份“{year_raw}”（示例：2023、2023年报）")
    elif year or (context.staff_year and "insured_staff" in props):
        props["insured_year"] = int(year.group(0)) if year else context.staff_year


def _hidden_characters(row: list[Any], indexes: Iterable[int]) -> list[str]:
    """The control, zero-width and bidi characters `normalise_text` removed from the row's imported cells,
    as U+XXXX, so the person importing sees that the stored text differs from the file."""
    found: set[str] = set()
    for index in indexes:
        value = row[index] if index < len(row) else None
        if isinstance(value, str) and not value.isprintable():
            found |= {f"U+{ord(c):04X}" for c in value if not (c.isprintable() or c.isspace() or normalise_text(c))}
    return sorted(found)


def _older_keyed_enterprises(store: GraphStore) -> dict[str, list[Node]]:
    """{name key: enterprises} an older chainkg keyed otherwise — stored without `NAME_KEY`, or with one computed
    before `core_name` dropped nested places (湖南永州样例纸业 keyed 永州样例纸业) — each under its `core_name` now and
    in id order, so an import still finds them by it, as the same firm or a similar name; each is keyed for good the
    next time an import updates it. One label scan for keys that are missing or begin with what `_PLACE_PREFIX` reads
    as a place (a key kept from before does); empty on stores loaded and imported since."""
    older: dict[str, list[Node]] = {}
    for node in store.nodes_without(NodeLabel.ENTERPRISE, NAME_KEY, or_matching=_PLACE_PREFIX.pattern + ".*"):
        key = core_name(node.name) if node.name else ""
        if key and node.properties.get(NAME_KEY) != key:
            older.setdefault(key, []).append(node)
    return {key: sorted(nodes, key=lambda n: n.id) for key, nodes in older.items()}


def _with_older_keyed(by_key: dict[str, list[Node]], older: dict[str, list[Node]]) -> dict[str, list[Node]]:
    """The indexed answers completed by the enterprises an older chainkg keyed otherwise (`_older_keyed_enterprises`),
    each key's in id order as in the store."""
    merged = dict(by_key)
    for key, nodes in older.items():
        held = {n.id: n for n in [*merged.get(key, []), *nodes]}
        merged[key] = [held[i] for i in sorted(held)]
    return merged


def _new_id(code: str, name: str, core_taken: bool = False) -> str:
    """The id of a new firm: from its credit code, else its core name, or its full-name key (place kept) when the
    core name's id belongs to a firm of another place. The same file imported again finds its firms by key, so
    their ids never need computing twice."""
    if code:
        return node_id(NodeLabel.ENTERPRISE, f"credit:{code}")
    return NAME_ID_PREFIX + (full_name_key(name) if core_taken else core_name(name))


PERSON_DECIDED = frozenset({CORRECTION, Basis.LEAD_LANDED.value})
"""Tie bases a re-import never overwrites: an editor's correction and a landing recorded on a lead."""


def _ties(
    node: Node,
    match: Node | None,
    existing: list[Relationship],
    matcher: SegmentMatcher,
    parks: dict[str, str],
    counties: dict[str, str],
) -> list[Relationship]:
    """Keyword-matched segment ties and places; a person's decisions (人工更正, exclusions, a landed lead) among the
    `existing` ties of the matched firm are kept."""
    props = node.properties
    excluded = set(texts_prop(match.properties, "excluded_segments")) if match else set()
    decided = {r.end for r in existing if r.properties.get("basis") in PERSON_DECIDED}
    texts, industries = enterprise_texts(
        Node.model_construct(id=node.id, label=node.label, properties={**(match.properties if match else {}), **props})
    )
    ties = [
        matched_tie(node.id, m)
        for m in matcher.match(texts, industries)
        if m.segment_id not in decided and key_of_id(m.segment_id) not in excluded
    ]
    for value, places in ((props.get("park"), parks), (props.get("county"), counties)):
        if value and str(value) in places:
            ties.append(
                Relationship(
                    type=RelType.LOCATED_IN,
                    start=node.id,
                    end=places[str(value)],
                    properties={"source": Source.IMPORT.value},
                )
            )
    return ties


def apply_import(store: GraphStore, plan: ImportPlan, *, valid_only: bool = False) -> int:
    """Write the plan in one atomic write; refuses a plan with problems unless `valid_only`."""
    if plan.has_errors and not valid_only:
        raise HeldImport(plan.summary(), Counter(r.action for r in plan.rows))
    data = to_write(plan.rows, plan.relationships)
    if data.nodes:
        store.write(data)
    return len(data.nodes)


def template_xlsx() -> bytes:
    """The import template: the recognised columns, and a sheet explaining each one."""
    book = Workbook()
    sheet = book.worksheets[0]  # a new workbook holds exactly one sheet
    sheet.title = "企业名录"
    sheet.append([titles[0] for titles in COLUMNS.values()])
    notes = book.create_sheet("填写说明")
    notes.append(["列名", "也可写作", "说明"])
    for key, titles in COLUMNS.items():
        required = "必填" if key in REQUIRED else "选填"
        notes.append([titles[0], "、".join(titles[1:]), f"{required}。{FORMAT_NOTES.get(key, '')}"])
    rates = load_exchange_rates()
    for line in (
        "企查查、天眼查、启信宝和国家企业信用信息公示系统的导出文件可直接导入：表头上方的标题、说明行会跳过，"
        "数据下方的备注行（如“数据来源……”）会略过并逐行说明；有多个工作表时读取含企业名称列的那一个。",
        "上表以外的列不会丢弃：按原列名保存为 extra_ 开头的附加属性（只保留汉字、字母、数字和下划线）。",
        f"外币资本按 {rates.as_of} 的汇率折算为万元人民币（{rates.source}，见 seed/reference/exchange_rates.yaml，"
        "可修改）；原文另存。",
        "每家企业记下导入的文件名和导入日期，以及数据日期：表头上方的说明行、数据下方的备注行或工作表名写有导出时间"
        "（如“导出时间：2026-11-20 14:32”“数据更新日期：2026年11月20日”“截至2026/11/20”）时取该日期，"
        "否则取导入日期；写有多个不同日期或晚于导入日期时不采用，按导入日期计并在导入检查中说明；"
        "导入时也可指定数据日期（命令行 --as-of，网页“数据日期”）。较新的名录没有某列或该格为空时，保留原有数字及其"
        "数据日期。招商目标名单中按各自数据日期超过三年的数字标为“陈旧”。",
    ):
        notes.append(["说明", "", line])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def read_file(path: Path) -> bytes:
    if path.stat().st_size > MAX_BYTES:
        raise ImportFileError(
            f"文件过大（{path.stat().st_size / 1024 / 1024:.1f} MB），上限 {MAX_BYTES // 1024 // 1024} MB。"
        )
    return path.read_bytes()


def rows_of(results: Iterable[RowResult]) -> list[dict[str, Any]]:
    """The plan as a table a person reads: 行号, 企业名称, 结果, 将关联的环节 (and why), 说明 (which also says what a
    written firm's 登记状态 does: a dead local firm is 已关停, a dead candidate never on a target list)."""
    return [
        {
            "行号": r.row,
            "企业名称": r.name,
            "结果": r.action,
            "将关联的环节": "；".join([*r.segments, *(["保留已有关联：" + "、".join(r.kept)] if r.kept else [])])
            or ("未匹配到任何环节" if r.node is not None else ""),
            "说明": "；".join([*r.messages, *_status_note(r)]),
        }
        for r in results
    ]


STATUS_EFFECTS = {
    "former": "记为已关停，不计入本地企业数与缺口",
    "off_lists": "保留在图谱中，不列入招商目标名单",
    "revived": "恢复为本地企业",
}
"""What a written row's 登记状态 does to its firm (`status_effect`), as the import check says it."""
STATUS_EFFECT_COUNTED = {"former": "本地企业记为已关停，不计入本地企业数与缺口", "off_lists": "不列入招商目标名单"}
"""The same, after a count of firms in an import's summary."""


def status_effect(result: RowResult) -> str | None:
    """What the row's 登记状态 does to the firm it writes (new or updated), a key of STATUS_EFFECTS, or None: a dead
    status makes a local firm former ("former"; loaders/status_locality.py) and keeps any other off target lists
    ("off_lists"); a live status brings back a firm an earlier import's status closed ("revived")."""
    if result.node is None or result.action not in ("新增", "更新"):
        return None
    status = text_prop(result.node.properties, "status")
    if status and dead_status_word(status):
        return "former" if result.locality == Locality.FORMER else "off_lists"
    if result.node.properties.get(FORMER_BY_STATUS) == "" and result.locality == Locality.LOCAL:
        return "revived"
    return None


def _status_note(result: RowResult) -> list[str]:
    """The note for a row whose 登记状态 changes what its firm counts as (`status_effect`)."""
    effect = status_effect(result)
    status = text_prop(result.node.properties, "status") if result.node is not None else None
    return [f"登记状态为“{status}”：{STATUS_EFFECTS[effect]}"] if effect else []
