"""What every query command hands to a renderer: headings, tables of rows, and a JSON document."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Column:
    key: str
    header: str
    min_width: int | None = None  # for the terminal table; CJK characters count two


@dataclass(slots=True)
class Table:
    columns: list[Column]
    rows: list[dict]
    title: str | None = None
    compact: bool = False  # a grid of one-character marks (the matrix): no cell padding


@dataclass(slots=True)
class View:
    """A query's result: a title, key/value facts, tables; `data` is the documented JSON document."""

    title: str
    data: object
    facts: list[tuple[str, str]] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    highlight: str | None = None  # a phrase to emphasise where the format can (search)


def cell_text(value: object) -> str:
    """A cell as plain text: lists joined with the Chinese enumeration comma, None as empty."""
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return "、".join(cell_text(v) for v in value)
    return str(value)
