"""The one interface each format implements (`Reporter`), over `results.CheckResult`, and the helpers formats share."""

from __future__ import annotations

import abc
import io
import os
import posixpath
import re
from collections.abc import Callable, Iterator
from dataclasses import replace
from typing import TYPE_CHECKING, Any, BinaryIO, ClassVar, Protocol, TextIO, cast

from ipmeasures.findings import Finding, Severity
from ipmeasures.i18n import _, join_names
from ipmeasures.results import CheckResult, CoverageRow, ReportResult, RuleInfo

if TYPE_CHECKING:
    from ipmeasures.outputs import TextSink

__all__ = ["CheckResult", "Companion", "CoverageRow", "Reporter", "RuleInfo"]


class Companion(Protocol):
    """What a format writes beside its document (GitHub's job summary): a reporter fed the same reports, and
    `close(run)` when the run ends."""

    @property
    def reporter(self) -> Reporter: ...

    def close(self, run: CheckResult) -> bool:
        """Write it; whether it was written (a courtesy that may fail without failing the check)."""
        ...


class Reporter(abc.ABC):
    """One output format, written as the check streams: `begin(out)`, `add()` for each checked report in
    the order given, `end(run)` with the run's cross-file findings and totals. A format keeps only bounded
    state between calls (or spools to a temporary file what must come after totals it cannot know yet).
    `render()`/`write()` feed a whole collected `CheckResult` through the same calls.

    A format declares the output contract (`ipmeasures.outputs`) as class attributes: its help line, whether
    its stdout is a document for a program (`machine`) and whether it is binary (file only).
    """

    description: ClassVar[str] = ""  # one line for `--format` help, marked N_() (translated at use)
    machine: ClassVar[bool] = False  # stdout carries only the document; a person's text goes to stderr
    binary: ClassVar[bool] = False  # a binary format (xlsx) only goes to a file: --output FORMAT=PATH
    # reads each report's statuses and lights (`ReportResult.record`, `CheckResult.reports`), which cost time
    # to make: they are made only when a format that reads them is asked for
    reads_reports: ClassVar[bool] = False
    # A format that needs a report's findings only as text says how it writes them (findings -> its text, or
    # None when they need the finding-by-finding door): when it is the only format of a run, the engine makes
    # that text where the report is checked and sends it, not the findings (ReportResult.findings_text).
    findings_text: ClassVar[staticmethod[[list[Finding]], str | None] | None] = None

    def __init__(self, *, color: bool = False, width: int | None = None) -> None:
        # Every reporter takes the same options so the CLI can build any of them the same way;
        # only the table uses them.
        self.color = color
        self.width = width
        self.out: TextSink | None = None
        self.rules: dict[str, RuleInfo] = {}

    def begin(self, out: TextSink | None, *, rules: dict[str, RuleInfo] | None = None) -> None:
        """Start the document on a text stream (None for a binary format); `rules`: every rule that runs (SARIF
        describes them first)."""
        self.out = out
        self.rules = dict(rules or {})

    def add(self, report: ReportResult) -> None:
        """One checked report. The one door from the engine to every check output (terminal, CI log,
        files): report-controlled text, file names included, is made inert here (escaping.inert). Its JSON
        record is born inert (supervision.results.report_record_json), in the worker that made it."""
        from ipmeasures.escaping import inert

        changes: dict[str, Any] = {}
        findings = [finding.inert() for finding in report.findings]
        if any(safe is not finding for safe, finding in zip(findings, report.findings)):
            changes["findings"] = findings
        file = inert(report.file)
        if file is not report.file:
            changes["file"] = file
        self.add_report(replace(report, **changes) if changes else report)

    def end(self, run: CheckResult) -> None:
        """Finish the document: `run.findings` are the cross-file findings, its counts the whole run's
        (a CheckResult's own text is made inert when it is made)."""
        self.end_document(run)

    def add_report(self, report: ReportResult) -> None:
        """A format's handling of one report (inert already); most write or spool its findings."""

    @abc.abstractmethod
    def end_document(self, run: CheckResult) -> None:
        """A format's end of the document."""

    def write(self, result: CheckResult, stream: TextSink) -> None:
        """A collected result, written through begin/add/end: each checked file's findings in the order
        given, then the findings about anything else (folders, unread paths) as the run's cross-file ones."""
        reports, run = split_by_file(result)
        self.begin(stream, rules=result.rules)
        for report in reports:
            self.add(report)
        self.end(run)

    def render(self, result: CheckResult) -> str:
        """The report for a collected `result`, as one string ending with a newline."""
        out = io.StringIO()
        self.write(result, out)
        return out.getvalue()

    def render_bytes(self, result: CheckResult) -> bytes:
        """The report as the bytes of a file: UTF-8 text, or a binary format's own bytes."""
        return self.render(result).encode("utf-8")

    def output_bytes(self) -> bytes:
        """A binary format's file, finished by `end()` (text formats write to their stream instead)."""
        raise NotImplementedError(type(self).__name__)

    def _write(self, text: str) -> None:
        assert self.out is not None, "begin() first"
        self.out.write(text)

    def _copy(self, buffer: Spool) -> None:
        assert self.out is not None, "begin() first"
        copy_spool(buffer, self.out)

    @classmethod
    def companion(cls, rules: dict[str, RuleInfo]) -> Companion | None:
        """What the format writes beside its document, fed the same reports (GitHub's job summary), or None
        (most formats)."""
        return None


