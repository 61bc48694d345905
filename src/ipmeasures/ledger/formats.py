"""The task ledger as a workbook, CSV, JSON or Markdown: one module of small renderers over `Ledger`.

Every format has the same columns: the duty and unit (类别, 编号, 名称, 责任单位, 职责方式, 途径), then per
period, latest first, 状态, 进展, 佐证, 问题. Each status is written as its text label, and in the
workbook its cell is coloured as well.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

from ipmeasures import i18n
from ipmeasures.escaping import inert
from ipmeasures.findings import Finding
from ipmeasures.i18n import N_, _, join_names
from ipmeasures.labels import display_title, kind_label, light_label, milestones_text, role_label, state_label
from ipmeasures.ledger.model import STATES, Ledger, LedgerCell, LedgerRow
from ipmeasures.outputs import OutputFormat

if TYPE_CHECKING:
    from ipmeasures.outputs import TextSink


def render(ledger: Ledger, fmt: str) -> bytes:
    """The ledger in one of FORMATS, as the bytes of a file."""
    rendered = FORMATS[fmt].load()(ledger)
    return rendered if isinstance(rendered, bytes) else rendered.encode("utf-8")


def duty_headers(ledger: Ledger) -> list[str]:
    """类别 … 途径, and 时限 when the document words its deadlines (Ledger.shows_deadlines)."""
    headers = [_("类别"), _("编号"), _("名称"), _("责任单位"), _("职责方式"), _("途径")]
    return headers + [_("时限")] if ledger.shows_deadlines else headers


def period_headers() -> list[str]:
    return [_("状态"), _("进展"), _("佐证"), _("问题")]


def duty_cells(row: LedgerRow, ledger: Ledger) -> list:
    title = display_title(row.title, row.title_en)
    number = row.label if row.kind == "item" else row.number
    unit, via = row.unit, row.via
    if i18n.language == "en":  # names in the interface language, as the table of every query shows them
        unit, via = row.names_en[0] or unit, (row.names_en[1] or via) if via else None
    cells = [kind_label(row.kind), number, title, unit, role_label(row.role, row.role_words), via or _("点名")]
    # Each milestone on its own, as owner and template show them: an item due in August and in September
    # is overdue in August already (rules.overdue checks each).
    return cells + [inert(milestones_text(row.milestones))] if ledger.shows_deadlines else cells


def finding_text(finding: Finding) -> str:
    """`missing-evidence：状态为已完成，却没有 evidence…`, marked when suppressed."""
    text = _("{rule}：{message}").format(rule=finding.rule_id, message=finding.message)
    return _("{text}（已豁免）").format(text=text) if finding.suppressed else text


def period_cells(cell: LedgerCell, separator: str = "\n") -> list[str]:
    return [state_text(cell), cell.progress or "", separator.join(cell.evidence),
            separator.join(finding_text(f) for f in cell.findings)]


def state_text(cell: LedgerCell) -> str:
    """The cell's status, with its light when that calls for attention: `受阻（红灯）`, `推进中（黄灯）`."""
    if cell.light in ("red", "yellow"):
        return _("{state}（{light}）").format(state=cell.label, light=light_label(cell.light))
    return cell.label


def finding_headers(items: bool = False) -> list[str]:
    """The findings table's columns: the duty a finding is about is a measure and a task, or (`items`, the
    general model) an item named by its reference."""
    duty = [_("事项")] if items else [_("措施"), _("任务")]
    return [_("文件"), _("位置"), _("级别"), _("规则"), _("单位"), *duty, _("说明")]


def finding_cells(finding: Finding, items: bool = False) -> list:
    from ipmeasures.reporters.base import position, severity_label

    duty = [finding.item or ""] if items else [finding.measure, finding.task]
    return [finding.file, position(finding), severity_label(finding), finding.rule_id, finding.unit or "",
            *duty, finding.message]


# --- text formats --------------------------------------------------------------------------------


def render_csv(ledger: Ledger) -> str:
    """UTF-8 with a BOM (Excel and WPS read Chinese then), one header row: `2022-H2 状态` and so on.

    Every cell goes through escaping.SpreadsheetCsv: text that Excel would run as a formula, from a report
    or from a --data file (a unit named =2+5), gets a leading apostrophe.
    """
    from ipmeasures.escaping import SpreadsheetCsv

    out = io.StringIO()
    writer = SpreadsheetCsv(out)
    writer.writerow(duty_headers(ledger) + [f"{period} {header}" for period in ledger.periods for header in period_headers()])
    for row in ledger.rows:
        writer.writerow(duty_cells(row, ledger) + [value for period in ledger.periods for value in period_cells(row.cells[period])])
    return "\ufeff" + out.getvalue()


