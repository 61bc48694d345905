"""Untrusted text made inert for each place it goes: terminals and CI logs, Markdown, spreadsheets.

Report text and file names (and, with --data, the data files' text) come from outside. Every output
reaches them through these three functions, each the only definition of its rule:

- `inert()`: control characters (C0, DEL, C1 such as the CSI that starts terminal escape codes), Unicode
  bidirectional overrides and line/paragraph separators are written out visibly (`\\x1b`, `\\u202e`), so a
  terminal obeys no escape code and a GitHub Actions log reads no forged `::error` line;
- `markdown_text()`: what CommonMark and GitHub-flavoured Markdown would interpret -- HTML, links and
  images, emphasis, code, tables, autolinks (`https://…`, `www.…`, e-mail addresses) and GitHub's
  `@mentions` -- is escaped, so text renders as the text it is;
- `spreadsheet_text()` / `formula_like()`: a cell that Excel, WPS or LibreOffice would run as a formula
  (CSV injection) is written as text.
"""

from __future__ import annotations

import re

# C0 controls, DEL and C1 controls; the Arabic letter mark and the bidirectional marks, embeddings,
# overrides and isolates (Trojan-source reordering); the line and paragraph separators.
_OTHER_UNSAFE = "\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069"
_UNSAFE_LINE = re.compile(f"[\x00-\x1f{_OTHER_UNSAFE}]")
_UNSAFE_TEXT = re.compile(f"[\x00-\x08\x0b-\x1f{_OTHER_UNSAFE}]")  # keeps tab and line feed
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _visible(match: re.Match) -> str:
    char = match.group()
    named = _NAMED.get(char)
    if named is not None:
        return named
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def inert(text: str, *, multiline: bool = False) -> str:
    """`text` with every control character written out visibly (ESC -> `\\x1b`, CR -> `\\r`).

    Single-line text (file names, messages) has its line breaks and tabs escaped too; `multiline` keeps
    LF and tab for text that is meant to span lines (a report's progress), but still escapes CR.
    """
    pattern = _UNSAFE_TEXT if multiline else _UNSAFE_LINE
    if pattern.search(text) is None:  # the common case: nothing to do, no copy
        return text
    return pattern.sub(_visible, text)


def inert_optional(text: str | None, *, multiline: bool = False) -> str | None:
    """inert() for a value that may be None."""
    return None if text is None else inert(text, multiline=multiline)


# CommonMark lets any ASCII punctuation be escaped with a backslash. These are the characters that start
# something inline: backslash escapes themselves, code spans, emphasis, links and images (brackets),
# table cells (|), GFM strikethrough (~) and GitHub's math ($). `<`, `>` and `&` become entities, so there
# is no HTML and no entity reference.
_MARKDOWN_SPECIAL = re.compile(r"[\\`*_\[\]|~$]")
# GFM autolinks need `scheme:` (http:, https:, mailto:, xmpp:…) or `www.`: escaping that colon or that dot
# stops them. A colon after a non-letter, or before a digit or a blank (a.yaml:12, "Note: …"), starts no
# link and is left alone. An `@` gets a
# zero-width space after it: GitHub links @team and user@example.com in the rendered HTML, where a
# backslash escape is already gone.
_MARKDOWN_LINKS = re.compile(r"(?<=www)\.|(?<=[a-z0-9]):(?![\d\s])", re.IGNORECASE)
_MENTION = re.compile(r"@(?=[\w.-])")
ZERO_WIDTH_SPACE = "\u200b"


def markdown_text(text: str) -> str:
    """`text` escaped for Markdown (one table cell or one line): renders as itself, links and mentions none.

    Line breaks become `<br>` (the one HTML this writes), so a cell stays one table row.
    """
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _MARKDOWN_SPECIAL.sub(r"\\\g<0>", text)
    text = _MARKDOWN_LINKS.sub(r"\\\g<0>", text)
    text = _MENTION.sub("@" + ZERO_WIDTH_SPACE, text)
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "<br>")


# What makes a spreadsheet read a cell as a formula or a DDE call (OWASP "CSV injection"): =, +, -, @ first,
# and a tab or carriage return before them (some programs strip leading blanks before parsing). The
# full-width ＝ and ＋ are converted by some Chinese-locale spreadsheets.
_FORMULA_START = re.compile(r"^[\s\u3000]*[=+\-@\uff1d\uff0b\uff0d\uff20]|^[\t\r]")


def formula_like(text: str) -> bool:
    """Whether a spreadsheet could take this text for a formula."""
    return _FORMULA_START.match(text) is not None


def spreadsheet_text(value: object) -> object:
    """A CSV cell that a spreadsheet shows as the text it is: formula-like text gets a leading apostrophe.

    Numbers and other non-text values are returned as they are (they are data ipm made, not text).
    """
    if isinstance(value, str) and formula_like(value):
        return "'" + value
    return value


class SpreadsheetCsv:
    """A csv.writer for Excel and WPS (CRLF rows) whose every cell goes through spreadsheet_text: the one CSV
    writer of ipm, so no CSV output can carry a formula."""

    def __init__(self, out) -> None:
        import csv

        self._writer = csv.writer(out, lineterminator="\r\n")

    def writerow(self, cells) -> None:
        self._writer.writerow([spreadsheet_text(cell) for cell in cells])
