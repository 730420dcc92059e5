"""The rules that read facts out of a plan's paragraphs; each fact keeps its quote, section, confidence and rule.

Chinese industrial plans share a shape (发展重点 → N、…产业 → 产业发展方向（N）…; “……等环节缺乏”;
“引进……等配套企业”; “补齐……短板”; “X 重点发展 A 和 B 产业”; a 主要指标 table). Each rule below
reads one of those phrasings and nothing else; what no rule reads stays out of the draft.
Confidence is the rule's own reliability: a fixed phrasing that names the status (缺乏, 引进……企业)
is high, a looser one (优势, 有基础) lower.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from loaders.extract.reading import HEADING, TABLE_TITLE


@dataclass
class Fact:
    """One thing the plan says, as found: what it is about, where, and how sure the rule is."""

    kind: str  # chain | status | park | park_target | indicator | project | enterprise
    name: str
    quote: str
    section: str
    confidence: float
    rule: str
    data: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Sentence:
    text: str
    section: str
    chain: str | None  # the chain (or industry) whose section the sentence is in
    industry: str | None


_L1 = re.compile(r"^([一二三四五六七八九十]+)、")
_L2 = re.compile(r"^（[一二三四五六七八九十]+）")
_L3 = re.compile(r"^\d{1,2}、")
_ITEM = re.compile(r"（(\d{1,2})）([^。：，；（]{1,16}?)(?:产业)?[。：]")
_VERBS = (
    r"(?:改造提升|突出发展|转型发展|加快发展|培育发展|完善发展|重点发展|大力发展|优化发展|做大做强|发展壮大|提升发展)"
)
_INDUSTRY_HEADING = re.compile(rf"^(?:\d{{1,2}}、|（[一二三四五六七八九十]+）){_VERBS}(.+?)(?:产业)?$")
_CHAIN_HEADING = re.compile(r"^(?:\d{1,2}、|（[一二三四五六七八九十]+）)(.{2,12}?)产业链$")
_SENTENCE = re.compile(r"[^。！？；]+[。！？；]?")

CHAIN_NAMES = {
    "新型显示器材": "新型显示器件",
    "装配式建筑材料": "装配式建材",
    "稀土材料": "稀土",
    "先进装备": "先进装备制造",
}
"""The plan's heading → the template library's chain name where they differ only in wording (行业常识)."""


def sentences(paragraphs: list[str]) -> Iterator[Sentence]:
    """Every sentence with its section path (一、 > （一） > 1、 > 专栏 N | 产业发展方向（N）…) and chain."""
    path: dict[int, str] = {}
    industry: str | None = None
    group: str | None = None  # the industry of the enclosing （N） heading, for its 1、2、 headings that name none
    item: str | None = None
    in_focus = False
    for para in paragraphs:
        if HEADING.match(para) or TABLE_TITLE.match(para):
            level = 1 if _L1.match(para) else 2 if _L2.match(para) else 3 if _L3.match(para) else 4
            if TABLE_TITLE.match(para):
                level = 4
            path = {k: v for k, v in path.items() if k < level}
            path[level] = para
            item = None
            if level == 1:
                in_focus = "发展重点" in para
                industry = group = None
            if in_focus and level in (2, 3):
                found = _CHAIN_HEADING.match(para) or _INDUSTRY_HEADING.match(para)
                named = _chain_name(found.group(1), industry=True) if found else None
                if level == 2:
                    industry = group = named
                else:
                    industry = named or group
            yield Sentence(para, " > ".join(path[k] for k in sorted(path) if k < level) or para, industry, industry)
            continue
        for piece in re.split(r"(?=（\d{1,2}）)", para):
            marker = _ITEM.match(piece)
            if marker and in_focus and industry is not None:
                item = f"（{marker.group(1)}）{marker.group(2)}"
            section = " > ".join(path[k] for k in sorted(path))
            if item is not None:
                section += f" > 产业发展方向{item}"
            chain = _chain_name(item.split("）", 1)[1]) if item else industry
            for found in _SENTENCE.finditer(piece):
                text = found.group(0).strip()
                if len(text) >= 2:
                    yield Sentence(text, section, chain, industry)


def _chain_name(raw: str, industry: bool = False) -> str:
    """The chain's name as the template library spells it: list commas and a trailing 制造 dropped."""
    name = raw.strip().replace("、", "")
    trimmed = re.sub(r"(?:设备)?制造$", "", name)
    name = trimmed if len(trimmed) >= 4 else name
    name = CHAIN_NAMES.get(name, name)
    return name + "产业" if industry and len(name) < 3 else name


