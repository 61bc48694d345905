"""Progress reports as Excel workbooks: the template a unit fills in, and the reader `ipm check` uses.

The layout (first sheet, 报告; the reader finds every part by its label, never by its position)::

    row 1    title
    row 2    one line on how to fill it in (the second sheet, 填写说明, has the rest)
    rows 3–6 the header block: a label in column A (报送单位（unit）, 报告期（period）…), the value in C
    row 8    the items table header: 措施（measure）| 任务（task）| 名称 | 职责方式 | 状态（status）| …
    row 9…   one row per duty; number, title and role locked, the rest filled in

`excel_reader.read_workbook` turns a workbook into the `LoadedYaml` the YAML reader gives, so `parse_report`
and every rule run on it unchanged; it imports this layout (this module never imports the reader).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING, Any

from ipmeasures.errors import IpmError
from ipmeasures.escaping import inert
from ipmeasures.i18n import N_, _, join_names
from ipmeasures.labels import deadline_note, role_label, status_label
from ipmeasures.policy.numbering import parse_number
from ipmeasures.report.model import ITEM_FIELDS, REPORT_FIELDS, STATUS_LABELS, STATUSES
from ipmeasures.workbook.rows import workbook_bytes
from ipmeasures.workbook.xlsx import (
    HEADER_FILL,
    INPUT_FILL,
    LABEL_FILL,
    STATUS_FILLS,
    column_letter,
    fill,
    new_workbook,
    print_setup,
    put,
    require_openpyxl,
    thin_border,
)

if TYPE_CHECKING:
    from ipmeasures.policy.catalog import Catalog

HEADER_FIELDS = tuple(name for name in REPORT_FIELDS if name != "items")
INFO_FIELDS = ("title", "role")  # shown to help the unit, never read back
LIST_FIELDS = ("evidence", "ignore")
TEXT_LIKE = ("unit", "contact", "progress", "blocker", "reason", "approval", "next_steps", *LIST_FIELDS)

LABELS = {
    "unit": N_("报送单位"), "period": N_("报告期"), "submitted": N_("报送日期"), "contact": N_("联系人与电话"),
    "measure": N_("措施"), "task": N_("任务"), "item": N_("事项"), "title": N_("名称"), "role": N_("职责方式"),
    "status": N_("状态"), "progress": N_("进展"), "evidence": N_("佐证"), "blocker": N_("受阻原因"),
    "reason": N_("不适用理由"), "approval": N_("延期批准文号"), "new_date": N_("延期后完成日期"),
    "next_steps": N_("下一步打算"), "ignore": N_("豁免规则"),
}
COLUMNS = ("measure", "task", "title", "role", "status", "progress", "evidence", "blocker", "reason", "approval",
           "new_date", "next_steps", "ignore")
WIDTHS = {"measure": 9, "task": 9, "item": 14, "title": 40, "role": 18, "status": 10, "progress": 42, "evidence": 30,
          "blocker": 26, "reason": 26, "approval": 22, "new_date": 14, "next_steps": 30, "ignore": 16}
STATUS_HELP = {"not_started": N_("尚未开展。"), "in_progress": N_("正在推进：请填写进展。"),
               "completed": N_("已完成：请填写进展和佐证（文号、案件编号、链接）。"),
               "blocked": N_("受阻：请在“受阻原因”中写明卡在哪里、需要谁支持。"),
               "deferred": N_("延期：须经批准，请填写“延期批准文号”和“延期后完成日期”（YYYY-MM-DD）。"),
               "not_applicable": N_("不适用：请在“不适用理由”中写明原因。")}
# Other words people use for the same headers.
ALIASES = {"单位": "unit", "报送单位名称": "unit", "联系人": "contact", "联系方式": "contact",
           "措施编号": "measure", "任务编号": "task", "进展状态": "status", "进展情况": "progress",
           "佐证材料": "evidence", "下一步": "next_steps", "标题": "title"}
FIRST_HEADER_ROW = 3
MAX_ITEMS = 4_900  # the workbook reader reads 5,000 rows (excel_reader.MAX_ROWS): the header block fits above


class ConvertError(IpmError):
    """A report value a workbook cannot hold (a list where text belongs…); fix the YAML first."""


# --- writing -----------------------------------------------------------------------------------


def template_value(catalog: Catalog, unit: str, period: str) -> dict:
    """The empty report of `unit` as plain data: the same duties, in the same order, as the YAML template."""
    items = [{"item": duty.ref} if duty.kind == "item" else {duty.kind: duty.id} for duty in catalog.duties(unit)]
    return {"unit": unit, "period": period, "submitted": None, "contact": None, "items": items}


def write_template(catalog: Catalog, unit: str, period: str) -> bytes:
    """The .xlsx template of `unit` for `period`."""
    return write_report(template_value(catalog, unit, period), catalog)


def write_report(value: Any, catalog: Catalog | None = None) -> bytes:
    """A report (the plain value a YAML report loads as) as an .xlsx workbook.

    With `catalog`, each item's title and role are shown beside it (not read back). Canonical statuses
    are written as their Chinese labels, which the drop-down offers and the parser reads as the same
    status. ConvertError when the value has a shape a workbook cannot hold.
    """
    openpyxl = require_openpyxl()
    header, items, extra_columns = _layout(value)
    styles = openpyxl.styles
    workbook, ws = new_workbook(openpyxl, _("报告"))
    workbook.properties.creator = "ipm"
    columns = _columns(items, extra_columns)
    last = column_letter(len(columns))
    bold, border = styles.Font(bold=True), thin_border(openpyxl)
    wrap = styles.Alignment(wrap_text=True, vertical="top")
    unlocked = styles.Protection(locked=False)

    unit = header.get("unit")
    put(ws, 1, 1, _("{unit} {period} 落实情况报告").format(
        unit=unit if isinstance(unit, str) else "", period=_cell_value("period", header.get("period")) or ""))
    ws["A1"].font = styles.Font(bold=True, size=14)
    ws.merge_cells(f"A1:{last}1")
    put(ws, 2, 1, _("每项职责一行：状态从下拉列表选择，黄色单元格填写，灰色列已锁定；要求见“填写说明”工作表。"))
    ws.merge_cells(f"A2:{last}2")

    row = FIRST_HEADER_ROW
    for name, field_value in header.items():
        label = put(ws, row, 1, header_label(name) if name in LABELS else _extra_label(name))
        label.font, label.fill, label.border = bold, fill(openpyxl, LABEL_FILL), border
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=2)
        cell = put(ws, row, 3, _cell_value(name, field_value))
        cell.protection, cell.fill, cell.border, cell.alignment = unlocked, fill(openpyxl, INPUT_FILL), border, wrap
        if name == "submitted":
            cell.number_format = "yyyy-mm-dd"
            _date_validation(openpyxl, ws, cell.coordinate)
        elif name in TEXT_LIKE or name == "period":
            cell.number_format = "@"  # typed digits stay text: a telephone number keeps its leading 0
        row += 1

    table_row = row + 1
    for c, name in enumerate(columns, start=1):
        cell = put(ws, table_row, c, header_label(name) if name in LABELS else name)
        cell.font, cell.fill, cell.border = bold, fill(openpyxl, HEADER_FILL), border
        cell.alignment = styles.Alignment(wrap_text=True, vertical="center")
        ws.column_dimensions[column_letter(c)].width = WIDTHS.get(name, 16)
    ws.row_dimensions[table_row].height = 32
    duties = _duties_by_ref(catalog, unit)
    for index, item in enumerate(items):
        r = table_row + 1 + index
        info = _info(duties, item, catalog)
        for c, name in enumerate(columns, start=1):
            cell = put(ws, r, c, info.get(name) if name in INFO_FIELDS else _cell_value(name, item.get(name)))
            cell.border, cell.alignment = border, wrap
            if name in ("measure", "task", "item", *INFO_FIELDS):
                cell.fill = fill(openpyxl, LABEL_FILL)
                if name == "item":
                    cell.number_format = "@"  # (1), 二(三)2 and a bare 1 stay the text they are
            else:
                cell.protection = unlocked
                if name in TEXT_LIKE:
                    cell.number_format = "@"
    first_item, last_item = table_row + 1, table_row + max(len(items), 1)
    status_range = f"{column_letter(columns.index('status') + 1)}{first_item}:" \
                   f"{column_letter(columns.index('status') + 1)}{last_item}"
    _status_validation(openpyxl, ws, status_range)
    ws.freeze_panes = ws.cell(row=first_item, column=columns.index("role") + 1).coordinate
    # Printed: every column on one page across, the header row and the number and name columns on every page.
    print_setup(ws, title_rows=f"{table_row}:{table_row}", title_columns=f"A:{column_letter(columns.index('role'))}")
    # Locked number and title, unlocked answers; no password: the lock prevents slips, it is not security.
    ws.protection.sheet = True
    ws.protection.formatColumns = False
    ws.protection.formatRows = False
    _instructions(openpyxl, workbook)
    return workbook_bytes(workbook)


def _columns(items: list, extra_columns: list[str]) -> list[str]:
    """The item table's columns: 事项 (item) in place of 措施/任务 for a document whose items are named by
    reference, beside them when a report mixes both."""
    named = {key for item in items if isinstance(item, dict) for key in ("measure", "task", "item") if key in item}
    columns = list(COLUMNS)
    if "item" in named:
        at = columns.index("task") + 1
        columns[at:at] = ["item"]
        if not named & {"measure", "task"}:
            columns = [c for c in columns if c not in ("measure", "task")]
    return [*columns, *extra_columns]


def header_label(name: str) -> str:
    """`状态（status）`: the label people read, and the field name the reader keys on."""
    return _("{label}（{key}）").format(label=_(LABELS[name]), key=name)


_KEY_IN_BRACKETS = re.compile(r"[（(]\s*([A-Za-z_][A-Za-z0-9_]*)\s*[)）]\s*$")
_NAME_TWICE = re.compile(r"^(.+)[（(]\1[)）]$")  # 备注（备注）: how convert labels a field it has no label for


def field_named(text: Any, table: bool = False) -> str | None:
    """The field a header cell names, blanks ignored (people type 状 态); in the items table any other text
    is taken as a field name."""
    if not isinstance(text, str) or not text.strip():
        return None
    label = "".join(text.split())
    match = _KEY_IN_BRACKETS.search(label) or _NAME_TWICE.match(label)
    if match:
        return match.group(1)
    if label in REPORT_FIELDS + ITEM_FIELDS + INFO_FIELDS:
        return label
    for name, chinese in LABELS.items():
        if label == chinese:
            return name
    if label in ALIASES:
        return ALIASES[label]
    return text.strip() if table else None


def _extra_label(name: str) -> str:
    """How a field the layout has no label for is written: 备注（备注）."""
    return _("{label}（{key}）").format(label=name, key=name)


def _require_readable_name(name: str, written: str, table: bool) -> None:
    """A field whose written label would read back as another field (or none): u<TAB>nit is read as unit."""
    read = field_named(written, table)
    if read != name:
        raise ConvertError(_("字段名“{key}”写进工作簿后会读成{other}（工作簿按标签认字段，不计空白），无法转换："
                             "请先用 ipm check 修正字段名。").format(
            key=inert(name), other=_("“{key}”").format(key=read) if read else _("空白")))


def _layout(value: Any) -> tuple[dict, list[dict], list[str]]:
    """(header fields, items, extra item columns) of a report value; ConvertError for a shape a sheet can't hold."""
    if not isinstance(value, dict):
        raise ConvertError(_("报告最外层不是“字段: 值”的映射，无法转换：请先用 ipm check 修正。"))
    header = {name: value.get(name) for name in HEADER_FIELDS}
    header.update((key, field_value) for key, field_value in value.items()
                  if key not in REPORT_FIELDS and isinstance(key, str))
    for key in value:
        if not isinstance(key, str):
            raise ConvertError(_("字段名 {key} 不是文字，无法转换：请先用 ipm check 修正。").format(key=key))
    for name, field_value in header.items():
        _require_scalar(field_value, name)
        if name not in LABELS:
            _require_readable_name(name, _extra_label(name), table=False)
    items = value.get("items")
    if items is None:
        items = []
    if not isinstance(items, list):
        raise ConvertError(_("items 不是列表，无法转换：请先用 ipm check 修正。"))
    if len(items) > MAX_ITEMS:
        # Checked before a cell is written: a workbook of 100,000 rows takes hundreds of MB to build, and the
        # workbook reader would refuse it anyway.
        raise ConvertError(_("items 有 {n} 项，超过工作簿报告的上限 {limit} 项：一个单位承担的职责不会这么多，"
                             "请检查是否选错了文件。").format(n=len(items), limit=MAX_ITEMS))
    extra: list[str] = []
    for n, item in enumerate(items, start=1):
        if not isinstance(item, dict):
            raise ConvertError(_("items 第 {n} 项不是“字段: 值”的映射，无法转换：请先用 ipm check 修正。").format(n=n))
        for key, field_value in item.items():
            if not isinstance(key, str) or key in INFO_FIELDS:
                raise ConvertError(_("items 第 {n} 项的字段“{key}”无法放入工作簿：请先用 ipm check 修正。").format(
                    n=n, key=key))
            if key in LIST_FIELDS and isinstance(field_value, list):
                for entry in field_value:
                    _require_scalar(entry, f"items.{n - 1}.{key}")
            else:
                _require_scalar(field_value, f"items.{n - 1}.{key}")
            if key not in ITEM_FIELDS and key not in extra:
                _require_readable_name(key, key, table=True)
                extra.append(key)
    return header, items, extra


