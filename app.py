"""永州市产业链知识图谱 — Streamlit front end (presentation only; analysis lives in queries/)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from graph.config import Settings, open_store
from graph.store import GraphStore, StoreError
from loaders.load import load_all
from queries.structure import chain_summaries

st.set_page_config(page_title="永州市产业链知识图谱", layout="wide")


@st.cache_resource(show_spinner="正在打开图谱存储……")
def get_store(settings: Settings) -> GraphStore:
    """One store per settings for the whole server; the first start on an empty store loads the seed."""
    store = open_store(settings)
    if not store.counts().nodes:
        load_all(store)
    return store


st.title("永州市产业链知识图谱")
try:
    store = get_store(Settings.from_env())
except StoreError as exc:
    st.error(f"无法打开图谱存储：{exc}")
    st.stop()

st.sidebar.markdown(f"**存储后端：** {store.backend}")
st.caption("数据来源：《永州市“十四五”工业发展规划（2021-2025年）》；候选企业来自 A 股上市公司库（见数据管理说明）。")

summaries = chain_summaries(store)
table = pd.DataFrame(
    [
        {
            "产业链": s.name,
            "类别": s.kind,
            "所属产业": s.parent or "",
            "环节数": s.segments,
            "2025年产值目标": (
                f"{s.output_target_2025:g} {s.output_target_unit}" if s.output_target_2025 else "规划未给出"
            ),
        }
        for s in summaries
    ]
)
st.subheader("产业链一览")
st.dataframe(table, hide_index=True, use_container_width=True)
