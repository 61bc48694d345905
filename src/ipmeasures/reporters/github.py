"""`--format github`: GitHub Actions workflow commands, one annotation per finding, and the job summary."""

from __future__ import annotations

import os
from collections.abc import Mapping

from ipmeasures.findings import Severity
from ipmeasures.i18n import _
from ipmeasures.reporters.base import CheckResult, Reporter, anchor, summary_line


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

    description = _("GitHub Actions 注释（workflow commands）")

    def render(self, result: CheckResult) -> str:
        lines = []
        for finding in result.findings:
            if finding.suppressed:
                continue
            name = "error" if finding.severity is Severity.ERROR else "warning"
            properties = {"file": finding.file, "line": finding.line,
                          "col": finding.column if finding.line is not None else None,
                          "title": finding.rule_id}
            if finding.line is None and finding.file not in result.checked_files:
                # about a folder (missing-report): GitHub shows annotations only on files, so its first report
                file, line, _column = anchor(finding, result.checked_files)
                if file != finding.file:
                    properties["file"], properties["line"] = file, line
            lines.append(command(name, finding.message, properties))
        # GitHub shows only the first few annotations of a step; the totals go in one notice.
        lines.append(command("notice", _("ipm check：{summary}").format(summary=summary_line(result))))
        return "\n".join(lines) + "\n"


STEP_SUMMARY_LIMIT = 1024 * 1024 - 16 * 1024  # GitHub's limit is 1 MiB per step; keep a margin


def append_step_summary(result: CheckResult, environ: Mapping[str, str] | None = None) -> bool:
    """Append the Markdown report to `$GITHUB_STEP_SUMMARY` if it is set; return whether it was."""
    from ipmeasures.reporters.markdown import MarkdownReporter

    path = (os.environ if environ is None else environ).get("GITHUB_STEP_SUMMARY")
    if not path:
        return False
    from ipmeasures.sources.files import open_append

    try:
        with open_append(path) as handle:
            # GitHub drops a step's whole summary past 1 MiB: fit ours in what the step has left.
            room = STEP_SUMMARY_LIMIT - os.fstat(handle.fileno()).st_size
            handle.write(MarkdownReporter(max_bytes=max(room, 4096)).render(result))
    except OSError as exc:
        # The job summary is a courtesy: failing to write it must not change the check's result.
        import sys

        print(_("警告：无法写入 GITHUB_STEP_SUMMARY（{path}：{reason}），已跳过作业摘要。").format(
            path=path, reason=exc.strerror or exc), file=sys.stderr)
        return False
    return True