# ---- chains ---------------------------------------------------------------------------------------------


def chains(paragraphs: list[str]) -> list[Fact]:
    """Industries (N、…发展 X 产业 under 发展重点) and their chains (产业发展方向（N）X).

    The quote of an industry is its heading; of a chain, the item's opening words.
    """
    facts: dict[str, Fact] = {}
    for s in sentences(paragraphs):
        heading = HEADING.match(s.text)
        if heading and s.industry and s.industry in s.text and s.industry not in facts:
            kind = "产业链" if s.text.endswith("产业链") else "产业"
            facts[s.industry] = Fact("chain", s.industry, s.text, s.section, 0.9, "发展重点标题", {"kind": kind})
            continue
        marker = _ITEM.match(s.text)
        if marker and s.chain and s.industry and s.chain not in facts and s.chain != s.industry:
            quote = s.text if len(s.text) <= 60 else s.text[:60]
            facts[s.chain] = Fact(
                "chain", s.chain, quote, s.section, 0.8, "产业发展方向条目", {"kind": "产业链", "parent": s.industry}
            )
    groups = {f.section.split(" > ")[-1] for f in facts.values()}
    return [f for f in facts.values() if f.quote not in groups]


def industry_targets(paragraphs: list[str], chain_names: set[str]) -> dict[str, Fact]:
    """“力争到 2025 年，X 产业产值突破 N 亿元” → the industry's output target."""
    found: dict[str, Fact] = {}
    pattern = re.compile(r"([\u4e00-\u9fa5]{2,12})产业产值(?:力争)?(突破|达到)\s*(\d+(?:\.\d+)?)\s*亿元(以上)?")
    for s in sentences(paragraphs):
        for match in pattern.finditer(s.text):
            name = match.group(1).removeprefix("年").strip("，")
            target = s.industry if s.industry in chain_names and s.industry and s.industry in match.group(1) else None
            if target is None and name in chain_names:
                target = name
            if target and target not in found:
                qualifier = match.group(4) or match.group(2)
                found[target] = Fact(
                    "chain_target",
                    target,
                    s.text[match.start(1) + (1 if match.group(1).startswith("年") else 0) : match.end()],
                    s.section,
                    0.9,
                    "产业产值目标",
                    {"value": float(match.group(3)), "unit": "亿元", "qualifier": qualifier},
                )
    return found


# ---- plan statuses --------------------------------------------------------------------------------------

_GENERIC = re.compile(
    r"(上下游|产业链|一批|更多|战略|人才|龙头|关联配套|外贸|电商|技术含量|项目|能力|水平|意识|机制|环境|资金|技术$|企业总部|投资者|伙伴|集团)"
)
_LIST_SPLIT = re.compile(r"[、，,]|(?<=.{2})和(?=.{2})|(?<=.{2})及(?=.{2})")
_TRIM = re.compile(r"^(?:同时|着力|积极|重点|大力|加快|先进的|相关|高端|一批|等)+|(?:应用|生产|制造|相关|配套|等)+$")

