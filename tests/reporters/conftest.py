"""Hand-made check results shared by every reporter test.

Two reports have findings (市公安局.yaml, 市法院.yaml), one is clean (市检察院.yaml). One finding has no
line, one is suppressed, one message carries the characters each format must escape.
"""

from __future__ import annotations

import pytest

from ipmeasures.findings import Finding, Severity
from ipmeasures.reporters.base import CheckResult, CoverageRow, RuleInfo

POLICE = "reports/市公安局.yaml"
COURT = "reports/市法院.yaml"
PROCURATORATE = "reports/市检察院.yaml"

RULES = {
    "missing-duty": RuleInfo(
        id="missing-duty",
        severity=Severity.ERROR,
        summary="报告缺少本单位承担的措施或任务",
        help="检查报告是否覆盖本单位承担的全部措施与任务。补充缺少的条目即可。",
    ),
    "unknown-status": RuleInfo(
        id="unknown-status",
        severity=Severity.ERROR,
        summary="进展状态不在允许的取值内",
        help="status 只能是 已完成、推进中、未启动 之一。改为其中之一。",
    ),
    "empty-evidence": RuleInfo(
        id="empty-evidence",
        severity=Severity.WARNING,
        summary="已完成的条目没有佐证材料",
        help="status 为 已完成 时应填写 evidence。补充文件名或链接。",
    ),
}

# Sorted by file, line, column, rule id, as sort_findings() leaves them.
FINDINGS = [
    Finding(rule_id="missing-duty", severity=Severity.ERROR, message="未报告措施 1 的落实情况",
            file=POLICE, line=None, column=None, field=None, unit="市公安局", measure=1),
    Finding(rule_id="unknown-status", severity=Severity.ERROR,
            message="状态“进行中”无效，应为：已完成, 推进中|未启动\n（见 50% 说明）",
            file=POLICE, line=7, column=13, field="items.0.status", unit="市公安局", measure=1, task=1),
    Finding(rule_id="empty-evidence", severity=Severity.WARNING, message="已完成的任务 5 未附佐证材料",
            file=POLICE, line=12, column=5, field="items.1.evidence", unit="市公安局", task=5),
    Finding(rule_id="empty-evidence", severity=Severity.WARNING, message="已完成的措施 3 未附佐证材料",
            file=COURT, line=4, column=5, field="items.0.evidence", unit="市法院", measure=3,
            suppressed=True),
]

COVERAGE = [
    CoverageRow(kind="measure", id=1, title="严厉打击侵权假冒行为",
                reported={"市法院": "推进中", "市检察院": "已完成"}, missing=["市公安局"]),
    CoverageRow(kind="task", id=1, title="打击侵权知识产权犯罪三年专项行动",
                reported={"市公安局": "推进中"}, missing=[]),
]


@pytest.fixture
def result() -> CheckResult:
    """Three files checked, four findings: two errors, one warning, one suppressed warning."""
    return CheckResult(findings=list(FINDINGS), files=3, rules=dict(RULES),
                       checked_files=[POLICE, COURT, PROCURATORATE], tool_version="9.8.7")


@pytest.fixture
def result_with_coverage(result: CheckResult) -> CheckResult:
    """The same run with the coverage table filled in."""
    return CheckResult(findings=result.findings, files=result.files, rules=result.rules,
                       checked_files=result.checked_files, coverage=list(COVERAGE),
                       tool_version=result.tool_version)


@pytest.fixture
def clean_result() -> CheckResult:
    """One clean file, no findings."""
    return CheckResult(findings=[], files=1, rules=dict(RULES), checked_files=[PROCURATORATE],
                       tool_version="9.8.7")
