"""Reading a workbook report: an .xlsx file -> the `LoadedYaml` the YAML reader gives.

The value is the plain report (`unit`, `period`, …, `items`) and the marks are (row, column), so
`parse_report` and every rule run on a workbook unchanged, and `Finding.cell` can name the cell. The
reader finds each part by its label, never by its position (the layout is in `excel`): a header is
recognised by the field name in its brackets (状态（status）), by the bare field name, or by its Chinese
label; in the items table a column with any other header is passed on as a field of that name, so the
parser reports it exactly as it reports an unknown key in YAML. A missing value is marked at the cell
where it belongs.

Workbooks are untrusted input: the file size is bounded like a YAML report's, the archive is checked
and its XML parsed by `xlsx_guard` (defusedxml, bounded counts) before openpyxl opens it, and rows and
columns are read only up to fixed limits. With defusedxml installed openpyxl parses through it too.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import warnings
from collections.abc import Iterator
from typing import Any

from ipmeasures.errors import SourceError
from ipmeasures.escaping import shorten
from ipmeasures.i18n import _
from ipmeasures.sources.files import read_bounded, too_large
from ipmeasures.sources.workbook_guard import check_archive
from ipmeasures.sources.yamldoc import DEFAULT_MAX_BYTES, LoadedYaml, Mark
from ipmeasures.workbook.layout import HEADER_FIELDS, INFO_FIELDS, LIST_FIELDS, TEXT_LIKE, field_named
from ipmeasures.workbook.xlsx import cell_ref, require_openpyxl

_SPLIT_LIST = re.compile(r"[\r\n；]+")
_SPLIT_IGNORE = re.compile(r"[\r\n；;,，、]+")

MAX_ROWS = 5_000  # a unit carries a few dozen duties
MAX_COLUMNS = 64


def read_workbook(path: str, data: bytes | None = None, *, max_bytes: int = DEFAULT_MAX_BYTES) -> LoadedYaml:
    """Read a workbook report as a `LoadedYaml` (marks are (row, column)); SourceError when it cannot be."""
    openpyxl = require_openpyxl()
    if data is None:
        data = read_bounded(path, max_bytes)
    elif len(data) > max_bytes:
        raise too_large(path, len(data), max_bytes)
    check_archive(path, data)
    try:
        with warnings.catch_warnings():
            # Workbooks from WPS or old Excel make openpyxl warn about parts it skips; nothing we read.
            warnings.simplefilter("ignore")
            # data_only=False: a formula is seen as a formula, never as the cached value the file claims.
            workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=False, keep_links=False)
            try:
                sheets = [(ws.title, ws.sheet_state, _rows(path, ws)) for ws in workbook.worksheets]
            finally:
                workbook.close()
    except SourceError:
        raise
    except Exception as exc:  # noqa: BLE001 - a damaged or foreign file: zip, XML or openpyxl errors of every kind
        raise SourceError(_("无法按 Excel 工作簿（.xlsx）读取（{error}）：文件可能已损坏，或不是 .xlsx 格式"
                            "（.xls、.et 请先另存为 .xlsx）。").format(error=type(exc).__name__), path) from None
    title, rows = _report_sheet(path, sheets)
    return _Reader(path, title, rows).read()


REPORT_SHEETS = ("报告", "Report")  # the template's sheet, as ipm names it in Chinese and in English


def _report_sheet(path: str, sheets: list[tuple[str, str, list[tuple]]]) -> tuple[str, list[tuple]]:
    """The sheet to read: the one named as the template names it, else the first visible one with a report.

    What Excel shows is what is read: a hidden (or "very hidden", which Excel's menus cannot unhide)
    sheet is never read instead of a visible one, and a report sheet that is hidden is refused.
    """
    named = [sheet for sheet in sheets if sheet[0].strip() in REPORT_SHEETS]
    candidates = named or [sheet for sheet in sheets if _table_row(sheet[2]) is not None] or [
        sheet for sheet in sheets if any(field_named(row[0]) in HEADER_FIELDS for row in sheet[2] if row)]
    visible = [sheet for sheet in candidates if sheet[1] == "visible"]
    if visible:
        return visible[0][0], visible[0][2]
    if candidates:
        title, state = candidates[0][:2]
        raise SourceError(_("报告所在的工作表“{sheet}”是隐藏的（{state}）：打开文件的人看不到它，ipm 不读取看不见的"
                            "内容。请取消隐藏该工作表并核对其内容，或把报告填在可见的工作表里。").format(
            sheet=title, state=state), path)
    raise SourceError(_("工作簿里找不到报告：没有“状态（status）”“措施（measure）”等表头。请用 "
                        "ipm template 单位名 --format xlsx 生成模板后填写。"), path)


class Formula:
    """A formula cell's text (=A1+1): refused where a report value belongs, since its cached value may not
    be what Excel shows (and ipm never evaluates it)."""

    __slots__ = ("text",)

    def __init__(self, text: Any) -> None:
        self.text = text if isinstance(text, str) else str(getattr(text, "text", "") or "=")


def _rows(path: str, ws: Any) -> list[tuple]:
    rows = [tuple(Formula(cell.value) if cell.data_type == "f" else cell.value for cell in row)
            for row in ws.iter_rows(min_row=1, max_row=MAX_ROWS + 1, max_col=MAX_COLUMNS)]
    while rows and all(value is None for value in rows[-1]):
        rows.pop()
    if len(rows) > MAX_ROWS:
        raise SourceError(_("工作表“{sheet}”超过 {limit} 行，远多于正常的报告：请检查是否选错了文件。").format(
            sheet=ws.title, limit=MAX_ROWS), path)
    return rows


def _table_row(rows: list[tuple]) -> int | None:
    """0-based index of the items table header: the first row that names a status and a measure, task or item."""
    for index, row in enumerate(rows):
        keys = {field_named(value) for value in row}
        if "status" in keys and keys & {"measure", "task", "item"}:
            return index
    return None


class _Reader:
    """One sheet's rows -> LoadedYaml: the header block above the items table, then one item per row."""

    def __init__(self, path: str, sheet: str, rows: list[tuple]) -> None:
        self.path, self.sheet, self.rows = path, sheet, rows
        self.marks: dict[tuple, Mark] = {(): (1, 1)}
        self.key_marks: dict[tuple, Mark] = {}
        self.loaded = LoadedYaml(path=path, value=None, marks=self.marks, key_marks=self.key_marks, encoding="xlsx",
                                 lines=len(rows), sheet=sheet)

    def error(self, message: str, row: int, column: int) -> SourceError:
        where = cell_ref(self.sheet, row, column)
        return SourceError(_("{cell}：{message}").format(cell=where, message=message), self.path, row, column)

    def formula(self, cell: Formula, field: str, row: int, column: int) -> SourceError:
        error = self.error(_("这里是公式（{formula}），不是填写的内容：公式的值取决于其他单元格，文件里保存的结果"
                             "也可能与 Excel 显示的不同，ipm 不读取公式。请把它换成要报送的文字或数字"
                             "（复制后“选择性粘贴 → 数值”）。").format(formula=_short(cell.text)), row, column)
        error.field = field
        return error

    def read(self) -> LoadedYaml:
        table = _table_row(self.rows)
        value: dict = {}
        for index, row in enumerate(self.rows[:table] if table is not None else self.rows):
            self.header_field(value, index + 1, row)
        if table is not None:
            value["items"] = list(self.items(table))
        self.loaded.value = value
        return self.loaded

    def header_field(self, value: dict, r: int, row: tuple) -> None:
        key = field_named(row[0]) if row else None
        if key is None:
            return
        if key in value:
            raise self.error(_("重复的字段“{key}”：每个字段只能写一行。请删除多余的一行。").format(key=key), r, 1)
        column = next((c for c, cell in enumerate(row[1:], start=2) if cell is not None), None)
        cell = row[column - 1] if column else None
        if isinstance(cell, Formula):
            raise self.formula(cell, key, r, column or 3)
        value[key] = _coerce(key, cell)
        mark = (r, column or 3)
        self.marks[(key,)] = mark
        self.key_marks[(key,)] = mark  # a missing value is pointed at where it belongs

    def items(self, table: int) -> Iterator[dict]:
        marks, key_marks = self.marks, self.key_marks
        header_row = table + 1
        columns: dict[int, str] = {}
        for c, text in enumerate(self.rows[table], start=1):
            key = field_named(text, table=True)
            if key is None:
                continue
            if key in columns.values():
                raise self.error(_("重复的列“{key}”：每个字段只能有一列。请删除多余的一列。").format(key=key),
                                 header_row, c)
            columns[c] = key
        key_marks[("items",)] = (header_row, 1)
        marks[("items",)] = (header_row + 1, 1) if len(self.rows) > table + 1 else (header_row, 1)
        index = 0
        for r, row in enumerate(self.rows[table + 1:], start=header_row + 1):
            cells = {c: row[c - 1] for c in columns if c - 1 < len(row) and not _blank(row[c - 1])}
            if not cells:
                continue
            path = ("items", index)
            marks[path] = (r, 1)
            item: dict = {}
            for c, key in columns.items():
                marks[path + (key,)] = key_marks[path + (key,)] = (r, c)
                if key in INFO_FIELDS or c not in cells:
                    continue
                if isinstance(cells[c], Formula):
                    raise self.formula(cells[c], f"items.{index}.{key}", r, c)
                item[key] = _coerce(key, cells[c])
                if key in LIST_FIELDS and isinstance(item[key], list):
                    for k in range(len(item[key])):
                        marks[path + (key, k)] = (r, c)
            yield item
            index += 1


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and value == "")


def _coerce(key: str, value: Any) -> Any:
    """A cell's value as the YAML reader would have given it for this field."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # Excel stores every number as a float
    if isinstance(value, dt.datetime) and value.time() == dt.time(0) and value.tzinfo is None:
        value = value.date()  # a date cell
    if value is not None and not isinstance(value, (str, int, float, bool, dt.date)):
        value = str(value)  # a time, an error value: keep what the cell shows
    if key in TEXT_LIKE and not isinstance(value, (str, bool)) and value is not None:
        value = value.isoformat() if isinstance(value, dt.date) else str(value)  # typed as a number, meant as text
    if key in LIST_FIELDS and isinstance(value, str):
        splitter = _SPLIT_IGNORE if key == "ignore" else _SPLIT_LIST
        return [entry.strip() for entry in splitter.split(value) if entry.strip()]
    return value


def _short(text: str, limit: int = 40) -> str:
    return shorten(text, limit)

