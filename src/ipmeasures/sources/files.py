"""Opening input files: regular files only, every read bounded before it happens.

Reports, workbooks and the policy data are all read through `read_bounded`. Nothing here imports
PyYAML or pydantic: the query path reads the data files through it too.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterator

from ipmeasures.errors import SourceError
from ipmeasures.i18n import _


def read_bounded(path: str, max_bytes: int, *, adjustable: bool = True) -> bytes:
    """The bytes of the regular file `path`, never more than `max_bytes` of them, never blocking.

    Only a regular file is read: a FIFO, a device (/dev/zero) or a socket named like a report would
    block forever or never end. The file is opened without blocking and checked on the open handle
    (so it cannot be swapped between the check and the read), its size is compared with the limit
    before a byte is read, and the read itself is bounded and done in pieces: a file that grows, or a
    limit of 100 GB, allocates no more than what is actually there. `adjustable`: the limit is
    --max-bytes, which the message then names.
    """
    return b"".join(read_pieces(path, max_bytes, adjustable=adjustable))


def read_pieces(path: str, max_bytes: int, *, adjustable: bool = True, piece: int | None = None) -> Iterator[bytes]:
    """read_bounded() a piece (`piece` bytes, default 1 MiB) at a time, for a reader that parses as it reads
    (a saved JSON result): the same checks, the same errors, the last of them (a file that grew past the
    limit) once the pieces before it have been taken."""
    try:
        fd = os.open(path, os.O_RDONLY | _O_NONBLOCK | _O_NOCTTY | _O_BINARY)
    except IsADirectoryError:
        raise SourceError(_("这是一个目录，不是文件；请给出 YAML 文件的路径。"), path) from None
    except FileNotFoundError:
        raise SourceError(_("文件不存在；请检查路径。"), path) from None
    except PermissionError:
        raise SourceError(_("没有读取权限；请检查文件权限。"), path) from None
    except OSError as exc:
        if exc.errno == errno.ENXIO:  # a socket, or a device without its driver
            raise _not_regular(path) from None
        raise _unreadable(path, exc) from None
    taken = 0
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise SourceError(_("这是一个目录，不是文件；请给出 YAML 文件的路径。"), path)
        if not stat.S_ISREG(info.st_mode):
            raise _not_regular(path)
        if info.st_size > max_bytes:
            raise too_large(path, info.st_size, max_bytes, adjustable=adjustable)  # before reading a byte of it
        # O_NONBLOCK changes nothing for a regular file, which is all that is read here.
        left = max_bytes + 1  # one more than the limit: a file that grew past it is told apart
        while left > 0:
            # What fstat promised and one byte more (to see the end in the same call), not a whole piece:
            # os.read allocates all it is asked for, and a megabyte for each small report costs more than
            # reading it. Past that size (a file that grows, or whose size says 0), whole pieces.
            want = min(left, piece or _READ_PIECE, info.st_size - taken + 1 if taken < info.st_size else _READ_PIECE)
            try:
                data = os.read(fd, want)
            except OSError as exc:
                raise _unreadable(path, exc) from None
            if not data:
                break
            left -= len(data)
            taken += len(data)
            if taken > max_bytes:
                raise too_large(path, None, max_bytes, adjustable=adjustable)
            yield data
            if len(data) < want and taken >= info.st_size:
                # short, and all fstat promised is in: the end, without a second call to learn it (a short
                # read before that, as a network share may give, reads on)
                break
    except OSError as exc:
        raise _unreadable(path, exc) from None
    finally:
        os.close(fd)


_O_NONBLOCK = getattr(os, "O_NONBLOCK", 0)  # POSIX; Windows has no FIFOs to block on
_O_NOCTTY = getattr(os, "O_NOCTTY", 0)
_O_BINARY = getattr(os, "O_BINARY", 0)
_READ_PIECE = 1 << 20


def _not_regular(path: str) -> SourceError:
    return SourceError(_("这不是普通文件（而是管道、设备或套接字），未读取：读取它可能永远等待或没有尽头。"
                         "请给出报告或数据文件本身的路径。"), path)


def _unreadable(path: str, exc: OSError) -> SourceError:
    return SourceError(_("无法读取文件（{reason}）；请检查文件是否完好。").format(reason=exc.strerror or exc), path)


def too_large(path: str, size: int | None, limit: int, *, adjustable: bool = True) -> SourceError:
    """The error for a file past `limit` bytes (`size`: its size, None when only its reading told);
    `adjustable`: the limit is --max-bytes, which the message then names."""
    if size is None:
        message = _("文件超过上限 {limit} 字节，远大于正常的报告或数据文件：请检查是否选错了文件。").format(limit=limit)
    else:
        message = _("文件有 {size} 字节，超过上限 {limit} 字节，远大于正常的报告或数据文件：请检查是否选错了文件。").format(
            size=size, limit=limit)
    if adjustable:
        message += _("确需检查更大的文件，请用 --max-bytes 调高上限。")
    return SourceError(message, path)


def open_append(path: str):
    """`path` opened to append UTF-8 text, created if absent; OSError unless it is a regular file.

    For files named by the environment (GITHUB_STEP_SUMMARY): opening a FIFO without a reader for
    writing would block forever, so it is opened without blocking and checked on the open handle.
    """
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT | _O_NONBLOCK | _O_NOCTTY | _O_BINARY, 0o666)
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise OSError(_("不是普通文件"))
        if _O_NONBLOCK:
            os.set_blocking(fd, True)
        return os.fdopen(fd, "a", encoding="utf-8")
    except BaseException:
        os.close(fd)
        raise
