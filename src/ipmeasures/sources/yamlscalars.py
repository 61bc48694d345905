"""YAML 1.1 plain scalars read as numbers and dates, refusing what would cost time or mean a mistake.

libyaml only composes nodes; the YAML reader's walk calls these for the scalars the core schema resolves
as int, float or timestamp.
"""

from __future__ import annotations

import datetime as dt
import re

_TIMESTAMP = re.compile(
    r"^(?P<year>[0-9]{4})-(?P<month>[0-9]{1,2})-(?P<day>[0-9]{1,2})"
    r"(?:(?:[Tt]|[ \t]+)(?P<hour>[0-9]{1,2}):(?P<minute>[0-9]{2}):(?P<second>[0-9]{2})"
    r"(?:\.(?P<fraction>[0-9]*))?"
    r"(?:[ \t]*(?P<tz>Z|(?P<tz_sign>[-+])(?P<tz_hour>[0-9]{1,2})(?::(?P<tz_minute>[0-9]{2}))?))?)?$")

MAX_INT = 1 << 63  # an integer a report or the data can mean fits in 64 bits; more is a mistake or an attack
_MAX_INT_TEXT = 80  # characters: enough for 2**63 in any base, with a sign and a few underscores


class Sexagesimal(ValueError):
    """A YAML 1.1 base-60 number (1:30 == 90): refused, never computed."""


class Oversize(ValueError):
    """An integer past MAX_INT: refused before it is computed."""


def to_int(text: str) -> int:
    if ":" in text:
        # YAML 1.1 reads 1:30 as 90, and a megabyte of 1:59:59:… costs seconds of big-integer arithmetic.
        # Nobody writes a number that way on purpose: it is a time or a ratio meant as text.
        raise Sexagesimal(text)
    if len(text) > _MAX_INT_TEXT:
        raise Oversize(text)  # before int(): thousands of digits cost quadratic time to convert
    value = text.replace("_", "")
    sign = 1
    if value[:1] in ("+", "-"):
        if value[0] == "-":
            sign = -1
        value = value[1:]
    if not value:
        raise ValueError(text)
    if value == "0":
        return 0
    if value.startswith(("0b", "0x")):
        number = int(value, 0)
    elif value.startswith("0"):
        number = int(value, 8)
    else:
        number = int(value)
    if number >= MAX_INT:
        raise Oversize(text)
    return sign * number


def to_float(text: str) -> float:
    value = text.replace("_", "").lower()
    if ":" in value:
        raise Sexagesimal(text)
    sign = 1.0
    if value[:1] in ("+", "-"):
        if value[0] == "-":
            sign = -1.0
        value = value[1:]
    if value == ".inf":
        return sign * float("inf")
    if value == ".nan":
        return float("nan")
    return sign * float(value)


def to_timestamp(text: str) -> dt.date:
    if len(text) == 10 and text.isascii() and text[4] == text[7] == "-":  # 2022-07-05, what reports write
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            pass  # 2022-02-30, or digits fromisoformat reads differently: the full reading below decides
    match = _TIMESTAMP.match(text)
    if match is None:
        raise ValueError(text)
    parts = match.groupdict()
    year, month, day = int(parts["year"]), int(parts["month"]), int(parts["day"])
    if parts["hour"] is None:
        return dt.date(year, month, day)
    fraction = 0
    if parts["fraction"]:
        fraction = int(parts["fraction"][:6].ljust(6, "0"))
    tzinfo = None
    if parts["tz_sign"]:
        delta = dt.timedelta(hours=int(parts["tz_hour"]), minutes=int(parts["tz_minute"] or 0))
        tzinfo = dt.timezone(-delta if parts["tz_sign"] == "-" else delta)
    elif parts["tz"]:
        tzinfo = dt.UTC
    return dt.datetime(year, month, day, int(parts["hour"]), int(parts["minute"]), int(parts["second"]),
                       fraction, tzinfo=tzinfo)
