"""Suffix -> reader: which file names are reports, which reader reads each, and whether it can.

A workbook (*.xlsx) is read by `sources.workbook`, which needs the `excel` extra; anything else by the
YAML reader `sources.yamldoc`. Both bound the read before it happens.
"""

from __future__ import annotations

from collections.abc import Iterable

from ipmeasures.errors import MissingExtraError
from ipmeasures.sources.yamldoc import DEFAULT_MAX_BYTES, LoadedYaml, load_yaml
from ipmeasures.workbook.xlsx import is_xlsx

REPORT_SUFFIXES = (".yaml", ".yml", ".xlsx")


def load_source(path: str, data: bytes | None = None, *, max_bytes: int = DEFAULT_MAX_BYTES) -> LoadedYaml:
    """A report file read safely into values and marks: a workbook (*.xlsx) by the workbook reader, else YAML."""
    if is_xlsx(path):
        from ipmeasures.sources.workbook import read_workbook

        return read_workbook(path, data, max_bytes=max_bytes)
    return load_yaml(path, data, max_bytes=max_bytes)


def unreadable(paths: Iterable[str]) -> dict[str, str]:
    """The files among `paths` whose reader is not installed, each with the message saying which extra to install.

    Without the `excel` extra the workbooks cannot be read; every YAML report still can.
    """
    workbooks = [path for path in paths if is_xlsx(path)]
    if not workbooks:
        return {}
    from ipmeasures.sources.workbook_guard import require_defusedxml
    from ipmeasures.workbook.xlsx import require_openpyxl

    try:
        require_openpyxl()
        require_defusedxml()
    except MissingExtraError as exc:
        return dict.fromkeys(workbooks, exc.message)
    return {}
