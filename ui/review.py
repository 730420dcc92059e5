"""The 审阅 section of 数据管理: a chain's judgement items, their basis, reason and review state.

Everyone sees the list; only editors (ui/access.py) may record a verdict.
"""

from __future__ import annotations

import streamlit as st

from graph.store import GraphStore, StoreError
from graph.vocabulary import ReviewState
from loaders.review import record_review
from present.tables import list_pager
from queries.review import ORPHANED, REVIEW_COLUMNS
from ui.access import is_editor
from ui.common import cached_judgements, chain_names, md, paged_table, records, settings, table

VERDICTS = [ReviewState.CONFIRMED, ReviewState.MODIFIED, ReviewState.REJECTED]


def review_section(source: GraphStore) -> None:
    st.subheader("审阅判断")
    st.caption(
        "按行业常识、产业链模板或企业名称推断建模的判断，不是规划原文。“理由来源”一列说明理由出自哪里："
        "产业链模板库（seed/templates/）、规划种子数据（seed/chains/，按行业常识建模）、企业种子数据"
        "（seed/enterprises.yaml，名称推断）或所列公开资料。已否决的判断不再用于任何分析；"
        "薄弱环节页可选择“只用已确认的判断”。"
    )
    chain = st.selectbox("产业链", chain_names(settings()), key="review-chain")
    items = cached_judgements(settings(), chain)
    shown = table(items, REVIEW_COLUMNS)
    paged_table(list_pager(records(shown)), list(shown.columns), "review-list", own_order="类型与判断")
    if not is_editor():
        st.info("审阅只对编辑开放（登录方式见下方“导入企业名录”）；当前为只读。")
        return
    choices = {f"{item.kind}：{item.element}（{item.state}）": item.key for item in items if item.kind != ORPHANED}
    if not choices:
        return
    picked = st.selectbox("要审阅的判断", list(choices), key="review-item")
    verdict = st.radio("审阅结论", VERDICTS, format_func=lambda s: s.label, horizontal=True, key="review-state")
    default_reviewer = str(st.user.get("email", "")) if getattr(st.user, "is_logged_in", False) else ""
    reviewer = st.text_input("审阅人", value=default_reviewer, key="review-by")
    note = st.text_area("备注（“已修改”必须写明改了什么）", key="review-note")
    if st.button("保存审阅", key="review-save"):
        try:
            record_review(source, choices[picked], verdict, reviewer, note)
        except StoreError as exc:
            st.error(md(exc))
            return
        st.cache_data.clear()
        st.success(f"已记录：{md(picked)} → {verdict.label}。")
