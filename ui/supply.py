"""供需对接: the inputs a chain or a local enterprise needs, who supplies them locally, what comes from outside."""

import pandas as pd
import streamlit as st

from graph.store import StoreError
from queries.targets import Weights
from ui.chain_ops import EXTERNAL, cached_supply_view, supply_sections, supply_workbook
from ui.common import (
    DEFAULT_FIRM,
    SUPPLY_TARGETS,
    XLSX,
    cached_local_names,
    cached_targets,
    chain_names,
    chain_picker,
    firm_picker,
    md,
    settings,
    small_table,
    store,
)

st.title("供需对接")
st.caption(
    "投入＝向本环节供货的上游环节（供应关系，注明依据：规划原文，或行业常识 / 模板判断）；"
    "本地有企业在该环节即为有本地供应商，规划认定本地已有基础但企业未录入的也算，并注明。"
    "本地配套率＝有本地供应商的投入 ÷ 投入（每种投入只算一次，已淘汰的产能不计入）。"
)
config = settings()
store()
by = st.radio("对接范围", ["产业链", "本地企业"], horizontal=True, key="supply-by")
confirmed_only = st.toggle(
    "只用已确认的判断", key="supply-confirmed-only", help="未审阅的行业常识、模板判断不计入；已否决的判断总是不计入。"
)
chain: str | None
if by == "产业链":
    names = chain_names(config)
    chain = chain_picker(names, "supply-chain")
    enterprise = None
else:
    enterprise, chain = firm_picker("本地企业", cached_local_names(config), "supply-enterprise", DEFAULT_FIRM), None
    if enterprise is None:
        st.stop()
try:
    view = cached_supply_view(chain, enterprise, confirmed_only)
except StoreError as exc:
    st.error(md(exc))
    st.stop()
match = view.match
shown = supply_sections(view, chain, confirmed_only)
if shown == EXTERNAL and match.external:
    st.subheader("为外部依赖找企业")
    st.caption("下面是所选投入的前 10 家候选企业；到左侧“招商目标”页可按地区筛选、调整权重、看补链效果。")
    wanted = st.selectbox("外部依赖的投入", [e.input for e in match.external], key="supply-target-input")
    found = cached_targets(config, wanted, SUPPLY_TARGETS, Weights(), ())
    if found.targets:
        st.caption(md(found.message))
        small_table(
            pd.DataFrame(
                [
                    {"企业": t.name, "得分": t.score, "省份": t.province or "未知", "理由": "；".join(t.reasons)}
                    for t in found.targets
                ]
            )
        )
    else:
        st.warning(md(found.message))
st.download_button(
    "下载供需对接清单（Excel）",
    lambda: supply_workbook(chain, enterprise, confirmed_only),
    file_name=f"供需对接_{match.scope}.xlsx",
    mime=XLSX,
    key="supply-xlsx",
)
