"""`--format codequality`: a GitLab Code Quality report (a Code Climate issues array) for merge requests.

GitLab reads `artifacts: reports: codequality:` and shows each issue in the merge request and its diff.
Each issue has the members GitLab requires: `description`, `check_name`, `fingerprint`, `severity`,
`location.path` (relative to the repository root, which is where a GitLab job runs) and
`location.lines.begin`. Suppressed findings are left out, as GitHub annotations leave them out.
"""

from __future__ import annotations

from typing import Any

from ipmeasures.findings import Finding, Severity
from ipmeasures.i18n import N_
from ipmeasures.jsontext import dumps
from ipmeasures.reporters.base import CheckResult, Reporter, anchor, relative_path
from ipmeasures.results import ReportResult

# Code Climate severities GitLab knows: info, minor, major, critical, blocker.
SEVERITIES = {Severity.ERROR: "major", Severity.WARNING: "minor"}


def fingerprint(finding: Finding, path: str, occurrence: int) -> str:
    """A stable id for an issue: the same problem in the same report keeps it when lines move, so
    GitLab can tell new issues from fixed ones; `occurrence` separates identical findings."""
    key = "\x1f".join([finding.rule_id, path, finding.field or "", finding.message, str(occurrence)])
    import hashlib  # here: only this format needs it, and its import costs every `ipm check` start-up

    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def issue(finding: Finding, path: str, line: int, occurrence: int) -> dict[str, Any]:
    """One Code Quality issue."""
    return {
        "type": "issue",
        "description": finding.message,
        "check_name": finding.rule_id,
        "fingerprint": fingerprint(finding, path, occurrence),
        "severity": SEVERITIES[finding.severity],
        "categories": ["Bug Risk" if finding.severity is Severity.ERROR else "Style"],
        "location": {"path": path, "lines": {"begin": line}},
    }


class CodeQualityReporter(Reporter):
    """A JSON array of Code Quality issues, one per unsuppressed finding."""

    description = N_("GitLab 代码质量报告（Code Quality JSON），供合并请求显示")
    machine = True

    def begin(self, out, **options) -> None:
        super().begin(out, **options)
        self._count = 0

    def add_report(self, report: ReportResult) -> None:
        self._issues(report.findings, [report.file])

    def end_document(self, run: CheckResult) -> None:
        self._issues(run.findings, run.checked_files)
        self._write("\n]\n" if self._count else "[]\n")

    def _issues(self, findings: list[Finding], checked_files: list[str]) -> None:
        # `occurrence` counts identical issues; a report's own findings name only it, so the count is kept
        # per call (one report, or the cross-file findings), never for the whole run.
        seen: dict[tuple[str, str, str, str], int] = {}
        for finding in findings:
            if finding.suppressed:
                continue
            file, line, _column = anchor(finding, checked_files)
            path = relative_path(file) or file
            key = (finding.rule_id, path, finding.field or "", finding.message)
            seen[key] = seen.get(key, 0) + 1
            # the text of the whole array, one issue (one level in) at a time
            self._write(("[\n" if not self._count else ",\n") + "  " + dumps(issue(finding, path, line, seen[key]), level=1))
            self._count += 1
