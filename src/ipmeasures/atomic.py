"""Writing files without ever leaving a truncated one, and without overwriting unless asked."""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from collections.abc import Iterator
from typing import BinaryIO


def write_bytes_atomic(path: str, data: bytes, *, overwrite: bool) -> None:
    """Write a file so that readers see the old file or the whole new one, never a part (see `open_atomic`)."""
    with open_atomic(path, overwrite=overwrite) as out:
        out.write(data)


@contextlib.contextmanager
def open_atomic(path: str, *, overwrite: bool) -> Iterator[BinaryIO]:
    """A binary file to write piece by piece that takes `path`'s name only when the block ends without error.

    The bytes go to a temporary file in the same directory, are flushed to disk, and then the file takes
    the target's name in one step; an error inside the block leaves the target as it was. Without
    `overwrite`, an existing file raises FileExistsError and is not touched (os.link refuses an existing
    name atomically; where links are unsupported, an existence check is the fallback).
    """
    directory = os.path.dirname(os.path.abspath(path))
    if not overwrite and os.path.lexists(path):
        raise FileExistsError(path)
    if overwrite and os.path.lexists(path) and not stat.S_ISREG(os.lstat(path).st_mode):
        # Replacing a symlink, a FIFO or a device (/dev/stdout) with a regular file breaks what it was:
        # the last guard under destination.check_destination, which says so to the user first.
        raise OSError(errno.EINVAL, os.strerror(errno.EINVAL) + " (not a regular file)", path)
    os.makedirs(directory, exist_ok=True)  # -o reports/2022-H1/x.yaml in a fresh checkout
    handle, tmp = tempfile.mkstemp(prefix=".ipm-", suffix=".tmp", dir=directory)
    try:
        with os.fdopen(handle, "wb") as out:
            yield out
            out.flush()
            os.fsync(out.fileno())
        os.chmod(tmp, 0o666 & ~_umask())
        if overwrite:
            os.replace(tmp, path)
        else:
            try:
                os.link(tmp, path)
            except FileExistsError:
                raise
            except OSError:  # a filesystem without hard links
                if os.path.lexists(path):
                    raise FileExistsError(path) from None
                os.replace(tmp, path)
    finally:
        if os.path.lexists(tmp):
            os.unlink(tmp)


def write_text_atomic(path: str, text: str, *, overwrite: bool) -> None:
    """write_bytes_atomic for UTF-8 text."""
    write_bytes_atomic(path, text.encode("utf-8"), overwrite=overwrite)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