def _require_scalar(value: Any, where: str) -> None:
    if isinstance(value, (list, dict)):
        raise ConvertError(_("{field} 是列表或映射，单元格放不下：请先用 ipm check 修正（应写成文字）。").format(
            field=where))


def _cell_value(name: str, value: Any) -> Any:
    """What a cell holds for a field's value."""
    if value is None:
        return None
    if name in TEXT_LIKE and isinstance(value, dt.date):
        return value.isoformat(sep=" ") if isinstance(value, dt.datetime) else value.isoformat()  # as written
    if isinstance(value, dt.datetime) and value.tzinfo is not None:
        # Excel has no time zones: keep the wall time as written, whose date is the one the checker reads.
        return value.replace(tzinfo=None)
    if name == "status" and value in STATUSES:
        return STATUS_LABELS[value]
    if name in LIST_FIELDS and isinstance(value, list):
        return "\n".join(str(entry) for entry in value if entry is not None) or None
    if name == "period" and isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return value


def _duties_by_ref(catalog: Catalog | None, unit: Any) -> dict:
    if catalog is None or not isinstance(unit, str):
        return {}
    try:
        resolved = catalog.resolve_unit(unit)
    except IpmError:
        return {}
    duties: dict = {}
    for duty in catalog.duties(resolved):
        duties.setdefault((duty.kind, duty.id), duty)
    return duties


