"""missing-group-duty: positions read off tests/fixtures/reports/fail/missing-group-duty.yaml."""

from __future__ import annotations

from ipmeasures.findings import Severity

ID = "missing-group-duty"


def test_fires_at_the_items_key_as_a_warning(check, located):
    findings = check("fail/missing-group-duty.yaml")
    assert located(findings, ID) == [(5, 1, 22, None)]  # 市委组织部, via 市直有关部门
    assert [(f.rule_id, f.severity) for f in findings] == [(ID, Severity.WARNING)]
    assert "市直有关部门" in findings[0].message


def test_silent_on_clean_reports(check):
    assert [f for f in check("pass") if f.rule_id == ID] == []
