"""Tables written row by row as sheet XML (workbook/rows.py): what a spreadsheet reads back from them.

Every expectation is a property the module docstring promises for each cell (as `workbook.xlsx.put` and the
table styles make it), checked by reading the saved bytes with openpyxl, once as an ordinary workbook and once
in read-only mode (which trusts a sheet's stated extent), for a write-only workbook and an ordinary one.
"""

from __future__ import annotations

import io
import math
import re
import zipfile

import pytest

openpyxl = pytest.importorskip("openpyxl")

from ipmeasures.workbook.rows import StreamedTable, workbook_bytes
from ipmeasures.workbook.xlsx import new_workbook, require_openpyxl

GREY_BORDER = "00BFBFBF"
HEADER_BLUE = "00D9E1F2"
ERROR_RED = "00FFC7CE"


def table_book(rows, *, streamed=True, widths=None, statuses=None, freeze_columns=0):
    """A workbook with one table (headers a, b, c) of `rows`, saved and read back: (book, sheet)."""
    module = require_openpyxl()
    book, sheet = new_workbook(module, "表", "ipm test", streamed=streamed)
    table = StreamedTable(module, sheet, ["a", "b", "c"], widths, freeze_columns=freeze_columns)
    for index, row in enumerate(rows):
        table.append(row, status=(statuses or {}).get(index))
    table.close()
    data = workbook_bytes(book)
    back = openpyxl.load_workbook(io.BytesIO(data))
    return back, back["表"], data


@pytest.mark.parametrize("streamed", [True, False])
def test_values_come_back_as_written(streamed):
    long = "长" * 40000
    rows = [["text", 12, 2.5], [None, "", True], ["  leading and trailing  ", "a & <b> \"c\"", "行一\r\n行二"],
            [2**53, 2**60, math.nan], ["\x1b[31m红", long, -7]]
    _book, sheet, _data = table_book(rows, streamed=streamed)
    got = list(sheet.iter_rows(min_row=2, values_only=True))
    assert got[0] == ("text", 12, 2.5)
    assert got[1] == (None, None, True)
    # whitespace at the ends, XML's specials and a CR are the text's own (xml:space, escaping, &#13;)
    assert got[2] == ("  leading and trailing  ", "a & <b> \"c\"", "行一\r\n行二")
    # 2**53 is still exact as a double; a larger integer stays exact as text; NaN, which no cell holds, is blank
    assert got[3] == (2**53, str(2**60), None)
    # control characters XML forbids are written out visibly; text is cut at Excel's 32,767 characters
    assert got[4][0] == "\\x1b[31m红" and got[4][1] == "长" * 32767 and got[4][2] == -7
    types = [[c.data_type for c in row] for row in sheet.iter_rows(min_row=2)]
    assert types[0] == ["s", "n", "n"] and types[3][:2] == ["n", "s"]


@pytest.mark.parametrize("streamed", [True, False])
@pytest.mark.parametrize("text", ["=1+1", "=HYPERLINK(\"http://x\",\"y\")", "+1", "-2", "@SUM(A1)", " =1", "\u3000＝1",
                                  "\tx", "\rx"])
def test_formula_like_text_stays_text_with_the_quote_prefix(streamed, text):
    _book, sheet, _data = table_book([[text, "plain", 1]], streamed=streamed)
    cell, plain = sheet["A2"], sheet["B2"]
    assert cell.value == text and cell.data_type == "s" and cell.quotePrefix
    assert not plain.quotePrefix
    # quoted or not, the cell keeps the table's look
    assert cell.alignment.wrap_text and cell.border.left.style == "thin"


@pytest.mark.parametrize("streamed", [True, False])
def test_header_and_body_styles(streamed):
    _book, sheet, _data = table_book([["x", None, 3]], streamed=streamed, statuses={0: (1, "error")})
    for cell in sheet[1]:
        assert cell.font.b
        assert cell.fill.patternType == "solid" and cell.fill.fgColor.rgb == HEADER_BLUE
        assert cell.alignment.wrap_text and cell.alignment.vertical == "center"
        for side in (cell.border.left, cell.border.right, cell.border.top, cell.border.bottom):
            assert side.style == "thin" and side.color.rgb == GREY_BORDER
    for cell in sheet[2]:  # an empty cell too: the table's grid has no holes
        assert not cell.font.b
        assert cell.alignment.wrap_text and cell.alignment.vertical == "top"
        for side in (cell.border.left, cell.border.right, cell.border.top, cell.border.bottom):
            assert side.style == "thin" and side.color.rgb == GREY_BORDER
    status, plain = sheet["B2"], sheet["A2"]
    assert status.fill.patternType == "solid" and status.fill.fgColor.rgb == ERROR_RED
    assert plain.fill.patternType is None


@pytest.mark.parametrize("streamed", [True, False])
def test_a_status_not_among_the_fills_leaves_the_cell_plain(streamed):
    _book, sheet, _data = table_book([["x", "y", "z"], ["x", "y", "z"]], streamed=streamed,
                                     statuses={0: (0, None), 1: (2, "no-such-state")})
    assert all(c.fill.patternType is None for row in sheet.iter_rows(min_row=2) for c in row)


