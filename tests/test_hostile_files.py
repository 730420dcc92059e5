"""Hostile and broken files: refused fast, in one Chinese line, with bounded memory, and nothing lost silently.

The spreadsheets of the attack report are generated here (a zip bomb is easier to read as the
code that builds it than as a binary); small CSV cases live in tests/fixtures/attacks/files/.
Memory is measured on the real command (`chainkg import enterprises --dry-run`) in a process
whose address space is capped, so a regression fails instead of taking the machine down.
"""

from __future__ import annotations

import io
import json
import os
import resource
import shutil
import struct
import subprocess
import sys
import tempfile
import unicodedata
import xml.etree.ElementTree as ET
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from openpyxl import Workbook

import loaders.importing as importing
from graph.embedded import EmbeddedStore
from graph.exchange import to_graphml_bytes, to_json_text
from graph.model import GraphData, Node, NodeLabel, Relationship, RelType
from loaders.importing import ImportFileError, apply_import, credit_code_problem, plan_import, read_table
from loaders.matching import normalise_text

ATTACKS = Path(__file__).parent / "fixtures" / "attacks" / "files"
CHAINKG = str(Path(sys.executable).parent / "chainkg")
ADDRESS_SPACE = 2 * 1024**3
"""The command's whole address space in the memory tests: the attacks took 2.7–8.6 GB."""
MORE_THAN_AN_ORDINARY_FILE_MB = 100
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


@dataclass
class Repeated:
    """A part made of `prefix`, `chunk` × `times` and `suffix`, compressed without ever holding it whole."""

    prefix: bytes
    chunk: bytes
    times: int
    suffix: bytes


def _deflated(data: bytes, final: bool) -> bytes:
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    return compressor.compress(data) + compressor.flush(zlib.Z_FINISH if final else zlib.Z_FULL_FLUSH)


def _zip(parts: dict[str, bytes | Repeated]) -> bytes:
    """A zip archive written by hand, so a repeated part costs its compressed size (a full flush makes
    each compressed copy of the chunk identical) and declares its true unpacked size."""
    out, directory = io.BytesIO(), io.BytesIO()
    for name, part in parts.items():
        if isinstance(part, Repeated):
            block = _deflated(part.chunk, final=False)
            data = _deflated(part.prefix, final=False) + block * part.times + _deflated(part.suffix, final=True)
            crc = zlib.crc32(part.prefix)
            for _ in range(part.times):
                crc = zlib.crc32(part.chunk, crc)
            crc, size = zlib.crc32(part.suffix, crc), len(part.prefix) + len(part.chunk) * part.times + len(part.suffix)
        else:
            data, crc, size = _deflated(part, final=True), zlib.crc32(part), len(part)
        encoded, offset = name.encode(), out.tell()
        out.write(struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0, crc, len(data), size, len(encoded), 0))
        out.write(encoded + data)
        directory.write(
            struct.pack(
                "<IHHHHHHIIIHHHHHII",
                0x02014B50,
                20,
                20,
                0,
                8,
                0,
                0,
                crc,
                len(data),
                size,
                len(encoded),
                0,
                0,
                0,
                0,
                0,
                offset,
            )
            + encoded
        )
    start, listing = out.tell(), directory.getvalue()
    out.write(listing + struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(parts), len(parts), len(listing), start, 0))
    return out.getvalue()


def _workbook(sheet: bytes | Repeated, shared: bytes | Repeated | None = None) -> bytes:
    """An XLSX whose first sheet (and shared strings) are replaced; the rest is what openpyxl writes."""
    book = Workbook()
    page = book.active
    assert page is not None
    page.append(["企业名称"])
    buffer = io.BytesIO()
    book.save(buffer)
    source = zipfile.ZipFile(buffer)
    parts: dict[str, bytes | Repeated] = {name: source.read(name) for name in source.namelist()}
    parts["xl/worksheets/sheet1.xml"] = sheet
    if shared is not None:
        parts["xl/sharedStrings.xml"] = shared
        kind = "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"
        override = f'<Override PartName="/xl/sharedStrings.xml" ContentType="{kind}"/></Types>'
        parts["[Content_Types].xml"] = source.read("[Content_Types].xml").replace(b"</Types>", override.encode())
    return _zip(parts)


