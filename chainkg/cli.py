"""The `chainkg` command: a thin layer over loaders/ and queries/."""

from __future__ import annotations

import datetime as dt
import json
import shlex
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import click
from tqdm import tqdm

from chainkg.errors import CommandGroup
from graph.config import BACKENDS, Settings, open_store
from graph.embedded import GRAPH_FILE, JOURNAL_FILE, LOCK_TIMEOUT_SECONDS, EmbeddedStore
from graph.exchange import to_graphml_bytes, to_json_text
from graph.model import GraphData
from graph.neo4j_import import import_arguments, run_import, write_import_csv
from graph.store import GraphStore, StoreError, graph_from_json
from graph.vocabulary import LeadStatus, Locality, ReviewState
from loaders.corrections import assign_segment
from loaders.data_date import given_date
from loaders.extract.draft import EXTRACTED_KINDS, extract_facts, write_draft
from loaders.extract.review import DRAFT_REVIEW_COLUMNS, apply_review, read_draft, review_rows
from loaders.importing import (
    MAX_BYTES,
    PROBLEM_ACTIONS,
    HeldImport,
    ImportFileError,
    TooManyRows,
    apply_import,
    plan_import,
    read_file,
    rows_of,
    template_xlsx,
)
from loaders.leads import set_lead, with_leads
from loaders.load import load_all
from loaders.review import element_key, record_review, with_reviews
from loaders.seed_diff import DIFF_COLUMNS, FILLED_BUT_LISTED, diff_against_graph, diff_seeds
from loaders.streaming import BATCH_ROWS, MAX_STREAM_ROWS, StreamingImport
from present.chain_ops import CHAIN_RATE_COLUMNS, OPPORTUNITY_COLUMNS, RISK_COLUMNS, render_supply, table_rows
from present.columns import (
    CHANGE_COLUMNS,
    GAP_COLUMNS,
    HEALTH_COLUMNS,
    SHARED_COLUMNS,
    TARGET_COLUMNS,
    TARGET_EXPORT_COLUMNS,
)
from present.draft_review import review_html
from present.leads import leads_xlsx
from present.package import build_package
from present.report import build_report, report_file_names
from present.tables import FORMATS, flat_rows, render, targets_workbook, to_json, to_xlsx
from queries.gaps import gaps as find_gaps
from queries.health import health as chain_health
from queries.health import shared_segments
from queries.leads import LEAD_COLUMNS, leads
from queries.opportunities import NEAR, NEAR_THRESHOLD
from queries.opportunities import opportunities as find_opportunities
from queries.review import JUDGED_LINK_BASES, ORPHANED, REVIEW_COLUMNS, judgement_items
from queries.risk import risk as chain_risk
from queries.scenarios import Scenario, impact, what_if
from queries.structure import chain_export
from queries.structure import stats as graph_stats
from queries.supply import chain_supply, enterprise_supply, supply_overview
from queries.targets import targets as find_targets

MAX_NAME_CHARS = 200
"""Longer than any chain, segment, enterprise or project name in the plan (125): a longer one is a mistake."""

_OUTPUT = click.Path(path_type=Path)
"""Where a command writes; what can go wrong there is explained by chainkg.errors when it happens."""


class NameType(click.ParamType[str]):
    """A chain, segment or enterprise name as typed: refused at the door when blank or absurdly long."""

    name = "名称"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> str:
        text = str(value).strip()
        if not text:
            self.fail("名称不能为空", param, ctx)
        if len(text) > MAX_NAME_CHARS:
            self.fail(f"名称太长（{len(text)} 个字符，最多 {MAX_NAME_CHARS} 个）", param, ctx)
        return text


NAME = NameType()


class NameListType(click.ParamType[list[str]]):
    """Names separated by commas (either width); at least one, each checked like NAME."""

    name = "名称列表"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> list[str]:
        if isinstance(value, list):
            return value
        names = [part for part in str(value).replace("，", ",").split(",") if part.strip()]
        if not names:
            self.fail("请给出至少一个环节名称，用逗号分隔，例如：电镀/表面处理,模具", param, ctx)
        return [NAME.convert(name, param, ctx) for name in names]


@click.group(cls=CommandGroup, help="永州市产业链知识图谱（chainkg）：加载规划数据、查看统计、导出图谱。")
@click.option(
    "--backend",
    type=click.Choice(BACKENDS),
    default=None,
    help="存储后端（默认取环境变量 CHAINKG_BACKEND，否则 embedded）。",
)
@click.option(
    "--data-dir",
    type=click.Path(path_type=Path),
    default=None,
    help="内置存储的数据目录（默认取 CHAINKG_DATA_DIR）。",
)
@click.pass_context
def main(ctx: click.Context, backend: str | None, data_dir: Path | None) -> None:
    ctx.obj = {"backend": backend, "data_dir": data_dir}


@contextmanager
def _store(ctx: click.Context, *, loaded: bool = False) -> Iterator[GraphStore]:
    """Open the chosen store (errors become one Chinese line in chainkg.errors).

    With loaded=True an empty store is an error: an analysis of nothing would report "no gaps",
    which is usually a wrong --data-dir or a forgotten `chainkg load`.
    """
    settings = Settings.from_env(ctx.obj["backend"], ctx.obj["data_dir"])
    store = open_store(settings)
    try:
        if loaded and not store.counts().nodes:
            where = f"数据目录 {settings.data_dir}" if store.backend == "embedded" else f"Neo4j {settings.neo4j_uri}"
            raise StoreError(
                f"图谱是空的（{where}）：请先运行 `chainkg load`，或检查 --data-dir / CHAINKG_DATA_DIR 是否指对。"
            )
        yield store
    finally:
        store.close()


