"""Investment targets for a gap: ranked external candidates, each with a plain-language reason.

For the investment-promotion team (招商): who could fill this missing link? Candidates were
matched to segments once, when they were loaded or imported (loaders/matching.py), so a target
list is a lookup of the segment's matched candidates, scored and sorted — no text is searched
at query time.
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace

from graph.model import NodeLabel, PropertyValue, node_id, number_prop, text_prop, texts_prop
from graph.store import EnterpriseTie, GraphStore, NotFound
from graph.vocabulary import Locality
from loaders.matching import FIELD_LABELS
from queries.leads import lead_statuses

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
    lead_status: str | None = None
    """The 招商线索 status label when the team has a lead on this firm for this segment (queries/leads.py)."""


@dataclass(frozen=True)
class TargetList:
    segment: str
    candidates_considered: int
    targets: list[Target]
    message: str


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


def targets(
    store: GraphStore,
    segment: str,
    *,
    limit: int = 50,
    weights: Weights = Weights(),
    regions: Sequence[Region] = DEFAULT_REGIONS,
    provinces: Sequence[str] = (),
) -> TargetList:
    """Ranked candidates (not local) matched to `segment`, optionally only from `provinces`.

    Score (0–100) = match strength × weights.match + scale × weights.scale + region priority × weights.region,
    normalised by the weights' sum. An empty list says so; it is never padded with weaker guesses.
    """
    segment_node = store.get_node(node_id(NodeLabel.SEGMENT, segment))
    if segment_node is None:
        raise NotFound(f"找不到环节“{segment}”，请核对环节名称。")
    total_weight = (weights.match + weights.scale + weights.region) or 1.0
    w_match, w_scale, w_region = (100 * w / total_weight for w in (weights.match, weights.scale, weights.region))
    allowed = set(provinces)
    matched = store.enterprises_in(segment_node.id, locality=Locality.CANDIDATE)
    regions_seen: dict[tuple[str, str], tuple[str, float]] = {}
    ranked = []
    for candidate in matched:
        props = candidate.properties
        province, city = text_prop(props, "province") or "", text_prop(props, "city") or ""
        if city == "永州市" or (allowed and province not in allowed):
            continue
        place = (province, city)
        region = regions_seen.get(place)
        if region is None:
            region = regions_seen[place] = region_of(province, city, regions)
        score = (
            w_match * (number_prop(candidate.tie, "confidence") or 0.0)
            + w_region * region[1]
            + w_scale * _scale(number_prop(props, "total_assets_2016_wan"))
        )
        ranked.append((-round(score, 1), str(props.get("name") or candidate.id), candidate))
    ranked.sort(key=lambda item: item[:2])
    local_names = store.names(NodeLabel.ENTERPRISE, locality=Locality.LOCAL)
    rows: list[Target] = []
    for negative, name, candidate in ranked:
        if len(rows) == limit:
            break
        if not _contains(local_names, name):
            rows.append(_target(candidate, -negative, regions_seen))
    rows = _with_lead_status(store, segment_node.id, rows)
    if not matched:
        message = (
            f"候选企业库中没有与“{segment}”匹配的企业。"
            "建议导入更广的企业名录（如行业协会名录、招商线索）作为候选企业后再试；名单不会用不相关的企业凑数。"
        )
    elif not rows:
        message = f"有 {len(matched)} 家候选企业与“{segment}”匹配，但都被排除（本地企业或不在所选地区）。"
    else:
        message = f"从 {len(matched)} 家匹配的候选企业中排出前 {len(rows)} 家。"
    return TargetList(segment=segment, candidates_considered=len(matched), targets=rows, message=message)


def _with_lead_status(store: GraphStore, segment_id: str, rows: list[Target]) -> list[Target]:
    """The rows with the status of the team's lead on each firm for this segment, where there is one."""
    statuses = lead_statuses(store, segment_id)
    return [replace(row, lead_status=statuses.get(row.enterprise_id)) for row in rows] if statuses else rows


def _contains(sorted_names: list[str], name: str) -> bool:
    index = bisect.bisect_left(sorted_names, name)
    return index < len(sorted_names) and sorted_names[index] == name


def _target(candidate: EnterpriseTie, score: float, regions_seen: dict[tuple[str, str], tuple[str, float]]) -> Target:
    """The full row, with reasons, for one of the ranked candidates shown to the user."""
    props = candidate.properties
    province, city = text_prop(props, "province") or "", text_prop(props, "city") or ""
    region = regions_seen[(province, city)][0]
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
        reasons=_reasons(candidate.tie, props, region, province, city),
    )


def _reasons(
    tie: Mapping[str, PropertyValue], props: Mapping[str, PropertyValue], region: str, province: str, city: str
) -> list[str]:
    keywords = "、".join(f"“{k}”" for k in texts_prop(tie, "keywords"))
    fields = "、".join(FIELD_LABELS.get(f, f) for f in texts_prop(tie, "fields"))
    reasons = [f"{fields}与该环节匹配：{keywords}（匹配度 {number_prop(tie, 'confidence') or 0.0:.2f}）"]
    if props.get("sw_l3"):
        reasons.append(f"申万行业：{props.get('sw_l1')} / {props.get('sw_l2')} / {props['sw_l3']}")
    place = f"{province}{city if city != province else ''}" if province else ""
    if region in ("粤港澳大湾区", "长三角", "广东省（大湾区以外或城市未知）"):
        reasons.append(f"位于{place}，属{region}，规划优先对接的产业转移来源地")
    elif region in ("长株潭", "湖南省内"):
        reasons.append(f"位于{place}（{region}），省内协同配套")
    elif place:
        reasons.append(f"位于{place}")
    assets = number_prop(props, "total_assets_2016_wan")
    if assets is not None and assets > 0:
        reasons.append(f"2016 年总资产约 {assets / 10000:,.1f} 亿元（上市公司库）")
    if props.get("stock_code"):
        reasons.append(f"A 股上市公司（{props['stock_code']}）")
    return reasons