def split_by_file(result: CheckResult) -> tuple[list[ReportResult], CheckResult]:
    """A collected result as a stream: a ReportResult per checked file (in order), and the run with the
    findings no checked file owns and the totals of all."""
    by_file: dict[str, list[Finding]] = {name: [] for name in result.checked_files}
    tail: list[Finding] = []
    for finding in result.findings:
        found = by_file.get(finding.file)
        (tail if found is None else found).append(finding)
    reports = [ReportResult(file=name, findings=found) for name, found in by_file.items()]
    return reports, replace(result, findings=tail, counts=result.tally())


def spool() -> Spool:
    """A text buffer for what a format must write after totals it learns only at the end: in memory while
    small, on disk past SPOOL_BYTES, so a run's size never shows in memory."""
    return Spool(SPOOL_BYTES)


SPOOL_BYTES = 1 << 20


class Spool:
    """In memory (a StringIO) until more than `limit` characters are written, then a temporary file.

    Not tempfile.SpooledTemporaryFile: in text mode it encodes every write and asks its buffer for its
    position after each one, which cost a check streaming thousands of findings more than writing them.
    On disk, writes are gathered and encoded to UTF-8 a quarter of a megabyte at a time (a write per report
    cost more than making the text), and `copy_to` hands the bytes on as they are to a UTF-8 output: the
    end of a large run is a copy, not a decoding and an encoding again.
    """

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.size = 0
        self._memory: io.StringIO | None = io.StringIO()
        self._disk: BinaryIO | None = None
        self._text: io.TextIOWrapper | None = None  # the disk file read back as text (read, iteration)
        self._pending: list[str] = []  # on disk: written, not yet handed to the file
        self._pending_size = 0
        self._closed = False

    @property
    def spilled(self) -> bool:
        return self._memory is None

    @property
    def closed(self) -> bool:
        return self._closed

    def write(self, text: str) -> int:
        self.size += len(text)  # characters written so far
        if self._memory is None:
            self._pending.append(text)
            self._pending_size += len(text)
            if self._pending_size > _SPOOL_BATCH:
                self._drain()
            return len(text)
        if self.size <= self.limit:
            return self._memory.write(text)
        import tempfile

        self._disk = tempfile.TemporaryFile("w+b")  # noqa: SIM115 - closed by close()
        self._pending, self._pending_size = [self._memory.getvalue(), text], self.size
        self._memory = None
        self._drain()
        return len(text)

    def _drain(self) -> None:
        if self._pending and self._disk is not None:
            self._disk.write("".join(self._pending).encode("utf-8", "surrogateescape"))
            self._pending, self._pending_size = [], 0

    def _readable(self) -> TextIO:
        if self._memory is not None:
            return self._memory
        if self._text is None:
            assert self._disk is not None
            self._drain()
            self._disk.seek(0)
            self._text = io.TextIOWrapper(self._disk, encoding="utf-8", errors="surrogateescape", newline="")
        return self._text

    def _drop_reader(self) -> None:
        if self._text is not None:
            self._text.detach()  # (dropped whole, a text wrapper would close the file under it)
            self._text = None

    def seek(self, offset: int) -> int:
        """Back to the start (offset 0) before reading what was written."""
        if self._memory is not None:
            return self._memory.seek(offset)
        self._drop_reader()  # a fresh reader from `offset`
        self._drain()
        assert self._disk is not None
        return self._disk.seek(offset)

    def read(self, size: int = -1) -> str:
        return self._readable().read(size)

    def __iter__(self) -> Iterator[str]:
        return iter(self._readable())

    def copy_to(self, out: TextSink) -> None:
        """Everything written, onto `out`: as UTF-8 bytes where `out` takes them (`write_utf8`, or a UTF-8 text
        file), else as text."""
        if self._memory is not None:
            out.write(self._memory.getvalue())
            return
        assert self._disk is not None
        self._drain()
        self._disk.seek(0)
        write_utf8 = utf8_writer(out)
        if write_utf8 is None:
            self._drop_reader()
            while text := self._readable().read(1 << 16):
                out.write(text)
            return
        while data := self._disk.read(1 << 20):
            write_utf8(data)

    def close(self) -> None:
        self._closed = True
        self._pending = []
        if self._memory is not None:
            self._memory.close()
        if self._disk is not None:
            self._drop_reader()
            self._disk.close()


