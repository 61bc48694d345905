"""Findings amplification (issue 12, item 9): at most 200 findings per file, then one that counts the rest,
in every output; memory flat in the number of findings.

The reports are generated here. Expectations from first principles: an empty item `{}` has neither a
measure/task nor a status, two invalid-report findings, so 100 more empty items leave out 200 more.
"""

from __future__ import annotations

import json
import re
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from tests.clirun import run
from tests.processes import peak_rss_kib

from ipmeasures.rules.too_many_findings import ID, LIMIT

TODAY = "2022-12-31"
TIMEOUT = 120
HEAD = "unit: 市公安局\nperiod: 2022-H1\nitems:\n"
SPELLINGS = {
    "empty mappings": "- {}\n",
    "nulls": "- null\n",
    "unknown fields": "- {foo: 1}\n",
    "unknown measures": "- {measure: 999, status: completed}\n",
    "bad statuses": "- {task: 1, status: 进行}\n",
}


def report(tmp_path: Path, line: str, n: int, name: str = "r.yaml") -> Path:
    path = tmp_path / name
    path.write_text(HEAD + line * n, encoding="utf-8")
    return path


def left_out(message: str) -> int:
    return int(re.search(r"另有 (\d+) 条", message).group(1))


@pytest.mark.parametrize("spelling", sorted(SPELLINGS))
def test_a_file_lists_at_most_the_limit_then_one_finding_that_counts_the_rest(tmp_path, spelling):
    path = report(tmp_path, SPELLINGS[spelling], 1_000)
    code, out, _err = run("check", str(path), "--today", TODAY, "--format", "json")
    findings = json.loads(out)["findings"]
    assert code == 1 and len(findings) == LIMIT + 1
    closing = [f for f in findings if f["rule"] == ID]
    assert len(closing) == 1 and closing[0]["severity"] == "error" and left_out(closing[0]["message"]) > 0
    assert closing[0]["line"] == 3 + 1_000  # the file's last line


def test_the_count_of_what_is_left_out_is_exact(tmp_path):
    counts = []
    for n in (1_000, 1_100):
        _code, out, _err = run("check", str(report(tmp_path, "- {}\n", n, f"r{n}.yaml")), "--today", TODAY,
                              "--format", "json")
        [closing] = [f for f in json.loads(out)["findings"] if f["rule"] == ID]
        counts.append(left_out(closing["message"]))
    assert counts[1] - counts[0] == 2 * 100  # two findings per empty item


def test_below_the_limit_nothing_is_left_out(tmp_path):
    _code, out, _err = run("check", str(report(tmp_path, "- {}\n", 50)), "--today", TODAY, "--format", "json")
    assert not [f for f in json.loads(out)["findings"] if f["rule"] == ID]


def test_each_file_has_its_own_limit(tmp_path):
    folder = tmp_path / "r"
    folder.mkdir()
    for i in range(3):
        report(folder, "- {}\n", 500, f"r{i}.yaml")
    _code, out, _err = run("check", str(folder), "--today", TODAY, "--format", "json")
    per_file: dict[str, int] = {}
    for finding in json.loads(out)["findings"]:
        per_file[finding["file"]] = per_file.get(finding["file"], 0) + 1
    assert min(per_file.values()) >= LIMIT + 1 and len([f for f in per_file.values() if f > LIMIT + 5]) == 0


@pytest.mark.parametrize("fmt", ["table", "github", "junit", "sarif", "markdown"])
def test_every_format_carries_the_closing_finding(tmp_path, fmt):
    path = report(tmp_path, "- {}\n", 2_000)
    code, out, _err = run("check", str(path), "--today", TODAY, "--format", fmt)
    assert code == 1
    if fmt == "sarif":
        results = json.loads(out)["runs"][0]["results"]
        assert len(results) == LIMIT + 1 and results[-1]["ruleId"] == ID
    elif fmt == "junit":
        text = " ".join(ET.fromstring(out).itertext())
        assert ID in text
    elif fmt == "github":
        annotations = [line for line in out.splitlines() if line.startswith("::error")]
        assert len(annotations) == LIMIT + 1 and any(ID in line for line in annotations)
    else:
        assert ID in out and "另有" in out


