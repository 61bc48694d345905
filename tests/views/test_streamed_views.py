"""csv and markdown write a view a row at a time (`write(view, out)`), as `ipm diff` needs for its many
findings; the text is written here by hand from each format's rules."""

from __future__ import annotations

from ipmeasures.views import csv_view, markdown_view
from ipmeasures.views.base import Column, Rows, Table, View


class _Pieces:
    def __init__(self) -> None:
        self.pieces: list[str] = []

    def write(self, text: str) -> None:
        self.pieces.append(text)

    def text(self) -> str:
        return "".join(self.pieces)


def _view(notes: list[str]) -> View:
    columns = [Column("a", "甲"), Column("b", "乙")]
    rows = Rows(range(3), 3, lambda n: {"a": n, "b": "=1+1" if n == 1 else f"x{n}"})
    return View("标题", {}, facts=[("期", "2022-H1")], tables=[Table(columns, rows, title="表")], notes=notes)


def test_csv_row_by_row():
    out = _Pieces()
    csv_view.write(_view([]), out)
    # BOM, CRLF rows; a formula-like cell gets Excel's quote prefix (escaping.spreadsheet_text)
    assert out.text() == "\ufeff甲,乙\r\n0,x0\r\n1,'=1+1\r\n2,x2\r\n"
    assert csv_view.render(_view([])) == out.text()


def test_markdown_row_by_row_without_trailing_blanks():
    out = _Pieces()
    markdown_view.write(_view(["注意  "]), out)
    assert out.text() == ("# 标题\n\n- **期**：2022-H1\n\n## 表\n\n| 甲 | 乙 |\n| --- | --- |\n| 0 | x0 |\n| 1 | =1+1 |\n"
                          "| 2 | x2 |\n\n> 注意\n")


def test_markdown_without_notes_ends_after_the_table():
    out = _Pieces()
    markdown_view.write(_view([]), out)
    assert out.text().endswith("| 2 | x2 |\n")
