"""A plan file → its text as paragraphs: one paragraph or heading a line, headers and footers removed.

Plans arrive as PDF exports, Word files or text copied out of a PDF (the shipped plan). All three
wrap lines mid-sentence and repeat a running title and a page number on every page; quotes must
not span those, so they are removed and wrapped lines are joined again. The 主要指标 table is kept
line by line (its rows are read by `rules.indicators`).
"""

from __future__ import annotations

import html
import io
import re
import unicodedata
import zipfile
from collections import Counter
from pathlib import Path

from loaders.importing import (
    MAX_BYTES,
    MAX_UNZIPPED_PART,
    MAX_ZIP_PARTS,
    MAX_ZIP_RATIO,
    ImportFileError,
    decode_text,
)

MAX_PLAN_BYTES = 5 * MAX_BYTES
"""A 300-page PDF plan is a few MB; anything beyond 100 MB is not a plan."""

HEADING = re.compile(r"^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d{1,2}、|专栏\s*\d+)[^。；]{1,40}$")
TABLE_TITLE = re.compile(r"^[^，。；]{0,30}主要指标$")
_PAGE_NUMBER = re.compile(r"^(?:第\s*)?[-—\s]*\d{1,3}[-—\s]*(?:页)?$")
_NOISE = re.compile(r"^(?:https?://\S+|图\s*\d+\s.*)$")
_SENTENCE_END = ("。", "！", "？", "；", "：", "”", "）")
_L1 = re.compile(r"^[一二三四五六七八九十]+、")


def read_plan_file(path: Path) -> list[str]:
    """The paragraphs of the plan in `path` (.txt in UTF-8 or GB18030, .docx, .pdf)."""
    size = path.stat().st_size
    if size > MAX_PLAN_BYTES:
        raise ImportFileError(
            f"规划文件有 {size // 1024 // 1024} MB，超过 {MAX_PLAN_BYTES // 1024 // 1024} MB 的上限。"
        )
    raw = path.read_bytes()
    suffix = path.suffix.lower()
    if suffix == ".txt":
        pages = [decode_text(raw, "无法识别规划文本的编码：请另存为 UTF-8 或 GB18030 编码的 .txt 文件。")]
    elif suffix == ".docx":
        pages = [_docx_text(raw)]
    elif suffix == ".pdf":
        pages = _pdf_pages(raw)
    else:
        raise ImportFileError(f"不支持的规划文件类型“{path.suffix}”：请提供 .txt、.docx 或 .pdf 文件。")
    return paragraphs(pages)


def _docx_text(raw: bytes) -> str:
    """The paragraphs of word/document.xml, one a line; sizes are checked before anything is unpacked."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(raw))
        parts = archive.infolist()
        body = next((p for p in parts if p.filename == "word/document.xml"), None)
        if body is None or len(parts) > MAX_ZIP_PARTS:
            raise ImportFileError("无法读取 Word 文件：缺少正文或部件过多。请另存为 .docx 或 .txt 后重试。")
        bomb = body.file_size > 1024 * 1024 and body.file_size > MAX_ZIP_RATIO * max(body.compress_size, 1)
        if body.file_size > MAX_UNZIPPED_PART or bomb:
            raise ImportFileError("Word 文件正文解压后过大或压缩比异常：疑似恶意构造，未读取。")
        xml = archive.read(body).decode("utf-8")
    except ImportFileError:
        raise
    except Exception as exc:  # zipfile and zlib raise many kinds of errors for broken files
        raise ImportFileError(f"无法读取 Word 文件（{type(exc).__name__}）：请确认是 .docx 格式且未加密。") from exc
    lines = []
    for paragraph in re.findall(r"<w:p[ >].*?</w:p>", xml, flags=re.S):
        text = "".join(re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", paragraph))
        lines.append(html.unescape(text))
    return "\n".join(lines)


def _pdf_pages(raw: bytes) -> list[str]:
    from pypdf import PdfReader  # imported here: only PDF plans need it

    try:
        reader = PdfReader(io.BytesIO(raw))
        return [page.extract_text() or "" for page in reader.pages]
    except Exception as exc:  # pypdf raises many kinds of errors for broken files
        raise ImportFileError(f"无法读取 PDF 文件（{type(exc).__name__}）：请确认文件未加密，或另存为 .txt。") from exc


_COMPATIBILITY = re.compile("[\u2e80-\u2fdf\ufb00-\ufb06]")
"""Kangxi radicals and ligatures that PDF text extraction gives for ordinary characters (⼀ for 一, ﬁ for fi)."""


_SIMPLIFIED = str.maketrans(
    "戶長門馬頁風飛魚鳥黃龍龜齒麥齊見車貝⻝⻓⻔⻢⻅⻋⻉⻛⻜⻥⻩⻚⻰⻄⻘⻬⻮⻳⻨⻆⻣⻤",
    "户长门马页风飞鱼鸟黄龙龟齿麦齐见车贝食长门马见车贝风飞鱼黄页龙西青齐齿龟麦角骨鬼",
)
"""Radicals whose compatibility form is a traditional or radical-only glyph, as the simplified character."""


def _plain(line: str) -> str:
    return _COMPATIBILITY.sub(lambda m: unicodedata.normalize("NFKC", m.group(0)).translate(_SIMPLIFIED), line)


def _running_lines(lines: list[str]) -> set[str]:
    """Lines repeated on many pages (a running title, a footer with the page number): short, not a heading,
    seen three times or more once digits are ignored."""
    shape = Counter(re.sub(r"\d+", "#", line) for line in lines)
    return {
        line
        for line in lines
        if shape[re.sub(r"\d+", "#", line)] >= 3
        and len(line) <= 80
        and not line.endswith("。")
        and not HEADING.match(line)
    }


def paragraphs(pages: list[str]) -> list[str]:
    """Page texts → headings and paragraphs, one a line, with running titles, page numbers and URLs dropped."""
    lines = [_plain(line).strip() for page in pages for line in page.splitlines()]
    lines = [line for line in lines if line]
    running = _running_lines(lines)
    kept = [line for line in lines if line not in running and not _PAGE_NUMBER.match(line) and not _NOISE.match(line)]
    result: list[str] = []
    current = ""
    in_table = False
    for line in kept:
        if TABLE_TITLE.match(line):
            in_table = True
        elif in_table and _L1.match(line) and HEADING.match(line):
            in_table = False
        if in_table or HEADING.match(line):
            if current:
                result.append(current)
                current = ""
            result.append(line)
            continue
        if line.startswith("产业发展方向") and current:
            result.append(current)
            current = ""
        current += line
        if current.endswith(_SENTENCE_END[:2]) or current.endswith("。”"):
            result.append(current)
            current = ""
    if current:
        result.append(current)
    return result
