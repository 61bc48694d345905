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
}


def render(view: View, fmt: str, **options) -> str:
    """Render a view in one of FORMATS (imports only that format's module)."""
    return importlib.import_module(FORMATS[fmt]).render(view, **options)


__all__ = ["Column", "FORMATS", "Table", "View", "render"]