def render_json(ledger: Ledger) -> str:
    """write_json's text, whole."""
    out = io.StringIO()
    write_json(ledger, out)
    return out.getvalue()


def write_json(ledger: Ledger, out: TextSink) -> None:
    """`{"periods", "rows": [{…, "periods": {P: {"state", "label", "progress", "evidence", "findings"}}}],
    "findings"}`; states are the canonical statuses or not_reported / missing_item / invalid. Written onto
    `out` a piece at a time: the findings are read back from the ledger's spool one by one, never all held."""
    from ipmeasures.jsontext import write
    from ipmeasures.views.base import Rows

    document = {
        "periods": ledger.periods,
        "states": {state: state_label(state) for state in STATES},
        "rows": [{
            "kind": row.kind, "id": row.number, "label": row.label, "title": row.title, "unit": row.unit,
            "role": row.role, "via": row.via, "milestones": [m.to_record() for m in row.milestones],
            "periods": {period: {
                "state": cell.state, "label": cell.label, "light": cell.light, "progress": cell.progress,
                "evidence": list(cell.evidence), "file": cell.file,
                "findings": [{"rule": f.rule_id, "severity": f.severity.value, "message": f.message,
                              "suppressed": f.suppressed} for f in cell.findings],
            } for period, cell in row.cells.items()},
        } for row in ledger.rows],
        # read back from the ledger's spool one at a time as the text is written, never all held as records
        "findings": Rows(ledger.findings, len(ledger.findings), Finding.to_record),
    }
    write(document, out, indent=1)
    out.write("\n")


def render_markdown(ledger: Ledger) -> str:
    """write_markdown's text, whole."""
    out = io.StringIO()
    write_markdown(ledger, out)
    return out.getvalue()


def write_markdown(ledger: Ledger, out: TextSink) -> None:
    """A heading, the ledger table, and the findings table, written onto `out` a line at a time: the findings
    are read back from the ledger's spool one by one, never all held."""
    from ipmeasures.reporters.markdown import table, table_row

    intro = _("报告期：{periods}；报告 {n} 份。").format(periods=join_names(ledger.periods), n=len(ledger.files))
    headers = duty_headers(ledger) + [f"{period} {header}" for period in ledger.periods for header in period_headers()]
    for line in ("# " + _("任务落实台账"), "", intro, "", *table(headers, [])):
        out.write(line + "\n")
    for row in ledger.rows:
        out.write(table_row([str(v) for v in duty_cells(row, ledger)]
                            + [value for period in ledger.periods for value in period_cells(row.cells[period])]) + "\n")
    out.write("\n## " + _("检查发现的问题") + "\n\n")
    if not ledger.findings:
        out.write(_("未发现问题。") + "\n")
        return
    for line in table(finding_headers(ledger.names_items), []):
        out.write(line + "\n")
    for finding in ledger.findings:
        out.write(table_row(["" if v is None else str(v) for v in finding_cells(finding, ledger.names_items)]) + "\n")


# --- the workbook ---------------------------------------------------------------------------------