def _bar(description: str) -> tuple[Callable[[int, int], None], Callable[[], None]]:
    bar = tqdm(total=0, desc=description, unit="项", file=sys.stderr, disable=None)

    def update(done: int, total: int) -> None:
        bar.total = total
        bar.n = done
        bar.refresh()

    return update, bar.close


@main.command(help="加载规划种子数据和候选企业库（重复加载结果不变）。")
@click.option("--reset", is_flag=True, help="用加载的数据整体替换存储中的全部数据（修改或删除了种子数据后使用）。")
@click.option(
    "--from-json",
    "from_json",
    type=click.Path(path_type=Path, dir_okay=False, exists=True),
    default=None,
    help="改为加载一个由 `chainkg export --format json` 导出的文件。",
)
@click.option(
    "--seed",
    "seed_dir",
    type=click.Path(path_type=Path, file_okay=False, exists=True),
    default=None,
    help="改为加载这个种子目录（另一份规划的种子，或 `chainkg extract` 生成的草稿；须含 plan/ 规划原文）。",
)
@click.pass_context
def load(ctx: click.Context, reset: bool, from_json: Path | None, seed_dir: Path | None) -> None:
    if from_json is not None and seed_dir is not None:
        raise click.UsageError("--from-json 与 --seed 只能选一个")
    data = _graph_file(from_json) if from_json is not None else None
    with _store(ctx) as store:
        update, close = _bar("写入图谱")
        try:
            if data is None:
                data = load_all(store, reset=reset, progress=update, seed_dir=seed_dir)
            elif reset:
                store.replace_all(with_leads(store, with_reviews(store, data)), progress=update)
            else:
                store.write(with_leads(store, data), progress=update)
        finally:
            close()
        click.echo(f"已加载 {len(data.nodes)} 个节点、{len(data.relationships)} 条关系（后端：{store.backend}）。")


def _graph_file(path: Path) -> GraphData:
    """A graph file for `load --from-json`, read before the store is opened; a wrong file is a StoreError
    (one Chinese line, see chainkg.errors), an unreadable one an OSError handled there too."""
    try:
        return graph_from_json(path.read_bytes())
    except ValueError as exc:
        raise StoreError(f"{path} 无法加载：{exc}。请提供 `chainkg export --format json` 导出的文件。") from exc


@main.command(help="统计已加载的节点、关系和各产业链环节数。")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", help="输出格式。")
@click.pass_context
def stats(ctx: click.Context, fmt: str) -> None:
    with _store(ctx) as store:
        result = graph_stats(store)
    if fmt == "json":
        click.echo(json.dumps(result, ensure_ascii=False, indent=2))
        return
    click.echo(f"后端：{result['backend']}")
    _print_counts("节点", result["nodes"])
    _print_counts("关系", result["relationships"])
    click.echo("产业链：")
    for chain in result["chains"]:
        parent = f"（属 {chain['parent']}）" if chain["parent"] else ""
        click.echo(f"  {chain['name']}{parent}：{chain['segments']} 个环节")


def _print_counts(title: str, counts: dict[str, int]) -> None:
    click.echo(f"{title}：" + "，".join(f"{name} {count}" for name, count in counts.items()))


@main.command(help="导出图谱（全部或一条产业链）为 JSON 或 GraphML。")
@click.option("--format", "fmt", type=click.Choice(["json", "graphml"]), default="json", help="导出格式。")
@click.option("--chain", type=NAME, default=None, help="只导出这条产业链（例如：电机）。")
@click.option("-o", "--output", type=_OUTPUT, default=None, help="输出文件。")
@click.pass_context
def export(ctx: click.Context, fmt: str, chain: str | None, output: Path | None) -> None:
    with _store(ctx, loaded=True) as store:
        data = store.export() if chain is None else chain_export(store, chain)
    payload = to_json_text(data).encode("utf-8") if fmt == "json" else to_graphml_bytes(data)
    if output is None:
        sys.stdout.buffer.write(payload)
    else:
        output.write_bytes(payload)
        click.echo(f"已导出 {len(data.nodes)} 个节点、{len(data.relationships)} 条关系到 {output}。", err=True)


@main.command(
    help="合并内置存储的写入日志：把 graph.journal 里的写入并入 graph.json，之后 graph.json 单独就是全部数据"
    "（备份前运行）。合并期间其他进程照常读写。"
)
@click.option(
    "--wait",
    "wait_seconds",
    type=click.IntRange(min=0),
    default=LOCK_TIMEOUT_SECONDS,
    show_default=True,
    help="另一个进程正在写入或合并时最多等待的秒数。",
)
@click.pass_context
def compact(ctx: click.Context, wait_seconds: int) -> None:
    settings = Settings.from_env(ctx.obj["backend"], ctx.obj["data_dir"])
    if settings.backend != "embedded":
        raise StoreError(
            "`chainkg compact` 只用于内置存储：Neo4j 自己管理事务日志，无需合并；备份 Neo4j 请在停止服务后用"
            " `neo4j-admin database dump`。"
        )
    snapshot = settings.data_dir / GRAPH_FILE
    if not snapshot.is_file():
        raise StoreError(
            f"数据目录 {settings.data_dir} 里没有图谱文件 {GRAPH_FILE}：请检查 --data-dir / CHAINKG_DATA_DIR 是否指对，"
            "或先运行 `chainkg load`。"
        )
    with _store(ctx) as store:
        assert isinstance(store, EmbeddedStore)
        update, close = _bar("合并写入日志")
        try:
            merged = store.compact(wait_seconds, progress=update)
        finally:
            close()
    size = snapshot.stat().st_size / 2**20
    if merged:
        click.echo(f"已把 {merged / 2**20:.2f} MB 的写入日志并入 {snapshot}（{size:,.1f} MB）。")
    else:
        click.echo(f"写入日志里没有需要合并的记录，{snapshot}（{size:,.1f} MB）已是全部数据。")
    click.echo(f"现在复制 {GRAPH_FILE} 即是完整备份（合并之后的新写入仍记在 {JOURNAL_FILE}）。")


