"""Issue 12, item 11: every read is bounded before it happens.

A data file that is /dev/zero or a huge (sparse) file, a report of 20 GB, and `--max-bytes 99999999999`:
each command that reads them answers at once, with the file's name and the limit, within a memory cap
far below what reading them whole (or preallocating the limit) would take.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from tests.paths import REPO

DATA = REPO / "data"
EXAMPLE = REPO / "examples" / "reports" / "2022-H1" / "市贸促会.yaml"
MEMORY = 1 << 30  # 1 GiB of address space: ipm needs a fraction of it; reading 20 GB or 100 GB needs more
HUGE = 20 << 30  # a sparse file: costs no disk, but its size says 20 GB

DATA_COMMANDS = (("validate", "--data", "data"), ("--data", "data", "owner", "市公安局"),
                 ("--data", "data", "units", "--format", "json"), ("--data", "data", "check", "r.yaml"))
REPORT_COMMANDS = (("check", "r.yaml"), ("ledger", "r.yaml", "--format", "json"),
                   ("dashboard", "r.yaml", "-o", "board.html"), ("convert", "r.yaml", "-o", "r.xlsx"))


def sparse(path: Path, size: int = HUGE) -> None:
    with open(path, "wb") as handle:
        handle.truncate(size)


@pytest.fixture
def data(tmp_path: Path) -> Path:
    shutil.copytree(DATA, tmp_path / "data")
    shutil.copy(EXAMPLE, tmp_path / "r.yaml")
    return tmp_path / "data"


@pytest.mark.parametrize("name", ["units.yaml", "measures.yaml", "responsibility_table.yaml"])
def test_a_huge_data_file_is_refused_by_its_size(ipm, data: Path, name: str):
    (data / name).unlink()
    sparse(data / name)
    for args in DATA_COMMANDS:
        result = ipm(*args, timeout=30, memory=MEMORY)
        assert result.returncode == 1, (args, result.stderr)
        assert name in result.stderr and str(HUGE) in result.stderr, result.stderr
        assert "--max-bytes" not in result.stderr  # the data limit is not that option


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
def test_a_device_as_a_data_file_is_refused(ipm, data: Path, device: str):
    if not os.path.exists(device):
        pytest.skip(f"no {device} here")
    (data / "measures.yaml").unlink()
    (data / "measures.yaml").symlink_to(device)
    for args in DATA_COMMANDS:
        result = ipm(*args, timeout=30, memory=MEMORY)
        assert result.returncode == 1 and "measures.yaml" in result.stderr and "普通文件" in result.stderr, \
            result.stderr


def test_a_data_file_just_past_the_limit_is_refused_and_one_at_it_is_read(ipm, data: Path):
    from ipmeasures.policy.loader import DATA_MAX_BYTES

    text = (data / "units.yaml").read_bytes()
    (data / "units.yaml").write_bytes(text + b"#" * (DATA_MAX_BYTES - len(text) - 1) + b"\n")
    assert ipm("validate", "--data", "data", timeout=60).returncode == 0
    with open(data / "units.yaml", "ab") as handle:
        handle.write(b"\n")
    result = ipm("validate", "--data", "data", timeout=60)
    assert result.returncode == 1 and str(DATA_MAX_BYTES + 1) in result.stderr


@pytest.mark.parametrize("args", REPORT_COMMANDS, ids=lambda a: a[0])
def test_a_huge_report_is_refused_by_its_size(ipm, tmp_path: Path, args: tuple[str, ...]):
    if args[0] == "convert":
        pytest.importorskip("openpyxl")
    (tmp_path / "r.yaml").unlink(missing_ok=True)
    sparse(tmp_path / "r.yaml")
    result = ipm(*args, timeout=30, memory=MEMORY)
    assert result.returncode == 1
    assert str(HUGE) in result.stdout + result.stderr


@pytest.mark.parametrize("limit", ["99999999999", str(1 << 62)])
@pytest.mark.parametrize("args", REPORT_COMMANDS, ids=lambda a: a[0])
def test_a_huge_max_bytes_allocates_nothing_up_front(ipm, tmp_path: Path, args: tuple[str, ...], limit: str):
    if args[0] == "convert":
        pytest.importorskip("openpyxl")
    shutil.copy(EXAMPLE, tmp_path / "r.yaml")
    result = ipm(*args, "--max-bytes", limit, "--today", "2025-12-31", timeout=60, memory=MEMORY) \
        if args[0] != "convert" else ipm(*args, "--max-bytes", limit, timeout=60, memory=MEMORY)
    assert result.returncode == 0, result.stdout + result.stderr
    if args[0] == "ledger":
        assert json.loads(result.stdout)["periods"] == ["2022-H1"]


def test_a_huge_max_bytes_with_a_workbook(ipm, tmp_path: Path):
    pytest.importorskip("openpyxl")
    shutil.copy(EXAMPLE, tmp_path / "r.yaml")
    assert ipm("convert", "r.yaml", "-o", "r.xlsx", timeout=60).returncode == 0
    result = ipm("check", "r.xlsx", "--max-bytes", "99999999999", timeout=60, memory=MEMORY)
    assert result.returncode == 0, result.stdout + result.stderr


def test_read_bounded_reads_in_pieces_and_stops_past_the_limit(tmp_path: Path):
    from ipmeasures.errors import SourceError
    from ipmeasures.sources.files import read_bounded

    path = tmp_path / "r.yaml"
    path.write_bytes(b"x" * 3000)
    assert read_bounded(str(path), 3000) == b"x" * 3000
    assert read_bounded(str(path), 1 << 62) == b"x" * 3000  # no allocation of the limit
    with pytest.raises(SourceError) as info:
        read_bounded(str(path), 2999)
    assert "3000" in info.value.message and "2999" in info.value.message


def test_a_short_read_before_the_end_reads_on(tmp_path, monkeypatch):
    """read_bounded stops at a short read only once the file's whole size is in: a file system that hands back
    less than asked mid-file (a network share may) still gives the whole file."""
    import os

    from ipmeasures.sources import files

    data = "unit: 市公安局\nperiod: 2022-H1\n".encode() * 50
    path = tmp_path / "r.yaml"
    path.write_bytes(data)
    real_read = os.read
    monkeypatch.setattr(files.os, "read", lambda fd, n: real_read(fd, min(n, 7)))  # 7 bytes a call, always short
    assert files.read_bounded(str(path), 1 << 20) == data


def test_a_small_file_is_read_in_one_call_that_asks_for_its_size(tmp_path, monkeypatch):
    """os.read allocates what it is asked for: a 3,000-byte report is asked for as 3,001 bytes (one more, to
    see the end in the same call), never a megabyte, and in one call."""
    import os

    from ipmeasures.sources import files

    path = tmp_path / "r.yaml"
    path.write_bytes(b"y" * 3000)
    asked: list[int] = []
    real_read = os.read
    monkeypatch.setattr(files.os, "read", lambda fd, n: (asked.append(n), real_read(fd, n))[1])
    assert files.read_bounded(str(path), 1 << 30) == b"y" * 3000
    assert asked == [3001]


@pytest.mark.parametrize("told", [0, 10, 2999])
def test_a_file_larger_than_its_stat_says_is_read_whole_in_pieces(tmp_path, monkeypatch, told):
    """A file that grew after fstat, or whose size reads 0 (as /proc files do), is read to its end in
    whole pieces past the size it was said to have, not byte by byte, and still within the limit."""
    import os

    from ipmeasures.errors import SourceError
    from ipmeasures.sources import files

    data = bytes(range(256)) * 40  # 10,240 bytes
    path = tmp_path / "r.yaml"
    path.write_bytes(data)
    real_fstat = os.fstat

    class Told:
        def __init__(self, info):
            self.st_mode, self.st_size = info.st_mode, told

    monkeypatch.setattr(files.os, "fstat", lambda fd: Told(real_fstat(fd)))
    calls: list[int] = []
    real_read = os.read
    monkeypatch.setattr(files.os, "read", lambda fd, n: (calls.append(n), real_read(fd, n))[1])
    assert files.read_bounded(str(path), 1 << 20) == data
    assert len(calls) <= 4
    with pytest.raises(SourceError):
        files.read_bounded(str(path), len(data) - 1)
