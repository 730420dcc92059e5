"""Importing a CSV list of up to millions of rows in two streamed passes, with bounded memory, all or nothing.

Each pass reads the file twice: once for every row's name (`RowPlanner` is built from it: a name repeated in the file
is judged over the whole file, as the in-memory import judges it), then row by row.
Pass 1 (`StreamingImport.check`) decides every row exactly as the in-memory
import does (`RowPlanner`: the same validation, messages, matching and duplicate checks; duplicates in the
graph by indexed lookup of each batch's credit codes and core names). It keeps only counts, the first
problem rows for display, the file's names and the codes seen; every row with a message goes to a report file.
Pass 2 (`StreamingImport.write`) reads the file again, decides every row again and hands the batches to
`GraphStore.write_batches`, which commits all of them or none (Neo4j stages every batch in a transaction of
its own, invisible to every query, then makes them all visible in one switch transaction). If pass 2 does not
come to the same counts as pass 1 (the file or the graph changed in between), it raises inside that write, so
nothing is written.

Only CSV streams: an .xlsx is a zip whose shared-strings table must be read whole before its rows, and the
hostile-file checks of the in-memory import read the whole archive too, so a large list is saved as CSV.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import chain, islice
from pathlib import Path
from typing import Any

from graph.model import GraphData, batched
from graph.store import GraphStore, Progress
from graph.vocabulary import Locality
from loaders.data_date import DataDate, DateStatement
from loaders.importing import (
    HEADER_SCAN_ROWS,
    MAX_COLUMNS,
    PROBLEM_ACTIONS,
    TEXT_ENCODINGS,
    UNREADABLE_TEXT,
    HeldImport,
    ImportFileError,
    RowPlanner,
    RowResult,
    csv_rows,
    data_date_of,
    header_dates,
    import_summary,
    kept_rows,
    note_dates,
    rows_of,
    split_header,
    status_effect,
    to_write,
)

BATCH_ROWS = 5000
"""Rows decided (and looked up in the graph) together, and written together in pass 2."""
MAX_STREAM_ROWS = 2_000_000
SHOWN_PROBLEMS = 20
"""Problem rows kept for the screen; all of them are in the report file."""
_CHUNK = 1 << 20


def csv_encoding(path: Path) -> str:
    """The first of TEXT_ENCODINGS the whole file decodes in, read in chunks (the file is never held whole)."""
    for encoding in TEXT_ENCODINGS:
        decoder = codecs.getincrementaldecoder(encoding)()
        try:
            with path.open("rb") as stream:
                while chunk := stream.read(_CHUNK):
                    decoder.decode(chunk)
                decoder.decode(b"", final=True)
            return encoding
        except UnicodeDecodeError:
            continue
    raise ImportFileError(UNREADABLE_TEXT)


@dataclass
class _Rows:
    header: list[str]
    notices: list[str]
    rows: Iterator[tuple[int, list[Any]]]
    problems: dict[int, list[str]]
    dates: list[DateStatement]
    """The export or data dates stated above the header (those in notes below come with the rows)."""
    position: Callable[[], int]
    """Bytes of the file read so far (ahead of the rows by at most one read buffer)."""


@contextmanager
def _csv_table(path: Path, encoding: str) -> Iterator[_Rows]:
    """The file's header (found among its first rows, as the in-memory import finds it) and its data rows."""
    with path.open("rb") as raw, io.TextIOWrapper(raw, encoding=encoding, newline="") as text:
        problems: dict[int, list[str]] = {}
        rows = kept_rows(csv_rows(text, problems), MAX_STREAM_ROWS, MAX_STREAM_ROWS * MAX_COLUMNS)
        first = list(islice(rows, HEADER_SCAN_ROWS + 1))
        if not first:
            raise ImportFileError("文件中没有数据。")
        notices: list[str] = []
        header, data_at = split_header(first, notices)
        dates = header_dates(first[:data_at])
        yield _Rows(header, notices, chain(first[data_at:], rows), problems, dates, raw.tell)


@dataclass
class StreamCheck:
    """What pass 1 found: counts per result and per `status_effect` (a dead local firm made 已关停, a dead
    candidate kept off target lists, a firm live again), the first problem rows, and where the full report is."""

    file_name: str
    counts: Counter[str] = field(default_factory=Counter)
    effects: Counter[str] = field(default_factory=Counter)
    shown: list[RowResult] = field(default_factory=list)
    report: Path | None = None
    extra_columns: list[str] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    data_date: DataDate | None = None
    """The date the file's figures are as of, known once every row has been read (a note below the data may state
    it); pass 2 stamps every firm with pass 1's."""

    @property
    def rows(self) -> int:
        return sum(self.counts.values())

    @property
    def has_errors(self) -> bool:
        return any(self.counts[a] for a in PROBLEM_ACTIONS)

    def summary(self) -> str:
        return import_summary(self.file_name, self.counts, self.extra_columns, self.notices, self.effects)