_SPOOL_BATCH = 1 << 18


def utf8_writer(out: object) -> Callable[[bytes], object] | None:
    """How to hand `out` UTF-8 bytes as they are: its own `write_utf8` (stdout for a program), or the buffer under
    a UTF-8 text file (an output file); None when it takes only text."""
    own = getattr(out, "write_utf8", None)
    if own is not None:
        return cast("Callable[[bytes], object]", own)
    if isinstance(out, io.TextIOWrapper) and out.encoding.replace("-", "").lower() == "utf8":
        out.flush()
        return out.buffer.write
    return None


def copy_spool(buffer: Spool, out: TextSink) -> None:
    """Everything written to a spool, onto `out`; the spool is closed."""
    buffer.copy_to(out)
    buffer.close()


def severity_label(finding: Finding) -> str:
    """The user-facing word for a finding's severity, marked when suppressed."""
    label = _("错误") if finding.severity is Severity.ERROR else _("警告")
    if finding.waiver is not None:
        label = _("{severity}（已豁免：{approver}，至 {expiry}）").format(
            severity=label, approver=finding.waiver.approver, expiry=finding.waiver.expiry.isoformat())
    elif finding.suppressed:
        label = _("{severity}（已豁免）").format(severity=label)
    if finding.change == "persisting":
        label = _("{severity}（基线已有）").format(severity=label)
    return label


def summary_line(result: CheckResult) -> str:
    """The one-line count every human-readable format closes with."""
    return _("文件 {files} 个，错误 {errors}，警告 {warnings}，已豁免 {suppressed}").format(
        files=result.files, errors=result.errors, warnings=result.warnings, suppressed=result.suppressed
    )


def position(finding: Finding, *, column: bool = True) -> str:
    """Where in its file: `line:column` (a workbook's cell, `报告!E9`), leaving out what is unknown; empty
    for a finding about the whole file. The one definition every output uses."""
    if finding.cell is not None:
        return finding.cell
    if finding.line is None:
        return ""
    return f"{finding.line}:{finding.column}" if column and finding.column is not None else str(finding.line)


def location(finding: Finding, *, column: bool = True) -> str:
    """`file:line:column` (`file:报告!E9` in a workbook), leaving out what is unknown."""
    where = position(finding, column=column)
    return f"{finding.file}:{where}" if where else finding.file