STATUS_RULES: list[tuple[str, str, re.Pattern[str], float]] = [
    ("missing", "等环节缺乏", re.compile(r"([^，。；：]{2,40}?)等(?:环节|配套|产品)?(?:缺乏|缺失)"), 0.95),
    (
        "to_introduce",
        "引进……等配套企业",
        re.compile(r"引进(?:先进的)?([^，。；：]{2,40}?)等[^，。；]{0,12}?(?:企业|项目)"),
        0.9,
    ),
    (
        "to_introduce",
        "引进……企业或项目",
        re.compile(r"引进([^，。；：等]{2,20}?)(?:上下游)?(?:生产)?(?:企业|项目)(?!集团|总部)"),
        0.7,
    ),
    ("to_introduce", "引进……器械、材料", re.compile(r"引进先进的([^，。；：]{2,12}?)、材料和技术"), 0.7),
    ("to_introduce", "缺失和弱项环节招商", re.compile(r"加大([^，。；：]{2,30}?)等产业链缺失和弱项环节招商"), 0.6),
    ("weak", "补齐……短板", re.compile(r"补齐([^，。；：]{2,20}?)短板"), 0.9),
    ("weak", "……较少/薄弱", re.compile(r"([^，。；：]{2,10}?)(?:产品)?(?:较少|薄弱)"), 0.6),
    ("weak", "完善零配件体系", re.compile(r"完善(零配件|配套)体系"), 0.6),
    (
        "strong",
        "技术领先",
        re.compile(r"([^，。；：]{2,30}?)(?:制造技术|技术水平)?(?:达到)?(?:国际|国内|行业内)(?:处于)?领先"),
        0.8,
    ),
    ("strong", "特色优势产品", re.compile(r"强化([^，。；：]{2,12}?)特色优势产品"), 0.7),
    ("strong", "……等X资源优势", re.compile(r"等([^，。；：、及]{2,8}?资源)优势"), 0.6),
    ("strong", "产品品牌优势", re.compile(r"([^，。；：、及]{2,10}?)品牌优势"), 0.5),
    ("present", "在全省榜上有名", re.compile(r"([^，。；：]{2,60}?)等产品在全省榜上有名"), 0.9),
    ("eliminated", "两断三清/淘汰", re.compile(r"\d+\s*家([^，。；：\d]{2,8}?)(?:小高炉)?企业被“两断三清”"), 0.9),
    ("eliminated", "淘汰落后产能", re.compile(r"淘汰[^，。；]{0,12}“([^”]{2,8})”\s*落后产能"), 0.8),
]


def statuses(paragraphs: list[str]) -> list[Fact]:
    """Segments the plan declares missing, to introduce, weak, strong, present or eliminated, one fact per item."""
    facts: list[Fact] = []
    seen: set[tuple[str, str]] = set()
    for s in sentences(paragraphs):
        if HEADING.match(s.text) or _POLICY_SECTIONS.search(s.section.split(" > ")[0]):
            continue
        for clause in _clauses(s.text):
            matched: set[str] = set()
            for status, rule, pattern, confidence in STATUS_RULES:
                if rule == "引进……企业或项目" and "to_introduce" in matched:
                    continue
                for match in pattern.finditer(clause):
                    if match.group(1).startswith(("产业链", "上下游")):
                        continue
                    matched.add(status)
                    for item in _items(match.group(1), status):
                        key = (item, status)
                        if key in seen:
                            continue
                        seen.add(key)
                        facts.append(
                            Fact(
                                "status",
                                item,
                                clause.strip().rstrip("。；，"),
                                s.section,
                                confidence,
                                rule,
                                {"status": status, "chain": s.chain, "industry": s.industry},
                            )
                        )
    return _one_status_each(facts)


def _one_status_each(facts: list[Fact]) -> list[Fact]:
    """A segment has one declared status: where the plan calls it both 领先 and 榜上有名, 优势 stands."""
    strong = {f.name for f in facts if f.data["status"] == "strong"}
    return [f for f in facts if not (f.data["status"] == "present" and f.name in strong)]


_POLICY_SECTIONS = re.compile(r"总体思路|空间布局|主要任务|保障措施")
"""Chapters about policy and layout: their “引进……企业” and “优势” are not about chain segments."""


def _clauses(sentence: str) -> list[str]:
    """A sentence cut at commas into clauses, each joined with the one before it (quotes stay short)."""
    parts = [p for p in re.split(r"(?<=，)", sentence) if p]
    return [sentence] if len(parts) <= 1 else ["".join(parts[max(0, i - 1) : i + 1]) for i in range(len(parts))]


