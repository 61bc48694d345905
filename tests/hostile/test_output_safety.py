"""Where outputs may go (issue 12, items 1 and 2), for every command that writes one.

The rule (destination.py, README "What `ipm check` refuses"): `-` is stdout; anything that exists and is
not a regular file (symlink, FIFO, directory) is refused with exit 2 even with --force; an existing
regular file is replaced only with --force or when it is ipm's earlier output of the same kind.
Every input is made here at run time; anything that could block (a FIFO) runs in a subprocess with a
timeout, so a hang fails the test instead of stalling the run.
"""

from __future__ import annotations

import functools
import io
import json
import os
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pytest
from tests import clirun
from tests.paths import REPO
from tests.timeouts import bounded_in_time

EXAMPLES = REPO / "examples" / "reports" / "2022-H1"
TODAY = "2022-12-31"
TIMEOUT = 60


run = functools.partial(clirun.run, binary=True)  # stdout as bytes: a workbook may go there


def run_process(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    """ipm in a subprocess, bounded in time: a hang is a failure (TimeoutExpired), not a stuck run."""
    return subprocess.run([sys.executable, "-m", "ipmeasures", *args], check=False, cwd=cwd, capture_output=True,
                          timeout=TIMEOUT, env={**os.environ, "IPM_LANG": "zh", "NO_COLOR": "1"})


_bounded_in_time = bounded_in_time(TIMEOUT)


@pytest.fixture
def reports(tmp_path: Path) -> Path:
    """A copy of the example reports (one folder), so that nothing writes near the repository's."""
    folder = tmp_path / "reports"
    shutil.copytree(EXAMPLES, folder)
    return folder


def openpyxl_or_skip():
    return pytest.importorskip("openpyxl")


# Every command and output option, as (name, argv builder, kind of what it writes). The builder takes the
# reports folder and the output path.
def _check(fmt: str):
    return lambda reports, out: ["check", str(reports), "--today", TODAY, "--output", f"{fmt}={out}"]


WRITERS = {
    "check json": (_check("json"), "out.json"),
    "check sarif": (_check("sarif"), "out.sarif"),
    "check junit": (_check("junit"), "out.xml"),
    "check github": (_check("github"), "out.txt"),
    "check markdown": (_check("markdown"), "out.md"),
    "check table": (_check("table"), "out.txt"),
    "check xlsx": (_check("xlsx"), "out.xlsx"),
    "ledger xlsx": (lambda r, o: ["ledger", str(r), "--today", TODAY, "-o", o], "台账.xlsx"),
    "ledger json": (lambda r, o: ["ledger", str(r), "--today", TODAY, "-o", o], "台账.json"),
    "ledger csv": (lambda r, o: ["ledger", str(r), "--today", TODAY, "-o", o], "台账.csv"),
    "ledger markdown": (lambda r, o: ["ledger", str(r), "--today", TODAY, "-o", o], "台账.md"),
    "dashboard": (lambda r, o: ["dashboard", str(r), "--today", TODAY, "-o", o], "dashboard.html"),
    "template yaml": (lambda r, o: ["template", "市公安局", "--period", "2022-H1", "-o", o], "市公安局.yaml"),
    "template xlsx": (lambda r, o: ["template", "市公安局", "--period", "2022-H1", "-o", o], "市公安局.xlsx"),
    "convert to xlsx": (lambda r, o: ["convert", str(r / "市公安局.yaml"), "-o", o], "市公安局.xlsx"),
    "owner csv": (lambda r, o: ["owner", "市公安局", "--format", "csv", "-o", o], "owner.csv"),
    "owner xlsx": (lambda r, o: ["owner", "市公安局", "--format", "xlsx", "-o", o], "owner.xlsx"),
    "matrix json": (lambda r, o: ["matrix", "--format", "json", "-o", o], "matrix.json"),
    "units markdown": (lambda r, o: ["units", "--format", "markdown", "-o", o], "units.md"),
}
NEEDS_EXCEL = {name for name, (_b, target) in WRITERS.items() if target.endswith(".xlsx")}
# Outputs a second run may replace without --force: ipm recognises its own earlier file of that kind.
RECOGNISED = {"check json", "check sarif", "check junit", "check github", "check markdown", "check xlsx",
              "ledger xlsx", "ledger json", "dashboard"}


def writer(name: str, reports: Path, out: Path) -> list[str]:
    if name in NEEDS_EXCEL:
        openpyxl_or_skip()
    build, _target = WRITERS[name]
    return build(reports, str(out))


# --- item 1: never over what is not a regular file ------------------------------------------------------


def _symlink_to_file(tmp: Path, target: Path) -> str:
    real = tmp / "real-file"
    real.write_bytes(b"precious")
    target.symlink_to(real)
    return "real-file"


def _dangling_symlink(tmp: Path, target: Path) -> str:
    target.symlink_to(tmp / "nowhere")
    return "nowhere"


def _symlink_to_dev_null(tmp: Path, target: Path) -> str:
    target.symlink_to(os.devnull)
    return "devnull"


def _directory(tmp: Path, target: Path) -> str:
    target.mkdir()
    return "dir"


def _fifo(tmp: Path, target: Path) -> str:
    os.mkfifo(target)
    return "fifo"


NOT_REGULAR = {"symlink to a file": _symlink_to_file, "dangling symlink": _dangling_symlink,
               "symlink to /dev/null": _symlink_to_dev_null, "directory": _directory}
if hasattr(os, "mkfifo"):
    NOT_REGULAR["fifo"] = _fifo


@pytest.mark.parametrize("name", sorted(WRITERS))
@pytest.mark.parametrize("spelling", sorted(NOT_REGULAR))
def test_never_writes_over_what_is_not_a_regular_file(tmp_path, reports, name, spelling):
    target = tmp_path / WRITERS[name][1]
    what = NOT_REGULAR[spelling](tmp_path, target)
    before = os.lstat(target)
    argv = writer(name, reports, target)
    for extra in ([], ["--force"]):
        code, _out, err = run(*argv, *extra, cwd=tmp_path)
        assert code == 2, (spelling, extra, err)
        assert str(target) in err
        after = os.lstat(target)
        assert (after.st_mode, after.st_ino) == (before.st_mode, before.st_ino), "replaced"
    if what == "real-file":
        assert (tmp_path / "real-file").read_bytes() == b"precious"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
@pytest.mark.parametrize("name", ["check junit", "ledger xlsx", "dashboard", "template yaml", "owner csv"])
def test_a_fifo_output_in_a_real_process(tmp_path, reports, name):
    """The same through a real process (no CliRunner): exit 2, a message, no traceback, nothing replaced."""
    target = tmp_path / WRITERS[name][1]
    os.mkfifo(target)
    result = run_process(*writer(name, reports, target), "--force", cwd=tmp_path)
    err = result.stderr.decode()
    assert result.returncode == 2 and "FIFO" in err and "Traceback" not in err
    assert os.path.exists(target) and not os.path.isfile(target)


# --- `-` is stdout, for every output option ----------------------------------------------------------


def _zip_names(data: bytes) -> list[str]:
    return zipfile.ZipFile(io.BytesIO(data)).namelist()


STDOUT_CASES = {
    # name: (argv builder, how stdout must parse)
    "check --output json=-": (lambda r: ["check", str(r), "--today", TODAY, "--output", "json=-"],
                              lambda out: json.loads(out)["summary"]["files"] == 2),
    "check --output junit=-": (lambda r: ["check", str(r), "--today", TODAY, "--output", "junit=-"],
                               lambda out: ET.fromstring(out).get("tests") == "2"),
    "check --output sarif=-": (lambda r: ["check", str(r), "--today", TODAY, "--output", "sarif=-"],
                               lambda out: json.loads(out)["version"] == "2.1.0"),
    "check --output xlsx=-": (lambda r: ["check", str(r), "--today", TODAY, "--output", "xlsx=-"],
                              lambda out: "xl/workbook.xml" in _zip_names(out)),
    "ledger -o -": (lambda r: ["ledger", str(r), "--today", TODAY, "-o", "-"],
                    lambda out: out.decode().startswith("# 任务落实台账")),
    "ledger --format json -o -": (lambda r: ["ledger", str(r), "--today", TODAY, "--format", "json", "-o", "-"],
                                  lambda out: json.loads(out)["periods"] == ["2022-H1"]),
    "ledger --format xlsx -o -": (lambda r: ["ledger", str(r), "--today", TODAY, "--format", "xlsx", "-o", "-"],
                                  lambda out: "xl/workbook.xml" in _zip_names(out)),
    "dashboard -o -": (lambda r: ["dashboard", str(r), "--today", TODAY, "-o", "-"],
                       lambda out: out.startswith(b"<!DOCTYPE html>")),
    "template -o -": (lambda r: ["template", "市公安局", "--period", "2022-H1", "-o", "-"],
                      lambda out: b"unit: \xe5\xb8\x82" in out),
    "template --format xlsx -o -": (lambda r: ["template", "市公安局", "--format", "xlsx", "-o", "-"],
                                    lambda out: "xl/workbook.xml" in _zip_names(out)),
    "convert yaml -o -": (lambda r: ["convert", str(r / "市公安局.yaml"), "-o", "-"],
                          lambda out: "xl/workbook.xml" in _zip_names(out)),
    "owner -o -": (lambda r: ["owner", "市公安局", "--format", "json", "-o", "-"],
                   lambda out: json.loads(out)["unit"] == "市公安局"),
    "matrix --format xlsx -o -": (lambda r: ["matrix", "--format", "xlsx", "-o", "-"],
                                  lambda out: "xl/workbook.xml" in _zip_names(out)),
}


@pytest.mark.parametrize("name", sorted(STDOUT_CASES))
def test_dash_means_stdout(tmp_path, reports, name):
    build, parses = STDOUT_CASES[name]
    if "xlsx" in name or name.startswith("convert"):
        openpyxl_or_skip()
    code, out, err = run(*build(reports), cwd=tmp_path)
    assert code == 0, err
    assert parses(out)
    assert not (tmp_path / "-").exists()  # no file named "-"


def test_two_documents_cannot_share_stdout(tmp_path, reports):
    for argv in (["--output", "json=-", "--output", "junit=-"], ["--format", "sarif", "--output", "json=-"]):
        code, out, err = run("check", str(reports), *argv, cwd=tmp_path)
        assert code == 2 and "stdout" in err and out == b""


def test_a_workbook_never_goes_to_a_terminal(tmp_path, reports):
    """Binary to a terminal is refused (exit 2); a pipe is fine (above). `script` gives a real terminal."""
    if not shutil.which("script"):
        pytest.skip("no `script` to run ipm on a pseudo-terminal")
    openpyxl_or_skip()
    command = f"{sys.executable} -m ipmeasures matrix --format xlsx -o -; echo rc=$?"
    result = subprocess.run(["script", "-qec", command, "/dev/null"], check=False, cwd=tmp_path, capture_output=True,
                            timeout=TIMEOUT, env={**os.environ, "IPM_LANG": "zh"})
    text = result.stdout.decode("utf-8", errors="replace")
    assert "rc=2" in text and "PK\x03\x04" not in text


# --- item 2: an existing file is replaced only when it is ipm's own earlier output, or with --force -----


@pytest.mark.parametrize("name", sorted(WRITERS))
def test_an_existing_foreign_file_is_kept_without_force(tmp_path, reports, name):
    target = tmp_path / WRITERS[name][1]
    for content in (b"a user's own notes\n", b"", "unit: 市公安局\nperiod: 2022-H1\nitems: []\n".encode()):
        target.write_bytes(content)
        code, _out, err = run(*writer(name, reports, target), cwd=tmp_path)
        assert code == 1 and "--force" in err, (content, err)
        assert target.read_bytes() == content
    code, _out, err = run(*writer(name, reports, target), "--force", cwd=tmp_path)
    assert code in (0, 1) and target.read_bytes() != content, err  # check exits 1 only on findings


@pytest.mark.parametrize("name", sorted(WRITERS))
def test_a_second_run_replaces_only_its_own_kind_of_output(tmp_path, reports, name):
    target = tmp_path / WRITERS[name][1]
    first = run(*writer(name, reports, target), cwd=tmp_path)
    assert first[0] in (0, 1) and target.exists(), first[2]
    code, _out, err = run(*writer(name, reports, target), cwd=tmp_path)
    if name in RECOGNISED:
        assert code in (0, 1) and "--force" not in err, err
    else:  # a report (template, convert), a CSV, a table, a query: only with --force
        assert code == 1 and "--force" in err


def test_check_output_never_replaces_another_report(tmp_path):
    """`ipm check a.yaml --output json=b.yaml` (issue 12, item 2): b.yaml is a report, not an output."""
    folder = tmp_path / "r"
    shutil.copytree(EXAMPLES, folder)
    other = folder / "市贸促会.yaml"
    before = other.read_bytes()
    for fmt in ("json", "sarif", "junit", "github", "markdown", "table"):
        code, _out, err = run("check", str(folder / "市公安局.yaml"), "--output", f"{fmt}={other}")
        assert code == 1 and "--force" in err and other.read_bytes() == before


def test_check_output_never_replaces_a_ledger_workbook_or_a_report_workbook(tmp_path, reports):
    openpyxl_or_skip()
    ledger = tmp_path / "台账.xlsx"
    assert run("ledger", str(reports), "--today", TODAY, "-o", str(ledger))[0] == 0
    template = tmp_path / "市公安局.xlsx"
    assert run("template", "市公安局", "--period", "2022-H1", "-o", str(template))[0] == 0
    for existing in (ledger, template):
        before = existing.read_bytes()
        code, _out, err = run("check", str(reports), "--today", TODAY, "--output", f"xlsx={existing}")
        assert code == 1 and "--force" in err and existing.read_bytes() == before
    # and a ledger run never takes the check's workbook, or a report workbook, for its own
    results = tmp_path / "检查结果.xlsx"
    assert run("check", str(reports), "--today", TODAY, "--output", f"xlsx={results}")[0] == 0
    for existing in (results, template):
        before = existing.read_bytes()
        code, _out, err = run("ledger", str(reports), "--today", TODAY, "-o", str(existing))
        assert code == 1 and existing.read_bytes() == before


def test_one_format_is_not_taken_for_another(tmp_path, reports):
    """A SARIF log is not a JSON results file: --output json= over it is refused."""
    sarif = tmp_path / "ipm.sarif"
    assert run("check", str(reports), "--today", TODAY, "--output", f"sarif={sarif}")[0] == 0
    before = sarif.read_bytes()
    for fmt in ("json", "junit", "github", "markdown"):
        code, _out, _err = run("check", str(reports), "--today", TODAY, "--output", f"{fmt}={sarif}")
        assert code == 1 and sarif.read_bytes() == before, fmt


def test_a_refused_output_is_known_before_any_report_is_read(tmp_path):
    """The destination is checked first: a bad --output ends the run at once, even with broken reports."""
    folder = tmp_path / "r"
    folder.mkdir()
    (folder / "a.yaml").write_text("unit: [\n", encoding="utf-8")
    (tmp_path / "notes.md").write_text("mine\n", encoding="utf-8")
    code, out, err = run("check", str(folder), "--output", f"markdown={tmp_path / 'notes.md'}")
    assert code == 1 and out == b"" and "a.yaml" not in err
