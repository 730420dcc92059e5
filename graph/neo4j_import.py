"""The offline bulk-import path into a fresh Neo4j database: `neo4j-admin database import full`.

The importer writes store files directly, without transactions, so it is the ceiling for loading a new
database (a province or the whole country at once); it needs the database stopped (or a new one) and
overwrites it. This module writes the graph as the importer's CSV files — one nodes file per label
(`id:ID`, `:LABEL`, typed property columns) and one relationships file per type (`:START_ID`, `:END_ID`,
`:TYPE`, typed columns) — builds the exact command, and runs it against a Neo4j home: a server
distribution (`bin/neo4j-admin`) or the server `scripts/neo4j` runs (the same admin tool, from the jars
it was built with).
"""

from __future__ import annotations

import os
import subprocess
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from graph.model import GraphData, Node, PropertyValue, Relationship
from graph.store import StoreError

T = TypeVar("T", bound=Node | Relationship)
ARRAY_DELIMITER = "\x1f"
"""Between list elements: the ASCII unit separator, which no name, keyword or clause of the graph contains."""

SERVER_DIR = Path(__file__).resolve().parent.parent / "scripts" / "neo4j-server" / "target"
ADMIN_CLASS = "org.neo4j.cli.AdminTool"
JVM_OPTIONS = (
    "--add-opens=java.base/java.nio=ALL-UNNAMED",
    "--add-opens=java.base/java.io=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
    "--add-opens=java.base/java.lang=ALL-UNNAMED",
    "-Dfile.encoding=UTF-8",
)


@dataclass(frozen=True)
class ImportFiles:
    """The CSV files written for one graph, how many rows (nodes + relationships) they hold, and how many empty
    list properties were written as absent."""

    directory: Path
    nodes: list[Path]
    relationships: list[Path]
    rows: int
    empty_lists: int


def _column_type(value: PropertyValue) -> str:
    """The importer's type for a value: bool before int, since a Python bool is an int."""
    if isinstance(value, list):
        return f"{_column_type(value[0])}[]"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "long"
    if isinstance(value, float):
        return "double"
    return "string"


def _scalar(value: PropertyValue) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return repr(value) if isinstance(value, float) else str(value)


def _cell(value: PropertyValue) -> str:
    """One CSV field: absent is an empty unquoted field, text is always quoted (so "" stays an empty string)."""
    if value is None or value == []:
        return ""
    if isinstance(value, list):
        parts = [_scalar(v) for v in value]
        if any(ARRAY_DELIMITER in part for part in parts):
            raise StoreError("某个列表属性含有不可见的分隔字符（U+001F），无法写成导入文件：请先清理该数据。")
        text = ARRAY_DELIMITER.join(parts)
        return '"' + text.replace('"', '""') + '"' if isinstance(value[0], str) else text
    if isinstance(value, str):
        return '"' + value.replace('"', '""') + '"'
    return _scalar(value)


def _groups(items: list[Mapping[str, PropertyValue]]) -> list[tuple[list[tuple[str, str]], list[int]]]:
    """Split items into groups whose property columns have one type each.

    Returns (typed columns, item indexes) per group. A key that holds different types on different items
    (a number here, a text there) puts those items in different files, since a CSV column has one type.
    """
    types: dict[str, set[str]] = defaultdict(set)
    for props in items:
        for key, value in props.items():
            if value is None or value == []:
                continue
            if ":" in key or '"' in key or "," in key:
                raise StoreError(f"属性名“{key}”含有冒号、逗号或引号，无法写成导入文件的列名。")
            types[key].add(_column_type(value))
    mixed = sorted(key for key, found in types.items() if len(found) > 1)
    by_signature: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for index, props in enumerate(items):
        value_types = (_column_type(props[k]) if props.get(k) not in (None, []) else "" for k in mixed)
        by_signature[tuple(value_types)].append(index)
    plain = [(key, next(iter(types[key]))) for key in sorted(types) if key not in mixed]
    return [
        (plain + [(key, kind) for key, kind in zip(mixed, signature, strict=True) if kind], indexes)
        for signature, indexes in sorted(by_signature.items())
    ]


