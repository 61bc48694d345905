"""check.workers: forked workers (and the main process when it would wait), results in order, memory
bounded, nothing left behind, a dead worker's share done here."""

from __future__ import annotations

import os
import time

import pytest
from tests.processes import children

from ipmeasures.check import workers

pytestmark = pytest.mark.skipif(not workers.can_fork(), reason="workers are forked on Linux only")


def square_with_pid(chunk: list[int]) -> list[tuple[int, int]]:
    time.sleep(0.002)  # long enough that the workers, not only this process, take chunks
    return [(n * n, os.getpid()) for n in chunk]


@pytest.mark.parametrize("count", [1, 2, 3, 8])
def test_results_come_in_the_order_of_the_chunks_and_workers_do_some(count):
    chunks = [list(range(i, i + 5)) for i in range(0, 400, 5)]
    results = list(workers.ordered_map(square_with_pid, chunks, count))
    assert [n for chunk in results for n, _pid in chunk] == [n * n for n in range(400)]
    pids = {pid for chunk in results for _n, pid in chunk}
    assert len(pids - {os.getpid()}) >= 1  # forked workers did part of the work
    assert all(len({pid for _n, pid in chunk}) == 1 for chunk in results)  # each chunk done once, by one process
    assert children() == set()  # every worker ended and reaped


def test_a_worker_that_dies_has_its_chunks_done_here():
    parent = os.getpid()

    def dies_on_seven(chunk: list[int]) -> list[tuple[int, int]]:
        if 7 in chunk and os.getpid() != parent:
            os._exit(9)
        return square_with_pid(chunk)

    chunks = [[n] for n in range(60)]
    results = list(workers.ordered_map(dies_on_seven, chunks, 2))
    assert [chunk[0][0] for chunk in results] == [n * n for n in range(60)]
    assert results[7][0][1] == parent  # whoever was handed it died; it was done here
    assert children() == set()


def test_when_every_worker_dies_the_run_still_finishes_here():
    parent = os.getpid()

    def workers_die(chunk: list[int]) -> list[int]:
        if os.getpid() != parent:
            os._exit(3)
        return chunk

    assert list(workers.ordered_map(workers_die, [[n] for n in range(40)], 3)) == [[n] for n in range(40)]
    assert children() == set()


def test_a_consumer_that_stops_early_leaves_no_worker_behind():
    def slow(chunk: list[int]) -> list[int]:
        time.sleep(0.05)
        return chunk

    stream = workers.ordered_map(slow, [[n] for n in range(400)], 2)
    assert next(stream) == [0]
    assert len(children()) == 2
    stream.close()
    assert children() == set()


def test_work_runs_only_a_bounded_way_ahead_of_a_slow_consumer(tmp_path):
    """Memory stays flat: however slowly the results are taken, only a few chunks are done ahead of them."""
    log = tmp_path / "done"

    def noting(chunk: list[int]) -> list[int]:
        fd = os.open(log, os.O_WRONLY | os.O_APPEND | os.O_CREAT)
        os.write(fd, b"x")
        os.close(fd)
        return chunk

    stream = workers.ordered_map(noting, [[n] for n in range(500)], 2)
    assert next(stream) == [0]
    time.sleep(0.5)  # the consumer dawdles
    done = log.stat().st_size
    assert done <= 1 + 2 * workers.AHEAD * 2 + 1, done
    assert [c[0] for c in stream] == list(range(1, 500))
    assert log.stat().st_size == 500  # every chunk done once
    assert children() == set()


@pytest.mark.parametrize("fails", ["fork", "pipe"])
def test_when_no_worker_can_be_started_the_run_is_done_here(monkeypatch, fails):
    """A process or file limit reached (fork or pipe fails): no traceback, every chunk done in this process, no
    descriptor left open."""
    import os as real_os

    def refused(*_args):
        raise OSError(11, "Resource temporarily unavailable")

    before = set(real_os.listdir("/proc/self/fd"))
    monkeypatch.setattr(workers.os, fails, refused)
    assert list(workers.ordered_map(square_with_pid, [[n] for n in range(30)], 2)) == [
        [(n * n, real_os.getpid())] for n in range(30)]
    assert set(real_os.listdir("/proc/self/fd")) <= before | {str(fd) for fd in range(3)}


def test_a_second_worker_that_cannot_be_started_leaves_the_first_to_share_the_work(monkeypatch):
    forks = []
    real_fork = workers.os.fork

    def second_refused():
        forks.append(1)
        if len(forks) > 1:
            raise OSError(11, "Resource temporarily unavailable")
        return real_fork()

    monkeypatch.setattr(workers.os, "fork", second_refused)
    results = list(workers.ordered_map(square_with_pid, [[n] for n in range(60)], 2))
    assert [chunk[0][0] for chunk in results] == [n * n for n in range(60)]
    assert len(forks) == 2 and children() == set()
