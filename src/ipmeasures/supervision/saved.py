"""A saved `ipm check --format json` result, read as a stream: one finding record at a time, never the whole
document (`ipm diff` with a saved side, `ipm check --baseline`).

A saved result may hold 200,000 findings (up to MAX_JSON_BYTES): parsed whole, it took several hundred MiB.
The file is read a piece at a time, decoded incrementally and parsed a value at a time with json's own
decoder (`raw_decode`), which gives each finding record, checked, to the caller's `visit`. The layout ipm
writes (one record a line, `jsontext.lines`) and any other layout of the same JSON are read alike.

Anything unexpected -- a syntax error, text that is not UTF-8, a value of the wrong shape, a key given twice
-- sends the file to the reader of the whole document (`_whole`), which says what is wrong exactly as
json.loads and the shape checks say it (file, line and column; the field path `findings.N.field`). Only a
file with something wrong (or a key twice) is read whole.
"""

from __future__ import annotations

import codecs
import os
from collections.abc import Callable, Iterator
from typing import Any

from ipmeasures.errors import IpmError
from ipmeasures.i18n import N_, _

MAX_JSON_BYTES = 256 * 1024 * 1024  # a saved result of 10,000 reports is a few tens of MiB
_PIECE = 1 << 20
_BLANKS = " \t\n\r"  # JSON's whitespace


class _Whole(Exception):
    """The streamed reading met something it leaves to the reader of the whole document."""


class Saved:
    """What scan_saved() found: the report records (None when the result has none), and whether the file had
    to be read whole (then so is it read again)."""

    __slots__ = ("path", "reports", "whole")

    def __init__(self, path: str, reports: list[dict[str, Any]] | None, whole: bool) -> None:
        self.path, self.reports, self.whole = path, reports, whole


def scan_saved(path: str, visit: Callable[[dict[str, Any]], None], *, restart: Callable[[], None] | None = None,
               keep_reports: bool = True) -> Saved:
    """Read a saved result through once, calling `visit` with each finding record in order (its shape checked,
    not yet made inert). Its report records are kept only with `keep_reports` (else [] stands for them).

    An IpmError names the file and what is wrong. `restart` is called when the records are given again from
    the first (a file with something the streamed reading leaves to the whole-document one): what `visit`
    took so far is to be dropped.
    """
    _check_size(path)
    visited = False
    reader = _Reader(path)
    try:
        for record in _records(reader, keep_reports=keep_reports):
            visited = True
            visit(record)
        return Saved(path, reader.reports, whole=False)
    except _Whole:
        pass
    findings, reports = _whole(path)
    if visited and restart is not None:
        restart()
    for record in findings:
        visit(record)
    if not keep_reports and reports is not None:
        reports = []
    return Saved(path, reports, whole=True)


def saved_findings(saved: Saved) -> Iterator[dict[str, Any]]:
    """The finding records of a saved result that scan_saved() has read without error, again, in order."""
    if saved.whole:
        yield from _whole(saved.path)[0]
        return
    try:
        yield from _records(_Reader(saved.path), keep_reports=False)
    except _Whole:  # the file changed since it was scanned
        raise IpmError(_("{path}：读取过程中文件被改动了，请重新运行。").format(path=saved.path)) from None


