"""`CheckResult`: the counts every reporter prints."""

from __future__ import annotations

from ipmeasures.findings import Finding, Severity
from ipmeasures.reporters.base import CheckResult


def finding(severity: Severity, suppressed: bool = False, file: str = "a.yaml") -> Finding:
    return Finding(rule_id="r", severity=severity, message="m", file=file, suppressed=suppressed)


def test_counts(result):
    assert (result.errors, result.warnings, result.suppressed) == (2, 1, 1)


def test_a_suppressed_error_counts_only_as_suppressed():
    findings = [finding(Severity.ERROR, suppressed=True), finding(Severity.ERROR)]
    result = CheckResult(findings=findings, files=1)
    assert (result.errors, result.warnings, result.suppressed) == (1, 0, 1)


def test_files_in_order_adds_files_only_findings_name():
    findings = [finding(Severity.ERROR, file="z.yaml"), finding(Severity.ERROR, file="b.yaml")]
    result = CheckResult(findings=findings, files=2, checked_files=["c.yaml", "b.yaml"])
    assert result.files_in_order() == ["c.yaml", "b.yaml", "z.yaml"]
