"""The terminal table: rich, sized to the terminal, wrapping (never truncating) CJK text.

On a terminal too narrow for the columns, each row is printed as a block of "header: value" lines.

Colour only when writing to a terminal; rich honours NO_COLOR by itself.
"""

from __future__ import annotations

import io
import re

from ipmeasures.views.base import View, cell_text, fact_label


def render(view: View, *, color: bool = False, width: int | None = None, **_options) -> str:
    from rich import box
    from rich.console import Console
    from rich.table import Table as RichTable
    from rich.text import Text

    out = io.StringIO()
    console = Console(file=out, force_terminal=color, no_color=not color, width=width or 100,
                      highlight=False, emoji=False, soft_wrap=False)

    def styled(text: str) -> Text:
        rendered = Text(text)
        if view.highlight:
            rendered.highlight_regex(re.escape(view.highlight), style="bold reverse")
        return rendered

    console.print(Text(view.title, style="bold"))
    for label, value in view.facts:
        line = Text(fact_label(label), style="cyan")
        line.append_text(styled(value))
        console.print(line)
    for table in view.tables:
        console.print()
        columns = [c for c in table.columns if c.key not in table.terminal_hides]
        if width is not None and width < _narrow_below(table, columns):
            _print_stacked(console, table, columns, styled)
            continue
        grid = RichTable(title=table.title, title_justify="left", box=box.SIMPLE_HEAD, show_lines=False,
                         header_style="bold", expand=False, padding=(0, 0) if table.compact else (0, 1))
        for column in columns:
            grid.add_column(column.header, overflow="fold", min_width=column.min_width,
                            justify="center" if table.compact and column is not columns[0] else "left")
        for row in table.rows:
            grid.add_row(*(styled(cell_text(row.get(c.key))) for c in columns))
        console.print(grid)
    for note in view.notes:
        console.print(Text(note, style="dim"))
    return out.getvalue()


def _narrow_below(table, columns) -> int:
    """The width under which the table's columns cannot all get their minimum: print rows as blocks."""
    if table.compact:
        return sum((c.min_width or 2) + 1 for c in columns) + 2
    return sum((c.min_width or 6) + 3 for c in columns) + 2


def _print_stacked(console, table, columns, styled) -> None:
    from rich.text import Text

    if table.title:
        console.print(Text(table.title, style="bold"))
    for row in table.rows:
        for column in columns:
            value = cell_text(row.get(column.key))
            if value:
                line = Text("  " + fact_label(column.header), style="cyan")
                line.append_text(styled(value))
                console.print(line)
        console.print()
