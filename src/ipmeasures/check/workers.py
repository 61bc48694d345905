"""Forked workers for a large run: `ordered_map` spreads chunks of work over processes, results in order.

Not concurrent.futures or multiprocessing: importing them (with logging, sockets, selectors and their
threads) costs a run about as much time as checking a few dozen reports, and their queues need a feeder
and a manager thread in this process. A worker here is a forked copy of this process (so it has the
catalog without loading it), joined to it by two pipes:

- this process hands each worker chunk numbers, a few at a time (`AHEAD`), down its task pipe; the
  worker does them in order and writes each chunk's result back up its result pipe as one frame (length,
  then pickle);
- this process yields the results in the order of the chunks, holding the few that arrive early; when
  no result it can use has arrived, it does the next chunk itself instead of waiting (the main process
  also writes the outputs, so it is otherwise idle part of the time), within the same bound on what it
  holds: memory stays flat however many chunks a run has;
- a worker ends when its task pipe closes (the run is over, or this process is gone: a SIGTERM or SIGKILL
  to the main process leaves no worker behind, with nothing to arm);
- a worker that dies (killed, out of memory) is seen as an early end of its result pipe: its chunks are
  done here, so the run still has every result.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator, Sequence
from typing import Any, TypeVar

C = TypeVar("C")
R = TypeVar("R")

AHEAD = 3  # chunks handed to each worker before its first result comes back: enough to keep it busy
_FRAME = 8  # bytes of a frame's length


def can_fork() -> bool:
    """Workers are forked on Linux only: fork is unsafe on macOS, and spawned workers would each re-import
    and re-load everything, which is not worth it."""
    return sys.platform.startswith("linux") and hasattr(os, "fork")


class _Worker:
    __slots__ = ("pending", "pid", "results", "tasks")

    def __init__(self, pid: int, tasks: int, results: int) -> None:
        self.pid, self.tasks, self.results = pid, tasks, results
        self.pending: list[int] = []  # chunk numbers handed over, oldest first, whose results are not yet in


def ordered_map(func: Callable[[C], R], chunks: Sequence[C], workers: int) -> Iterator[R]:
    """`func(chunk)` for every chunk, in order, computed by `workers` forked processes and this one (see the
    module docstring)."""
    import gc
    import pickle
    import select

    total = len(chunks)
    team: list[_Worker] = []
    by_fd: dict[int, _Worker] = {}
    held: dict[int, Any] = {}  # results in before their turn
    limit = max(1, min(workers, total)) * AHEAD * 2  # chunks handed out or held beyond the one due next
    turn = handed = 0  # the chunk due next; the first chunk not yet handed out
    try:
        poller = select.poll()
        # What this process holds so far (the catalog, every module) is left out of garbage collection, as the
        # gc module's documentation advises before fork(): a worker's collector would otherwise write into
        # every one of those objects and so copy each memory page it shares with this process.
        gc.freeze()
        for _w in range(max(1, min(workers, total))):
            try:
                worker = _fork(func, chunks, team)
            except OSError:  # no process or pipe to be had (a limit reached): the workers so far, or none
                break
            team.append(worker)
            by_fd[worker.results] = worker
            poller.register(worker.results, select.POLLIN)

        def lose(worker: _Worker) -> None:
            """A worker that ended before its work did: what it had is done here."""
            poller.unregister(worker.results)
            team.remove(worker)
            for number in worker.pending:
                held[number] = func(chunks[number])
            worker.pending.clear()
            _end(worker)

        while turn < total:
            for worker in team.copy():  # every worker a few chunks ahead, within the bound (lose() removes)
                while len(worker.pending) < AHEAD and handed < total and handed - turn < limit:
                    if not _send(worker, handed):
                        lose(worker)
                        break
                    worker.pending.append(handed)
                    handed += 1
            if turn in held:
                yield held.pop(turn)
                turn += 1
                continue
            if not team:  # every worker lost: the rest is done here, one chunk at a time
                held[handed] = func(chunks[handed])
                handed += 1
                continue
            ready = poller.poll(0)
            if not ready and handed < total and handed - turn <= limit:
                held[handed] = func(chunks[handed])  # nothing has come back yet: the next chunk, done here
                handed += 1
                continue
            for fd, _event in ready or poller.poll():
                worker = by_fd[fd]
                result = _receive(fd, pickle) if worker.pending else _DEAD  # idle and readable: it ended
                if result is _DEAD:
                    lose(worker)
                else:
                    held[worker.pending.pop(0)] = result
    finally:
        for worker in team:
            _end(worker)


_DEAD = object()


def _send(worker: _Worker, number: int) -> bool:
    try:
        os.write(worker.tasks, number.to_bytes(_FRAME, "little"))
    except OSError:
        return False
    return True


def _read_exactly(fd: int, size: int) -> bytes | None:
    parts = []
    while size:
        try:
            piece = os.read(fd, min(size, 1 << 20))
        except OSError:
            return None
        if not piece:
            return None
        parts.append(piece)
        size -= len(piece)
    return b"".join(parts)


def _receive(fd: int, pickle: Any) -> Any:
    head = _read_exactly(fd, _FRAME)
    if head is None:
        return _DEAD
    body = _read_exactly(fd, int.from_bytes(head, "little"))
    if body is None:
        return _DEAD
    try:
        return pickle.loads(body)
    except Exception:  # noqa: BLE001 - a frame cut short or garbled by a dying worker
        return _DEAD


def _end(worker: _Worker) -> None:
    for fd in (worker.tasks, worker.results):
        try:
            os.close(fd)
        except OSError:
            pass
    try:
        os.kill(worker.pid, _SIGTERM)
    except ProcessLookupError:
        pass
    try:
        os.waitpid(worker.pid, 0)
    except ChildProcessError:
        pass


_SIGTERM = 15  # signal.SIGTERM on Linux, the only platform that forks workers; no signal module import


def _fork(func: Callable[[C], R], chunks: Sequence[C], team: list[_Worker]) -> _Worker:
    opened: list[int] = []
    try:
        task_read, task_write = os.pipe()
        opened += (task_read, task_write)
        result_read, result_write = os.pipe()
        opened += (result_read, result_write)
        _widen(result_write)
        pid = os.fork()
    except OSError:  # nothing half-made is left open
        for fd in opened:
            os.close(fd)
        raise
    if pid == 0:  # the worker: it never returns from here
        # Only its own two ends stay open: a sibling's task pipe held here would keep that sibling waiting
        # for work after the main process is gone.
        for fd in (task_write, result_read, *(fd for w in team for fd in (w.tasks, w.results))):
            os.close(fd)
        _work(func, chunks, task_read, result_write)
    os.close(task_read)
    os.close(result_write)
    return _Worker(pid, task_write, result_read)


def _widen(fd: int) -> None:
    """Let a pipe hold a megabyte (Linux's default limit for an unprivileged process), not 64 KiB: a chunk's
    results are about 100 KiB, and a worker that cannot write them whole waits for this process."""
    try:
        import fcntl

        fcntl.fcntl(fd, getattr(fcntl, "F_SETPIPE_SZ", 1031), PIPE_BYTES)
    except (ImportError, OSError):  # another kernel, or a lower limit: the default size only costs speed
        pass


PIPE_BYTES = 1 << 20


def _work(func: Callable[[C], R], chunks: Sequence[C], tasks: int, results: int) -> None:
    """A worker's life: the chunks it is handed, their results back, until its task pipe closes; then exit
    without running any of the parent's cleanup (atexit handlers, buffered output it inherited)."""
    status = 0
    try:
        import pickle
        import signal

        # Ctrl-C reaches the whole process group: the main process reports it; a worker just ends when its
        # pipe closes, without a traceback of its own.
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        while (head := _read_exactly(tasks, _FRAME)) is not None:
            body = pickle.dumps(func(chunks[int.from_bytes(head, "little")]), protocol=pickle.HIGHEST_PROTOCOL)
            frame = len(body).to_bytes(_FRAME, "little") + body
            view = memoryview(frame)
            while view:
                view = view[os.write(results, view):]
    except BrokenPipeError:
        pass  # the main process is gone: nothing more to do
    except BaseException:  # noqa: BLE001 - a worker must never print a traceback or return into the parent's code
        status = 1
    finally:
        os._exit(status)
