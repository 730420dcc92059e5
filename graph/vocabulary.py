"""The domain's words, each spelled once: segment statuses, localities, bases, review and lead states.

Every member carries its Chinese label, its colour and a one-line meaning beside its value
(as Django's `TextChoices` does), so queries compare members, and the report, the exports and
the pages draw and name a status from the same row — a legend can never disagree with a map.

>>> Status.MISSING.label, Status.MISSING.colour
('缺失', '#d32f2f')
>>> Status("to_introduce") in GAP_STATUSES
True
"""

from __future__ import annotations

from enum import StrEnum

DARK_INK = "#263238"
LIGHT_INK = "#ffffff"


class Term(StrEnum):
    """A vocabulary word: its stored value, Chinese label, colour and meaning."""

    label: str
    colour: str
    description: str

    def __new__(cls, value: str, label: str = "", colour: str = "", description: str = "") -> Term:
        """Every member gives all four; the defaults only let a lookup by value (`Status("weak")`) type-check."""
        member = str.__new__(cls, value)
        member._value_ = value
        member.label = label
        member.colour = colour
        member.description = description
        return member

    @property
    def ink(self) -> str:
        """Text colour that stays readable on `colour` (white on dark fills)."""
        red, green, blue = (int(self.colour[i : i + 2], 16) for i in (1, 3, 5))
        return LIGHT_INK if 0.299 * red + 0.587 * green + 0.114 * blue < 128 else DARK_INK

    @classmethod
    def labels(cls) -> dict[str, str]:
        """{value: label} for every member, in table order."""
        return {member.value: member.label for member in cls}


class Status(Term):
    """A segment's local status as the analyses compute it (plan declaration + local enterprises)."""

    STRONG = "strong", "优势", "#2e7d32", "规划认定为优势，或本地企业在行业内领先"
    COVERED = "covered", "已覆盖", "#81c784", "本地有两家以上非小微企业，或规划认定已有基础"
    SINGLE = "single", "单点", "#fdd835", "只有 1 家本地企业，一旦流失即断链"
    WEAK = "weak", "薄弱", "#fb8c00", "规划指出薄弱，或本地企业全是小微企业"
    TO_INTRODUCE = "to_introduce", "待引进", "#7b1fa2", "规划要求引进该环节，本地尚无企业"
    MISSING = "missing", "缺失", "#d32f2f", "规划指出该环节缺乏，或本地企业全部流失"
    ELIMINATED = "eliminated", "已淘汰", "#6d4c41", "规划认定为已淘汰的落后产能：既不供货，也不是缺口"
    UNKNOWN = "unknown", "待核实", "#bdbdbd", "规划未说明，本地企业库中也没有该环节的企业"


class PlanStatus(Term):
    """What the plan itself declares about a segment (the seed's `plan_status`)."""

    STRONG = "strong", "规划认定优势", Status.STRONG.colour, "规划认定为优势环节"
    PRESENT = "present", "规划认定有基础", Status.COVERED.colour, "规划认定本地已有基础"
    WEAK = "weak", "规划认定薄弱", Status.WEAK.colour, "规划指出该环节薄弱（短板、瓶颈）"
    MISSING = "missing", "规划认定缺失", Status.MISSING.colour, "规划明确指出该环节缺乏"
    TO_INTRODUCE = "to_introduce", "规划要求引进", Status.TO_INTRODUCE.colour, "规划要求引进该环节的企业或项目"
    ELIMINATED = "eliminated", "规划认定已淘汰", Status.ELIMINATED.colour, "规划记载该环节的落后产能已被淘汰"


GAP_STATUSES = frozenset({Status.MISSING, Status.TO_INTRODUCE, Status.WEAK, Status.SINGLE})
"""Local statuses that make a segment a gap (listed by `gaps`, counted by scenarios)."""

PRESENT_STATUSES = frozenset({Status.STRONG, Status.COVERED, Status.SINGLE, Status.WEAK})
"""Local statuses with a local presence (what coverage counts)."""

DECLARED_GAPS = frozenset({PlanStatus.MISSING, PlanStatus.WEAK, PlanStatus.TO_INTRODUCE})
"""Plan statuses that declare a gap (a `Gap` node in the graph, extra severity in the analysis)."""