def _sheet(rows: str) -> bytes:
    return f'<worksheet xmlns="{MAIN}"><sheetData>{rows}</sheetData></worksheet>'.encode()


def _text_cell(ref: str, text: str) -> str:
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (ADDRESS_SPACE, ADDRESS_SPACE))


def _dry_run(data_dir: Path, path: Path) -> tuple[int, str, int]:
    """Exit code, stderr and peak resident memory (MB) of `chainkg import enterprises FILE --dry-run`."""
    env = {**os.environ, "CHAINKG_DATA_DIR": str(data_dir), "CHAINKG_BACKEND": "embedded"}
    with tempfile.TemporaryFile() as err:
        process = subprocess.Popen(
            [CHAINKG, "import", "enterprises", str(path), "--dry-run"],
            stdout=subprocess.DEVNULL,
            stderr=err,
            env=env,
            preexec_fn=_limit_memory,
        )
        _, status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        return process.returncode, err.read().decode("utf-8", "replace"), usage.ru_maxrss // 1024


@pytest.fixture(scope="module")
def data_dir(loaded_store: EmbeddedStore, tmp_path_factory: pytest.TempPathFactory) -> Path:
    directory = tmp_path_factory.mktemp("hostile")
    shutil.copy(loaded_store.path, directory / "graph.json")
    return directory


@pytest.fixture(scope="module")
def ordinary_peak_mb(data_dir: Path) -> int:
    """Peak memory of a dry run of an ordinary list, the baseline the attacks are measured against."""
    code, _, peak = _dry_run(data_dir, Path(__file__).parent / "fixtures" / "import" / "企业名录.xlsx")
    assert code == 0
    return peak


@pytest.fixture
def store(loaded_store: EmbeddedStore, tmp_path: Path) -> EmbeddedStore:
    shutil.copy(loaded_store.path, tmp_path / "graph.json")
    return EmbeddedStore(tmp_path)


