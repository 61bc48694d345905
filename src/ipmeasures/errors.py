"""Errors a user can cause. The CLI catches IpmError in one place and prints it without a traceback."""

from __future__ import annotations

from ipmeasures.i18n import _

EXIT_OK = 0
EXIT_FINDINGS = 1  # findings that fail the run, or invalid input
EXIT_USAGE = 2  # unknown option, unknown or ambiguous name


class IpmError(Exception):
    """Base of every error ipm raises on purpose."""

    exit_code = EXIT_FINDINGS
    multiline = False  # whether the message's line breaks are ipm's own (set per error, see __init__)

    def __init__(self, message: str, *, multiline: bool = False) -> None:
        """`multiline`: the message's lines were composed by ipm from text already made inert (a list of
        findings); otherwise a line break in it is outside text and is written out like any control character."""
        super().__init__(message)
        self.message = message
        self.multiline = multiline

    def render(self) -> str:
        """The message as printed: report-controlled text in it (file names, values) made inert."""
        from ipmeasures.escaping import inert

        return inert(self.message, multiline=self.multiline)


class OutputError(IpmError):
    """The output cannot be written (a full disk, an I/O error on stdout): exit 1, the output is incomplete."""


def cannot_write_message(path: str, reason: object) -> str:
    """The one message of an output file that cannot be written (the commands' -o/--output, ipm import's data files)."""
    return _("无法写入输出文件 {path}（{reason}）：请检查路径、权限与磁盘空间（--output / -o）。").format(
        path=path, reason=reason)


class UsageError(IpmError):
    """The command line names something that does not exist or is ambiguous."""

    exit_code = EXIT_USAGE


class MissingExtraError(UsageError):
    """A command needs an optional extra that is not installed (e.g. openpyxl for .xlsx); says which."""


class SourceError(IpmError):
    """A YAML file cannot be read as data: encoding, syntax, aliases, tags, duplicate keys, size."""

    def __init__(self, message: str, path: str, line: int | None = None, column: int | None = None,
                 field: str | None = None) -> None:
        super().__init__(message)
        self.path = path
        self.line = line
        self.column = column
        self.field = field

    def render(self) -> str:
        from ipmeasures.escaping import inert

        where = self.path if self.line is None else f"{self.path}:{self.line}"
        if self.field:
            return inert(f"{where}: {self.field}: {self.message}")
        return inert(f"{where}: {self.message}")


class DataError(IpmError):
    """One or more problems in the policy data files, each with file, line and field path."""

    def __init__(self, problems: list[SourceError]) -> None:
        self.problems = problems
        super().__init__("\n".join(p.render() for p in problems))

    def render(self) -> str:
        head = _("数据文件有 {n} 处问题：").format(n=len(self.problems))
        return head + "\n" + "\n".join("  " + p.render() for p in self.problems)


class UnknownNameError(UsageError):
    """A unit (or measure, task) name that resolves to nothing; carries the closest names."""

    def __init__(self, message: str, suggestions: list[str] | None = None) -> None:
        super().__init__(message)
        self.suggestions = suggestions or []


class AmbiguousNameError(UsageError):
    """A fragment that matches more than one unit; carries the candidates."""

    def __init__(self, message: str, candidates: list[str]) -> None:
        super().__init__(message)
        self.candidates = candidates
