"""Investment targets for a gap: ranked external candidates, each with a plain-language reason.

For the investment-promotion team (招商): who could fill this missing link? Candidates were
matched to segments once, when they were loaded or imported (loaders/matching.py), so a target
list is a lookup of the segment's matched candidates, scored and sorted — no text is searched
at query time. A list shows 确认 matches by default and says how many 待定 ones it left out;
with `include_pending` they follow the 确认 ones. Each target's first reason is a sentence a
caller can say on the phone: what the firm makes, which local firms would buy it, what the plan
says about the segment and which park fits it — the segment's part is worked out once per list.

Only live firms are ranked: a firm whose registration status says 注销, 吊销, 迁出, 停业 or 清算 stays in
the graph but never appears on a list, and the list says how many were left out and why. Listed
firms under risk warning (ST, *ST, PT) or delisting (退市) are flagged and ranked down. Every figure
carries the date it describes and where it came from; figures older than three years are marked 陈旧.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import NamedTuple

from graph.model import (
    Node,
    NodeLabel,
    PropertyValue,
    RelType,
    key_of_id,
    node_id,
    number_prop,
    text_prop,
    texts_prop,
)
from graph.store import EnterpriseTie, GraphStore, NotFound
from graph.vocabulary import Locality, MatchGrade, dead_status_word
from loaders.matching import FIELD_LABELS
from queries.evidence import resolve_evidence
from queries.leads import lead_statuses
from queries.network import SuppliedSegment, held_for_segments, one_change_check, supplied_segments
from queries.provenance import field_as_of, imported_as_of

GREATER_BAY_CITIES = ("广州市", "深圳市", "珠海市", "佛山市", "惠州市", "东莞市", "中山市", "江门市", "肇庆市")
CHANGZHUTAN_CITIES = ("长沙市", "株洲市", "湘潭市")


@dataclass(frozen=True)
class Region:
    name: str
    priority: float
    provinces: tuple[str, ...] = ()
    cities: tuple[str, ...] = ()

    def contains(self, province: str, city: str) -> bool:
        return (city in self.cities) if self.cities else province in self.provinces


DEFAULT_REGIONS: tuple[Region, ...] = (
    Region("粤港澳大湾区", 1.0, cities=GREATER_BAY_CITIES),
    Region("粤港澳大湾区", 1.0, provinces=("香港特别行政区", "澳门特别行政区")),
    Region("广东省（大湾区以外或城市未知）", 0.8, provinces=("广东省",)),
    Region("长三角", 0.8, provinces=("上海市", "江苏省", "浙江省", "安徽省")),
    Region("长株潭", 0.7, cities=CHANGZHUTAN_CITIES),
    Region("湖南省内", 0.6, provinces=("湖南省",)),
)
"""The plan's order: 粤港澳大湾区 first, then 长三角, then 长株潭 and the rest of Hunan; others get OTHER_PRIORITY."""
OTHER_PRIORITY = 0.3
BUYERS_SHOWN = 3
"""Local buyers named per downstream segment in a reason (more would not fit a phone sentence)."""
QUOTE_CHARS = 40
PARKS_SHOWN = 3
NAMES_CHECKED = 100
"""Ranked names checked against local firms' names per lookup: a list of 50 rarely needs a second lookup."""


RISK_PENALTY = 0.5
"""Score factor for a listed firm under risk warning or delisted: it stays on the list, below sound firms."""
_RISK_NAME = re.compile(r"^(\*?S?\*?ST|PT)(?![A-Za-z])|^退市|退$")
STALE_YEARS = 3
POOL_FIGURES_YEAR = 2016
POOL_CLASSIFICATION_YEAR = 2021
"""The pool's dates (seed/candidates/README.md): 2016 financial table, Shenwan 2021 classification."""
SIZE_CLASSES = ("大型", "中型", "小型", "微型", "上市公司（规模未分）", "规模未知")
_STAFF_CLASSES = ((1000, "大型"), (300, "中型"), (20, "小型"), (0, "微型"))
"""Employee bands of the industrial thresholds in 《统计上大中小微型企业划分办法（2017）》 (国统字〔2017〕213 号);
the official rule also needs revenue, which exports rarely carry, so 参保人数 alone gives an approximate class."""


@dataclass(frozen=True)
class Weights:
    match: float = 0.5
    scale: float = 0.25
    region: float = 0.25


