"""Workbook plumbing every .xlsx writer and reader shares: the optional openpyxl, cell safety, styles.

openpyxl is an optional extra (`pip install 'ipmeasures[excel]'`). No module imports it at import time:
`require_openpyxl()` imports it when a workbook is actually read or written, and turns its absence into
a `MissingExtraError` (exit 2) that says which extra to install. The helpers below take the module it
returns, so this module itself never imports openpyxl either.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from typing import Any

from ipmeasures.errors import MissingExtraError
from ipmeasures.i18n import _
from ipmeasures.lazyre import lazy

EXTRA = "excel"
SUFFIX = ".xlsx"

# Fills shared by the report workbook, the ledger and the check results: a status is never shown by
# colour alone (every coloured cell carries its text label), so a black-and-white print still reads.
STATUS_FILLS = {
    "completed": "C6EFCE",  # green
    "in_progress": "FFEB9C",  # amber
    "not_started": "E7E6E6",  # grey
    "blocked": "FFC7CE",  # red
    "deferred": "FFE0B2",  # orange-beige: an approved delay
    "not_applicable": "DDEBF7",  # blue
    "missing_item": "F8CBAD",  # orange: the report leaves this duty out
    "not_reported": "F4B084",  # dark orange: no report from the unit for the period
    "invalid": "FFC7CE",
    "error": "FFC7CE",  # finding severities
    "warning": "FFEB9C",
}
HEADER_FILL = "D9E1F2"
PAPERSIZE_A4 = "9"  # openpyxl's Worksheet.PAPERSIZE_A4, which a write-only sheet does not have
INPUT_FILL = "FFF9E5"  # cells a unit fills in
LABEL_FILL = "F2F2F2"

_PLAIN_SHEET = lazy(globals(), "_PLAIN_SHEET", r"^\w+$")
SHEET_NAME_MAX = 31
_SHEET_FORBIDDEN = lazy(globals(), "_SHEET_FORBIDDEN", r"[\[\]:*?/\\]")


def require_openpyxl() -> Any:
    """The openpyxl module; MissingExtraError (exit 2) naming the extra to install when it is absent."""
    try:
        import openpyxl
    except ImportError:
        raise MissingExtraError(_(
            "读写 Excel 工作簿（.xlsx）需要可选组件 openpyxl：请运行 pip install 'ipmeasures[{extra}]'"
            "（或 pip install openpyxl）后重试。其他命令与 YAML 报告不受影响。").format(extra=EXTRA)) from None
    return openpyxl


def is_xlsx(path: str) -> bool:
    return path.lower().endswith(SUFFIX)


def column_letter(column: int) -> str:
    """1 -> A, 26 -> Z, 27 -> AA (Excel's column names)."""
    letters = ""
    while column > 0:
        column, rest = divmod(column - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def cell_ref(sheet: str, row: int, column: int | None) -> str:
    """`报告!E9`; the sheet quoted as Excel quotes it when its name has spaces or punctuation."""
    name = sheet if _PLAIN_SHEET.match(sheet) else "'" + sheet.replace("'", "''") + "'"
    return f"{name}!{column_letter(column)}{row}" if column else f"{name}!{row}:{row}"


def sheet_title(text: str) -> str:
    """A legal, unique-enough sheet name: Excel forbids []:*?/\\ and more than 31 characters."""
    return _SHEET_FORBIDDEN.sub("_", text).strip("'")[:SHEET_NAME_MAX] or "Sheet"


def safe_text(value: str) -> str:
    """Text openpyxl can store: characters XML forbids written out visibly, as every output writes them
    (escaping.xml_text: ESC -> `\\x1b`), never replaced by U+FFFD or dropped."""
    from ipmeasures.escaping import xml_text

    return xml_text(value)


def put(ws: Any, row: int, column: int, value: Any) -> Any:
    """Write a value into a cell as data, never as a formula: report and data text is untrusted ("=HYPERLINK(…)").

    Text a spreadsheet would take for a formula (escaping.formula_like) is stored as a string with Excel's
    quote prefix, as when a user types '=2+5: it shows as typed and stays text when re-exported as CSV.
    """
    if isinstance(value, str):
        value = safe_text(value)
    return _as_data(ws.cell(row=row, column=column, value=value), value)


def data_cell(openpyxl: Any, ws: Any, value: Any) -> Any:
    """A cell of a write-only sheet holding `value` as data, never as a formula (see `put`)."""
    if isinstance(value, str):
        value = safe_text(value)
    return _as_data(openpyxl.cell.WriteOnlyCell(ws, value=value), value)


def _as_data(cell: Any, value: Any) -> Any:
    """A cell holding `value` (safe_text already) made text, never a formula (see `put`)."""
    from ipmeasures.escaping import formula_like

    if isinstance(value, str) and (cell.data_type == "f" or formula_like(value)):
        cell.data_type = "s"
        cell.quotePrefix = True
    return cell


def display_width(text: object, limit: int | None = None) -> int:
    """Columns a text needs in a spreadsheet: CJK and full-width characters count two.

    With `limit`, any width of at least `limit` may come back as just that (a column is never wider), so
    only the first `limit` characters of a line are measured: a long cell costs no more than a short one."""
    longest = 0
    for line in str(text).splitlines() or [""]:
        if limit is not None:
            line = line[:limit]
        if line.isascii():
            width = len(line)
        else:
            width = sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in line)
        longest = max(longest, width)
    return longest


def fill(openpyxl: Any, color: str) -> Any:
    return openpyxl.styles.PatternFill("solid", start_color=color, end_color=color)


def thin_border(openpyxl: Any) -> Any:
    side = openpyxl.styles.Side(style="thin", color="BFBFBF")
    return openpyxl.styles.Border(left=side, right=side, top=side, bottom=side)


def print_setup(ws: Any, *, title_rows: str | None = None, title_columns: str | None = None,
                fit_width: bool = True) -> None:
    """A4 landscape; with `fit_width` every column on one page across (as many pages down as needed);
    `title_rows` ("1:2") and `title_columns` ("A:D") repeat on every printed page, so a page that shows
    only some rows or columns still says what they are."""
    ws.page_setup.paperSize = PAPERSIZE_A4
    ws.page_setup.orientation = "landscape"
    if fit_width:
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0  # 0: as many pages down as the rows need
    if title_rows:
        ws.print_title_rows = title_rows
    if title_columns:
        ws.print_title_cols = title_columns


def write_facts(openpyxl: Any, ws: Any, facts: Iterable[tuple[str, str]], notes: Iterable[str] = ()) -> None:
    """A two-column sheet of label / value lines, then notes: the parts of a view that are not tables."""
    bold = openpyxl.styles.Font(bold=True)
    wrap = openpyxl.styles.Alignment(wrap_text=True, vertical="top")
    row = 0
    for row, (label, value) in enumerate(facts, start=1):
        put(ws, row, 1, label).font = bold
        put(ws, row, 2, value).alignment = wrap
    for note in notes:
        row += 1
        put(ws, row, 1, note)
    ws.column_dimensions["A"].width = 18
    ws.column_dimensions["B"].width = 80


def write_facts_streamed(openpyxl: Any, ws: Any, facts: Iterable[tuple[str, str]], notes: Iterable[str] = ()) -> None:
    """`write_facts` for a sheet of a write-only workbook."""
    bold = openpyxl.styles.Font(bold=True)
    wrap = openpyxl.styles.Alignment(wrap_text=True, vertical="top")
    ws.column_dimensions["A"].width = 18
    ws.column_dimensions["B"].width = 80

    for label, value in facts:
        first, second = data_cell(openpyxl, ws, label), data_cell(openpyxl, ws, value)
        first.font, second.alignment = bold, wrap
        ws.append([first, second])
    for note in notes:
        ws.append([data_cell(openpyxl, ws, note)])


def new_workbook(openpyxl: Any, title: str, identifier: str | None = None, *,
                 streamed: bool = False) -> tuple[Any, Any]:
    """A workbook whose first sheet is named `title`; (workbook, sheet).

    `identifier` (destination.WORKBOOK_IDS) marks an output a later run may replace without --force; a
    report workbook gets none. `streamed`: openpyxl's write-only workbook, whose sheets take rows only by
    `append` (`workbook.rows.StreamedTable`) and keep none of them in memory; save it with
    `workbook.rows.workbook_bytes`.
    """
    workbook = openpyxl.Workbook(write_only=streamed)
    workbook.properties.creator = "ipm"
    if identifier is not None:
        workbook.properties.identifier = identifier
    if streamed:
        return workbook, workbook.create_sheet(sheet_title(title))
    sheet = workbook.active
    sheet.title = sheet_title(title)
    return workbook, sheet

