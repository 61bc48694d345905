"""expired-waiver: the waiver file tests/fixtures/waivers/waivers.yaml (expiry 2023-03-31, entry at line 4)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from ipmeasures.check.engine import check_paths
from ipmeasures.supervision.waivers import load_waivers

ID = "expired-waiver"
WAIVERS = Path(__file__).resolve().parent.parent / "fixtures" / "waivers" / "waivers.yaml"
REPORT = Path(__file__).resolve().parent.parent / "fixtures" / "supervision" / "2022-H2" / "惠州仲裁委.yaml"


def findings(catalog, today: dt.date):
    waivers = load_waivers(str(WAIVERS), catalog)
    return check_paths([str(REPORT)], catalog, today=today, waivers=waivers).findings


@pytest.mark.parametrize("today", [dt.date(2023, 2, 1), dt.date(2023, 3, 31)])  # the expiry day itself holds
def test_silent_while_the_waiver_holds(catalog, today):
    found = findings(catalog, today)
    assert [f.rule_id for f in found] == ["missing-evidence"]
    assert found[0].suppressed and found[0].waiver.approver == "市市场监管局 知识产权保护科"


def test_fires_the_day_after_expiry_at_the_waiver_line(catalog):
    found = findings(catalog, dt.date(2023, 4, 1))
    expired = [f for f in found if f.rule_id == ID]
    assert [(f.file, f.line, f.column, f.unit, f.measure) for f in expired] == [
        (str(WAIVERS), 4, 5, "惠州仲裁委", 10)]
    assert "2023-03-31" in expired[0].message
    # The finding it waived is back, unsuppressed.
    [evidence] = [f for f in found if f.rule_id == "missing-evidence"]
    assert not evidence.suppressed and evidence.waiver is None


def test_silent_without_a_waiver_file(catalog):
    found = check_paths([str(REPORT)], catalog, today=dt.date(2024, 1, 1)).findings
    assert ID not in {f.rule_id for f in found}
