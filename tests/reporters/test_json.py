"""`--format json`: parse the document and compare it with records written out by hand."""

from __future__ import annotations

import json

from ipmeasures.reporters.json import JsonReporter

EXPECTED_FINDINGS = [
    {"file": "reports/市公安局.yaml", "line": None, "column": None, "severity": "error",
     "rule": "missing-duty",
     "message": "未报告措施 1 的落实情况", "field": None, "unit": "市公安局", "measure": 1, "task": None,
     "suppressed": False},
    {"file": "reports/市公安局.yaml", "line": 7, "column": 13, "severity": "error", "rule": "unknown-status",
     "message": "状态“进行中”无效，应为：已完成, 推进中|未启动\\n（见 50% 说明）", "field": "items.0.status",
     "unit": "市公安局", "measure": 1, "task": 1, "suppressed": False},
    {"file": "reports/市公安局.yaml", "line": 12, "column": 5, "severity": "warning",
     "rule": "empty-evidence",
     "message": "已完成的任务 5 未附佐证材料", "field": "items.1.evidence", "unit": "市公安局",
     "measure": None, "task": 5, "suppressed": False},
    {"file": "reports/市法院.yaml", "line": 4, "column": 5, "severity": "warning", "rule": "empty-evidence",
     "message": "已完成的措施 3 未附佐证材料", "field": "items.0.evidence", "unit": "市法院",
     "measure": 3, "task": None, "suppressed": True},
]
RECORD_KEYS = ["file", "line", "column", "severity", "rule", "message", "field", "unit", "measure", "task",
               "suppressed"]


def test_summary_counts_suppressed_only_as_suppressed(result):
    document = json.loads(JsonReporter().render(result))
    assert document["summary"] == {"files": 3, "errors": 2, "warnings": 1, "suppressed": 1}


def test_findings_are_the_records_in_order(result):
    document = json.loads(JsonReporter().render(result))
    assert document["findings"] == EXPECTED_FINDINGS


def test_key_order_is_stable(result):
    document = json.loads(JsonReporter().render(result))
    assert list(document) == ["summary", "findings", "reports"]
    assert list(document["summary"]) == ["files", "errors", "warnings", "suppressed"]
    assert all(list(record) == RECORD_KEYS for record in document["findings"])


def test_chinese_is_written_as_is_one_finding_per_line(result):
    text = JsonReporter().render(result)
    assert '"unit": "市公安局"' in text
    assert "\\u" not in text
    lines = text.splitlines()
    assert lines[0] == "{" and lines[1].startswith('  "summary": {"files": ')
    finding_lines = [line for line in lines if '"rule": ' in line]
    assert len(finding_lines) == len(result.findings)  # each finding on its own line, for diffs and grep
    assert text.endswith("}\n")


def test_clean_run(clean_result):
    document = json.loads(JsonReporter().render(clean_result))
    assert document == {"summary": {"files": 1, "errors": 0, "warnings": 0, "suppressed": 0}, "findings": [], "reports": []}
