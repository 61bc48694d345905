"""A deadline's `due` as the data writes it (2022, 2022-06, 2022-Q1, 2022-06-30): its precision and last day.

Also the one home of what every reader of calendar spans shares (report periods, the hints for a period
written another way, the importer's deadlines): the last day of a month, and a quarter's number as
Chinese writes it (第一季度, 三季度, 第2季度). Their patterns differ on purpose -- a report period is parsed
whole and strictly, a hint is a loose guess, a deadline is found in running text -- but they agree on these.
"""

from __future__ import annotations

import datetime as dt

from ipmeasures.lazyre import lazy

# Compiled on first use: report periods import this module on every check, which never reads a due date.
_DUE = lazy(globals(), "_DUE", r"^(\d{4})(?:-(?:(\d{2})(?:-(\d{2}))?|Q([1-4])))?$")
# A quarter's number as Chinese writes it (第一季度, 三季度, 第2季度): every pattern that reads one allows only these.
QUARTER_NUMERALS = {"一": 1, "二": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4}


def last_day(year: int, month: int) -> dt.date:
    """The last day of a month (ValueError for a month that does not exist). Not calendar.monthrange: that
    would import calendar and locale at every start-up, since report periods are read on every check."""
    if not 1 <= month <= 12:
        raise ValueError(f"month must be in 1..12: {month}")
    if month == 12:
        return dt.date(year, 12, 31)
    return dt.date(year, month + 1, 1) - dt.timedelta(days=1)


def parse_due(value: object) -> tuple[str, str, dt.date] | None:
    """A due date as the data writes it -> (canonical text, precision, last day); None if malformed.

    2022 -> year (2022-12-31), 2022-06 -> month, 2022-Q1 -> quarter (2022-03-31), 2022-06-15 or a YAML
    date -> day. "2022年底前" is written `due: 2022`, "2022年6月底前" `due: 2022-06`.
    """
    if isinstance(value, bool):
        return None
    if isinstance(value, dt.date):
        return value.isoformat(), "day", value
    text = str(value).strip()
    match = _DUE.match(text)
    if not match:
        return None
    year, month, day, quarter = match.groups()
    y = int(year)
    try:
        if quarter:
            return text, "quarter", last_day(y, int(quarter) * 3)
        if day:
            return text, "day", dt.date(y, int(month), int(day))
        if month:
            return text, "month", last_day(y, int(month))
    except ValueError:
        return None
    return text, "year", dt.date(y, 12, 31)
