"""A deep synthetic chain (100 segments over two levels, plan and template origins, supply and
equipment links), so the map layout is tested at the size the template library brings, without
depending on it. Names are made up ("环节012") apart from one hostile name for the escaping tests."""

from __future__ import annotations

import random

from graph.model import GraphData, Node, NodeLabel, PropertyValue, Relationship, RelType
from graph.vocabulary import Status
from queries.chain_map import ChainMap, SupplyLink
from queries.gaps import SegmentStatus

HOSTILE = '<script>alert("x")</script>'
STAGES = [("配套", 10), ("上游", 30), ("中游", 35), ("下游", 25)]


def _status(name: str, stage: str, status: Status) -> SegmentStatus:
    return SegmentStatus(
        segment=name, segment_id=f"segment:{name}", stage=stage, chains=["合成链"], status=status,
        status_label=status.label, plan_status=None, local_count=0, local_sample=[], downstream_segments=0,
        downstream_enterprises=0, severity=0.0, reasons=[],
    )  # fmt: skip


def synthetic_chain(size: int = 100, seed: int = 7) -> ChainMap:
    """`size` segments; about 40% level 1, the rest level-2 children of a level-1 segment of their stage."""
    rng = random.Random(seed)
    total = sum(n for _, n in STAGES)
    segments, parents, origins = [], {}, {}
    index = 0
    for stage, share in STAGES:
        count = round(size * share / total)
        level1: list[str] = []
        for _ in range(count):
            name = HOSTILE if index == 5 else f"{stage}环节{index:03d}"
            index += 1
            status = Status(rng.choice(["covered", "strong", "missing", "weak", "single", "unknown", "unknown"]))
            segment = _status(name, stage, status)
            segments.append(segment)
            if level1 and rng.random() < 0.6:
                parents[segment.segment_id] = rng.choice(level1)
                origins[segment.segment_id] = "模板"
            else:
                level1.append(segment.segment_id)
                origins[segment.segment_id] = "规划" if rng.random() < 0.4 else "模板"
    order = {stage: i for i, (stage, _) in enumerate(STAGES)}
    links = []
    for segment in segments:
        later = [s for s in segments if order[s.stage] >= order[segment.stage] and s is not segment]
        if segment.stage == "下游" and rng.random() < 0.7:
            continue
        for target in rng.sample(later, k=min(len(later), rng.choice([1, 1, 2, 2, 3]))):
            if order[target.stage] == order[segment.stage] and target.segment > segment.segment:
                continue
            basis = "规划" if origins[segment.segment_id] == origins[target.segment_id] == "规划" else "行业常识"
            links.append(SupplyLink(segment.segment_id, target.segment_id, basis))
    equipment = [s for s in segments if s.stage == "配套"][:2]
    links += [SupplyLink(e.segment_id, rng.choice(segments).segment_id, "行业常识", "equips") for e in equipment]
    return ChainMap(
        chain="合成链",
        segments=segments,
        links=links,
        quotes={segments[5].segment_id: ['规划原文 "引号" & <b>标签</b>']},
        enterprises={},
        parents=parents,
        origins=origins,
    )


PLAN_STATUS = {"missing": "missing", "weak": "weak", "strong": "strong", "covered": "present"}


def synthetic_graph(name: str = "合成大链", size: int = 100, seed: int = 7, levels: bool = False) -> GraphData:
    """The synthetic chain as graph data a store can load: statuses become plan statuses, and without
    `levels` every segment is a level-1 环节 (so all `size` of them are drawn)."""
    drawn = synthetic_chain(size, seed)
    chain = Node(id=f"chain:{name}", label=NodeLabel.CHAIN, properties={"name": name, "kind": "测试"})
    nodes, relationships = [chain], []
    for s in drawn.segments:
        props: dict[str, PropertyValue] = {"name": s.segment, "stage": s.stage, "origin": drawn.origins[s.segment_id]}
        if s.status in PLAN_STATUS:
            props["plan_status"] = PLAN_STATUS[s.status]
        if levels and s.segment_id in drawn.parents:
            props.update(level=2, parent=drawn.parents[s.segment_id].split(":", 1)[1])
        nodes.append(Node(id=s.segment_id, label=NodeLabel.SEGMENT, properties=props))
        relationships.append(Relationship(type=RelType.BELONGS_TO, start=s.segment_id, end=chain.id))
    relationships += [
        Relationship(type=RelType.SUPPLIES, start=link.start, end=link.end, properties={"basis": link.basis})
        for link in drawn.links
        if link.kind == "supply"
    ]
    return GraphData(nodes=nodes, relationships=relationships)
