"""Decoded text → source lines, cleaned, with their folded form and the furniture (page numbers, web page
footers, a collector's notes) set aside."""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from ipmeasures.importer.normalise import clean_line, fold, strip_glosses

_PAGE_NUMBER = re.compile(r"^(?:[-—–－~〜]+\s*\d{1,4}\s*[-—–－~〜]+|第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?"
                          r"|\d{1,4}\s*/\s*\d{1,4}|[-—–－]?\s*\d{1,4}\s*[-—–－]?)$")
# Web page furniture a saved page or a mirror carries around the document.
_FURNITURE = re.compile(r"^(?:发表评论|打印本页|关闭窗口|\[?打印\]?$|\[?关闭\]?$|分享到|扫一扫|相关链接|责任编辑|浏览次数|"
                        r"字号[:：]?\s*[大中小]|网站地图|版权所有|ICP备|请在用户中心|上一篇|下一篇|返回顶部)")
# A note a collector put into the text: [TRUNCATED: …], [NOTE: …] (ASCII only, upper-case tag).
_NOTE = re.compile(r"\[[A-Z][A-Z _-]{2,}(?::[^\]]*)?\]")


_AFTER = "。；;:!?！？)〕]”"


def split_run_on(text: str) -> list[str]:
    """A long line holding many numbered items (a mirror that ran the whole document onto one line) →
    one piece per item: split before each label that follows a sentence or closing bracket and continues
    its style's numbering (n+1 of the last one kept, or 1)."""
    from ipmeasures.importer.labels import match_label

    folded = fold(text)
    cuts: list[int] = []
    last: dict[str, int] = {}
    for pos in range(1, len(folded)):
        ch = folded[pos]
        if not (ch.isdigit() or ch in "(〔[一二三四五六七八九十①②③④⑤⑥⑦⑧⑨⑩第"):
            continue
        label = match_label(folded, pos)
        if label is None:
            continue
        before = folded[pos - 1]
        expected = label.number in (last.get(label.style, 0) + 1, 1)
        if not expected:
            continue
        if before in _AFTER or "\u4e00" <= before <= "\u9fff" or before in "0123456789%":
            cuts.append(pos)
            last[label.style] = label.number
    if len(cuts) < 3:
        return [text]
    pieces, start = [], 0
    for cut in cuts:
        pieces.append(text[start:cut])
        start = cut
    pieces.append(text[start:])
    return [p for p in pieces if p.strip()]


_WHITESPACE = re.compile(r"[ \u3000\u00a0]+")  # not tabs: they separate a row's cells
_OPENERS, _CLOSERS = "(（〔[［【", ")）〕]］】"


def split_at_spaces(raw: str) -> list[str]:
    """A long line where a mirror turned the document's line breaks into spaces (`…保障。 一、加强重点领域治理
    (一)加强…`) → one piece per labelled paragraph: split at a run of spaces followed by a label that
    starts or continues its style's numbering (n+1 of the last one taken, or 1), after a sentence, a closing
    bracket or a heading's last character, and outside brackets. Spaces elsewhere stay (the cleaning drops
    them)."""
    from ipmeasures.importer.labels import match_label

    text = strip_glosses(raw)
    cuts: list[int] = []
    last: dict[str, int] = {}
    depth = 0
    pos = 0
    for m in _WHITESPACE.finditer(text):
        for ch in text[pos:m.start()]:
            depth += (ch in _OPENERS) - (ch in _CLOSERS)
        depth = max(depth, 0)
        pos = m.start()
        before = text[m.start() - 1] if m.start() else ""
        if depth or not (before in _AFTER or before in "。，," or "\u4e00" <= before <= "\u9fff"):
            continue
        label = match_label(fold(clean_line(text[m.end():m.end() + 24])))
        if label is None or label.number not in (last.get(label.style, 0) + 1, 1):
            continue
        cuts.append(m.end())
        last[label.style] = label.number
    if not cuts:
        return [raw]
    pieces, start = [], 0
    for cut in cuts:
        pieces.append(text[start:cut])
        start = cut
    pieces.append(text[start:])
    return [p for p in pieces if p.strip()]


