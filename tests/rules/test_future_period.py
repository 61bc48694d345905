"""future-period, and the suggestions for periods and dates written another way (issue #17, point 3).

Expected periods are worked out by hand: H1 is January–June, H2 July–December; a date suggests its month
and its half-year.
"""

from __future__ import annotations

import datetime as dt

import pytest

from ipmeasures.report.datehints import suggest_date, suggest_period

ID = "future-period"
ITEMS = "items:\n  - task: 6\n    status: in_progress\n    progress: x\n"


def report(period: str, submitted: str | None = None) -> str:
    head = f"unit: 市贸促会\nperiod: {period}\n"
    return head + (f"submitted: {submitted}\n" if submitted else "") + ITEMS


@pytest.mark.parametrize(("period", "today", "fires"), [
    ("2022-H2", dt.date(2022, 7, 5), False),  # under way
    ("2022-H2", dt.date(2022, 6, 30), True),  # starts tomorrow
    ("2032-H1", dt.date(2025, 12, 31), True),
    ("2026", dt.date(2025, 12, 31), True),
    ("2025-Q4", dt.date(2025, 12, 31), False),
    ("2022年下半年", dt.date(2022, 3, 1), True),  # a Chinese form, read as 2022-H2
])
def test_a_period_that_has_not_started_is_a_warning(check_text, located, period, today, fires):
    findings = [f for f in check_text(report(period), today=today) if f.rule_id == ID]
    assert [(f.line, f.severity.value) for f in findings] == ([(2, "warning")] if fires else [])


@pytest.mark.parametrize(("text", "expected"), [
    ("2022H1", ["2022-H1"]), ("2022h2", ["2022-H2"]), ("2022 H1", ["2022-H1"]), ("2022年H1", ["2022-H1"]),
    ("２０２２Ｈ１", ["2022-H1"]), ("2022上半年", ["2022-H1"]), ("22年下半年", ["2022-H2"]),
    ("2022Q3", ["2022-Q3"]), ("2022第三季度", ["2022-Q3"]), ("2022-7", ["2022-07"]), ("2022.07", ["2022-07"]),
    ("2022/07/05", ["2022-07", "2022-H2"]), ("2022年7月5日", ["2022-07", "2022-H2"]),
    ("2022.3.31", ["2022-03", "2022-H1"]), ("2022年", ["2022"]),
    ("上半年", []), ("2022-13", []), ("2022/02/30", []),
])
def test_period_suggestions(text, expected):
    assert suggest_period(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("2022/07/05", "2022-07-05"), ("2022.7.5", "2022-07-05"), ("2022年7月5日", "2022-07-05"),
    ("２０２２/７/５", "2022-07-05"), ("2022/02/30", None), ("7月5日", None),
])
def test_date_suggestions(text, expected):
    assert suggest_date(text) == expected


@pytest.mark.parametrize(("period", "meant"), [("2022H1", "2022-H1"), ("'2022 H2'", "2022-H2"),
                                               ("2022/07/05", "2022-07或2022-H2")])
def test_a_bad_period_says_what_it_most_likely_means(check_text, period, meant):
    [finding] = [f for f in check_text(report(period)) if f.rule_id == "bad-period"]
    assert finding.message.startswith(f"是否指 {meant}？")


@pytest.mark.parametrize("submitted", ["2022/07/05", "2022年7月5日", "'2022.7.5'"])
def test_a_date_written_another_way_gets_a_suggestion(check_text, submitted):
    [finding] = [f for f in check_text(report("2022-H1", submitted)) if f.field == "submitted"]
    assert finding.message.startswith("是否指 2022-07-05？")
