"""Synthetic enterprises over the real seed's segments, from a fixed random seed.

For benchmarks and parity tests only: every node it makes says `source: 合成数据` in
`note` and `synthetic: true`, so it can never be mistaken for a fact.
"""

from __future__ import annotations

import random

from graph.model import GraphData, Node, NodeLabel, PropertyValue, Relationship, RelType, Source, node_id, texts_prop
from graph.vocabulary import Locality

_PROVINCES = [
    "广东省",
    "浙江省",
    "江苏省",
    "上海市",
    "湖南省",
    "湖北省",
    "江西省",
    "广西壮族自治区",
    "福建省",
    "四川省",
]
_SUFFIXES = ["科技有限公司", "股份有限公司", "制造有限公司", "实业有限公司", "电子有限公司"]


def synthetic_enterprises(
    seed: GraphData, count: int, *, local_share: float = 0.3, rng_seed: int = 20210101
) -> GraphData:
    """`count` enterprises tied to the seed's segments, parks and counties.

    About `local_share` of them are local (operating in 1–3 segments, located in a park and
    its county); the rest are candidates elsewhere in China whose names carry a segment keyword.
    """
    rng = random.Random(rng_seed)
    segments = sorted((n for n in seed.nodes if n.label == NodeLabel.SEGMENT), key=lambda n: n.id)
    parks = sorted(n.id for n in seed.nodes if n.label == NodeLabel.PARK)
    park_county = {r.start: r.end for r in seed.relationships if r.type == RelType.IN_COUNTY}
    nodes: list[Node] = []
    rels: list[Relationship] = []
    for index in range(count):
        segment = rng.choice(segments)
        keyword = rng.choice(texts_prop(segment.properties, "keywords") or [segment.name])
        local = rng.random() < local_share
        eid = node_id(NodeLabel.ENTERPRISE, f"synthetic:{index:06d}")
        props: dict[str, PropertyValue] = {
            "name": f"合成{index:06d}{keyword}{rng.choice(_SUFFIXES)}",
            "locality": (Locality.LOCAL if local else Locality.CANDIDATE).value,
            "province": "湖南省" if local else rng.choice(_PROVINCES),
            "registered_capital_wan": float(rng.choice([50, 200, 1000, 5000, 20000])),
            "source": Source.DERIVED.value,
            "note": "合成数据（基准测试与一致性测试用），不是事实",
            "synthetic": True,
        }
        nodes.append(Node(id=eid, label=NodeLabel.ENTERPRISE, properties=props))
        ties = {segment.id} | {rng.choice(segments).id for _ in range(rng.randint(1, 5))}
        for sid in sorted(ties):
            rels.append(
                Relationship(type=RelType.OPERATES_IN, start=eid, end=sid, properties={"source": Source.DERIVED.value})
            )
        if local and parks:
            park = rng.choice(parks)
            rels.append(
                Relationship(type=RelType.LOCATED_IN, start=eid, end=park, properties={"source": Source.DERIVED.value})
            )
            if park in park_county:
                rels.append(
                    Relationship(
                        type=RelType.LOCATED_IN,
                        start=eid,
                        end=park_county[park],
                        properties={"source": Source.DERIVED.value},
                    )
                )
    return GraphData(nodes=nodes, relationships=rels)
