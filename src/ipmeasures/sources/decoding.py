"""Bytes to text for the YAML reader: the encodings a file may come in, and refusing what is not text.

UTF-8 (with or without a BOM) is read silently; UTF-16/32 with a BOM and GB18030 with a warning that
names the encoding; anything else, and any control character YAML does not allow, is a `SourceError`.
"""

from __future__ import annotations

import re

from ipmeasures.errors import SourceError
from ipmeasures.i18n import _

# YAML 1.1 printable set: tab, LF, CR, 0x20-0x7E, NEL, 0xA0-0xD7FF, 0xE000-0xFFFD, beyond the BMP.
_NOT_PRINTABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]")


def decode(path: str, data: bytes) -> tuple[str, str, list[str]]:
    """The text of `data`, the encoding it was read in, and warnings about that encoding.

    UTF-8 (with or without a BOM) is read silently. UTF-16/UTF-32 with a BOM, and GB18030 (which
    covers GBK and GB2312, what Windows tools save by default in China) are decoded with a warning that
    names the encoding. Anything else is refused.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        return _decode_as(path, data[3:], "utf-8", "utf-8-sig"), "utf-8-sig", []
    for bom, codec in ((b"\xff\xfe\x00\x00", "utf-32-le"), (b"\x00\x00\xfe\xff", "utf-32-be"),
                       (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        if data.startswith(bom):
            name = codec[:6]
            text = _decode_as(path, data[len(bom):], codec, name)
            return text, name, [_encoding_warning(name.upper())]
    if b"\x00" in data:
        offset = data.index(b"\x00")
        raise SourceError(_("第 {offset} 字节是 NUL（0x00）：这不是文本文件（或是没有 BOM 的 UTF-16）。"
                            "请用文本编辑器把它另存为 UTF-8 的 YAML 文件。").format(offset=offset + 1), path)
    try:
        return data.decode("utf-8"), "utf-8", []
    except UnicodeDecodeError as exc:
        utf8_error = exc
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        line = data.count(b"\n", 0, utf8_error.start) + 1
        raise SourceError(_("第 {offset} 字节（0x{byte:02X}）起既不是 UTF-8 也不是 GB18030/GBK 文本，"
                            "文件可能不是文本或已损坏。请用文本编辑器把它另存为 UTF-8。").format(
            offset=utf8_error.start + 1, byte=data[utf8_error.start]), path, line) from None
    return text, "gb18030", [_encoding_warning("GB18030")]


def _decode_as(path: str, data: bytes, codec: str, name: str) -> str:
    try:
        return data.decode(codec)
    except UnicodeDecodeError as exc:
        raise SourceError(_("文件以 {name} 的 BOM 开头，但第 {offset} 字节起无法按 {name} 解码；"
                            "请用文本编辑器把它另存为 UTF-8。").format(name=name.upper(), offset=exc.start + 1),
                          path) from None


def _encoding_warning(name: str) -> str:
    return _("文件编码是 {name}，已按 {name} 读取；请另存为 UTF-8（无 BOM），以免其他工具读成乱码。").format(name=name)


def check_printable(path: str, text: str) -> None:
    bad = _NOT_PRINTABLE.search(text)
    if bad is None:
        return
    line, column = position(text, bad.start())
    raise SourceError(_("第 {line} 行第 {column} 列有不可打印的控制字符 U+{code:04X}：文件可能不是文本或已损坏。"
                        "请删除该字符，或用文本编辑器另存为 UTF-8。").format(
        line=line, column=column, code=ord(bad.group())), path, line, column)


def position(text: str, index: int) -> tuple[int, int]:
    """1-based line and column of a character offset, counting line breaks as YAML does."""
    head = text[:index].replace("\r\n", "\n").replace("\r", "\n")
    line_start = head.rfind("\n") + 1
    return head.count("\n") + 1, len(head) - line_start + 1
