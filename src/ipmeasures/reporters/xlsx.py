"""`--output xlsx=PATH`: the check results as an Excel workbook, to sort and filter.

Sheets: 问题 (every finding: file, cell or line, severity, rule, unit, measure/task, message), 报送情况
(the coverage table, when the run has one) and 汇总 (the counts). A binary format: it is never written
to stdout, only to the file --output names; openpyxl (the `excel` extra) is imported when it renders.
"""

from __future__ import annotations

from ipmeasures.errors import UsageError
from ipmeasures.i18n import N_, _
from ipmeasures.reporters.base import (
    CheckResult,
    Reporter,
    coverage_kind_label,
    missing_label,
    reported_label,
    severity_label,
    summary_line,
)


class XlsxReporter(Reporter):
    """Findings, coverage and counts as a workbook (bytes), from a collected result (`render_bytes`)."""

    description = N_("Excel 工作簿，只能写入文件：--output xlsx=文件.xlsx")
    binary = True

    def __init__(self, **options) -> None:
        from ipmeasures.workbook.xlsx import require_openpyxl

        require_openpyxl()  # when the command builds its reporters: a missing extra stops it before the run
        super().__init__(**options)

    def end_document(self, run: CheckResult) -> None:
        raise UsageError(_("xlsx 是二进制格式，不能写到终端：请用 --output xlsx=结果.xlsx。"))

    def render_bytes(self, result: CheckResult) -> bytes:
        from ipmeasures.workbook.xlsx import (
            new_workbook,
            require_openpyxl,
            workbook_bytes,
            write_facts,
            write_table,
        )

        openpyxl = require_openpyxl()
        from ipmeasures.destination import WORKBOOK_IDS

        workbook, sheet = new_workbook(openpyxl, _("问题"), WORKBOOK_IDS["check:xlsx"])
        headers = [_("文件"), _("位置"), _("级别"), _("规则"), _("单位"), _("措施"), _("任务"), _("字段"), _("说明")]
        rows, keys = [], []
        for f in result.findings:
            where = f.cell or (f"{f.line}:{f.column}" if f.line is not None and f.column is not None
                               else (str(f.line) if f.line is not None else ""))
            rows.append([f.file, where, severity_label(f), f.rule_id, f.unit or "", f.measure, f.task,
                         f.field or "", f.message])
            keys.append(None if f.suppressed else f.severity.value)
        write_table(openpyxl, sheet, headers, rows, status_columns={2: keys})
        if result.coverage:
            coverage = workbook.create_sheet(_("报送情况"))
            write_table(openpyxl, coverage, [_("类别"), _("编号"), _("标题"), _("已报送"), _("未报送")],
                        [[coverage_kind_label(row), row.id, row.title, reported_label(row), missing_label(row)]
                         for row in result.coverage])
        counts = workbook.create_sheet(_("汇总"))
        write_facts(openpyxl, counts, [(_("文件"), str(result.files)), (_("错误"), str(result.errors)),
                                       (_("警告"), str(result.warnings)), (_("已豁免"), str(result.suppressed))],
                    [summary_line(result), _("ipm {version}").format(version=result.tool_version)])
        return workbook_bytes(workbook)
