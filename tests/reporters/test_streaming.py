"""`ipm check` streams: each report's findings reach the outputs as it is checked, spooled to disk past a
small size, and the documents are the same as ever. Expectations are read off the fixture
(tests/fixtures/reports/fail/missing-evidence.yaml: missing-evidence at line 7, column 13, the `status: completed` of `items.0`,
unit 市人大常委会办公室, measure 5), written into many reports that differ only in their period."""

from __future__ import annotations

import io
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from click.testing import CliRunner

from ipmeasures.check import engine as checker
from ipmeasures.cli import cli
from ipmeasures.reporters import base
from ipmeasures.reporters.json import JsonReporter

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "reports" / "fail" / "missing-evidence.yaml"
YEARS = range(1990, 2025)  # 35 reports, every period over by --today


@pytest.fixture
def reports(tmp_path: Path) -> list[Path]:
    """The fixture once per year, without its `submitted:` line (line 4), so the finding is on line 6."""
    lines = FIXTURE.read_text(encoding="utf-8").splitlines(keepends=True)
    assert lines[3].startswith("submitted:") and lines[2] == "period: 2022-H1\n"
    folder = tmp_path / "reports"
    folder.mkdir()
    paths = []
    for year in YEARS:
        path = folder / f"r{year}.yaml"
        text = lines[:2] + [f"period: {year}-H1\n"] + lines[4:]
        path.write_text("".join(text), encoding="utf-8")
        paths.append(path)
    return paths


@pytest.fixture
def small_spools(monkeypatch):
    """Spools roll over to disk after 256 bytes, and workers check the reports three at a time."""
    monkeypatch.setattr(base, "SPOOL_BYTES", 256)
    monkeypatch.setattr(checker, "PARALLEL_MIN_FILES", 2)
    monkeypatch.setattr(checker, "CHUNK", 3)


def check(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["check", "--today", "2025-12-31", *args], catch_exceptions=False)
    return result.exit_code, result.stdout


def test_json_of_many_reports_is_the_whole_document(reports, small_spools):
    # Given in reverse: the document follows the order of the command line.
    given = list(reversed(reports))
    code, out = check("--format", "json", *map(str, given))
    document = json.loads(out)
    assert code == 1
    assert document["summary"] == {"files": len(YEARS), "errors": len(YEARS), "warnings": 0, "suppressed": 0}
    expected = [{"file": str(path), "line": 6, "column": 13, "severity": "error", "rule": "missing-evidence",
                 "field": "items.0.status", "unit": "市人大常委会办公室", "measure": 5, "task": None,
                 "suppressed": False} for path in given]
    assert [{k: v for k, v in record.items() if k != "message"} for record in document["findings"]] == expected
    assert len({record["message"] for record in document["findings"]}) == 1
    assert [(r["file"], r["unit"], r["period"], r["submitted"]) for r in document["reports"]] == [
        (str(path), "市人大常委会办公室", f"{path.stem[1:]}-H1", None) for path in given]
    assert all([(s["measure"], s["status"]) for s in r["statuses"]] == [(5, "completed")]
               for r in document["reports"])


def test_every_output_file_of_a_streamed_run_parses_whole(reports, small_spools, tmp_path):
    out = tmp_path / "out"
    code, stdout = check(str(reports[0].parent), "--format", "github",
                         "--output", f"sarif={out}/a.sarif", "--output", f"junit={out}/a.xml",
                         "--output", f"codequality={out}/cq.json", "--output", f"markdown={out}/a.md")
    assert code == 1
    annotations = [line for line in stdout.splitlines() if line.startswith("::error ")]
    assert [line.split("file=", 1)[1].split(",", 1)[0] for line in annotations] == [str(p) for p in reports]
    sarif = json.loads((out / "a.sarif").read_text(encoding="utf-8"))
    results = sarif["runs"][0]["results"]
    assert [(r["ruleId"], r["locations"][0]["physicalLocation"]["region"]) for r in results] == [
        ("missing-evidence", {"startLine": 6, "startColumn": 13})] * len(YEARS)
    rules = sarif["runs"][0]["tool"]["driver"]["rules"]
    assert all(rules[r["ruleIndex"]]["id"] == r["ruleId"] for r in results)
    suite = ET.parse(out / "a.xml").getroot()
    assert (suite.get("tests"), suite.get("failures")) == (str(len(YEARS)), str(len(YEARS)))
    assert [case.get("name") for case in suite.iter("testcase")] == [str(p) for p in reports]
    assert [f.get("type") for f in suite.iter("failure")] == ["missing-evidence"] * len(YEARS)
    issues = json.loads((out / "cq.json").read_text(encoding="utf-8"))
    assert [(i["check_name"], i["location"]["lines"]["begin"]) for i in issues] == [("missing-evidence", 6)] * len(YEARS)
    markdown = (out / "a.md").read_text(encoding="utf-8")
    assert sum(1 for line in markdown.splitlines() if "| missing-evidence |" in line) == len(YEARS)