SAME_ROW = b"<row>" + _text_cell("A1", "某某模具有限公司").encode().replace(b' r="A1"', b"") + b"</row>"
MB_OF_ROWS = SAME_ROW * (2**20 // len(SAME_ROW))


def _bomb(megabytes: int) -> bytes:
    """A sheet of `megabytes` MB of identical rows, packed about a thousand times."""
    head = _sheet(f"<row>{_text_cell('A1', '企业名称')}</row>")
    return _workbook(Repeated(head[: -len("</sheetData></worksheet>")], MB_OF_ROWS, megabytes, head[-24:]))


def _huge_shared_string(megabytes: int) -> bytes:
    """Shared strings holding one string of `megabytes` MB, used as the name in row 2."""
    cells = "<row r='1'><c r='A1' t='s'><v>0</v></c></row><row r='2'><c r='A2' t='s'><v>1</v></c></row>"
    head = f'<sst xmlns="{MAIN}"><si><t>企业名称</t></si><si><t>'.encode()
    return _workbook(_sheet(cells), Repeated(head, b"A" * 2**20, megabytes, b"</t></si></sst>"))


HOSTILE_SPREADSHEETS: dict[str, tuple[Callable[[], bytes], str]] = {
    # a small file (the report's was 660 KB) that unpacks to 640 MB of rows: took 101 s and 8.6 GB.
    "压缩炸弹": (lambda: _bomb(640), "解压后有 640 MB，超过 200 MB 的上限"),
    # a 300 KB shared-strings part holding one 300 MB string: took 2.8 GB and became a name.
    "共享字符串": (lambda: _huge_shared_string(300), "解压后有 300 MB"),
    # each limit on its own: one part too big, one packed too tight.
    "单个部件": (lambda: _huge_shared_string(150), "sharedStrings.xml 解压后有 150 MB，超过 100 MB 的上限"),
    "压缩比": (lambda: _bomb(50), "压缩比异常"),
    # one cell in column XFD per row: each row became 16,384 cells (2.7 GB).
    "XFD列": (
        lambda: _workbook(
            _sheet(
                f"<row r='1'>{_text_cell('A1', '企业名称')}</row>"
                + "".join(f"<row r='{i}'><c r='XFD{i}'><v>1</v></c></row>" for i in range(2, 20_000))
            )
        ),
        "XFD 列有内容",
    ),
    # a row number far past Excel's last row: openpyxl would yield every empty row before it.
    "行号跳跃": (
        lambda: _workbook(_sheet(f"<row r='1'>{_text_cell('A1', '企业名称')}</row><row r='999999999999'/>")),
        "行号“999999999999”异常",
    ),
    # entity expansion ("billion laughs") in the shared strings.
    "实体膨胀": (
        lambda: _workbook(
            _sheet("<row r='1'><c r='A1' t='s'><v>0</v></c></row>"),
            (
                '<?xml version="1.0"?><!DOCTYPE sst [<!ENTITY a "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa">'
                + "".join(
                    f'<!ENTITY {b} "{("&" + a + ";") * 10}">' for a, b in zip("abcdefgh", "bcdefghi", strict=True)
                )
                + f']><sst xmlns="{MAIN}"><si><t>&i;</t></si></sst>'
            ).encode(),
        ),
        "DTD",
    ),
}


@pytest.mark.parametrize("case", HOSTILE_SPREADSHEETS)
def test_hostile_spreadsheets_are_refused_with_bounded_memory(
    data_dir: Path, ordinary_peak_mb: int, tmp_path: Path, case: str
) -> None:
    build, message = HOSTILE_SPREADSHEETS[case]
    path = tmp_path / f"{case}.xlsx"
    path.write_bytes(build())
    assert path.stat().st_size < 3 * 1024 * 1024, "攻击文件本身很小"
    code, stderr, peak = _dry_run(data_dir, path)
    assert code == 1 and message in stderr, stderr[-2000:]
    assert stderr.strip().count("\n") == 0 and "Traceback" not in stderr, "只给一行中文说明"
    assert peak < ordinary_peak_mb + MORE_THAN_AN_ORDINARY_FILE_MB, f"内存峰值 {peak} MB"


def test_the_cell_and_character_limits_hold_for_xlsx_and_csv(monkeypatch: pytest.MonkeyPatch) -> None:
    rows = "".join(
        f"<row r='{i}'>{_text_cell(f'A{i}', f'企业{i}')}{_text_cell(f'B{i}', 'x')}</row>" for i in range(1, 40)
    )
    monkeypatch.setattr(importing, "MAX_CELLS", 50)
    with pytest.raises(ImportFileError, match="单元格过多"):
        read_table("多.xlsx", _workbook(_sheet(rows)))
    with pytest.raises(ImportFileError, match="单元格过多"):
        read_table("多.csv", "".join(f"企业{i},x\n" for i in range(40)).encode())
    monkeypatch.undo()
    long_cell = "模" * (importing.MAX_CELL_CHARS + 1)
    with pytest.raises(ImportFileError, match="第 2 行有单元格超过 5000 字"):
        read_table(
            "长.xlsx",
            _workbook(
                _sheet(f"<row r='1'>{_text_cell('A1', '企业名称')}</row><row r='2'>{_text_cell('A2', long_cell)}</row>")
            ),
        )
    with pytest.raises(ImportFileError, match="第 2 行有单元格超过 5000 字"):
        read_table("长.csv", f"企业名称\n{long_cell}\n".encode())
    runs = f"<r><t>{'模' * 3000}</t></r>" * 2  # rich text: each run is short, the cell is not
    shared = f'<sst xmlns="{MAIN}"><si><t>企业名称</t></si><si>{runs}</si></sst>'
    cells = "<row r='1'><c r='A1' t='s'><v>0</v></c></row><row r='2'><c r='A2' t='s'><v>1</v></c></row>"
    with pytest.raises(ImportFileError, match="文件有单元格超过 5000 字"):
        read_table("长.xlsx", _workbook(_sheet(cells), shared.encode()))
    with pytest.raises(ImportFileError, match="第 2 行有 201 列"):
        read_table("宽.csv", ("企业名称\n" + "x," * 200 + "x\n").encode())


def _rows_with_gaps(data_rows: int) -> tuple[bytes, bytes]:
    """The same list as CSV and XLSX: a header, five empty rows, then `data_rows` enterprises."""
    numbers = range(7, 7 + data_rows)
    csv_text = "企业名称\n" + "\n" * 5 + "".join(f"企业{n}\n" for n in numbers)
    sheet = f"<row r='1'>{_text_cell('A1', '企业名称')}</row>" + "".join(
        f"<row r='{n}'>{_text_cell(f'A{n}', f'企业{n}')}</row>" for n in numbers
    )
    return csv_text.encode(), _workbook(_sheet(sheet))


def test_csv_and_xlsx_keep_every_row_up_to_the_limit_and_refuse_beyond_it() -> None:
    csv_raw, xlsx_raw = _rows_with_gaps(importing.MAX_ROWS)
    from_csv, from_xlsx = read_table("名录.csv", csv_raw), read_table("名录.xlsx", xlsx_raw)
    assert from_csv.rows == from_xlsx.rows
    assert len(from_xlsx.rows) == importing.MAX_ROWS and from_xlsx.rows[-1] == (50_006, ["企业50006"])
    csv_raw, xlsx_raw = _rows_with_gaps(importing.MAX_ROWS + 1)
    for name, raw in (("名录.csv", csv_raw), ("名录.xlsx", xlsx_raw)):
        with pytest.raises(ImportFileError, match="行数过多：数据超过 50000 行（第 50007 行已超出）"):
            read_table(name, raw)


def test_rows_out_of_order_in_a_sheet_are_refused_not_dropped() -> None:
    sheet = _sheet(
        f"<row r='1'>{_text_cell('A1', '企业名称')}</row><row r='5'>{_text_cell('A5', '甲')}</row>"
        f"<row r='3'>{_text_cell('A3', '乙')}</row>"
    )
    with pytest.raises(ImportFileError, match="行号“3”异常"):
        read_table("乱序.xlsx", _workbook(sheet))


def test_a_stray_quote_is_reported_on_its_row_and_nothing_is_written(store: EmbeddedStore) -> None:
    before = store.export().to_json_dict()
    plan = plan_import(store, "多余引号.csv", (ATTACKS / "多余引号.csv").read_bytes())
    by_row = {r.row: r for r in plan.rows}
    assert [by_row[2].action, by_row[4].action] == ["新增", "新增"] and by_row[4].name == "丁测试模具有限公司"
    merged = by_row[3]
    assert merged.action == "拒绝" and len(merged.name) <= importing.MAX_NAME_CHARS
    text = "；".join(merged.messages)
    assert "跨越文件第 3–100 行" in text and "多余的引号" in text and "98 行合并成了一行" in text
    assert "企业名称过长" in text
    with pytest.raises(ImportFileError, match="未导入任何数据"):
        apply_import(store, plan)
    assert store.export().to_json_dict() == before
    unclosed = '企业名称\n"甲测试模具有限公司' + "\n乙测试模具有限公司,1" * 20_000
    with pytest.raises(ImportFileError, match=r"CSV 文件第 \d+ 行附近.*多余的引号"):
        plan_import(store, "未闭合.csv", unclosed.encode())


def test_hidden_characters_are_removed_reported_and_do_not_defeat_the_duplicate_check(store: EmbeddedStore) -> None:
    plan = plan_import(store, "不可见字符.csv", (ATTACKS / "不可见字符.csv").read_bytes())
    by_row = {r.row: r for r in plan.rows}
    assert by_row[3].action == by_row[4].action == "拒绝"
    assert "与第 2 行的企业名称重复" in by_row[3].messages and "与第 2 行的企业名称重复" in by_row[4].messages
    assert by_row[5].action == "新增" and by_row[5].name == "空字符测试有限公司"
    assert "已删除不可见字符或控制字符（U+0000、U+0001、U+009B）" in by_row[5].messages
    node = by_row[6].node
    assert node is not None and node.properties["name"] == "换行 测试有限公司"
    assert node.properties["business_scope"] == "模具制造"
    apply_import(store, plan, valid_only=True)
    names = [str(n.name) for n in store.nodes(NodeLabel.ENTERPRISE)]
    assert all(c.isprintable() for name in names for c in name)


def test_names_have_a_length_limit(store: EmbeddedStore) -> None:
    long_name = "某" * (importing.MAX_NAME_CHARS - 4) + "有限公司"
    raw = f"企业名称\n{long_name}\n{long_name}甲\n".encode()
    rows = plan_import(store, "长名称.csv", raw).rows
    assert rows[0].action == "新增"
    assert rows[1].action == "拒绝" and "企业名称过长（101 字，上限 100 字）" in rows[1].messages[0]


def test_every_invisible_character_class_is_normalised_away() -> None:
    hidden = [chr(c) for c in range(0x110000) if unicodedata.category(chr(c)) in ("Cc", "Cf")]
    text = "模" + "".join(hidden) + "具"
    assert normalise_text(text).replace(" ", "") == "模具"


def _with_check_character(first17: str) -> str:
    """`first17` and the GB 32100-2015 check character, so only the code's structure can be wrong."""
    total = sum(importing._CODE_CHARS.index(c) * w for c, w in zip(first17, importing._CODE_WEIGHTS, strict=True))
    return first17 + importing._CODE_CHARS[(31 - total % 31) % 31]


@pytest.mark.parametrize(
    ("first17", "message"),
    [
        ("00000000000000000", "前两位“00”"),
        ("91000000MA51ABCD1", "第 3–8 位“000000”"),
        ("91990000MA51ABCD1", "第 3–8 位“990000”"),
        ("90441900MA51ABCD1", "前两位“90”"),
        ("91441900000000000", "主体标识码"),
    ],
)
def test_impossible_credit_codes_are_refused(first17: str, message: str) -> None:
    assert message in (credit_code_problem(_with_check_character(first17)) or "")


def test_the_all_zero_credit_code_is_refused_and_real_shaped_codes_pass() -> None:
    assert "000000000000000000" == _with_check_character("0" * 17)
    assert credit_code_problem("000000000000000000") is not None
    assert credit_code_problem(_with_check_character("91441900MA51ABCD1")) is None
    assert credit_code_problem(_with_check_character("12100000MA51ABCD1")) is None, "中央登记的行政区划码 100000"


NASTY = "名\x00称\x01\x08\x0b\x1b[31m\x7f\x85\u200b\u202e\ufffe结尾"


def _nasty_graph() -> GraphData:
    return GraphData(
        nodes=[
            Node(
                id="enterprise:甲\x00",
                label=NodeLabel.ENTERPRISE,
                properties={"name": NASTY, "tags\x01": [NASTY], "x": float("nan")},
            ),
            Node(
                id="segment:模具",
                label=NodeLabel.SEGMENT,
                properties={"name": "模具", "note": "\x1f", "y": float("inf")},
            ),
        ],
        relationships=[
            Relationship(
                type=RelType.OPERATES_IN, start="enterprise:甲\x00", end="segment:模具", properties={"note": NASTY}
            )
        ],
    )


def test_exports_are_valid_whatever_the_store_holds(tmp_path: Path) -> None:
    store = EmbeddedStore(tmp_path)
    store.write(_nasty_graph())
    env = {**os.environ, "CHAINKG_DATA_DIR": str(tmp_path), "CHAINKG_BACKEND": "embedded"}
    for fmt in ("graphml", "json"):
        result = subprocess.run(
            [CHAINKG, "export", "--format", fmt, "-o", str(tmp_path / f"图.{fmt}")],
            capture_output=True,
            text=True,
            env=env,
        )
        assert result.returncode == 0, result.stderr
    root = ET.parse(tmp_path / "图.graphml").getroot()
    names = [d.text for d in root.iter("{http://graphml.graphdrawing.org/xmlns}data") if d.text and "结尾" in d.text]
    assert names and all("\x00" not in n and "\x1b" not in n for n in names)

    def refuse(constant: str) -> None:
        raise ValueError(constant)

    payload = json.loads((tmp_path / "图.json").read_text(encoding="utf-8"), parse_constant=refuse)
    assert {n["id"] for n in payload["nodes"]} == {"enterprise:甲\x00", "segment:模具"}
    assert ET.fromstring(to_graphml_bytes(_nasty_graph())) is not None
    assert json.loads(to_json_text(_nasty_graph()), parse_constant=refuse)["nodes"][1]["properties"]["y"] is None
