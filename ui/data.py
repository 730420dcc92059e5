"""数据管理: where everything loaded came from, and how much of it there is."""

import pandas as pd
import streamlit as st

from graph.model import NodeLabel
from queries.structure import stats
from ui.common import settings, store

st.title("数据管理")
source = store()
result = stats(source)
st.write(f"**存储后端：** {result['backend']}（数据目录或服务地址见侧栏）")
left, right = st.columns(2)
left.dataframe(pd.DataFrame(result["nodes"].items(), columns=["节点类型", "数量"]), hide_index=True)
right.dataframe(pd.DataFrame(result["relationships"].items(), columns=["关系类型", "数量"]), hide_index=True)

st.subheader("数据来源")
local = len(source.nodes(NodeLabel.ENTERPRISE, locality="local"))
st.markdown(
    f"""
- **《永州市“十四五”工业发展规划（2021-2025 年）》**：产业链、环节、缺口、园区、企业、项目和主要指标，
  每条事实附章节与原文引文（共 {result["nodes"].get("PlanClause", 0)} 条引文）。本地企业 {local} 家均为规划点名的企业。
- **行业常识**：部分上下游供应关系按行业通用工艺结构建模，图中以虚线表示，并附理由。
- **A 股上市公司库（候选企业）**：来自公开仓库 liuhuanyong/ChainKnowledgeGraph（沪深交易所名单、申万 2021 行业分类）
  与 wengowl/stock（Tushare stock_basics 2016 导出）。名称与分类可能已过时。
"""
)
st.caption(f"当前设置：{settings().backend}")
