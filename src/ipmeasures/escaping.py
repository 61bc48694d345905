"""Untrusted text made inert for each place it goes: terminals and CI logs, Markdown, spreadsheets.

Report text and file names (and, with --data, the data files' text) come from outside. Every output
reaches them through these three functions, each the only definition of its rule:

- `inert()`: control characters (C0, DEL, C1 such as the CSI that starts terminal escape codes), Unicode
  bidirectional overrides and line/paragraph separators are written out visibly (`\\x1b`, `\\u202e`), so a
  terminal obeys no escape code; and what the GitHub Actions runner reads as a workflow command -- `::` at
  the start of a line (after blanks), `##[` anywhere in one -- has its first character written out
  (`\\x3a:error`, `\\x23#[error]`), so a CI log reads no forged `::error` or `##[stop-commands]` line;
- `json_text()`: the same characters in a serialised JSON document written as JSON escapes (`\\u202e`,
  `\\u0023`): the document means the same, and shows nothing live;
- `markdown_text()`: what CommonMark and GitHub-flavoured Markdown would interpret -- HTML, links and
  images, emphasis, code, tables, autolinks (`https://…`, `www.…`, e-mail addresses) and GitHub's
  `@mentions`, issue references, commit SHAs and `:emoji:` shortcodes -- is escaped, so text renders as
  the text it is;
- `yaml_text()`: a YAML scalar with the same value and nothing live, for the report template;
- `html_text()`: HTML-escaped and inert, for the dashboard;
- `spreadsheet_text()` / `formula_like()`: a cell that Excel, WPS or LibreOffice would run as a formula
  (CSV injection) is written as text.
"""

from __future__ import annotations

import re
from typing import Any

from ipmeasures.lazyre import lazy


def _lazy(name: str, source: str, flags: int = 0) -> re.Pattern[str]:
    # Compiling the ten patterns here costs a query's start-up a few milliseconds, and most queries escape nothing.
    return lazy(globals(), name, source, flags)



# C0 controls, DEL and C1 controls; the Arabic letter mark and the bidirectional marks, embeddings,
# overrides and isolates (Trojan-source reordering); the line and paragraph separators; lone surrogates
# (a file name's bytes that are not UTF-8, as os.fsdecode gives them: no stream can encode them) and the
# two non-characters U+FFFE, U+FFFF (XML forbids both).
_OTHER_UNSAFE = "\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff\ufffe\uffff"
# The GitHub Actions runner (actions/runner ActionCommand.cs) reads a line as a workflow command when it
# starts with `::` after TrimStart() (any Unicode blank), or when `##[` occurs anywhere in it (the legacy
# form, still parsed for every registered command, `stop-commands` included).
_COMMAND = "##\\[|^[^\\S\\n]*::"
_UNSAFE_LINE = _lazy("_UNSAFE_LINE", f"{_COMMAND}|[\x00-\x1f{_OTHER_UNSAFE}]")
_UNSAFE_TEXT = _lazy("_UNSAFE_TEXT", f"{_COMMAND}|[\x00-\x08\x0b-\x1f{_OTHER_UNSAFE}]", re.MULTILINE)  # keeps tab, LF
_CHAR = _lazy("_CHAR", f"[\x00-\x1f{_OTHER_UNSAFE}]")
# The characters alone, without the `::` and `##[` alternatives: one character class is what the regex engine
# searches fastest, so the common case is two substring tests and this one scan.
_TEXT_CHAR = _lazy("_TEXT_CHAR", f"[\x00-\x08\x0b-\x1f{_OTHER_UNSAFE}]")  # keeps tab, LF
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
# Every character these classes match is one str.isprintable() refuses (Unicode categories Cc, Cf, Zl, Zp,
# Cs, Cn; tests/test_escaping.py checks all of Unicode), so text that isprintable() passes needs no pattern,
# and a run that escapes nothing compiles none (each costs a query's start-up a fraction of a millisecond).


def _visible_char(char: str) -> str:
    named = _NAMED.get(char)
    if named is not None:
        return named
    code = ord(char)
    if 0xDC80 <= code <= 0xDCFF:  # surrogateescape: the byte itself
        code -= 0xDC00
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def _visible(match: re.Match) -> str:
    text = match.group()
    if len(text) == 1:
        return _visible_char(text)
    if text == "##[":
        return "\\x23#["
    # blanks, then `::`: the blanks as they are (a tab written out), the first colon written out
    return _CHAR.sub(lambda m: _visible_char(m.group()), text[:-2]) + "\\x3a:"


