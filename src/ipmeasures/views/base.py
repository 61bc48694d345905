"""What every query command hands to a renderer: headings, tables of rows, and a JSON document.

Plain slotted classes, not dataclasses: they are built on every query, and dataclass creation costs
start-up time.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any

from ipmeasures.i18n import _, join_names


def _inert(text: str, *, multiline: bool = False) -> str:
    from ipmeasures.escaping import inert

    return inert(text, multiline=multiline)


class Column:
    __slots__ = ("header", "key", "min_width")

    def __init__(self, key: str, header: str, min_width: int | None = None) -> None:
        self.key = key
        self.header = header
        self.min_width = min_width  # for the terminal table; CJK characters count two


class Rows:
    """Rows made one at a time from what a spool reads back (`ipm diff`'s findings), as many as `len()` says:
    a table's rows, or a list in a view's JSON document (`jsontext.is_lazy`), never all in memory at once.
    Each iteration reads them again."""

    __slots__ = ("_count", "_make", "_source")
    json_list = True  # jsontext writes it as a list, an element at a time

    def __init__(self, source: Iterable[Any], count: int, make: Callable[[Any], Any]) -> None:
        self._source, self._count, self._make = source, count, make

    def __len__(self) -> int:
        return self._count

    def __iter__(self) -> Iterator[Any]:
        return map(self._make, self._source)


class Table:
    __slots__ = ("columns", "compact", "rows", "terminal_hides", "title")

    def __init__(self, columns: list[Column], rows: list[dict] | Rows, title: str | None = None,
                 compact: bool = False, terminal_hides: tuple[str, ...] = ()) -> None:
        self.columns = columns
        self.rows = rows  # cells are made inert as they are written (cell_text)
        self.title = None if title is None else _inert(title)
        self.compact = compact  # a grid of one-character marks (the matrix): no cell padding
        # Columns the terminal table leaves out because the table's title already says it (every row the
        # same); files (csv, xlsx) keep them so that tables of one view share their columns.
        self.terminal_hides = terminal_hides


class View:
    """A query's result: a title, key/value facts, tables; `data` is the documented JSON document."""

    __slots__ = ("data", "facts", "highlight", "notes", "tables", "title")

    def __init__(self, title: str, data: object, facts: list[tuple[str, str]] | None = None,
                 tables: list[Table] | None = None, notes: list[str] | None = None,
                 highlight: str | None = None) -> None:
        # Titles, facts and notes quote the data files (--data), report file names and saved results: the
        # one door into every view format, so each piece of it is made inert here (escaping.inert).
        self.title = _inert(title)
        self.data = data
        self.facts = [(_inert(label), _inert(value, multiline=True)) for label, value in facts or ()]
        self.tables = tables or []
        self.notes = [_inert(note, multiline=True) for note in notes or ()]
        self.highlight = highlight  # a phrase to emphasise where the format can (search)


def cell_text(value: object) -> str:
    """A cell as plain text: lists joined as the language joins names (、 in Chinese), None as empty.

    Control characters from the data files (--data) or reports are written out visibly (escaping.inert).
    """
    from ipmeasures.escaping import inert

    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return join_names(cell_text(v) for v in value)
    return inert(str(value), multiline=True)


def fact_label(label: str) -> str:
    """A fact's label followed by the language's colon: 全称： in Chinese, "Full name: " in English."""
    # Translators: a label before its value (全称：惠州市公安局); English: "{label}: ".
    return _("{label}：").format(label=label)
