"""永州市产业链知识图谱 — Streamlit entry point: navigation and the sidebar; pages live in ui/."""

from __future__ import annotations

import streamlit as st

from graph.config import BACKEND_NAMES
from ui.common import pending_switch, settings, store
from ui.warm import user_run

st.set_page_config(page_title="永州市产业链知识图谱", layout="wide")
pages = [
    st.Page("ui/overview.py", title="总览", default=True),
    st.Page("ui/workspace.py", title="产业链工作台", url_path="workspace"),
    st.Page("ui/chain_map.py", title="产业链图谱", url_path="chain-map"),
    st.Page("ui/weak_links.py", title="薄弱环节", url_path="weak-links"),
    st.Page("ui/targeting.py", title="招商目标", url_path="targets"),
    st.Page("ui/cards.py", title="环节与企业", url_path="card"),
    st.Page("ui/supply.py", title="供需对接", url_path="supply"),
    st.Page("ui/county_map.py", title="区域分布", url_path="regions"),
    st.Page("ui/leads.py", title="招商线索", url_path="leads"),
    st.Page("ui/explore.py", title="图谱探索", url_path="explore"),
    st.Page("ui/data.py", title="数据管理", url_path="data"),
]
navigation = st.navigation(pages)
config = settings()
with st.sidebar:
    st.markdown("### 永州市产业链知识图谱")
    st.markdown(f"**存储后端：** {BACKEND_NAMES[config.backend]}")
    st.caption("数据来源：《永州市“十四五”工业发展规划（2021-2025年）》；候选企业来自 A 股上市公司库。")
with user_run():  # the cache warmer (ui/warm.py) waits while a page runs
    store()
    switching = pending_switch(config)
    if switching:
        st.warning(
            f"导入正在生效（已完成 {switching.done:,} / {switching.staged:,}）：一次已确认的大文件导入正在分段生效"
            f"（开始于 {switching.started}），此刻的分析和列表只包含其中已生效的部分。"
            "若导入程序已中断，运行 `chainkg import resume` 即可完成其余部分。"
        )
    navigation.run()
