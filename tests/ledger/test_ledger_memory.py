"""Findings amplification in the ledger (issue 12, item 9): `ipm ledger` lists every finding of the run, and
keeps them on disk (`ledger.model.FindingSpool`), not as objects; of each report it keeps only the first item
about each duty, which is all a cell shows. So the ledger's memory is flat in the number of findings for every
format: csv has none; xlsx spools its rows; json and markdown are written a piece at a time, their findings
read back one by one.

Measured at two sizes, ten times apart, each in a fresh process (peak RSS, Linux). Before, 20 and 200 reports
of 200 findings (4,000 and 40,000) took 21 and 40 MiB (csv), 42 and 63 MiB (xlsx), 35 and 186 MiB (json),
27 and 80 MiB (markdown): 0.55 to 4 KiB a finding. Now 21 and 21 MiB, 40 and 43 MiB, 21 and 21 MiB, 21 and
21 MiB: the bound allows under a third of the least old growth.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from tests.processes import peak_rss_kib

TIMEOUT = 120
TODAY = "2100-12-31"
UNITS = ["市公安局", "市法院", "市检察院", "市司法局", "市财政局"]

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="ru_maxrss is in KiB on Linux")


def reports(folder: Path, files: int, items: int) -> Path:
    """`files` reports of `items` empty items (two findings each), over the same 5 units and 4 periods whatever
    their number (the ledger's size stays the same; beyond the first 20, each file is a duplicate whose
    findings the ledger lists)."""
    folder.mkdir()
    for i in range(files):
        period = f"{2030 + (i // len(UNITS)) % 4}-H1"
        text = f"unit: {UNITS[i % len(UNITS)]}\nperiod: {period}\nitems:\n" + "- {}\n" * items
        (folder / f"r{i:04d}.yaml").write_text(text, encoding="utf-8")
    return folder


def peaks(tmp_path: Path, command: str, suffix: str) -> dict[int, float]:
    """Peak RSS (MiB) of `ipm command REPORTS -o FILE.suffix` over 20 and over 200 reports (4,000 and 40,000
    findings); each run's file must have been written."""
    peak_rss_kib(["units"], timeout=TIMEOUT)  # compiles the data cache, which a first run would also measure
    found = {}
    for files in (20, 200):
        folder = reports(tmp_path / f"r{files}", files, 100)
        out = tmp_path / f"out{files}.{suffix}"
        rss, code = peak_rss_kib([command, str(folder), "--today", TODAY, "-o", str(out)], timeout=TIMEOUT)
        assert code in (0, 1) and out.stat().st_size > 0
        found[files] = rss / 1024
    return found


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "json", "markdown"])
def test_the_ledger_does_not_grow_with_its_findings(tmp_path, fmt):
    if fmt == "xlsx":
        pytest.importorskip("openpyxl")
    found = peaks(tmp_path, "ledger", fmt)  # the file's ending chooses the format (台账.markdown, 台账.json)
    assert found[200] - found[20] < 6, found  # 36,000 findings more: under 0.2 KiB each


@pytest.mark.parametrize("limit", [1 << 20, 64])  # in memory; on disk after the first few
def test_the_finding_spool_gives_back_what_was_added_in_order(monkeypatch, limit):
    from ipmeasures.findings import Finding, Severity
    from ipmeasures.ledger.model import FindingSpool

    monkeypatch.setattr(FindingSpool, "LIMIT", limit)
    spool = FindingSpool()
    assert not spool and len(spool) == 0 and list(spool) == []
    added = [Finding(rule_id="invalid-report", severity=Severity.ERROR if i % 2 else Severity.WARNING,
                     message=f"第 {i} 项\\x1b", file=f"r/{i % 3}.yaml", line=i + 1, column=3, field=f"items.{i}",
                     measure=i % 22 or None, suppressed=i % 5 == 0) for i in range(50)]
    for finding in added[:20]:
        spool.append(finding)
    assert list(spool) == added[:20]  # read back, then added to again
    for finding in added[20:]:
        spool.append(finding)
    assert spool and len(spool) == 50
    assert list(spool) == added and list(spool) == added  # each iteration reads them all again