@main.command(
    "neo4j-import",
    help="把图谱写成 neo4j-admin 离线导入所需的 CSV 文件，并给出导入命令；"
    "加 --neo4j-home 则直接导入（覆盖该库，服务须先停止）。适合新建大库。",
)
@click.option(
    "--out", "out_dir", type=click.Path(path_type=Path, file_okay=False), required=True, help="CSV 输出目录。"
)
@click.option(
    "--neo4j-home",
    type=click.Path(path_type=Path, file_okay=False),
    default=None,
    help="Neo4j 目录（含 bin/neo4j-admin 的安装目录，或本地服务的 CHAINKG_NEO4J_HOME）：给出则直接导入。",
)
@click.option("--database", default="neo4j", show_default=True, help="导入到的数据库名（社区版只有 neo4j）。")
@click.pass_context
def neo4j_import(ctx: click.Context, out_dir: Path, neo4j_home: Path | None, database: str) -> None:
    with _store(ctx, loaded=True) as store:
        data = store.export()
    files = write_import_csv(data, out_dir)
    click.echo(
        f"已写出 {len(files.nodes)} 个节点文件、{len(files.relationships)} 个关系文件"
        f"（共 {files.rows:,} 行）到 {out_dir}。",
        err=True,
    )
    if files.empty_lists:
        click.echo(
            f"其中 {files.empty_lists:,} 个属性是空列表（旧版 `chainkg assign` 写下的），"
            "导入后成为没有该属性：两者读出来相同。",
            err=True,
        )
    if neo4j_home is None:
        click.echo("停止 Neo4j 后在其安装目录运行以下命令导入（会覆盖该库），再启动 Neo4j：", err=True)
        click.echo(shlex.join(["bin/neo4j-admin", *import_arguments(files, database)]))
        return
    seconds = run_import(files, neo4j_home, database)
    click.echo(
        f"已导入 {files.rows:,} 行到 {neo4j_home} 的数据库 {database}，用时 {seconds:.1f} 秒"
        f"（{files.rows / seconds:,.0f} 行/秒）。启动 Neo4j 后即可使用。"
    )


def _format_options(command: Callable[..., None]) -> Callable[..., None]:
    command = click.option("-o", "--output", type=_OUTPUT, default=None, help="输出文件。")(command)
    return click.option("--format", "fmt", type=click.Choice(FORMATS), default="md", help="输出格式。")(command)


def _emit(fmt: str, output: Path | None, payload: bytes, summary: str) -> None:
    if output is None and fmt == "xlsx":
        raise click.UsageError("xlsx 格式需要用 -o 指定输出文件")
    if output is None:
        sys.stdout.buffer.write(payload)
    else:
        output.write_bytes(payload)
    click.echo(summary, err=True)


_CONFIRMED_ONLY = click.option(
    "--confirmed-only",
    is_flag=True,
    help="只用已审阅确认（已确认、已修改）的判断：未审阅的行业常识、模板、名称推断不计入。已否决的判断总是不计入。",
)


@main.command(help="列出缺失、待引进、薄弱和单点环节，按严重度排序，附原因和规划依据。")
@click.option("--chain", type=NAME, default=None, help="只看这条产业链（含其子链），例如：电机。")
@_CONFIRMED_ONLY
@_format_options
@click.pass_context
def gaps(ctx: click.Context, chain: str | None, confirmed_only: bool, fmt: str, output: Path | None) -> None:
    with _store(ctx, loaded=True) as store:
        rows = find_gaps(store, chain, confirmed_only=confirmed_only)
    payload = render(fmt, rows, flat_rows(rows, GAP_COLUMNS), "缺口环节")
    _emit(fmt, output, payload, f"共 {len(rows)} 个缺口环节。")


@main.command(help="产业链健康度：各环节覆盖、优势、缺口、产值目标，以及多链共用的配套环节。")
@click.option("--chain", type=NAME, default=None, help="只看这条产业链。")
@_CONFIRMED_ONLY
@_format_options
@click.pass_context
def health(ctx: click.Context, chain: str | None, confirmed_only: bool, fmt: str, output: Path | None) -> None:
    with _store(ctx, loaded=True) as store:
        rows = chain_health(store, chain, confirmed_only=confirmed_only)
        shared = shared_segments(store)
    health_rows, shared_rows = flat_rows(rows, HEALTH_COLUMNS), flat_rows(shared, SHARED_COLUMNS)
    if fmt == "json":
        payload = to_json({"chains": rows, "shared_segments": shared})
    elif fmt == "xlsx":
        payload = to_xlsx({"产业链健康度": health_rows, "多链共用环节": shared_rows})
    else:
        payload = render(fmt, rows, health_rows, "产业链健康度")
    _emit(fmt, output, payload, f"{len(rows)} 条产业链；{len(shared)} 个环节被多条产业链共用。")


