"""`--format table` (the default): findings grouped by file, for a person at a terminal."""

from __future__ import annotations

import io
import re
from itertools import groupby

from ipmeasures.findings import Finding, Severity
from ipmeasures.i18n import N_, _
from ipmeasures.reporters.base import (
    CheckResult,
    Reporter,
    coverage_kind_label,
    coverage_number,
    duty_label,
    missing_label,
    position,
    reported_label,
    severity_label,
    summary_line,
)
from ipmeasures.results import ReportResult

_TRAILING_BLANKS = re.compile(r"\s+((?:\x1b\[[0-9;]*m)*)$")  # blanks at the end, before any colour reset


# Finding rows the terminal table draws in one run: rich takes a few milliseconds a row, so 50,000 rows took
# minutes, and no one reads them in a terminal; the rest are counted, and every other format has them all.
TABLE_ROWS = 1000


def style(finding: Finding) -> str:
    """Rich style of a finding's severity cell."""
    if finding.suppressed:
        return "dim"
    return "bold red" if finding.severity is Severity.ERROR else "yellow"


class TableReporter(Reporter):
    """A rich table per file, a summary line, and the coverage table when there is one."""

    description = N_("终端表格（默认）")

    def begin(self, out, **options) -> None:
        super().begin(out, **options)
        # rich is the slowest import in the package; only this format pays for it.
        from rich.console import Console

        if self.width is not None:
            width = self.width
        else:
            import shutil  # here: shutil imports bz2 and lzma, a cost to every `ipm check` start-up

            width = shutil.get_terminal_size((100, 24)).columns
        self._buffer = io.StringIO()  # one file's table at a time
        self._shown = self._left_out = 0  # finding rows drawn, and left out past TABLE_ROWS
        self._console = Console(file=self._buffer, width=width, force_terminal=self.color,
                                highlight=False, emoji=False, legacy_windows=False)

    def add_report(self, report: ReportResult) -> None:
        self._tables(report.findings)

    def _tables(self, findings: list[Finding]) -> None:
        from rich.table import Table
        from rich.text import Text

        from ipmeasures.wrapping import Cell

        room = TABLE_ROWS - self._shown
        if len(findings) > room:  # past the table's limit: counted, not drawn (rich takes milliseconds a row)
            self._left_out += len(findings) - max(room, 0)
            findings = findings[:max(room, 0)]
        self._shown += len(findings)
        for file, group in groupby(findings, key=lambda f: f.file):
            # The file name on a line of its own, never wrapped: a path is copied whole (a table title would wrap).
            self._console.print(Text(file, style="bold"), soft_wrap=True)
            table = Table(expand=False)
            for header, narrow in ((_("位置"), True), (_("级别"), True), (_("规则"), True), (_("职责"), True),
                                   (_("说明"), False)):
                table.add_column(Cell(header, "bold"), no_wrap=narrow)  # rich shrinks only the others
            for finding in group:
                # Cell/Text, not str: a message with [brackets] must not be read as rich markup.
                table.add_row(Cell(position(finding)), Cell(severity_label(finding), style(finding)),
                              Cell(finding.rule_id), Cell(duty_label(finding)), Cell(finding.message))
            self._console.print(table)
        self._flush()

    def _flush(self) -> None:
        # rich pads every line to the table's width; trailing blanks only get in the way of copying.
        text = self._buffer.getvalue()
        if text:
            self._write("".join(_TRAILING_BLANKS.sub(r"\1", line) + "\n" for line in text.splitlines()))
            self._buffer.seek(0)
            self._buffer.truncate()

    def end_document(self, run: CheckResult) -> None:
        from rich.table import Table
        from rich.text import Text

        from ipmeasures.wrapping import Cell

        self._tables(run.findings)
        if run.coverage:
            table = Table(title=Text(_("报送情况"), style="bold"), title_justify="left")
            for header, narrow in ((_("类别"), True), (_("编号"), True), (_("标题"), False), (_("已报送"), False),
                                   (_("未报送"), False)):
                table.add_column(Cell(header, "bold"), no_wrap=narrow)
            for row in run.coverage:
                table.add_row(Cell(coverage_kind_label(row)), Cell(coverage_number(row)), Cell(row.title),
                              Cell(reported_label(row)), Cell(missing_label(row), "red"))
            self._console.print(table)

        if self._left_out:
            self._console.print(Text(_("终端表格只列出前 {shown} 条问题，另有 {left} 条未列出（汇总与退出码计入全部问题）："
                                       "完整结果请用 --format json，或 --output xlsx=结果.xlsx 等输出到文件。").format(
                shown=self._shown, left=self._left_out), style="bold"))
        # The verdict last, where the eye is when the command ends (it used to scroll away above the coverage).
        summary_style = "bold red" if run.errors else ("yellow" if run.warnings else "green")
        self._console.print(Text(summary_line(run), style=summary_style))
        self._flush()
