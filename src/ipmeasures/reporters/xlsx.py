"""`--output xlsx=PATH`: the check results as an Excel workbook, to sort and filter.

Sheets: 问题 (every finding: file, cell or line, severity, rule, unit, measure/task, message), 报送情况
(the coverage table, when the run has one) and 汇总 (the counts). A binary format: it is never written
to a terminal, only to the file --output names (or `-` into a pipe); openpyxl (the `excel` extra) is
imported when the reporter is made.

Written as the check streams: each report's findings become rows of a write-only workbook as the report
is checked (openpyxl moves them to a temporary file at once), so memory does not grow with the findings;
`end()` adds the cross-file findings, the coverage and the counts, and the workbook's bytes are then
`output_bytes()`.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING, Any

from ipmeasures.errors import UsageError
from ipmeasures.i18n import N_, _
from ipmeasures.reporters.base import (
    CheckResult,
    Reporter,
    RuleInfo,
    coverage_kind_label,
    missing_label,
    reported_label,
    severity_label,
    summary_line,
)
from ipmeasures.results import ReportResult

if TYPE_CHECKING:
    from ipmeasures.outputs import TextSink

# 文件, 位置, 级别, 规则, 单位, 措施, 任务, 字段, 说明: fixed, since a streamed sheet writes its widths first
WIDTHS = (36, 12, 8, 20, 18, 6, 6, 18, 60)


class XlsxReporter(Reporter):
    """Findings, coverage and counts as a workbook, built row by row as the reports are checked."""

    description = N_("Excel 工作簿，只能写入文件：--output xlsx=文件.xlsx")
    binary = True

    def __init__(self, **options) -> None:
        from ipmeasures.workbook.xlsx import require_openpyxl

        self.openpyxl = require_openpyxl()  # when the command builds its reporters: a missing extra stops it here
        super().__init__(**options)
        self.book: Any = None
        self.table: Any = None
        self.data: bytes | None = None

    def begin(self, out: TextSink | None = None, *, rules: dict[str, RuleInfo] | None = None) -> None:
        """Start the workbook (`out` is not used: the workbook's bytes are `output_bytes()` after `end()`)."""
        from ipmeasures.destination import WORKBOOK_IDS
        from ipmeasures.workbook.rows import StreamedTable
        from ipmeasures.workbook.xlsx import new_workbook

        self.rules = dict(rules or {})
        self.book, sheet = new_workbook(self.openpyxl, _("问题"), WORKBOOK_IDS["check:xlsx"], streamed=True)
        headers = [_("文件"), _("位置"), _("级别"), _("规则"), _("单位"), _("措施"), _("任务"), _("字段"), _("说明")]
        self.table = StreamedTable(self.openpyxl, sheet, headers, WIDTHS)
        self.data = None

    def add_report(self, report: ReportResult) -> None:
        for finding in report.findings:
            self._row(finding)

    def _row(self, f: Any) -> None:
        where = f.cell or (f"{f.line}:{f.column}" if f.line is not None and f.column is not None
                           else (str(f.line) if f.line is not None else ""))
        self.table.append([f.file, where, severity_label(f), f.rule_id, f.unit or "", f.measure, f.task,
                           f.field or "", f.message], status=(2, None if f.suppressed else f.severity.value))

    def end_document(self, run: CheckResult) -> None:
        from ipmeasures.workbook.rows import StreamedTable, workbook_bytes
        from ipmeasures.workbook.xlsx import sheet_title, write_facts_streamed

        if self.book is None:
            self.begin()
        for finding in run.findings:
            self._row(finding)
        self.table.close()
        if run.coverage:
            coverage = StreamedTable(self.openpyxl, self.book.create_sheet(sheet_title(_("报送情况"))),
                                     [_("类别"), _("编号"), _("标题"), _("已报送"), _("未报送")], (8, 8, 40, 60, 60))
            for row in run.coverage:
                coverage.append([coverage_kind_label(row), row.id, row.title, reported_label(row), missing_label(row)])
            coverage.close()
        write_facts_streamed(self.openpyxl, self.book.create_sheet(sheet_title(_("汇总"))),
                             [(_("文件"), str(run.files)), (_("错误"), str(run.errors)),
                              (_("警告"), str(run.warnings)), (_("已豁免"), str(run.suppressed))],
                             [summary_line(run), _("ipm {version}").format(version=run.tool_version)])
        self.data = workbook_bytes(self.book)
        self.book = self.table = None

    def output_bytes(self) -> bytes:
        """The finished workbook's bytes (after `end()`)."""
        if self.data is None:
            raise UsageError(_("xlsx 是二进制格式，不能写到终端：请用 --output xlsx=结果.xlsx。"))
        return self.data

    def render_bytes(self, result: CheckResult) -> bytes:
        """A collected result as the bytes of a workbook (the streamed path, fed whole)."""
        self.write(result, io.StringIO())
        return self.output_bytes()
