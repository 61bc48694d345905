"""Deadlines as written → due dates (the last day of the period named) or ongoing.

2022年底前 → 2022-12-31, 2022年6月底前 → 2022-06-30, 2023年第一季度 → 2023-03-31, 2022年上半年 → 2022-06-30,
6月底前 (no year) → the year written last before it, else the document's year; 年底前 / 年内完成 / 今年底 (no
year) → the end of that same year, marked as read from the context (明年底: the next one), and so for 上半年,
三季度末 …; 为期3年 → three years
from the date of issue, less a day; 持续推进 / 长期坚持 / 长期 → ongoing, no due date.
"""

from __future__ import annotations

import re
from datetime import date

from ipmeasures.importer.model import Deadline
from ipmeasures.policy.dues import QUARTER_NUMERALS
from ipmeasures.policy.dues import last_day as _last_day

_NUM = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}

_BEFORE = r"(?:之前|以前|前)"
# Order matters: the longest forms first; every pattern runs over folded text.
_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("day", re.compile(r"(?:(?P<y>\d{4})\s*年)?(?P<m>\d{1,2})\s*月(?P<d>\d{1,2})\s*日" + _BEFORE + "?")),
    ("month", re.compile(r"(?:(?P<y>\d{4})\s*年)?(?P<m>\d{1,2})\s*月(?:份)?(?:底|末|中旬|上旬|下旬)?"
                         + _BEFORE + r"?(?:完成)?")),
    ("quarter", re.compile(r"(?P<y>\d{4})\s*年(?:的)?(?:第)?(?P<q>[一二三四1-4])季度(?:末|底)?" + _BEFORE + "?")),
    ("half", re.compile(r"(?P<y>\d{4})\s*年(?P<h>上半年|下半年|年中)(?:末|底)?" + _BEFORE + "?")),
    ("year", re.compile(r"(?P<y>\d{4})\s*年(?:年)?(?:底|末|内|年底|年末)?" + _BEFORE + "?")),
]
# A year-end without a year (年底前完成, 今年年底前, 年内完成). Not a span of years (三年内, 两年内), not another
# year's end (上年底, 去年底, 每年底), not a target (全年, 力争年内: in body text only with 前 or 完成), not
# the span of an ongoing task (年内持续推进).
_YEAR_END = re.compile(r"(?<![\d年一二三四五六七八九十两几数多每全上去前近半整历往])(?P<rel>今|本|当|明|次)?"
                       r"(?:年年|年)(?P<k>底|末|内)(?P<limit>" + _BEFORE + r"?(?:完成|前完成)?)"
                       r"(?!持续|长期|常态)")  # 年内持续推进: ongoing through the year, no due date
# A half or quarter without a year (上半年完成, 三季度末前, 年中): the same year as a year-end without one.
_PART_OF_YEAR = re.compile(r"(?<![\d年上下每])(?:今年|本年|当年)?(?:(?P<h>上半年|下半年|年中)|第?(?P<q>[一二三四])季度)"
                           r"(?:末|底)?(?P<limit>" + _BEFORE + r"?(?:完成|前完成)?)")
_ONGOING = re.compile(r"持续推进|长期坚持|长期推进|持续开展|长期|持续|常态化")
_PERIOD = re.compile(r"为期(?P<n>\d{1,2}|[一二两三四五六七八九十])年")
# A body-text date counts as a deadline only with a word of time limit after it (前, 底, 完成…);
# "2015年雅安市…" or "党的十九大" are not deadlines.
_DEADLINE_WORD = re.compile(r"(?:底|末|前|内|完成|季度|半年)")


def _due(kind: str, m: re.Match[str], year: int | None) -> date | None:
    groups = m.groupdict()
    y = int(groups["y"]) if groups.get("y") else year
    if y is None or not 1900 < y < 2200:
        return None
    try:
        if kind == "day":
            return date(y, int(groups["m"]), int(groups["d"]))
        if kind == "month":
            return _last_day(y, int(groups["m"]))
        if kind == "quarter":
            return _last_day(y, 3 * QUARTER_NUMERALS[groups["q"]])
        if kind == "half":
            return _last_day(y, 6 if groups["h"] in ("上半年", "年中") else 12)
        return date(y, 12, 31)
    except ValueError:  # 2月30日
        return None