class StreamingImport:
    """One file, checked (pass 1) and then written (pass 2) against one store."""

    def __init__(
        self,
        store: GraphStore,
        path: Path,
        *,
        locality: str = Locality.LOCAL,
        accept_similar: bool = False,
        today: dt.date | None = None,
        as_of: dt.date | None = None,
        batch_rows: int = BATCH_ROWS,
    ) -> None:
        if path.suffix.lower() in (".xlsx", ".xls"):
            raise ImportFileError("大文件分批导入只支持 CSV：请在 Excel 或 WPS 中另存为 CSV（UTF-8）后再导入。")
        self.store = store
        self.path = path
        self.today = today or dt.date.today()
        self.as_of = as_of
        data_date_of((), self.today, as_of)  # a given date after today is refused before the file is read
        self.options: dict[str, Any] = {"locality": locality, "accept_similar": accept_similar, "today": self.today}
        self.batch_rows = batch_rows
        self.encoding = csv_encoding(path)

    def _planned(
        self,
        check: StreamCheck,
        *,
        tie_all: bool,
        progress: Progress | None = None,
        data_date: DataDate | None = None,
    ) -> Iterator[tuple[list[RowResult], GraphData]]:
        """Every batch of rows decided, with what it would write, the firms stamped with `data_date`; a fresh
        planner, which first reads every row's name, so pass 2 starts as pass 1. `progress` is told the megabytes of
        the file read after each batch. After the last batch `check` holds the data date the whole file states, and
        the check's sentence on it."""
        size = self.path.stat().st_size
        with _csv_table(self.path, self.encoding) as table:
            with _csv_table(self.path, self.encoding) as names:
                planner = RowPlanner(
                    self.store, self.path.name, table.header, names.rows, **self.options, data_date=data_date
                )
            check.extra_columns, check.notices = planner.extra_columns, table.notices
            dates = table.dates
            for batch in batched(table.rows, self.batch_rows):
                dates += note_dates(batch)
                results, relationships = planner.plan(batch, table.problems, tie_all=tie_all)
                for number, _ in batch:
                    table.problems.pop(number, None)
                if progress:
                    progress(min(table.position(), size) >> 20, size >> 20)
                yield results, to_write(results, relationships)
            check.data_date = data_date_of(dates, self.today, self.as_of)
            check.notices.append(check.data_date.check)

    def check(self, report: Path, progress: Progress | None = None) -> StreamCheck:
        """Pass 1: decide every row, write every row with a message or a `status_effect` to `report` (CSV, opens in
        Excel, with the segments each would be tied to and the 说明 of the in-memory check) and keep the counts and
        the first SHOWN_PROBLEMS problem rows. Other rows are not matched to segments here (pass 2 does); nothing is
        written to the store."""
        check = StreamCheck(self.path.name)
        report.unlink(missing_ok=True)
        with _LazyReport(report) as out:
            for results, _ in self._planned(check, tie_all=False, progress=progress):
                check.counts.update(r.action for r in results)
                for result in results:
                    effect = status_effect(result)
                    if effect:
                        check.effects[effect] += 1
                    if result.messages or effect:
                        out.write(result)
                    if result.action in PROBLEM_ACTIONS and len(check.shown) < SHOWN_PROBLEMS:
                        check.shown.append(result)
        check.report = report if report.exists() else None
        return check

    def write(
        self,
        check: StreamCheck,
        *,
        valid_only: bool = False,
        progress: Progress | None = None,
        switching: Progress | None = None,
    ) -> int:
        """Pass 2: write the new and changed enterprises in batches, all or nothing; returns how many.
        `progress` is told the rows written after each batch, `switching` how far the store's switch is when it
        stages the batches first (`GraphStore.write_batches`)."""
        if check.has_errors and not valid_only:
            raise HeldImport(check.summary(), check.counts)
        written = 0
        again = StreamCheck(check.file_name)

        def batches() -> Iterator[GraphData]:
            nonlocal written
            for results, data in self._planned(again, tie_all=True, data_date=check.data_date):
                again.counts.update(r.action for r in results)
                again.effects.update(e for r in results if (e := status_effect(r)))
                written += len(data.nodes)
                yield data
                if progress:
                    progress(again.rows, check.rows)
            if again.counts != check.counts or again.data_date != check.data_date:
                raise ImportFileError(
                    f"文件或图谱在检查之后发生了变化（检查时：{check.summary()} 写入时：{again.summary()}），"
                    "未导入任何数据：请重新运行导入。"
                )

        self.store.write_batches(batches(), progress=switching)
        return written


class _LazyReport:
    """The report file, created at the first row that has something to say (a clean file leaves none)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._file: Any = None
        self._writer: Any = None

    def __enter__(self) -> _LazyReport:
        return self

    def write(self, result: RowResult) -> None:
        (row,) = rows_of([result])
        if self._writer is None:
            self._file = self.path.open("w", encoding="utf-8-sig", newline="")
            self._writer = csv.DictWriter(self._file, fieldnames=list(row))
            self._writer.writeheader()
        self._writer.writerow(row)

    def __exit__(self, *_: object) -> None:
        if self._file is not None:
            self._file.close()
