"""Findings sent as text (ReportResult.findings_text): when `--format json` is the only output of a check, each
report's findings are written where the report is checked and only that text and their counts reach the
writing process. The document must be the one the findings themselves would make, every finding counted,
and the text never used where something changes findings after the check."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest
from tests.clirun import run
from tests.paths import TESTS

from ipmeasures.check import engine
from ipmeasures.findings import Severity
from ipmeasures.policy.catalog import load_catalog
from ipmeasures.reporters.json import JsonReporter, findings_json

FIXTURES = TESTS / "fixtures" / "reports"
TODAY = dt.date(2025, 12, 31)


@pytest.fixture(scope="module")
def catalog():
    return load_catalog()


@pytest.fixture
def reports(tmp_path: Path) -> Path:
    """The fixtures, and reports whose findings need escaping (a control character, a `::`) among them."""
    root = tmp_path / "reports"
    shutil.copytree(FIXTURES / "pass", root / "good")
    shutil.copytree(FIXTURES / "fail", root / "bad")
    (root / "odd").mkdir()
    # values a finding quotes back: an ESC (a YAML escape) and a `::` (a GitHub workflow command)
    (root / "odd" / "escape.yaml").write_text('unit: 市公安局\nperiod: "2022-H1\\e"\nitems: []\n', encoding="utf-8")
    (root / "odd" / "colons.yaml").write_text("unit: 市公安局\nperiod: 2022-H1\nitems:\n- measure: 1\n"
                                              "  status: done::now\n", encoding="utf-8")
    return root


def records(text: str) -> list[dict]:
    return json.loads("[" + text + "]") if text else []


@pytest.mark.parametrize("jobs", [1, 2])
def test_each_report_carries_the_text_of_its_findings_and_their_counts(catalog, reports, monkeypatch, jobs):
    monkeypatch.setattr(engine, "PARALLEL_MIN_FILES", 2)
    monkeypatch.setattr(engine, "CHUNK", 3)
    plain = list(engine.check_stream([str(reports)], catalog, today=TODAY, jobs=jobs))
    sent = list(engine.check_stream([str(reports)], catalog, today=TODAY, jobs=jobs, findings_text=findings_json))
    assert [r.file for r in sent] == [r.file for r in plain] and len(sent) > 20
    as_text = 0
    for text_result, result in zip(sent, plain):
        expected = [f.to_record() for f in result.findings]
        if text_result.findings_text is None:  # needs escaping, or nothing to say: the findings themselves
            assert text_result.findings == result.findings and text_result.counts is None
            continue
        as_text += 1
        assert text_result.findings == [] and records(text_result.findings_text) == expected
        errors = sum(1 for f in result.findings if f.severity is Severity.ERROR and not f.suppressed)
        warnings = sum(1 for f in result.findings if f.severity is Severity.WARNING and not f.suppressed)
        assert text_result.counts == (errors, warnings, sum(1 for f in result.findings if f.suppressed))
    assert as_text >= 20
    # the reports whose text would need making inert kept their findings for the finding-by-finding door
    odd = {Path(r.file).name: r for r in sent if "odd" in r.file}
    assert set(odd) == {"escape.yaml", "colons.yaml"}
    assert all(r.findings_text is None and r.findings for r in odd.values()), odd


@pytest.mark.parametrize("options", [{"strict": True}, {"ignore": ["missing-evidence"]}])
def test_options_that_change_findings_after_the_check_get_the_findings(catalog, reports, options):
    stream = engine.check_stream([str(reports)], catalog, today=TODAY, findings_text=findings_json, **options)
    results = list(stream)
    assert all(r.findings_text is None and r.counts is None for r in results)
    assert any(r.findings for r in results)


def test_the_json_reporter_declares_the_text_it_writes():
    assert JsonReporter.findings_text is findings_json


def test_only_formats_without_a_companion_send_findings_as_text():
    # A companion (the GitHub job summary) is fed the same reports and reads their findings one by one.
    from ipmeasures.reporters import REPORTERS

    for name, cls in REPORTERS.items():
        if cls.findings_text is not None:
            assert cls.companion({}) is None, name


@pytest.mark.parametrize("extra", [[], ["--output", "sarif=OUT"], ["--strict"], ["--ignore", "missing-evidence"]])
def test_the_document_is_the_same_as_from_the_findings(reports, tmp_path, monkeypatch, extra):
    # With the text path (json alone) and without it (another format, or an option that changes findings),
    # the JSON document lists the same findings in the same order, and the summary counts every one of them.
    monkeypatch.setenv("IPM_JOBS", "2")
    args = [a.replace("OUT", str(tmp_path / "out.sarif")) for a in extra]
    _code, out, _err = run("check", str(reports), "--format", "json", "--today", "2025-12-31", *args)
    document = json.loads(out)
    findings = document["findings"]
    strict = "--strict" in extra
    assert document["summary"]["errors"] == sum(1 for f in findings if not f["suppressed"]
                                                  and (f["severity"] == "error"))
    assert document["summary"]["warnings"] == (0 if strict else sum(
        1 for f in findings if not f["suppressed"] and f["severity"] == "warning"))
    assert document["summary"]["suppressed"] == sum(1 for f in findings if f["suppressed"])
    files = [f["file"] for f in findings]
    assert any("escape.yaml" in f for f in files) and any("colons.yaml" in f for f in files)
    if not extra:
        _code, base, _err = run("check", str(reports), "--format", "json", "--today", "2025-12-31", "--output",
                                f"markdown={tmp_path / 'out.md'}")
        assert json.loads(base) == document  # the same document without the text path
