"""Which files are reports: the paths given, folders walked, report names kept, every problem named.

A file named on the command line is a report whatever its name. In a folder, files with a report's suffix
(`readers.REPORT_SUFFIXES`) are, found by `walk`. Nothing is opened here: whatever has a report's name is
returned even when it is not a regular file (a FIFO, a device, a broken link), and reading it gives the
finding, so it is never passed over unseen.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator

from ipmeasures.errors import SourceError
from ipmeasures.i18n import _
from ipmeasures.sources.readers import REPORT_SUFFIXES


def collect_files(paths: Iterable[str]) -> tuple[list[str], list[SourceError]]:
    """The report files under `paths`, in a stable order, and a problem for each path that does not exist
    and each folder that cannot be read.

    A file named on the command line is checked whatever its name; in a directory, *.yaml and *.yml
    files are, sorted, recursing into subdirectories but skipping hidden ones (.git, .github); so are
    *.xlsx workbooks, but not the `~$name.xlsx` lock files Excel and WPS leave beside an open workbook.
    Symbolic links to folders are followed, each real folder once (`walk`). Anything with a
    report's name is returned even when it is not a regular file: reading it gives the finding.
    """
    files: list[str] = []
    seen: set[str] = set()
    problems: list[SourceError] = []

    def add(path: str, key: str) -> None:
        if key not in seen:
            seen.add(key)
            files.append(path)

    for path in paths:
        if os.path.isdir(path):
            found, unreadable = walk(path, is_report_name)
            # The key of a file found under `path` is `path`'s own key and the rest of its name, which the
            # walk made of folder and file names alone (no `.` or `..`): one abspath() per folder given, not
            # one per file (each is a getcwd() call and a normpath: a tenth of a second in 10,000 files).
            top = os.path.join(path, "")
            base = os.path.join(_key(path), "")
            for name in found:
                add(name, base + os.path.normcase(name[len(top):]) if name.startswith(top) else _key(name))
            problems.extend(SourceError(_(
                "无法读取此文件夹（{reason}），其中的报告都没有检查：请检查文件夹的权限，"
                "或把报告放到可读的文件夹里。").format(reason=exc.strerror or exc), folder) for folder, exc in unreadable)
        elif os.path.lexists(path):
            add(path, _key(path))
        else:
            problems.append(SourceError(_("路径不存在：请检查文件名或目录名。"), path))
    return files, problems


def _key(path: str) -> str:
    """What makes two names of a file the same: the absolute, normalised path (case-folded on Windows)."""
    return os.path.normcase(os.path.abspath(path))


def is_report_name(name: str) -> bool:
    """Whether a file found in a folder is read as a report: a report's suffix, not hidden, not an Office lock file."""
    return not name.startswith((".", "~$")) and name.lower().endswith(REPORT_SUFFIXES)


def walk(top: str, wanted: Callable[[str], bool]) -> tuple[list[str], list[tuple[str, OSError]]]:
    """The files under the folder `top` whose names `wanted` accepts, and the folders that could not be read.

    Sorted by path component (files and folders by name, together). Hidden folders (.git, .github) are
    not entered. A folder that cannot be listed is returned with its error, never skipped in silence.
    Symbolic links to folders are followed, and each real folder is read once: a link that loops back,
    or a second name for a folder already read, adds nothing and never ends the walk early or late.
    Whatever `wanted` accepts is returned even when it is not a regular file (a FIFO, a device, a broken
    link): the reader refuses it with a message, so it is never passed over unseen.
    """
    found: list[str] = []
    problems: list[tuple[str, OSError]] = []
    seen: set[tuple[int, int]] = set()

    def listing(path: str) -> Iterator[os.DirEntry]:
        try:
            info = os.stat(path)
            if (info.st_dev, info.st_ino) in seen:
                return iter(())
            seen.add((info.st_dev, info.st_ino))
            with os.scandir(path) as entries:
                return iter(sorted(entries, key=lambda entry: entry.name))
        except OSError as exc:
            problems.append((path, exc))
            return iter(())

    stack = [listing(top)]
    while stack:
        entry = next(stack[-1], None)
        if entry is None:
            stack.pop()
            continue
        if _is_dir(entry):
            if not entry.name.startswith("."):
                stack.append(listing(entry.path))
        elif wanted(entry.name):
            found.append(entry.path)
    return found, problems


def _is_dir(entry: os.DirEntry) -> bool:
    try:
        return entry.is_dir()  # follows a symbolic link
    except OSError:
        return False
