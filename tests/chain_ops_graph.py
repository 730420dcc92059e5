"""Tiny hand-built chains for the 供需对接, 风险清单 and 延链 rules: every segment, firm and link named in the test."""

from __future__ import annotations

from dataclasses import dataclass, field

from graph.model import GraphData, Node, NodeLabel, PropertyValue, Relationship, RelType, node_id

CHAIN = "甲链"


@dataclass(frozen=True)
class Firm:
    name: str
    capital_wan: float | None = None
    locality: str = "local"
    province: str = "湖南省"
    city: str | None = None


@dataclass(frozen=True)
class Seg:
    name: str
    plan_status: str | None = None
    firms: tuple[Firm, ...] = ()
    chains: tuple[str, ...] = (CHAIN,)
    stage: str = "中游"


@dataclass
class Tiny:
    segments: list[Seg]
    links: list[tuple[str, str, str]] = field(default_factory=list)
    """(from, to, basis): basis 规划, 行业常识 or 模板 (a template link: source 模板, basis 行业常识)."""

    def graph(self) -> GraphData:
        chains = {c for s in self.segments for c in s.chains}
        nodes = [Node(id=node_id(NodeLabel.CHAIN, c), label=NodeLabel.CHAIN, properties={"name": c}) for c in chains]
        rels: list[Relationship] = []
        firms: dict[str, Firm] = {}
        for seg in self.segments:
            props: dict[str, PropertyValue] = {"name": seg.name, "stage": seg.stage}
            if seg.plan_status:
                props["plan_status"] = seg.plan_status
            sid = node_id(NodeLabel.SEGMENT, seg.name)
            nodes.append(Node(id=sid, label=NodeLabel.SEGMENT, properties=props))
            rels += [
                Relationship(type=RelType.BELONGS_TO, start=sid, end=node_id(NodeLabel.CHAIN, c)) for c in seg.chains
            ]
            for firm in seg.firms:
                firms[firm.name] = firm
                eid = node_id(NodeLabel.ENTERPRISE, firm.name)
                rels.append(Relationship(type=RelType.OPERATES_IN, start=eid, end=sid, properties={"confidence": 1.0}))
        for firm in firms.values():
            props = {"name": firm.name, "locality": firm.locality, "province": firm.province}
            if firm.capital_wan is not None:
                props["registered_capital_wan"] = firm.capital_wan
            if firm.city is not None:
                props["city"] = firm.city
            nodes.append(
                Node(id=node_id(NodeLabel.ENTERPRISE, firm.name), label=NodeLabel.ENTERPRISE, properties=props)
            )
        for start, end, basis in self.links:
            props = (
                {"basis": "行业常识", "source": "模板"}
                if basis == "模板"
                else {"basis": basis, "note": f"{start}供{end}"}
            )
            rels.append(
                Relationship(
                    type=RelType.SUPPLIES,
                    start=node_id(NodeLabel.SEGMENT, start),
                    end=node_id(NodeLabel.SEGMENT, end),
                    properties=props,
                )
            )
        return GraphData(nodes=nodes, relationships=rels)