def _scenario(fmt: str, output: Path | None, scenario: Scenario) -> None:
    payload = render(fmt, scenario, flat_rows(scenario.changes, CHANGE_COLUMNS), "变化")
    _emit(
        fmt,
        output,
        payload,
        f"{scenario.description}：缺口 {scenario.gaps_before} → {scenario.gaps_after}，"
        f"本地覆盖率 {scenario.coverage_before:.1%} → {scenario.coverage_after:.1%}。",
    )


@main.command(name="impact", help="影响分析：某家本地企业迁出后，哪些环节变成缺口或单点，哪些下游环节受影响。")
@click.argument("enterprise", type=NAME)
@click.option("--chain", type=NAME, default=None, help="只统计这条产业链（含子链）的环节，例如：电机。")
@_format_options
@click.pass_context
def impact_cmd(ctx: click.Context, enterprise: str, chain: str | None, fmt: str, output: Path | None) -> None:
    with _store(ctx, loaded=True) as store:
        scenario = impact(store, enterprise, chain)
    _scenario(fmt, output, scenario)


@main.command(help="假设分析：补齐所选环节前后的覆盖率与缺口变化。")
@click.option(
    "--fill",
    "segments",
    type=NameListType(),
    required=True,
    help="要补齐的环节，用逗号分隔，例如：电镀/表面处理,模具。",
)
@_format_options
@click.pass_context
def whatif(ctx: click.Context, segments: list[str], fmt: str, output: Path | None) -> None:
    with _store(ctx, loaded=True) as store:
        scenario = what_if(store, segments)
    _scenario(fmt, output, scenario)


@main.command(help="招商目标：为一个缺口环节排出候选企业，附推荐理由。")
@click.option("--gap", "segment", type=NAME, required=True, help="缺口环节名称，例如：模具。")
@click.option("--limit", type=click.IntRange(1, 1000), default=20, show_default=True, help="最多列出多少家。")
@click.option(
    "--province", "provinces", type=NAME, multiple=True, help="只看这些省份（可重复），例如：--province 广东省。"
)
@click.option("--include-pending", is_flag=True, help="也列出“待定”匹配（证据不足，排在“确认”之后）。")
@_format_options
@click.pass_context
def targets(
    ctx: click.Context,
    segment: str,
    limit: int,
    provinces: tuple[str, ...],
    include_pending: bool,
    fmt: str,
    output: Path | None,
) -> None:
    with _store(ctx, loaded=True) as store:
        found = find_targets(store, segment, limit=limit, provinces=provinces, include_pending=include_pending)
    if fmt == "xlsx":  # the workbook a caller works from, as the app downloads it
        payload = targets_workbook(None, {segment: found}, dt.date.today())
    else:
        columns = TARGET_COLUMNS if fmt == "md" else TARGET_EXPORT_COLUMNS
        payload = render(fmt, found, flat_rows(found.targets, columns), "招商目标")
    _emit(fmt, output, payload, found.message)


@main.command(help="生成一条产业链的链长办报告：HTML 报告和 Excel 工作簿。")
@click.option("--chain", type=NAME, required=True, help="产业链名称，例如：电机。")
@click.option("-o", "--output-dir", type=_OUTPUT, default=Path("."), help="报告目录（不存在时创建）。")
@click.pass_context
def report(ctx: click.Context, chain: str, output_dir: Path) -> None:
    with _store(ctx, loaded=True) as store:
        built = build_report(store, chain)
    output_dir.mkdir(parents=True, exist_ok=True)
    page, book = (output_dir / name for name in report_file_names(chain))
    page.write_text(built.html, encoding="utf-8")
    book.write_bytes(built.workbook)
    click.echo(f"已生成 {page} 和 {book}。")


@main.command(
    help="生成一条产业链的图谱＋清单：可打印的离线 HTML（全景图、现状图、区域分布图、招商路线图与各清单）和 Excel。"
)
@click.option("--chain", type=NAME, required=True, help="产业链名称，例如：电机。")
@click.option("-o", "--output-dir", type=_OUTPUT, default=Path("."), help="输出目录（不存在时创建）。")
@click.pass_context
def package(ctx: click.Context, chain: str, output_dir: Path) -> None:
    with _store(ctx, loaded=True) as store:
        built = build_package(store, chain)
    output_dir.mkdir(parents=True, exist_ok=True)
    for name, content in built.files.items():
        (output_dir / name).write_bytes(content)
    click.echo(f"已生成 {'、'.join(str(output_dir / name) for name in built.files)}（HTML 可在浏览器中打印为 PDF）。")


@main.group(name="import", help="导入企业名录（CSV：UTF-8 / GBK；或 Excel .xlsx）。")
def import_group() -> None:
    """Importing users' own lists."""