def _info(duties: dict, item: dict, catalog: Catalog | None = None) -> dict:
    """The title and role of an item's duty, for the locked columns; empty when it is not the unit's."""
    keys: list[tuple[str, int | None] | None] = []
    for kind in ("measure", "task"):
        raw = item.get(kind)
        keys.append((kind, parse_number(raw) if isinstance(raw, (int, str)) else None))
    if catalog is not None and isinstance(item.get("item"), (int, str)):
        keys.append(catalog.resolve_ref(str(item["item"])))
    for key in keys:
        duty = duties.get(key)
        if duty is not None:
            role = role_label(duty.role, duty.role_words)
            if duty.via:
                role = _("{role}（经{group}）").format(role=role, group=duty.via)
            role += deadline_note(duty)
            return {"title": " ".join(duty.title.split()), "role": role}
    return {}


def _status_validation(openpyxl: Any, ws: Any, cells: str) -> None:
    from openpyxl.formatting.rule import CellIsRule
    from openpyxl.worksheet.datavalidation import DataValidation

    labels = ",".join(STATUS_LABELS.values())
    validation = DataValidation(type="list", formula1=f'"{labels}"', allow_blank=True,
                                showErrorMessage=True, errorTitle=_("状态"),
                                error=_("请从下拉列表中选择：{labels}").format(labels=join_names(STATUS_LABELS.values())),
                                promptTitle=_("状态"), prompt=_("从下拉列表中选择进展状态"), showInputMessage=True)
    ws.add_data_validation(validation)
    validation.add(cells)
    for status, label in STATUS_LABELS.items():
        ws.conditional_formatting.add(cells, CellIsRule(operator="equal", formula=[f'"{label}"'],
                                                        fill=fill(openpyxl, STATUS_FILLS[status])))


