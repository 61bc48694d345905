"""The one interface each format implements (`Reporter`), over `results.CheckResult`, and the helpers formats share."""

from __future__ import annotations

import abc
import os
import posixpath
import re
from typing import ClassVar

from ipmeasures.findings import Finding, Severity
from ipmeasures.i18n import _, join_names
from ipmeasures.results import CheckResult, CoverageRow, RuleInfo

__all__ = ["CheckResult", "CoverageRow", "Reporter", "RuleInfo"]


class Reporter(abc.ABC):
    """One output format. `render()` returns the whole document, ending with a newline."""

    description: ClassVar[str] = ""  # one line for `--format` help

    def __init__(self, *, color: bool = False, width: int | None = None) -> None:
        # Every reporter takes the same options so the CLI can build any of them the same way;
        # only the table uses them.
        self.color = color
        self.width = width

    @abc.abstractmethod
    def render(self, result: CheckResult) -> str:
        """Return the report for `result` as one string."""

    def write(self, result: CheckResult, stream) -> None:
        """Write the report to a text stream; a format may stream it piece by piece to save memory."""
        stream.write(self.render(result))

    binary: ClassVar[bool] = False  # a binary format (xlsx) only goes to a file: --output FORMAT=PATH

    def render_bytes(self, result: CheckResult) -> bytes:
        """The report as the bytes of a file: UTF-8 text, or a binary format's own bytes."""
        return self.render(result).encode("utf-8")


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


def location(finding: Finding, *, column: bool = True) -> str:
    """`file:line:column` (`file:报告!E9` in a workbook), leaving out what is unknown."""
    where = finding.file
    if finding.cell is not None:
        return f"{where}:{finding.cell}"
    if finding.line is not None:
        where += f":{finding.line}"
        if column and finding.column is not None:
            where += f":{finding.column}"
    return where


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
        relative = os.path.relpath(os.path.abspath(path.replace("\\", os.sep)), root)
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

