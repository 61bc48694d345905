"""A bound in time for tests of inputs that once made ipm hang: a hang fails the test instead of stalling CI."""

from __future__ import annotations

import contextlib
import signal
from collections.abc import Callable, Iterator

import pytest


@contextlib.contextmanager
def alarm_after(seconds: int) -> Iterator[None]:
    """Raise TimeoutError in the main thread after `seconds` (where the system has SIGALRM)."""
    if not hasattr(signal, "SIGALRM"):
        yield
        return

    def expire(_signum, _frame):
        raise TimeoutError(f"ipm did not finish within {seconds} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def bounded_in_time(seconds: int) -> Callable[[], Iterator[None]]:
    """An autouse fixture that bounds every test of the module it is assigned in:
    `_bounded_in_time = bounded_in_time(TIMEOUT)`. An in-process hang raises instead of stalling the run."""

    @pytest.fixture(autouse=True, name="_bounded_in_time")
    def bounded() -> Iterator[None]:
        with alarm_after(seconds):
            yield

    return bounded
