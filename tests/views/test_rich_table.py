"""The terminal table of a query view (rich_table): past its row limit it draws the first rows and says how many
more there are, in the wide layout and in the stacked one; within it, every row and no such line."""

from __future__ import annotations

import pytest

from ipmeasures.views import rich_table
from ipmeasures.views.base import Column, Table, View


def view_of(rows: int) -> View:
    table = Table([Column("n", "编号"), Column("what", "内容")],
                  [{"n": str(i), "what": f"r{i}x"} for i in range(rows)])
    return View("标题", data=None, tables=[table])


@pytest.mark.parametrize("width", [100, 12])  # 12: too narrow for the columns, rows stacked as header: value
def test_past_the_limit_the_first_rows_and_a_count_of_the_rest(monkeypatch, width):
    monkeypatch.setattr(rich_table, "TABLE_ROWS", 3)
    text = rich_table.render(view_of(7), width=width)
    assert [f"r{i}x" in text for i in range(7)] == [True, True, True, False, False, False, False]
    assert "另有4行未列出" in "".join(text.split())


def test_within_the_limit_every_row_and_no_count(monkeypatch):
    monkeypatch.setattr(rich_table, "TABLE_ROWS", 7)
    text = rich_table.render(view_of(7), width=100)
    assert all(f"r{i}x" in text for i in range(7))
    assert "未列出" not in text
