"""Users' own enterprise lists (规上企业名录, 招商线索) → validated rows → one atomic write.

Reading accepts CSV in UTF-8, UTF-8 with BOM and GBK/GB18030 (Chinese Excel exports), and XLSX,
with the usual Chinese column titles. Validation happens completely before anything is written
and reports every problem with its spreadsheet row number in plain Chinese; a file with errors
changes nothing unless the user asks to import only the valid rows. Each enterprise is assigned
to segments by the same keyword matcher the targeting uses, with a confidence.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any

from openpyxl import Workbook, load_workbook

from graph.model import GraphData, Node, NodeLabel, PropertyValue, Relationship, RelType, Source, node_id
from graph.store import GraphStore
from graph.vocabulary import Locality
from loaders.matching import CORRECTION, SegmentMatcher, enterprise_texts, matched_tie, normalise_text

MAX_BYTES = 20 * 1024 * 1024
MAX_ROWS = 50_000
SIMILAR_NAME_RATIO = 0.8

COLUMNS: dict[str, tuple[str, ...]] = {
    "name": ("企业名称", "公司名称", "单位名称", "名称", "企业"),
    "credit_code": ("统一社会信用代码", "社会信用代码", "信用代码"),
    "province": ("所属省份", "省份", "省"),
    "city": ("所属城市", "城市", "市"),
    "county": ("所属区县", "区县", "县区"),
    "registered_capital_wan": ("注册资本", "注册资本（万元）", "注册资金"),
    "founded": ("成立日期", "成立时间", "注册日期"),
    "business_scope": ("经营范围", "主营业务"),
    "industry": ("所属行业", "行业", "国民经济行业"),
    "park": ("所在园区", "园区"),
    "scale": ("企业规模", "规模"),
}
REQUIRED = ("name",)
FORMAT_NOTES = {
    "registered_capital_wan": "金额，如 500万元、1.2亿元；只写数字时按万元计",
    "founded": "日期，如 2015-06-18、2015/6/18、2015年6月18日",
    "credit_code": "18 位，按 GB 32100-2015 校验",
    "scale": "大型 / 中型 / 小型 / 微型",
}

_CODE_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_CODE_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
_COMPANY_WORDS = re.compile(r"(股份有限公司|有限责任公司|有限公司|股份公司|集团|公司|分公司|厂)$")
_PLACE_PREFIX = re.compile(r"^(湖南省|湖南|永州市|永州|[\u4e00-\u9fa5]{2,3}(省|市|县|区))")


class ImportFileError(ValueError):
    """The file as a whole cannot be read (size, format, encoding, missing columns)."""


def credit_code_problem(code: str) -> str | None:
    """Why a 统一社会信用代码 is invalid under GB 32100-2015 (18 characters, check character), or None."""
    if len(code) != 18:
        return f"统一社会信用代码应为 18 位，实际 {len(code)} 位"
    bad = sorted({c for c in code if c not in _CODE_CHARS})
    if bad:
        return f"统一社会信用代码含非法字符：{''.join(bad)}（不使用 I、O、S、V、Z）"
    total = sum(_CODE_CHARS.index(c) * w for c, w in zip(code[:17], _CODE_WEIGHTS, strict=True))
    expected = _CODE_CHARS[(31 - total % 31) % 31]
    if code[17] != expected:
        return f"统一社会信用代码校验位错误：应为 {expected}，实际为 {code[17]}"
    return None


def core_name(name: str) -> str:
    """A company name without place prefixes and company-form suffixes, for duplicate detection."""
    text = normalise_text(name).replace(" ", "").replace("（", "(").replace("）", ")")
    text = re.sub(r"\(.*?\)", "", text)
    text = _PLACE_PREFIX.sub("", text)
    previous = None
    while previous != text:
        previous, text = text, _COMPANY_WORDS.sub("", text)
    return text or normalise_text(name)


def header_unit(title: str) -> str:
    """The amount unit a column title states, e.g. 注册资本(元) → 元; 万元 when it states none."""
    match = re.search(r"\((亿元|万元|元)\)", title)
    return match.group(1) if match else "万元"


def parse_amount_wan(raw: str, default_unit: str = "万元") -> float:
    """注册资本 → 万元: "500万元", "5亿元", "1,000万人民币", "5000000元"; a bare number is in `default_unit`."""
    text = normalise_text(raw).replace(",", "").replace("人民币", "").replace("(", "").replace(")", "")
    match = re.fullmatch(r"([0-9]+(?:\.[0-9]+)?)\s*(亿元|亿|万元|万|元)?", text)
    if not match:
        raise ValueError(f"无法识别的金额“{raw}”（示例：500万元、1.2亿元）")
    value, unit = float(match.group(1)), match.group(2) or default_unit
    return {"亿元": value * 10000, "亿": value * 10000, "元": value / 10000}.get(unit, value)


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


def _decode(raw: bytes) -> str:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ImportFileError("无法识别文件编码：请另存为 UTF-8 或 GBK 编码的 CSV，或 Excel（.xlsx）文件。")


def _xlsx_rows(raw: bytes) -> list[list[Any]]:
    """The first sheet's rows; the stored sheet size is ignored (some exporters write a wrong one)."""
    try:
        book = load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
        sheet = book.worksheets[0]
        sheet.reset_dimensions()
        rows = []
        for row in sheet.iter_rows(values_only=True):
            rows.append(list(row))
            if len(rows) > MAX_ROWS + 1:
                break
    except Exception as exc:  # openpyxl raises many kinds of errors for broken files
        raise ImportFileError(f"无法读取 Excel 文件：{type(exc).__name__}。请确认是 .xlsx 格式且未加密。") from exc
    return rows


