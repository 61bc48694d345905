"""late-report: tests/fixtures/supervision/2023-H1 with tests/fixtures/calendar/calendar.yaml (due on the 5th day
after the period ends: 2023-07-05).

By hand: 人大 submitted 2023-07-20 (line 4, column 12): 15 days late. 仲裁委 (2023-07-04) and 贸促会 (2023-07-03)
are on time. With --expect-all and today 2023-08-01, every unit with duties and no 2023-H1 report is late too:
20 units carry duties, 3 reported, so 17.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from ipmeasures.check.engine import check_paths
from ipmeasures.errors import SourceError
from ipmeasures.report.period import parse_period
from ipmeasures.supervision.calendar import load_calendar

ID = "late-report"
FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
H3 = FIXTURES / "supervision" / "2023-H1"
CALENDAR = FIXTURES / "calendar" / "calendar.yaml"


def late(catalog, *, today=dt.date(2023, 8, 1), expect_all=False, calendar=str(CALENDAR)):
    dates = load_calendar(None, calendar) if calendar else None
    found = check_paths([str(H3)], catalog, today=today, expect_all=expect_all, calendar=dates).findings
    return [f for f in found if f.rule_id == ID]


def test_fires_on_a_report_submitted_after_the_due_date(catalog):
    [finding] = late(catalog)
    assert (Path(finding.file).name, finding.line, finding.column, finding.unit, finding.field) == (
        "市人大常委会办公室.yaml", 4, 12, "市人大常委会办公室", "submitted")
    assert "2023-07-05" in finding.message and "15" in finding.message


def test_missing_reports_past_the_due_date_with_expect_all(catalog):
    found = late(catalog, expect_all=True)
    missing = [f for f in found if f.line is None]
    assert len(missing) == 20 - 3
    assert "市政协办公室" in {f.unit for f in missing}
    assert all(f.field == "period=2023-H1" for f in missing)


def test_not_yet_due_is_not_late(catalog):
    found = late(catalog, expect_all=True, today=dt.date(2023, 7, 5))  # the due day itself
    assert [f.unit for f in found] == ["市人大常委会办公室"]  # only the one submitted late


def test_silent_without_a_calendar(catalog):
    assert late(catalog, expect_all=True, calendar=None) == []


@pytest.mark.parametrize("period, due", [
    ("2023-H1", dt.date(2023, 7, 5)), ("2022-H2", dt.date(2023, 1, 5)), ("2023-Q1", dt.date(2023, 4, 5)),
    ("2023-02", dt.date(2023, 3, 5)), ("2022", dt.date(2023, 1, 15)),  # a year's reports: 15 days
])
def test_due_dates(period, due):
    assert load_calendar(None, str(CALENDAR)).due(parse_period(period)) == due


@pytest.mark.parametrize("text, line, field", [
    ("reports_due: 5\n", 1, "reports_due"),
    ("reports_due:\n  days_after_period_end: -1\n", 2, "reports_due.days_after_period_end"),
    ("reports_due:\n  days_after_period_end: 五\n", 2, "reports_due.days_after_period_end"),
    ("reports_due:\n  days_after: 5\n", 2, "reports_due.days_after"),
    ("reports_due:\n  year: 15\n", 2, "reports_due.days_after_period_end"),  # the mapping that lacks it
])
def test_bad_calendar_names_line_and_field(tmp_path, text, line, field):
    path = tmp_path / "calendar.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(SourceError) as caught:
        load_calendar(None, str(path))
    assert (caught.value.line, caught.value.field) == (line, field)


def test_calendar_in_the_data_directory(tmp_path, catalog):
    import shutil

    data = tmp_path / "data"
    shutil.copytree(Path(__file__).resolve().parent.parent.parent / "data", data)
    assert load_calendar(str(data)) is None  # the shipped data declares no reporting dates
    shutil.copy(CALENDAR, data / "calendar.yaml")
    assert load_calendar(str(data)).days == 5
