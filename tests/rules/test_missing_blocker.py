"""missing-blocker: positions read off tests/fixtures/reports/fail/missing-blocker.yaml."""

from __future__ import annotations

ID = "missing-blocker"


def test_fires_on_blocked_written_in_chinese(check, located):
    findings = check("fail/missing-blocker.yaml")
    assert located(findings, ID) == [(7, 13, 5, None)]
    assert [f.rule_id for f in findings] == [ID]


def test_silent_with_a_blocker(check_text):
    text = ("unit: 市人大常委会办公室\nperiod: 2022-H1\nitems:\n  - measure: 5\n    status: blocked\n"
            "    blocker: 等待上级批复\n")
    assert check_text(text) == []


def test_silent_on_clean_reports(check):
    assert [f for f in check("pass") if f.rule_id == ID] == []