def read_table(name: str, raw: bytes) -> tuple[list[str], list[tuple[int, list[Any]]]]:
    """Header and (row number as the spreadsheet shows it, cells) of a CSV or XLSX file given as bytes."""
    if len(raw) > MAX_BYTES:
        raise ImportFileError(f"文件过大（{len(raw) / 1024 / 1024:.1f} MB），上限 {MAX_BYTES // 1024 // 1024} MB。")
    if not raw.strip():
        raise ImportFileError("文件是空的。")
    if raw[:4] == b"\xd0\xcf\x11\xe0" or name.lower().endswith(".xls"):
        raise ImportFileError("这是旧版 Excel（.xls）文件：请在 Excel 或 WPS 中另存为 .xlsx 或 CSV 后再导入。")
    if name.lower().endswith(".xlsx") or raw[:2] == b"PK":
        rows = _xlsx_rows(raw)
    else:
        text = _decode(raw)
        try:
            dialect = csv.Sniffer().sniff(text[:4096], delimiters=",\t;")
        except csv.Error:
            dialect = csv.excel
        try:
            rows = list(csv.reader(io.StringIO(text, newline=""), dialect))
        except csv.Error as exc:
            raise ImportFileError(f"CSV 格式有误（{exc}）。请用 Excel 另存为 CSV 或 .xlsx 后重试。") from exc
    numbered = [(n, r) for n, r in enumerate(rows, start=1) if any(str(c).strip() for c in r if c is not None)]
    if not numbered:
        raise ImportFileError("文件中没有数据。")
    if len(numbered) - 1 > MAX_ROWS:
        raise ImportFileError(f"行数过多（{len(numbered) - 1} 行），单次导入上限 {MAX_ROWS} 行，请分批导入。")
    header = [normalise_text(str(c or "")).replace(" ", "") for c in numbered[0][1]]
    return header, numbered[1:]


def map_columns(header: list[str]) -> dict[str, int]:
    """Field → column index, recognising the usual Chinese titles (a unit in brackets is allowed,
    e.g. 注册资本(万元)); refuses files without 企业名称."""
    mapping: dict[str, int] = {}
    for field_name, titles in COLUMNS.items():
        for index, title in enumerate(header):
            if title in titles or title.split("(")[0] in titles:
                mapping.setdefault(field_name, index)
    missing = [COLUMNS[f][0] for f in REQUIRED if f not in mapping]
    if missing:
        raise ImportFileError(
            f"缺少必需的列：{'、'.join(missing)}。识别的列名见导入模板（chainkg import template）；"
            f"文件中的列为：{'、'.join(h for h in header if h) or '（无）'}。"
        )
    return mapping


@dataclass
class RowResult:
    row: int
    name: str
    action: str  # 新增 | 更新 | 不变 | 拒绝 | 待确认
    messages: list[str] = field(default_factory=list)
    node: Node | None = None


@dataclass
class ImportPlan:
    """What an import would do, row by row; nothing is written until `apply_import`."""

    file_name: str
    locality: str
    rows: list[RowResult]
    relationships: list[Relationship]
    ignored_columns: list[str] = field(default_factory=list)

    def count(self, action: str) -> int:
        return sum(r.action == action for r in self.rows)

    @property
    def has_errors(self) -> bool:
        return any(r.action in ("拒绝", "待确认") for r in self.rows)

    def summary(self) -> str:
        parts = [f"{a} {self.count(a)} 行" for a in ("新增", "更新", "不变", "拒绝", "待确认") if self.count(a)]
        ignored = f"未识别、未导入的列：{'、'.join(self.ignored_columns)}。" if self.ignored_columns else ""
        return f"{self.file_name}：" + ("，".join(parts) or "没有数据行") + "。" + ignored


