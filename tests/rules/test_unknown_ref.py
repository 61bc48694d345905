"""unknown-ref: positions read off tests/fixtures/reports/fail/unknown-ref.yaml."""

from __future__ import annotations

ID = "unknown-ref"
HEAD = "unit: 市人大常委会办公室\nperiod: 2022-H1\nitems:\n  - measure: 5\n    status: in_progress\n    progress: 调研\n"


def test_fires_with_the_number_as_written(check, located):
    findings = check("fail/unknown-ref.yaml")
    assert located(findings, ID) == [(9, 14, 23, None)]
    assert [f.rule_id for f in findings] == [ID]  # not also not-assigned


def test_fires_on_a_task_and_a_chinese_numeral(check_text, located):
    text = HEAD + "  - task: 9\n    status: in_progress\n    progress: x\n" \
                  "  - measure: 二十三\n    status: in_progress\n    progress: x\n"
    assert located(check_text(text), ID) == [(7, 11, None, 9), (10, 14, 23, None)]


def test_silent_on_clean_reports(check):
    assert [f for f in check("pass") if f.rule_id == ID] == []