def render_xlsx(ledger: Ledger) -> bytes:
    """台账 (two header rows: the period over its four columns), 问题 (the findings), 说明 (legend, sources)."""
    from ipmeasures.workbook.rows import StreamedTable, workbook_bytes
    from ipmeasures.workbook.xlsx import (
        HEADER_FILL,
        STATUS_FILLS,
        column_letter,
        fill,
        new_workbook,
        print_setup,
        put,
        require_openpyxl,
        thin_border,
        write_facts,
    )

    openpyxl = require_openpyxl()
    styles = openpyxl.styles
    from ipmeasures.destination import WORKBOOK_IDS

    workbook, sheet = new_workbook(openpyxl, _("台账"), WORKBOOK_IDS["ledger:xlsx"])
    bold, border = styles.Font(bold=True), thin_border(openpyxl)
    header_fill = fill(openpyxl, HEADER_FILL)
    wrap = styles.Alignment(wrap_text=True, vertical="top")
    centre = styles.Alignment(horizontal="center", vertical="center", wrap_text=True)
    fixed = duty_headers(ledger)
    widths = [6, 8, 30, 16, 14, 14] + [24] * (len(fixed) - 6) + [11, 36, 24, 36] * len(ledger.periods)
    for c, header in enumerate(fixed, start=1):
        cell = put(sheet, 1, c, header)
        cell.font, cell.fill, cell.border, cell.alignment = bold, header_fill, border, centre
        sheet.merge_cells(start_row=1, start_column=c, end_row=2, end_column=c)
    for p, period in enumerate(ledger.periods):
        first = len(fixed) + 1 + p * 4
        cell = put(sheet, 1, first, _("{period}（截至 {end}）").format(period=period, end=ledger.period_ends[period]))
        cell.font, cell.fill, cell.alignment = bold, header_fill, centre
        sheet.merge_cells(start_row=1, start_column=first, end_row=1, end_column=first + 3)
        for k, header in enumerate(period_headers()):
            sub = put(sheet, 2, first + k, header)
            sub.font, sub.fill, sub.border, sub.alignment = bold, header_fill, border, centre
    for r, row in enumerate(ledger.rows, start=3):
        values = duty_cells(row, ledger)
        for period in ledger.periods:
            values += period_cells(row.cells[period])
        for c, value in enumerate(values, start=1):
            cell = put(sheet, r, c, value if value != "" else None)
            cell.alignment, cell.border = wrap, border
        for p, period in enumerate(ledger.periods):
            status = sheet.cell(row=r, column=len(fixed) + 1 + p * 4)
            status.fill = fill(openpyxl, STATUS_FILLS[row.cells[period].state])
            status.font = bold
    for c, width in enumerate(widths, start=1):
        sheet.column_dimensions[column_letter(c)].width = width
    last_column = column_letter(len(widths))
    sheet.freeze_panes = f"{column_letter(len(fixed) + 1)}3"
    sheet.auto_filter.ref = f"A2:{last_column}{max(2 + len(ledger.rows), 2)}"
    # Each period adds four wide columns, so the ledger prints across several pages rather than shrunk to one:
    # every page repeats the two header rows and the duty and unit columns, so a status page says whose it is.
    print_setup(sheet, title_rows="1:2", title_columns=f"A:{column_letter(fixed.index(_('责任单位')) + 1)}",
                fit_width=len(ledger.periods) <= 1)

    problems = StreamedTable(openpyxl, workbook.create_sheet(_("问题")), finding_headers(ledger.names_items))
    for finding in ledger.findings:
        problems.append(finding_cells(finding, ledger.names_items),
                        status=(2, None if finding.suppressed else finding.severity.value))
    problems.close()

    legend = workbook.create_sheet(_("说明"))
    facts = [(_("报告期"), join_names(ledger.periods)), (_("报告"), str(len(ledger.files))),
             (_("行"), _("每项职责、每个责任单位一行；每个报告期四列：状态、进展、佐证、问题（最近的报告期在前）。"))]
    facts += [(state_label(state), _("（单元格颜色仅为辅助，以文字为准）")) for state in STATES]
    write_facts(openpyxl, legend, facts, [_("由 ipm ledger 生成。")])
    for r, state in enumerate(STATES, start=4):
        legend.cell(row=r, column=1).fill = fill(openpyxl, STATUS_FILLS[state])
    return workbook_bytes(workbook)


# The formats written a piece at a time (their text never held whole): the command streams them.
WRITERS = {"json": write_json, "markdown": write_markdown}

# The ledger's formats (the output contract, ipmeasures.outputs): the only list of `ipm ledger --format`.
FORMATS: dict[str, OutputFormat] = {
    "xlsx": OutputFormat(N_("Excel 工作簿，状态着色（需 -o，需可选组件 ipmeasures[excel]）"), render_xlsx, binary=True,
                         suffixes=(".xlsx",)),
    "csv": OutputFormat(N_("带 BOM，Excel/WPS 可直接打开"), render_csv, machine=True, suffixes=(".csv",)),
    "json": OutputFormat(N_("机器可读"), render_json, machine=True, suffixes=(".json",)),
    "markdown": OutputFormat(N_("适合贴到 wiki 或 issue（没有 -o 时的默认）"), render_markdown,
                             suffixes=(".md", ".markdown")),
}
