"""`ipm` as the CLI tests run it: in this process through click's CliRunner, or in a fresh process in English."""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path

from click.testing import CliRunner

from ipmeasures.cli import cli


def run(*args: str, env: Mapping[str, str | None] | None = None, input: str | None = None, cwd: Path | None = None,
        binary: bool = False) -> tuple[int, str | bytes, str]:
    """`ipm ARGS…` in this process: its exit code, stdout and stderr. An exception propagates: a traceback fails
    the test. `env`: variables set (None: unset) for the run; `input`: its stdin; `cwd`: the folder it runs in
    (the test's own is restored after); `binary`: stdout as bytes (a workbook may go there)."""
    with contextlib.chdir(cwd) if cwd is not None else contextlib.nullcontext():
        result = CliRunner().invoke(cli, list(args), input=input, env=env, catch_exceptions=False)
    return result.exit_code, result.stdout_bytes if binary else result.stdout, result.stderr


def run_english(*args: str, env: dict | None = None) -> tuple[int, str, str]:
    """`ipm --lang en …` in a fresh process: command modules translate their help when first imported, so an
    English run in this process would leave later tests with English help."""
    result = subprocess.run([sys.executable, "-m", "ipmeasures", "--lang", "en", *args], capture_output=True,
                            text=True, encoding="utf-8", timeout=120, check=False,
                            env={**os.environ, "NO_COLOR": "1", **(env or {})})
    return result.returncode, result.stdout, result.stderr