@dataclass(frozen=True)
class Target:
    name: str
    enterprise_id: str
    full_name: str | None
    score: float
    province: str | None
    city: str | None
    region: str
    matched_keywords: list[str]
    industry: str | None
    reasons: list[str] = field(default_factory=list)
    grade: str = MatchGrade.CONFIRMED.label
    evidence: list[str] = field(default_factory=list)
    credit_code: str | None = None
    stock_code: str | None = None
    status: str | None = None
    legal_representative: str | None = None
    phones: list[str] = field(default_factory=list)
    emails: list[str] = field(default_factory=list)
    website: str | None = None
    address: str | None = None
    size: str | None = None
    """The size figure with its year: 参保 85 人（2023 年报）, 2016 年总资产 12.3 亿元, or 企业规模 as given."""
    size_class: str = "规模未知"
    capital: str | None = None
    """注册资本 as the file wrote it, a foreign currency with its 万元 of 人民币 and the rate date (`capital_text`)."""
    as_of: str | None = None
    """When the figures describe: a year (2016) or a data date (2026-11-20); each figure named with its own when the
    size figure and the 注册资本 differ (参保人数 2021-06-01；注册资本 2026-11-20: a later export lacked 参保人数)."""
    data_source: str | None = None
    freshness: str = ""
    """陈旧 when the figures are more than three years older than the list's date, 陈旧（参保人数） when only those
    named are, else empty."""
    risk: str | None = None
    """ST, *ST, PT or 退市 for a listed firm under risk warning or delisted."""
    lead_status: str | None = None
    """The 招商线索 status label when the team has a lead on this firm for this segment (queries/leads.py)."""


@dataclass(frozen=True)
class TargetList:
    segment: str
    candidates_considered: int
    targets: list[Target]
    message: str
    pending: int = 0
    """Candidates matched only as 待定 (left out unless `include_pending`)."""
    excluded: dict[str, int] = field(default_factory=dict)
    """Matched firms never ranked because they are not live, counted by registration status (注销, 吊销 …)."""


@dataclass(frozen=True)
class SegmentContext:
    """What a target list says about its segment, the same for every firm on it (worked out once per list)."""

    segment: str
    buyers: list[tuple[str, list[str]]]
    """(downstream segment, local enterprises in it) for each downstream segment with local firms."""
    parks: list[str]
    """Parks whose 一主一特 covers a chain of the segment, with that industry (零陵产业开发区（一主：…）)."""
    plan_quote: str | None
    indirect_buyers: list[tuple[str, str, list[str]]] = field(default_factory=list)
    """(segment between, buyer segment, its local enterprises) two SUPPLIES steps down, when no segment directly
    downstream has local firms: 模具 → 电机外壳 → 步进电机 (科力尔电机). The plan's headline gaps are such links."""


def dead_status(props: Mapping[str, PropertyValue]) -> str | None:
    """The word of a firm's 登记状态 that rules it out (注销, 吊销, 迁出, 停业, 清算 …), or None if it is live."""
    return dead_status_word(text_prop(props, "status") or "")


def risk_flag(props: Mapping[str, PropertyValue]) -> str | None:
    """ST / *ST / PT / 退市 for a listed firm under risk warning or delisted (from its short name or status)."""
    if "退市" in (text_prop(props, "status") or ""):
        return "退市"
    match = _RISK_NAME.search(text_prop(props, "name") or "")
    if match is None:
        return None
    return "退市" if "退" in match.group(0) else match.group(0).replace("S*", "*")


def is_stale(as_of: str | None, today: dt.date) -> bool:
    """Whether figures dated `as_of` (a year, or yyyy-mm-dd) are more than three years old on `today`."""
    if not as_of:
        return False
    day = dt.date(int(as_of), 12, 31) if as_of.isdigit() else dt.date.fromisoformat(as_of)
    cutoff = today.replace(year=today.year - STALE_YEARS, day=min(today.day, 28) if today.month == 2 else today.day)
    return day < cutoff


class Size(NamedTuple):
    """A firm's size as a person reads it (with its year), its class, which figure gave it and the date that figure
    describes (its annual report year, 2016 for the pool's assets, else its data date: `field_as_of`)."""

    text: str | None
    size_class: str
    figure: str | None
    as_of: str | None


def size_of(props: Mapping[str, PropertyValue]) -> Size:
    """The size figure a target shows: 参保人数, else the pool's 2016 total assets, else 企业规模 as given."""
    staff, year = number_prop(props, "insured_staff"), _staff_year(props)
    scale = text_prop(props, "scale")
    assets = number_prop(props, "total_assets_2016_wan")
    if staff is not None:
        when = f"（{int(year)} 年报）" if year else ""
        day = str(int(year)) if year else field_as_of(props, "insured_staff")
        return Size(f"参保 {int(staff)} 人{when}", _size_class(props)[0], "参保人数", day)
    if assets is not None and assets > 0:
        figure = f"{POOL_FIGURES_YEAR} 年总资产 {assets / 10000:,.1f} 亿元"
        return Size(figure, "上市公司（规模未分）", "总资产", str(POOL_FIGURES_YEAR))
    if scale:
        return Size(scale, _size_class(props)[0], "企业规模", field_as_of(props, "scale"))
    return Size(None, "上市公司（规模未分）" if props.get("stock_code") else "规模未知", None, None)


