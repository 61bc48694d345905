"""Output of the query commands: one View, rendered by one module per format.

FORMATS is the only list of `--format` choices for query commands: each line declares the output
contract (`ipmeasures.outputs`): the help line, machine or not, binary or not, and the module whose
`render(view, **options)` writes it, imported only when that format is used.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable

from ipmeasures.i18n import N_
from ipmeasures.outputs import OutputFormat
from ipmeasures.views.base import Column, Table, View

FORMATS: dict[str, OutputFormat] = {
    "table": OutputFormat(N_("终端表格"), "ipmeasures.views.rich_table"),
    "json": OutputFormat(N_("机器可读"), "ipmeasures.views.json_view", machine=True),
    "csv": OutputFormat(N_("带 BOM，Excel/WPS 可直接打开"), "ipmeasures.views.csv_view", machine=True),
    "markdown": OutputFormat(N_("适合贴到 wiki 或 issue"), "ipmeasures.views.markdown_view"),
    # bytes, not text: only to the -o file (or `-o -` into a pipe)
    "xlsx": OutputFormat(N_("Excel 工作簿（需 -o，需可选组件 ipmeasures[excel]）"), "ipmeasures.views.xlsx_view",
                         binary=True),
}


def render(view: View, fmt: str, **options) -> str:
    """Render a view in one of the text FORMATS (imports only that format's module)."""
    return FORMATS[fmt].load()(view, **options)


def writer(fmt: str) -> Callable[..., None] | None:
    """The format's `write(view, out, **options)`, which writes the view a piece at a time (a table's rows
    one at a time, as `Rows` gives them), or None for a format that is built whole (table, xlsx)."""
    target = FORMATS[fmt].target
    return getattr(importlib.import_module(target), "write", None) if isinstance(target, str) else None


def render_file(view: View, fmt: str, **options) -> bytes:
    """The bytes of a file holding the view in any of FORMATS: text as UTF-8, a workbook as itself."""
    rendered = FORMATS[fmt].load()(view, **options)
    return rendered if isinstance(rendered, bytes) else rendered.encode("utf-8")


__all__ = ["FORMATS", "Column", "Table", "View", "render", "render_file", "writer"]
