"""Every reader of a calendar span agrees: report periods, the hints for a period written another way, the
importer's deadlines and the data's due dates (policy.dues holds what they share).

By hand: a quarter ends on 03-31, 06-30, 09-30, 12-31; a half-year on 06-30 and 12-31; February 2024 on the 29th.
"""

from __future__ import annotations

import datetime as dt

import pytest

from ipmeasures.importer.deadlines import find_deadlines
from ipmeasures.policy.dues import parse_due
from ipmeasures.report.datehints import suggest_period
from ipmeasures.report.period import parse_period

QUARTERS = [("第一季度", 1, "03-31"), ("二季度", 2, "06-30"), ("第3季度", 3, "09-30"), ("第四季度", 4, "12-31")]


def deadline(text: str) -> str | None:
    [found] = find_deadlines(text, text, year=None, issued=None, cell=True)
    return found.due


@pytest.mark.parametrize("words, number, end", QUARTERS)
def test_a_quarter_reads_the_same_everywhere(words: str, number: int, end: str) -> None:
    period = parse_period(f"2022年{words}")
    assert period is not None and period.text == f"2022-Q{number}" and period.end.isoformat() == f"2022-{end}"
    assert suggest_period(f"2022{words}") == [f"2022-Q{number}"]  # no 年: a hint, not a reading
    assert deadline(f"2022年{words}") == f"2022-{end}"
    parsed = parse_due(f"2022-Q{number}")
    assert parsed is not None and parsed[2].isoformat() == f"2022-{end}"


@pytest.mark.parametrize("words, half, end", [("上半年", "H1", "06-30"), ("下半年", "H2", "12-31")])
def test_a_half_year_reads_the_same_everywhere(words: str, half: str, end: str) -> None:
    period = parse_period(f"2022年{words}")
    assert period is not None and period.text == f"2022-{half}" and period.end.isoformat() == f"2022-{end}"
    assert suggest_period(f"2022{words}") == [f"2022-{half}"]
    assert deadline(f"2022年{words}") == f"2022-{end}"


def test_a_month_ends_on_its_last_day_everywhere() -> None:
    period = parse_period("2024年2月")
    assert period is not None and period.end == dt.date(2024, 2, 29)
    assert deadline("2024年2月底前") == "2024-02-29"
    parsed = parse_due("2024-02")
    assert parsed is not None and parsed[2] == dt.date(2024, 2, 29)


@pytest.mark.parametrize("month", ["00", "13"])
def test_a_month_that_does_not_exist_ends_nowhere(month: str) -> None:
    assert parse_due(f"2022-{month}") is None and parse_period(f"2022-{month}") is None
    assert deadline(f"2022年{int(month)}月底前") is None
