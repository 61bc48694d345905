"""Findings amplification in the ledger (issue 12, item 9): `ipm ledger` lists every finding of the run, and
keeps them on disk (`ledger.model.FindingSpool`), not as objects; of each report it keeps only the first item
about each duty, which is all a cell shows. So the ledger's memory is flat in the number of findings for every
format: csv has none; xlsx spools its rows; json and markdown are written a piece at a time, their findings
read back one by one. `ipm dashboard` lists them too, grouped by unit: it reads them back once, sets each
one's row aside on disk under its unit (`ledger.dashboard.group_findings`) and writes the page a piece at a time.

Measured at two sizes, ten times apart, each in a fresh process (peak RSS, Linux). Before, 20 and 200 reports
of 200 findings (4,000 and 40,000) took 21 and 40 MiB (csv), 42 and 63 MiB (xlsx), 35 and 186 MiB (json),
27 and 80 MiB (markdown), 30 and 141 MiB (dashboard): 0.55 to 4 KiB a finding. Now 21 and 21 MiB, 40 and
43 MiB, 21 and 21 MiB, 21 and 21 MiB, 22 and 22 MiB: the bound allows under a third of the least old growth.
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


def test_the_dashboard_does_not_grow_with_its_findings(tmp_path):
    """The page lists every finding, grouped by unit: each unit's rows wait on disk until its section is written."""
    found = peaks(tmp_path, "dashboard", "html")
    assert found[200] - found[20] < 6, found


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


@pytest.mark.parametrize("limit", [1 << 16, 64])  # in memory; on disk after the first row
def test_the_dashboard_groups_findings_by_unit_in_the_order_given(monkeypatch, limit):
    import io
    import re

    from ipmeasures.findings import Finding, Severity
    from ipmeasures.ledger.dashboard import UnitFindings, group_findings

    monkeypatch.setattr(UnitFindings, "LIMIT", limit)
    units = ["市公安局", "市法院", None]  # None: a file whose unit is not known
    findings = [Finding(rule_id="invalid-report", severity=Severity.ERROR if i % 2 else Severity.WARNING,
                        message=f"第 {i} 条", file=f"r/{i % 7}.yaml", line=i + 1, column=1, unit=units[i % 3],
                        suppressed=i % 5 == 0) for i in range(600)]
    with group_findings(iter(findings)) as found:
        assert len(found) == 600 and list(found.units) == units  # in the order first seen
        for k, unit in enumerate(units):
            mine = [i for i in range(600) if i % 3 == k]
            out = io.StringIO()
            found.units[unit].copy_to(out)
            assert [int(n) for n in re.findall(r"<td>第 (\d+) 条</td></tr>", out.getvalue())] == mine
            assert found.units[unit].counts == [sum(1 for i in mine if i % 2 and i % 5),
                                                sum(1 for i in mine if not i % 2 and i % 5),
                                                sum(1 for i in mine if not i % 5)]
        assert found.tally() == (sum(1 for i in range(600) if i % 2 and i % 5),
                                 sum(1 for i in range(600) if not i % 2 and i % 5), 120)
        # open errors by (file, unit), as the 通报 table counts them: none for a file of no known unit
        assert found.errors == {(f"r/{f}.yaml", units[k]): sum(1 for i in range(600) if i % 7 == f and i % 3 == k
                                                              and i % 2 and i % 5)
                                for f in range(7) for k in (0, 1)}
        files = [unit.rows for unit in found.units.values()]
    assert all(rows.closed for rows in files)
