"""The review report of a draft seed: every extracted fact with its quote, grouped by chain, as one HTML page.

The Excel copy (same rows, `present.tables.to_xlsx`) is the one the office fills in (审阅结论: 接受/否决/更正,
更正为) and gives back to `chainkg apply-review`. Text from the plan is escaped like everything else we show.
"""

from __future__ import annotations

import html
from collections import Counter, defaultdict
from typing import Any

_STYLE = """
body{font-family:"Noto Sans CJK SC","Microsoft YaHei",sans-serif;margin:24px;color:#222}
table{border-collapse:collapse;width:100%;margin:8px 0 24px}th,td{border:1px solid #ccc;padding:4px 6px;
vertical-align:top;font-size:13px}th{background:#f3f5f7;text-align:left}.low{background:#fff4e5}
.quote{color:#37474f}h2{border-bottom:2px solid #455a64;padding-bottom:4px}
"""
LOW_CONFIDENCE = 0.7
"""Below this a fact is shaded: the rule that found it is one of the looser ones."""


def review_html(title: str, rows: list[dict[str, Any]], columns: dict[str, str]) -> str:
    """`rows` (one per fact, with the keys of `columns`) as a page: counts by kind and rule, then one table a group."""
    esc = html.escape
    shown = [key for key in columns if key not in ("group", "verdict", "correction")]
    by_kind = Counter(str(r["kind"]) for r in rows)
    by_rule = Counter(str(r["rule"]) for r in rows)
    low = sum(1 for r in rows if float(r["confidence"]) < LOW_CONFIDENCE)
    groups: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        groups[str(row["group"])].append(row)
    parts = [
        f"<!doctype html><html lang='zh-CN'><head><meta charset='utf-8'><title>{esc(title)}</title>",
        f"<style>{_STYLE}</style></head><body><h1>{esc(title)}</h1>",
        f"<p>共 {len(rows)} 条事实，其中 {low} 条置信度低于 {LOW_CONFIDENCE}（浅橙色）。每条都附规划原文引文与章节；"
        "请在同名 Excel 的“审阅结论”列填写 接受 / 否决 / 更正（更正时在“更正为”写正确名称），"
        "再用 <code>chainkg apply-review 草稿目录 审阅报告.xlsx</code> 写回草稿。</p>",
        "<p>按类别：" + "，".join(f"{esc(k)} {n}" for k, n in sorted(by_kind.items())) + "</p>",
        "<p>按规则：" + "，".join(f"{esc(k)} {n}" for k, n in by_rule.most_common()) + "</p>",
    ]
    for group, members in groups.items():
        parts.append(f"<h2>{esc(group)}（{len(members)}）</h2><table><tr>")
        parts.extend(f"<th>{esc(columns[key])}</th>" for key in shown)
        parts.append("</tr>")
        for row in members:
            css = " class='low'" if float(row["confidence"]) < LOW_CONFIDENCE else ""
            cells = "".join(f"<td{' class=quote' if key == 'quote' else ''}>{esc(str(row[key]))}</td>" for key in shown)
            parts.append(f"<tr{css}>{cells}</tr>")
        parts.append("</table>")
    parts.append("</body></html>")
    return "".join(parts)
