"""missing-evidence: positions read off tests/fixtures/reports/fail/missing-evidence.yaml."""

from __future__ import annotations

import pytest

ID = "missing-evidence"
HEAD = "unit: 市人大常委会办公室\nperiod: 2022-H1\nitems:\n  - measure: 5\n    status: 已完成\n    progress: 完成\n"


def test_fires_on_completed_with_an_empty_list(check, located):
    findings = check("fail/missing-evidence.yaml")
    assert located(findings, ID) == [(7, 13, 5, None)]
    assert [f.rule_id for f in findings] == [ID]


@pytest.mark.parametrize("evidence", ["", "    evidence:\n", "    evidence: ''\n", "    evidence: ['', ' ']\n"])
def test_fires_on_every_way_of_writing_nothing(check_text, located, evidence):
    assert located(check_text(HEAD + evidence), ID) == [(5, 13, 5, None)]


@pytest.mark.parametrize("evidence", ["    evidence: 惠人大〔2022〕1号\n", "    evidence: [2022001]\n"])
def test_silent_with_a_single_text_or_a_case_number(check_text, evidence):
    assert [f for f in check_text(HEAD + evidence) if f.rule_id == ID] == []


def test_silent_on_clean_reports(check):
    assert [f for f in check("pass") if f.rule_id == ID] == []
