"""Where a row of the chain-chief package came from, and as of when: every row an office hands on keeps both.

A plan fact is dated by the plan's period (read from the plan document's own title, e.g. 2021-2025), an
imported firm by its file and the date its figures are as of (`imported_as_of`), a firm of the candidate pool by
the pool's dates, an analysis (statuses, gaps, risks, county figures) by the day it was run.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from graph.model import NodeLabel, PropertyValue, text_prop, texts_prop
from graph.store import GraphStore
from graph.vocabulary import Basis

_PERIOD = re.compile(r"(\d{4})\s*[-—–～~至]\s*(\d{4})")


@dataclass(frozen=True, order=True)
class Provenance:
    source: str
    as_of: str


@dataclass(frozen=True)
class PlanDocument:
    """The plan the seed quotes: its title and the period it covers (`as_of` of every plan fact)."""

    title: str
    period: str


def plan_document(store: GraphStore) -> PlanDocument:
    """The plan named on the loaded plan clauses; its period from the title (规划期未注明 when the title has none)."""
    clauses = store.nodes(NodeLabel.PLAN_CLAUSE)
    title = next((t for c in clauses if (t := text_prop(c.properties, "document"))), "规划")
    found = _PERIOD.search(title)
    return PlanDocument(title, f"{found.group(1)}-{found.group(2)}（规划期）" if found else "规划期未注明")


FIRM_PROVENANCE_KEYS = ("source_file", "imported_on", "data_as_of", "source")
"""The enterprise properties `firm_provenance` reads: a reader of many firms fetches just these."""
OLDER_FIELDS = "older_fields_as_of"
"""The fields of an imported firm that are older than its `data_as_of`, as "field=yyyy-mm-dd" texts (an empty date:
not known, a field an import did not bring): a later export without a column, or with the cell empty, leaves that
field as the earlier export gave it, and it keeps the earlier date. Absent on a firm no import has left a field
older (a firm imported once, or by chainkg before fields were dated); once written it stays, an empty list when a
later export gives every field again. Either way every field not listed is as of `data_as_of`."""


def imported_as_of(props: Mapping[str, PropertyValue]) -> str | None:
    """The newest date an imported firm's data are as of: the export or data date its latest file stated, or the one
    given on import (`data_as_of`, see loaders/data_date.py); for a firm imported before chainkg stored that, its
    import day (`imported_on`, which is also `data_as_of` when the file stated no date). None when neither was
    recorded. A single figure's date is `field_as_of`.

    >>> imported_as_of({"imported_on": "2026-12-03", "data_as_of": "2023-06-01"}), imported_as_of({})
    ('2023-06-01', None)
    """
    return text_prop(props, "data_as_of") or text_prop(props, "imported_on")


def older_field_dates(props: Mapping[str, PropertyValue]) -> dict[str, str]:
    """{field: its date ("" when not known)} of the fields older than the firm's `data_as_of` (OLDER_FIELDS)."""
    found: dict[str, str] = {}
    for entry in texts_prop(props, OLDER_FIELDS):
        field, _, day = entry.partition("=")
        found[field] = day
    return found


def field_as_of(props: Mapping[str, PropertyValue], field: str) -> str | None:
    """The date field `field` of an imported firm is as of: its own in OLDER_FIELDS when the latest import did not
    bring it, else the firm's (`imported_as_of`). None when not recorded.

    >>> firm = {"data_as_of": "2026-11-20", OLDER_FIELDS: ["insured_staff=2021-06-01"]}
    >>> field_as_of(firm, "insured_staff"), field_as_of(firm, "registered_capital_wan")
    ('2021-06-01', '2026-11-20')
    """
    older = older_field_dates(props)
    return (older[field] or None) if field in older else imported_as_of(props)


def firm_provenance(props: Mapping[str, PropertyValue], plan: PlanDocument) -> Provenance:
    """An enterprise's source and date: its latest import file and the newest date its data are as of (with the
    import day when that differs), else the plan (or the record's own source). It dates the firm's record (that the
    firm is listed), not a figure: a figure's own date is `field_as_of`."""
    source_file, imported_on, as_of = (
        text_prop(props, "source_file"),
        text_prop(props, "imported_on"),
        imported_as_of(props),
    )
    if source_file:
        day = f"（{imported_on} 导入）" if imported_on and imported_on != as_of else ""
        return Provenance(f"{Basis.IMPORT.label}：{source_file}{day}", as_of or "导入日期未记录")
    source = text_prop(props, "source") or Basis.PLAN.value
    if source == Basis.PLAN.value:
        return Provenance(f"规划：{plan.title}", plan.period)
    return Provenance(source, "未注明")