def _check_size(path: str) -> None:
    try:
        if os.path.getsize(path) > MAX_JSON_BYTES:
            raise IpmError(_("{path}：文件超过 {limit} MiB，不像 ipm check 的 JSON 结果。").format(
                path=path, limit=MAX_JSON_BYTES // (1024 * 1024)))
    except OSError as exc:
        raise IpmError(_("无法读取 {path}（{reason}）：请检查路径与权限。").format(
            path=path, reason=exc.strerror or exc)) from None


class _Reader:
    """The decoded text of a file, a piece at a time: `text[pos:]` is what is not yet parsed."""

    def __init__(self, path: str) -> None:
        from ipmeasures.sources.files import read_pieces

        self.path = path
        self.pieces = read_pieces(path, MAX_JSON_BYTES, adjustable=False, piece=_PIECE)
        self.decoder = codecs.getincrementaldecoder("utf-8-sig")()
        self.text = ""
        self.pos = 0
        self.ended = False
        self.reports: list[dict[str, Any]] | None = None

    def more(self) -> bool:
        """Read on (at least as much as the buffer holds, so one long value costs few reads); False at the end."""
        if self.ended:
            return False
        from ipmeasures.errors import SourceError

        if self.pos:
            self.text, self.pos = self.text[self.pos:], 0
        want, got, parts = max(len(self.text), _PIECE), 0, []
        try:
            while got < want:
                piece = next(self.pieces, None)
                if piece is None:
                    parts.append(self.decoder.decode(b"", final=True))
                    self.ended = True
                    break
                parts.append(self.decoder.decode(piece))
                got += len(piece)
        except (SourceError, OSError, UnicodeDecodeError):
            raise _Whole from None  # said as the whole-document reader says it
        self.text += "".join(parts)
        return True

    def peek(self) -> str:
        """The next character that is not JSON whitespace ("" at the end), moving past the whitespace."""
        while True:
            text, pos = self.text, self.pos
            while pos < len(text) and text[pos] in _BLANKS:
                pos += 1
            self.pos = pos
            if pos < len(text):
                return text[pos]
            if not self.more():
                return ""

    def expect(self, char: str) -> None:
        if self.peek() != char:
            raise _Whole
        self.pos += 1

    def value(self) -> Any:
        """The JSON value at the next non-blank character."""
        self.peek()
        while True:
            try:
                value, end = _DECODER.raw_decode(self.text, self.pos)
            except ValueError:  # json.JSONDecodeError, or a value cut where the buffer ends
                if self.more():
                    continue
                raise _Whole from None
            if end == len(self.text) and self.more():  # a number may go on in the next piece
                continue
            self.pos = end
            return value

    def elements(self) -> Iterator[Any]:
        """The values of the array that starts at the next non-blank character."""
        self.expect("[")
        if self.peek() == "]":
            self.pos += 1
            return
        while True:
            yield self.value()
            following = self.peek()
            self.pos += 1
            if following == "]":
                return
            if following != ",":
                raise _Whole


class _Decoder:
    def __init__(self) -> None:
        self._decoder: Any = None

    def raw_decode(self, text: str, pos: int) -> tuple[Any, int]:
        if self._decoder is None:
            import json

            self._decoder = json.JSONDecoder()
        return self._decoder.raw_decode(text, pos)


_DECODER = _Decoder()


def _records(reader: _Reader, *, keep_reports: bool) -> Iterator[dict[str, Any]]:
    """Each finding record of the document, checked; the report records onto `reader.reports`. _Whole for
    anything but a top-level object with one `findings` list of well-formed records (and one `reports`)."""
    reader.expect("{")
    seen: set[str] = set()
    if reader.peek() == "}":
        raise _Whole  # no findings: said by the whole-document reader
    while True:
        if reader.peek() != '"':
            raise _Whole
        key = reader.value()
        reader.expect(":")
        if key in seen and key in ("findings", "reports"):
            raise _Whole  # a key twice: the last one counts, as json.loads has it
        seen.add(key)
        if key == "findings":
            if reader.peek() != "[":
                raise _Whole
            for record in reader.elements():
                if finding_problem(record) is not None:
                    raise _Whole
                yield record
        elif key == "reports":
            if reader.peek() == "[":
                reports: list[dict[str, Any]] = []
                for record in reader.elements():
                    if not valid_report(record):
                        raise _Whole
                    if keep_reports:
                        reports.append(record)
                reader.reports = reports
            elif reader.value() is not None:
                raise _Whole
        else:
            reader.value()
        following = reader.peek()
        reader.pos += 1
        if following == "}":
            break
        if following != ",":
            raise _Whole
    if reader.peek() != "" or "findings" not in seen:
        raise _Whole


def _whole(path: str) -> tuple[list[dict[str, Any]], list[dict[str, Any]] | None]:
    """A saved result's finding records and its report records (None when it has none), read whole and
    checked for the shape ipm writes; IpmError naming the file and what is wrong."""
    import json

    from ipmeasures.errors import SourceError
    from ipmeasures.sources.files import read_bounded

    try:
        # Only a regular file, never more than the limit: a FIFO or a device would block or never end.
        document = json.loads(read_bounded(path, MAX_JSON_BYTES, adjustable=False).decode("utf-8-sig"))
    except SourceError as exc:
        raise IpmError(exc.render()) from None
    except OSError as exc:
        raise IpmError(_("无法读取 {path}（{reason}）：请检查路径与权限。").format(
            path=path, reason=exc.strerror or exc)) from None
    except UnicodeDecodeError:
        raise IpmError(_("{path}：不是 UTF-8 文本。请用 ipm check --format json > 文件 重新生成。").format(
            path=path)) from None
    except json.JSONDecodeError as exc:
        raise IpmError(_("{path}:{line}:{column}: 不是有效的 JSON（{reason}）。请用 ipm check --format json > 文件 "
                         "重新生成。").format(path=path, line=exc.lineno, column=exc.colno, reason=exc.msg)) from None
    findings = document.get("findings") if isinstance(document, dict) else None
    if not isinstance(findings, list):
        raise IpmError(_("{path}: findings: 不是 ipm check --format json 的结果（应有 findings 列表，每条带 rule）。"
                         "请用 ipm check --format json > 文件 重新生成。").format(path=path))
    for index, record in enumerate(findings):
        problem = finding_problem(record)
        if problem is not None:
            name, expected = problem
            raise IpmError(_("{path}: findings.{index}{field}: 应为{expected}，与 ipm check --format json 写出的不同。"
                             "请用 ipm check --format json > 文件 重新生成。").format(
                path=path, index=index, field=f".{name}" if name else "", expected=_(expected)))
    reports = document.get("reports")
    if reports is not None and not (isinstance(reports, list) and all(valid_report(r) for r in reports)):
        raise IpmError(_("{path}: reports: 格式不对（每项应有 file、unit、period、statuses）。"
                       "请用 ipm check --format json > 文件 重新生成。").format(path=path))
    return findings, reports


# The fields of Finding.to_record() that a comparison reads, each with the types a saved result may hold.
_FINDING_FIELDS: tuple[tuple[str, tuple[type, ...], bool, str], ...] = (
    ("rule", (str,), True, N_("文字")),
    ("severity", (str,), True, N_("“error”或“warning”")),
    ("message", (str,), False, N_("文字")),
    ("file", (str,), False, N_("文字")),
    ("unit", (str,), False, N_("文字")),
    ("item", (str,), False, N_("文字")),
    ("field", (str,), False, N_("文字")),
    ("cell", (str,), False, N_("文字")),
    ("line", (int,), False, N_("整数")),
    ("column", (int,), False, N_("整数")),
    ("measure", (int,), False, N_("整数")),
    ("task", (int,), False, N_("整数")),
    ("suppressed", (bool,), False, N_("true 或 false")),
)


def finding_problem(record: object) -> tuple[str, str] | None:
    """(field, what it should be) for the first field of a saved finding that ipm would not have written."""
    if not isinstance(record, dict):
        return "", N_("一个 JSON 对象")
    for name, types, required, expected in _FINDING_FIELDS:
        value = record.get(name)
        if value is None:
            if required:
                return name, expected
            continue
        # bool is an int in Python: a line of `true` is not a line number.
        if not isinstance(value, types) or (isinstance(value, bool) and bool not in types):
            return name, expected
    if record["severity"] not in ("error", "warning"):
        return "severity", N_("“error”或“warning”")
    return None


def valid_report(record: object) -> bool:
    """Whether a saved report record has the shape ipm writes (statuses, each with a status)."""
    return (isinstance(record, dict) and isinstance(record.get("statuses"), list)
            and all(isinstance(s, dict) and isinstance(s.get("status"), str) for s in record["statuses"]))
