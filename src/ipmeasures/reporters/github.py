"""`--format github`: GitHub Actions workflow commands, one annotation per finding, and the job summary."""

from __future__ import annotations

import os
from collections.abc import Mapping

from ipmeasures.findings import Finding, Severity
from ipmeasures.i18n import N_, _
from ipmeasures.reporters.base import CheckResult, Reporter, RuleInfo, anchor, summary_line
from ipmeasures.results import ReportResult


def escape_data(text: str) -> str:
    """Escape a workflow-command message (GitHub's `escapeData`)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escape a workflow-command property value (GitHub's `escapeProperty`)."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command(name: str, message: str, properties: Mapping[str, object] | None = None) -> str:
    """One `::name key=value,...::message` line; properties whose value is None are left out."""
    props = ",".join(f"{key}={escape_property(str(value))}"
                     for key, value in (properties or {}).items() if value is not None)
    return f"::{name}{' ' + props if props else ''}::{escape_data(message)}"


class GithubReporter(Reporter):
    """Annotations for a GitHub Actions log; suppressed findings are left out."""

    description = N_("GitHub Actions 注释（workflow commands）")
    machine = True

    @classmethod
    def companion(cls, rules: dict[str, RuleInfo]) -> StepSummary | None:
        """The Markdown report in the job's summary page, when the run is a GitHub Actions step."""
        return StepSummary.open(rules=rules)

    def add_report(self, report: ReportResult) -> None:
        self._annotate(report.findings, [report.file])

    def end_document(self, run: CheckResult) -> None:
        self._annotate(run.findings, run.checked_files)
        # GitHub shows only the first few annotations of a step; the totals go in one notice.
        self._write(command("notice", _("ipm check：{summary}").format(summary=summary_line(run))) + "\n")

    def _annotate(self, findings: list[Finding], checked_files: list[str]) -> None:
        lines = []
        for finding in findings:
            if finding.suppressed:
                continue
            name = "error" if finding.severity is Severity.ERROR else "warning"
            properties = {"file": finding.file, "line": finding.line,
                          "col": finding.column if finding.line is not None else None,
                          "title": finding.rule_id}
            if finding.line is None and finding.file not in checked_files:
                # about a folder (missing-report): GitHub shows annotations only on files, so its first report
                file, line, _column = anchor(finding, checked_files)
                if file != finding.file:
                    properties["file"], properties["line"] = file, line
            lines.append(command(name, finding.message, properties) + "\n")
        self._write("".join(lines))


STEP_SUMMARY_LIMIT = 1024 * 1024 - 16 * 1024  # GitHub's limit is 1 MiB per step; keep a margin


def append_step_summary(result: CheckResult, environ: Mapping[str, str] | None = None) -> bool:
    """Append the Markdown report of a collected result to `$GITHUB_STEP_SUMMARY` if it is set; return
    whether it was."""
    from ipmeasures.reporters.base import split_by_file

    step = StepSummary.open(environ, rules=result.rules)
    if step is None:
        return False
    reports, run = split_by_file(result)
    for report in reports:
        step.reporter.add(report)
    return step.close(run)


class StepSummary:
    """The Markdown report for `$GITHUB_STEP_SUMMARY`: fed report by report as the check streams (keeping
    only as many rows as could fit), written when the run ends, in the room the step's file has left."""

    def __init__(self, path: str, rules: dict | None = None) -> None:
        import io

        from ipmeasures.reporters.markdown import MarkdownReporter

        self.path = path
        self.reporter = MarkdownReporter(max_bytes=STEP_SUMMARY_LIMIT)
        self.reporter.begin(io.StringIO(), rules=rules)

    @classmethod
    def open(cls, environ: Mapping[str, str] | None = None, *, rules: dict | None = None) -> StepSummary | None:
        """The step summary to write, or None when GITHUB_STEP_SUMMARY is not set."""
        path = (os.environ if environ is None else environ).get("GITHUB_STEP_SUMMARY")
        return cls(path, rules) if path else None

    def close(self, run: CheckResult) -> bool:
        """Append the report (`run`: the cross-file findings and totals) to the file; return whether it was."""
        from ipmeasures.sources.files import open_append

        try:
            with open_append(self.path) as handle:
                # GitHub drops a step's whole summary past 1 MiB: fit ours in what the step has left.
                room = STEP_SUMMARY_LIMIT - os.fstat(handle.fileno()).st_size
                self.reporter.max_bytes = max(room, 4096)
                self.reporter.out = handle
                self.reporter.end(run)
        except OSError as exc:
            # The job summary is a courtesy: failing to write it must not change the check's result.
            import sys

            print(_("警告：无法写入 GITHUB_STEP_SUMMARY（{path}：{reason}），已跳过作业摘要。").format(
                path=self.path, reason=exc.strerror or exc), file=sys.stderr)
            return False
        return True
