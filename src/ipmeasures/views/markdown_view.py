"""Markdown: headings and pipe tables, for a wiki page, an issue or a job summary."""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import TYPE_CHECKING

from ipmeasures.escaping import markdown_text as _escape
from ipmeasures.views.base import View, cell_text, fact_label

if TYPE_CHECKING:
    from ipmeasures.outputs import TextSink


def _emphasise(text: str, phrase: str | None) -> str:
    """Bold every occurrence of `phrase` in already escaped text (the phrase escaped the same way)."""
    if not phrase:
        return text
    escaped = _escape(phrase)
    return text.replace(escaped, f"**{escaped}**")


def render(view: View, **options) -> str:
    out = io.StringIO()
    write(view, out, **options)
    return out.getvalue()


def write(view: View, out: TextSink, **_options) -> None:
    """The document a line at a time, its trailing blanks left out (one newline ends it)."""
    held = ""  # blanks at the end of what has come so far: written only if something follows them
    for index, line in enumerate(_lines(view)):
        text = ("\n" if index else "") + line
        if text and not text[-1].isspace():  # most lines end in something visible
            out.write(held + text)
            held = ""
            continue
        kept = text.rstrip()
        if kept:
            out.write(held + kept)
            held = text[len(kept):]
        else:
            held += text
    out.write("\n")


def _lines(view: View) -> Iterator[str]:
    yield f"# {_escape(view.title)}"
    yield ""
    for label, value in view.facts:
        yield f"- {fact_label(f'**{_escape(label)}**')}{_emphasise(_escape(value), view.highlight)}"
    if view.facts:
        yield ""
    for table in view.tables:
        if table.title:
            yield f"## {_escape(table.title)}"
            yield ""
        yield "| " + " | ".join(_escape(c.header) for c in table.columns) + " |"
        yield "|" + "|".join(" --- " for _c in table.columns) + "|"
        for row in table.rows:
            cells = [_emphasise(_escape(cell_text(row.get(c.key))), view.highlight) for c in table.columns]
            yield "| " + " | ".join(cells) + " |"
        yield ""
    for note in view.notes:
        yield f"> {_escape(note)}"
