"""check.workers: forked workers, results in order, nothing left behind, a dead worker's share done here."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from ipmeasures.check import workers

pytestmark = pytest.mark.skipif(not workers.can_fork(), reason="workers are forked on Linux only")


def children() -> set[int]:
    found: set[int] = set()
    for task in Path(f"/proc/{os.getpid()}/task").glob("*"):
        try:
            found |= {int(p) for p in (task / "children").read_text().split()}
        except OSError:
            pass
    return found


def square_with_pid(chunk: list[int]) -> list[tuple[int, int]]:
    return [(n * n, os.getpid()) for n in chunk]


@pytest.mark.parametrize("count", [1, 2, 3, 8])
def test_results_come_in_the_order_of_the_chunks_and_from_other_processes(count):
    chunks = [list(range(i, i + 5)) for i in range(0, 200, 5)]
    results = list(workers.ordered_map(square_with_pid, chunks, count))
    assert [n for chunk in results for n, _pid in chunk] == [n * n for n in range(200)]
    pids = {pid for chunk in results for _n, pid in chunk}
    assert os.getpid() not in pids and len(pids) == min(count, len(chunks))
    assert children() == set()  # every worker reaped


def test_a_worker_that_dies_has_its_chunks_done_here():
    parent = os.getpid()

    def dies_on_seven(chunk: list[int]) -> list[tuple[int, int]]:
        if 7 in chunk and os.getpid() != parent:
            os._exit(9)
        return square_with_pid(chunk)

    chunks = [[n] for n in range(20)]
    results = list(workers.ordered_map(dies_on_seven, chunks, 2))
    assert [chunk[0][0] for chunk in results] == [n * n for n in range(20)]
    # worker 1 took chunks 1, 3, 5, 7, …: from 7 on its share was done in this process
    assert {chunk[0][1] for chunk in results[7::2]} == {parent}
    assert parent not in {chunk[0][1] for chunk in results[:7]}


def test_a_consumer_that_stops_early_leaves_no_worker_behind():
    def slow(chunk: list[int]) -> list[int]:
        time.sleep(0.05)
        return chunk

    stream = workers.ordered_map(slow, [[n] for n in range(400)], 2)
    assert next(stream) == [0]
    assert len(children()) == 2
    stream.close()
    assert children() == set()


def test_a_worker_ahead_of_its_reader_waits_on_its_pipe():
    """Memory stays flat: a worker runs at most a pipe's worth of results ahead of the reader."""
    done = []

    def big(chunk: list[int]) -> bytes:
        return bytes(workers.PIPE_BYTES // 3)  # a worker's 25 of these are far more than its pipe holds

    stream = workers.ordered_map(big, [[n] for n in range(50)], 2)
    next(stream)
    time.sleep(0.5)
    # each worker has at most its next result being written: no worker has finished its 25 chunks
    assert len(children()) == 2
    done.extend(stream)
    assert len(done) == 49 and children() == set()
