"""duplicate-item: positions read off tests/fixtures/reports/fail/duplicate-item.yaml."""

from __future__ import annotations

ID = "duplicate-item"


def test_fires_on_the_second_item_naming_the_first(check, located):
    findings = check("fail/duplicate-item.yaml")
    assert located(findings, ID) == [(9, 14, 5, None)]
    assert [f.rule_id for f in findings] == [ID]
    assert "第 6 行" in findings[0].message


def test_a_measure_and_a_task_with_the_same_number_are_different(check_text):
    text = ("unit: 市公安局\nperiod: 2022-H1\nitems:\n  - measure: 1\n    status: not_started\n"
            "  - task: 1\n    status: not_started\n")
    assert [f for f in check_text(text) if f.rule_id == ID] == []


def test_silent_on_clean_reports(check):
    assert [f for f in check("pass") if f.rule_id == ID] == []