def _cell(row: list[Any], mapping: dict[str, int], key: str) -> Any:
    index = mapping.get(key)
    if index is None or index >= len(row) or row[index] is None:
        return ""
    value = row[index]
    return value if isinstance(value, dt.date | dt.datetime) else normalise_text(str(value))


def plan_import(
    store: GraphStore,
    file_name: str,
    raw: bytes,
    *,
    locality: str = Locality.LOCAL,
    accept_similar: bool = False,
) -> ImportPlan:
    """Read and validate a file against the graph; returns the plan (with per-row messages)."""
    header, data = read_table(file_name, raw)
    mapping = map_columns(header)
    unit = header_unit(header[mapping["registered_capital_wan"]]) if "registered_capital_wan" in mapping else "万元"
    ignored = [h for i, h in enumerate(header) if h and i not in mapping.values()]
    existing = store.nodes(NodeLabel.ENTERPRISE)
    by_code = {str(n.properties["credit_code"]): n for n in existing if n.properties.get("credit_code")}
    by_core = {core_name(n.name): n for n in existing}
    similar_index = _SimilarNames(by_core)
    parks = {n.name: n.id for n in store.nodes(NodeLabel.PARK)}
    counties = {n.name: n.id for n in store.nodes(NodeLabel.COUNTY)}
    counties |= {
        str(n.properties.get("short")): n.id for n in store.nodes(NodeLabel.COUNTY) if n.properties.get("short")
    }
    matcher = SegmentMatcher(store.nodes(NodeLabel.SEGMENT))
    seen_codes: dict[str, int] = {}
    seen_names: dict[str, int] = {}
    claimed: dict[str, int] = {}
    results: list[RowResult] = []
    relationships: list[Relationship] = []
    for number, row in data:
        result = _validate_row(number, row, mapping, unit, seen_codes, seen_names)
        results.append(result)
        if result.action == "拒绝":
            continue
        props = result.node.properties if result.node else {}
        code = str(props.get("credit_code") or "")
        match = by_code.get(code) if code else None
        if match is None:
            match = by_core.get(core_name(result.name))
            other_code = str(match.properties.get("credit_code") or "") if match else ""
            if match is not None and code and other_code and other_code != code:
                result.action = "待确认"
                result.messages.append(f"与已有企业“{match.name}”名称相同但统一社会信用代码不同，请确认是否同一家")
                continue
        if match is None and not accept_similar:
            similar = similar_index.find(result.name)
            if similar is not None:
                result.action = "待确认"
                result.messages.append(f"与已有企业“{similar.name}”名称相近，确认是同一家或不同企业后再导入")
                continue
        if match is not None and match.id in claimed:
            result.action = "待确认"
            result.messages.append(f"与第 {claimed[match.id]} 行指向同一家已有企业“{match.name}”")
            continue
        node = _merged(result, match, props, locality, file_name)
        if match is not None:
            claimed[match.id] = number
        result.node = node
        if match is None:
            result.action = "新增"
        else:
            unchanged = all(match.properties.get(k) == v for k, v in node.properties.items() if k != "source_file")
            result.action = "不变" if unchanged else "更新"
            if unchanged:
                result.node = None
        relationships += _ties(store, node, match, matcher, parks, counties)
    return ImportPlan(
        file_name=file_name, locality=locality, rows=results, relationships=relationships, ignored_columns=ignored
    )


def _merged(
    result: RowResult, match: Node | None, props: dict[str, PropertyValue], locality: str, file_name: str
) -> Node:
    """The imported row as a node; an existing enterprise keeps its name, locality and source."""
    if match is None:
        merged = {**props, "locality": locality, "source": Source.IMPORT.value, "source_file": file_name}
        return Node(
            id=_new_id(str(props.get("credit_code") or ""), result.name), label=NodeLabel.ENTERPRISE, properties=merged
        )
    merged = {**props, "source_file": file_name}
    if props.get("name") != match.name:
        merged.pop("name", None)
        if not match.properties.get("full_name"):
            merged["full_name"] = props["name"]
    kept = match.properties.get("locality")
    if kept and kept != locality:
        known = Locality(kept).label if kept in Locality.labels() else kept
        result.messages.append(f"已有企业为“{known}”，保持不变")
    return Node(id=match.id, label=NodeLabel.ENTERPRISE, properties=merged)


