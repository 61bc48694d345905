"""Findings amplification in comparisons (issue 12, item 9): `ipm diff` and `ipm check --baseline` keep a
fingerprint and an offset of each finding, never its record, so memory does not grow with what the findings
say.

Measured at two sizes, five times apart, each command in a fresh process (peak RSS, Linux). Before the
records were spooled, a diff of 2 × 250 reports of 200 findings took 274 MiB and one of 2 × 50 reports 67 MiB
(about 5 MiB a thousand findings); a baseline of 202,000 findings 376 MiB and of 40,400 126 MiB (1.5 MiB a
thousand). The bounds below allow a fraction of that growth: what still grows is a fingerprint and a sort
entry a finding (well under 0.5 KiB).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from tests.processes import peak_rss_kib
from tests.timeouts import bounded_in_time

TIMEOUT = 120
_bounded_in_time = bounded_in_time(TIMEOUT)
TODAY = "2100-12-31"
UNITS = ["市公安局", "市法院", "市检察院", "市司法局", "市财政局"]

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="ru_maxrss is in KiB on Linux")


def peak_rss_mib(argv: list[str]) -> float:
    """Peak resident memory (MiB) of `ipm argv` in its own process, read in a fresh parent."""
    rss, code = peak_rss_kib(argv, timeout=TIMEOUT)
    assert code in (0, 1), argv
    return rss / 1024


def reports(folder: Path, files: int, items: int, *, later: bool = False) -> Path:
    """`files` reports of `items` empty items (two findings each), a unit and period each; `later`: the next
    periods, each file an item or two more or less (new, persisting and resolved findings)."""
    folder.mkdir()
    for i in range(files):
        count = items + (i % 5) - 2 if later else items
        period = f"{2030 + i // len(UNITS) + (100 if later else 0)}-H1"
        text = f"unit: {UNITS[i % len(UNITS)]}\nperiod: {period}\nitems:\n" + "- {}\n" * count
        (folder / f"r{i:04d}.yaml").write_text(text, encoding="utf-8")
    return folder


def saved_result(path: Path, findings: int) -> Path:
    """A saved result as ipm writes it (a record a line) of `findings` distinct findings, each with a long
    message: what a baseline of that many findings holds."""
    with path.open("w", encoding="utf-8") as out:
        out.write('{\n  "summary": {"files": 1},\n  "findings": [')
        for i in range(findings):
            record = {"file": f"r/{i // 200:04d}.yaml", "line": 4 + i % 200, "column": 3, "severity": "error",
                      "rule": "invalid-report", "message": "没有写 measure、task 或 item：请写明这一项对应哪项职责。" * 3,
                      "field": f"items.{i % 200}", "unit": UNITS[i % len(UNITS)], "measure": None, "task": None,
                      "suppressed": False}
            out.write(("\n    " if i == 0 else ",\n    ") + json.dumps(record, ensure_ascii=False))
        out.write("\n  ]\n}\n")
    return path


@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_a_diff_does_not_grow_with_its_findings(tmp_path, fmt):
    """2 × 20 and 2 × 100 reports of 200 findings: 8,000 and 40,000 findings. Before: 56 and 119 MiB (json),
    35 and 93 MiB (csv); now about 30 MiB each."""
    peaks = {}
    for files in (20, 100):
        old = reports(tmp_path / f"old{files}", files, 100)
        new = reports(tmp_path / f"new{files}", files, 100, later=True)
        peaks[files] = peak_rss_mib(["diff", str(old), str(new), "--today", TODAY, "--format", fmt])
    assert peaks[100] - peaks[20] < 16, peaks  # 32,000 findings more: under 0.5 KiB each
    assert peaks[100] < 80, peaks


@pytest.mark.parametrize("fmt", ["json", "sarif"])
def test_a_baseline_does_not_grow_with_its_findings(tmp_path, fmt):
    """A saved result of 10,000 and of 50,000 findings (7 and 35 MiB), and a small run against it: nearly
    every baseline finding is resolved (SARIF lists each as absent). Before: 45 and 146 MiB; now about 33 MiB
    each."""
    folder = reports(tmp_path / "r", 2, 10)
    peaks = {}
    for findings in (10_000, 50_000):
        baseline = saved_result(tmp_path / f"baseline{findings}.json", findings)
        peaks[findings] = peak_rss_mib(["check", str(folder), "--today", TODAY, "--format", fmt,
                                        "--baseline", str(baseline)])
    assert peaks[50_000] - peaks[10_000] < 16, peaks  # 40,000 findings more: under 0.5 KiB each
    assert peaks[50_000] < 80, peaks
