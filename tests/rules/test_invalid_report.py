"""invalid-report: positions read off tests/fixtures/reports/fail/invalid-report.yaml and the inline texts."""

from __future__ import annotations

from ipmeasures.findings import Severity

ID = "invalid-report"


def test_fires_on_a_misspelt_field(check, located):
    findings = check("fail/invalid-report.yaml")
    assert located(findings, ID) == [(8, 5, 5, None)]  # `stauts:` key, item about measure 5
    assert [f.rule_id for f in findings] == [ID]
    assert findings[0].severity is Severity.ERROR and "stauts" in findings[0].message


def test_suggests_the_nearest_field(check_text):
    text = "unit: 市人大常委会办公室\nperiod: 2022-H1\nitems:\n  - measure: 5\n    stauts: in_progress\n"
    findings = [f for f in check_text(text) if f.rule_id == ID]
    unknown = [f for f in findings if "stauts" in f.message]
    assert len(unknown) == 1 and "status" in unknown[0].message and unknown[0].line == 5
    missing = [f for f in findings if f is not unknown[0]]
    assert [(f.line, f.column, f.field) for f in missing] == [(4, 5, "items.0")]  # the item has no status


def test_silent_on_clean_reports(check):
    assert [f for f in check("pass") if f.rule_id == ID] == []