def _staff_year(props: Mapping[str, PropertyValue]) -> float | None:
    """The annual report year of the 参保人数, when it is that figure's: an export with 参保人数 and no year leaves
    the year an earlier export gave, dated apart (`field_as_of`), which says nothing of the newer figure."""
    year = number_prop(props, "insured_year")
    return year if year and field_as_of(props, "insured_year") == field_as_of(props, "insured_staff") else None


_SIZE_CLASS_WORD = re.compile(r"(?<![大中小微])[大中小微]型")
"""A size class word on its own: 大型 in L(大型), but nothing in 中小型 or 大中型 (two classes run together)."""


def _size_class(props: Mapping[str, PropertyValue]) -> tuple[str, str | None]:
    """(大型/中型/小型/微型 or 规模未知, what gave it: "scale" for 企业规模 as given, "staff" for the 参保人数 band).

    企业规模 as given wins over the band: an export's own class may rest on revenue, which the band cannot see. It
    counts when it names exactly one class, however written (小型, S(小型), 小型企业); 中小型, 大中型 and 小微 name
    none alone.

    >>> _size_class({"scale": "L(大型)"}), _size_class({"scale": "中小型企业", "insured_staff": 25})
    (('大型', 'scale'), ('小型', 'staff'))
    """
    named = _SIZE_CLASS_WORD.findall(text_prop(props, "scale") or "")
    if len(named) == 1:
        return named[0], "scale"
    staff = number_prop(props, "insured_staff")
    if staff is not None:
        return _staff_band(staff), "staff"
    return "规模未知", None


def _staff_band(staff: float) -> str:
    """The class of `_STAFF_CLASSES` that a 参保人数 falls in."""
    return next(size_class for floor, size_class in _STAFF_CLASSES if staff >= floor)


_BARE_AMOUNT = re.compile(r"[\d,.\s]+")


def capital_text(props: Mapping[str, PropertyValue]) -> str | None:
    """注册资本 as imported (100万美元), with the 万元 of 人民币 it was converted to and the rate table's date when the
    currency is foreign: 100万美元（约 718 万元人民币，按 2024-12-31 汇率折算）."""
    text = text_prop(props, "registered_capital_text")
    wan = number_prop(props, "registered_capital_wan")
    if text and wan is not None and _BARE_AMOUNT.fullmatch(text):
        return f"{wan:,.2f}".rstrip("0").rstrip(".") + " 万元"  # the unit was in the column title: 注册资本(元)
    if not text or not text_prop(props, "registered_capital_currency") or wan is None:
        return text
    return f"{text}（约 {wan:,.0f} 万元人民币，按 {text_prop(props, 'exchange_rates_as_of') or '汇率表'} 汇率折算）"


def figure_dates(props: Mapping[str, PropertyValue], size: Size) -> list[tuple[str, str]]:
    """(figure, the date it describes) of the dated figures a target shows: its size figure and its 注册资本, each by
    its own date (`field_as_of`), so a figure a later export lacked keeps the earlier export's date."""
    shown = [(size.figure, size.as_of)] if size.figure else []
    if capital_text(props):
        shown.append(("注册资本", field_as_of(props, "registered_capital_wan")))
    return [(figure, day) for figure, day in shown if figure and day]


def _dated_source(props: Mapping[str, PropertyValue], dated: list[tuple[str, str]]) -> tuple[str | None, str | None]:
    """(as-of, source) of a firm's figures. As-of: the date of its dated figures (`figure_dates`), each named when they
    differ; without any, the imported file's data date or the pool's year. Source: the pool's tables, or the latest
    imported file, its data date (`imported_as_of`; where the file or the import stated it) and the import day."""
    days = list(dict.fromkeys(day for _, day in dated))
    figures = days[0] if len(days) == 1 else "；".join(f"{figure} {day}" for figure, day in dated) or None
    if props.get("source_file"):
        imported, latest = text_prop(props, "imported_on"), imported_as_of(props)
        stated = text_prop(props, "data_as_of_source") if latest != imported else None
        when = "；".join(
            [*([f"{imported} 导入"] if imported else []), *([f"数据日期 {latest} 取自{stated}"] if stated else [])]
        )
        return figures or latest, f"导入：{props['source_file']}" + (f"（{when}）" if when else "")
    if props.get("stock_code"):
        return figures or str(POOL_CLASSIFICATION_YEAR), (
            f"A 股上市公司库（财务 {POOL_FIGURES_YEAR} 年，申万行业分类 {POOL_CLASSIFICATION_YEAR} 年）"
        )
    return figures, text_prop(props, "source")


def region_of(province: str, city: str, regions: Sequence[Region] = DEFAULT_REGIONS) -> tuple[str, float]:
    for region in regions:
        if region.contains(province, city):
            return region.name, region.priority
    return ("其他地区" if province else "地区未知"), OTHER_PRIORITY


