"""Forked workers for a large run: `ordered_map` spreads chunks of work over processes, results in order.

Not concurrent.futures or multiprocessing: importing them (with logging, sockets, selectors and their
threads) costs a run about as much time as checking a few dozen reports, and their queues need a
feeder and a manager thread in this process. A worker here is a forked copy of this process (so it
has the catalog without loading it), and the whole protocol is one pipe per worker:

- worker `w` of `n` takes the chunks `w`, `w + n`, `w + 2n`, … and writes each chunk's result to its
  pipe as a pickle, in order; this process reads chunk `i` from worker `i % n`, so results come in the
  order of the chunks, and no reordering buffer is needed;
- a pipe holds at most a megabyte (`PIPE_BYTES`): a worker that runs further ahead blocks on its write
  until this process reads, so memory stays flat however slowly the results are consumed;
- a worker ends when its chunks are done, and whenever this process is gone: its next write then finds
  the pipe's other end closed (the pipes are the only link, so a SIGTERM or SIGKILL to the main process
  leaves no worker behind, with nothing to arm);
- a worker that dies (killed, out of memory) is seen as an early end of its pipe: its chunks from there
  on are done in this process, so the run still has every result.
"""

from __future__ import annotations

import os
import pickle
import sys
from collections.abc import Callable, Iterator, Sequence
from typing import TypeVar

C = TypeVar("C")
R = TypeVar("R")


def can_fork() -> bool:
    """Workers are forked on Linux only: fork is unsafe on macOS, and spawned workers would each re-import
    and re-load everything, which is not worth it."""
    return sys.platform.startswith("linux") and hasattr(os, "fork")


def ordered_map(func: Callable[[C], R], chunks: Sequence[C], workers: int) -> Iterator[R]:
    """`func(chunk)` for every chunk, in order, computed by `workers` forked processes (see the module)."""
    workers = max(1, min(workers, len(chunks)))
    pipes: list[tuple[int, int]] = []
    pids: list[int] = []
    readers = []
    try:
        for w in range(workers):
            pipes.append(os.pipe())
            _widen(pipes[-1][1])
            pid = os.fork()
            if pid == 0:  # the worker: it never returns from here
                _work(func, chunks, w, workers, pipes)
            pids.append(pid)
            os.close(pipes[w][1])
        readers = [os.fdopen(read, "rb") for read, _write in pipes]
        alive = [True] * workers
        for index, chunk in enumerate(chunks):
            w = index % workers
            if alive[w]:
                try:
                    yield pickle.load(readers[w])
                    continue
                except (EOFError, pickle.UnpicklingError, OSError, ValueError):
                    alive[w] = False  # it died mid-run: this chunk and its later ones are done here
            yield func(chunk)
    finally:
        for reader in readers:
            reader.close()
        for pid in pids:  # a worker still running (the consumer stopped early) ends now, not after its chunk
            try:
                os.kill(pid, _SIGTERM)
            except ProcessLookupError:
                pass
        for pid in pids:
            try:
                os.waitpid(pid, 0)
            except ChildProcessError:
                pass


def _widen(fd: int) -> None:
    """Let a pipe hold a megabyte (Linux's default limit for an unprivileged process), not 64 KiB: a chunk's
    results are about 100 KiB, and a worker that cannot write one whole waits while the main process
    writes out the other worker's chunk -- an eighth of a worker's time on two cores."""
    try:
        import fcntl

        fcntl.fcntl(fd, getattr(fcntl, "F_SETPIPE_SZ", 1031), PIPE_BYTES)
    except (ImportError, OSError):  # another kernel, or a lower limit: the default size only costs speed
        pass


PIPE_BYTES = 1 << 20
_SIGTERM = 15  # signal.SIGTERM on Linux, the only platform that forks workers; no signal module import


def _work(func: Callable[[C], R], chunks: Sequence[C], w: int, workers: int, pipes: list[tuple[int, int]]) -> None:
    """A worker's life: its chunks' results down its pipe, then exit without running any of the parent's
    cleanup (atexit handlers, buffered output it inherited)."""
    status = 0
    try:
        import signal

        # Ctrl-C reaches the whole process group: the main process reports it; a worker just ends when its
        # pipe closes, without a traceback of its own.
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        # No worker holds a read end, or the main process's death would go unseen. (The earlier workers' write
        # ends were closed in the main process before this fork: this one never had them.)
        for read, _write in pipes:
            os.close(read)
        with os.fdopen(pipes[w][1], "wb") as out:
            for chunk in chunks[w::workers]:
                pickle.dump(func(chunk), out, protocol=pickle.HIGHEST_PROTOCOL)
                out.flush()
    except BrokenPipeError:
        pass  # the main process is gone, or stopped reading: nothing more to do
    except BaseException:  # noqa: BLE001 - a worker must never print a traceback or return into the parent's code
        status = 1
    finally:
        os._exit(status)
