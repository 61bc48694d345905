"""not-assigned: positions read off tests/fixtures/reports/fail/not-assigned.yaml."""

from __future__ import annotations

from ipmeasures.findings import Severity

ID = "not-assigned"


def test_fires_on_a_duty_the_unit_does_not_carry(check, located):
    findings = check("fail/not-assigned.yaml")
    assert located(findings, ID) == [(9, 14, 3, None)]
    assert [(f.rule_id, f.severity) for f in findings] == [(ID, Severity.WARNING)]


def test_an_item_can_waive_it(check_text):
    text = ("unit: 市人大常委会办公室\nperiod: 2022-H1\nitems:\n  - measure: 5\n    status: in_progress\n"
            "    progress: 调研\n  - measure: 3\n    status: in_progress\n    progress: 额外开展的工作\n"
            "    ignore: [not-assigned]\n")
    findings = check_text(text)
    assert [(f.rule_id, f.line, f.suppressed) for f in findings] == [(ID, 7, True)]


def test_silent_on_clean_reports(check):
    assert [f for f in check("pass") if f.rule_id == ID] == []
