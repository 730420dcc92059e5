"""Column titles (Chinese), shared by the CLI, the report and the app (status colours live in graph.vocabulary)."""

GAP_COLUMNS = {
    "segment": "环节",
    "status_label": "状态",
    "severity": "严重度",
    "chains": "所属产业链",
    "stage": "位置",
    "local_count": "本地企业数",
    "downstream_segments": "下游依赖环节数",
    "reasons": "原因",
    "evidence": "规划依据",
}
TARGET_COLUMNS = {
    "name": "企业",
    "score": "得分",
    "province": "省份",
    "city": "城市",
    "region": "区域",
    "industry": "行业",
    "matched_keywords": "匹配关键词",
    "reasons": "推荐理由",
    "lead_status": "线索状态",
}
HEALTH_COLUMNS = {
    "chain": "产业链",
    "kind": "类别",
    "segments": "环节数",
    "coverage": "本地覆盖率",
    "status_counts": "状态分布",
    "local_enterprises": "本地企业数",
    "strengths": "优势环节",
    "gaps": "缺口环节",
    "output_target_2025": "2025年产值目标",
    "latest_output": "最新产值",
}
SHARED_COLUMNS = {"segment": "环节", "chains": "服务的产业链", "status": "状态", "severity": "严重度"}
CHANGE_COLUMNS = {
    "segment": "环节",
    "before": "变化前",
    "after": "变化后",
    "severity_before": "变化前严重度",
    "severity_after": "变化后严重度",
    "exposed_downstream": "暴露的下游环节",
}
