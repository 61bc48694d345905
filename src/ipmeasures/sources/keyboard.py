"""Chinese-keyboard mistakes in YAML: recognise them, explain them in the clerk's terms, repair the mechanical ones.

A report typed with a Chinese input method picks up characters YAML does not read as syntax: a full-width
colon `status：推进中`, full-width spaces (U+3000) as indentation, a document number with ASCII brackets inside
a flow list `[市监发[2022]3号]`, list items added under the template's `evidence: []`, a full-width comma
between list entries, and `#` (a number sign to the clerk) that YAML reads as the start of a comment. The
parser's own message names none of these and points at the line *after* the mistake.

This module works on the text, line by line, with no YAML parser:

- `explain(text, problem_line, context_line)`: when libyaml fails, the mistake on or before the line it
  failed at, as (message, line, column), or None;
- `pitfalls(text)`: what parses but reads differently from what was typed (text cut by `#`, a full-width comma
  in a flow list), as `Pitfall` records for the `yaml-pitfall` warning;
- `repair(text)`: the mechanical fixes (`ipm fix`), changing nothing else.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ipmeasures.escaping import shorten
from ipmeasures.i18n import _
from ipmeasures.lazyre import lazy

# A key as report keys are written (ASCII words), optionally after a list dash, then a colon that YAML does
# not take as the key's end: a full-width one (with or without spaces around it), or an ASCII one with no
# space after it (`status:推进中`).
_FULLWIDTH_COLON = lazy(globals(), "_FULLWIDTH_COLON", r"^(?P<lead>[ ]*(?:-[ ]+)?)(?P<key>[A-Za-z_][A-Za-z0-9_-]*)(?P<space>[ \u3000]*)：[ \u3000]*")
_TIGHT_COLON = lazy(globals(), "_TIGHT_COLON", r"^(?P<lead>[ ]*(?:-[ ]+)?)(?P<key>[A-Za-z_][A-Za-z0-9_-]*):(?=[^\s:/])")
_INDENT = lazy(globals(), "_INDENT", r"^[ \u3000]*")
_EMPTY_FLOW = lazy(globals(), "_EMPTY_FLOW", r"^(?P<lead>[ ]*(?:-[ ]+)?)(?P<key>[A-Za-z_][A-Za-z0-9_-]*):[ ]*(?P<flow>\[[ ]*\]|\{[ ]*\})[ ]*(?:#.*)?$")
_KEY_OR_ITEM = lazy(globals(), "_KEY_OR_ITEM", r"-(?:[ ]|$)|[a-z_][a-z0-9_]*[ ]*[:：]")
_DASH_ITEM = lazy(globals(), "_DASH_ITEM", r"^(?P<indent>[ ]*)-(?:[ ]|$)")
_FLOW_VALUE = lazy(globals(), "_FLOW_VALUE", r"^[ ]*(?:-[ ]+)?[A-Za-z_][A-Za-z0-9_-]*:[ ]+\[(?P<body>.*)\][ ]*(?:#.*)?$")
_BLOCK_SCALAR = lazy(globals(), "_BLOCK_SCALAR", r":[ ]+[|>][0-9+-]*[ ]*(?:#.*)?$")
# A YAML comment starts at a `#` after a blank; in a report, a `#` followed by anything but a blank is a number
# sign the clerk meant as text (#3号文, #2), which YAML silently drops.
_COMMENT = lazy(globals(), "_COMMENT", r"[ \t]#(?=[^\s#])")
# A line with a full-width comma between `[` and `]`: what a flow-list pitfall needs (a superset of _FLOW_VALUE's lines).
_FLOW_COMMA = lazy(globals(), "_FLOW_COMMA", r"\[[^\n\r]*，[^\n\r]*\]")


@dataclass(frozen=True, slots=True)
class Pitfall:
    """Text that parses but does not read as typed: where (1-based) and what to do."""

    line: int
    column: int
    message: str


def explain(text: str, problem_line: int | None, context_line: int | None = None) -> tuple[str, int, int] | None:
    """The Chinese-keyboard mistake behind a YAML syntax error, as (message, line, column); None if none is seen.

    Lines are 1-based. The mistake is looked for on the lines from the parser's context mark (or the line before
    its problem mark) to the problem mark, nearest the start first; then on every line before it.
    """
    lines = text.splitlines()
    if problem_line is None:
        problem_line = len(lines)
    last = min(problem_line, len(lines))
    first = max(1, min(context_line or problem_line - 1, problem_line - 1))
    for start, stop in ((first, last), (1, first - 1)):
        for number in range(start, stop + 1):
            found = _mistake(lines, number)
            if found is not None:
                return found
    return None


def _mistake(lines: list[str], number: int) -> tuple[str, int, int] | None:
    line = lines[number - 1]
    indent = _INDENT.match(line)
    if indent is not None and "\u3000" in indent.group():
        return (_("第 {line} 行开头用了全角空格缩进：YAML 只认半角空格。请把行首的全角空格换成半角空格，"
                  "与上下同级的行对齐（ipm fix 可自动修正）。").format(line=number), number, 1)
    match = _FULLWIDTH_COLON.match(line)
    if match is not None:
        column = match.end("space") + 1
        return (_("第 {line} 行用了全角冒号“：”：请改为半角冒号加空格，写成 {key}: …（ipm fix 可自动修正）。").format(
            line=number, key=match.group("key")), number, column)
    match = _TIGHT_COLON.match(line)
    if match is not None:
        return (_("第 {line} 行的冒号后面没有空格：YAML 要求“字段: 值”的冒号后有一个空格，请写成 {key}: …"
                  "（ipm fix 可自动修正）。").format(line=number, key=match.group("key")), number, match.end("key") + 1)
    match = _EMPTY_FLOW.match(line)
    if match is not None and number < len(lines):
        following = _DASH_ITEM.match(lines[number])
        if following is not None:
            return (_("第 {line} 行的 {key}: {flow} 已经是一个（空的）列表，下面第 {next} 行的“- …”无法再加进去："
                      "请删去 {flow}，在 {key}: 之后换行逐项列出（ipm fix 可自动修正）。").format(
                line=number, key=match.group("key"), flow=match.group("flow"), next=number + 1),
                number, match.start("flow") + 1)
    match = _FLOW_VALUE.match(line)
    if match is not None and ("[" in match.group("body") or "]" in match.group("body")):
        column = match.start("body") + match.group("body").find("[") + 1
        return (_("第 {line} 行的列表中，文号里用了半角方括号“[ ]”，YAML 把它当作列表的开始或结束：请把文号中的括号"
                  "改为“〔〕”，或给这一项加引号，例如 [\"市监发[2022]3号\"]。").format(line=number), number, max(column, 1))
    return None


# A line that YAML reads but not as the clerk meant: a lower-case key (report and data keys are) after full-width
# indentation, or before a full-width colon. Either way the line is taken as text or as a new top-level key.
_MISREAD = lazy(globals(), "_MISREAD", r"^(?:[ \u3000]*\u3000[ \u3000]*(?:-[ ]+)?[a-z_][a-z0-9_]*[ ]*[:：]|[ ]*(?:-[ ]+)?[a-z_][a-z0-9_]*[ \u3000]*：)")


def misread(text: str) -> tuple[str, int, int] | None:
    """A mistake in a file that parsed: a key line indented with full-width spaces or ended by a full-width colon
    (YAML reads it as another key or as text, so the field is lost). (message, line, column), or None. Lines
    inside block scalars are text and are skipped."""
    lines = text.splitlines()
    block: int | None = None
    for number, line in enumerate(lines, 1):
        indent = len(line) - len(line.lstrip(" "))
        if block is not None:
            if not line.strip() or indent > block:
                continue
            block = None
        if _MISREAD.match(line):
            return _mistake(lines, number)
        if _BLOCK_SCALAR.search(line):
            block = indent
    return None


def pitfalls(text: str) -> list[Pitfall]:
    """What parses but reads differently from what was typed: a `#` that cuts a value, a full-width comma
    between flow-list entries. Lines inside block scalars (`|`, `>`) are text and are skipped."""
    found: list[Pitfall] = []
    if "#" not in text and _FLOW_COMMA.search(text) is None:
        # every pitfall needs a `#`, or a full-width comma inside a bracket on one line: most reports (whose
        # prose is full of full-width commas outside any bracket) are passed over without a line scan
        return found
    block_indent: int | None = None
    for number, line in enumerate(text.splitlines(), 1):
        stripped = line.strip()
        indent = len(line) - len(line.lstrip(" "))
        if block_indent is not None:
            if not stripped or indent > block_indent:
                continue
            block_indent = None
        if not stripped or stripped.startswith("#"):
            continue
        if _BLOCK_SCALAR.search(line):
            block_indent = indent
            continue
        comment = _comment_start(line) if "#" in line else None
        if comment is not None:
            cut = line[comment + 1:].strip()
            found.append(Pitfall(number, comment + 2, _(
                "第 {line} 行从“#”起的“{cut}”被 YAML 当作注释丢掉了，不会出现在报告里：若“#”是编号，请改用“第……号”"
                "或全角“＃”，或给整个值加引号。").format(line=number, cut=_short(cut))))
        flow = _FLOW_VALUE.match(line) if "，" in line else None
        if flow is not None and "，" in flow.group("body") and "," not in flow.group("body"):
            body = flow.group("body")
            if not body.lstrip().startswith(("\"", "'")):
                found.append(Pitfall(number, flow.start("body") + body.index("，") + 1, _(
                    "第 {line} 行的列表用全角逗号“，”分隔，YAML 把它读成了一项：若是几项，请改用半角逗号加空格"
                    "“, ”分隔。").format(line=number)))
    return found


def _comment_start(line: str) -> int | None:
    """The index of the blank before a `#` that starts a comment cutting a plain value, or None."""
    head = line.lstrip(" ")
    item = head.startswith("- ")
    if item:
        head = head[2:].lstrip(" ")
    _key, sep, value = head.partition(": ")
    if not sep and item:
        value = head  # a list entry: - 市监发〔2022〕3号 #2
    if not value.strip() or value.lstrip()[0] in "\"'|>[{&*!#":
        return None  # a quoted, block or flow value, or no value: nothing of the clerk's text is cut here
    match = _COMMENT.search(line, len(line) - len(value) - 1)
    return match.start() if match is not None else None


def _short(text: str, limit: int = 20) -> str:
    return shorten(text, limit)


# --- repair ------------------------------------------------------------------------------------


@dataclass(slots=True)
class Repair:
    """The repaired text and what was done to it, line by line (1-based)."""

    text: str
    changes: list[tuple[int, str]]


def repair(text: str) -> Repair:
    """Fix the mechanical mistakes: full-width colons and missing spaces after a key's colon, full-width spaces in
    indentation (each becomes two spaces, its width on screen), and `key: []` followed by `- ` items. Line
    endings and every other character are kept."""
    parts = re.split(r"(\r\n|\r|\n)", text)
    lines, ends = parts[0::2], parts[1::2] + [""]
    changes: list[tuple[int, str]] = []
    in_block: int | None = None
    for index, line in enumerate(lines):
        number = index + 1
        stripped = line.strip()
        indent = len(line) - len(line.lstrip(" \u3000"))
        if in_block is not None:
            if not stripped or indent > in_block:
                continue
            in_block = None
        original = line
        lead = _INDENT.match(line)
        if lead is not None and "\u3000" in lead.group() and _KEY_OR_ITEM.match(line, lead.end()):
            # Only before a key or a list item: a full-width space opening a line of text is a paragraph indent.
            line = lead.group().replace("\u3000", "  ") + line[lead.end():]
        match = _FULLWIDTH_COLON.match(line)
        if match is not None:
            rest = line[match.end():]
            line = f"{match.group('lead')}{match.group('key')}:" + (f" {rest}" if rest else "")
        else:
            match = _TIGHT_COLON.match(line)
            if match is not None:
                line = line[:match.end()] + " " + line[match.end():]
        empty = _EMPTY_FLOW.match(line)
        if empty is not None and index + 1 < len(lines):
            following = _DASH_ITEM.match(lines[index + 1].replace("\u3000", "  "))
            key_indent = len(empty.group("lead"))
            if following is not None and len(following.group("indent")) >= key_indent:
                line = line[:empty.start("flow")].rstrip(" ") + line[empty.end("flow"):]
        if line != original:
            changes.append((number, line))
            lines[index] = line
        if _BLOCK_SCALAR.search(line):
            in_block = len(line) - len(line.lstrip(" "))
    return Repair("".join(line + end for line, end in zip(lines, ends, strict=True)), changes)


__all__ = ["Pitfall", "Repair", "explain", "misread", "pitfalls", "repair"]