@import_group.command(help="导入企业名录：先完整校验，有问题则不做任何修改，逐行说明原因。")
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False, exists=True))
@click.option("--local/--candidate", "local", default=True, help="作为本地企业（默认）或候选招商企业导入。")
@click.option("--dry-run", is_flag=True, help="只检查并报告将新增、更新、拒绝哪些行，不写入。")
@click.option("--valid-only", is_flag=True, help="文件有问题行时，只导入有效行（会报告被跳过的行）。")
@click.option("--accept-similar", is_flag=True, help="确认名称相近的企业是不同企业，照常新增。")
@click.option("--format", "fmt", type=click.Choice(["md", "json", "csv"]), default="md", help="逐行报告的格式。")
@click.option(
    "--stream",
    is_flag=True,
    help=f"分两遍流式读取 CSV、分批写入（仍是全部写入或全部不写）；CSV 超过 {MAX_BYTES // 2**20} MB 时自动使用。",
)
@click.option(
    "--report",
    "report",
    type=_OUTPUT,
    default=None,
    help="流式导入时逐行问题报告（CSV）的保存位置（默认与导入文件同目录，名为 <文件名>.导入问题.csv）。",
)
@click.option(
    "--batch-rows",
    type=click.IntRange(min=1),
    default=BATCH_ROWS,
    show_default=True,
    help="流式导入时每批检查和写入的行数。",
)
@click.option(
    "--as-of",
    "as_of",
    callback=lambda _ctx, _param, value: _as_of(value),
    default=None,
    help="数据日期（如 2026-11-20）：文件未写明导出时间或写错时指定，优先于文件所写；默认取文件所写，否则取导入日期。",
)
@click.pass_context
def enterprises(
    ctx: click.Context,
    file: Path,
    local: bool,
    dry_run: bool,
    valid_only: bool,
    accept_similar: bool,
    fmt: str,
    stream: bool,
    report: Path | None,
    batch_rows: int,
    as_of: dt.date | None,
) -> None:
    locality = Locality.LOCAL if local else Locality.CANDIDATE
    streamed = stream or (file.suffix.lower() != ".xlsx" and file.stat().st_size > MAX_BYTES)
    try:
        if streamed:
            report = report or file.with_name(f"{file.name}.导入问题.csv")
            with _store(ctx) as store:
                _finish_switch(store)
                importer = StreamingImport(
                    store, file, locality=locality, accept_similar=accept_similar, as_of=as_of, batch_rows=batch_rows
                )
                _stream_import(importer, report, fmt, dry_run=dry_run, valid_only=valid_only)
            return
        with _store(ctx) as store:
            _finish_switch(store)
            plan = plan_import(
                store, file.name, read_file(file), locality=locality, accept_similar=accept_similar, as_of=as_of
            )
            report_rows = rows_of(r for r in plan.rows if r.action != "不变" or r.messages)
            payload = to_json(report_rows) if fmt == "json" else render(fmt, report_rows, report_rows, "导入检查")
            sys.stdout.buffer.write(payload)
            if dry_run:
                click.echo(f"（试运行，未写入）{plan.summary()}", err=True)
                return
            written = apply_import(store, plan, valid_only=valid_only)
            skipped = plan.count("拒绝") + plan.count("待确认")
            note = f"；跳过 {skipped} 个问题行" if skipped else ""
            click.echo(f"{plan.summary()} 已写入 {written} 家企业{note}。", err=True)
    except TooManyRows as exc:
        raise ImportFileError(f"{exc}{_more_rows_advice(file, streamed)}") from exc
    except HeldImport as exc:
        raise ImportFileError(f"{exc}{_held_advice(exc)}") from exc


def _as_of(value: str | None) -> dt.date | None:
    """--as-of as a date (`given_date`); a malformed or future one is a usage error, before anything is read."""
    if value is None:
        return None
    try:
        return given_date(value, dt.date.today())
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from exc


def _held_advice(held: HeldImport) -> str:
    """What to do with problem rows: correct the rejected ones, accept similar names as other firms, or skip."""
    similar = f"名称相近的 {held.similar} 行（待确认）核对后若确是不同企业，加 --accept-similar 重新运行即照常新增"
    if held.rejected and held.similar:
        return f"修正被拒绝的 {held.rejected} 行后重新导入，或加 --valid-only 只导入有效行；{similar}。"
    if held.similar:
        return f"{similar}；或加 --valid-only 只导入其余的行。"
    return "修正后重新导入，或加 --valid-only 只导入有效行（报告跳过了哪些行）。"


def _more_rows_advice(file: Path, streamed: bool) -> str:
    """What to do with a file over the row limit of how it was read: stream it, or split it."""
    if streamed:
        return "请拆成几个文件分批导入。"
    stream = f"加 --stream 重新运行：两遍流式读取、分批写入，仍是全部写入或全部不写，单次上限 {MAX_STREAM_ROWS:,} 行"
    if file.suffix.lower() == ".xlsx":
        return f"Excel 不支持流式读取：请在 Excel 或 WPS 中另存为 CSV（UTF-8），再{stream}。"
    return f"请{stream}。"


@import_group.command(help="完成一次已确认、但在分段生效途中中断的大文件导入（Neo4j），显示进度。")
@click.pass_context
def resume(ctx: click.Context) -> None:
    with _store(ctx) as store:
        if not _finish_switch(store):
            click.echo("没有未完成的导入。", err=True)


def _finish_switch(store: GraphStore) -> bool:
    """Finish an import stopped after its commit point (`GraphStore.pending_switch`) behind a progress bar, before
    anything reads the graph to check a file against it; whether there was one."""
    state = store.pending_switch()
    if state is None:
        return False
    click.echo(f"上次的导入已确认但未完全生效（开始于 {state.started}），先完成其余部分……", err=True)
    update, close = _bar("生效：完成上次中断的导入")
    try:
        store.finish_switch(update)
    finally:
        close()
    click.echo(f"上次的导入已全部生效（{state.staged:,} 个节点）。", err=True)
    return True


