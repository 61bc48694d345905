"""Output of the query commands: one View, rendered by one module per format.

FORMATS is the only list of `--format` choices for query commands.
"""

from __future__ import annotations

import importlib

from ipmeasures.views.base import Column, Table, View

FORMATS: dict[str, str] = {
    "table": "ipmeasures.views.rich_table",
    "json": "ipmeasures.views.json_view",
    "csv": "ipmeasures.views.csv_view",
    "markdown": "ipmeasures.views.markdown_view",
    "xlsx": "ipmeasures.views.xlsx_view",  # bytes, not text: only for commands with -o (ipm matrix, ipm owner)
}


def render(view: View, fmt: str, **options) -> str:
    """Render a view in one of the text FORMATS (imports only that format's module)."""
    return importlib.import_module(FORMATS[fmt]).render(view, **options)


def render_file(view: View, fmt: str, **options) -> bytes:
    """The bytes of a file holding the view in any of FORMATS: text as UTF-8, a workbook as itself."""
    rendered = importlib.import_module(FORMATS[fmt]).render(view, **options)
    return rendered if isinstance(rendered, bytes) else rendered.encode("utf-8")


__all__ = ["FORMATS", "Column", "Table", "View", "render", "render_file"]
