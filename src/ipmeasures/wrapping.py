"""Wrapping mixed Chinese and English text by display width, at name and punctuation boundaries.

A terminal shows a CJK character two columns wide; click and Python's textwrap count it as one, and break
only at spaces, so Chinese help runs past the terminal and tokens such as `dashboard.html` break where a
space happens to be. The rules here:

- width is display width (East Asian wide and full-width characters count 2);
- a line may break at a space, after Chinese punctuation (、，。；：), and, only when a segment between
  punctuation is wider than the line, between two Chinese characters;
- an ASCII token is never broken (`dashboard.html`, `junit=ipm.xml`), nor is a bracketed or quoted ASCII
  run (`$(ipm completion bash)`), unless it alone is wider than the line;
- 禁则 (kinsoku): no line starts with a closing mark (、，。；：！？)）」』】》” …), no line ends with an
  opening one (（(「『【《“).

No third-party import: click's help formatter uses this at start-up, the rich tables as a renderable.
"""

from __future__ import annotations

import re

# No line starts with these (they close or end something) ...
NO_START = frozenset("、，。；：！？）)」』】》〉”’…·,.;:!?%]}〕")
# ... and none ends with these (they open something).
NO_END = frozenset("（(「『【《〈“‘[{〔")
# A line may break after these (and after a space).
_BREAK_AFTER = frozenset("、，。；：！？，）」』】》〉”")
_ATOM_CAP = 40  # display columns: a quoted or bracketed ASCII run longer than this may break at its spaces
_SEGMENT_CAP = 20  # display columns: a longer segment between punctuation may break between CJK characters


def char_width(ch: str) -> int:
    """Display columns of one character: 2 for East Asian wide/full-width, 0 for combining marks, else 1."""
    code = ord(ch)
    if code < 0x1100:
        return 0 if code in (0x200B,) else 1
    import unicodedata

    if unicodedata.combining(ch):
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def width(text: str) -> int:
    """Display width of a line of text."""
    if text.isascii():
        return len(text)
    return sum(char_width(ch) for ch in text)


def _is_cjk(ch: str) -> bool:
    """A character of Chinese text, between which lines may break: CJK, and the curly quotes, ellipsis and
    dashes Chinese text uses (they sit below U+2E80)."""
    return ord(ch) >= 0x2E80 or ch in "“”‘’…—·"


def _atoms(text: str) -> list[str]:
    """The text cut into pieces no break may fall inside: an ASCII run without spaces (and any spaced ASCII
    run inside brackets or quotes), one CJK character, one space."""
    atoms: list[str] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch == " " or _is_cjk(ch):
            atoms.append(ch)
            i += 1
        else:
            j = i
            depth = 0
            quote = None
            while j < n and not _is_cjk(text[j]):
                c = text[j]
                if quote is not None:
                    if c == quote:
                        quote = None
                elif c in "\"'`" and (j == i or not text[j - 1].isalnum()):
                    quote = c
                elif c == "(" and j > i and text[j - 1] == "$" or c in "[{":  # $(…), [zh|en], {…}; not prose (…)
                    depth += 1
                elif c in ")]}" and depth:
                    depth -= 1
                elif c == " " and depth == 0:
                    break
                j += 1
            atom = text[i:j]
            if " " in atom and width(atom) > _ATOM_CAP:  # an unclosed quote or bracket: words again
                atom = text[i:text.index(" ", i)]
                j = i + len(atom)
            atoms.append(atom)
            i = j
    return atoms


def _chunks(text: str) -> list[str]:
    """The text as breakable chunks: atoms glued where no break is allowed between them.

    A break is allowed at a space, after break-after punctuation, between an ASCII atom and a CJK character,
    and between two CJK characters (only used for segments wider than _SEGMENT_CAP; see wrap). Kinsoku glues a
    closing mark to what precedes it and an opening mark to what follows it.
    """
    atoms = _atoms(text)
    chunks: list[str] = []
    glue_next = False
    for atom in atoms:
        if not chunks:
            chunks.append(atom)
        elif glue_next or atom[0] in NO_START:
            chunks[-1] += atom
        else:
            chunks.append(atom)
        glue_next = atom[-1] in NO_END
    return chunks


def _segments(chunks: list[str]) -> list[list[str]]:
    """Chunks grouped into segments that should stay on one line when they fit: the run between two
    preferred breaks (a space, break-after punctuation, an ASCII/CJK boundary)."""
    segments: list[list[str]] = []
    current: list[str] = []
    for chunk in chunks:
        if current and (chunk == " " or current[-1] == " " or current[-1][-1] in _BREAK_AFTER
                        or (not _is_cjk(current[-1][-1])) != (not _is_cjk(chunk[0]))):
            segments.append(current)
            current = []
        current.append(chunk)
    if current:
        segments.append(current)
    return segments


def wrap(text: str, limit: int) -> list[str]:
    """`text` as lines at most `limit` display columns wide (a single atom wider than that is cut by
    characters); explicit line breaks are kept; trailing spaces are dropped."""
    limit = max(limit, 2)
    lines: list[str] = []
    for paragraph in text.split("\n"):
        lines.extend(_wrap_line(paragraph, limit))
    return lines