def _stream_import(importer: StreamingImport, report: Path, fmt: str, *, dry_run: bool, valid_only: bool) -> None:
    """The two-pass import of a large CSV: check every row (the first problem rows on screen, all of them in
    `report`), then write in batches behind a progress bar, all or nothing."""
    update, close = _bar(f"第 1 遍：逐行检查 {importer.path.name}（MB）")
    try:
        check = importer.check(report, progress=update)
    finally:
        close()
    if check.shown:
        shown = rows_of(check.shown)
        title = f"导入检查（前 {len(shown)} 个问题行）"
        sys.stdout.buffer.write(to_json(shown) if fmt == "json" else render(fmt, shown, shown, title))
    if check.report is not None:
        click.echo(f"逐行报告（所有有说明的行）已保存到 {check.report}", err=True)
    if dry_run:
        click.echo(f"（试运行，未写入）{check.summary()}", err=True)
        return
    bars = [_bar("第 2 遍：分批写入（全部成功后才生效）")]

    def switching(done: int, total: int) -> None:
        """The switch of a store that stages the batches (Neo4j) gets a bar of its own."""
        if len(bars) == 1:
            bars[0][1]()
            bars.append(_bar("生效：暂存的企业切换为正式数据"))
        bars[-1][0](done, total)

    try:
        written = importer.write(check, valid_only=valid_only, progress=bars[0][0], switching=switching)
    finally:
        bars[-1][1]()
    skipped = sum(check.counts[a] for a in PROBLEM_ACTIONS)
    note = f"；跳过 {skipped} 个问题行" if skipped else ""
    click.echo(f"{check.summary()} 已写入 {written} 家企业{note}。", err=True)


@import_group.command(help="生成导入模板（Excel），含可识别的列名与填写说明。")
@click.option("-o", "--output", type=_OUTPUT, default=Path("企业名录导入模板.xlsx"), help="输出文件。")
def template(output: Path) -> None:
    output.write_bytes(template_xlsx())
    click.echo(f"已生成 {output}。")


@main.command(help="更正企业所属环节：人工指定（置信度 1.0）或用 --remove 取消。")
@click.argument("enterprise", type=NAME)
@click.argument("segment", type=NAME)
@click.option("--remove", is_flag=True, help="取消该企业与该环节的关联。")
@click.pass_context
def assign(ctx: click.Context, enterprise: str, segment: str, remove: bool) -> None:
    with _store(ctx, loaded=True) as store:
        click.echo(assign_segment(store, enterprise, segment, remove=remove))


@main.group(name="review", help="审阅按行业常识、模板或名称推断建模的判断：列出、确认、否决或修改。")
def review_group() -> None:
    """Editors' verdicts on judgement elements (queries/review.py, loaders/review.py)."""


@review_group.command(name="list", help="列出需要审阅的判断及其依据、理由和审阅状态；对象已不存在的审阅标为“失效”。")
@click.option("--chain", type=NAME, default=None, help="只看这条产业链（含其子链）。")
@click.option("--state", type=click.Choice([*ReviewState.labels().values(), ORPHANED]), default=None, help="审阅状态。")
@click.option("--basis", type=click.Choice(sorted(JUDGED_LINK_BASES)), default=None, help="判断的依据。")
@_format_options
@click.pass_context
def review_list(
    ctx: click.Context, chain: str | None, state: str | None, basis: str | None, fmt: str, output: Path | None
) -> None:
    with _store(ctx, loaded=True) as store:
        items = judgement_items(store, chain, state=state, basis=basis)
    payload = render(fmt, items, flat_rows(items, REVIEW_COLUMNS), "审阅")
    _emit(fmt, output, payload, f"共 {len(items)} 项判断。")


def _verdict(name: str, state: ReviewState, help_text: str) -> click.Command:
    """`chainkg review NAME`: record `state` on the element the options name."""

    @click.option("--from", "start", type=NAME, default=None, help="供应关系的上游环节。")
    @click.option("--to", "end", type=NAME, default=None, help="供应关系的下游环节。")
    @click.option("--segment", type=NAME, default=None, help="模板环节；与 --enterprise 一起时为关联的环节。")
    @click.option("--enterprise", type=NAME, default=None, help="名称推断关联的企业。")
    @click.option("--by", "reviewer", type=NAME, required=True, help="审阅人姓名。")
    @click.option("--note", default="", help="审阅备注（“已修改”必须写明改了什么）。")
    @click.pass_context
    def command(
        ctx: click.Context,
        start: str | None,
        end: str | None,
        segment: str | None,
        enterprise: str | None,
        reviewer: str,
        note: str,
    ) -> None:
        if (start is None) != (end is None):
            raise click.UsageError("供应关系需要同时给出 --from 和 --to")
        if enterprise is not None and segment is None:
            raise click.UsageError("关联需要同时给出 --enterprise 和 --segment")
        with _store(ctx, loaded=True) as store:
            key, described = element_key(
                store,
                link=(start, end) if start is not None and end is not None else None,
                segment=segment,
                tie=(enterprise, segment) if enterprise is not None and segment is not None else None,
            )
            record_review(store, key, state, reviewer, note)
        click.echo(f"{described}：{state.label}（审阅人 {reviewer}）。")

    return review_group.command(name=name, help=help_text)(command)


_verdict("confirm", ReviewState.CONFIRMED, "确认一项判断。")
_verdict("reject", ReviewState.REJECTED, "否决一项判断：此后所有分析都不再使用它。")
_verdict("modify", ReviewState.MODIFIED, "标记一项判断为修改后确认（--note 写明改了什么）。")