class Locality(Term):
    """Where an enterprise stands relative to Yongzhou (the `locality` property)."""

    LOCAL = "local", "本地企业", "#43a047", "在永州经营，计入本地企业数"
    CANDIDATE = "candidate", "候选企业", "#1e88e5", "外地企业，可作为招商目标"
    EXTERNAL = "external", "外部机构", "#90a4ae", "规划提到但并非本地企业，不计入本地企业数"
    FORMER = "former", "已关停", "#6d4c41", "已关停并转，不计入本地企业数"


class Basis(Term):
    """Where a fact came from (the `source` of every node and relationship, the `basis` of a tie or link)."""

    PLAN = "规划", "规划", "#455a64", "《永州市“十四五”工业发展规划》原文，附章节与引文"
    INDUSTRY_STRUCTURE = "行业常识", "行业常识", "#90a4ae", "按行业通用结构建模的判断，附一句理由"
    NAME_INFERENCE = "名称推断", "名称推断", "#bcaaa4", "仅由企业名称推断，置信度低，附理由"
    TEMPLATE = "模板", "模板", "#b0bec5", "标准产业链模板，不是关于永州的事实"
    DERIVED = "推导", "推导", "#78909c", "加载时由其他事实推导，附说明"
    LISTED_COMPANIES = "上市公司库", "上市公司库", "#1e88e5", "全国 A 股上市公司候选企业库"
    IMPORT = "导入", "导入", "#00897b", "用户导入的文件，文件名记在 source_file"
    LEAD_LANDED = "招商落地", "招商落地", "#2e7d32", "招商线索标记为已落地：关联的备注写明线索、日期与负责人"


JUDGEMENT_BASES = frozenset({Basis.INDUSTRY_STRUCTURE, Basis.NAME_INFERENCE})
"""Bases that are a modelling judgement rather than a sourced fact: each needs a reason and a review."""


class ReviewState(Term):
    """An editor's verdict on a judgement (行业常识 or 名称推断)."""

    PENDING = "pending", "待审", "#bdbdbd", "尚未审阅"
    CONFIRMED = "confirmed", "已确认", "#2e7d32", "审阅人确认无误"
    MODIFIED = "modified", "已修改", "#fb8c00", "审阅人修改后确认"
    REJECTED = "rejected", "已否决", "#d32f2f", "审阅人认为不成立，分析中不再使用"


class MatchGrade(Term):
    """How strongly an enterprise's own texts show it works in a segment (the `grade` of a matched tie)."""

    CONFIRMED = "confirmed", "确认", "#2e7d32", "主营产品、企业名称、行业分类或经营范围的生产表述说明企业做这个环节"
    PENDING = "pending", "待定", "#f9a825", "经营范围提到了但没说生产，或主营产品另有所指：打电话前请先核实"
    EXCLUDED = "excluded", "排除", "#9e9e9e", "只是销售、培训、咨询、设计、维修，或为该工艺供应设备材料，不是该环节本身"


class LeadStatus(Term):
    """Where an investment lead (招商线索) stands: one enterprise courted for one segment."""

    NEW = "new", "待接触", "#90a4ae", "已列为目标，尚未联系"
    CONTACTED = "contacted", "已接触", "#42a5f5", "已与企业取得联系"
    NEGOTIATING = "negotiating", "洽谈中", "#fb8c00", "正在洽谈投资或合作"
    SIGNED = "signed", "已签约", "#7b1fa2", "已签订投资或合作协议"
    LANDED = "landed", "已落地", "#2e7d32", "已在永州落地：计为该环节的本地企业"
    DROPPED = "dropped", "放弃", "#6d4c41", "不再跟进"


CLOSED_LEADS = frozenset({LeadStatus.LANDED, LeadStatus.DROPPED})
"""Lead states with nothing left to follow up: their next-contact date is never overdue."""


DEAD_STATUSES = ("吊销", "注销", "撤销", "迁出", "停业", "歇业", "清算")
"""Words of a 登记状态 that mean the firm cannot be recruited; "吊销，未注销" counts as 吊销 (first word found). Target
lists leave such firms out, the import check says so, and no lead is opened or landed on one."""


def dead_status_word(status: str) -> str | None:
    """The word of a 登记状态 that rules the firm out (注销, 吊销, 迁出, 停业, 清算 …), or None if it is live."""
    return next((word for word in DEAD_STATUSES if word in status), None)


FORMER_BY_STATUS = "former_by_status"
"""The enterprise property saying why an import's (or a load's) reading of its 登记状态 made a local firm
`Locality.FORMER` ("2026-12-03 导入“名录.csv”时登记状态为“注销”"); empty or absent otherwise, and on a firm the plan
itself calls closed. The rule is loaders/status_locality.py."""
