"""Tables of many rows, written fast: each body row as the XML text of its sheet, spliced in when saved.

openpyxl makes every cell an object, styles it attribute by attribute and serialises it through lxml: about
40 µs a cell, 20 s for the 100,000 rows of a large `ipm diff`. A `StreamedTable` lets openpyxl write what
it does well -- the header row, column widths, frozen panes, filters, print setup, the styles part and the
document properties -- and writes its body rows itself: each row as `<row>` text to a temporary file (memory
does not grow with the rows), each cell naming one of the few cell formats the table registered with the
workbook once. `workbook_bytes()` saves the workbook, then copies it into a new zip, each table's rows
inserted at the end of its sheet's `<sheetData>`.

The cells are what `workbook.xlsx.put` makes: text stored as inline strings, made XML-safe the same way
(`safe_text`); text a spreadsheet would take for a formula kept as text with Excel's quote prefix; numbers as
numbers; every cell wrapped, top-aligned and bordered; a status cell filled with its colour.
"""

from __future__ import annotations

import io
import math
import shutil
import tempfile
import weakref
import zipfile
from collections.abc import Sequence
from typing import IO, Any

from ipmeasures.escaping import formula_like
from ipmeasures.workbook.xlsx import (
    HEADER_FILL,
    STATUS_FILLS,
    column_letter,
    data_cell,
    display_width,
    fill,
    print_setup,
    safe_text,
    thin_border,
)

CELL_TEXT_MAX = 32767  # Excel's limit on a cell's text; openpyxl cuts longer text there too
SHEET_ROWS = 1_048_576  # the most rows a sheet can have in Excel, WPS and LibreOffice: a longer one is refused
_SPOOL_BUFFER = 1 << 20
_EXACT_INT = 2**53  # a spreadsheet number is a double: a larger integer is kept exact as text

# The tables of each workbook whose rows wait in a spool, for workbook_bytes() to splice in.
_TABLES: weakref.WeakKeyDictionary[Any, list[StreamedTable]] = weakref.WeakKeyDictionary()


class StreamedTable:
    """A table in a sheet: a bold, filled, frozen header with filters (written by openpyxl), then body rows
    appended one at a time to a spool, wrapped and bordered, status cells coloured, cells data never formulas.

    Column widths are `widths` or, without it, measured from the header and the rows as they are appended
    (each as wide as its longest cell, at least 6 and at most `max_width`): the header, the widths and the
    rest of the sheet's set-up go to openpyxl at `close()`, after the last row, so the rows are read once.
    The sheet may belong to a write-only workbook or an ordinary one; nothing else may be written into it,
    and its rows reach the file only through `workbook_bytes()`.
    """

    def __init__(self, openpyxl: Any, ws: Any, headers: Sequence[str], widths: Sequence[int] | None = None, *,
                 freeze_columns: int = 0, max_width: int = 60) -> None:
        self.openpyxl, self.ws, self.headers, self.columns = openpyxl, ws, list(headers), len(headers)
        self.widths = list(widths) if widths is not None else None
        self.measured = [display_width(h) + 2 for h in headers]
        self.freeze_columns, self.max_width = freeze_columns, max_width
        self.border = thin_border(openpyxl)
        self.wrap = openpyxl.styles.Alignment(wrap_text=True, vertical="top")
        self.rows = 1  # the header's
        self.left_out = 0  # rows past what a sheet can hold: counted, said in the last row
        self.letters = [column_letter(c) for c in range(1, len(headers) + 1)]
        self.formats: dict[tuple[str | None, bool], str] = {}
        # open until workbook_bytes() copies it into the file (a context manager cannot span the two)
        self.spool: IO[bytes] = tempfile.TemporaryFile(buffering=_SPOOL_BUFFER)  # noqa: SIM115
        _TABLES.setdefault(ws.parent, []).append(self)

    def _format(self, status: str | None, quoted: bool) -> str:
        """The workbook's index (`s="…"`) of a body cell's format: wrapped, bordered, maybe filled and quoted.

        Registered through openpyxl once per kind, so the styles part lists it as for any styled cell."""
        key = (status, quoted)
        if key not in self.formats:
            cell = self.openpyxl.cell.WriteOnlyCell(self.ws)
            cell.alignment, cell.border = self.wrap, self.border
            if status is not None:
                cell.fill = fill(self.openpyxl, STATUS_FILLS[status])
            if quoted:
                cell.quotePrefix = True
            self.formats[key] = str(cell.style_id)
        return self.formats[key]

    def append(self, values: Sequence[Any], status: tuple[int, str | None] | None = None) -> None:
        """One row; `status` = (0-based column, STATUS_FILLS key) colours that cell. Past the rows a sheet can
        hold (the last kept for saying so), a row is only counted."""
        if self.rows >= SHEET_ROWS - 1:
            self.left_out += 1
            return
        self._write_row(values, status)

    def _write_row(self, values: Sequence[Any], status: tuple[int, str | None] | None = None) -> None:
        self.rows += 1
        number = str(self.rows)
        parts = [f'<row r="{number}">']
        if self.widths is None:
            self._measure(values)
        for c, value in enumerate(values):
            key = status[1] if status is not None and status[0] == c and status[1] in STATUS_FILLS else None
            parts.append(self._cell(self.letters[c] + number, value, key))
        parts.append("</row>")
        self.spool.write("".join(parts).encode("utf-8"))

    def _measure(self, values: Sequence[Any]) -> None:
        measured, limit = self.measured, self.max_width
        for c, value in enumerate(values):
            if value is not None and measured[c] < limit:
                measured[c] = max(measured[c], display_width(value, limit=limit) + 2)

    def _cell(self, ref: str, value: Any, status: str | None) -> str:
        if value is None or value == "" or (isinstance(value, float) and not math.isfinite(value)):
            return f'<c r="{ref}" s="{self._format(status, False)}"/>'
        if isinstance(value, bool):
            return f'<c r="{ref}" s="{self._format(status, False)}" t="b"><v>{int(value)}</v></c>'
        if isinstance(value, float) or (isinstance(value, int) and abs(value) <= _EXACT_INT):
            return f'<c r="{ref}" s="{self._format(status, False)}" t="n"><v>{value:.16g}</v></c>'
        text = safe_text(str(value))[:CELL_TEXT_MAX]
        style = self._format(status, formula_like(text))
        space = ' xml:space="preserve"' if text != text.strip() else ""
        text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\r", "&#13;")
        return f'<c r="{ref}" s="{style}" t="inlineStr"><is><t{space}>{text}</t></is></c>'

    def close(self) -> None:
        """Write the sheet's set-up and header, and set the filter over the rows (after the last `append`)."""
        if self.left_out:
            from ipmeasures.i18n import _

            left_out, self.left_out = self.left_out, 0
            self._write_row([_("另有 {n} 行未写入：一个工作表最多 {limit} 行。要全部内容，请改用 csv 或 json 格式。").format(
                n=f"{left_out:,}", limit=f"{SHEET_ROWS:,}")] + [None] * (self.columns - 1))
        ws, styles = self.ws, self.openpyxl.styles
        widths = self.widths or [max(6, min(width, self.max_width)) for width in self.measured]
        for c, width in enumerate(widths, start=1):
            ws.column_dimensions[column_letter(c)].width = width
        ws.freeze_panes = f"{column_letter(self.freeze_columns + 1)}2"
        print_setup(ws, title_rows="1:1", title_columns=f"A:{column_letter(max(self.freeze_columns, 1))}")
        header = []
        for text in self.headers:
            cell = data_cell(self.openpyxl, ws, text)
            cell.font, cell.fill, cell.border = styles.Font(bold=True), fill(self.openpyxl, HEADER_FILL), self.border
            cell.alignment = styles.Alignment(wrap_text=True, vertical="center")
            header.append(cell)
        ws.append(header)
        ws.auto_filter.ref = f"A1:{column_letter(self.columns)}{self.rows}"


