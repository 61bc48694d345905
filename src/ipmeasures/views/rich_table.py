"""The terminal table: rich, sized to the terminal, wrapping (never truncating) CJK text.

On a terminal too narrow for the columns, each row is printed as a block of "header: value" lines.

Colour only when writing to a terminal; rich honours NO_COLOR by itself.
"""

from __future__ import annotations

import io
import itertools

from ipmeasures.i18n import _
from ipmeasures.views.base import View, cell_text, fact_label
from ipmeasures.wrapping import Cell, allocate

# Rows a terminal table draws: rich takes a few milliseconds a row (a diff of 100,000 findings took two minutes),
# and no one reads more in a terminal; csv, json and xlsx carry every row.
TABLE_ROWS = 1000


def render(view: View, *, color: bool = False, width: int | None = None, **_options) -> str:
    from rich import box
    from rich.console import Console
    from rich.table import Table as RichTable

    out = io.StringIO()
    console = Console(file=out, force_terminal=color, no_color=not color, width=width or 100,
                      highlight=False, emoji=False, soft_wrap=False)

    def styled(text: str) -> Cell:
        return Cell(text, highlight=view.highlight or None)

    console.print(Cell(view.title, "bold"))
    for label, value in view.facts:
        console.print(Cell(value, label=fact_label(label), label_style="cyan", highlight=view.highlight or None))
    for table in view.tables:
        console.print()
        columns = [c for c in table.columns if c.key not in table.terminal_hides]
        rows = list(itertools.islice(table.rows, TABLE_ROWS))  # past the limit: counted below, not drawn (rich takes milliseconds a row)
        cells = [[c.header, *(cell_text(row.get(c.key)) for row in rows)] for c in columns]
        # Around the content: each column's padding (2, none when compact), a separator between columns, the edges.
        overhead = (0 if table.compact else 2) * len(columns) + len(columns) - 1 + 2
        widths = allocate(cells, (width or 100) - overhead)
        if widths is None:
            _print_stacked(console, table.title, rows, columns, styled)
            _left_out(console, table, rows)
            continue
        grid = RichTable(title=table.title, title_justify="left", box=box.SIMPLE_HEAD, show_lines=False,
                         header_style="bold", expand=False, padding=(0, 0) if table.compact else (0, 1))
        for index, column in enumerate(columns):
            # Widths sized by content (wrapping.allocate): the columns of long lists of names get the room.
            grid.add_column(Cell(column.header, "bold"), width=widths[index],
                            justify="center" if table.compact and column is not columns[0] else "left")
        for row in rows:
            grid.add_row(*(styled(cell_text(row.get(c.key))) for c in columns))
        console.print(grid)
        _left_out(console, table, rows)
    for note in view.notes:
        console.print(Cell(note, "dim"))
    return out.getvalue()


def _left_out(console, table, rows) -> None:
    if len(rows) < len(table.rows):
        console.print(Cell(_("表格只列出前 {shown} 行，另有 {left} 行未列出：完整内容请用 --format csv、json 或 xlsx。").format(
            shown=len(rows), left=len(table.rows) - len(rows)), "bold"))


def _print_stacked(console, title, rows, columns, styled) -> None:
    if title:
        console.print(Cell(title, "bold"))
    for row in rows:
        for column in columns:
            value = cell_text(row.get(column.key))
            if value:
                console.print(Cell(value, label="  " + fact_label(column.header), label_style="cyan",
                                   highlight=styled(value).highlight, hang=4))
        console.print()