def _items(raw: str, status: str) -> list[str]:
    text = raw
    for prefix in ("其中", "我市", "本地配套能力不强，", "高性能", "充分发挥我市丰富的"):
        text = text.split(prefix)[-1] if prefix in text else text
    if status == "weak":
        text = re.sub(r"(?:生产|配套|供应)能力$", "", text)
    if status == "strong":
        text = re.sub(r"^.*?的(?=[^的]{2,})", "", text).removesuffix("在")
        text = re.split(r"等|及|依托|凭借", text)[-1]
        text = re.sub(r"^(?:特色|全市|自身的)", "", text)
    items = []
    for part in _LIST_SPLIT.split(text):
        item = _TRIM.sub("", part.strip().strip('“”"「」 '))
        item = re.sub(r"(?:产品|件)$", "", item) if status in ("present", "strong") and len(item) > 3 else item
        if 2 <= len(item) <= 16 and not _GENERIC.search(item) and not re.search(r"\d", item):
            items.append(item)
    return items


# ---- parks ----------------------------------------------------------------------------------------------

PARK_SUFFIX = r"(?:高新区|经开区|经济技术开发区|产业开发区|开发区|高科技工业园|工业园|工业集中区)"
_MAIN_SPECIAL = re.compile(
    rf"([\u4e00-\u9fa5]{{2,4}}?{PARK_SUFFIX})重点发展([^；。，]+?)和([^；。，]+?)(?:产业)?(?=[；。，]|$)"
)
_PARK_TARGET = re.compile(rf"([\u4e00-\u9fa5]{{2,4}}?{PARK_SUFFIX})\s*(\d+)\s*亿元(以上)?")
_COUNTY_TARGET = re.compile(
    r"((?:[\u4e00-\u9fa5]{2,3}、)*[\u4e00-\u9fa5]{2,3})园区规模工业总产值力争达到\s*(\d+)\s*亿元(以上)?"
)


def parks(paragraphs: list[str]) -> tuple[list[Fact], list[Fact]]:
    """Parks with 一主一特 (“X 重点发展 A 和 B 产业”) and their output targets (park or county named)."""
    found: list[Fact] = []
    targets: list[Fact] = []
    for s in sentences(paragraphs):
        text = s.text
        for match in _MAIN_SPECIAL.finditer(text):
            name = match.group(1)
            quote = match.group(0)
            found.append(
                Fact(
                    "park",
                    name,
                    quote,
                    s.section,
                    0.9,
                    "重点发展A和B产业",
                    {"main": match.group(2).removesuffix("产业"), "special": match.group(3).removesuffix("产业")},
                )
            )
        if "亿元" not in text:
            continue
        city_level = "市本级" in text
        for match in _PARK_TARGET.finditer(text):
            targets.append(
                Fact(
                    "park_target",
                    match.group(1),
                    match.group(0),
                    s.section,
                    0.9,
                    "园区产值目标",
                    {
                        "value": float(match.group(2)),
                        "qualifier": "以上" if match.group(3) else "力争",
                        "city_level": city_level,
                    },
                )
            )
        for clause in re.split(r"[，,]", text):
            for match in _COUNTY_TARGET.finditer(clause):
                for short in match.group(1).split("、"):
                    targets.append(
                        Fact(
                            "park_target",
                            short,
                            match.group(0),
                            s.section,
                            0.85,
                            "县域园区产值目标",
                            {
                                "value": float(match.group(2)),
                                "qualifier": "以上" if match.group(3) else "力争",
                                "county_short": short,
                            },
                        )
                    )
    return found, targets


# ---- indicators ------------------------------------------------------------------------------------------

UNITS = ("万元/亩", "件/亿元", "亿元", "万元", "%", "个", "家", "户", "件", "亿千瓦时", "万吨", "人")
_ROW = re.compile(
    r"^(.*?)\s*(" + "|".join(re.escape(u) for u in UNITS) + r")\s+(-|[\d.]+)?\s*(≥|≤)?\s*([\d.]+)?\s*(.*)$"
)