def find_deadlines(folded: str, stored: str, *, year: int | None, issued: date | None, cell: bool) -> list[Deadline]:
    """Deadlines in a text. cell=True: the text is a 完成时限 cell or a deadline-only bracket, so any date
    and the ongoing words count; otherwise (body text) only dates with a time-limit word, and 为期N年."""
    found: list[tuple[int, int, Deadline]] = []
    taken: list[tuple[int, int]] = []
    last_year = year
    for pos in range(len(folded)):  # cheap scan for a digit start; patterns are anchored with match()
        if taken and pos < taken[-1][1]:
            continue
        ch = folded[pos]
        if not ch.isdigit():
            continue
        if pos and folded[pos - 1].isdigit():
            continue
        for kind, pattern in _PATTERNS:
            m = pattern.match(folded, pos)
            if not m or (kind == "year" and not m.group("y")):
                continue
            text = m.group(0)
            if kind == "year" and not cell and not _DEADLINE_WORD.search(text):
                if m.group("y"):
                    last_year = int(m.group("y"))
                break
            if kind in ("month", "day") and not cell and not _DEADLINE_WORD.search(text):
                break
            due = _due(kind, m, last_year)
            if m.groupdict().get("y"):
                last_year = int(m.group("y"))
            end = m.end()
            found.append((pos, end, Deadline(stored[pos:end], due.isoformat() if due else None, False, kind)))
            taken.append((pos, end))
            break
    for pattern in (_YEAR_END, _PART_OF_YEAR):
        for m in pattern.finditer(folded):
            if any(s <= m.start() < e for s, e in taken) or not (cell or m.group("limit")):
                continue
            written = [int(y) for y in re.findall(r"(\d{4})\s*年", folded[:m.start()])]
            base = written[-1] if written else year
            groups = m.groupdict()
            if base is not None and groups.get("rel") in ("明", "次"):
                base += 1
            month, precision = 12, "year"
            if groups.get("h"):
                month, precision = (6 if groups["h"] in ("上半年", "年中") else 12), "half"
            elif groups.get("q"):
                month, precision = 3 * QUARTER_NUMERALS[groups["q"]], "quarter"
            due = _last_day(base, month) if base is not None and 1900 < base < 2200 else None
            found.append((m.start(), m.end(), Deadline(stored[m.start():m.end()], due.isoformat() if due else None,
                                                       False, precision, inferred=True)))
            taken.append((m.start(), m.end()))
    for m in _PERIOD.finditer(folded):
        n = m.group("n")
        years = int(n) if n.isdigit() else _NUM.get(n, 0)
        due = None
        if issued and years:
            try:
                due = date.fromordinal(date(issued.year + years, issued.month, issued.day).toordinal() - 1)
            except ValueError:  # 29 February
                due = date(issued.year + years, issued.month, 28)
        found.append((m.start(), m.end(), Deadline(stored[m.start():m.end()], due.isoformat() if due else None,
                                                   False, "day" if due else None)))
    if cell:
        for m in _ONGOING.finditer(folded):
            if any(s <= m.start() < e for s, e, _d in found):
                continue
            found.append((m.start(), m.end(), Deadline(stored[m.start():m.end()], None, True, None)))
            break
    found.sort(key=lambda t: t[0])
    return [d for _s, _e, d in found]


def is_deadline_only(folded: str) -> bool:
    """True if a bracket or cell holds nothing but deadlines (2022年底前完成；持续推进)."""
    rest = folded
    for _kind, pattern in _PATTERNS:
        rest = pattern.sub("", rest)
    rest = _ONGOING.sub("", rest)
    year_end = bool(_YEAR_END.search(rest) or _PART_OF_YEAR.search(rest))
    rest = _PART_OF_YEAR.sub("", _YEAR_END.sub("", rest))
    rest = re.sub(r"[完成前底年月日,，、;；。\s及和或并]|推进|开展|实施|落实|为期|到位|每年|之前|以前|时限|完成时间|:", "", rest)
    has_date = any(p.search(folded) for _k, p in _PATTERNS) or bool(_ONGOING.search(folded)) or year_end
    return rest == "" and has_date
