"""A deadline's `due` as the data writes it (2022, 2022-06, 2022-Q1, 2022-06-30): its precision and last day."""

from __future__ import annotations

import datetime as dt
import re

_DUE = re.compile(r"^(\d{4})(?:-(?:(\d{2})(?:-(\d{2}))?|Q([1-4])))?$")


def parse_due(value: object) -> tuple[str, str, dt.date] | None:
    """A due date as the data writes it -> (canonical text, precision, last day); None if malformed.

    2022 -> year (2022-12-31), 2022-06 -> month, 2022-Q1 -> quarter (2022-03-31), 2022-06-15 or a YAML
    date -> day. "2022年底前" is written `due: 2022`, "2022年6月底前" `due: 2022-06`.
    """
    import calendar

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
            last_month = int(quarter) * 3
            return text, "quarter", dt.date(y, last_month, calendar.monthrange(y, last_month)[1])
        if day:
            return text, "day", dt.date(y, int(month), int(day))
        if month:
            m = int(month)
            return text, "month", dt.date(y, m, calendar.monthrange(y, m)[1])
    except ValueError:
        return None
    return text, "year", dt.date(y, 12, 31)