def _scale(total_assets_wan: float | None) -> float:
    """0–1 on a log scale: 1 亿元 → 0.0, 1,000 亿元 and above → 1.0."""
    if total_assets_wan is None or total_assets_wan <= 0:
        return 0.0
    return max(0.0, min(1.0, (math.log10(total_assets_wan) - 4) / 3))


SIZE_CLASS_SCORES: dict[str, float] = {"大型": 0.4, "中型": 0.2, "小型": 0.05, "微型": 0.0}
"""Size score of a firm known only by its class (参保人数 band or 企业规模 as given), on the 0–1 scale of `_scale`.

A judgement chosen to be comparable, not a conversion: 《统计上大中小微型企业划分办法（2017）》 classes industrial
firms by employees and revenue, never by total assets, so no official figure places a class on the assets scale.
The values are kept low so that a bare class label does not outrank a listed firm's reported figure: on the listed
pool (seed/candidates/listed_companies.csv, 2,927 firms with 2016 total assets) the median firm's 36.6 亿元 scores
0.52 and the lower quartile's 17.0 亿元 0.41, so 大型 (0.4, the score of about 16 亿元) stays below 77 % of listed
firms; 中型 (0.2, about 4 亿元) and 小型 (0.05, about 1.4 亿元) below 98 % and 99.7 % of them; 微型 adds nothing.
A class still separates imported firms: with the default weights 大型 ranks 10 points above 微型, all else equal.
"""


def size_score(props: Mapping[str, PropertyValue]) -> float:
    """A firm's size term in [0, 1]: its 2016 total assets on `_scale` when it has them (a dated, reported figure,
    used even when 参保人数 is known too), else its size class by SIZE_CLASS_SCORES; 0 when the size is unknown.

    >>> size_score({"total_assets_2016_wan": 1_000_000.0}), size_score({"insured_staff": 1200}), size_score({})
    (0.6666666666666666, 0.4, 0.0)
    """
    assets = number_prop(props, "total_assets_2016_wan")
    if assets is not None and assets > 0:
        return _scale(assets)
    return SIZE_CLASS_SCORES.get(_size_class(props)[0], 0.0)


def size_reason(props: Mapping[str, PropertyValue]) -> str | None:
    """Which size figure `size_score` scored, with its year and source; None when the size is unknown (scored 0).

    >>> size_reason({"insured_staff": 1200, "insured_year": 2023})
    '规模分按参保 1,200 人（2023 年报，大型档）计：按档估分，不是财务数字'
    """
    assets = number_prop(props, "total_assets_2016_wan")
    if assets is not None and assets > 0:
        return f"规模分按 {POOL_FIGURES_YEAR} 年总资产约 {assets / 10000:,.1f} 亿元（上市公司库）计"
    size_class, basis = _size_class(props)
    if basis is None:
        return None
    staff, year = number_prop(props, "insured_staff"), _staff_year(props)
    when = f"{int(year)} 年报" if year else "年报年份未注明"
    judged = "：按档估分，不是财务数字"
    if staff is not None and _staff_band(staff) == size_class:
        agreed = "，与企业规模一致" if basis == "scale" else ""
        return f"规模分按参保 {int(staff):,} 人（{when}，{size_class}档{agreed}）计{judged}"
    file, imported = text_prop(props, "source_file"), text_prop(props, "imported_on")
    origin = (f"导入文件 {file}" + (f"，{imported} 导入" if imported else "")) if file else "企业信息"
    reason = f"规模分按企业规模“{size_class}”（{origin}）计{judged}"
    if staff is not None and _staff_band(staff) != size_class:
        reason += f"；参保 {int(staff):,} 人（{when}）按人数属{_staff_band(staff)}档，以企业规模为准"
    return reason


