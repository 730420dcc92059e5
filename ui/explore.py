"""图谱探索 (researchers): search, neighbourhood, trace, shortest path, centrality, read-only Cypher, export."""

import pandas as pd
import streamlit as st
import streamlit.components.v1 as components
from streamlit.delta_generator import DeltaGenerator

from graph.exchange import to_graphml_bytes, to_json_text
from graph.model import Node, NodeLabel, key_of_id
from graph.store import Capability, StoreError
from queries import explore
from ui.common import (
    DEFAULT_CAP,
    DEFAULT_PATH,
    DEFAULT_SEGMENT,
    cached_centrality,
    cached_lookup,
    cached_neighbourhood,
    cached_neighbourhood_page,
    cached_shortest_path,
    cached_trace,
    md,
    neighbourhood_title,
    settings,
    small_table,
    store,
)
from ui.graph_view import MAX_NODES, TooLarge

SAMPLE_QUERIES = {
    "电机产业链的环节": "MATCH (s:Segment)-[:BELONGS_TO]->(:Chain {name: '电机'}) RETURN s.name, s.stage",
    "规划声明的缺口": "MATCH (g:Gap)-[:GAP_AT]->(s:Segment) RETURN s.name AS 环节, g.kind AS 类型 ORDER BY 环节",
    "电镀/表面处理的下游": "MATCH (:Segment {name: '电镀/表面处理'})-[:SUPPLIES*1..3]->(d) RETURN DISTINCT d.name",
    "各园区承载的产业链": "MATCH (p:Park)-[:HOSTS]->(c:Chain) RETURN p.name, collect(c.name)",
}

st.title("图谱探索")
config = settings()
source = store()


def show(around: explore.Neighbourhood, node_id: str, hops: int, cap: int, title: str, key: str) -> None:
    """The neighbourhood drawn (laid out on the server, once per store version) and its exports."""
    data = around.data
    try:
        components.html(cached_neighbourhood_page(config, node_id, hops, cap, title), height=650)
    except TooLarge as exc:
        st.warning(str(exc))
        return
    left, right = st.columns(2)
    as_json, as_graphml = (lambda: to_json_text(data).encode("utf-8")), (lambda: to_graphml_bytes(data))
    left.download_button("导出子图（JSON）", as_json, f"{title}.json", key=f"{key}-json")
    right.download_button("导出子图（GraphML）", as_graphml, f"{title}.graphml", key=f"{key}-graphml")


def _use(text_key: str, name: str) -> None:
    st.session_state[text_key] = name


def pick(text_key: str, label: str, default: str, container: DeltaGenerator) -> Node | None:
    """A node named in a text box: the only hit, the user's choice among several, or a message with the
    names the user may have meant (one click puts a suggestion into the box)."""
    found = cached_lookup(config, container.text_input(label, default, key=text_key))
    if not found.hits:
        container.warning(md(found.message))
        for index, name in enumerate(found.suggestions):
            container.button(name, key=f"{text_key}-try-{index}", on_click=_use, args=(text_key, name))
        return None
    if len(found.hits) == 1:
        return found.hits[0]
    by_id = {node.id: node for node in found.hits}
    chosen = container.selectbox(
        f"找到 {len(found.hits)} 个名称含“{md(found.text)}”的节点，请选择",
        list(by_id),
        format_func=lambda nid: explore.choice_label(by_id[nid]),
        key=f"{text_key}-choice",
    )
    return by_id[chosen]


chosen = pick("explore-search", "搜索节点（产业链、环节、企业、园区、项目……）", DEFAULT_SEGMENT, st.container())
if chosen is not None:
    left, right = st.columns(2)
    hops = left.slider("展开跳数", 1, 3, 1, key="explore-hops")
    cap = right.number_input(
        f"最多显示节点数（{MAX_NODES} 以内）",
        min_value=10,
        max_value=MAX_NODES,
        value=DEFAULT_CAP,
        step=50,
        key="explore-cap",
    )
    around = cached_neighbourhood(config, chosen.id, hops, int(cap))
    if around.cut:
        more = "可调高“最多显示节点数”查看更多" if cap < MAX_NODES else "请减少跳数，或导出子图在其他工具中查看"
        st.info(
            f"“{md(chosen.name)}”{hops} 跳以内共有 {around.total} 个节点，"
            f"只显示了离它最近的 {len(around.data.nodes)} 个；{more}。"
        )
    show(around, chosen.id, hops, int(cap), neighbourhood_title(chosen.name, hops), "hood")
    st.caption("点击图中的环节、企业或产业链，可打开它的卡片或图谱。")
    if chosen.label == NodeLabel.SEGMENT:
        up, down = cached_trace(config, chosen.id, "up"), cached_trace(config, chosen.id, "down")
        st.write("**上游**（沿供应关系）：" + ("、".join(md(key_of_id(k)) for k in up) or "无"))
        st.write("**下游**（沿供应关系）：" + ("、".join(md(key_of_id(k)) for k in down) or "无"))

st.subheader("最短路径")
st.caption(
    "默认只沿供应关系、按上游→下游方向查找环节之间的路径；所属、位于、规划依据等关系不算路径，除非勾选下面的选项。"
)
left, right = st.columns(2)
start = pick("path-start", "起点名称", DEFAULT_PATH[0], left)
end = pick("path-end", "终点名称", DEFAULT_PATH[1], right)
all_links = st.checkbox("包含归属与引用关系（任意关系、不分方向）", key="path-all")
if start is not None and end is not None:
    path = cached_shortest_path(config, start.id, end.id, all_links)
    if path.message:
        st.info(md(path.message))
    if path.ids:
        words = [md(path.names[0])]
        for step, name in zip(path.steps, path.names[1:], strict=True):
            arrow = "→" if step.forward else "←"
            words.append(f"{arrow} {md(name)}" if not all_links else f"{arrow}（{md(step.link)}） {md(name)}")
        st.write(" ".join(words))

st.subheader("关键环节（供应网络中介中心度）")
small_table(
    pd.DataFrame([c.__dict__ for c in cached_centrality(config)]).rename(
        columns={
            "segment": "环节",
            "chains": "所属链数",
            "upstream": "上游环节数",
            "downstream": "下游环节数",
            "betweenness": "中介中心度",
        }
    )
)

st.subheader("Cypher 只读控制台")
if Capability.READ_ONLY_CONSOLE not in source.capabilities:
    st.info("只读 Cypher 控制台在 Neo4j 后端提供（设置 CHAINKG_BACKEND=neo4j 与 NEO4J_URI 等）。")
else:
    sample = st.selectbox("示例查询", list(SAMPLE_QUERIES), key="cypher-sample")
    query = st.text_area("Cypher（只读：写入与管理语句会被拒绝）", SAMPLE_QUERIES[sample], key="cypher-text")
    if st.button("执行", key="cypher-run"):
        try:
            result = source.read_only_query(query)
        except StoreError as exc:
            st.error(md(exc))
        else:
            if result.truncated:
                shown = len(result.rows)
                st.warning(f"结果超过 {shown} 行，只显示前 {shown} 行；请加条件或 LIMIT 缩小范围。")
            st.dataframe(pd.DataFrame(result.rows), width="stretch")
