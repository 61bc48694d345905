"""Lights (亮灯) from first principles: a duty against its milestones on a given day."""

from __future__ import annotations

import datetime as dt

import pytest

from ipmeasures.supervision.lights import GREEN, GREY, RED, YELLOW, light, milestone_dates

D = dt.date
AS_OF = D(2022, 12, 31)


@pytest.mark.parametrize("status, milestones, expected", [
    ("not_applicable", [D(2022, 1, 1)], GREY),  # passed, but does not apply
    ("completed", [D(2022, 1, 1)], GREEN),  # passed and done
    ("blocked", [], RED),  # blocked is red with or without a milestone
    ("blocked", [D(2030, 1, 1)], RED),
    ("in_progress", [], GREY),  # ongoing, nothing to be late for
    ("not_started", [], GREY),
    ("in_progress", [D(2022, 12, 30)], RED),  # passed yesterday
    ("in_progress", [D(2022, 12, 31)], YELLOW),  # due today: not yet passed, within 30 days
    ("in_progress", [D(2023, 1, 30)], YELLOW),  # 30 days away: within
    ("in_progress", [D(2023, 1, 31)], GREEN),  # 31 days away
    ("not_started", [D(2025, 1, 1), D(2022, 6, 30)], RED),  # an earlier milestone passed
    ("in_progress", [D(2025, 1, 1), D(2023, 1, 15)], YELLOW),  # the nearer one decides
])
def test_light(status, milestones, expected):
    assert light(status, milestones, AS_OF) == expected


def test_warn_days_is_configurable():
    assert light("in_progress", [D(2023, 3, 1)], AS_OF) == GREEN  # 60 days away
    assert light("in_progress", [D(2023, 3, 1)], AS_OF, warn_days=60) == YELLOW
    assert light("in_progress", [D(2023, 1, 5)], AS_OF, warn_days=0) == GREEN


@pytest.mark.parametrize("until, expected", [
    (D(2022, 12, 30), RED),  # deferred, and the new date has passed
    (D(2023, 1, 10), YELLOW),  # the new date is near
    (D(2023, 6, 30), GREEN),  # approved delay, far off
    (None, RED),  # a deferral without a date is not an approved delay
])
def test_deferred_is_judged_against_its_new_date(until, expected):
    # The original milestone (passed) no longer counts once the delay is approved.
    assert light("deferred", [D(2022, 6, 30)], AS_OF, deferred_until=until) == expected


class _Duty:
    def __init__(self, deadline_end=None, milestones=None):
        self.deadline_end = deadline_end
        if milestones is not None:
            self.milestones = milestones


class _Milestone:
    def __init__(self, end, ongoing=False):
        self.end = end
        self.ongoing = ongoing


def test_milestone_dates_prefer_every_milestone():
    assert milestone_dates(_Duty(D(2024, 11, 21))) == [D(2024, 11, 21)]
    assert milestone_dates(_Duty()) == []
    duty = _Duty(D(2024, 11, 21), [_Milestone(D(2024, 11, 21)), _Milestone(D(2022, 8, 31)), _Milestone(None, True)])
    assert milestone_dates(duty) == [D(2022, 8, 31), D(2024, 11, 21)]


def test_catalog_duty_with_deadline():
    """Measure 1 (三年专项行动) runs to 2024-11-21 (source text): 市公安局's duty is red after, yellow near."""
    from ipmeasures.policy.catalog import load_catalog

    duty = next(d for d in load_catalog().duties("市公安局") if d.kind == "measure" and d.id == 1)
    dates = milestone_dates(duty)
    assert dates == [D(2024, 11, 21)]
    assert light("in_progress", dates, D(2024, 12, 31)) == RED
    assert light("in_progress", dates, D(2024, 11, 1)) == YELLOW
    assert light("in_progress", dates, D(2024, 6, 30)) == GREEN
