"""report_record_json writes each report's `reports` record from memoised fragments: it must be the text
jsontext.inert_record writes for report_record() (the general way), for every shape a record takes -- each
kind of duty, every status and light, missing unit, period or date, hostile and odd file names -- and with
each example policy (item duties named by their reference)."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from tests.paths import REPO

from ipmeasures.jsontext import inert_record
from ipmeasures.policy.catalog import load_catalog
from ipmeasures.rules.base import ReportSummary
from ipmeasures.supervision.results import report_record, report_record_json

STATUSES = ["completed", "in_progress", "not_started", "blocked", "deferred", "not_applicable"]
POLICIES = sorted(p / "data" for p in (REPO / "examples" / "policies").iterdir() if p.is_dir())


def general(summary: ReportSummary, catalog, warn_days: int = 30) -> str:
    return inert_record(report_record(summary, catalog, warn_days=warn_days))


def summaries(catalog):
    """For each unit that carries duties: a report on all of them (each status in turn), one on none, one
    deferring the first, one with nothing known."""
    for index, unit in enumerate(catalog.units_with_duties()):
        duties = [(d.kind, d.id) for d in catalog.duties(unit)]
        statuses = tuple((kind, number, STATUSES[(index + i) % len(STATUSES)]) for i, (kind, number) in enumerate(duties))
        yield ReportSummary(file=f"reports/{unit}/2022-H1.yaml", unit=unit, period="2022-H1",
                            period_end=dt.date(2022, 6, 30), statuses=statuses, submitted=dt.date(2022, 7, 3),
                            deferrals=tuple((k, n, dt.date(2023, 1, 1)) for k, n, s in statuses if s == "deferred"))
        yield ReportSummary(file=f"r/{unit}.yaml", unit=unit, period="2030年上半年", period_end=dt.date(2030, 6, 30))
    yield ReportSummary(file="nobody.yaml", unit=None, period=None)


@pytest.mark.parametrize("data", [None, *POLICIES], ids=lambda p: "huizhou" if p is None else p.parent.name)
def test_every_record_is_the_text_the_general_way_writes(data):
    catalog = load_catalog(data)
    checked = 0
    for summary in summaries(catalog):
        for warn_days in (30, 0, 400):
            fast = report_record_json(summary, catalog, warn_days=warn_days)
            assert fast == general(summary, catalog, warn_days), summary
            checked += 1
    assert checked > 20 and json.loads(fast)["file"] == "nobody.yaml"


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=40), st.sampled_from(["2022-H1", "2022年度", "", None]), st.booleans())
def test_any_file_name_and_period_give_the_general_text(name, period, submitted):
    catalog = load_catalog()
    summary = ReportSummary(file=name, unit="市公安局", period=period, period_end=dt.date(2022, 12, 31),
                            statuses=(("measure", 19, "completed"), ("task", 6, "blocked")),
                            submitted=dt.date(2023, 1, 5) if submitted else None)
    assert report_record_json(summary, catalog) == general(summary, catalog)
