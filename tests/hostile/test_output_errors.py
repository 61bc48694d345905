"""Output that cannot be written (issue 12, item 12): a full disk, a reader that went away.

Every command runs in a real process with its stdout on /dev/full or on a pipe whose reader is already
closed, bounded in time. The documented outcome (README, exit codes): a full or failing stdout is exit 1
with a message on stderr and no traceback; a broken pipe drops the rest of the output quietly and the
command's own exit code stands.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest
from tests.paths import REPO

EXAMPLES = REPO / "examples" / "reports"
FAILING = REPO / "tests" / "fixtures" / "reports" / "fail"
TODAY = "2022-12-31"
TIMEOUT = 60

COMMANDS = {
    "check table": ["check", str(EXAMPLES), "--today", TODAY],
    "check json": ["check", str(FAILING), "--today", TODAY, "--format", "json"],
    "check github": ["check", str(FAILING), "--today", TODAY, "--format", "github"],
    "check junit": ["check", str(FAILING), "--today", TODAY, "--format", "junit"],
    "check sarif": ["check", str(FAILING), "--today", TODAY, "--format", "sarif"],
    "check markdown": ["check", str(FAILING), "--today", TODAY, "--format", "markdown"],
    "check xlsx=-": ["check", str(EXAMPLES), "--today", TODAY, "--output", "xlsx=-"],
    "owner": ["owner", "市公安局"],
    "owner json": ["owner", "市公安局", "--format", "json"],
    "owner csv": ["owner", "市公安局", "--format", "csv"],
    "owner xlsx -o -": ["owner", "市公安局", "--format", "xlsx", "-o", "-"],
    "units": ["units"],
    "measure": ["measure", "19"],
    "search": ["search", "区块链"],
    "matrix markdown": ["matrix", "--format", "markdown"],
    "validate": ["validate"],
    "rules": ["rules"],
    "schema": ["schema"],
    "template": ["template", "市公安局", "--period", "2022-H1"],
    "template xlsx": ["template", "市公安局", "--period", "2022-H1", "--format", "xlsx", "-o", "-"],
    "ledger": ["ledger", str(EXAMPLES), "--today", TODAY],
    "dashboard": ["dashboard", str(EXAMPLES), "--today", TODAY, "-o", "-"],
    "convert": ["convert", str(EXAMPLES / "2022-H1" / "市公安局.yaml"), "-o", "-"],
    "diff": ["diff", str(EXAMPLES), str(EXAMPLES), "--today", TODAY],
    "completion": ["completion", "bash"],
    "help": ["--help"],
    "version": ["--version"],
}
NEEDS_EXCEL = {"check xlsx=-", "owner xlsx -o -", "template xlsx", "convert"}


def ipm(argv: list[str], stdout) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "ipmeasures", *argv], stdout=stdout, stderr=subprocess.PIPE,
                          timeout=TIMEOUT, check=False, env={**os.environ, "IPM_LANG": "zh", "NO_COLOR": "1"})


def needs(name: str) -> None:
    if name in NEEDS_EXCEL:
        pytest.importorskip("openpyxl")


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full here")
@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_a_full_disk_is_a_message_and_exit_1(name):
    needs(name)
    with open("/dev/full", "wb") as full:
        result = ipm(COMMANDS[name], full)
    err = result.stderr.decode("utf-8", errors="replace")
    assert result.returncode == 1, err
    assert "Traceback" not in err and "Exception ignored" not in err
    assert "stdout" in err and "No space left on device" in err


@pytest.mark.parametrize("name", ["check table", "check json", "check sarif", "owner", "template", "ledger",
                                  "convert", "rules", "check xlsx=-"])
def test_a_closed_pipe_stops_quietly_with_the_commands_own_exit_code(name):
    needs(name)
    with open(os.devnull, "wb") as sink:
        expected = ipm(COMMANDS[name], sink).returncode
    read, write = os.pipe()
    os.close(read)  # the reader is gone before the first byte: `ipm … | head -c0`
    try:
        result = ipm(COMMANDS[name], write)
    finally:
        os.close(write)
    err = result.stderr.decode("utf-8", errors="replace")
    assert result.returncode == expected, err
    assert "Traceback" not in err and "Exception ignored" not in err and "Broken pipe" not in err


def test_a_closed_pipe_still_writes_the_output_files(tmp_path):
    """`ipm check … --output sarif=x | head`: the SARIF file is written whatever happened to stdout."""
    read, write = os.pipe()
    os.close(read)
    target = tmp_path / "ipm.sarif"
    try:
        result = ipm(["check", str(FAILING), "--today", TODAY, "--output", f"sarif={target}"], write)
    finally:
        os.close(write)
    assert result.returncode == 1 and target.read_bytes().startswith(b"{")


def test_no_stray_file_named_dash(tmp_path):
    """`-o -` never leaves a file called "-" behind, whatever the command."""
    pytest.importorskip("openpyxl")
    for argv in (COMMANDS["convert"], COMMANDS["template xlsx"], COMMANDS["dashboard"]):
        with open(os.devnull, "wb") as sink:
            subprocess.run([sys.executable, "-m", "ipmeasures", *argv], cwd=tmp_path, stdout=sink,
                           stderr=subprocess.DEVNULL, timeout=TIMEOUT, check=False)
    assert not (tmp_path / "-").exists()
    shutil.rmtree(tmp_path, ignore_errors=True)
