"""`--format markdown`: a summary and tables for a pull-request comment or a GitHub job summary."""

from __future__ import annotations

from ipmeasures.escaping import markdown_text
from ipmeasures.findings import Finding, Severity
from ipmeasures.i18n import N_, _
from ipmeasures.reporters.base import (
    CheckResult,
    Reporter,
    coverage_kind_label,
    coverage_number,
    duty_label,
    location,
    missing_label,
    reported_label,
    severity_label,
    spool,
    summary_line,
)
from ipmeasures.results import ReportResult


def escape_cell(text: str) -> str:
    """Make text safe inside one table cell: no HTML, link, mention, column break or row break."""
    return markdown_text(text)


def table(headers: list[str], rows: list[list[str]]) -> list[str]:
    """A GitHub-flavoured Markdown table, every cell escaped."""
    lines = ["| " + " | ".join(escape_cell(h) for h in headers) + " |",
             "|" + "|".join(" --- " for _h in headers) + "|"]
    lines += [table_row(row) for row in rows]
    return lines


def table_row(row: list[str]) -> str:
    """One row of `table`'s, for a table written a row at a time."""
    return "| " + " | ".join(escape_cell(cell) for cell in row) + " |"


def worst_first(findings: list[Finding]) -> list[Finding]:
    """Errors, then warnings, then suppressed findings; each group in the order given (file, line)."""
    def rank(finding: Finding) -> int:
        if finding.suppressed:
            return 2
        return 0 if finding.severity is Severity.ERROR else 1
    return sorted(findings, key=rank)


def fit_rows(headers: list[str], rows: list[list[str]], budget: int) -> tuple[list[str], int]:
    """The table's lines with as many rows, from the first, as fit in `budget` UTF-8 bytes; and how many
    rows were left out. No lines at all when not even the header and one row fit."""
    lines = table(headers, [])
    used = sum(len(line.encode("utf-8")) + 1 for line in lines)
    kept = 0
    for row in rows:
        [line] = table(headers, [row])[2:]
        size = len(line.encode("utf-8")) + 1
        if used + size > budget:
            break
        lines.append(line)
        used += size
        kept += 1
    if kept == 0 and rows:
        return [], len(rows)
    return lines, len(rows) - kept


class MarkdownReporter(Reporter):
    """Heading, summary line, findings table, and the coverage table when there is one.

    With `max_bytes` (the GitHub job summary, which GitHub drops whole past 1 MiB) the findings come worst
    first and each table stops where the document would pass the limit, saying how many rows it left out.
    """

    description = N_("适合拉取请求评论或 GitHub 作业摘要")

    def __init__(self, *, max_bytes: int | None = None, **options) -> None:
        super().__init__(**options)
        self.max_bytes = max_bytes

    def begin(self, out, **options) -> None:
        super().begin(out, **options)
        self._headers = [_("位置"), _("级别"), _("规则"), _("说明"), _("单位"), _("措施/任务")]
        self._count = 0
        # Unlimited: every row, spooled until the summary line above them is known. Limited: each severity's
        # first rows, as many as could ever fit (fit_rows stops at the first row that does not), kept here.
        self._rows = spool() if self.max_bytes is None else None
        self._limit = self.max_bytes or 0
        self._ranked: list[list[str]] = [[], [], []]
        self._ranked_bytes = [0, 0, 0]

    def add_report(self, report: ReportResult) -> None:
        self._add(report.findings)

    def _add(self, findings: list[Finding]) -> None:
        for f in findings:
            [line] = table(self._headers, [[location(f, column=False), severity_label(f), f.rule_id, f.message,
                                            f.unit or "", duty_label(f)]])[2:]
            self._count += 1
            if self._rows is not None:
                self._rows.write(line + "\n")
                continue
            rank = 2 if f.suppressed else (0 if f.severity is Severity.ERROR else 1)
            if self._ranked_bytes[rank] <= self._limit:
                self._ranked[rank].append(line)
                self._ranked_bytes[rank] += len(line.encode("utf-8")) + 1

    def end_document(self, run: CheckResult) -> None:
        self._add(run.findings)
        lines = ["## " + _("ipm check 检查结果"), "", summary_line(run), ""]
        coverage_headers = [_("类别"), _("编号"), _("标题"), _("已报送"), _("未报送")]
        coverage_rows = [[coverage_kind_label(row), coverage_number(row), row.title, reported_label(row),
                          missing_label(row)] for row in run.coverage]
        if self._rows is not None:
            if not self._count:
                lines.append(_("未发现问题。"))
            self._write("\n".join(lines + (table(self._headers, []) if self._count else [])) + "\n")
            self._copy(self._rows)
            lines = []
            if coverage_rows:
                lines += ["", "### " + _("报送情况"), ""] + table(coverage_headers, coverage_rows)
            self._write("".join(line + "\n" for line in lines))
            return

        reserve = 512  # for the "N more" notes and the coverage heading
        budget = (self.max_bytes or 0) - len(("\n".join(lines) + "\n").encode("utf-8")) - reserve
        if self._count:
            shown, kept = table(self._headers, []), 0
            used = sum(len(line.encode("utf-8")) + 1 for line in shown)
            for line in (line for rank in self._ranked for line in rank):  # worst first
                size = len(line.encode("utf-8")) + 1
                if used + size > budget:
                    break
                shown.append(line)
                used += size
                kept += 1
            if kept:
                lines += shown
                budget -= used
            omitted = self._count - kept
            if omitted:
                lines += ["", _("……另有 {count} 条问题未列出（作业摘要有大小上限；完整结果见 --format json、"
                                "SARIF 或 JUnit 输出）。").format(count=omitted)]
        else:
            lines.append(_("未发现问题。"))
        if coverage_rows:
            lines += ["", "### " + _("报送情况"), ""]
            shown, omitted = fit_rows(coverage_headers, coverage_rows, budget)
            lines += shown
            if omitted:
                lines += ["", _("……另有 {count} 行报送情况未列出（作业摘要有大小上限）。").format(count=omitted)]
        self._write("\n".join(lines) + "\n")
