"""A report period: the forms a report may write it in (2022-H1, 2022年上半年…), read as one canonical text."""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass

from ipmeasures.lazyre import lazy
from ipmeasures.policy.dues import QUARTER_NUMERALS, last_day

_PERIOD = re.compile(r"^(\d{4})(?:-(H[12]|Q[1-4]|\d{2}))?$", re.IGNORECASE)
# The same periods as Chinese documents and clerks write them: 2022年, 2022年度, 2022年上半年, 2022年第一季度
# (一季度, 第1季度), 2022年7月. They are read as the canonical form (2022-H1), which every output shows.
# A bare 2022年 is not among them: it is read as a typo more often than as the year (write 2022年度 or 2022).
_CN_PERIOD = lazy(globals(), "_CN_PERIOD", r"^(\d{4})年(?:(度)|(上半年|下半年)|第?([一二三四1-4])季度|(\d{1,2})月(?:份)?)$")
CN_PERIOD_PATTERN = r"^\d{4}年(度|上半年|下半年|第?[一二三四1-4]季度|\d{1,2}月份?)$"  # for the JSON Schema


@dataclass(frozen=True, slots=True)
class Period:
    """A report period: its canonical text (2022-H1) and its first and last day."""

    text: str
    start: dt.date
    end: dt.date



def parse_period(value: object) -> Period | None:
    """2022, "2022", "2022-H1", "2022-Q3", "2022-07", and the Chinese forms "2022年度", "2022年上半年",
    "2022年第三季度", "2022年7月" -> Period (its text always the canonical form); anything else -> None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        value = str(value)
    if not isinstance(value, str):
        return None
    return _parse_period_text(value.strip())


@functools.lru_cache(maxsize=512)  # a run sees a few periods many times: share one Period per period
def _parse_period_text(value: str) -> Period | None:
    match = _PERIOD.match(value)
    if match is None:
        return _parse_chinese_period(value)
    year = int(match.group(1))
    if year < 1:
        return None  # 0000: no calendar has it (datetime starts at year 1)
    part = (match.group(2) or "").upper()
    if not part:
        return Period(str(year), dt.date(year, 1, 1), dt.date(year, 12, 31))
    if part[0] == "H":
        first = 1 if part == "H1" else 7
        months = 6
    elif part[0] == "Q":
        first = (int(part[1]) - 1) * 3 + 1
        months = 3
    else:
        first = int(part)
        if not 1 <= first <= 12:
            return None
        months = 1
    last = first + months - 1
    end = last_day(year, last)
    return Period(f"{year}-{part}", dt.date(year, first, 1), end)


def _parse_chinese_period(value: str) -> Period | None:
    """2022年上半年 -> 2022-H1, 2022年第一季度 -> 2022-Q1, 2022年7月 -> 2022-07, 2022年度 -> 2022; else None."""
    import unicodedata

    text = unicodedata.normalize("NFKC", "".join(value.split()))  # full-width digits and letters: ２０２２－Ｈ１
    if text != value and _PERIOD.match(text):
        return _parse_period_text(text)
    match = _CN_PERIOD.match(text)
    if match is None:
        return None
    year, _whole, half, quarter, month = match.groups()
    if half:
        canonical = f"{year}-H{1 if half == '上半年' else 2}"
    elif quarter:
        canonical = f"{year}-Q{QUARTER_NUMERALS[quarter]}"
    elif month:
        canonical = f"{year}-{int(month):02d}"
    else:
        canonical = year
    return _parse_period_text(canonical)
