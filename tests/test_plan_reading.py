"""Plans arrive as text copied from a PDF, as Word files and as PDFs: the reader gives the same clean paragraphs."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from loaders.extract.reading import paragraphs, read_plan_file
from loaders.importing import ImportFileError

TITLE = "示例市“十五五”制造业发展规划（2026-2030 年）"
PAGES = [
    f"{TITLE}\n3\n一、现状与形势\n本地配套能力不足，注塑件、钣金件等环\n节缺乏，产业链条不完整。\n",
    f"{TITLE}\n4\n（一）智能家电产业链\n重点发展空调、冰箱等整机产品；引进压缩\n机等配套企业。\n",
    f"{TITLE}\n5\nhttps://example.com/s/?w=整机\n二、总体思路\n坚持稳中求进。\n",
]


def test_running_titles_page_numbers_and_urls_go_and_wrapped_lines_join() -> None:
    result = paragraphs(PAGES)
    assert result == [
        "一、现状与形势",
        "本地配套能力不足，注塑件、钣金件等环节缺乏，产业链条不完整。",
        "（一）智能家电产业链",
        "重点发展空调、冰箱等整机产品；引进压缩机等配套企业。",
        "二、总体思路",
        "坚持稳中求进。",
    ]


def _docx(path: Path, lines: list[str]) -> None:
    body = "".join(f'<w:p><w:r><w:t xml:space="preserve">{line}</w:t></w:r></w:p>' for line in lines)
    xml = f'<?xml version="1.0"?><w:document xmlns:w="x"><w:body>{body}</w:body></w:document>'
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", xml)


def test_word_and_gb18030_text_read_like_utf8_text(tmp_path: Path) -> None:
    lines = ["一、现状与形势", "本地配套能力不足，注塑件、钣金件等环节缺乏，产业链条不完整。", "R&amp;D 中心"]
    _docx(tmp_path / "规划.docx", lines)
    (tmp_path / "规划.txt").write_bytes("\n".join(lines).replace("&amp;", "&").encode("gb18030"))
    assert read_plan_file(tmp_path / "规划.docx") == read_plan_file(tmp_path / "规划.txt")
    assert read_plan_file(tmp_path / "规划.txt")[-1] == "R&D 中心"


def test_a_word_bomb_is_refused_before_it_is_unpacked(tmp_path: Path) -> None:
    bomb = tmp_path / "炸弹.docx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", "<w:p>" + " " * (50 * 1024 * 1024) + "</w:p>")
    with pytest.raises(ImportFileError, match="压缩比异常"):
        read_plan_file(bomb)


def test_a_broken_pdf_is_one_chinese_message(tmp_path: Path) -> None:
    broken = tmp_path / "规划.pdf"
    broken.write_bytes(b"%PDF-1.7\nnot really a pdf")
    with pytest.raises(ImportFileError, match="无法读取 PDF 文件"):
        read_plan_file(broken)


def test_a_real_pdf_gives_the_same_facts_as_its_text(tmp_path: Path) -> None:
    """The PDF was printed by Chromium from the fixture plan (tests/fixtures/plans/README.md): a running title and
    date on every page, a footer with the file address and “1/3”, lines wrapped mid-word, Kangxi radicals (⼀ ⽰ ⼾)
    where the text has 一 示 户."""
    from loaders.extract.draft import extract_facts

    def facts(path: Path) -> set[tuple[str, str, str]]:
        return {
            (f.kind, f.name, str(sorted(f.data.items()))) for f in extract_facts(path).facts if f.kind != "enterprise"
        }

    pdf = Path(__file__).parent / "fixtures" / "plans" / "示例市制造业发展规划.pdf"
    text = Path(__file__).parent / "fixtures" / "other_seed" / "plan" / "示例市制造业发展规划.txt"
    from_pdf, from_text = facts(pdf), facts(text)
    assert from_pdf == from_text
    assert ("status", "注塑件", str(sorted({"status": "missing", "chain": None, "industry": None}.items()))) in from_pdf
    joined = "\n".join(read_plan_file(pdf))
    assert "1/3" not in joined and "file:" not in joined and "⼀" not in joined and "户" in joined