def inert(text: str, *, multiline: bool = False) -> str:
    """`text` with every control character written out visibly (ESC -> `\\x1b`, CR -> `\\r`), and no
    workflow command a CI log would obey (`::error` at a line start -> `\\x3a:error`, `##[` -> `\\x23#[`).

    Single-line text (file names, messages) has its line breaks and tabs escaped too; `multiline` keeps
    LF and tab for text that is meant to span lines (a report's progress), but still escapes CR, and
    treats the start of each of its lines as a line start.
    """
    if "::" not in text and "##[" not in text and (
            text.isprintable() or (_TEXT_CHAR if multiline else _CHAR).search(text) is None):
        return text  # the common case: nothing to do, no copy
    pattern = _UNSAFE_TEXT if multiline else _UNSAFE_LINE
    if pattern.search(text) is None:
        return text
    return pattern.sub(_visible, text)


def shorten(text: str, limit: int = 40) -> str:
    """At most `limit` characters of `text` (then `…`), made inert: a value quoted in a message."""
    return inert(text) if len(text) <= limit else inert(text[:limit]) + "…"


# What XML 1.0 cannot carry even as a character reference (C0 controls but tab, LF, CR; surrogates; U+FFFE/F),
# as the characters it excludes: the complement of what XML allows spans all of Unicode, slow to compile.
_NOT_XML = _lazy("_NOT_XML", "[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_text(text: str) -> str:
    """Text an XML document (JUnit, a workbook's cells) can carry: what XML forbids written out as inert()
    writes it (ESC -> `\\x1b`), never replaced or dropped, so every output shows the same character the same way."""
    if _NOT_XML.search(text) is None:
        return text
    return _NOT_XML.sub(lambda m: _visible_char(m.group()), text)


def inert_value(value: Any) -> Any:
    """A record from outside (a saved JSON result, a report's record) with every string in it (keys too) made inert,
    at any depth of dicts and lists; other values as they are."""
    if isinstance(value, str):
        return inert(value)
    if isinstance(value, dict):
        return {inert_value(key): inert_value(item) for key, item in value.items()}
    if isinstance(value, list):
        return [inert_value(item) for item in value]
    return value


# In a serialised JSON document these can only be inside strings (JSON itself escapes C0 controls), where a
# \uXXXX escape means the same character.
_JSON_UNSAFE = _lazy("_JSON_UNSAFE", f"##\\[|[{_OTHER_UNSAFE}]")
_OTHER_UNSAFE_CHAR = _lazy("_OTHER_UNSAFE_CHAR", f"[{_OTHER_UNSAFE}]")  # the same, without `##[`: one class


def json_text(document: str) -> str:
    """A serialised JSON document with the characters a terminal or CI log would act on written as JSON
    escapes (C1 controls, bidi controls, line separators, the `#` of `##[`): the same JSON value. jsontext.dumps
    applies it to every JSON text ipm writes."""
    if "##[" not in document and (  # a document's own line breaks are no concern
            (document.isprintable() if "\n" not in document else document.replace("\n", "").isprintable())
            or _OTHER_UNSAFE_CHAR.search(document) is None):
        return document
    return _JSON_UNSAFE.sub(lambda m: "\\u0023#[" if len(m.group()) > 1 else f"\\u{ord(m.group()):04x}", document)


def all_inert(texts: list[str]) -> bool:
    """Whether inert() leaves every one of `texts` as it is: one scan of them all (a finding has eight)."""
    joined = " ".join(texts)  # a blank creates no control character, no `##[` and no `::`
    return "::" not in joined and "##[" not in joined and (joined.isprintable() or _CHAR.search(joined) is None)


def inert_optional(text: str | None, *, multiline: bool = False) -> str | None:
    """inert() for a value that may be None."""
    return None if text is None else inert(text, multiline=multiline)


# CommonMark lets any ASCII punctuation be escaped with a backslash. These are the characters that start
# something inline: backslash escapes themselves, code spans, emphasis, links and images (brackets),
# table cells (|), GFM strikethrough (~) and GitHub's math ($). `<`, `>` and `&` become entities, so there
# is no HTML and no entity reference.
_MARKDOWN_SPECIAL = _lazy("_MARKDOWN_SPECIAL", r"[\\`*_\[\]|~$#]")
# GFM autolinks need `scheme:` (http:, https:, mailto:, xmpp:…) or `www.`: escaping that colon or that dot
# stops them; a zero-width space after it stops an autolinker that runs on the rendered text as well (an
# HTML post-filter, which sees `http://` again once the escape is gone). A colon after a non-letter, or
# before a digit or a blank (a.yaml:12, "Note: …"), starts no link and is left alone.
_MARKDOWN_LINKS = _lazy("_MARKDOWN_LINKS", r"(?<=www)\.|(?<=[a-z0-9]):(?![\d\s])", re.IGNORECASE)
# GitHub turns @team, user@example.com, #123, owner/repo#123 and GH-123 into links in the rendered HTML,
# where a backslash escape is already gone: a zero-width space after the `@`, the `#` or the `GH` breaks
# each reference and shows nothing.
_REFERENCE = _lazy("_REFERENCE", r"@(?=[\w.-])|#(?=\d)|(?<![\w-])GH(?=-\d)", re.IGNORECASE)
# The same filters link a commit SHA (7 to 40 hex digits, a word of its own: `a5c3785`, and any run of
# digits that happens to be a commit's prefix) and turn `:name:` into an emoji. A zero-width space after
# every sixth digit leaves no run of seven (ASCII bounds: wider than GitHub's word boundaries, never
# narrower); one after the opening colon breaks the shortcode.
_HEX_RUN = _lazy("_HEX_RUN", r"(?<![0-9A-Za-z])[0-9A-Fa-f]{7,}(?![0-9A-Za-z])")
_SHORTCODE = _lazy("_SHORTCODE", r":(?=[\w+-]+:)")
ZERO_WIDTH_SPACE = "\u200b"


def _break_hex(match: re.Match) -> str:
    run = match.group()
    return ZERO_WIDTH_SPACE.join(run[i:i + 6] for i in range(0, len(run), 6))


def markdown_text(text: str) -> str:
    """`text` escaped for Markdown (one table cell or one line): renders as itself, links, mentions and
    issue references none; control characters written out (inert()).

    Line breaks become `<br>` (the one HTML this writes), so a cell stays one table row.
    """
    text = inert(text, multiline=True)
    text = _SHORTCODE.sub(":" + ZERO_WIDTH_SPACE, text)  # before `_` is escaped inside the name
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _MARKDOWN_SPECIAL.sub(r"\\\g<0>", text)
    text = _MARKDOWN_LINKS.sub(lambda m: "\\" + m.group() + ZERO_WIDTH_SPACE, text)
    text = _REFERENCE.sub(lambda m: m.group() + ZERO_WIDTH_SPACE, text)
    text = _HEX_RUN.sub(_break_hex, text)
    return text.replace("\n", "<br>")


def yaml_text(text: str, *, quote: bool = False) -> str:
    """A YAML scalar that reads back as `text` and shows nothing live: `text` itself when inert() leaves it
    alone (and `quote` is not asked), else double-quoted with YAML's escapes (`\\x23` for the `#` of `##[`,
    `\\x3a` for a leading colon)."""
    if not quote and inert(text) is text:
        return text
    quoted = text.replace("\\", "\\\\").replace('"', '\\"')
    quoted = _UNSAFE_LINE.sub(lambda m: _yaml_escape(m.group()), quoted)
    return f'"{quoted}"'


def _yaml_escape(text: str) -> str:
    if text == "##[":
        return "\\x23#["
    if len(text) > 1:  # blanks, then `::`
        return "".join(_yaml_escape(char) for char in text[:-2]) + "\\x3a:"
    code = ord(text)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def html_text(value: object) -> str:
    """Any value as HTML text or a quoted attribute value: `&<>"'` escaped, control characters and workflow
    commands made inert (inert(), line feeds kept)."""
    from html import escape

    return escape("" if value is None else inert(str(value), multiline=True), quote=True)


# What makes a spreadsheet read a cell as a formula or a DDE call (OWASP "CSV injection"): =, +, -, @ first,
# and a tab or carriage return before them (some programs strip leading blanks before parsing). The
# full-width ＝ and ＋ are converted by some Chinese-locale spreadsheets.
_FORMULA_START = _lazy("_FORMULA_START", r"^[\s\u3000]*[=+\-@\uff1d\uff0b\uff0d\uff20]|^[\t\r]")


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
