"""overdue: positions read off tests/fixtures/reports/fail/overdue.yaml (measure 1 ends 2024-11-21)."""

from __future__ import annotations

ID = "overdue"


def test_fires_on_an_open_time_bound_duty(check, located):
    findings = check("fail/overdue.yaml")
    assert located(findings, ID) == [(8, 13, 1, None)]  # task 1 (same deadline) is completed: silent
    assert [f.rule_id for f in findings] == [ID]
    assert "2024-11-21" in findings[0].message


def test_silent_while_the_deadline_is_in_the_period_or_later(check_text):
    # 2024-H2 ends 2024-12-31, after 2024-11-21: overdue; 2024-Q3 ends 2024-09-30, before it: not yet.
    text = "unit: 市公安局\nperiod: {period}\nitems:\n  - task: 1\n    status: in_progress\n    progress: x\n"
    assert [f.line for f in check_text(text.format(period="2024-H2")) if f.rule_id == ID] == [5]
    assert [f for f in check_text(text.format(period="2024-Q3")) if f.rule_id == ID] == []


def test_silent_on_clean_reports(check):
    assert [f for f in check("pass") if f.rule_id == ID] == []