def duty_label(finding: Finding) -> str:
    """The measure and/or task a finding is about, e.g. `措施 3 / 任务 5`, or empty."""
    parts = []
    if finding.measure is not None:
        parts.append(_("措施 {n}").format(n=finding.measure))
    if finding.task is not None:
        parts.append(_("任务 {n}").format(n=finding.task))
    if finding.item is not None and not parts:
        parts.append(_("事项 {ref}").format(ref=finding.item))
    return " / ".join(parts)


def coverage_kind_label(row: CoverageRow) -> str:
    """措施, 任务 or 事项."""
    return {"measure": _("措施"), "task": _("任务")}.get(row.kind) or _("事项")


def coverage_number(row: CoverageRow) -> str:
    """A coverage row's number as a clerk writes it: 19, 3, or an item's reference (二(三)2)."""
    return row.ref if row.ref is not None else str(row.id)


def missing_label(row: CoverageRow) -> str:
    """Units that owe a report on the duty; one whose report leaves it out is marked as the ledger and the
    dashboard say it: `市法院（报告缺此项）`. A unit without a report is just named (未报送 heads the column)."""
    gap = _("报告缺此项")
    return join_names(_("{unit}（{status}）").format(unit=unit, status=gap) if unit in row.missing_item else unit
                      for unit in row.missing)


def reported_label(row: CoverageRow) -> str:
    """Units that reported, each with its status: `市公安局（已完成）、市法院（推进中）`."""
    return join_names(_("{unit}（{status}）").format(unit=unit, status=status)
                    for unit, status in row.reported.items())


_DRIVE = re.compile(r"^[A-Za-z]:[\\/]")
# A backslash that a Windows path uses as its separator -- not one that starts what escaping.inert() writes
# for a control character or a byte that is not UTF-8 (`\x1b`, `\u202e`, `\n`), which is part of the name.
_WINDOWS_SEPARATOR = re.compile(r"\\(?!x[0-9a-f]{2}|u[0-9a-f]{4}|[nrt])")


def posix_separators(path: str) -> str:
    """`path` with a Windows separator (`\\`) as `/`; on POSIX, a name's own written-out escapes kept."""
    if os.sep == "\\":
        return path.replace("\\", "/")
    return _WINDOWS_SEPARATOR.sub("/", path)


def relative_path(path: str, root: str | None = None) -> str | None:
    """`path` relative to `root` (default: the working directory), with forward slashes and no `./` or `//`.

    None when the path lies outside `root` (another drive, or `..` above it): code-scanning services map
    only paths inside the repository, which is where a CI job checks out and runs.
    """
    if _DRIVE.match(path) and os.sep == "/":  # a Windows path read on another system
        return None
    root = os.path.abspath(root if root is not None else os.getcwd())
    try:
        # a relative path is relative to the working directory, where the user typed it
        relative = os.path.relpath(os.path.abspath(posix_separators(path).replace("/", os.sep)), root)
    except ValueError:  # another drive on Windows
        return None
    posix = posixpath.normpath(relative.replace(os.sep, "/"))
    if posix == ".." or posix.startswith(("../", "/")):
        return None
    return posix


def anchor(finding: Finding, checked_files: list[str]) -> tuple[str, int, int | None]:
    """Where a finding can be shown in a file: (file, line, column), a line for every finding.

    A finding about a whole file (no line) points at its line 1; one about a folder (`missing-report`
    names the folder the reports were looked for in) at line 1 of the first report checked in it, or of
    the folder itself when none was.
    """
    if finding.line is not None and finding.line >= 1:
        column = finding.column if finding.column is not None and finding.column >= 1 else None
        return finding.file, finding.line, column
    if finding.file not in checked_files:
        folder = os.path.normpath(finding.file)
        for name in checked_files:
            parent = os.path.dirname(os.path.normpath(name)) or "."
            if parent == folder or parent.startswith(folder.rstrip(os.sep) + os.sep) or folder == ".":
                return name, 1, None
    return finding.file, 1, None