@one_change_check()
def targets(
    store: GraphStore,
    segment: str,
    *,
    limit: int = 50,
    weights: Weights = Weights(),
    regions: Sequence[Region] = DEFAULT_REGIONS,
    provinces: Sequence[str] = (),
    include_pending: bool = False,
    cities: Sequence[str] = (),
    sizes: Sequence[str] = (),
    today: dt.date | None = None,
) -> TargetList:
    """Ranked live candidates (not local) matched to `segment`, optionally only from `provinces`, `cities`
    and size classes `sizes` (see SIZE_CLASSES).

    Score (0–100) = match strength × weights.match + size × weights.scale + region priority × weights.region,
    normalised by the weights' sum; size is `size_score` (2016 total assets, else a judged score for the size class
    from 参保人数 or 企业规模, SIZE_CLASS_SCORES), and each target's reasons say which figure it scored.
    确认 matches rank before 待定 ones, which are listed only with `include_pending`; ties without a grade
    (a person's correction) count as 确认. Scores are halved for ST/*ST/PT/退市 firms. Firms that are not live
    are counted in `excluded`, never ranked. Figures older than three years before `today` (default: the current
    date) are marked 陈旧. An empty list says so; it is never padded with weaker guesses.

    On Neo4j a repeated list costs three round trips (what changed, local names, leads; more after a write to what
    it keeps, such as its candidates or its chain): the readings kept per segment share one question of what changed.
    """
    segment_node = _held_segment(store, node_id(NodeLabel.SEGMENT, segment))
    if segment_node is None:
        raise NotFound(f"找不到环节“{segment}”，请核对环节名称。")
    total_weight = (weights.match + weights.scale + weights.region) or 1.0
    w_match, w_scale, w_region = (100 * w / total_weight for w in (weights.match, weights.scale, weights.region))
    allowed, allowed_cities, allowed_sizes = set(provinces), set(cities), set(sizes)
    matched = held_for_segments(
        store,
        ("candidates", segment_node.id),
        lambda: (store.enterprises_in(segment_node.id, locality=Locality.CANDIDATE), [segment_node.id]),
    )
    regions_seen: dict[tuple[str, str], tuple[str, float]] = {}
    excluded: dict[str, int] = {}
    ranked = []
    pending = 0
    for candidate in matched:
        props = candidate.properties
        dead = dead_status(props)
        if dead is not None:
            excluded[dead] = excluded.get(dead, 0) + 1
            continue
        province, city = text_prop(props, "province") or "", text_prop(props, "city") or ""
        if city == "永州市" or (allowed and province not in allowed) or (allowed_cities and city not in allowed_cities):
            continue
        if allowed_sizes and size_of(props).size_class not in allowed_sizes:
            continue
        confirmed = _grade(candidate.tie) == MatchGrade.CONFIRMED
        if not confirmed:
            pending += 1
            if not include_pending:
                continue
        place = (province, city)
        region = regions_seen.get(place)
        if region is None:
            region = regions_seen[place] = region_of(province, city, regions)
        score = (
            w_match * (number_prop(candidate.tie, "confidence") or 0.0)
            + w_region * region[1]
            + w_scale * size_score(props)
        ) * (RISK_PENALTY if risk_flag(props) else 1.0)
        ranked.append((not confirmed, -round(score, 1), str(props.get("name") or candidate.id), candidate))
    ranked.sort(key=lambda item: item[:3])
    context = _held_context(store, segment_node) if ranked else None
    rows: list[Target] = []
    local_names: set[str] = set()
    for index, (_, negative, name, candidate) in enumerate(ranked):
        if len(rows) == limit:
            break
        if index % NAMES_CHECKED == 0:  # the next names, in rank order: a list reads only as far as it goes
            batch = [item[2] for item in ranked[index : index + NAMES_CHECKED]]
            local_names |= store.names_among(NodeLabel.ENTERPRISE, batch, locality=Locality.LOCAL)
        if context is not None and name not in local_names:
            rows.append(_target(candidate, -negative, regions_seen, context, today or dt.date.today()))
    rows = _with_chain_ties(store, segment_node, rows)
    rows = _with_lead_status(store, segment_node.id, rows)
    message = _message(segment, len(matched), len(rows), pending, include_pending, excluded)
    return TargetList(
        segment=segment,
        candidates_considered=len(matched),
        targets=rows,
        message=message,
        pending=pending,
        excluded=excluded,
    )


def _held_segment(store: GraphStore, segment_id: str) -> Node | None:
    """The segment node, kept until a write wider than any segment's own data (a segment written is one)."""
    return held_for_segments(store, ("segment node", segment_id), lambda: (store.get_node(segment_id), []))


def _grade(tie: Mapping[str, PropertyValue]) -> MatchGrade:
    value = text_prop(tie, "grade")
    return MatchGrade(value) if value in MatchGrade.labels() else MatchGrade.CONFIRMED


def _message(
    segment: str, matched: int, shown: int, pending: int, include_pending: bool, excluded: dict[str, int]
) -> str:
    """What the list is and what it left out: 待定 matches, firms that are not live, and why a list is empty."""
    if not matched:
        return (
            f"候选企业库中没有与“{segment}”匹配的企业。"
            "建议导入更广的企业名录（如行业协会名录、招商线索）作为候选企业后再试；名单不会用不相关的企业凑数。"
        )
    if include_pending:
        extra = f"其中 {pending} 家为“待定”匹配，排在“确认”之后，联系前请先核实。" if pending else ""
    else:
        extra = f"另有 {pending} 家“待定”匹配（证据不足）未列出，选择“含待定”可一并查看。" if pending else ""
    if excluded:
        counts = "、".join(f"{word} {count} 家" for word, count in sorted(excluded.items()))
        extra += f"另有 {sum(excluded.values())} 家匹配的企业不是存续企业，未列入（{counts}）。"
    if not shown:
        return (
            f"有 {matched} 家候选企业与“{segment}”匹配，"
            "但都被排除（本地企业、非存续企业、只是待定，或不在所选的地区、城市、规模）。" + extra
        )
    return f"从 {matched} 家匹配的候选企业中排出前 {shown} 家。" + extra


