"""Numbering labels as the genre prints them: 一、 (一) 1. (1) ① 第一条, and their normalised form.

Levels are not fixed by style: the first style met is the top level, a new style opens a level below the
current one, and a style met again closes the levels below it (一、 → (一) → 1. → (1) in one document,
(一) → 1. in another).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_CN = "一二三四五六七八九十百零〇两"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"

# Over folded text (ASCII brackets and digits). Group `n` is the number as printed.
_STYLES: list[tuple[str, re.Pattern[str]]] = [
    ("chapter", re.compile(rf"第(?P<n>[{_CN}\d]+)(?P<kind>章|部分)")),
    ("article", re.compile(rf"第(?P<n>[{_CN}\d]+)条")),
    ("cn", re.compile(rf"(?P<n>[{_CN}]+)\s*[、.](?![{_CN}]*[、.])")),
    ("pcn", re.compile(rf"[(〔\[]\s*(?P<n>[{_CN}]+)\s*[)〕\]]")),
    ("num", re.compile(r"(?P<n>\d{1,3})\s*[.、](?!\d)")),
    ("pnum", re.compile(r"[(〔\[]\s*(?P<n>\d{1,3})\s*[)〕\]]")),
    ("rnum", re.compile(r"(?P<n>\d{1,3})\s*\)(?![\d)])")),
    ("circ", re.compile(rf"(?P<n>[{_CIRCLED}])")),
]


@dataclass(frozen=True)
class Label:
    style: str
    number: int
    text: str  # normalised: 一 (一) 1. (1) ① 第一条
    end: int  # offset just after the label in the line


def cn_number(text: str) -> int:
    """一 → 1, 十九 → 19, 二十二 → 22, 一百零三 → 103; digits as digits."""
    if text.isdigit():
        return int(text)
    digits = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8,
              "九": 9}
    total, current = 0, 0
    for ch in text:
        if ch in digits:
            current = digits[ch]
        elif ch == "十":
            total += (current or 1) * 10
            current = 0
        elif ch == "百":
            total += (current or 1) * 100
            current = 0
    return total + current


def match_label(folded: str, pos: int = 0) -> Label | None:
    """The label at `pos` of a folded line, if the line starts with one."""
    for style, pattern in _STYLES:
        m = pattern.match(folded, pos)
        if not m:
            continue
        n = m.group("n")
        if style == "circ":
            number, text = _CIRCLED.index(n) + 1, n
        else:
            number = cn_number(n)
            if number <= 0:
                continue
            text = {"cn": n, "pcn": f"({n})", "num": f"{n}.", "pnum": f"({n})", "rnum": f"{n})"}.get(style, m.group(0))
        end = m.end()
        rest = folded[end:end + 1]
        if style in ("num", "rnum") and rest and rest in "年月日%":
            continue
        return Label(style, number, text, end)
    return None
