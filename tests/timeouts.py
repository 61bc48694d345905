"""A bound in time for tests of inputs that once made ipm hang: a hang fails the test instead of stalling CI."""

from __future__ import annotations

import contextlib
import signal
from collections.abc import Iterator


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