def _held_context(store: GraphStore, segment: Node) -> SegmentContext:
    """The segment's context, kept until a write changes a downstream segment or anything wider (the segment
    node itself included), so a write to its own candidates leaves the context alone."""
    return held_for_segments(store, ("segment context", segment.id), lambda: _segment_context(store, segment))


def segment_context(store: GraphStore, segment: Node) -> SegmentContext:
    """Local buyers downstream, fitting parks and the plan's words about `segment`: the same for every target.

    Buyers are the local enterprises of the segments `segment` supplies (SUPPLIES); when none of those has local
    firms, those of the segments they supply in turn, with the segment between (indirect buyers). Parks are those
    hosting a chain of the segment or a chain above it (一主一特, HOSTS), or a buyer: the parks where
    buyers sit come first, then those whose 一主一特 names the segment or its chain, then by how many
    of its chains they host.
    The quote is the plan sentence behind the segment's status (or its first plan sentence).
    """
    return _segment_context(store, segment)[0]


def _segment_context(store: GraphStore, segment: Node) -> tuple[SegmentContext, list[str]]:
    """The context, and the downstream segments it was read from."""
    supplied_all = supplied_segments(store, segment.id)
    read = [supplied.id for supplied in supplied_all]
    downstream = sorted(
        (supplied for supplied in supplied_all if supplied.local),
        key=lambda supplied: (-len(supplied.local), supplied.name),
    )
    buyers = [(supplied.name, [tie.name for tie in supplied.local]) for supplied in downstream]
    indirect: list[tuple[str, SuppliedSegment]] = []
    if not downstream:
        seen = {segment.id}
        for between in sorted(supplied_all, key=lambda supplied: supplied.name):
            further = supplied_segments(store, between.id)
            read += [supplied.id for supplied in further]
            for supplied in further:
                if supplied.local and supplied.id not in seen:
                    seen.add(supplied.id)
                    indirect.append((between.name, supplied))
        indirect.sort(key=lambda pair: (-len(pair[1].local), pair[1].name))
        downstream = [supplied for _, supplied in indirect]
    chains = {r.end for r in store.relationships(RelType.BELONGS_TO, start=segment.id)}
    lineage, frontier = set(chains), list(chains)
    while frontier:
        for part in store.relationships(RelType.PART_OF, start=frontier.pop()):
            if part.end not in lineage:
                lineage.add(part.end)
                frontier.append(part.end)
    chain_names = [key_of_id(cid) for cid in chains]
    all_parks = store.nodes(NodeLabel.PARK)
    park_ids = sorted(park.id for park in all_parks)
    # A buyer in several downstream segments counts once per segment, as it is listed.
    buyer_parks = sum((_buyer_parks(store, supplied, park_ids) for supplied in downstream), Counter[str]())
    hosts = Counter(r.start for r in store.relationships(RelType.HOSTS) if r.end in lineage)
    ranked = []
    for park in all_parks:
        hosting = hosts[park.id]
        if not (hosting or buyer_parks[park.id]):
            continue
        industry = " ".join(text_prop(park.properties, key) or "" for key in ("main_industry", "special_industry"))
        named = segment.name in industry or any(name in industry for name in chain_names)
        ranked.append((-buyer_parks[park.id], not named, -hosting, park.name, park))
    ranked.sort(key=lambda item: item[:4])
    parks = [_park_line(item[-1]) for item in ranked[:PARKS_SHOWN]]
    clause_ids = texts_prop(segment.properties, "status_evidence") or texts_prop(segment.properties, "evidence")[:1]
    quotes = resolve_evidence(store, clause_ids)
    quote = next((quotes[c].quote for c in clause_ids if c in quotes), None)
    context = SegmentContext(
        segment=segment.name,
        buyers=buyers,
        parks=parks,
        plan_quote=quote,
        indirect_buyers=[(between, s.name, [tie.name for tie in s.local]) for between, s in indirect],
    )
    return context, read


def _buyer_parks(store: GraphStore, supplied: SuppliedSegment, park_ids: list[str]) -> Counter[str]:
    """How many of a downstream segment's local firms sit in each park: one read (LOCATED_IN among its firms and
    the parks), kept until a write changes that segment (the parks themselves are wider than any segment)."""

    def read() -> tuple[Counter[str], list[str]]:
        parks = set(park_ids)
        found = store.subgraph([tie.id for tie in supplied.local] + park_ids)
        located = Counter(r.end for r in found.relationships if r.type == RelType.LOCATED_IN and r.end in parks)
        return located, [supplied.id]

    return held_for_segments(store, ("buyer parks", supplied.id), read)


