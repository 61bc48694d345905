"""亮灯: each duty's light against its milestones, as 督查督办 platforms show it.

- red: a milestone has passed and the duty is not completed; or it is blocked; or it is deferred (延期)
  and its approved new date has passed;
- yellow: not completed, and a milestone (or a deferred duty's new date) falls within `warn_days` days;
- green: completed, or on track: every milestone still more than `warn_days` days away;
- grey: not applicable, or open work with no milestone at all (ongoing: nothing to be late for).

A duty the unit did not report on counts as not started. The day it is judged on (`as_of`) is the end of
the period the report covers: a report says where the work stood then.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ipmeasures.policy.catalog import Catalog, Duty
    from ipmeasures.rules.base import ReportSummary

GREEN, YELLOW, RED, GREY = "green", "yellow", "red", "grey"
LIGHTS = (RED, YELLOW, GREEN, GREY)
DEFAULT_WARN_DAYS = 30


def milestone_dates(duty: Duty) -> list[dt.date]:
    """The last days a duty's milestones allow: every milestone where the model has them, else its deadline."""
    milestones = getattr(duty, "milestones", None)
    if milestones:
        return sorted(m.end for m in milestones if getattr(m, "end", None) is not None)
    end = getattr(duty, "deadline_end", None)
    return [end] if end is not None else []


def light(status: str | None, milestones: Iterable[dt.date], as_of: dt.date, *,
          warn_days: int = DEFAULT_WARN_DAYS, deferred_until: dt.date | None = None) -> str:
    """The light of one duty (see the module docstring)."""
    return _light(status, list(milestones), as_of, dt.timedelta(days=warn_days), deferred_until)


def _light(status: str | None, dates: list[dt.date], as_of: dt.date, warn: dt.timedelta,
           deferred_until: dt.date | None) -> str:
    if status == "not_applicable":
        return GREY
    if status == "completed":
        return GREEN
    if status == "blocked":
        return RED
    if status == "deferred":
        # An approved delay replaces the milestone with the new date.
        if deferred_until is None or deferred_until < as_of:
            return RED
        return YELLOW if deferred_until - as_of <= warn else GREEN
    if not dates:
        return GREY
    first = min(dates)  # past: red; within the warning: yellow (any milestone; the first decides both)
    if first < as_of:
        return RED
    return YELLOW if first - as_of <= warn else GREEN


def duty_lights(unit: str, statuses: dict, deferrals: dict, as_of: dt.date, catalog: Catalog, *,
                warn_days: int = DEFAULT_WARN_DAYS) -> dict[tuple[str, int], str]:
    """The light of every duty `unit` carries, on `as_of`: {(kind, number): light}.

    `statuses` maps (kind, number) to the status reported (a duty missing from it counts as not started);
    `deferrals` maps (kind, number) to an approved new date.
    """
    warn = dt.timedelta(days=warn_days)
    return {key: _light(statuses.get(key) or "not_started", dates, as_of, warn, deferrals.get(key))
            for key, dates in _judged(catalog.duties(unit))}


# Each unit's duties as the lights judge them, (kind, number) and milestone_dates(), once each: a ledger or a
# check judges the same few lists of duties thousands of times. Keyed by the id of the catalog's list, which
# the entry keeps alive (so the id is never reused meanwhile).
_plans: dict[int, tuple[list, tuple[tuple[tuple[str, int], list[dt.date]], ...]]] = {}


def _judged(duties: list[Duty]) -> tuple[tuple[tuple[str, int], list[dt.date]], ...]:
    entry = _plans.get(id(duties))
    if entry is None:
        plan: dict[tuple[str, int], list[dt.date]] = {}
        for duty in duties:
            plan.setdefault((duty.kind, duty.id), milestone_dates(duty))  # a duty held twice: its first holding
        entry = (duties, tuple(plan.items()))
        if len(_plans) < 4096:
            _plans[id(duties)] = entry
    return entry[1]


def summary_lights(summary: ReportSummary, catalog: Catalog, *, warn_days: int = DEFAULT_WARN_DAYS) -> dict[tuple[str, int], str]:
    """`duty_lights` of a checked report (a ReportSummary), judged at its period's end; {} when it names no
    known unit or period."""
    if summary.unit is None or summary.period_end is None:
        return {}
    statuses = {(kind, number): status for kind, number, status in summary.statuses}
    deferrals = {(kind, number): until for kind, number, until in summary.deferrals}
    return duty_lights(summary.unit, statuses, deferrals, summary.period_end, catalog, warn_days=warn_days)