def _wrap_line(text: str, limit: int) -> list[str]:
    if width(text) <= limit:
        return [text.rstrip(" ")]
    lines: list[str] = []
    line = ""
    used = 0
    for segment in _segments(_chunks(text)):
        seg_text = "".join(segment)
        seg_width = width(seg_text)
        if used + seg_width <= limit:
            line += seg_text
            used += seg_width
            continue
        if seg_text == " ":
            lines.append(line.rstrip(" "))
            line, used = "", 0
            continue
        # Move the segment whole to the next line when it is a name in a list (…、name、) or little room is
        # lost; a clause of prose is broken between characters to fill the line, as Chinese typesetting does.
        listed = seg_text.rstrip(" ").endswith("、") or line.rstrip(" ").endswith("、")
        if line.strip() and seg_width <= limit and (listed or not _is_cjk(seg_text.strip(" ")[0])
                                                     or limit - used <= limit * 0.15):
            lines.append(line.rstrip(" "))
            line, used = "", 0
            seg_text = seg_text.lstrip(" ")
            line, used = seg_text, width(seg_text)
            continue
        for chunk in segment:  # a long segment: break between its chunks (CJK characters)
            chunk_width = width(chunk)
            if used + chunk_width > limit and line.strip():
                lines.append(line.rstrip(" "))
                line, used = "", 0
                if chunk == " ":
                    continue
            while chunk_width > limit:  # one atom wider than a line: cut it
                cut, taken = "", 0
                for ch in chunk:
                    if taken + char_width(ch) > limit - used:
                        break
                    cut += ch
                    taken += char_width(ch)
                lines.append(line + cut)
                line, used = "", 0
                chunk = chunk[len(cut):]
                chunk_width = width(chunk)
            line += chunk
            used += chunk_width
    if line.strip() or not lines:
        lines.append(line.rstrip(" "))
    return lines


def min_width(text: str, cap: int = _SEGMENT_CAP) -> int:
    """The narrowest width `text` wraps to without breaking a segment of up to `cap` columns or an atom."""
    best = 1
    for paragraph in text.split("\n"):
        for segment in _segments(_chunks(paragraph)):
            seg_width = width("".join(segment).strip(" "))
            if seg_width > cap:
                seg_width = max([cap] + [width(chunk) for chunk in segment if _is_ascii_chunk(chunk)])
            best = max(best, seg_width)
    return best


def _is_ascii_chunk(chunk: str) -> bool:
    return not any(_is_cjk(ch) for ch in chunk)


class Cell:
    """A rich renderable: `text` wrapped by `wrap` at the width rich gives it, measured by `min_width` so that
    rich sizes table columns by their content and never breaks a name or a word to fit another column.

    `label` (styled `label_style`) is printed before the text on the first line, as in `全称：惠州市公安局`.
    """

    def __init__(self, text: str, style: str = "", highlight: str | None = None, *, label: str = "",
                 label_style: str = "", hang: int = 0) -> None:
        self.text = text
        self.style = style
        self.highlight = highlight
        self.label = label
        self.label_style = label_style
        self.hang = hang  # spaces before every line after the first

    def __rich_measure__(self, console, options):
        from rich.measure import Measurement

        whole = self.label + self.text
        widest = max((width(line) for line in whole.split("\n")), default=0)
        return Measurement(min(min_width(whole), options.max_width), min(widest, options.max_width))

    def __rich_console__(self, console, options):

        from rich.text import Text

        lines = wrap(self.label + self.text, options.max_width)
        if self.hang and len(lines) > 1:
            rest = wrap((self.label + self.text)[len(lines[0]):].lstrip(" "),
                        max(options.max_width - self.hang, 2))
            lines = [lines[0], *(" " * self.hang + line for line in rest)]
        text = Text("\n".join(lines), style=self.style, no_wrap=True, overflow="fold")
        if self.label:
            text.stylize(self.label_style, 0, len(self.label))
        if self.highlight:
            text.highlight_regex(re.escape(self.highlight), style="bold reverse")
        yield text


def allocate(cells: list[list[str]], available: int, cap: int = 12) -> list[int] | None:
    """Content widths for table columns (`cells`: each column's header and values) within `available` columns;
    None when even their minimums do not fit. Each column gets at least its minimum (`min_width` with `cap`),
    at most its widest line; the space left is shared in proportion to what each column still lacks, so a
    column of long lists of names gets the room, not a column of short titles."""
    naturals = [max((width(line) for value in column for line in value.split("\n")), default=1) for column in cells]
    minimums = [min(max((min_width(value, cap) for value in column), default=1), natural)
                for column, natural in zip(cells, naturals, strict=True)]
    if sum(minimums) > available:
        return None
    if sum(naturals) <= available:
        return naturals
    # Water-filling: every column that fits in an equal share of the room left gets its whole width; the
    # columns that do not (long lists of names, long titles) share what remains equally, never below their minimum.
    widths = list(naturals)
    open_columns = set(range(len(naturals)))
    room = available
    while open_columns:
        share = room // len(open_columns)
        settled = {i for i in open_columns if naturals[i] <= share}
        if not settled:
            for i in sorted(open_columns):
                widths[i] = max(minimums[i], share)
            excess = sum(widths) - available
            for i in sorted(open_columns, key=lambda k: widths[k] - minimums[k], reverse=True):
                if excess <= 0:
                    break
                cut = min(excess, widths[i] - minimums[i])
                widths[i] -= cut
                excess -= cut
            leftover = available - sum(widths)
            for i in sorted(open_columns):
                if leftover <= 0:
                    break
                widths[i] += 1
                leftover -= 1
            break
        for i in settled:
            room -= naturals[i]
        open_columns -= settled
    return widths