def _validate_row(
    number: int,
    row: list[Any],
    mapping: dict[str, int],
    unit: str,
    seen_codes: dict[str, int],
    seen_names: dict[str, int],
) -> RowResult:
    name = str(_cell(row, mapping, "name")).strip()
    result = RowResult(row=number, name=name, action="新增")
    props: dict[str, PropertyValue] = {}
    if not name:
        result.messages.append("企业名称为空")
    else:
        props["name"] = name
    code = str(_cell(row, mapping, "credit_code")).replace(" ", "").upper()
    if code:
        problem = credit_code_problem(code)
        if problem:
            result.messages.append(problem)
        elif code in seen_codes:
            result.messages.append(f"与第 {seen_codes[code]} 行的统一社会信用代码重复")
        else:
            seen_codes[code] = number
            props["credit_code"] = code
    if name:
        key = core_name(name)
        if key in seen_names and not code:
            result.messages.append(f"与第 {seen_names[key]} 行的企业名称重复")
        seen_names.setdefault(key, number)
    for key in ("province", "city", "county", "business_scope", "industry", "park", "scale"):
        value = str(_cell(row, mapping, key)).strip()
        if value:
            props[key] = value
    capital = _cell(row, mapping, "registered_capital_wan")
    if str(capital).strip():
        try:
            props["registered_capital_wan"] = round(parse_amount_wan(str(capital), unit), 4)
        except ValueError as exc:
            result.messages.append(str(exc))
    founded = _cell(row, mapping, "founded")
    if str(founded).strip():
        try:
            props["founded"] = parse_date(founded)
        except ValueError as exc:
            result.messages.append(str(exc))
    if result.messages:
        result.action = "拒绝"
    else:
        result.node = Node.model_construct(id="enterprise:pending", label=NodeLabel.ENTERPRISE, properties=props)
    return result


class _SimilarNames:
    """Existing core names bucketed by first and last character, so a file is checked in linear time."""

    def __init__(self, by_core: dict[str, Node]) -> None:
        self._buckets: dict[str, list[tuple[str, Node]]] = {}
        for key, node in by_core.items():
            for char in {key[:1], key[-1:]}:
                self._buckets.setdefault(char, []).append((key, node))

    def find(self, name: str) -> Node | None:
        key = core_name(name)
        if len(key) < 3:
            return None
        for char in dict.fromkeys((key[:1], key[-1:])):
            for other, node in self._buckets.get(char, []):
                if abs(len(other) - len(key)) <= 2 and SequenceMatcher(None, key, other).ratio() >= SIMILAR_NAME_RATIO:
                    return node
        return None


def _new_id(code: str, name: str) -> str:
    return node_id(NodeLabel.ENTERPRISE, f"credit:{code}" if code else f"name:{core_name(name)}")


def _ties(
    store: GraphStore,
    node: Node,
    match: Node | None,
    matcher: SegmentMatcher,
    parks: dict[str, str],
    counties: dict[str, str],
) -> list[Relationship]:
    """Keyword-matched segment ties and places; a person's corrections (人工更正, exclusions) are kept."""
    props = node.properties
    excluded = set(match.properties.get("excluded_segments") or []) if match else set()  # type: ignore[arg-type]
    corrected = (
        {
            r.end
            for r in store.relationships(RelType.OPERATES_IN, start=match.id)
            if r.properties.get("basis") == CORRECTION
        }
        if match
        else set()
    )
    texts, industries = enterprise_texts(
        Node.model_construct(id=node.id, label=node.label, properties={**(match.properties if match else {}), **props})
    )
    ties = [
        matched_tie(node.id, m)
        for m in matcher.match(texts, industries)
        if m.segment_id not in corrected and m.segment_id.split(":", 1)[1] not in excluded
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
        raise ImportFileError(f"{plan.summary()} 文件中有问题行，未导入任何数据。修正后重新导入，或选择只导入有效行。")
    nodes = [r.node for r in plan.rows if r.node is not None and r.action in ("新增", "更新")]
    ids = {n.id for n in nodes}
    rels = [r for r in plan.relationships if r.start in ids]
    if nodes:
        store.write(GraphData(nodes=nodes, relationships=rels))
    return len(nodes)


def template_xlsx() -> bytes:
    """The import template: the recognised columns, and a sheet explaining each one."""
    book = Workbook()
    sheet = book.active
    sheet.title = "企业名录"
    sheet.append([titles[0] for titles in COLUMNS.values()])
    notes = book.create_sheet("填写说明")
    notes.append(["列名", "也可写作", "说明"])
    for key, titles in COLUMNS.items():
        required = "必填" if key in REQUIRED else "选填"
        notes.append([titles[0], "、".join(titles[1:]), f"{required}。{FORMAT_NOTES.get(key, '')}"])
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
    """The plan as a table a person reads: 行号, 企业名称, 结果, 说明."""
    return [{"行号": r.row, "企业名称": r.name, "结果": r.action, "说明": "；".join(r.messages)} for r in results]
