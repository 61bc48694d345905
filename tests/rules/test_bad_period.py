"""bad-period: positions read off tests/fixtures/reports/fail/bad-period.yaml and the inline texts."""

from __future__ import annotations

import pytest

ID = "bad-period"
BODY = "unit: 市人大常委会办公室\nperiod: {period}\nitems:\n  - measure: 5\n    status: in_progress\n    progress: 调研\n"


def test_fires_on_a_chinese_period(check, located):
    findings = check("fail/bad-period.yaml")
    assert located(findings, ID) == [(3, 9, None, None)]
    assert [f.rule_id for f in findings] == [ID]


@pytest.mark.parametrize("period", ["2022-13", "2022-H3", "2022-Q5", "2022-07-01", "22-H1", "true", "[2022]"])
def test_fires_on_malformed_periods(check_text, located, period):
    assert located(check_text(BODY.format(period=period)), ID) == [(2, 9, None, None)]


@pytest.mark.parametrize("period", ["2022", "2022-H1", "2022-h2", "2022-Q4", "2022-07", "'2022-12'"])
def test_silent_on_every_documented_form(check_text, period):
    assert [f for f in check_text(BODY.format(period=period)) if f.rule_id == ID] == []


def test_silent_on_clean_reports(check):
    assert [f for f in check("pass") if f.rule_id == ID] == []
