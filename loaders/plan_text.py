"""The plan's text, shipped in the repo, and the rule for matching quotes against it.

The text was extracted from a PDF: lines wrap mid-sentence and a few characters were
lost ("全省 大的" for "全省最大的"). A quote matches when, with all whitespace removed
from both sides and restored characters written as 〔X〕 dropped, it is a substring
of the plan.
"""

from __future__ import annotations

import hashlib
import re
from functools import cache
from pathlib import Path

PLAN_FILE = Path(__file__).resolve().parent.parent / "seed" / "plan" / "yongzhou-industry-plan-2021-2025.txt"
PLAN_TITLE = "永州市“十四五”工业发展规划（2021-2025年）"

_RESTORED = re.compile(r"〔[^〕]*〕")
_WHITESPACE = re.compile(r"\s+")


def normalise(text: str) -> str:
    """Drop whitespace and restored characters: the form in which quotes are compared."""
    return _WHITESPACE.sub("", _RESTORED.sub("", text))


@cache
def plan_text_normalised() -> str:
    return normalise(PLAN_FILE.read_text(encoding="utf-8"))


def quote_in_plan(quote: str) -> bool:
    needle = normalise(quote)
    return bool(needle) and needle in plan_text_normalised()


def clause_id(quote: str) -> str:
    """Stable id of a plan clause: the same quote always gives the same node."""
    return "planclause:" + hashlib.sha1(normalise(quote).encode("utf-8")).hexdigest()[:12]
