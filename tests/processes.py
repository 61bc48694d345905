"""Watching the processes a test starts (Linux /proc): a process's children, whether one is alive, and how much
memory a command took at its peak."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def children(pid: int | None = None) -> set[int]:
    """The live children of `pid` (default: this process), from /proc."""
    found: set[int] = set()
    for task in Path(f"/proc/{pid or os.getpid()}/task").glob("*"):
        try:
            found |= {int(p) for p in (task / "children").read_text().split()}
        except OSError:
            pass
    return found


def alive(pid: int) -> bool:
    """Whether `pid` runs (a zombie, ended but not reaped, does not)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def peak_rss_kib(argv: list[str], *, timeout: float) -> tuple[int, int]:
    """Peak resident memory (KiB, as Linux counts ru_maxrss) of `ipm argv` run in one process (IPM_JOBS=1), read
    in a fresh parent so that no other child counts; and its exit code."""
    probe = ("import resource, subprocess, sys\n"
             "code = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode\n"
             "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, code)\n")
    result = subprocess.run([sys.executable, "-c", probe, sys.executable, "-m", "ipmeasures", *argv],
                            capture_output=True, text=True, timeout=timeout, check=True,
                            env={**os.environ, "IPM_JOBS": "1"})
    rss, code = result.stdout.split()
    return int(rss), int(code)
