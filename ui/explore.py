"""图谱探索 (researchers): search, neighbourhood, trace, shortest path, centrality, read-only Cypher, export."""

import pandas as pd
import streamlit as st
import streamlit.components.v1 as components

from graph.exchange import to_graphml_bytes, to_json_text
from graph.model import NODE_LABEL_NAMES, GraphData, NodeLabel, key_of_id
from graph.store import Capability, StoreError
from ui.common import cached_centrality, md, settings, store
from ui.graph_view import TooLarge, data_network, legend_html, to_html

SAMPLE_QUERIES = {
    "电机产业链的环节": "MATCH (s:Segment)-[:BELONGS_TO]->(:Chain {name: '电机'}) RETURN s.name, s.stage",
    "规划声明的缺口": "MATCH (g:Gap)-[:GAP_AT]->(s:Segment) RETURN s.name AS 环节, g.kind AS 类型 ORDER BY 环节",
    "电镀/表面处理的下游": "MATCH (:Segment {name: '电镀/表面处理'})-[:SUPPLIES*1..3]->(d) RETURN DISTINCT d.name",
    "各园区承载的产业链": "MATCH (p:Park)-[:HOSTS]->(c:Chain) RETURN p.name, collect(c.name)",
}

st.title("图谱探索")
config = settings()
source = store()


def show(data: GraphData, title: str, key: str) -> None:
    try:
        components.html(to_html(data_network(data), title, legend_html(data)), height=650)
    except TooLarge as exc:
        st.warning(str(exc))
        return
    left, right = st.columns(2)
    left.download_button("导出子图（JSON）", to_json_text(data).encode("utf-8"), f"{title}.json", key=f"{key}-json")
    right.download_button("导出子图（GraphML）", to_graphml_bytes(data), f"{title}.graphml", key=f"{key}-graphml")


text = st.text_input("搜索节点（产业链、环节、企业、园区、项目……）", "电机外壳", key="explore-search")
hits = source.search(text, limit=30)
if not hits:
    st.info("没有名称包含该文字的节点。")
else:
    labels = {f"{NODE_LABEL_NAMES[n.label]}：{n.name}": n for n in hits}
    chosen = labels[st.selectbox("选择节点", list(labels), key="explore-node")]
    hops = st.slider("展开跳数", 1, 3, 1, key="explore-hops")
    show(source.neighbourhood(chosen.id, hops=hops, limit=150), f"{chosen.name}_{hops}跳", "hood")
    if chosen.label == NodeLabel.SEGMENT:
        up, down = source.trace(chosen.id, "up"), source.trace(chosen.id, "down")
        st.write("**上游**：" + ("、".join(md(key_of_id(k)) for k in up) or "无"))
        st.write("**下游**：" + ("、".join(md(key_of_id(k)) for k in down) or "无"))

st.subheader("最短路径")
left, right = st.columns(2)
start = left.text_input("起点名称", "模具", key="path-start")
end = right.text_input("终点名称", "小家电", key="path-end")
ends = [source.search(name, limit=1) for name in (start, end)]
if all(ends):
    path = source.shortest_path(ends[0][0].id, ends[1][0].id)
    if path:
        st.write(" → ".join(md(source.get_node(n).name) for n in path))
    else:
        st.info("两点之间没有路径。")

st.subheader("关键环节（供应网络中介中心度）")
st.dataframe(
    pd.DataFrame([c.__dict__ for c in cached_centrality(settings())]).rename(
        columns={
            "segment": "环节",
            "chains": "所属链数",
            "upstream": "上游环节数",
            "downstream": "下游环节数",
            "betweenness": "中介中心度",
        }
    ),
    hide_index=True,
    width="stretch",
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
