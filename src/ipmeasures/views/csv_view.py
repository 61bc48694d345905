"""CSV for Excel and WPS: UTF-8 with a BOM (or they misread Chinese), one rectangular table.

A view with several tables of the same columns (ipm owner: named duties, then duties via a group) is
written as one table; a view with only facts is written as two columns, 项目 and 内容.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

from ipmeasures.escaping import SpreadsheetCsv
from ipmeasures.i18n import _
from ipmeasures.views.base import View, cell_text

if TYPE_CHECKING:
    from ipmeasures.outputs import TextSink

BOM = "\ufeff"


def render(view: View, **options) -> str:
    out = io.StringIO()
    write(view, out, **options)
    return out.getvalue()


def write(view: View, out: TextSink, **_options) -> None:
    """render() written a row at a time."""
    out.write(BOM)
    writer = SpreadsheetCsv(out)  # data-file text (a unit named =2+5) never runs as a formula
    if view.tables:
        columns = view.tables[0].columns
        writer.writerow([c.header for c in columns])
        for table in view.tables:
            for row in table.rows:
                writer.writerow([cell_text(row.get(c.key)) for c in columns])
    else:
        writer.writerow([_("项目"), _("内容")])
        writer.writerow([_("标题"), view.title])
        for label, value in view.facts:
            writer.writerow([label, value])
        for note in view.notes:
            writer.writerow([_("说明"), note])