def test_findings_reach_the_output_before_the_last_report_is_read(reports, monkeypatch):
    checked: list[str] = []
    seen_when_added: list[int] = []
    real_check, real_add = checker.check_file, JsonReporter.add

    def counting_check(path, *args, **kwargs):
        checked.append(path)
        return real_check(path, *args, **kwargs)

    def noting_add(self, report):
        seen_when_added.append(len(checked))
        return real_add(self, report)

    monkeypatch.setattr(checker, "check_file", counting_check)
    monkeypatch.setattr(JsonReporter, "add", noting_add)
    monkeypatch.setenv("IPM_JOBS", "1")
    code, out = check("--format", "json", str(reports[0].parent))
    assert code == 1 and len(json.loads(out)["findings"]) == len(YEARS)
    # One report in, one report out: the first is written when only it has been read.
    assert seen_when_added == list(range(1, len(YEARS) + 1))


@pytest.mark.parametrize("limit", [0, 5, 64, 1 << 20])
def test_a_spool_gives_back_what_was_written_in_memory_or_on_disk(limit):
    text = ["第一行，含中文\n", "second ✓\n", "𠀀 beyond the BMP\r\n", "x" * 100, ""]
    spool = base.Spool(limit)
    for piece in text:
        spool.write(piece)
    assert spool.spilled == (sum(map(len, text)) > limit)
    out = io.StringIO()
    base.copy_spool(spool, out)
    assert out.getvalue() == "".join(text)


def test_a_spool_on_disk_gathers_writes_and_gives_back_every_one_in_order(monkeypatch):
    monkeypatch.setattr(base, "_SPOOL_BATCH", 100)  # a batch handed to the file every few writes
    pieces = [f"第{i}行 ✓ {'x' * (i % 37)}\n" for i in range(500)]
    spool = base.Spool(10)
    for piece in pieces:
        spool.write(piece)
    assert spool.spilled and spool.size == sum(map(len, pieces))
    out = io.StringIO()
    base.copy_spool(spool, out)
    assert out.getvalue() == "".join(pieces)


def test_a_spool_can_be_read_line_by_line_after_spilling():
    spool = base.Spool(3)
    spool.write("a\nbb\n")
    spool.write("ccc\n")
    assert spool.spilled
    spool.seek(0)
    assert list(spool) == ["a\n", "bb\n", "ccc\n"]
    spool.close()


@pytest.mark.parametrize("sink", ["text", "utf8 file", "write_utf8"])
def test_a_spilled_spool_copies_out_the_same_text_to_every_kind_of_sink(sink):
    """On disk the spool holds UTF-8; copied to a UTF-8 file or to a sink that takes bytes it hands them on as
    they are, to anything else as text: the same characters either way, a 4-byte character across every
    1 MiB piece boundary included."""
    pieces = [("汉字𠀀x" * 997)[: 1000 + i % 7] + "\n" for i in range(1200)]  # ~3.6 MB of UTF-8
    spool = base.Spool(100)
    for piece in pieces:
        spool.write(piece)
    expected = "".join(pieces)
    if sink == "text":
        out = io.StringIO()
        base.copy_spool(spool, out)
        assert out.getvalue() == expected
        return
    raw = io.BytesIO()
    if sink == "utf8 file":
        target: object = io.TextIOWrapper(raw, encoding="utf-8", newline="")
        target.write("前言\n")  # text written before the copy stays before it
        base.copy_spool(spool, target)
        target.write("后记\n")
        target.flush()
        assert raw.getvalue().decode("utf-8") == "前言\n" + expected + "后记\n"
        return

    class TakesBytes:
        def write(self, text: str) -> None:  # pragma: no cover - the bytes path must be taken
            raise AssertionError("text path taken")

        def write_utf8(self, data: bytes) -> None:
            raw.write(data)

    base.copy_spool(spool, TakesBytes())
    assert raw.getvalue() == expected.encode("utf-8")
