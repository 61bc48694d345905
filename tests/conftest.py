"""Shared test set-up: every test run gets its own data cache, so no test sees another run's cache."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

# Tests expect Chinese (the default) unless they ask for English; the machine's locale must not decide.
os.environ["IPM_LANG"] = "zh"

REPO = Path(__file__).resolve().parent.parent
DATA = REPO / "data"
SOURCE = REPO / "source" / "huizhou-ip-protection-measures-2021.txt"


@pytest.fixture(autouse=True, scope="session")
def _isolated_cache(tmp_path_factory: pytest.TempPathFactory):
    mp = pytest.MonkeyPatch()
    mp.setenv("IPM_CACHE_DIR", str(tmp_path_factory.mktemp("ipm-cache")))
    mp.delenv("IPM_DATA", raising=False)
    mp.setenv("NO_COLOR", "1")
    yield
    mp.undo()


@pytest.fixture(autouse=True, scope="session")
def _commands_imported_in_chinese():
    """Each command module translates its help when it is first imported: all are imported here first, in Chinese
    (the tests' language), so a test that runs a command in English in this process cannot leave English help
    behind for the tests after it, whatever their order."""
    import importlib

    from ipmeasures import i18n
    from ipmeasures.cli import COMMANDS

    i18n.set_language("zh")
    for module, _help in COMMANDS.values():
        importlib.import_module(f"ipmeasures.commands.{module}")


# `python -m ipmeasures ARGS` with its address space capped first (no preexec_fn: unsafe with threads).
_LIMITED = ("import resource, runpy, sys; resource.setrlimit(resource.RLIMIT_AS, ({memory}, {memory})); "
            "sys.argv[0] = 'ipm'; runpy.run_module('ipmeasures', run_name='__main__', alter_sys=True)")


class IpmRun:
    """`ipm` in a subprocess, bounded in time: a hang fails the test instead of stalling CI."""

    def __init__(self, cwd: Path) -> None:
        self.cwd = cwd

    def __call__(self, *args: str, timeout: float = 60, env: dict[str, str] | None = None,
                 input: bytes | None = None, memory: int | None = None) -> subprocess.CompletedProcess:
        """`memory`: a cap on the address space (bytes), so an attempt to allocate past it fails the run."""
        import signal
        import sys

        full_env = {**os.environ, "PYTHONIOENCODING": "utf-8", **(env or {})}
        command = [sys.executable, "-m", "ipmeasures", *args]
        if memory:
            command = [sys.executable, "-c", _LIMITED.format(memory=memory), *args]
        process = subprocess.Popen(command, cwd=self.cwd, env=full_env, stdin=subprocess.PIPE,
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
        try:
            out, err = process.communicate(input, timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.communicate()
            pytest.fail(f"ipm {' '.join(args)} did not finish in {timeout} s (a hang)")
        result = subprocess.CompletedProcess(process.args, process.returncode, out.decode("utf-8", "replace"),
                                             err.decode("utf-8", "replace"))
        assert "Traceback" not in result.stderr, result.stderr
        assert "内部出错" not in result.stdout + result.stderr, result.stdout + result.stderr
        return result


@pytest.fixture
def ipm(tmp_path: Path) -> IpmRun:
    """Run `ipm ARGS…` in `tmp_path` as a subprocess with a timeout; asserts no traceback, no internal error."""
    return IpmRun(tmp_path)