@pytest.mark.parametrize("streamed", [True, False])
def test_sheet_setup_frozen_filtered_printable(streamed):
    _book, sheet, _data = table_book([["x", "y", "z"]] * 5, streamed=streamed, freeze_columns=1)
    assert sheet.freeze_panes == "B2"
    assert sheet.auto_filter.ref == "A1:C6"
    assert int(sheet.page_setup.paperSize) == 9 and sheet.page_setup.orientation == "landscape"
    assert sheet.sheet_properties.pageSetUpPr.fitToPage and sheet.page_setup.fitToWidth == 1
    assert (sheet.print_title_rows, sheet.print_title_cols) == ("$1:$1", "$A:$A")


@pytest.mark.parametrize("streamed", [True, False])
def test_measured_widths_fit_the_longest_cell_within_bounds(streamed):
    # a: "a" and "abc" -> 3 + 2 = 5, raised to the least width 6; b: 10 CJK characters count 20 -> 22;
    # c: 100 characters -> the most, 60
    _book, sheet, _data = table_book([["abc", "汉" * 10, "x" * 100], ["a", "汉", None]], streamed=streamed)
    widths = {k: v.width for k, v in sheet.column_dimensions.items() if k in "ABC"}
    assert widths == {"A": 6, "B": 22, "C": 60}


def test_given_widths_are_used_as_given():
    _book, sheet, _data = table_book([["x" * 100, "y", "z"]], widths=[7, 8, 9])
    assert [sheet.column_dimensions[k].width for k in "ABC"] == [7, 8, 9]


@pytest.mark.parametrize("streamed", [True, False])
def test_read_only_readers_see_every_row(streamed):
    # read-only mode takes a sheet's extent from its <dimension>, when there is one
    _book, _sheet, data = table_book([[str(i), i, None] for i in range(50)], streamed=streamed)
    sheet = openpyxl.load_workbook(io.BytesIO(data), read_only=True)["表"]
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    assert len(rows) == 50 and rows[-1][:2] == ("49", 49)


@pytest.mark.parametrize("streamed", [True, False])
def test_a_table_without_rows_is_its_header(streamed):
    _book, sheet, _data = table_book([], streamed=streamed)
    assert [c.value for c in sheet[1]] == ["a", "b", "c"] and sheet.max_row == 1
    assert sheet.auto_filter.ref == "A1:C1"


def test_document_properties_survive_the_splice():
    book, _sheet, data = table_book([["x", "y", "z"]])
    assert book.properties.creator == "ipm" and book.properties.identifier == "ipm test"
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert archive.testzip() is None
        assert re.search(rb"<dc:identifier[^>]*>ipm test</dc:identifier>", archive.read("docProps/core.xml"))


def test_two_tables_in_two_sheets_each_get_their_own_rows():
    module = require_openpyxl()
    book, first = new_workbook(module, "一", streamed=True)
    second = book.create_sheet("二")
    one, two = StreamedTable(module, first, ["a"]), StreamedTable(module, second, ["b", "c"])
    for i in range(3):
        one.append([f"one {i}"])
        two.append([f"two {i}", i])
    one.close()
    two.close()
    back = openpyxl.load_workbook(io.BytesIO(workbook_bytes(book)))
    assert [r for r in back["一"].iter_rows(values_only=True)] == [("a",), ("one 0",), ("one 1",), ("one 2",)]
    assert [r for r in back["二"].iter_rows(values_only=True)] == [("b", "c"), ("two 0", 0), ("two 1", 1),
                                                                   ("two 2", 2)]


@pytest.mark.parametrize("streamed", [True, False])
def test_a_table_longer_than_a_sheet_ends_with_a_row_saying_how_many_were_left_out(monkeypatch, streamed):
    """A sheet holds at most 1,048,576 rows; Excel and WPS refuse a longer one. The header, then as many rows as
    fit but one, then one row naming how many more there were (here with a sheet of 6 rows: 4 fit)."""
    from ipmeasures.workbook import rows

    assert rows.SHEET_ROWS == 2**20  # Excel's specification, the same in WPS and LibreOffice
    monkeypatch.setattr(rows, "SHEET_ROWS", 6)
    _book, sheet, _data = table_book([[f"r{i}", i, None] for i in range(10)], streamed=streamed)
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert values[0] == ["a", "b", "c"] and [v[0] for v in values[1:5]] == ["r0", "r1", "r2", "r3"]
    assert len(values) == 6 and "6" in values[5][0] and "csv" in values[5][0] and values[5][1:] == [None, None]
    assert sheet.auto_filter.ref == "A1:C6"


def test_a_table_that_fits_has_no_closing_row(monkeypatch):
    from ipmeasures.workbook import rows

    monkeypatch.setattr(rows, "SHEET_ROWS", 6)
    _book, sheet, _data = table_book([[f"r{i}", i, None] for i in range(4)])
    assert [row[0].value for row in sheet.iter_rows()] == ["a", "r0", "r1", "r2", "r3"]
