"""A document as users have it → text: plain text in any of the encodings Windows tools write, or a
Word .docx, a PDF with a text layer, a saved web page (.html)."""

from __future__ import annotations

import codecs

from ipmeasures.errors import MissingExtraError, SourceError
from ipmeasures.i18n import _

MAX_BYTES = 50 * 1024 * 1024


def decode(data: bytes) -> str:
    """Bytes of a text file → str: UTF-8 / UTF-16 by BOM, UTF-16 without BOM by its NUL bytes, else UTF-8,
    else GB18030 (a superset of GBK and GB2312). Raises ValueError if none reads the bytes."""
    if data.startswith(codecs.BOM_UTF8):
        return data[3:].decode("utf-8")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16")
    if len(data) % 2 == 0:
        for codec, newline in (("utf-16-le", b"\n\x00"), ("utf-16-be", b"\x00\n")):
            text = _utf16(data, codec, newline)
            if text is not None:
                return text
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("gb18030")


def _utf16(data: bytes, codec: str, newline: bytes) -> str | None:
    """UTF-16 without a BOM: taken only if it has a line break at an even offset and reads as text."""
    pos = data.find(newline)
    while pos != -1 and pos % 2:
        pos = data.find(newline, pos + 1)
    if pos == -1:
        return None
    try:
        text = data.decode(codec)
    except UnicodeDecodeError:
        return None
    plain = sum(1 for ch in text if ch.isascii() or "\u4e00" <= ch <= "\u9fff" or "\u3000" <= ch <= "\u303f"
                or "\uff00" <= ch <= "\uffef")
    return text if plain >= 0.9 * len(text) else None


def read_source(path: str) -> str:
    """The text of a document file, by its suffix: .docx, .pdf, .html/.htm, else plain text."""
    import os

    if os.path.isdir(path) or not os.path.lexists(path):
        from ipmeasures.errors import UsageError

        if os.path.isdir(path):
            raise UsageError(_("{path} 是目录：请给出一份文件（.txt、.docx、.pdf 或 .html）。").format(path=path))
        raise UsageError(_("找不到文件 {path}：请检查路径。").format(path=path))
    from ipmeasures.sources.files import read_bounded

    # Regular files only, bounded before reading: a FIFO or /dev/zero named 文件.txt never blocks or fills memory.
    data = read_bounded(path, MAX_BYTES, adjustable=False)
    suffix = os.path.splitext(path)[1].lower()
    if suffix == ".docx":
        return _docx(path, data)
    if suffix == ".pdf":
        return _pdf(path, data)
    if suffix in (".html", ".htm", ".xhtml"):
        return _html(_decode_or_fail(path, data))
    if suffix in (".doc", ".wps", ".xls", ".xlsx", ".ofd", ".rtf"):
        raise SourceError(_("不支持 {suffix} 文件：请另存为 .docx、.pdf 或纯文本（.txt）后再导入。").format(suffix=suffix), path)
    return _decode_or_fail(path, data)


def _decode_or_fail(path: str, data: bytes) -> str:
    if b"\x00" in data[:4096] and not data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            text = decode(data)
        except (UnicodeDecodeError, ValueError):
            text = ""
        if not text or "\x00" in text:
            raise SourceError(_("不是文本文件（含二进制字节）：请给出 .txt、.docx、.pdf 或 .html 文件。"), path)
        return text
    try:
        return decode(data)
    except (UnicodeDecodeError, ValueError):
        raise SourceError(_("无法按 UTF-8、GB18030 或 UTF-16 读取：请另存为 UTF-8 文本。"), path) from None


def _need(module: str, path: str):
    import importlib

    try:
        return importlib.import_module(module)
    except ImportError:
        raise MissingExtraError(_("读取 {path} 需要可选组件：pip install 'ipmeasures[import]'").format(path=path)) from None


def _docx(path: str, data: bytes) -> str:
    """Paragraphs and tables in document order; a table row becomes one line of cells joined by " | "."""
    import io

    docx = _need("docx", path)
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # noqa: BLE001 - python-docx raises many types for a broken package
        raise SourceError(_("无法作为 Word 文档（.docx）读取：{reason}").format(reason=exc), path) from None
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    lines: list[str] = []
    for child in document.element.body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            lines.append(Paragraph(child, document).text)
        elif tag == "tbl":
            for row in Table(child, document).rows:
                cells: list[str] = []
                for cell in row.cells:
                    text = "".join(p.text for p in cell.paragraphs).strip()
                    if not cells or text != cells[-1] or not text:  # a merged cell repeats itself
                        cells.append(text)
                lines.append(" | ".join(cells))
    return "\n".join(lines)


def _pdf(path: str, data: bytes) -> str:
    """The text layer, page by page (a scanned PDF has none: say so)."""
    import io

    pypdf = _need("pypdf", path)
    try:
        reader = pypdf.PdfReader(io.BytesIO(data))
        pages = [page.extract_text() or "" for page in reader.pages]
    except Exception as exc:  # noqa: BLE001 - pypdf raises many types for damaged files
        raise SourceError(_("无法作为 PDF 读取：{reason}").format(reason=exc), path) from None
    text = "\n".join(pages)
    if not text.strip():
        raise SourceError(_("PDF 中没有文字层（可能是扫描件）：请先做文字识别（OCR），或提供 .docx/.txt。"), path)
    return text


def _html(markup: str) -> str:
    """A saved web page's text: block elements on their own lines, table cells joined by " | "."""
    from html.parser import HTMLParser

    blocks = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table", "section", "article",
              "ul", "ol", "dd", "dt", "blockquote", "pre", "hr"}

    class _Text(HTMLParser):
        def __init__(self) -> None:
            super().__init__(convert_charrefs=True)
            self.out: list[str] = []
            self.skip = 0

        def handle_starttag(self, tag, attrs):
            if tag in ("script", "style", "noscript", "template"):
                self.skip += 1
            elif tag in blocks:
                self.out.append("\n")
            elif tag in ("td", "th"):
                self.out.append(" | ")

        def handle_endtag(self, tag):
            if tag in ("script", "style", "noscript", "template"):
                self.skip = max(0, self.skip - 1)
            elif tag in blocks:
                self.out.append("\n")

        def handle_data(self, data):
            if not self.skip:
                self.out.append(data.replace("\n", " "))

    parser = _Text()
    parser.feed(markup)
    parser.close()
    lines = []
    for line in "".join(parser.out).split("\n"):
        line = line.strip()
        line = line.removeprefix("| ")
        lines.append(line)
    return "\n".join(lines)
