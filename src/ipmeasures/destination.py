"""Where an output may go: stdout (`-`), a new file, or an existing regular file that may be replaced.

One rule for every output option of every command (`check --output`, `-o` of ledger, dashboard, template,
convert and the queries):

- `-` is stdout;
- anything that exists and is not a regular file (a symlink, a FIFO, a device such as /dev/stdout or
  /dev/full, a directory) is refused with a usage error (exit 2), even with --force: the atomic write
  would replace it with a regular file, and as root that breaks /dev/stdout for the rest of a CI job;
- an existing regular file is replaced only with --force, or when it is recognisably a previous output
  of the same kind (ipm's own SARIF log, JUnit file, job-summary markdown, ledger workbook…), so that a
  CI job can run twice; a report, or anything else, never.

The recognisers read at most the first and last few KiB of a file, and never follow a link.
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Callable

from ipmeasures.errors import IpmError, UsageError
from ipmeasures.i18n import _

STDOUT = "-"
_PEEK = 4096
_XLSX_CORE_MAX = 64 * 1024  # docProps/core.xml of a workbook ipm wrote is under 1 KiB


class OutputExistsError(IpmError):
    """An existing file that this output may not replace (exit 1): not ipm's output of this kind, no --force."""


def is_stdout(path: str | None) -> bool:
    """Whether an output option names stdout (`-`)."""
    return path == STDOUT


def check_destination(path: str, kind: str, *, force: bool, to_stdout: bool = True) -> bool:
    """Refuse a destination this output may not be written to; return whether the file exists.

    `kind` names the output (`check:sarif`, `ledger:xlsx`, `report`…), see RECOGNISERS. UsageError (exit 2)
    for a path that exists and is not a regular file; OutputExistsError (exit 1) for an existing regular
    file that is neither a previous output of the same kind nor allowed by `force`. `to_stdout`: the output
    could go to stdout instead (`-`), which the refusal then suggests; a data directory's files cannot.
    """
    if is_stdout(path):
        return False
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return False
    except OSError as exc:
        raise UsageError(_("无法写入 {path}（{reason}）：请检查路径与权限。").format(
            path=path, reason=exc.strerror or exc)) from None
    if not stat.S_ISREG(info.st_mode):
        advice = _("要输出到标准输出，请写 -。") if to_stdout else _("请换一个目录，或先移走它。")
        raise UsageError(_("{path} 是{what}，不是普通文件：ipm 只写新文件或覆盖普通文件，从不写到链接、管道或设备上"
                           "（--force 也不行）。").format(path=path, what=describe_mode(info.st_mode)) + advice)
    if force or written_by_ipm(path, kind):
        return True
    raise OutputExistsError(_("{path} 已存在，且不是 ipm 先前写出的同类输出，未覆盖：要覆盖请加 --force，或换一个文件名。")
                            .format(path=path))


def describe_mode(mode: int) -> str:
    """What a non-regular file is, in the user's words."""
    if stat.S_ISLNK(mode):
        return _("符号链接")
    if stat.S_ISFIFO(mode):
        return _("命名管道（FIFO）")
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return _("设备文件")
    if stat.S_ISDIR(mode):
        return _("目录")
    if stat.S_ISSOCK(mode):
        return _("套接字")
    return _("特殊文件")


def written_by_ipm(path: str, kind: str) -> bool:
    """Whether the regular file at `path` is recognisably an earlier output of `kind` written by ipm."""
    recognise = RECOGNISERS.get(kind)
    if recognise is None:
        return False
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        return False
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return False
        with os.fdopen(fd, "rb", closefd=False) as handle:
            return recognise(handle)
    except (OSError, ValueError):
        return False
    finally:
        os.close(fd)


def _head(handle) -> bytes:
    return handle.read(_PEEK)


def _tail(handle) -> bytes:
    size = os.fstat(handle.fileno()).st_size
    handle.seek(max(0, size - _PEEK))
    return handle.read(_PEEK)


def _starts_with(*prefixes: bytes) -> Callable[..., bool]:
    def recognise(handle) -> bool:
        return _head(handle).startswith(prefixes)
    return recognise


def _sarif(handle) -> bool:
    head = _head(handle)
    return (head.startswith(b'{\n  "$schema": "https://json.schemastore.org/sarif-2.1.0.json"')
            and b'"driver": {\n          "name": "ipm",' in head)


def _codequality(handle) -> bool:
    # A JSON array of Code Quality issues as reporters/codequality.py writes it, or an empty one.
    head = _head(handle)
    return head == b"[]\n" or head.startswith(b'[\n  {\n    "type": "issue",\n    "description": ')


def _github(handle) -> bool:
    # Annotations, one per line, and always the closing notice with the totals.
    if not _head(handle).startswith(b"::"):
        return False
    last = _tail(handle).rstrip(b"\n").rpartition(b"\n")[2]
    return last.startswith(b"::notice::ipm check")


def _html_generator(name: bytes) -> Callable[..., bool]:
    marker = b'<meta name="generator" content="' + name + b'">'

    def recognise(handle) -> bool:
        head = _head(handle)
        return head.startswith(b"<!DOCTYPE html>") and marker in head
    return recognise


def _workbook(identifier: str) -> Callable[..., bool]:
    # openpyxl writes the namespace on the root or, with some XML writers, on the element itself
    marker = rb"<dc:identifier(?:\s[^>]*)?>" + re.escape(identifier.encode()) + rb"</dc:identifier>"

    def recognise(handle) -> bool:  # the pattern is compiled here, on use: importing this module costs no regex
        import zipfile

        try:
            with zipfile.ZipFile(handle) as archive:
                info = archive.getinfo("docProps/core.xml")
                if info.file_size > _XLSX_CORE_MAX:
                    return False
                return re.search(marker, archive.read(info)) is not None
        except (zipfile.BadZipFile, KeyError, RuntimeError, NotImplementedError, EOFError):
            return False
    return recognise


# The identifier every workbook ipm writes as an output carries in its document properties (dc:identifier);
# a report workbook (ipm template, ipm convert) carries none, so it is never taken for an output.
WORKBOOK_IDS = {"check:xlsx": "ipm check", "ledger:xlsx": "ipm ledger"}

# kind -> how to recognise ipm's earlier output of that kind. Kinds not listed (reports from template and
# convert, CSV, terminal tables, query outputs) are replaced only with --force.
RECOGNISERS: dict[str, Callable[..., bool]] = {
    "check:json": _starts_with(b'{\n  "summary": {"files": '),
    "check:sarif": _sarif,
    "check:junit": _starts_with(b"<?xml version='1.0' encoding='utf-8'?>\n<testsuite name=\"ipm check\""),
    "check:github": _github,
    "check:markdown": _starts_with(b"## ipm check "),
    "check:codequality": _codequality,
    "check:xlsx": _workbook(WORKBOOK_IDS["check:xlsx"]),
    "ledger:xlsx": _workbook(WORKBOOK_IDS["ledger:xlsx"]),
    "ledger:json": _starts_with(b'{\n "periods": ['),
    "dashboard:html": _html_generator(b"ipm dashboard"),
}
