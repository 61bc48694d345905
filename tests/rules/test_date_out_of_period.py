"""date-out-of-period: positions read off tests/fixtures/reports/fail/date-out-of-period.yaml."""

from __future__ import annotations

import datetime as dt

ID = "date-out-of-period"


def test_fires_before_the_period_starts(check, located):
    findings = check("fail/date-out-of-period.yaml")
    assert located(findings, ID) == [(4, 12, None, None)]
    assert [f.rule_id for f in findings] == [ID]


def test_fires_on_a_date_in_the_future(check, located):
    # pass/市人大常委会办公室-2022-H1.yaml was submitted 2022-07-04: on 2022-07-03 that is tomorrow.
    findings = check("pass/市人大常委会办公室-2022-H1.yaml", today=dt.date(2022, 7, 3))
    assert located(findings, ID) == [(4, 12, None, None)]


def test_silent_on_the_day_itself(check):
    assert check("pass/市人大常委会办公室-2022-H1.yaml", today=dt.date(2022, 7, 4)) == []


def test_silent_on_clean_reports(check):
    assert [f for f in check("pass") if f.rule_id == ID] == []
