"""empty-progress: positions read off tests/fixtures/reports/fail/empty-progress.yaml."""

from __future__ import annotations

from ipmeasures.findings import Severity

ID = "empty-progress"


def test_fires_as_a_warning(check, located):
    findings = check("fail/empty-progress.yaml")
    assert located(findings, ID) == [(7, 13, 5, None)]
    assert [(f.rule_id, f.severity, f.suppressed) for f in findings] == [(ID, Severity.WARNING, False)]


def test_strict_makes_it_an_error(check):
    assert [f.severity for f in check("fail/empty-progress.yaml", strict=True)] == [Severity.ERROR]


def test_ignore_keeps_it_as_suppressed(check):
    findings = check("fail/empty-progress.yaml", ignore=["empty-progress"])
    assert [(f.rule_id, f.line, f.suppressed) for f in findings] == [(ID, 7, True)]


def test_an_item_can_waive_it(check_text):
    text = ("unit: 市人大常委会办公室\nperiod: 2022-H1\nitems:\n  - measure: 5\n    status: in_progress\n"
            "    ignore: [empty-progress]\n")
    assert [(f.rule_id, f.suppressed) for f in check_text(text)] == [(ID, True)]


def test_silent_for_not_started(check_text):
    text = "unit: 市人大常委会办公室\nperiod: 2022-H1\nitems:\n  - measure: 5\n    status: not_started\n"
    assert check_text(text) == []


def test_silent_on_clean_reports(check):
    assert [f for f in check("pass") if f.rule_id == ID] == []
