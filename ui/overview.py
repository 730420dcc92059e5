"""总览: every chain at a glance.

Gap counts and coverage are bars inside the chain table (not charts beside it), the two reference tables sit
behind tabs, and all three are plain HTML tables (ui.common.small_table): on each open of the page by its URL
the browser pays for every chart and every interactive table it draws (docs/benchmarks.md, issue #16).
"""

import pandas as pd
import streamlit as st

from present.columns import HEALTH_COLUMNS, SHARED_COLUMNS
from present.tables import Bar
from ui.common import cached_health, cached_indicators, cached_shared, excel_button, settings, small_table, store, table

GAP_COUNT, COVERAGE = "缺口数", HEALTH_COLUMNS["coverage"]

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
order = sorted(range(len(rows)), key=lambda i: (-len(rows[i].gaps), rows[i].chain))
shown = frame.iloc[order]
shown.insert(1, GAP_COUNT, [len(rows[i].gaps) for i in order])
most_gaps = max(shown[GAP_COUNT], default=0)
small_table(
    shown,
    bars={
        GAP_COUNT: Bar(most=most_gaps or 1, colour="#d32f2f", spec="d"),
        COVERAGE: Bar(most=1, colour="#2e7d32", spec="percent"),
    },
)
st.caption("缺口多的产业链在上；红条是缺口环节数，绿条是本地覆盖率。")

shared_tab, indicators_tab = st.tabs(["多条产业链共用的配套环节", "主要指标（规划表）"])
shared = table(cached_shared(config), SHARED_COLUMNS)
with shared_tab:
    small_table(shared)
indicators = cached_indicators(config)
with indicators_tab:
    small_table(
        pd.DataFrame(
            [
                {
                    "类别": i.properties.get("category") or "",
                    "指标": i.name,
                    "单位": i.properties.get("unit") or "",
                    "2020年": str(
                        i.properties.get("value_2020") if i.properties.get("value_2020") is not None else "—"
                    ),
                    "2025年目标": str(i.properties.get("target_2025") or i.properties.get("target_text") or "—"),
                    "限定": i.properties.get("target_qualifier") or "",
                }
                for i in indicators
            ]
        )
    )
excel_button("下载总览（Excel）", {"产业链健康度": frame, "多链共用环节": shared}, "产业链总览.xlsx", "overview-xlsx")