def _park_line(park: Node) -> str:
    """永州经开区（一主：…，一特：…）: the park with its 一主一特 as the seed states it."""
    main, special = text_prop(park.properties, "main_industry"), text_prop(park.properties, "special_industry")
    if main and special:
        return f"{park.name}（一主：{main}，一特：{special}）"
    return f"{park.name}（重点：{main}）" if main else park.name


def _with_chain_ties(store: GraphStore, segment: Node, rows: list[Target]) -> list[Target]:
    """The rows, each firm also confirmed in other segments of the same chain saying so: one call brings more.

    Only the listed firms' ties are read (one read), kept until a write changes one of the chain's segments.
    """
    if not rows:
        return rows
    chains, siblings = held_for_segments(store, ("chain siblings", segment.id), lambda: (_siblings(store, segment), []))
    if not siblings:
        return rows
    firms = tuple(row.enterprise_id for row in rows)
    others = held_for_segments(
        store, ("chain ties", segment.id, firms), lambda: (_chain_ties(store, firms, siblings), list(siblings))
    )
    return [
        replace(row, reasons=[*row.reasons, _chain_line(chains, others[row.enterprise_id])])
        if row.enterprise_id in others
        else row
        for row in rows
    ]


def _siblings(store: GraphStore, segment: Node) -> tuple[str, dict[str, str]]:
    """(the segment's chains, named; {other segment of those chains: its name}). Chain membership and segment
    nodes are wider than any segment's own data, so this stays until such a write."""
    chains = [r.end for r in store.relationships(RelType.BELONGS_TO, start=segment.id)]
    siblings = {r.start for chain in chains for r in store.relationships(RelType.BELONGS_TO, end=chain)} - {segment.id}
    names = {node.id: node.name for node in store.subgraph(sorted(siblings)).nodes}
    return "、".join(key_of_id(chain) for chain in sorted(chains)), names


def _chain_ties(store: GraphStore, firms: tuple[str, ...], siblings: dict[str, str]) -> dict[str, list[str]]:
    """{firm: its confirmed segments among `siblings`, named} for the listed firms: one read of their ties."""
    others: dict[str, list[str]] = {}
    for rel in store.relationships_from(RelType.OPERATES_IN, firms):
        if rel.end in siblings and _grade(rel.properties) == MatchGrade.CONFIRMED:
            others.setdefault(rel.start, []).append(siblings[rel.end])
    return {firm: sorted(segments) for firm, segments in others.items()}


def _chain_line(chains: str, segments: list[str]) -> str:
    """还做电机产业链的微电机、电机外壳（据企业信息与环节关键词匹配，确认级）: the other ties, at most three named."""
    shown = "、".join(segments[:BUYERS_SHOWN]) + ("等" if len(segments) > BUYERS_SHOWN else "")
    return f"还做{chains}产业链的{shown}（据企业信息与环节关键词匹配，确认级）"


def _with_lead_status(store: GraphStore, segment_id: str, rows: list[Target]) -> list[Target]:
    """The rows with the status of the team's lead on each firm for this segment, where there is one."""
    statuses = lead_statuses(store, segment_id)
    return [replace(row, lead_status=statuses.get(row.enterprise_id)) for row in rows] if statuses else rows


def _target(
    candidate: EnterpriseTie,
    score: float,
    regions_seen: dict[tuple[str, str], tuple[str, float]],
    context: SegmentContext,
    today: dt.date,
) -> Target:
    """The full row, with reasons, contacts and dated figures, for one of the ranked candidates shown to the user."""
    props = candidate.properties
    province, city = text_prop(props, "province") or "", text_prop(props, "city") or ""
    region = regions_seen[(province, city)][0]
    grade = _grade(candidate.tie)
    size = size_of(props)
    dated = figure_dates(props, size)
    as_of, data_source = _dated_source(props, dated)
    stale = [(figure, day) for figure, day in dated if is_stale(day, today)]
    every = len(stale) == len(dated) if dated else is_stale(as_of, today)
    freshness = "陈旧" if every else f"陈旧（{'、'.join(figure for figure, _ in stale)}）" if stale else ""
    risk = risk_flag(props)
    reasons = [pitch(candidate.name, grade, context), *_reasons(candidate.tie, props, region, province, city)]
    if risk:
        reasons.append(f"风险提示：{_RISK_TEXT.get(risk, _RISK_TEXT['ST'])}，得分减半、排在同等企业之后")
    if freshness:
        which = as_of if every else "；".join(f"{figure} {day}" for figure, day in stale)
        reasons.append(f"数据陈旧：{which} 的数字，已超过 {STALE_YEARS} 年，联系前请核实现状")
    return Target(
        name=candidate.name,
        enterprise_id=candidate.id,
        full_name=text_prop(props, "full_name"),
        score=score,
        province=province or None,
        city=city or None,
        region=region,
        matched_keywords=texts_prop(candidate.tie, "keywords"),
        industry=text_prop(props, "sw_l3") or text_prop(props, "industry"),
        reasons=reasons,
        grade=grade.label,
        evidence=texts_prop(candidate.tie, "evidence_text"),
        credit_code=text_prop(props, "credit_code"),
        stock_code=text_prop(props, "stock_code"),
        status=text_prop(props, "status"),
        legal_representative=text_prop(props, "legal_representative"),
        phones=texts_prop(props, "phones"),
        emails=texts_prop(props, "emails"),
        website=text_prop(props, "website"),
        address=text_prop(props, "address"),
        size=size.text,
        size_class=size.size_class,
        capital=capital_text(props),
        as_of=as_of,
        data_source=data_source,
        freshness=freshness,
        risk=risk,
    )


