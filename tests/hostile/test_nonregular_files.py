"""Issue 12, item 8: only regular files are opened; nothing found where reports are looked for is passed over.

FIFOs, sockets, devices and broken links named like reports (in a folder, given directly, under --data,
as GITHUB_STEP_SUMMARY) are findings, never a hang. Symbolic links to folders are followed, each real
folder once, so a link loop ends; a folder that cannot be read is a finding, never silence.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
from pathlib import Path

import pytest
from click.testing import CliRunner
from tests.paths import REPO

DATA = REPO / "data"
EXAMPLE = REPO / "examples" / "reports" / "2022-H1" / "市贸促会.yaml"
TODAY = ("--today", "2025-12-31")
NOT_REGULAR = "普通文件"

pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are POSIX")


def make_fifo(path: Path) -> Path:
    os.mkfifo(path)
    return path


def make_socket(path: Path) -> Path:
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(path))
    server.close()  # the socket file stays
    return path


MAKERS = {
    "fifo": make_fifo,
    "socket": make_socket,
    "device": lambda path: path.symlink_to("/dev/zero") or path,
    "broken-link": lambda path: path.symlink_to(path.parent / "nowhere") or path,
}
NAMES = ("x.yaml", "x.yml", "x.xlsx", "X.YAML")


def findings_of(stdout: str) -> list[dict]:
    return json.loads(stdout)["findings"]


@pytest.fixture
def reports(tmp_path: Path) -> Path:
    folder = tmp_path / "reports"
    folder.mkdir()
    shutil.copy(EXAMPLE, folder / "good.yaml")
    return folder


@pytest.mark.parametrize("kind", sorted(MAKERS))
@pytest.mark.parametrize("name", NAMES)
def test_check_in_a_folder(ipm, reports: Path, kind: str, name: str):
    MAKERS[kind](reports / name)
    result = ipm("check", "reports", "--format", "json", *TODAY, timeout=30)
    assert result.returncode == 1
    about = [f for f in findings_of(result.stdout) if f["file"].endswith(name)]
    assert len(about) == 1 and about[0]["rule"] == "invalid-report"
    assert (NOT_REGULAR if kind != "broken-link" else "不存在") in about[0]["message"]
    assert not [f for f in findings_of(result.stdout) if f["file"].endswith("good.yaml")]


@pytest.mark.parametrize("kind", ["fifo", "socket", "device"])
def test_ledger_and_dashboard_in_a_folder(ipm, reports: Path, kind: str):
    MAKERS[kind](reports / "x.yaml")
    MAKERS[kind](reports / "y.xlsx")
    result = ipm("ledger", "reports", "--format", "json", *TODAY, timeout=30)
    assert result.returncode == 0, result.stderr
    ledger = json.loads(result.stdout)
    assert ledger["periods"] == ["2022-H1"]
    assert {Path(f["file"]).name for f in ledger["findings"] if NOT_REGULAR in f["message"]} == {"x.yaml", "y.xlsx"}
    result = ipm("dashboard", "reports", "-o", "board.html", *TODAY, timeout=30)
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("name", NAMES)
def test_a_fifo_given_directly(ipm, tmp_path: Path, name: str):
    make_fifo(tmp_path / name)
    result = ipm("check", name, "--format", "json", timeout=30)
    assert result.returncode == 1 and NOT_REGULAR in findings_of(result.stdout)[0]["message"]
    for args in (("ledger", name, "--format", "json"), ("dashboard", name, "-o", "board.html")):
        result = ipm(*args, timeout=30)
        assert result.returncode == 1 and name in result.stderr and NOT_REGULAR in result.stderr, result.stderr


@pytest.mark.parametrize("kind", sorted(MAKERS))
@pytest.mark.parametrize("name", ["x.yaml", "x.xlsx"])
def test_diff_and_summary_of_what_is_not_a_regular_file(ipm, reports: Path, kind: str, name: str):
    """Nothing readable on a side: exit 1, naming the file and why (as ledger and dashboard), never a
    comparison or a table of nothing; a link to nowhere is a path that does not exist (usage, exit 2)."""
    MAKERS[kind](reports.parent / name)
    code, why = (2, "不存在") if kind == "broken-link" else (1, NOT_REGULAR)
    for args in (("diff", name, "reports/good.yaml"), ("diff", "reports", name), ("summary", name)):
        result = ipm(*args, *TODAY, timeout=30)
        assert result.returncode == code, (args, result.stdout, result.stderr)
        assert name in result.stderr and why in result.stderr, (args, result.stderr)


@pytest.mark.parametrize("name", ["x.yaml", "x.xlsx"])
def test_convert_a_fifo(ipm, tmp_path: Path, name: str):
    pytest.importorskip("openpyxl")
    make_fifo(tmp_path / name)
    target = "out.xlsx" if name.endswith(".yaml") else "out.yaml"
    result = ipm("convert", name, "-o", target, timeout=30)
    assert result.returncode == 1 and NOT_REGULAR in result.stderr
    assert not (tmp_path / target).exists()


@pytest.mark.parametrize("kind", ["fifo", "socket", "device"])
@pytest.mark.parametrize("name", ["units.yaml", "measures.yaml", "responsibility_table.yaml"])
def test_data_files(ipm, tmp_path: Path, kind: str, name: str):
    shutil.copytree(DATA, tmp_path / "data")
    (tmp_path / "data" / name).unlink()
    MAKERS[kind](tmp_path / "data" / name)
    shutil.copy(EXAMPLE, tmp_path / "r.yaml")
    for args in (("validate", "--data", "data"), ("--data", "data", "owner", "市公安局"),
                 ("--data", "data", "measures", "--format", "json"), ("--data", "data", "check", "r.yaml"),
                 ("--data", "data", "ledger", "r.yaml")):
        result = ipm(*args, timeout=30, env={"IPM_NO_CACHE": "1"})
        assert result.returncode == 1, args
        assert name in result.stderr and NOT_REGULAR in result.stderr, result.stderr


@pytest.mark.parametrize("kind", ["fifo", "device", "directory"])
def test_github_step_summary_that_is_not_a_regular_file(ipm, reports: Path, kind: str):
    target = reports.parent / "summary"
    if kind == "directory":
        target.mkdir()
    elif kind == "fifo":
        make_fifo(target)
    else:
        target = Path("/dev/null")
    result = ipm("check", "reports", "--format", "github", *TODAY, timeout=30,
                 env={"GITHUB_STEP_SUMMARY": str(target)})
    assert result.returncode == 0
    assert "GITHUB_STEP_SUMMARY" in result.stderr  # said, and skipped


def test_github_step_summary_regular_file_is_appended(ipm, reports: Path):
    summary = reports.parent / "summary.md"
    summary.write_text("before\n", encoding="utf-8")
    result = ipm("check", "reports", "--format", "github", *TODAY, timeout=30,
                 env={"GITHUB_STEP_SUMMARY": str(summary)})
    assert result.returncode == 0
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("before\n") and len(text) > len("before\n")


# --- folders -------------------------------------------------------------------------------------


def test_a_symlinked_folder_is_followed(ipm, tmp_path: Path):
    elsewhere = tmp_path / "elsewhere" / "2022-H1"
    elsewhere.mkdir(parents=True)
    shutil.copy(EXAMPLE, elsewhere / "good.yaml")
    (elsewhere / "bad.yaml").write_text("unit: 市贸促会\n", encoding="utf-8")
    reports = tmp_path / "reports"
    reports.mkdir()
    (reports / "2022-H1").symlink_to(elsewhere)
    result = ipm("check", "reports", "--format", "json", *TODAY, timeout=30)
    data = json.loads(result.stdout)
    assert data["summary"]["files"] == 2  # both read through the link
    assert {Path(f["file"]).name for f in data["findings"]} == {"bad.yaml"}
    ledger = json.loads(ipm("ledger", "reports", "--format", "json", *TODAY, timeout=30).stdout)
    assert ledger["periods"] == ["2022-H1"]


@pytest.mark.parametrize("target", ["..", ".", "../..", "../../reports"])
def test_a_link_loop_ends_and_reads_each_report_once(ipm, tmp_path: Path, target: str):
    reports = tmp_path / "reports"
    (reports / "a" / "b").mkdir(parents=True)
    shutil.copy(EXAMPLE, reports / "a" / "b" / "good.yaml")
    (reports / "a" / "b" / "loop").symlink_to(target)
    for args in (("check", "reports", "--format", "json", *TODAY), ("ledger", "reports", "--format", "json", *TODAY)):
        result = ipm(*args, timeout=30)
        assert result.returncode == 0, result.stdout + result.stderr
        assert not json.loads(result.stdout)["findings"]  # no duplicate-report: read once
    assert ipm("dashboard", "reports", "-o", "board.html", *TODAY, timeout=30).returncode == 0


def test_two_links_to_one_folder_read_it_once(ipm, tmp_path: Path):
    reports = tmp_path / "reports"
    (reports / "real").mkdir(parents=True)
    shutil.copy(EXAMPLE, reports / "real" / "good.yaml")
    (reports / "latest").symlink_to("real")
    (reports / "current").symlink_to("real")
    data = json.loads(ipm("check", "reports", "--format", "json", *TODAY, timeout=30).stdout)
    assert data["summary"]["files"] == 1 and not data["findings"]


def unreadable_findings(findings: list[dict], folder: str) -> list[dict]:
    return [f for f in findings if f["file"].endswith(folder) and f["rule"] == "invalid-report"]


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root reads every folder")
def test_an_unreadable_folder_is_a_finding(ipm, reports: Path):
    locked = reports / "locked"
    locked.mkdir()
    shutil.copy(EXAMPLE, locked / "hidden-from-us.yaml")
    locked.chmod(0)
    try:
        for args in (("check", "reports", "--format", "json", *TODAY), ("ledger", "reports", "--format", "json", *TODAY)):
            result = ipm(*args, timeout=30)
            assert len(unreadable_findings(json.loads(result.stdout)["findings"], "locked")) == 1
    finally:
        locked.chmod(0o755)


@pytest.mark.parametrize("error", [PermissionError(13, "Permission denied"), OSError(5, "Input/output error")])
@pytest.mark.parametrize("command", ["check", "ledger"])
def test_a_folder_that_cannot_be_listed_is_a_finding(monkeypatch, reports: Path, error: OSError, command: str):
    """The same, for root (CI) too: listing the folder fails as it does without the permission."""
    from ipmeasures.cli import cli

    locked = reports / "locked"
    locked.mkdir()
    shutil.copy(EXAMPLE, locked / "hidden-from-us.yaml")
    real_scandir = os.scandir

    def scandir(path=None):
        if str(path).endswith("locked"):
            raise error
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    result = CliRunner().invoke(cli, [command, str(reports), "--format", "json", *TODAY], catch_exceptions=False)
    found = unreadable_findings(json.loads(result.stdout)["findings"], "locked")
    assert len(found) == 1 and error.strerror in found[0]["message"]
    if command == "check":
        assert result.exit_code == 1  # a run that could not read everything does not pass


# --- the other files commands read: settings (--config), saved results (ipm diff), waivers, calendars ---


@pytest.mark.parametrize("kind", ["fifo", "device"])
def test_a_config_file_that_is_not_regular(ipm, reports: Path, kind: str):
    MAKERS[kind](reports.parent / "ipm.toml")
    result = ipm("check", "reports", "--config", "ipm.toml", *TODAY, timeout=30)
    assert result.returncode == 2 and "ipm.toml" in result.stderr and NOT_REGULAR in result.stderr


@pytest.mark.parametrize("kind", ["fifo", "device", "socket"])
def test_diff_of_a_saved_result_that_is_not_regular(ipm, reports: Path, kind: str):
    MAKERS[kind](reports.parent / "old.json")
    result = ipm("diff", "old.json", "reports", *TODAY, timeout=30)
    assert result.returncode == 1 and "old.json" in result.stderr and NOT_REGULAR in result.stderr


@pytest.mark.parametrize("option", ["--waivers", "--calendar"])
def test_waivers_and_calendar_files_that_are_not_regular(ipm, reports: Path, option: str):
    make_fifo(reports.parent / "side.yaml")
    result = ipm("check", "reports", option, "side.yaml", *TODAY, timeout=30)
    assert result.returncode in (1, 2) and "side.yaml" in result.stderr and NOT_REGULAR in result.stderr
