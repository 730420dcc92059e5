"""招商线索: the board of leads by status and gap segment, overdue calls highlighted, Excel download, and
the edit form for editors (ui/access.py). Everyone sees the board; only editors change a lead."""

from __future__ import annotations

from datetime import date

import streamlit as st

from graph.store import StoreError
from graph.vocabulary import LeadStatus
from loaders.leads import set_lead
from present.leads import leads_xlsx
from queries.leads import CHANGE_COLUMNS, Lead, leads
from queries.targets import Weights
from ui.access import editing_configured, is_editor, login
from ui.common import (
    ALL_CHAINS,
    LEAD_TARGETS,
    cached_gaps,
    cached_targets,
    chain_names,
    chain_picker,
    lead_segments,
    md,
    settings,
    store,
    table,
)

ALL = ALL_CHAINS

st.title("招商线索")
st.caption(
    "每条线索是一家目标企业针对一个缺口环节的跟进：状态、负责人、下次联系日期和每次变更。"
    "标记“已落地”后，该企业计为该环节的本地企业，缺口、健康度和补链效果随之变化；改回其他状态即撤销。"
)
config = settings()
source = store()
everything = leads(source)
left, right = st.columns(2)
with left:
    chain = chain_picker(chain_names(config), "leads-chain", allow_all=True)
owners = sorted({lead.owner for lead in everything if lead.owner})
owner = right.selectbox("负责人", [ALL, *owners], key="leads-owner")
shown = leads(source, None if chain == ALL else chain, owner=None if owner == ALL else owner)


def _card(lead: Lead) -> None:
    with st.container(border=True):
        st.markdown(f"**{md(lead.enterprise)}**")
        lines = [f":red[**登记状态：{md(lead.not_live)}**]"] if lead.not_live else []
        lines.append(f"负责人：{md(lead.owner)}")
        if lead.next_contact:
            when = f"下次联系：{md(lead.next_contact)}"
            lines.append(f":red[**{when}（{md(lead.overdue_note)}）**]" if lead.overdue else when)
        if lead.last_note:
            lines.append(f"备注：{md(lead.last_note)}")
        st.markdown("  \n".join(lines))


if not everything:
    st.info(
        "还没有招商线索：编辑可在下方为缺口环节的目标企业新建线索，"
        "或在命令行运行 `chainkg lead set 企业 --segment 环节 --owner 负责人`。"
    )
elif not shown:
    st.info("所选产业链或负责人下没有线索：请改选“全部”，或为该产业链的缺口环节新建线索。")
else:
    late = [lead for lead in shown if lead.overdue]
    if late:
        st.warning(f"有 {len(late)} 条线索的下次联系日期已过（红字标出），请尽快跟进。")
    columns = st.columns(len(LeadStatus))
    for column, status in zip(columns, LeadStatus, strict=True):
        in_status = [lead for lead in shown if lead.status == status]
        column.markdown(f"#### {status.label}（{len(in_status)}）")
        column.caption(status.description)
        with column:
            for segment in sorted({lead.segment for lead in in_status}):
                group = [lead for lead in in_status if lead.segment == segment]
                st.markdown(f"**{md(segment)}**（环节状态：{md(group[0].segment_status)}）")
                for lead in group:
                    _card(lead)
    st.download_button(
        "下载线索清单（Excel）",
        lambda: leads_xlsx(shown),
        file_name="招商线索.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        key="leads-xlsx",
    )
    with st.expander("变更记录"):
        st.dataframe(table([c for lead in shown for c in lead.history], CHANGE_COLUMNS), hide_index=True)

st.subheader("新建或更新线索")
if not editing_configured():
    st.info("网页当前为只读：尚未配置编辑权限（见“数据管理”页的说明）；可用命令行 `chainkg lead set` 记录线索。")
    st.stop()
if not is_editor():
    st.info("编辑线索只对编辑开放，请先登录；当前为只读。")
    login()
    st.stop()

segments = lead_segments(cached_gaps(config, None if chain == ALL else chain), shown)
if not segments:
    st.info("所选产业链没有缺口环节，也没有线索，无需新建。")
    st.stop()
segment = st.selectbox("缺口环节", segments, key="lead-segment")
existing = {lead.enterprise_id: lead for lead in everything if lead.segment == segment}
found = cached_targets(config, segment, LEAD_TARGETS, Weights(), ())
firms = {**{t.enterprise_id: t.name for t in found.targets}, **{e: lead.enterprise for e, lead in existing.items()}}
if not firms:
    st.info(md(found.message))
    st.stop()


def _firm_label(eid: str) -> str:
    lead = existing.get(eid)
    return f"{firms[eid]}（{lead.status_label}）" if lead else firms[eid]


firm = st.selectbox("企业", list(firms), format_func=_firm_label, key="lead-enterprise")
current = existing.get(firm)
statuses = list(LeadStatus)
status = st.selectbox(
    "线索状态",
    statuses,
    index=statuses.index(current.status) if current else 0,
    format_func=lambda s: s.label,
    key="lead-status",
)
owner_name = st.text_input("负责人", value=current.owner if current else "", key="lead-owner")
next_day = st.date_input(
    "下次联系日期",
    value=date.fromisoformat(current.next_contact) if current and current.next_contact else None,
    key="lead-next",
)
note = st.text_area("备注（这次联系或变化的情况）", key="lead-note")
default_by = str(st.user.get("email", "")) if getattr(st.user, "is_logged_in", False) else ""
by = st.text_input("经办人（不填则为负责人）", value=default_by, key="lead-by")
if st.button("保存线索", key="lead-save"):
    try:
        done = set_lead(
            source,
            firm,
            segment,
            status=status,
            owner=owner_name,
            note=note,
            next_contact=next_day.isoformat() if isinstance(next_day, date) else None,
            by=by,
        )
    except StoreError as exc:
        st.error(md(exc))
        st.stop()
    st.cache_data.clear()
    st.success(md(done))
