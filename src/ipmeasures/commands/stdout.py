"""stdout for a document written piece by piece (a check's report): UTF-8 whatever the console, guarded against
a closed pipe, taking UTF-8 bytes as they are where there are bytes under it; and a text output streamed to
stdout or into its file (`write_text_output`)."""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterator
from typing import TYPE_CHECKING

from ipmeasures.commands._common import stdout_failed, write_stdout

if TYPE_CHECKING:
    from collections.abc import Callable

    from ipmeasures.outputs import TextSink


class Utf8Stdout:
    """stdout as a UTF-8 text stream, whatever the console's code page (Windows GBK consoles, pipes).

    A write that fails inside the block is handled as stdout_failed says.
    """

    def __enter__(self):
        import io

        sys.stdout.flush()
        buffer = getattr(sys.stdout, "buffer", None)
        if buffer is None:  # a stream without bytes underneath (some test runners): write text as is
            self._wrapper = None
            return sys.stdout
        self._wrapper = io.TextIOWrapper(buffer, encoding="utf-8", newline="", write_through=True)
        return self._wrapper

    def __exit__(self, exc_type, exc, traceback) -> bool:
        try:
            if self._wrapper is not None:
                try:
                    self._wrapper.flush()
                finally:
                    self._wrapper.detach()  # leave sys.stdout's buffer open
        except OSError as failed:
            if exc is None:
                exc = failed
        if isinstance(exc, OSError):
            stdout_failed(exc)
            return True  # a broken pipe: carry on
        return False


@contextlib.contextmanager
def stdout_stream(*, machine: bool) -> Iterator[TextSink]:
    """stdout for a report written piece by piece: a document for a program as UTF-8 whatever the console
    (Utf8Stdout), text for people as write_stdout writes it. A failed write is handled as stdout_failed
    says (a broken pipe: the rest is dropped and the check goes on to its exit code)."""
    class Guarded:
        def __init__(self, stream: TextSink) -> None:
            self.stream, self.dead = stream, False
            # UTF-8 bytes straight to the bytes under stdout (a spool copied out at the end of a large run), where
            # there are bytes under it: reporters.base.utf8_writer looks for write_utf8
            self.bytes_out = getattr(stream, "buffer", None) if stream is not sys.stdout else None
            self.write_utf8 = self._write_utf8 if self.bytes_out is not None else None

        def write(self, text: str) -> None:
            if self.dead:
                return
            try:
                self.stream.write(text)
            except OSError as exc:
                self.dead = True
                stdout_failed(exc)

        def _write_utf8(self, data: bytes) -> None:
            if self.dead:
                return
            try:
                self.stream.flush()  # type: ignore[attr-defined]
                self.bytes_out.write(data)  # type: ignore[union-attr]
            except OSError as exc:
                self.dead = True
                stdout_failed(exc)

    class People:
        def write(self, text: str) -> None:
            write_stdout(text)

    if not machine:
        yield People()
        return
    with Utf8Stdout() as stream:
        yield Guarded(stream)


def write_text_output(write: Callable[[TextSink], object], output: str | None, kind: str, *, force: bool,
                      utf8: bool = False) -> None:
    """A text output that `write` produces a piece at a time, never held whole: into the file `output`
    atomically under the destination rule for `kind` (output_stream), or to stdout (no `output`, or `-`).

    On stdout, a `utf8` document (an HTML page that declares its charset) is UTF-8 whatever the console, as
    a file's bytes are (Utf8Stdout); any other goes as write_stdout writes text: in pieces where stdout is
    UTF-8, elsewhere as one text (its encoding, or UTF-8 should it not fit, is chosen once for all of it)."""
    import io

    from ipmeasures.commands._common import output_stream
    from ipmeasures.destination import is_stdout

    if output is None or is_stdout(output):
        if utf8:
            with stdout_stream(machine=True) as out:
                _in_pieces(write, out.write)
        elif (getattr(sys.stdout, "encoding", "") or "").lower().replace("-", "") == "utf8":
            _in_pieces(write, write_stdout)
        else:
            whole = io.StringIO()
            write(whole)
            write_stdout(whole.getvalue())
        return
    with output_stream(output, kind, force=force) as out:
        _in_pieces(write, out.write)


def _in_pieces(write: Callable[[TextSink], object], sink: Callable[[str], object]) -> None:
    """`write`'s text handed to `sink` in pieces of a useful size (commands._common.Chunks), the last one too."""
    from ipmeasures.commands._common import Chunks

    chunks = Chunks(sink)
    write(chunks)
    chunks.flush()