def test_a_workbook_is_capped_too(tmp_path):
    pytest.importorskip("openpyxl")
    source = report(tmp_path, "- {measure: 999}\n", 1_000)
    workbook = tmp_path / "r.xlsx"
    assert run("convert", str(source), "-o", str(workbook))[0] == 0
    code, out, _err = run("check", str(workbook), "--today", TODAY, "--format", "json")
    findings = json.loads(out)["findings"]
    assert code == 1 and len(findings) == LIMIT + 1 and findings[-1]["rule"] == ID


def test_ledger_and_dashboard_use_the_capped_findings(tmp_path):
    folder = tmp_path / "r"
    folder.mkdir()
    report(folder, "- {}\n", 2_000)
    code, out, err = run("ledger", str(folder), "--today", TODAY, "--format", "json")
    assert code == 0, err
    findings = json.loads(out)["findings"]
    assert len(findings) == LIMIT + 1 and findings[-1]["rule"] == ID
    page = tmp_path / "d.html"
    code, _out, err = run("dashboard", str(folder), "--today", TODAY, "-o", str(page))
    assert code == 0 and ID in page.read_text(encoding="utf-8")


# --- memory: flat in the number of findings ------------------------------------------------------------


def peak_rss(argv: list[str]) -> int:
    """Peak resident memory (KiB) of `ipm argv` in its own process."""
    return peak_rss_kib(argv, timeout=TIMEOUT)[0]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="ru_maxrss is in KiB on Linux")
