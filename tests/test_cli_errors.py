"""Every error a `chainkg` command can meet ends in one Chinese line, a non-zero exit and nothing lost.

The cases are data (tests/fixtures/attacks/cli_cases.yaml); each runs the real command in its own process.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from openpyxl import Workbook

CHAINKG = str(Path(sys.executable).parent / "chainkg")
FIXTURES = Path(__file__).resolve().parent / "fixtures"
CASES: list[dict[str, Any]] = yaml.safe_load((FIXTURES / "attacks" / "cli_cases.yaml").read_text(encoding="utf-8"))
LONG_NAME = "模" * 33_000  # 99 KB in UTF-8, under the 128 KB a single command-line argument may hold


def chainkg(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([CHAINKG, *args], capture_output=True, text=True, env=env, timeout=300)


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("loaded")
    env = {**os.environ, "CHAINKG_DATA_DIR": str(path), "CHAINKG_BACKEND": "embedded"}
    assert chainkg("load", env=env).returncode == 0
    return path


@pytest.fixture
def unwritable(tmp_path: Path) -> Iterator[Path]:
    """A directory this process may not write in. Root writes anywhere permissions allow, but not in sysfs."""
    if os.geteuid() == 0:
        yield Path("/sys")
        return
    path = tmp_path / "只读目录"
    path.mkdir()
    path.chmod(0o555)
    yield path
    path.chmod(0o755)


def _files(root: Path) -> set[Path]:
    return set(root.rglob("*"))


def _digest(path: Path) -> str:
    return hashlib.sha256((path / "graph.json").read_bytes()).hexdigest()


@pytest.mark.parametrize("case", CASES, ids=[case["id"] for case in CASES])
def test_bad_input_is_one_chinese_line(case: dict[str, Any], data_dir: Path, tmp_path: Path, unwritable: Path) -> None:
    work = tmp_path / "work"
    work.mkdir()
    plain_file = tmp_path / "一个文件.txt"
    plain_file.write_text("不是目录", encoding="utf-8")
    places = {
        "{tmp}": str(work),
        "{file}": str(plain_file),
        "{unwritable}": str(unwritable),
        "{fixtures}": str(FIXTURES),
        "{long}": LONG_NAME,
    }

    def filled(text: str) -> str:
        for placeholder, value in places.items():
            text = text.replace(placeholder, value)
        return text

    for name, content in case.get("files", {}).items():
        (work / name).parent.mkdir(parents=True, exist_ok=True)
        (work / name).write_text(content, encoding="utf-8")
    env = {**os.environ, "CHAINKG_DATA_DIR": str(data_dir), "CHAINKG_BACKEND": "embedded"}
    env.pop("CHAINKG_DEBUG", None)
    env.update({key: filled(value) for key, value in case.get("env", {}).items()})
    before, files_before = _digest(data_dir), _files(tmp_path)

    result = chainkg(*[filled(arg) for arg in case["args"]], env=env)

    lines = result.stderr.splitlines()
    assert result.returncode == case["exit"], result.stderr
    assert len(lines) == 1 and lines[0].startswith("错误："), result.stderr
    assert "Traceback" not in result.stderr and result.stdout == ""
    for fragment in case["says"]:
        assert filled(fragment) in lines[0], lines[0]
    assert len(lines[0]) < 400, "一行说明，不回显整段输入"
    assert _files(tmp_path) == files_before, "出错时不应留下任何文件"
    assert _digest(data_dir) == before, "出错时数据不应有任何改变"


def test_the_corpus_covers_every_command_that_writes_a_file() -> None:
    """Every command with -o appears with a missing or unwritable directory in the corpus."""
    writers = {
        "gaps",
        "health",
        "targets",
        "whatif",
        "impact",
        "export",
        "template",
        "report",
        "supply",
        "risk",
        "opportunities",
        "lead",
    }
    covered = {
        next(a for a in case["args"] if not a.startswith("-") and a != "import")
        for case in CASES
        if any(word in case["id"] for word in ("-o-missing-dir", "-o-unwritable"))
    }
    assert writers <= covered, writers - covered


def _one_line(result: subprocess.CompletedProcess[str]) -> str:
    """The single "错误：…" line a refused command prints (exit 1, no traceback)."""
    assert result.returncode == 1, result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("错误：") and "Traceback" not in result.stderr, result.stderr
    return lines[0]


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_a_file_over_the_row_limit_says_to_stream_it(data_dir: Path, tmp_path: Path, suffix: str) -> None:
    """50,001 rows in well under 20 MB: read whole it is refused, and the message says how to import it."""
    path = tmp_path / f"五万多行{suffix}"
    names = [f"测试{n:05d}精密模具有限公司" for n in range(50_001)]
    if suffix == ".csv":
        path.write_text("企业名称\n" + "\n".join(names) + "\n", encoding="utf-8")
    else:
        book = Workbook(write_only=True)
        sheet = book.create_sheet()
        for row in (["企业名称"], *([name] for name in names)):
            sheet.append(row)
        book.save(path)
    env = {**os.environ, "CHAINKG_DATA_DIR": str(data_dir), "CHAINKG_BACKEND": "embedded"}
    line = _one_line(chainkg("import", "enterprises", str(path), "--dry-run", env=env))
    assert "行数过多：数据超过 50000 行" in line and "加 --stream 重新运行" in line
    assert ("另存为 CSV" in line) == (suffix == ".xlsx"), "Excel 不能流式读取，应先另存为 CSV"


@pytest.mark.parametrize(
    ("rows", "says"),
    [
        ("湖南新金皓茶油有限公司,\n", ["名称相近的 1 行（待确认）", "加 --accept-similar 重新运行", "--valid-only"]),
        (
            "湖南新金皓茶油有限公司,\n永州示例模具有限公司,123\n",
            ["修正被拒绝的 1 行", "--valid-only", "加 --accept-similar"],
        ),
    ],
    ids=["similar-only", "similar-and-rejected"],
)
def test_an_import_held_by_similar_names_names_accept_similar(
    data_dir: Path, tmp_path: Path, rows: str, says: list[str]
) -> None:
    path = tmp_path / "近似.csv"
    path.write_text("企业名称,统一社会信用代码\n" + rows, encoding="utf-8")
    env = {**os.environ, "CHAINKG_DATA_DIR": str(data_dir), "CHAINKG_BACKEND": "embedded"}
    before = _digest(data_dir)
    line = _one_line(chainkg("import", "enterprises", str(path), env=env))
    assert "未导入任何数据" in line and all(fragment in line for fragment in says), line
    assert _digest(data_dir) == before


def test_output_to_a_closed_pipe_ends_quietly(data_dir: Path) -> None:
    """`chainkg export | head -c 10`: the reader leaving early is not an error worth a traceback."""
    read_end, write_end = os.pipe()
    os.close(read_end)
    env = {**os.environ, "CHAINKG_DATA_DIR": str(data_dir), "CHAINKG_BACKEND": "embedded"}
    try:
        result = subprocess.run(
            [CHAINKG, "export"], stdout=write_end, stderr=subprocess.PIPE, text=True, env=env, timeout=300
        )
    finally:
        os.close(write_end)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr and "Exception ignored" not in result.stderr


@pytest.mark.neo4j
@pytest.mark.parametrize(
    ("setting", "says"),
    [
        ({"NEO4J_DATABASE": "nosuchdb"}, "NEO4J_DATABASE"),
        # an unknown user, never the real one: Neo4j locks a user out for a while after failed logins
        ({"NEO4J_USER": "nobody-here", "NEO4J_PASSWORD": "not-the-password"}, "NEO4J_USER"),
    ],
)
def test_wrong_neo4j_settings_are_named(neo4j_store: object, setting: dict[str, str], says: str) -> None:
    result = chainkg("gaps", env={**os.environ, "CHAINKG_BACKEND": "neo4j", **setting})
    assert result.returncode == 1
    assert len(result.stderr.splitlines()) == 1 and result.stderr.startswith("错误："), result.stderr
    assert says in result.stderr