def _date_validation(openpyxl: Any, ws: Any, cell: str) -> None:
    from openpyxl.worksheet.datavalidation import DataValidation

    validation = DataValidation(type="date", operator="greaterThan", formula1="36526", allow_blank=True,
                                showErrorMessage=True, error=_("请填写日期，例如 2022-07-05。"),
                                prompt=_("报送日期，例如 2022-07-05"), showInputMessage=True)
    ws.add_data_validation(validation)
    validation.add(cell)


def _instructions(openpyxl: Any, workbook: Any) -> None:
    sheet = workbook.create_sheet(_("填写说明"))
    bold = openpyxl.styles.Font(bold=True)
    rows = [(_("状态"), _("含义与要求"))]
    rows += [(status_label(status), _(STATUS_HELP[status])) for status in STATUSES]
    rows += [
        ("", ""),
        (_("佐证"), _("每行一条，或以“；”分隔。")),
        (_("豁免规则"), _("少用：本项豁免的检查规则编号（见 ipm rules），理由写在进展中。")),
        (_("检查"), _("ipm check 本文件.xlsx（与 YAML 报告的检查完全相同）；ipm convert 本文件.xlsx -o 本文件.yaml 可转为 YAML。")),
    ]
    for r, (label, text) in enumerate(rows, start=1):
        put(sheet, r, 1, label).font = bold
        put(sheet, r, 2, text)
    sheet["B1"].font = bold
    sheet.column_dimensions["A"].width = 12
    sheet.column_dimensions["B"].width = 90
