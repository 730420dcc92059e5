"""The `chainkg` command: a thin layer over loaders/ and queries/."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import click
from tqdm import tqdm

from graph.config import BACKENDS, Settings, open_store
from graph.exchange import from_json_text, to_graphml_bytes, to_json_text
from graph.store import GraphStore, StoreError
from loaders.load import load_all
from loaders.yaml_lines import SeedError
from queries.structure import stats as graph_stats


@click.group(help="永州市产业链知识图谱（chainkg）：加载规划数据、查看统计、导出图谱。")
@click.option(
    "--backend",
    type=click.Choice(BACKENDS),
    default=None,
    help="存储后端（默认取环境变量 CHAINKG_BACKEND，否则 embedded）。",
)
@click.option(
    "--data-dir",
    type=click.Path(path_type=Path, file_okay=False),
    default=None,
    help="内置存储的数据目录（默认取 CHAINKG_DATA_DIR）。",
)
@click.pass_context
def main(ctx: click.Context, backend: str | None, data_dir: Path | None) -> None:
    ctx.obj = {"backend": backend, "data_dir": data_dir}


@contextmanager
def _store(ctx: click.Context) -> Iterator[GraphStore]:
    """Open the chosen store; turn store and seed problems into a Chinese message and exit code 1."""
    try:
        store = open_store(Settings.from_env(ctx.obj["backend"], ctx.obj["data_dir"]))
        try:
            yield store
        finally:
            store.close()
    except (StoreError, SeedError) as exc:
        click.echo(f"错误：{exc}", err=True)
        sys.exit(1)


def _bar(description: str) -> tuple[Callable[[int, int], None], Callable[[], None]]:
    bar = tqdm(total=0, desc=description, unit="项", file=sys.stderr, disable=None)

    def update(done: int, total: int) -> None:
        bar.total = total
        bar.n = done
        bar.refresh()

    return update, bar.close


@main.command(help="加载规划种子数据和候选企业库（重复加载结果不变）。")
@click.option("--reset", is_flag=True, help="先清空存储再加载（修改或删除了种子数据后使用）。")
@click.option(
    "--from-json",
    "from_json",
    type=click.Path(path_type=Path, dir_okay=False, exists=True),
    default=None,
    help="改为加载一个由 `chainkg export --format json` 导出的文件。",
)
@click.pass_context
def load(ctx: click.Context, reset: bool, from_json: Path | None) -> None:
    with _store(ctx) as store:
        update, close = _bar("写入图谱")
        try:
            if from_json is not None:
                data = from_json_text(from_json.read_text(encoding="utf-8"))
                if reset:
                    store.clear()
                store.write(data, progress=update)
            else:
                data = load_all(store, reset=reset, progress=update)
        finally:
            close()
        click.echo(f"已加载 {len(data.nodes)} 个节点、{len(data.relationships)} 条关系（后端：{store.backend}）。")


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
    for chain in result["chains"]:  # type: ignore[attr-defined]
        parent = f"（属 {chain['parent']}）" if chain["parent"] else ""
        click.echo(f"  {chain['name']}{parent}：{chain['segments']} 个环节")


def _print_counts(title: str, counts: Any) -> None:
    click.echo(f"{title}：" + "，".join(f"{name} {count}" for name, count in counts.items()))


@main.command(help="导出图谱（全部或一条产业链）为 JSON 或 GraphML。")
@click.option("--format", "fmt", type=click.Choice(["json", "graphml"]), default="json", help="导出格式。")
@click.option("--chain", default=None, help="只导出这条产业链（例如：电机）。")
@click.option("-o", "--output", type=click.Path(path_type=Path, dir_okay=False), default=None, help="输出文件。")
@click.pass_context
def export(ctx: click.Context, fmt: str, chain: str | None, output: Path | None) -> None:
    with _store(ctx) as store:
        try:
            data = store.export(chain)
        except StoreError as exc:
            click.echo(f"错误：{exc}", err=True)
            sys.exit(1)
    payload = to_json_text(data).encode("utf-8") if fmt == "json" else to_graphml_bytes(data)
    if output is None:
        sys.stdout.buffer.write(payload)
    else:
        output.write_bytes(payload)
        click.echo(f"已导出 {len(data.nodes)} 个节点、{len(data.relationships)} 条关系到 {output}。", err=True)
