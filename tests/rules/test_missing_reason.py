"""missing-reason: positions read off tests/fixtures/reports/fail/missing-reason.yaml."""

from __future__ import annotations

ID = "missing-reason"


def test_fires_on_a_blank_reason(check, located):
    findings = check("fail/missing-reason.yaml")
    assert located(findings, ID) == [(7, 13, 5, None)]
    assert [f.rule_id for f in findings] == [ID]


def test_silent_with_a_reason(check_text):
    text = ("unit: 市人大常委会办公室\nperiod: 2022-H1\nitems:\n  - measure: 5\n    status: 不适用\n"
            "    reason: 本期无相关工作\n")
    assert check_text(text) == []


def test_silent_on_clean_reports(check):
    assert [f for f in check("pass") if f.rule_id == ID] == []