def _first_names(names: list[str]) -> str:
    return "、".join(names[:BUYERS_SHOWN]) + ("等" if len(names) > BUYERS_SHOWN else "")


def pitch(name: str, grade: MatchGrade, context: SegmentContext) -> str:
    """One sentence a caller can say: why this firm, for Yongzhou — local buyers, the plan, a park.

    >>> pitch("甲公司", MatchGrade.CONFIRMED, SegmentContext("模具", [("汽车零部件", ["乙公司"])], [], None))
    '甲公司做模具；永州的汽车零部件企业（乙公司）需要就近配套。'
    >>> via_housings = [("电机外壳", "步进电机", ["乙公司"])]
    >>> pitch("甲公司", MatchGrade.CONFIRMED, SegmentContext("模具", [], [], None, via_housings))
    '甲公司做模具；永州的步进电机企业（乙公司）所用的电机外壳要用到模具，可就近配套。'
    """
    doing = "做" if grade == MatchGrade.CONFIRMED else "可能做（待核实）"
    parts = [f"{name}{doing}{context.segment}"]
    if context.buyers:
        buyers = "、".join(f"{segment}企业（{_first_names(names)}）" for segment, names in context.buyers[:2])
        parts.append(f"永州的{buyers}需要就近配套")
    elif context.indirect_buyers:
        shown = context.indirect_buyers[:2]
        buyers = "、".join(f"{buyer}企业（{_first_names(names)}）所用的{between}" for between, buyer, names in shown)
        parts.append(f"永州的{buyers}{'都' if len(shown) > 1 else ''}要用到{context.segment}，可就近配套")
    if context.plan_quote:
        quote = context.plan_quote
        parts.append(f"规划写明“{quote if len(quote) <= QUOTE_CHARS else quote[:QUOTE_CHARS] + '…'}”")
    if context.parks:
        parts.append(f"可落户{context.parks[0]}")
    return "；".join(parts) + "。"


_RISK_TEXT = {
    "ST": "证券简称带“ST”（交易所实施其他风险警示）",
    "*ST": "证券简称带“*ST”（交易所实施退市风险警示）",
    "PT": "证券简称带“PT”（暂停上市后的特别转让，已是历史状态）",
    "退市": "已退市或处于退市整理期",
}


def _reasons(
    tie: Mapping[str, PropertyValue], props: Mapping[str, PropertyValue], region: str, province: str, city: str
) -> list[str]:
    keywords = "、".join(f"“{k}”" for k in texts_prop(tie, "keywords"))
    fields = "、".join(FIELD_LABELS.get(f, f) for f in texts_prop(tie, "fields"))
    grade = _grade(tie)
    evidence = "；".join(texts_prop(tie, "evidence_text"))
    reasons = [f"{fields}与该环节匹配：{keywords}（{grade.label}，匹配度 {number_prop(tie, 'confidence') or 0.0:.2f}）"]
    if evidence:
        reasons.append(f"匹配依据：{evidence}")
    if props.get("sw_l3"):
        levels = f"{props.get('sw_l1')} / {props.get('sw_l2')} / {props['sw_l3']}"
        reasons.append(f"申万行业（{POOL_CLASSIFICATION_YEAR} 年分类）：{levels}")
    place = f"{province}{city if city != province else ''}" if province else ""
    if region in ("粤港澳大湾区", "长三角", "广东省（大湾区以外或城市未知）"):
        reasons.append(f"位于{place}，属{region}，规划优先对接的产业转移来源地")
    elif region in ("长株潭", "湖南省内"):
        reasons.append(f"位于{place}（{region}），省内协同配套")
    elif place:
        reasons.append(f"位于{place}")
    size = size_reason(props)
    if size:
        reasons.append(size)
    if props.get("stock_code"):
        reasons.append(f"A 股上市公司（{props['stock_code']}）")
    return reasons