@main.command(
    help="从规划文件（.txt/.docx/.pdf）按规则提取草稿种子：产业链、环节状态、园区、指标，每条事实附引文、置信度与规则。"
)
@click.argument("plan", type=click.Path(path_type=Path, dir_okay=False, exists=True))
@click.option(
    "-o",
    "--output-dir",
    type=_OUTPUT,
    required=True,
    help="草稿种子目录（不存在时创建）；之后可用 `chainkg load --seed` 加载。",
)
def extract(plan: Path, output_dir: Path) -> None:
    found = extract_facts(plan)
    write_draft(found, plan, output_dir)
    _write_review(output_dir)
    counts = "，".join(f"{label} {found.count(kind)}" for kind, label in EXTRACTED_KINDS.items())
    click.echo(
        f"已提取到 {output_dir}（{found.seconds:.2f} 秒）：{counts}。"
        f"请审阅 {output_dir / '审阅报告.html'}，再用 `chainkg load --seed {output_dir}` 加载。"
    )


def _write_review(draft: Path) -> None:
    """The review report (HTML to read, Excel to fill in) of the facts the draft in `draft` holds now."""
    extraction, plan = read_draft(draft)
    rows = review_rows(extraction.facts)
    flat = flat_rows(rows, DRAFT_REVIEW_COLUMNS)
    page = review_html(f"{plan.stem}：提取结果审阅", rows, DRAFT_REVIEW_COLUMNS)
    (draft / "审阅报告.html").write_text(page, encoding="utf-8")
    (draft / "审阅报告.xlsx").write_bytes(to_xlsx({"提取结果审阅": flat}))


@main.command(
    name="apply-review", help="把审阅报告（Excel）中的结论（接受/否决/更正）写回草稿种子，并重新生成审阅报告。"
)
@click.argument("draft", type=click.Path(path_type=Path, file_okay=False, exists=True))
@click.argument("workbook", type=click.Path(path_type=Path, dir_okay=False, exists=True))
def apply_review_cmd(draft: Path, workbook: Path) -> None:
    counts = apply_review(draft, workbook)
    _write_review(draft)
    click.echo("已写回草稿：" + "，".join(f"{verdict} {n} 条" for verdict, n in counts.items()) + "。")


@main.command(
    help="对比两份规划：两个种子目录（如十四五种子与十五五草稿），或用 --graph 对比正在使用的图谱与一个新种子目录；"
    "列出产业链增减、缺口补齐与新增、状态、园区目标与指标的变化。"
)
@click.argument("seeds", nargs=-1, type=click.Path(path_type=Path, file_okay=False, exists=True))
@click.option(
    "--graph",
    "against_graph",
    is_flag=True,
    help="原规划一侧用当前图谱（含导入企业、已落地线索），只需给出新种子目录。",
)
@click.option("--xlsx", "xlsx", type=_OUTPUT, default=None, help="另存为 Excel 文件。")
@click.pass_context
def diff(ctx: click.Context, seeds: tuple[Path, ...], against_graph: bool, xlsx: Path | None) -> None:
    wanted = 1 if against_graph else 2
    if len(seeds) != wanted:
        usage = "chainkg diff --graph 新种子目录" if against_graph else "chainkg diff 原种子目录 新种子目录"
        raise click.UsageError(f"需要 {wanted} 个种子目录，收到 {len(seeds)} 个。用法：{usage}")
    if against_graph:
        with _store(ctx, loaded=True) as store:
            current = store.export()
        changes = diff_against_graph(current, seeds[0])
    else:
        changes = diff_seeds(*seeds)
    rows = flat_rows(changes, DIFF_COLUMNS)
    sys.stdout.buffer.write(render("md", changes, rows, "规划对比"))
    if xlsx is not None:
        xlsx.write_bytes(to_xlsx({"规划对比": rows}))
    new_gaps = sum(1 for c in changes if c.change == "新缺口")
    still = sum(1 for c in changes if c.change == "仍未补齐")
    filled = sum(1 for c in changes if c.change == FILLED_BUT_LISTED)
    also = f"，仍列为缺口但图谱显示已有本地企业 {filled} 个" if filled else ""
    click.echo(f"共 {len(changes)} 项变化：新缺口 {new_gaps} 个，仍未补齐 {still} 个{also}。", err=True)


@main.command(
    help="供需对接：一家本地企业或一条产业链需要哪些投入、本地谁能供应、哪些只能从外地来；不给参数时列出各链本地配套率。"
)
@click.argument("enterprise", type=NAME, required=False)
@click.option("--chain", type=NAME, default=None, help="产业链（含其子链），例如：电机。")
@_CONFIRMED_ONLY
@_format_options
@click.pass_context
def supply(
    ctx: click.Context, enterprise: str | None, chain: str | None, confirmed_only: bool, fmt: str, output: Path | None
) -> None:
    if enterprise is not None and chain is not None:
        raise click.UsageError("请只给出企业名称或 --chain 之一")
    with _store(ctx, loaded=True) as store:
        if enterprise is None and chain is None:
            rates = supply_overview(store, confirmed_only=confirmed_only)
            rows = table_rows(rates, CHAIN_RATE_COLUMNS)
            _emit(fmt, output, render(fmt, rates, rows, "各链本地配套率"), f"共 {len(rates)} 条产业链。")
            return
        if enterprise is not None:
            match = enterprise_supply(store, enterprise, confirmed_only=confirmed_only)
        else:
            match = chain_supply(store, str(chain), confirmed_only=confirmed_only)
    _emit(fmt, output, render_supply(fmt, match), f"{match.scope}：{match.explanation}")


