"""xlsx: an Excel workbook to sort and filter; binary, so the command writes it to the -o file.

Tables with the same columns (ipm owner: named duties, then duties via a group) become one sheet, with a
first column saying which table a row came from; tables with different columns get a sheet each. Each
table sheet has a frozen header and filters. Facts and notes go on a sheet of their own, 说明.
"""

from __future__ import annotations

from ipmeasures.i18n import _
from ipmeasures.views.base import Table, View, cell_text
from ipmeasures.workbook.xlsx import (
    new_workbook,
    require_openpyxl,
    sheet_title,
    workbook_bytes,
    write_facts,
    write_table,
)


def render(view: View, **_options) -> bytes:
    openpyxl = require_openpyxl()
    workbook, first = new_workbook(openpyxl, view.title)
    groups = _groups(view.tables)
    sheets = [first] + [workbook.create_sheet() for _group in groups[1:]]
    used: set[str] = set()
    for sheet, group in zip(sheets, groups, strict=False):
        columns = group[0].columns
        titled = len(group) > 1 and any(table.title for table in group)
        headers = ([_("分组")] if titled else []) + [c.header for c in columns]
        rows = [([table.title or ""] if titled else []) + [_value(row.get(c.key)) for c in columns]
                for table in group for row in table.rows]
        sheet.title = _unique(sheet_title(group[0].title if len(groups) > 1 and group[0].title else view.title), used)
        write_table(openpyxl, sheet, headers, rows, freeze_columns=1 + int(titled))
    if view.facts or view.notes or not groups:
        info = workbook.create_sheet(_unique(sheet_title(_("说明")), used))
        write_facts(openpyxl, info, [(_("标题"), view.title), *view.facts], view.notes)
        if not groups:
            workbook.remove(first)
    return workbook_bytes(workbook)


def _groups(tables: list[Table]) -> list[list[Table]]:
    """Consecutive tables with the same column keys, together."""
    groups: list[list[Table]] = []
    for table in tables:
        keys = [c.key for c in table.columns]
        if groups and [c.key for c in groups[-1][0].columns] == keys:
            groups[-1].append(table)
        else:
            groups.append([table])
    return groups


def _value(value: object) -> object:
    """Numbers stay numbers (so they sort as numbers); everything else as the other formats show it."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return value
    return cell_text(value)


def _unique(title: str, used: set[str]) -> str:
    name, n = title, 2
    while name.lower() in used:
        suffix = f" ({n})"
        name = title[:31 - len(suffix)] + suffix
        n += 1
    used.add(name.lower())
    return name
