"""A seed's plan text and the rule for matching quotes against it.

Every seed directory carries the plan its quotes come from (`plan/*.txt`); the shipped seed carries
Yongzhou's 十四五 plan, a draft from `chainkg extract` carries the plan it was extracted from.
The shipped text was extracted from a PDF: lines wrap mid-sentence and a few characters were
lost ("全省 大的" for "全省最大的"). A quote matches when, with all whitespace removed
from both sides and restored characters written as 〔X〕 dropped, it is a substring
of the plan.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from loaders.yaml_lines import SeedError

PLAN_FILE = Path(__file__).resolve().parent.parent / "seed" / "plan" / "yongzhou-industry-plan-2021-2025.txt"
PLAN_TITLE = "永州市“十四五”工业发展规划（2021-2025年）"

_RESTORED = re.compile(r"〔[^〕]*〕")
_WHITESPACE = re.compile(r"\s+")


def normalise(text: str) -> str:
    """Drop whitespace and restored characters: the form in which quotes are compared."""
    return _WHITESPACE.sub("", _RESTORED.sub("", text))


@dataclass(frozen=True)
class Plan:
    """One plan's text, normalised once, and the title its clauses are filed under."""

    title: str
    normalised: str

    def contains(self, quote: str) -> bool:
        needle = normalise(quote)
        return bool(needle) and needle in self.normalised


@cache
def read_plan(path: Path) -> Plan:
    """The plan in `path`; the shipped file keeps its full title, any other plan is named by its file name."""
    title = PLAN_TITLE if path.name == PLAN_FILE.name else path.stem
    return Plan(title, normalise(path.read_text(encoding="utf-8")))


def plan_file_of(seed_dir: Path, *, required: bool = True) -> Path:
    """The one plan text (`plan/*.txt`) in `seed_dir`.

    Without `required`, a directory with no `plan/` folder (a small test seed) quotes the shipped plan.
    """
    folder = seed_dir / "plan"
    if not folder.is_dir() and not required:
        return PLAN_FILE
    texts = sorted(folder.glob("*.txt")) if folder.is_dir() else []
    if len(texts) != 1:
        found = "没有" if not texts else f"有 {len(texts)} 份"
        raise SeedError(
            [f"种子目录 {seed_dir} 的 plan/ 文件夹中{found}规划原文（.txt）：请放入且只放入引文所出自的那一份规划原文"]
        )
    return texts[0]


def quote_in_plan(quote: str) -> bool:
    """Whether `quote` is in the shipped plan."""
    return read_plan(PLAN_FILE).contains(quote)


def clause_id(quote: str) -> str:
    """Stable id of a plan clause: the same quote always gives the same node."""
    return "planclause:" + hashlib.sha1(normalise(quote).encode("utf-8")).hexdigest()[:12]