def split_table_rows(raw: str) -> list[str]:
    """A table run onto one line with its cells still separated by spaces (`序号 重点任务 牵头单位 责任单位
    完成时限 1 编制清单。 市行政审批局 市司法局 2022年9月底前 2 …`) → its header and one piece per row: cut
    before each number token that continues the row numbering (1, 2, 3 …) right after a cell that ends a row
    (a list of units, a deadline, or a sentence). The pieces are then read as a space-separated table."""
    from ipmeasures.importer.deadlines import is_deadline_only
    from ipmeasures.importer.tables import spaced_header
    from ipmeasures.importer.units import split_units

    tokens = raw.split()
    first = next((i for i, t in enumerate(tokens) if t == "1"), None)
    if first is None or first < 3 or not spaced_header(" ".join(tokens[:first])):
        return [raw]

    def ends_row(token: str) -> bool:
        folded = fold(clean_line(token))
        units = split_units(folded)
        return folded.endswith(("。", "；", ";")) or is_deadline_only(folded) or bool(units.names and not units.rejected)

    starts, expected = [first], 2
    for i in range(first + 2, len(tokens)):
        if tokens[i] == str(expected) and ends_row(tokens[i - 1]):
            starts.append(i)
            expected += 1
    if len(starts) < 2:
        return [raw]
    bounds = [0, *starts, len(tokens)]
    return [" ".join(tokens[a:b]) for a, b in itertools.pairwise(bounds) if b > a]


@dataclass
class Line:
    number: int  # 1-based line number in the source
    text: str  # cleaned stored text
    folded: str
    raw: str
    cut: bool = False  # the collector marked the text as cut off here
    bare_number: bool = False  # only a number (a page number, or a table's row number)
    cell_end: bool = False  # the line ended with "|": one table cell per line, this one complete


def split_lines(text: str) -> list[Line]:
    """The document's lines, cleaned; blank lines, comment lines at the top (# …) and furniture dropped."""
    out: list[Line] = []
    header = True
    total = len(text)
    for number, whole in enumerate(text.splitlines(), 1):
        if header and whole.strip().startswith("#"):
            continue
        if whole.strip():
            header = False
        pieces = split_at_spaces(whole.strip()) if len(whole) > 200 else [whole]
        for raw in [row for piece in pieces for row in split_table_rows(piece)]:
            _add_line(out, number, raw, total)
    return _without_running_heads(out)


def _add_line(out: list[Line], number: int, raw: str, total: int) -> None:
    """One source line (or one labelled piece of a long line), cleaned, appended to `out` as one Line or
    several (a document run onto one line is split at its labels)."""
    stripped = raw.strip()
    cut = False
    if _NOTE.search(stripped):
        cut = "TRUNCAT" in stripped.upper() or "CUT" in stripped.upper()
        stripped = _NOTE.sub("", stripped)
    fields = [f for f in stripped.split("\t") if f.strip()]
    if len(fields) >= 2:  # a table row copied from Word or a sheet: cells separated by tabs
        stripped = " | ".join(fields) + " |"
    cleaned = clean_line(stripped)
    if not cleaned:
        if cut and out:
            out[-1].cut = True
        return
    # a line holding most of the document is a document run onto one line: split it at its labels
    cell_end = False
    if cleaned.endswith("|") and cleaned.count("|") == 1:  # one table cell per line, ended by |
        cleaned = cleaned[:-1].rstrip()
        cell_end = True
        if not cleaned:
            return
    pieces = split_run_on(cleaned) if len(raw) > 200 and len(raw) > total / 2 else [cleaned]
    for k, piece in enumerate(pieces):
        folded = fold(piece)
        if _FURNITURE.match(folded):
            continue
        bare = bool(_PAGE_NUMBER.match(folded))
        if bare and not folded.isdigit():
            continue  # "- 3 -", "第3页": always a page number
        out.append(Line(number, piece, folded, raw, cut and k == len(pieces) - 1, bare,
                        cell_end and k == len(pieces) - 1))


def _without_running_heads(lines: list[Line]) -> list[Line]:
    """A short line printed at the top or foot of every page (a PDF's running head: the issuer's name,
    机密, the document's short title) is furniture: dropped when it occurs three times or more. Unit names
    (a table's cell on its own line) and table headers are kept."""
    from collections import Counter

    from ipmeasures.importer.labels import match_label
    from ipmeasures.importer.tables import header_columns, header_word
    from ipmeasures.importer.units import looks_like_unit

    counts = Counter(line.folded for line in lines if len(line.folded) <= 30 and not line.bare_number)
    heads = {text for text, n in counts.items() if n >= 3 and not looks_like_unit(text, lenient=False)
             and not header_columns(text) and not header_word(text) and not match_label(text)
             and not re.search(r"[。；;:(〔\[]|负责|牵头|配合|参与|协助", text)}
    return [line for line in lines if line.folded not in heads] if heads else lines