def workbook_bytes(workbook: Any) -> bytes:
    """The workbook as the bytes of an .xlsx file, each StreamedTable's rows in its sheet."""
    out = io.BytesIO()
    workbook.save(out)
    tables = {table.ws.path.lstrip("/"): table for table in _TABLES.pop(workbook, [])}
    if not tables:
        return out.getvalue()
    spliced = io.BytesIO()
    with zipfile.ZipFile(out) as source, zipfile.ZipFile(spliced, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            table = tables.get(info.filename)
            if table is None:
                target.writestr(info, data)
                continue
            _splice(target, info, data, table)
    return spliced.getvalue()


def _splice(target: zipfile.ZipFile, info: zipfile.ZipInfo, data: bytes, table: StreamedTable) -> None:
    """The sheet part `data` with the table's spooled rows at the end of its sheetData."""
    end = data.find(b"</sheetData>")
    if end < 0:  # no row at all: `<sheetData/>`
        empty = data.index(b"<sheetData/>")
        head, tail = data[:empty] + b"<sheetData>", b"</sheetData>" + data[empty + len(b"<sheetData/>"):]
    else:
        head, tail = data[:end], data[end:]
    # An ordinary sheet states its extent (a write-only one does not): the rows spliced in are part of it.
    start = head.find(b"<dimension ")
    if start >= 0:
        stop = head.index(b"/>", start) + 2
        extent = f'<dimension ref="A1:{column_letter(max(table.columns, 1))}{table.rows}"/>'.encode()
        head = head[:start] + extent + head[stop:]
    table.spool.flush()
    size = table.spool.tell()
    table.spool.seek(0)
    part = zipfile.ZipInfo(info.filename, date_time=info.date_time)
    part.compress_type = zipfile.ZIP_DEFLATED
    with target.open(part, "w", force_zip64=len(head) + size + len(tail) > zipfile.ZIP64_LIMIT // 2) as stream:
        stream.write(head)
        shutil.copyfileobj(table.spool, stream, _SPOOL_BUFFER)
        stream.write(tail)
    table.spool.close()

