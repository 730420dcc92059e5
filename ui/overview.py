"""总览: every chain at a glance."""

import altair as alt
import pandas as pd
import streamlit as st

from present.columns import HEALTH_COLUMNS, SHARED_COLUMNS
from ui.common import cached_health, cached_indicators, cached_shared, excel_button, settings, store, table

st.title("总览")
st.caption("各产业链的本地覆盖、缺口、优势环节与 2025 年产值目标。覆盖率 = 有本地企业或规划认定有基础的环节占比。")
config = settings()
store()
rows = cached_health(config)
chains = [r for r in rows if r.kind != "产业"]
frame = table(rows, HEALTH_COLUMNS)

left, middle, right = st.columns(3)
left.metric("产业链", len(chains))
middle.metric("缺口环节（去重）", len({g for r in rows for g in r.gaps}))
right.metric("优势环节（去重）", len({s for r in rows for s in r.strengths}))

st.subheader("各产业链的缺口数与本地覆盖率")
chart = pd.DataFrame(
    {
        "产业链": [r.chain for r in chains],
        "缺口数": [len(r.gaps) for r in chains],
        "本地覆盖率": [r.coverage for r in chains],
    }
)
height = 22 * len(chains) + 40
order = sorted(chart["产业链"], key=lambda name: (-len(next(r.gaps for r in chains if r.chain == name)), name))
gaps_chart = (
    alt.Chart(chart)
    .mark_bar(color="#d32f2f")
    .encode(
        x=alt.X("缺口数:Q", title="缺口环节数", axis=alt.Axis(tickMinStep=1, format="d")),
        y=alt.Y("产业链:N", sort=order, title=None),
        tooltip=["产业链", "缺口数"],
    )
    .properties(height=height)
)
coverage_chart = (
    alt.Chart(chart)
    .mark_bar(color="#2e7d32")
    .encode(
        x=alt.X("本地覆盖率:Q", axis=alt.Axis(format="%"), scale=alt.Scale(domain=[0, 1]), title="本地覆盖率"),
        y=alt.Y("产业链:N", sort=order, title=None),
        tooltip=["产业链", alt.Tooltip("本地覆盖率:Q", format=".0%")],
    )
    .properties(height=height)
)
left_chart, right_chart = st.columns(2)
left_chart.altair_chart(gaps_chart, width="stretch")
right_chart.altair_chart(coverage_chart, width="stretch")
st.caption("两张图按同一顺序排列：缺口多的产业链在上。")
st.dataframe(
    frame,
    hide_index=True,
    width="stretch",
    column_config={HEALTH_COLUMNS["coverage"]: st.column_config.NumberColumn(format="percent")},
)

st.subheader("多条产业链共用的配套环节")
shared = table(cached_shared(config), SHARED_COLUMNS)
st.dataframe(shared, hide_index=True, width="stretch")

st.subheader("主要指标（规划表）")
indicators = cached_indicators(config)
st.dataframe(
    pd.DataFrame(
        [
            {
                "类别": i.properties.get("category") or "",
                "指标": i.name,
                "单位": i.properties.get("unit") or "",
                "2020年": str(i.properties.get("value_2020") if i.properties.get("value_2020") is not None else "—"),
                "2025年目标": str(i.properties.get("target_2025") or i.properties.get("target_text") or "—"),
                "限定": i.properties.get("target_qualifier") or "",
            }
            for i in indicators
        ]
    ),
    hide_index=True,
    width="stretch",
)
excel_button("下载总览（Excel）", {"产业链健康度": frame, "多链共用环节": shared}, "产业链总览.xlsx", "overview-xlsx")
