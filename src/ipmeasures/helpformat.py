"""click's help, wrapped by display width at name and punctuation boundaries (see wrapping.py).

click counts a Chinese character as one column and breaks only at spaces, joining a paragraph's lines with
a space: Chinese help ran past the terminal, broke `dashboard.html` and `$(ipm completion bash)`, started
lines with 、 and put spaces between Chinese characters. This formatter keeps click's layout (usage line,
sections, definition lists, `\\b` blocks) and does the wrapping itself.
"""

from __future__ import annotations

import click

from ipmeasures.i18n import _
from ipmeasures.wrapping import width, wrap


def _no_space_between(left: str, right: str) -> bool:
    """Chinese text takes no space between its characters, nor after its full-width punctuation."""
    return bool(left) and bool(right) and (ord(left[-1]) >= 0x2E80 and ord(right[0]) >= 0x2E80
                                           or left[-1] in "，。；：、！？）」』】》”" or right[0] in "，。；：、！？（「『【《“")


def join_lines(lines: list[str]) -> str:
    """A paragraph's source lines as one line: a space between them, except between two Chinese characters."""
    text = ""
    for line in (line.strip() for line in lines):
        if not line:
            continue
        if text and not _no_space_between(text, line):
            text += " "
        text += line
    return text


class HelpFormatter(click.HelpFormatter):
    """click.HelpFormatter with display-width wrapping, 禁则, and unbreakable ASCII tokens."""

    def _emit(self, lines: list[str], indent: int, hang: int = 0) -> None:
        for i, line in enumerate(lines):
            self.write(" " * (indent + (hang if i else 0)) + line + "\n")

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        prefix = _("用法：") if prefix is None else prefix
        head = f"{' ' * self.current_indent}{prefix}{prog} "
        room = max(self.width - width(head), 20)
        lines = wrap(args, room) or [""]
        self.write(head + lines[0] + "\n")
        self._emit(lines[1:], width(head))

    def write_heading(self, heading: str) -> None:
        colon = "：" if heading and ord(heading[-1]) >= 0x2E80 else ":"
        self.write(f"{'':>{self.current_indent}}{heading}{colon}\n")

    def write_text(self, text: str) -> None:
        indent = self.current_indent
        room = max(self.width - indent, 11)
        paragraphs: list[list[str]] = [[]]
        for line in text.expandtabs().splitlines():
            if not line.strip():
                if paragraphs[-1]:
                    paragraphs.append([])
            else:
                paragraphs[-1].append(line)
        first = True
        for paragraph in paragraphs:
            if not paragraph:
                continue
            if not first:
                self.write("\n")
            first = False
            if paragraph[0].strip() == "\b":  # click's verbatim block: keep each line, wrap only a too-long one
                for line in paragraph[1:]:
                    stripped = line.rstrip()
                    lead = len(stripped) - len(stripped.lstrip(" "))
                    self._emit(wrap(stripped.lstrip(" "), max(room - lead, 11)) or [""], indent + lead, 4)
                continue
            self._emit(wrap(join_lines(paragraph), room), indent)

    def write_dl(self, rows, col_max: int = 30, col_spacing: int = 2) -> None:
        rows = list(rows)
        if not rows:
            return
        first_col = min(max(width(term) for term, _help in rows), col_max) + col_spacing
        indent = self.current_indent
        for term, help_text in rows:
            self.write(" " * indent + term)
            if not help_text:
                self.write("\n")
                continue
            room = max(self.width - first_col - indent, 10)
            lines = _wrap_help(help_text, room)
            if width(term) <= first_col - col_spacing:
                self.write(" " * (first_col - width(term)) + lines[0] + "\n")
                lines = lines[1:]
            else:
                self.write("\n")
            self._emit(lines, indent + first_col)


def _wrap_help(help_text: str, room: int) -> list[str]:
    """An option's help wrapped to `room`; click's closing `  [默认：table]` is kept whole, on the last line
    when it fits there, else on a line of its own (a default split after its colon reads as two things)."""
    body, sep, extra = help_text.rpartition("  [")
    if not sep or not extra.endswith("]") or not body.strip():
        return wrap(join_lines(help_text.splitlines()), room)
    lines = wrap(join_lines(body.splitlines()), room) or [""]
    extra = "[" + extra
    if width(lines[-1]) + 2 + width(extra) <= room:
        lines[-1] += "  " + extra
    else:
        lines += wrap(extra, room)
    return lines


__all__ = ["HelpFormatter", "join_lines"]
