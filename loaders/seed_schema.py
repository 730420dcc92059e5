"""The shape of the seed files (`seed/**/*.yaml`), validated on load.

Field names are English; values are the plan's Chinese words. Unknown fields are
errors, so a misspelt key never silently drops a fact. Optional fields stay None
where the plan is silent.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from graph.model import Stage
from graph.vocabulary import Basis, Locality, PlanStatus


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)


class _Named(_Strict):
    """An item quotes of which must name it: by `name` or by one of its `aliases` (how the plan calls it)."""

    name: str = Field(min_length=1)
    aliases: list[str] = Field(default_factory=list)

    def mentions(self) -> list[str]:
        return [self.name, *self.aliases]


class Evidence(_Strict):
    section: str = Field(min_length=1)
    quote: str = Field(min_length=2)


class Target(_Strict):
    value: float
    unit: str
    qualifier: str | None = None
    evidence: list[Evidence] = Field(min_length=1)


class Amount(_Strict):
    value: float
    unit: str


class SeedChain(_Named):
    kind: Literal["产业", "产业链", "子链"]
    parent: str | None = None
    output_target_2025: Target | None = None
    evidence: list[Evidence] = Field(min_length=1)


class SeedSegment(_Named):
    stage: Stage
    chains: list[str] = Field(default_factory=list)
    plan_status: PlanStatus | None = None
    evidence: list[Evidence] = Field(min_length=1)
    status_evidence: list[Evidence] = Field(default_factory=list)
    keywords: list[str] = Field(min_length=1)
    exclude: list[str] = Field(default_factory=list)
    sw_industries: list[str] = Field(default_factory=list)
    gbt4754: list[str] = Field(default_factory=list)
    kind_of: list[str] = Field(default_factory=list)
    """Segments this one is a kind of (仿制药 of 化学药品): a firm making it makes them too."""
    together: list[str] = Field(default_factory=list)
    """Word groups naming the segment together, as in the template library (`TemplateSegment.together`)."""

    def mentions(self) -> list[str]:
        """Keywords are synonyms too; `aliases` holds what the plan says but would mismatch enterprises (涂料)."""
        return [*super().mentions(), *self.keywords]

    @model_validator(mode="after")
    def _consistent(self) -> SeedSegment:
        if self.plan_status is not None and not self.status_evidence:
            raise ValueError("设置了 plan_status 就必须给出 status_evidence（规划原文）")
        if self.plan_status is None and self.status_evidence:
            raise ValueError("给出了 status_evidence 却没有设置 plan_status")
        if not self.chains and self.stage != Stage.SUPPORT:
            raise ValueError("只有“配套”环节可以省略 chains")
        if any(not (code.isdigit() and len(code) in (3, 4)) for code in self.gbt4754):
            raise ValueError(f"gbt4754 应为 GB/T 4754-2017 的 3 位中类或 4 位小类代码：{self.gbt4754}")
        return self


class SeedLink(_Strict):
    source: str = Field(alias="from", min_length=1)
    target: str = Field(alias="to", min_length=1)
    basis: Literal[Basis.PLAN, Basis.INDUSTRY_STRUCTURE]
    evidence: list[Evidence] = Field(default_factory=list)
    note: str | None = None

    @model_validator(mode="after")
    def _justified(self) -> SeedLink:
        if self.basis == Basis.PLAN and not self.evidence:
            raise ValueError("basis 为“规划”的供应关系必须给出 evidence")
        if self.basis == Basis.INDUSTRY_STRUCTURE and not self.note:
            raise ValueError("basis 为“行业常识”的供应关系必须用 note 说明理由")
        if self.source == self.target:
            raise ValueError("供应关系的起点和终点不能相同")
        return self


class ChainFile(_Strict):
    chains: list[SeedChain] = Field(default_factory=list)
    segments: list[SeedSegment] = Field(default_factory=list)
    links: list[SeedLink] = Field(default_factory=list)


class SeedCounty(_Strict):
    name: str = Field(min_length=1)
    short: str = Field(min_length=1)


class SeedPark(_Named):
    county: str | None = None
    level: Literal["市本级", "县域"]
    main_industry: str | None = None
    special_industry: str | None = None
    chains: list[str] = Field(default_factory=list)
    output_target_2025: Target | None = None
    evidence: list[Evidence] = Field(min_length=1)


class ParksFile(_Strict):
    counties: list[SeedCounty] = Field(default_factory=list)
    parks: list[SeedPark] = Field(default_factory=list)


NAME_INFERENCE_CONFIDENCE = 0.3
NAME_INFERENCE_MAX_CONFIDENCE = 0.5


class EnterpriseSegment(_Strict):
    """An enterprise's tie to a segment: stated by the plan, or only implied by the enterprise's name
    (`basis: 名称推断`, with a reason and a low confidence; the quote is where the plan names the enterprise)."""

    segment: str
    basis: Literal[Basis.PLAN, Basis.NAME_INFERENCE] = Basis.PLAN
    confidence: float | None = Field(default=None, gt=0, le=1)
    note: str | None = None
    evidence: list[Evidence] = Field(min_length=1)

    @model_validator(mode="after")
    def _inference_is_marked(self) -> EnterpriseSegment:
        if self.basis == Basis.NAME_INFERENCE:
            if not self.note:
                raise ValueError("basis 为“名称推断”的环节必须用 note 说明推断理由")
            self.confidence = self.confidence or NAME_INFERENCE_CONFIDENCE
            if self.confidence > NAME_INFERENCE_MAX_CONFIDENCE:
                raise ValueError(f"basis 为“名称推断”的环节置信度不能高于 {NAME_INFERENCE_MAX_CONFIDENCE}")
        elif self.confidence is not None or self.note:
            raise ValueError("规划明确的环节不设 confidence 与 note；只凭名称推断时请写 basis: 名称推断")
        else:
            self.confidence = 1.0
        return self


class SeedEnterprise(_Named):
    full_name: str | None = None
    county: str | None = None
    park: str | None = None
    role: str | None = None
    status: str | None = None
    locality: Literal[Locality.LOCAL, Locality.EXTERNAL, Locality.FORMER] = Locality.LOCAL
    segments: list[EnterpriseSegment] = Field(default_factory=list)
    evidence: list[Evidence] = Field(min_length=1)

    def mentions(self) -> list[str]:
        return [*super().mentions(), *([self.full_name] if self.full_name else [])]


class EnterprisesFile(_Strict):
    enterprises: list[SeedEnterprise] = Field(default_factory=list)


class SeedProject(_Named):
    park: str | None = None
    county: str | None = None
    investment: Amount | None = None
    status: str | None = None
    segments: list[str] = Field(default_factory=list)
    enterprises: list[str] = Field(default_factory=list)
    evidence: list[Evidence] = Field(min_length=1)


class ProjectsFile(_Strict):
    projects: list[SeedProject] = Field(default_factory=list)


class SeedIndicator(_Named):
    category: str
    unit: str
    value_2020: float | None = None
    target_2025: float | None = None
    target_qualifier: str | None = None
    target_text: str | None = None
    evidence: list[Evidence] = Field(min_length=1)


class IndicatorsFile(_Strict):
    indicators: list[SeedIndicator] = Field(default_factory=list)