@pytest.mark.parametrize("fmt", ["json", "sarif", "table"])
def test_memory_does_not_grow_with_the_findings(tmp_path, fmt):
    """Two 1 MB reports: one of `- {}` lines (400,000 findings before the cap), one a valid report whose
    size is in a long progress text (a few findings). Their peaks differ by what parsing 200,000 small
    items costs, not by what 400,000 findings would (397 MB for json, 3.2 GB for SARIF before the cap)."""
    size = 1_000_000
    many = tmp_path / "many.yaml"
    many.write_text(HEAD + "- {}\n" * ((size - len(HEAD)) // 5), encoding="utf-8")
    few = tmp_path / "few.yaml"
    few.write_text(HEAD + "  - task: 1\n    status: in_progress\n    progress: |\n"
                   + ("      进展。\n" * ((size - 200) // 16)), encoding="utf-8")
    args = ["check", "--today", TODAY, "--format", fmt, "--max-bytes", str(2 * size)]
    peaks = {name: peak_rss([*args, str(path)]) for name, path in (("many", many), ("few", few))}
    assert peaks["many"] < 200 * 1024, peaks  # MiB


def test_a_finding_crosses_to_the_writing_process_unchanged():
    """Workers send findings to the process writing the outputs by pickle (Finding.__reduce__): every field
    comes back equal, the severity as the enum member itself -- every field the dataclass has, so a field
    added later cannot be lost on the way."""
    import dataclasses
    import pickle

    from ipmeasures.findings import Finding, Severity

    given = {"rule_id": "overdue", "severity": Severity.WARNING, "message": "过期", "file": "r/a.yaml", "line": 3,
             "column": 5, "field": "items.0.status", "unit": "市公安局", "measure": 19, "task": 4,
             "item": "二(三)2", "suppressed": True, "cell": "报告!E9", "change": "new", "waiver": ("w", 1)}
    assert set(given) == {f.name for f in dataclasses.fields(Finding)}, "give every field a value"
    full = Finding(**given)
    bare = Finding(rule_id="invalid-report", severity=Severity.ERROR, message="m", file="f")
    for finding in (full, bare):
        back = pickle.loads(pickle.dumps(finding, protocol=pickle.HIGHEST_PROTOCOL))
        assert back == finding
        assert back.severity is finding.severity


def test_a_report_result_and_its_summary_cross_to_the_writing_process_unchanged():
    """ReportResult and ReportSummary pickle by constructor (their __reduce__): every field comes back equal."""
    import dataclasses
    import datetime as dt
    import pickle

    from ipmeasures.findings import Finding, Severity
    from ipmeasures.results import ItemDetail, ReportResult
    from ipmeasures.rules.base import ReportSummary

    summary_values = {"file": "r/a.yaml", "unit": "市公安局", "period": "2022-H1", "period_end": dt.date(2022, 6, 30),
                      "unit_mark": (1, 7), "statuses": (("measure", 19, "completed"),), "sheet": "报告",
                      "submitted": dt.date(2022, 7, 5), "submitted_mark": (3, 12),
                      "deferrals": (("task", 2, dt.date(2022, 12, 31)),)}
    assert set(summary_values) == {f.name for f in dataclasses.fields(ReportSummary)}, "give every field a value"
    summary = ReportSummary(**summary_values)
    result_values = {"file": "r/a.yaml", "summary": summary, "period_start": dt.date(2022, 1, 1),
                     "findings": [Finding(rule_id="overdue", severity=Severity.WARNING, message="m", file="r/a.yaml")],
                     "items": (ItemDetail(kind="measure", number=19, status="completed", progress="p",
                                          evidence=("惠公发〔2022〕3号",), new_date=None),),
                     "record": '{"file": "r/a.yaml"}', "findings_text": '{"file": "r/a.yaml", "rule": "overdue"}',
                     "counts": (0, 1, 0)}
    assert set(result_values) == {f.name for f in dataclasses.fields(ReportResult)}, "give every field a value"
    for value in (summary, ReportResult(**result_values), ReportResult(file="f", findings=[])):
        assert pickle.loads(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)) == value


def reports_folder(tmp_path: Path, name: str, body: str, n: int) -> Path:
    folder = tmp_path / name
    folder.mkdir()
    for i in range(n):
        (folder / f"r{i:04d}.yaml").write_text(HEAD + body, encoding="utf-8")
    return folder


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="ru_maxrss is in KiB on Linux")
def test_summary_memory_does_not_grow_with_the_run_findings(tmp_path):
    """`ipm summary` over 400 reports of 100 empty items each (200 findings per file, 80,000 in the run):
    it counts each report's errors as the report goes by and keeps none of its findings, so its peak is
    that of 400 reports with a finding or two. (Collecting the run, 800 such reports took 108 MB against 25 MB.)"""
    many = reports_folder(tmp_path, "many", "- {}\n" * 100, 400)
    few = reports_folder(tmp_path, "few", "  - task: 1\n    status: in_progress\n    progress: 进展。\n", 400)
    peak_rss(["units"])  # the compiled data cache, written before anything is measured
    args = ["summary", "--today", TODAY, "--format", "json"]
    peaks = {name: peak_rss([*args, str(path)]) for name, path in (("many", many), ("few", few))}
    assert peaks["many"] < peaks["few"] + 8 * 1024, peaks  # KiB: within 8 MiB


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="ru_maxrss is in KiB on Linux")
@pytest.mark.parametrize("output", ["xlsx", "baseline"])
def test_xlsx_and_baseline_memory_does_not_grow_with_the_run_findings(tmp_path, output):
    """`--output xlsx=…` and `--baseline` over 400 reports of 100 empty items (80,000 findings in the run):
    the workbook's rows go to openpyxl's temporary file as each report is checked, and the findings are
    marked against the baseline's fingerprints as they stream, so the peak is that of 400 reports with a
    finding or two. (Collected, 800 such reports took 829 MB against 88 MB for xlsx, 228 MB against 53 MB
    with a baseline.)"""
    pytest.importorskip("openpyxl")
    many = reports_folder(tmp_path, "many", "- {}\n" * 100, 400)
    few = reports_folder(tmp_path, "few", "  - task: 1\n    status: in_progress\n    progress: 进展。\n", 400)
    peak_rss(["units"])  # the compiled data cache, written before anything is measured
    saved = tmp_path / "saved.json"  # one baseline for both: what grows is this run's findings
    saved.write_text(run("check", str(few), "--today", TODAY, "--format", "json")[1], encoding="utf-8")
    peaks = {}
    for name, folder in (("many", many), ("few", few)):
        args = ["check", str(folder), "--today", TODAY, "--format", "json"]
        args += ["--output", f"xlsx={tmp_path / (name + '.xlsx')}"] if output == "xlsx" else ["--baseline", str(saved)]
        peaks[name] = peak_rss(args)
    assert peaks["many"] < peaks["few"] + 16 * 1024, peaks  # KiB: within 16 MiB