def indicators(paragraphs: list[str]) -> list[Fact]:
    """The 主要指标 table: category, name (wrapped names joined), unit, base-year value, target."""
    facts: list[Fact] = []
    rows: list[str] = []
    inside = False
    title = ""
    for para in paragraphs:
        if TABLE_TITLE.match(para):
            inside, title = True, para
            continue
        if inside and HEADING.match(para) and _L1.match(para):
            break
        if inside:
            rows.append(para)
    category = ""
    name_parts: list[str] = []
    raw_parts: list[str] = []
    for index, line in enumerate(rows):
        if line.startswith("类别"):
            continue
        compact = line.replace(" ", "")
        unit_row = _ROW.match(line)
        if unit_row and unit_row.group(2) and (unit_row.group(3) or unit_row.group(5) or not unit_row.group(1)):
            name = "".join([*name_parts, unit_row.group(1)]).replace(" ", "")
            base = unit_row.group(3)
            value_2020 = None if base in (None, "-") else float(base)
            target = float(unit_row.group(5)) if unit_row.group(5) else None
            rest = unit_row.group(6).strip()
            data: dict[str, Any] = {
                "category": category,
                "unit": unit_row.group(2),
                "value_2020": value_2020,
                "target_2025": target,
                "qualifier": unit_row.group(4),
            }
            if target is None:
                follow = "".join(rows[index + 1 : index + 3])
                text = re.match(r"(完成[^单]*?目标)", rest + follow.replace(" ", ""))
                data["target_text"] = text.group(1) if text else (rest or None)
            quote = " ".join([*raw_parts, line])
            facts.append(Fact("indicator", name, quote, f"主要指标 > {title}", 0.95, "主要指标表", data))
            name_parts, raw_parts = [], []
            continue
        if len(compact) <= 2 and not name_parts and not re.search(r"\d", compact):
            category = (
                compact
                if (not name_parts and category.endswith(("规模", "效益", "创新", "经济", "低碳"))) or not category
                else category + compact
            )
            if len(category) > 4:
                category = compact
            continue
        if compact.startswith("完成"):
            continue
        raw_parts.append(line)
        name_parts.append(re.sub(r"^目标", "", line) if not name_parts and line.startswith("目标") else line)
    return _indicator_fixups(facts)


def _indicator_fixups(facts: list[Fact]) -> list[Fact]:
    """A row without its own target inherits “完成省定目标” from the merged cell beside it."""
    for fact in facts:
        if fact.data.get("target_2025") is None and not fact.data.get("target_text"):
            shared = next((f.data["target_text"] for f in facts if f.data.get("target_text")), None)
            fact.data["target_text"] = shared
    return facts


# ---- enterprises and projects ---------------------------------------------------------------------------

_COMPANY = re.compile(r"[\u4e00-\u9fa5]{2,20}?(?:股份有限公司|有限公司|企业集团|集团|公司|纸业|化工厂)")
_ENTERPRISE_LIST = re.compile(r"(?:培育出|其中|^)([^，。；：]{4,80}?)等(?:一批)?\s*([^，。；]{0,8}?)企业")
_LEAD_WORDS = re.compile(
    r"^.*(?:推动|支持|盘活|协调|依托|引进|积极|全力|其中|培育出|作为|加快|发展|与|和|被|由|的|有|是|对|等|“)(?=[\u4e00-\u9fa5]{2,})"
)
_NOT_ENTERPRISE = re.compile(
    r"(企业|公司|一批|担保|商业银行|保险|上市|园区|部门|机构|产业|平台|运营|医药企业)$|^(省|市|县|各|本地|相关|龙头|骨干)"
)
_ENTERPRISE_ROLE = re.compile(r"明星|\d+\s*强|领军")


def plan_city(paragraphs: list[str]) -> str | None:
    """The city a plan is about, from its first lines (“永州市“十四五”工业发展规划” → 永州)."""
    found = re.search(r"([\u4e00-\u9fa5]{2,4}?)市", "".join(paragraphs[:20]))
    return found.group(1) if found else None


def _named(raw: str) -> str:
    """A name with the verbs and connectives before it cut off (“积极推动长丰集团” → “长丰集团”)."""
    return _LEAD_WORDS.sub("", raw.strip().strip("“”"))


