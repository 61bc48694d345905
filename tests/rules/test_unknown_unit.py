"""unknown-unit: positions read off tests/fixtures/reports/fail/unknown-unit.yaml."""

from __future__ import annotations

ID = "unknown-unit"
BODY = "unit: {unit}\nperiod: 2022-H1\nitems:\n  - measure: 5\n    status: in_progress\n    progress: 调研\n"


def test_fires_and_suggests_the_closest_unit(check, located):
    findings = check("fail/unknown-unit.yaml")
    assert located(findings, ID) == [(2, 7, None, None)]
    assert [f.rule_id for f in findings] == [ID]  # no duty rule guesses at an unknown unit
    assert "市公安厅" in findings[0].message and "市公安局" in findings[0].message


def test_fires_on_a_group_name(check_text, located):
    assert located(check_text(BODY.format(unit="市直有关部门")), ID) == [(1, 7, None, None)]


def test_silent_on_full_names_and_aliases(check_text):
    for unit in ("市人大常委会办公室", "惠州市人大常委会办公室", "市人大"):
        assert [f for f in check_text(BODY.format(unit=unit)) if f.rule_id == ID] == []


def test_silent_on_clean_reports(check):
    assert [f for f in check("pass") if f.rule_id == ID] == []
