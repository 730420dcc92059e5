"""环节与企业卡片: one segment or one firm, everything known about it, reachable by URL (?segment= / ?enterprise=)."""

import streamlit as st

from graph.store import StoreError
from graph.vocabulary import Locality
from queries.cards import EnterpriseCard, SegmentCard
from ui.common import (
    DEFAULT_FIRM,
    DEFAULT_SEGMENT,
    cached_enterprise_card,
    cached_segment_card,
    cached_segment_names,
    md,
    settings,
    store,
)

store()
config = settings()
st.title("环节与企业卡片")
st.caption("点“产业链图谱”上的环节可直接打开它的卡片；本页网址带有所选环节或企业，可收藏或转发给同事。")


def _lines(items: list[str], empty: str) -> None:
    st.markdown("\n".join(f"- {md(item)}" for item in items) if items else f"*{empty}*")


def _segment(card: SegmentCard) -> None:
    st.header(f"环节：{card.segment}")
    st.markdown(
        f"**状态：** {md(card.status_label)}"
        f"　**位置：** {md(card.stage)}　**所属产业链：** {md('、'.join(card.chains))}"
        f"　**来源：** {md('规划点名' if card.origin == '规划' else '产业链模板（行业常识，不是关于永州的事实）')}"
        + (f"　**属于：** {md(card.parent)}" if card.parent else "")
    )
    st.subheader("为什么是这个状态")
    _lines(card.why, "没有更多说明。")
    st.subheader("规划原文")
    _lines([f"“{e.quote}”（{e.section}）" for e in card.evidence], "规划没有提到这个环节（它来自产业链模板）。")
    left, right = st.columns(2)
    with left:
        st.subheader(f"本地企业（{len(card.local_firms)}）")
        _lines(
            [
                f"{f.name}" + (f"（{'、'.join(f.places)}）" if f.places else "（园区未知）") + f"，依据：{f.basis}"
                for f in card.local_firms
            ],
            "本地企业库中没有这个环节的企业。",
        )
        st.subheader("重点项目")
        _lines(card.projects, "规划的重点项目中没有面向这个环节的。")
    with right:
        st.subheader("外地知名企业（招商参考）")
        _lines(
            [f"{t.name}（{t.province or '省份未知'}，得分 {t.score:.0f}）" for t in card.national_firms],
            "候选企业库中没有与这个环节匹配的企业。",
        )
        st.caption("完整名单、理由和 Excel 见“招商目标”页。")
    up, down = st.columns(2)
    with up:
        st.subheader(f"上游环节（{len(card.upstream)}）")
        _lines([f"{n.segment}（{n.basis}）" for n in card.upstream], "没有已知的上游环节。")
    with down:
        st.subheader(f"下游环节（{len(card.downstream)}）")
        _lines([f"{n.segment}（{n.basis}）" for n in card.downstream], "没有已知的下游环节。")
    st.caption("括号里是供应关系的依据：“规划”有原文；“行业常识”“模板”是建模判断，可在“数据管理”审阅。")


def _enterprise(card: EnterpriseCard) -> None:
    st.header(f"企业：{card.name}")
    where = "、".join(x for x in (card.province, card.city, *card.places) if x) or "未知"
    st.markdown(
        f"**类别：** {md(card.locality)}"
        + (f"（{md(card.closed_because)}）" if card.closed_because else "")
        + f"　**所在地：** {md(where)}　**数据来源：** {md(card.source)}"
        + (f"　**全称：** {md(card.full_name)}" if card.full_name else "")
        + (f"　**行业：** {md(card.industry)}" if card.industry else "")
    )
    if card.business_scope:
        st.markdown(f"**经营范围：** {md(card.business_scope)}")
    st.subheader(f"所属环节（{len(card.ties)}）及关联依据")
    _lines(
        [f"{t.segment}：{t.basis}" + (f"——{t.detail}" if t.detail else "") for t in card.ties], "还没有关联到任何环节。"
    )
    st.subheader("规划原文")
    _lines([f"“{e.quote}”（{e.section}）" for e in card.evidence], "规划没有点到这家企业。")
    st.subheader("重点项目")
    _lines(card.projects, "规划的重点项目中没有涉及这家企业的。")
    st.subheader("本地供应商（图谱内，上游环节的本地企业）")
    _lines(
        [f"{p.segment} → {p.via}（{p.basis}）：{'、'.join(p.firms)}" for p in card.suppliers],
        "上游环节还没有录入本地企业。",
    )
    st.subheader("本地客户（图谱内，下游环节的本地企业）")
    _lines(
        [f"{p.via} → {p.segment}（{p.basis}）：{'、'.join(p.firms)}" for p in card.customers],
        "下游环节还没有录入本地企业。",
    )
    if card.locality == Locality.LOCAL.label:
        st.subheader("如果它迁出或停产")
        _lines(
            [
                f"{c.segment}：{c.before} → {c.after}"
                + (f"，下游受影响：{'、'.join(c.exposed_downstream)}" if c.exposed_downstream else "")
                for c in card.leaving
            ],
            "没有环节的状态因此改变（同一环节还有其他本地企业，或它未关联到环节）。",
        )


kind = st.radio(
    "查看", ["环节", "企业"], horizontal=True, index=1 if "enterprise" in st.query_params else 0, key="card-kind"
)
try:
    if kind == "环节":
        names = cached_segment_names(config)
        wanted = st.query_params.get("segment", DEFAULT_SEGMENT)
        chosen = st.selectbox(
            "环节",
            names,
            index=names.index(wanted) if wanted in names else None,
            placeholder="请选择环节",
            key="card-segment",
        )
        if chosen is not None:
            st.query_params.pop("enterprise", None)
            st.query_params["segment"] = chosen
        # A name not in the list (a mistyped link) is looked up as it is: NotFound says so and names the closest.
        _segment(cached_segment_card(config, chosen or wanted))
    else:
        text = st.text_input(
            "企业名称（简称、全称或别名）", st.query_params.get("enterprise", DEFAULT_FIRM), key="card-enterprise"
        )
        if text.strip():
            st.query_params.pop("segment", None)
            st.query_params["enterprise"] = text.strip()
            _enterprise(cached_enterprise_card(config, text.strip()))
        else:
            st.info("请输入企业名称。")
except StoreError as exc:
    st.warning(md(exc))