def enterprises(paragraphs: list[str]) -> list[Fact]:
    """Enterprises the plan names: “A、B、C 等一批明星企业” lists and names ending 集团/有限公司.

    Each fact's quote is the first clause naming it; `says` collects every clause that does (what the plan says of it).
    """
    found: dict[str, Fact] = {}
    clauses = [(c, s) for s in sentences(paragraphs) if not HEADING.match(s.text) for c in _clauses(s.text)]
    for clause, s in clauses:
        for match in _ENTERPRISE_LIST.finditer(clause):
            role = match.group(2).replace(" ", "")
            if not _ENTERPRISE_ROLE.search(role) and not _COMPANY.search(match.group(1)):
                continue  # “引进纺纱、涂料等配套企业” lists products, not enterprises
            for part in re.split(r"、", match.group(1)):
                name = _named(part)
                if 2 <= len(name) <= 20 and not _NOT_ENTERPRISE.search(name) and not re.search(r"\d", name):
                    found.setdefault(
                        name,
                        Fact(
                            "enterprise",
                            name,
                            clause.rstrip("。；，"),
                            s.section,
                            0.7,
                            "……等一批企业",
                            {"role": f"{role}企业" if role else None},
                        ),
                    )
        for match in _COMPANY.finditer(clause):
            name = _named(match.group(0))
            core = re.sub(r"(?:股份有限公司|有限公司|企业集团|集团|公司)$", "", name)
            if 4 <= len(name) <= 24 and len(core) >= 2 and not _NOT_ENTERPRISE.search(core):
                found.setdefault(
                    name, Fact("enterprise", name, clause.rstrip("。；，"), s.section, 0.8, "企业名称后缀")
                )
    says: dict[str, dict[str, str]] = {name: {} for name in found}
    if found:
        names = re.compile("|".join(re.escape(n) for n in sorted(found, key=len, reverse=True)))
        for clause, s in clauses:
            for name in set(names.findall(clause)):
                says[name].setdefault(clause.rstrip("。；，"), s.section)
    for name, fact in found.items():
        fact.data["says"] = [{"section": sec, "quote": quote} for quote, sec in list(says[name].items())[:8]]
    return list(found.values())


_PROJECT = re.compile(r"[^，。；、：（）]{2,40}?(?:项目|工程|产业园|产业小镇|数据中心|抽水蓄能电站)")
_PROJECT_LEAD = re.compile(
    r"^.*(?:推进|建设|共建|实施|加快|依托|通过|支持|打造|落户|重点|培育|完善|建立|争创|推动|的|在|以|为|和|及|与|、|“(?=[^”]*$))"
    r"(?=[\u4e00-\u9fa5“]{2,})"
)
_NOT_PROJECT = re.compile(
    r"^(?:项目|工程|产业园|一批|重大|重点|相关|配套|特色|各类|多个|产业)|一批|上下游|等|企业|人才|提升|加强|指导|引导|围绕|发挥|坚持|开展|"
    r"^对|^将|^每年|^全市|高排放|优质"
)


def projects(paragraphs: list[str], park_names: set[str], places: set[str]) -> list[Fact]:
    """Projects, parks-to-build and platforms the plan names (名称以 项目/工程/产业园/产业小镇 … 结尾).

    A name must carry a proper noun — a place of this plan (`places`: the city, counties, parks) or a quoted
    name (“气化永州”工程) — so that “重点项目”“智能制造项目” and the like are not taken for projects.
    """
    found: dict[str, Fact] = {}
    for s in sentences(paragraphs):
        if HEADING.match(s.text):
            continue
        for clause in _clauses(s.text):
            for match in _PROJECT.finditer(clause):
                name = re.sub(r"^\d+\.", "", _PROJECT_LEAD.sub("", match.group(0).strip()))
                if len(name) < 5 or _NOT_PROJECT.search(name) or name in found or name in park_names:
                    continue
                if not ("“" in name or any(place in name for place in places)):
                    continue
                data: dict[str, Any] = {}
                invest = re.search(r"总投资\s*(\d+(?:\.\d+)?)\s*亿元", clause)
                if invest:
                    data["investment"] = float(invest.group(1))
                park = next((p for p in park_names if p in clause), None)
                if park:
                    data["park"] = park
                found[name] = Fact("project", name, clause.rstrip("。；，"), s.section, 0.6, "项目名称后缀", data)
    return list(found.values())
