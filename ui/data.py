"""数据管理: where everything came from, how much there is, and (for editors) importing lists."""

import datetime as dt

import pandas as pd
import streamlit as st

from graph.config import BACKEND_NAMES
from graph.model import NODE_LABEL_NAMES, REL_TYPE_NAMES, NodeLabel, RelType
from graph.store import StoreError
from graph.vocabulary import Locality
from loaders.corrections import assign_segment
from loaders.importing import MAX_ROWS, ImportFileError, TooManyRows, apply_import, rows_of, template_xlsx
from ui.access import editing_configured, is_editor, login
from ui.common import (
    cached_import_plan,
    cached_local_names,
    cached_stats,
    md,
    settings,
    small_table,
    store,
    view_picker,
)
from ui.review import review_section

st.title("数据管理")
source = store()
result = cached_stats(settings())
st.write(f"**存储后端：** {BACKEND_NAMES.get(result['backend'], result['backend'])}")
left, right = st.columns(2)
node_rows = [(NODE_LABEL_NAMES[NodeLabel(label)], n) for label, n in result["nodes"].items()]
rel_rows = [(REL_TYPE_NAMES[RelType(kind)], n) for kind, n in result["relationships"].items()]
with left:
    small_table(pd.DataFrame(node_rows, columns=["节点类型", "数量"]))
with right:
    small_table(pd.DataFrame(rel_rows, columns=["关系类型", "数量"]))

if view_picker(["数据来源", "审阅判断"], "data-view") == "数据来源":
    st.subheader("数据来源")
    local = len(cached_local_names(settings()))
    st.markdown(
        f"""
- **《永州市“十四五”工业发展规划（2021-2025 年）》**：产业链、环节、缺口、园区、企业、项目和主要指标，
  每条事实附章节与原文引文（共 {result["nodes"].get("PlanClause", 0)} 条引文）。当前本地企业 {local} 家。
- **行业常识**：部分上下游供应关系按行业通用工艺结构建模，图中以虚线表示，并附理由；编辑可在上方“审阅判断”中逐项审阅。
- **A 股上市公司库（候选企业）**：来自公开仓库 liuhuanyong/ChainKnowledgeGraph（沪深交易所名单、申万 2021 行业分类）
  与 wengowl/stock（Tushare stock_basics 2016 导出）。名称与分类可能已过时。
- **导入的名录**：节点带有 `source_file`（最近一次导入的文件名）、`imported_on`（导入日期）和 `data_as_of`
  （最新的数据日期：文件写明的导出时间，或导入时指定的日期，否则同导入日期）；较新的名录没有提供的字段保留原来的数字和
  日期（`older_fields_as_of`），名单中每个数字按自己的日期判断是否陈旧。
"""
    )
else:  # the judgement list (hundreds of rows a chain) is drawn only when asked for
    review_section(source)

st.subheader("导入企业名录")
st.download_button(
    "下载导入模板（Excel）",
    template_xlsx,
    "企业名录导入模板.xlsx",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    key="import-template",
)
if not editing_configured():
    st.info(
        "网页当前为只读：尚未配置编辑权限。管理员可设置环境变量 CHAINKG_EDITOR_PASSWORD，"
        "或在 .streamlit/secrets.toml 中配置 [chainkg] editor_password，"
        "或配置 [auth] 单位账号登录并在 [chainkg] editors 中列出编辑人员。"
        "本机命令行 `chainkg import enterprises` 不受此限制。"
    )
    st.stop()
if not is_editor():
    login()
    st.stop()

upload = st.file_uploader("企业名录（CSV：UTF-8 或 GBK；Excel：.xlsx）", type=["csv", "xlsx"], key="import-file")
as_local = st.radio("导入为", ["本地企业", "候选招商企业"], horizontal=True, key="import-kind") == "本地企业"
SIMILAR_CHOICE = "名称相近的企业确认为不同企业，照常新增"
accept_similar = st.checkbox(SIMILAR_CHOICE, key="import-similar")
as_of = st.date_input(
    "数据日期（可不填：默认取文件中写明的导出时间，没有则取导入日期；填写则以此为准）",
    value=None,
    max_value=dt.date.today(),
    format="YYYY-MM-DD",
    key="import-as-of",
)
if upload is not None:
    try:
        plan = cached_import_plan(
            settings(),
            upload.name,
            upload.getvalue(),
            Locality.LOCAL if as_local else Locality.CANDIDATE,
            accept_similar,
            as_of if isinstance(as_of, dt.date) else None,
        )
    except TooManyRows as exc:
        st.error(
            md(
                f"{exc}网页一次读入整个文件，最多 {MAX_ROWS:,} 行：请拆成几个不超过 {MAX_ROWS:,} 行的文件分别上传；"
                "或在服务器上用命令行两遍流式导入整个文件：chainkg import enterprises 文件.csv --stream"
                "（Excel 先另存为 CSV）。"
            )
        )
        st.stop()
    except ImportFileError as exc:
        st.error(md(exc))
        st.stop()
    st.write(md(plan.summary()))
    st.dataframe(pd.DataFrame(rows_of(plan.rows)), hide_index=True, width="stretch")
    similar = plan.count("待确认")
    if similar:
        st.info(
            f"有 {similar} 行名称与图谱中的企业相近（待确认），未导入：核对后若确是不同企业，"
            f"勾选上方“{SIMILAR_CHOICE}”即照常新增；否则可点“只导入有效行”跳过它们。"
        )
    left, right = st.columns(2)
    full = left.button("导入", disabled=plan.has_errors, key="import-all")
    valid_only = right.button("只导入有效行", disabled=not plan.has_errors, key="import-valid")
    if full or valid_only:
        try:
            written = apply_import(source, plan, valid_only=valid_only)
        except (ImportFileError, StoreError) as exc:
            st.error(md(exc))
            st.stop()
        st.cache_data.clear()
        st.success(f"已写入 {written} 家企业。" + ("问题行已跳过。" if valid_only else ""))

st.subheader("更正企业所属环节")
enterprise = st.text_input("企业名称", key="assign-enterprise")
segment = st.selectbox("环节", source.names(NodeLabel.SEGMENT), key="assign-segment")
remove = st.checkbox("取消关联（而不是新增）", key="assign-remove")
if st.button("保存更正", key="assign-save") and enterprise:
    try:
        st.success(md(assign_segment(source, enterprise, segment, remove=remove)))
        st.cache_data.clear()
    except StoreError as exc:
        st.error(md(exc))
