"""What a clerk most likely meant by a period or a date written another way: 2022H1, 2022年H1, 2022上半年,
2022/07/05, 2022年7月5日. Only suggestions (是否指 2022-H1？): the reader never guesses a value.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

from ipmeasures.policy.dues import QUARTER_NUMERALS

_HALF = re.compile(r"^(\d{4})年?[-_/.]?(?:[Hh]([12])|([上下])半年度?)$")
_QUARTER = re.compile(r"^(\d{4})年?[-_/.]?(?:[Qq]([1-4])|第?([一二三四1-4])季度?)$")
_MONTH = re.compile(r"^(\d{4})[-_/.年](\d{1,2})月?份?$")
_DATE = re.compile(r"^(\d{4})[-_/.年](\d{1,2})[-_/.月](\d{1,2})日?$")
_SHORT_YEAR = re.compile(r"^(\d{2})年(.*)$")
_YEAR = re.compile(r"^(\d{4})年?度?$")


def _clean(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).split())


def suggest_period(text: str) -> list[str]:
    """The canonical periods a text most likely means: 2022H1 -> [2022-H1]; a date -> its month and its
    half-year, [2022-07, 2022-H2]; [] when nothing is likely."""
    value = _clean(text)
    short = _SHORT_YEAR.match(value)
    if short is not None:  # 22年上半年
        value = f"20{short.group(1)}年{short.group(2)}"
    if (match := _HALF.match(value)) is not None:
        half = match.group(2) or ("1" if match.group(3) == "上" else "2")
        return [f"{match.group(1)}-H{half}"]
    if (match := _QUARTER.match(value)) is not None:
        quarter = QUARTER_NUMERALS[match.group(2) or match.group(3)]
        return [f"{match.group(1)}-Q{quarter}"]
    if (match := _MONTH.match(value)) is not None and 1 <= int(match.group(2)) <= 12:
        return [f"{match.group(1)}-{int(match.group(2)):02d}"]
    if (match := _DATE.match(value)) is not None:
        day = _date(match)
        if day is not None:
            return [f"{day.year}-{day.month:02d}", f"{day.year}-H{1 if day.month <= 6 else 2}"]
    if (match := _YEAR.match(value)) is not None:
        return [match.group(1)]
    return []


def suggest_date(text: str) -> str | None:
    """The YYYY-MM-DD date a text most likely means (2022/07/05, 2022.7.5, 2022年7月5日), or None."""
    match = _DATE.match(_clean(text))
    if match is None:
        return None
    day = _date(match)
    return day.isoformat() if day is not None else None


def _date(match: re.Match) -> dt.date | None:
    try:
        return dt.date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError:
        return None
