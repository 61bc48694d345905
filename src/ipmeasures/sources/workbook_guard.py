"""The checks on a workbook's archive before openpyxl opens it: size, parts, and a parse of its XML.

openpyxl builds a whole row, and the whole shared-string table, in memory: a 70 KB file of 16 million
empty cells took 5 GB. So the archive is bounded first (declared sizes, number of parts), then every
XML part is parsed as a stream -- by defusedxml, which refuses DTDs, entity declarations and external
references (the XML bombs) -- counting elements, cells and shared strings by their parsed names, so no
spelling of a tag (`<c\\n/>`, a namespace prefix `<x:c/>`, a default namespace) slips past, and the
unpacked bytes as they actually unpack (the declared sizes can lie). Each count stops the parse as soon
as it passes its limit.
"""

from __future__ import annotations

import io
import zipfile
from typing import Any

from ipmeasures.errors import MissingExtraError, SourceError
from ipmeasures.i18n import _

MAX_UNPACKED = 16 << 20  # bytes of XML inside the archive; a filled report is well under 1 MiB
MAX_CELLS = 200_000  # 5,000 rows of 40 columns
MAX_SHARED_STRINGS = 200_000
MAX_ELEMENTS = 1_000_000  # every element of every part; a cell is two or three (c, v or is, t)
MAX_MEMBERS = 500
XML_PARTS = (".xml", ".rels", ".vml")  # the parts openpyxl parses; images and the like it only copies
_PIECE = 1 << 16


class _Past(Exception):
    """A count passed its limit: stop parsing."""


class _Counter:
    """An XMLParser target that only counts start tags, by local name."""

    __slots__ = ("cells", "elements", "strings")

    def __init__(self) -> None:
        self.cells = self.strings = self.elements = 0

    def start(self, tag: str, _attrib: dict) -> None:
        self.elements += 1
        name = tag.rpartition("}")[2]
        if name == "c":
            self.cells += 1
        elif name == "si":
            self.strings += 1
        if self.cells > MAX_CELLS or self.strings > MAX_SHARED_STRINGS or self.elements > MAX_ELEMENTS:
            raise _Past

    def close(self) -> None:
        return None


def require_defusedxml() -> Any:
    """defusedxml's ElementTree; MissingExtraError naming the extra when it is absent."""
    try:
        from defusedxml import ElementTree
    except ImportError:
        raise MissingExtraError(_(
            "读取 Excel 工作簿需要可选组件 defusedxml（防范恶意 XML）：请运行 pip install 'ipmeasures[excel]'"
            "（或 pip install defusedxml）后重试。")) from None
    return ElementTree


def check_archive(path: str, data: bytes) -> None:
    """SourceError unless `data` is a zip archive of plausible size whose XML parses within the limits."""
    defused = require_defusedxml()
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except zipfile.BadZipFile:
        raise SourceError(_("不是 Excel 工作簿（.xlsx）：文件可能已损坏，或是改了扩展名的其他文件"
                            "（.xls、.et 请先另存为 .xlsx）。"), path) from None
    unpacked = sum(member.file_size for member in members)
    if len(members) > MAX_MEMBERS or unpacked > MAX_UNPACKED:
        raise SourceError(_("工作簿解压后有 {size} 字节、{n} 个部件，远大于正常的报告：这可能是损坏或恶意的文件，未读取。").format(
            size=unpacked, n=len(members)), path)
    counter = _Counter()
    total = 0
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            for member in members:
                if not member.filename.lower().endswith(XML_PARTS):
                    continue
                parser = defused.XMLParser(target=counter, forbid_dtd=True)
                with archive.open(member) as stream:
                    while piece := stream.read(_PIECE):
                        total += len(piece)
                        if total > MAX_UNPACKED:
                            raise _Past
                        parser.feed(piece)
                parser.close()
    except _Past:
        raise SourceError(_("工作簿解压后超过 {size} 字节，或有超过 {cells} 个单元格、{strings} 个共享字符串、"
                            "{elements} 个 XML 元素，远多于正常的报告：这可能是损坏或恶意的文件，未读取。").format(
            size=MAX_UNPACKED, cells=MAX_CELLS, strings=MAX_SHARED_STRINGS, elements=MAX_ELEMENTS), path) from None
    except Exception as exc:  # noqa: BLE001 - defusedxml's refusals, expat's errors, zip and zlib failures alike
        if _is_defused_refusal(exc):
            raise SourceError(_("工作簿的 XML 含有文档类型声明或实体（{error}）：正常的 Excel 文件没有这些，"
                                "它们可被用作“XML 炸弹”。这可能是恶意的文件，未读取。").format(
                error=type(exc).__name__), path) from None
        raise SourceError(_("无法按 Excel 工作簿（.xlsx）读取（{error}）：文件可能已损坏，或不是 .xlsx 格式"
                            "（.xls、.et 请先另存为 .xlsx）。").format(error=type(exc).__name__), path) from None


def _is_defused_refusal(exc: Exception) -> bool:
    from defusedxml import DefusedXmlException

    return isinstance(exc, DefusedXmlException)
