"""The date an imported list's figures are as of: the export or data date the file states, else the import day.

Exports from 企查查, 天眼查, 启信宝 and the 国家企业信用信息公示系统 say when they were made, in a notice row above
the header (导出时间：2026-11-20 14:32), a note below the data (数据更新日期：2026年11月20日) or the sheet name. A file
exported years ago and imported today holds figures that old, so its firms are dated by what the file states
(`data_as_of`) and keep the import day apart (`imported_on`). Where the file states nothing, or states dates that
cannot all be true at once (two different days, a day after the import, a day that does not exist), the import
day is used and the import check says why; a date given on import overrides the file, and the check says that too.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass

from loaders.matching import normalise_text

_DATE = (
    r"(?<!\d)(?:\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}(?!\d)\s*日?"
    + "".join(rf"|\d{{4}}\s*{sep}\s*\d{{1,2}}\s*{sep}\s*\d{{1,2}}(?!\d)" for sep in ("-", "/", r"\."))
    + r"|\d{8}(?!\d))"
)
"""A day as exports write it, one separator throughout (2026-11-20, 2026/11/20, 2026.11.20, 2026年11月20日, 20261120):
so 2023年1-12月, a range of months, is no day."""
_WORDING = r"(?:数据)?(?:导出|更新|截止|截至|查询|下载)(?:时间|日期|时点|于)?|数据(?:日期|时间|时点)|统计(?:时间|日期)"
STATED_DATE = re.compile(
    rf"(?:{_WORDING})\s*[:：]?\s*(?:为|是)?\s*(?P<date>{_DATE})"
    rf"|(?P<before>{_DATE})\s*(?:\d{{1,2}}:\d{{2}}(?::\d{{2}})?)?\s*(?:导出|更新)(?!\s*(?:时间|日期|时点|于))"
)
"""An export or data date as exports word it: 导出时间：2026-11-20 14:32, 数据更新日期 2026年11月20日, 截至2026/11/20,
截止日期 2026.11.20, 2026-11-20 导出 (text as `normalise_text` gives it: full-width digits are ASCII by then)."""
OTHER_DATE = re.compile(r"(?:成立|核准|注册|登记|发证|吊销|注销|期限|至)\s*(?:日期|时间)?\s*$")
"""Words just before a stated date that make it a date of the firms, not of the export (a filter row: 成立日期
2015-01-01 至 2020-12-31; 核准日期截至2019-05-01)."""
QUOTED_CHARS = 80
"""The longest quote of a dated line the check shows: a longer line keeps its start and the statement of the date,
with the middle left out (`_quote`)."""
GIVEN = "导入时指定"


@dataclass(frozen=True)
class DateStatement:
    """One date a file states, where it states it (文件第 2 行“导出时间：2026-11-20 14:32”), as written, and the
    day it names (None when no such day exists, such as 2026-02-30)."""

    where: str
    written: str
    day: dt.date | None


@dataclass(frozen=True)
class DataDate:
    """The date an import's figures are as of (yyyy-mm-dd), where it came from (stored with each firm as
    `data_as_of_source`), and the sentence the import check shows."""

    as_of: str
    source: str
    check: str


def stated_dates(text: str, place: str) -> list[DateStatement]:
    """The export or data dates `text` states, each placed at `place` (文件第 2 行, 工作表名) with a quote of the text.

    >>> [(s.where, s.day) for s in stated_dates("导出时间：２０２６年１１月２０日 14:32", "文件第 2 行")]
    [('文件第 2 行“导出时间：２０２６年１１月２０日 14:32”', datetime.date(2026, 11, 20))]
    """
    line = " ".join(text.split())
    found = []
    normalised = normalise_text(text)
    for match in STATED_DATE.finditer(normalised):
        if OTHER_DATE.search(normalised[max(0, match.start() - 8) : match.start()]):
            continue
        written = _written(match)
        found.append(DateStatement(f"{place}“{_quote(line, written, match)}”", written, _day(written)))
    return found


def _written(match: re.Match[str]) -> str:
    return (match.group("date") or match.group("before")).strip()


def _quote(line: str, written: str, match: re.Match[str]) -> str:
    """The dated line as the check quotes it: whole up to QUOTED_CHARS characters; a longer one as its start, …, and
    the statement of the date as the file writes it (导出时间：２０２６年１１月２０日), so the date always shows. The
    statement is found again in the line as written (full-width digits and all); where invisible characters keep
    it from being found there, the line as read (`normalise_text`) is quoted instead."""
    if len(line) <= QUOTED_CHARS:
        return line
    same = (m for m in STATED_DATE.finditer(line) if normalise_text(_written(m)) == written)
    stated = next(same, None)
    if stated is None:
        line, stated = match.string, match
    start, end = stated.span()
    end = min(len(line), max(end, start + QUOTED_CHARS // 2))
    if end < QUOTED_CHARS:
        return line[: QUOTED_CHARS - 1] + "…"
    after = "…" if end < len(line) else ""
    head = QUOTED_CHARS - (end - start) - 1 - len(after)
    return line[:head] + "…" + line[start:end] + after


def _day(written: str) -> dt.date | None:
    digits = re.findall(r"\d+", written)
    year, month, day = (digits[0][:4], digits[0][4:6], digits[0][6:]) if len(digits) == 1 else digits
    try:
        return dt.date(int(year), int(month), int(day))
    except ValueError:
        return None


def given_date(text: str, today: dt.date) -> dt.date:
    """A data date typed on import (--as-of): 2026-11-20, 2026/11/20, 2026.11.20 or 2026年11月20日, not after
    `today`; a ValueError in Chinese otherwise.

    >>> given_date("2026年11月20日", dt.date(2026, 12, 3))
    datetime.date(2026, 11, 20)
    """
    text = normalise_text(text).strip()
    day = _day(text) if re.fullmatch(_DATE, text) else None
    if day is None:
        raise ValueError(f"“{text}”不是有效的日期（示例：2026-11-20、2026年11月20日）")
    if day > today:
        raise ValueError(f"数据日期 {day} 晚于今天（{today}），数据不会来自未来，请核对")
    return day


def choose_data_date(statements: Sequence[DateStatement], today: dt.date, given: dt.date | None = None) -> DataDate:
    """The as-of date of an import on `today`: `given` when there is one; else the one day the file states
    (however often); else the import day, with why the file's dates were not used.

    >>> choose_data_date([DateStatement("文件第 2 行“导出时间:2023-06-01”", "2023-06-01", dt.date(2023, 6, 1))],
    ...           dt.date(2026, 12, 3)).check
    '数据日期取文件第 2 行“导出时间:2023-06-01”：2023-06-01；导入日期 2026-12-03。'
    """
    imported = f"导入日期 {today.isoformat()}"
    if given is not None:
        if given > today:
            raise ValueError(f"数据日期 {given} 晚于导入日期 {today}，数据不会来自未来，请核对")
        differing = [s for s in statements if s.day != given]
        if differing:
            note = f"，不用{_listed(differing)}"
        elif statements:
            note = f"，与{'、'.join(s.where for s in statements)}一致"
        else:
            note = ""
        return DataDate(given.isoformat(), GIVEN, f"数据日期取导入时指定的 {given}{note}；{imported}。")
    if not statements:
        return DataDate(
            today.isoformat(), "导入日期（文件未注明数据日期）", f"文件未注明导出或数据日期，数据日期按{imported} 计。"
        )
    problems = [f"{s.where}中的“{s.written}”不是有效日期" for s in statements if s.day is None]
    problems += [f"{s.where}的 {s.day} 晚于导入日期" for s in statements if s.day is not None and s.day > today]
    days = {s.day for s in statements}
    if len(days) > 1 and not problems:
        problems.append(f"日期不一致：{_listed(statements)}")
    if problems:
        return DataDate(
            today.isoformat(),
            "导入日期（文件中的日期无法采用）",
            f"文件中的日期无法采用（{'；'.join(problems)}），数据日期按{imported} 计；如知道数据日期，可在导入时指定。",
        )
    (day,) = days
    assert day is not None  # a day that does not exist is a problem above
    wheres = "、".join(dict.fromkeys(s.where for s in statements))
    return DataDate(day.isoformat(), wheres, f"数据日期取{wheres}：{day}；{imported}。")


def _listed(statements: Sequence[DateStatement]) -> str:
    return "、".join(f"{s.where}（{s.day or s.written}）" for s in statements)
