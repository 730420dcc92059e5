"""Two plans compared: what a new plan changes against the old one (十四五 → 十五五).

The old side is a seed directory or the graph the office works on now; the new side a seed directory
(a draft from `chainkg extract`). Seeds are built and checked as `chainkg load --seed` would (each
against its own plan text), without the template library: the comparison is of what each plan says.
Against the working graph, a gap the old plan declared but local enterprises now fill (an import, a
landed lead) says so with the firms' names, so the office sees what the new plan still lists as missing.
A segment of the new seed is the same as one of the old when either's name is among the other's name and keywords
(an extracted draft says 电镀件 where the curated seed says 电镀/表面处理 with keyword 电镀件).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from graph.model import GraphData, NodeLabel, PropertyValue, RelType
from graph.vocabulary import DECLARED_GAPS, Locality, PlanStatus
from loaders.seed import build_seed_graph


@dataclass(frozen=True)
class Change:
    """One row of the comparison."""

    kind: str  # 产业链 | 缺口 | 环节状态 | 园区 | 指标
    change: str  # 新增、取消、已不再列为缺口、仍未补齐、新缺口、状态变化、目标变化 …
    name: str
    old: str
    new: str


FILLED_BUT_LISTED = "仍列为缺口，图谱显示已有本地企业"
ABSENT = frozenset({PlanStatus.MISSING.value, PlanStatus.TO_INTRODUCE.value})
"""Declared gaps that say the link is not here at all: local firms in one mean it has been filled since."""
FIRMS_SHOWN = 3
"""Local firms named next to a filled gap (the count is always given)."""
DIFF_COLUMNS = {"kind": "类别", "change": "变化", "name": "名称", "old": "原规划", "new": "新规划"}


def _label(status: PropertyValue) -> str:
    return PlanStatus(str(status)).label if status else "未说明"


def _by_label(graph: GraphData, label: NodeLabel) -> dict[str, dict[str, PropertyValue]]:
    return {n.name: n.properties for n in graph.nodes if n.label == label}


def _target(props: dict[str, PropertyValue] | None, key: str = "output_target_2025") -> str:
    if not props or props.get(key) is None:
        return ""
    return f"{props.get(key)}{props.get(f'{key}_unit') or ''}{props.get(f'{key}_qualifier') or ''}"


def diff_seeds(old_dir: Path, new_dir: Path) -> list[Change]:
    """What changes from the seed in `old_dir` to the seed in `new_dir`, grouped by kind."""
    return diff_graphs(_plan_graph(old_dir), _plan_graph(new_dir))


def diff_against_graph(current: GraphData, new_dir: Path) -> list[Change]:
    """What changes from the graph in use (`store.export()`) to the seed in `new_dir`."""
    return diff_graphs(current, _plan_graph(new_dir))


def _plan_graph(seed_dir: Path) -> GraphData:
    return build_seed_graph(seed_dir, templates=False, plan_required=True)


def diff_graphs(old: GraphData, new: GraphData) -> list[Change]:
    """What changes from `old` to `new`, grouped by kind: chains, gaps, statuses, parks, indicators."""
    rows: list[Change] = []
    old_chains, new_chains = _by_label(old, NodeLabel.CHAIN), _by_label(new, NodeLabel.CHAIN)
    rows += [
        Change("产业链", "新增", name, "", str(p.get("kind", "")))
        for name, p in new_chains.items()
        if name not in old_chains
    ]
    rows += [
        Change("产业链", "取消", name, str(p.get("kind", "")), "")
        for name, p in old_chains.items()
        if name not in new_chains
    ]
    for name in sorted(set(old_chains) & set(new_chains)):
        before, after = _target(old_chains[name]), _target(new_chains[name])
        if before != after:
            rows.append(Change("产业链", "产值目标变化", name, before, after))
    rows += _segment_changes(old, new)
    rows += _park_changes(_by_label(old, NodeLabel.PARK), _by_label(new, NodeLabel.PARK))
    rows += _indicator_changes(_by_label(old, NodeLabel.INDICATOR), _by_label(new, NodeLabel.INDICATOR))
    return rows


def _words(name: str, props: dict[str, PropertyValue]) -> set[str]:
    keywords = props.get("keywords")
    return {name, *(str(k) for k in keywords)} if isinstance(keywords, list) else {name}


def _chains_of(graph: GraphData) -> dict[str, set[str]]:
    names = {n.id: n.name for n in graph.nodes}
    chains: dict[str, set[str]] = {}
    for rel in graph.relationships:
        if rel.type == RelType.BELONGS_TO:
            chains.setdefault(names[rel.start], set()).add(names[rel.end])
    return chains


def _pairs(
    old: dict[str, dict[str, PropertyValue]],
    new: dict[str, dict[str, PropertyValue]],
    old_chains: dict[str, set[str]],
    new_chains: dict[str, set[str]],
) -> dict[str, str]:
    """New segment → the old segment it continues: the same name, then a shared keyword, then the closest wording
    (sharing a chain, with a declared status, named rather than a keyword, closest in length)."""
    old_words = {name: _words(name, props) for name, props in old.items()}
    pairs: dict[str, str] = {}
    for name, props in new.items():
        words = _words(name, props)
        match = name if name in old else next((o for o, ow in old_words.items() if name in ow or o in words), None)
        if match is not None:
            pairs[name] = match
    for name in new:
        if name in pairs:
            continue
        taken = set(pairs.values())
        near = [
            o
            for o, ow in old_words.items()
            if o not in taken and any(len(w) >= 2 and (w in name or name in w) for w in ow)
        ]
        if near:
            pairs[name] = max(
                near,
                key=lambda o: (
                    bool(old_chains.get(o, set()) & new_chains.get(name, set())),
                    bool(old[o].get("plan_status")),
                    o.find(name) >= 0 or name.find(o) >= 0,
                    -abs(len(o) - len(name)),
                ),
            )
    return pairs


def _local_firms(graph: GraphData) -> dict[str, list[str]]:
    """Segment name → the local enterprises operating in it (empty for a seed, which records none of its own)."""
    nodes = {n.id: n for n in graph.nodes}
    firms: dict[str, list[str]] = {}
    for rel in graph.relationships:
        firm, segment = nodes.get(rel.start), nodes.get(rel.end)
        if rel.type == RelType.OPERATES_IN and firm and segment and firm.properties.get("locality") == Locality.LOCAL:
            firms.setdefault(segment.name, []).append(firm.name)
    return {name: sorted(names) for name, names in firms.items()}


def _filled(status: str, firms: list[str]) -> str:
    """缺失（图谱中本地已有企业 2 家：甲、乙）: a declared gap that the working graph shows filled."""
    if not firms:
        return status
    shown = "、".join(firms[:FIRMS_SHOWN]) + ("等" if len(firms) > FIRMS_SHOWN else "")
    return f"{status}（图谱中本地已有企业 {len(firms)} 家：{shown}）"


def _segment_changes(old_graph: GraphData, new_graph: GraphData) -> list[Change]:
    old, new = _by_label(old_graph, NodeLabel.SEGMENT), _by_label(new_graph, NodeLabel.SEGMENT)
    pairs = _pairs(old, new, _chains_of(old_graph), _chains_of(new_graph))
    matched_old = set(pairs.values())
    local = _local_firms(old_graph)
    rows: list[Change] = []
    gaps = {s.value for s in DECLARED_GAPS}
    for name, props in new.items():
        status = props.get("plan_status")
        was = old.get(pairs[name], {}).get("plan_status") if name in pairs else None
        shown = name if name not in pairs or pairs[name] == name else f"{name}（原：{pairs[name]}）"
        filled = local.get(pairs[name], []) if name in pairs and was in ABSENT else []
        if status in gaps and was in gaps:
            rows.append(
                Change(
                    "缺口",
                    FILLED_BUT_LISTED if filled else "仍未补齐",
                    shown,
                    _filled(_label(was), filled),
                    _label(status),
                )
            )
        elif status in gaps:
            rows.append(Change("缺口", "新缺口", shown, _label(was), _label(status)))
        elif was in gaps:
            rows.append(Change("缺口", "已不再列为缺口", shown, _filled(_label(was), filled), _label(status)))
        elif status != was and (status or was):
            rows.append(Change("环节状态", "状态变化", shown, _label(was), _label(status)))
    for name, props in old.items():
        if name in matched_old or not props.get("plan_status"):
            continue
        gap = props["plan_status"] in gaps
        change = "新规划未再提及（缺口是否补齐待核实）" if gap else "新规划未再提及"
        was_shown = _filled(_label(props["plan_status"]), local.get(name, []) if props["plan_status"] in ABSENT else [])
        rows.append(Change("缺口" if gap else "环节状态", change, name, was_shown, ""))
    order = ["新缺口", FILLED_BUT_LISTED, "仍未补齐", "已不再列为缺口"]
    rows.sort(key=lambda r: (r.kind != "缺口", order.index(r.change) if r.change in order else len(order), r.name))
    return rows


def _park_changes(old: dict[str, dict[str, PropertyValue]], new: dict[str, dict[str, PropertyValue]]) -> list[Change]:
    rows = []
    for name in sorted(set(old) | set(new)):
        before, after = old.get(name), new.get(name)
        if before is None or after is None:
            rows.append(Change("园区", "新增" if before is None else "取消", name, _park(before), _park(after)))
        elif _park(before) != _park(after):
            rows.append(Change("园区", "目标或一主一特变化", name, _park(before), _park(after)))
    return rows


def _park(props: dict[str, PropertyValue] | None) -> str:
    if props is None:
        return ""
    focus = "、".join(str(props[k]) for k in ("main_industry", "special_industry") if props.get(k))
    target = _target(props)
    return f"{focus}；目标 {target}" if target else focus


def _indicator_changes(
    old: dict[str, dict[str, PropertyValue]], new: dict[str, dict[str, PropertyValue]]
) -> list[Change]:
    rows = []
    for name in sorted(set(old) | set(new)):
        before, after = _indicator(old.get(name)), _indicator(new.get(name))
        if before != after:
            change = "新增" if name not in old else "取消" if name not in new else "基期或目标变化"
            rows.append(Change("指标", change, name, before, after))
    return rows


def _indicator(props: dict[str, PropertyValue] | None) -> str:
    if props is None:
        return ""
    unit = props.get("unit") or ""
    target = props.get("target_text") or f"{props.get('target_qualifier') or ''}{props.get('target_2025')}"
    target_unit = unit if props.get("target_2025") is not None else ""
    return f"基期 {props.get('value_2020', '-')}{unit} → 目标 {target}{target_unit}"