@main.command(help="产业链安全：各环节的本地供应商、单一来源、下游依赖、候选替代企业与集中度，排成风险清单并说明原因。")
@click.option("--chain", type=NAME, default=None, help="只看这条产业链（含其子链），例如：电机。")
@_CONFIRMED_ONLY
@_format_options
@click.pass_context
def risk(ctx: click.Context, chain: str | None, confirmed_only: bool, fmt: str, output: Path | None) -> None:
    with _store(ctx, loaded=True) as store:
        rows = chain_risk(store, chain, confirmed_only=confirmed_only)
    payload = render(fmt, rows, table_rows(rows, RISK_COLUMNS), "风险清单")
    single = sum(r.single_source for r in rows)
    _emit(fmt, output, payload, f"风险清单共 {len(rows)} 个环节，其中单一来源 {single} 个。")


@main.command(help="延链机会：本地尚无企业、但紧邻本地优势或已覆盖环节的环节，按关联密度分近、远并说明。")
@click.option("--chain", type=NAME, default=None, help="只看这条产业链（含其子链），例如：电机。")
@_CONFIRMED_ONLY
@_format_options
@click.pass_context
def opportunities(ctx: click.Context, chain: str | None, confirmed_only: bool, fmt: str, output: Path | None) -> None:
    with _store(ctx, loaded=True) as store:
        rows = find_opportunities(store, chain, confirmed_only=confirmed_only)
    payload = render(fmt, rows, table_rows(rows, OPPORTUNITY_COLUMNS), "延链机会")
    near = sum(r.distance == NEAR for r in rows)
    _emit(fmt, output, payload, f"共 {len(rows)} 个延链机会，其中近距离 {near} 个（关联密度 ≥ {NEAR_THRESHOLD}）。")


_LEAD_STATUS = click.Choice(list(LeadStatus.labels().values()))


def _lead_status(label: str | None) -> LeadStatus | None:
    return next(s for s in LeadStatus if s.label == label) if label else None


@main.group(name="lead", help="招商线索：记录目标企业的跟进状态、负责人、下次联系日期和变更历史。")
def lead_group() -> None:
    """Investment leads (queries/leads.py, loaders/leads.py)."""


@lead_group.command(
    name="set", help="新建或更新一条线索（企业＋环节）；标记“已落地”后该企业计为该环节的本地企业，改回其他状态即撤销。"
)
@click.argument("enterprise", type=NAME)
@click.option("--segment", type=NAME, required=True, help="线索所针对的环节，例如：模具。")
@click.option("--status", type=_LEAD_STATUS, default=None, help="线索状态（新建时默认待接触）。")
@click.option("--owner", type=NAME, default=None, help="负责人（新建时必填）。")
@click.option("--note", default="", help="备注：这次联系或变化的情况。")
@click.option("--next", "next_contact", default=None, help="下次联系日期，例如 2026-12-15。")
@click.option("--by", type=NAME, default=None, help="经办人（默认为负责人）。")
@click.pass_context
def lead_set(
    ctx: click.Context,
    enterprise: str,
    segment: str,
    status: str | None,
    owner: str | None,
    note: str,
    next_contact: str | None,
    by: str | None,
) -> None:
    with _store(ctx, loaded=True) as store:
        done = set_lead(
            store,
            enterprise,
            segment,
            status=_lead_status(status),
            owner=owner,
            note=note,
            next_contact=next_contact,
            by=by,
        )
    click.echo(done)


def _lead_filters(command: Callable[..., None]) -> Callable[..., None]:
    command = click.option("--owner", type=NAME, default=None, help="只看这位负责人的线索。")(command)
    command = click.option("--status", type=_LEAD_STATUS, default=None, help="只看这种状态的线索。")(command)
    return click.option("--chain", type=NAME, default=None, help="只看这条产业链（含其子链）。")(command)


@lead_group.command(name="list", help="列出线索：环节、企业、状态、负责人、下次联系日期（已逾期的标出）、最近备注。")
@_lead_filters
@_format_options
@click.pass_context
def lead_list(
    ctx: click.Context, chain: str | None, status: str | None, owner: str | None, fmt: str, output: Path | None
) -> None:
    with _store(ctx, loaded=True) as store:
        rows = leads(store, chain, status=_lead_status(status), owner=owner)
    payload = render(fmt, rows, flat_rows(rows, LEAD_COLUMNS), "招商线索")
    overdue = sum(row.overdue for row in rows)
    _emit(fmt, output, payload, f"共 {len(rows)} 条线索，其中 {overdue} 条已逾期。")


@lead_group.command(name="export", help="把线索导出为 Excel：线索表（带标题行与导出日期）和完整的变更记录。")
@_lead_filters
@click.option("-o", "--output", type=_OUTPUT, default=Path("招商线索.xlsx"), help="输出文件（.xlsx）。")
@click.pass_context
def lead_export(ctx: click.Context, chain: str | None, status: str | None, owner: str | None, output: Path) -> None:
    with _store(ctx, loaded=True) as store:
        rows = leads(store, chain, status=_lead_status(status), owner=owner)
    output.write_bytes(leads_xlsx(rows))
    click.echo(f"已导出 {len(rows)} 条线索到 {output}。")
