"""Markdown: headings and pipe tables, for a wiki page, an issue or a job summary."""

from __future__ import annotations

from ipmeasures.escaping import markdown_text as _escape
from ipmeasures.views.base import View, cell_text, fact_label


def _emphasise(text: str, phrase: str | None) -> str:
    """Bold every occurrence of `phrase` in already escaped text (the phrase escaped the same way)."""
    if not phrase:
        return text
    escaped = _escape(phrase)
    return text.replace(escaped, f"**{escaped}**")


def render(view: View, **_options) -> str:
    lines = [f"# {_escape(view.title)}", ""]
    for label, value in view.facts:
        lines.append(f"- {fact_label(f'**{_escape(label)}**')}{_emphasise(_escape(value), view.highlight)}")
    if view.facts:
        lines.append("")
    for table in view.tables:
        if table.title:
            lines += [f"## {_escape(table.title)}", ""]
        lines.append("| " + " | ".join(_escape(c.header) for c in table.columns) + " |")
        lines.append("|" + "|".join(" --- " for _c in table.columns) + "|")
        for row in table.rows:
            cells = [_emphasise(_escape(cell_text(row.get(c.key))), view.highlight) for c in table.columns]
            lines.append("| " + " | ".join(cells) + " |")
        lines.append("")
    lines += [f"> {_escape(note)}" for note in view.notes]
    return "\n".join(lines).rstrip() + "\n"