def _write(path: Path, header: list[str], rows: Iterable[list[str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as out:
        out.write(",".join(header) + "\n")
        for row in rows:
            out.write(",".join(row) + "\n")


def _count_empty_lists(items: Iterable[Mapping[str, PropertyValue]]) -> int:
    """The importer reads an empty field as "no property", so an empty list comes back absent. Every reader takes
    an absent list as empty (`texts_prop`) and chainkg no longer writes one, but data directories written by
    `chainkg assign` before 2026-12-02 may hold `excluded_segments: []`: they import, and the count is reported."""
    return sum(value == [] for props in items for value in props.values())


def _write_files(
    directory: Path,
    prefix: str,
    items: list[T],
    name: Callable[[T], str],
    fixed: tuple[list[str], Callable[[T], list[str]]],
) -> list[Path]:
    """Files `<prefix>_<label or type>_<n>.csv`: the fixed columns, then one typed column per property."""
    header, cells = fixed
    by_name: dict[str, list[T]] = defaultdict(list)
    for item in items:
        by_name[name(item)].append(item)
    paths = []
    for kind_name, group in sorted(by_name.items()):
        for number, (columns, indexes) in enumerate(_groups([item.properties for item in group])):
            path = directory / f"{prefix}_{kind_name}_{number}.csv"
            rows = ([*cells(group[i]), *(_cell(group[i].properties.get(key)) for key, _ in columns)] for i in indexes)
            _write(path, [*header, *(f"{key}:{kind}" for key, kind in columns)], rows)
            paths.append(path)
    return paths


def write_import_csv(data: GraphData, directory: Path) -> ImportFiles:
    """Write `data` as neo4j-admin import CSV files under `directory` (created; files of the same names replaced)."""
    directory.mkdir(parents=True, exist_ok=True)
    node_columns = (["id:ID", ":LABEL"], lambda node: [_cell(node.id), node.label.value])
    rel_columns = ([":START_ID", ":END_ID", ":TYPE"], lambda rel: [_cell(rel.start), _cell(rel.end), rel.type.value])
    empty_lists = _count_empty_lists(n.properties for n in data.nodes)
    empty_lists += _count_empty_lists(r.properties for r in data.relationships)
    return ImportFiles(
        directory,
        _write_files(directory, "nodes", data.nodes, lambda node: node.label.value, node_columns),
        _write_files(directory, "relationships", data.relationships, lambda rel: rel.type.value, rel_columns),
        len(data.nodes) + len(data.relationships),
        empty_lists,
    )


def import_arguments(files: ImportFiles, database: str = "neo4j") -> list[str]:
    """The arguments after `neo4j-admin`: a full import that replaces `database`, stopping at the first bad row."""
    return [
        "database",
        "import",
        "full",
        *(f"--nodes={path}" for path in files.nodes),
        *(f"--relationships={path}" for path in files.relationships),
        "--array-delimiter=U+001F",
        "--multiline-fields=true",
        "--bad-tolerance=0",
        "--overwrite-destination=true",
        database,
    ]


def admin_command(neo4j_home: Path) -> list[str]:
    """How to start neo4j-admin for this home: its own `bin/neo4j-admin`, or the bundled server's admin tool."""
    distribution = neo4j_home / "bin" / "neo4j-admin"
    if distribution.is_file():
        return [str(distribution)]
    if not (SERVER_DIR / "lib").is_dir():
        raise StoreError(
            "找不到 neo4j-admin：请给出含 bin/neo4j-admin 的 Neo4j 目录，"
            "或先运行一次 `scripts/neo4j start` 构建本地服务。"
        )
    java = str(Path(os.environ["JAVA_HOME"]) / "bin" / "java") if os.environ.get("JAVA_HOME") else "java"
    return [java, *JVM_OPTIONS, "-cp", f"{SERVER_DIR / 'classes'}:{SERVER_DIR / 'lib'}/*", ADMIN_CLASS]


def run_import(files: ImportFiles, neo4j_home: Path, database: str = "neo4j") -> float:
    """Run the import into `database` of the (stopped) server at `neo4j_home`; returns the seconds it took.

    For the bundled server, `neo4j_home` is its CHAINKG_NEO4J_HOME (data/ below it, neo4j.conf read from it).
    """
    neo4j_home = neo4j_home.resolve()
    neo4j_home.mkdir(parents=True, exist_ok=True)
    command = [*admin_command(neo4j_home), *import_arguments(files, database)]
    env = {**os.environ, "NEO4J_HOME": str(neo4j_home), "NEO4J_CONF": str(neo4j_home / "conf")}
    if not (neo4j_home / "conf").is_dir():
        env["NEO4J_CONF"] = str(neo4j_home)
    start = time.perf_counter()
    try:
        done = subprocess.run(command, cwd=neo4j_home, env=env, capture_output=True, text=True)
    except OSError as exc:
        raise StoreError(
            f"无法启动 neo4j-admin（{command[0]}）：{exc.strerror}。请确认已安装 Java 17 或更新版本。"
        ) from exc
    if done.returncode != 0:
        last = (done.stderr.strip() or done.stdout.strip()).splitlines()[-1:] or ["（无输出）"]
        raise StoreError(
            f"neo4j-admin 导入失败（退出码 {done.returncode}）：{last[0]} 请确认该数据库已停止，并查看上面的命令。"
        )
    return time.perf_counter() - start
