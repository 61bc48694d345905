"""`ipm summary --by-unit`: the 通报 table -- per unit, over one period, what it carries and how it stands.

Per unit that carries duties: duties carried (named and via groups), reported (duties with an item),
completed, blocked, deferred, red (lights, see `lights`), open errors (not suppressed, in that period's
reports), late (submitted after the reporting calendar's due date, or no report past it). A unit without a report for the period is listed
with nothing reported: for 通报, the units that say nothing matter most.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ipmeasures.errors import IpmError, UsageError
from ipmeasures.findings import Severity
from ipmeasures.i18n import _, join_names
from ipmeasures.supervision.lights import DEFAULT_WARN_DAYS, RED, duty_lights

if TYPE_CHECKING:
    from ipmeasures.check.engine import CheckStream
    from ipmeasures.findings import Finding
    from ipmeasures.policy.catalog import Catalog
    from ipmeasures.results import CheckResult
    from ipmeasures.rules.base import ReportSummary
    from ipmeasures.supervision.calendar import Calendar

SORTS = ("red", "errors", "late", "completion")


@dataclass(slots=True)
class UnitRow:
    """One unit in one period."""

    unit: str
    duties: int = 0
    reported: int = 0
    completed: int = 0
    blocked: int = 0
    deferred: int = 0
    red: int = 0
    errors: int = 0
    late: int = 0
    applicable: int = 0  # duties less those reported not applicable
    lights: dict[tuple[str, int], str] = field(default_factory=dict)  # (kind, number) -> light

    @property
    def completion(self) -> float:
        """Completed ÷ applicable, in per cent (one decimal); 0 when nothing applies."""
        return round(100 * self.completed / self.applicable, 1) if self.applicable else 0.0

    def to_record(self) -> dict[str, Any]:
        return {"unit": self.unit, "duties": self.duties, "reported": self.reported, "completed": self.completed,
                "blocked": self.blocked, "deferred": self.deferred, "red": self.red, "errors": self.errors,
                "late": self.late, "completion": self.completion}


@dataclass(slots=True)
class UnitSummary:
    """The table of one period, sorted."""

    period: str
    units: list[UnitRow]
    sort: str = "red"

    def to_document(self) -> dict[str, Any]:
        return {"period": self.period, "units": [row.to_record() for row in self.units]}


def periods_of(outcome: CheckResult) -> list[str]:
    """The periods of a run's readable reports, latest first."""
    ends: dict[str, dt.date] = {}
    for s in outcome.summaries:
        if s.period is not None and s.period_end is not None:
            ends[s.period] = s.period_end
    return sorted(ends, key=lambda p: (ends[p], p), reverse=True)


ErrorCounts = Counter  # (file, unit) -> open errors: all of the findings that the table reads


def count_errors(findings: Iterable[Finding], into: ErrorCounts | None = None) -> ErrorCounts:
    """The open errors (not suppressed) of `findings` per (file, unit), added to `into`."""
    counts: ErrorCounts = Counter() if into is None else into
    for finding in findings:
        if finding.severity is Severity.ERROR and not finding.suppressed and finding.unit:
            counts[(finding.file, finding.unit)] += 1
    return counts


@dataclass(slots=True)
class Drained:
    """What the 通报 table needs of a streamed check run (`drain`)."""

    run: CheckResult  # its summaries and cross-file findings; not the reports' findings
    errors: ErrorCounts
    unusable: list[Finding] = field(default_factory=list)  # the first findings saying why a report is unusable
    unusable_total: int = 0


def drain(stream: CheckStream, keep: int = 5) -> Drained:
    """A streamed check run for the 通报 table: the reports' findings are only counted (`count_errors`) as each
    report goes by, so memory does not grow with them; the first `keep` that make a report unusable are kept
    to say why, should no report be usable (`nothing_to_summarise`)."""
    from ipmeasures.results import UNUSABLE_RULES

    drained = Drained(run=None, errors=Counter())  # type: ignore[arg-type]  # set once the stream is done

    def take(findings: list[Finding]) -> None:
        count_errors(findings, drained.errors)
        for finding in findings:
            if finding.rule_id in UNUSABLE_RULES:
                drained.unusable_total += 1
                if len(drained.unusable) < keep:
                    drained.unusable.append(finding)

    for report in stream:
        take(report.findings)
    drained.run = stream.finish()
    take(drained.run.findings)
    return drained


def nothing_to_summarise(findings: list[Finding], total: int | None = None) -> IpmError:
    """The error (exit 1) of a run with no usable report, naming the files and lines that say why."""
    from ipmeasures.results import no_usable_reports

    return IpmError(no_usable_reports(_("没有可汇总的报告：没有一份报告写明了可识别的单位和报告期。请先用 ipm check "
                                        "检查这些文件。"), findings, total=total), multiline=True)


def summarise_units(outcome: CheckResult, catalog: Catalog, *, period: str | None = None, sort: str = "red",
                    warn_days: int = DEFAULT_WARN_DAYS, calendar: Calendar | None = None,
                    today: dt.date | None = None, errors: ErrorCounts | None = None) -> UnitSummary:
    """The 通报 table of `period` (default: the latest in the run), sorted worst first by `sort`.

    `errors` (`drain`) counts the run's open errors when `outcome` does not carry its findings."""
    periods = periods_of(outcome)
    if not periods:  # input that cannot be summarised: exit 1, as ledger and dashboard
        raise nothing_to_summarise(outcome.findings)
    if period is None:
        period = periods[0]
    elif period not in periods:
        from ipmeasures.report.period import parse_period

        canonical = parse_period(period)
        if canonical is None or canonical.text not in periods:
            raise UsageError(_("--period {period}：本次的报告中没有这个报告期（有：{periods}）。").format(
                period=period, periods=join_names(periods)))
        period = canonical.text
    reports: dict[str, Any] = {}
    files: dict[str, str] = {}
    for s in outcome.summaries:
        if s.period == period and s.unit is not None:
            reports.setdefault(s.unit, s)  # the first of duplicate reports, as coverage and the ledger count
            files[s.file] = s.unit
    as_of = max(s.period_end for s in outcome.summaries if s.period == period and s.period_end is not None)
    rows = [_row(unit, reports.get(unit), as_of, catalog, warn_days) for unit in catalog.units_with_duties()]
    from ipmeasures.report.period import parse_period

    parsed = parse_period(period) if calendar is not None else None
    if calendar is not None and parsed is not None:  # a report's period, canonical: it parses
        due = calendar.due(parsed)
        for row in rows:
            held = reports.get(row.unit)
            if held is None:  # no report: late once the due date has passed
                row.late = int(today is not None and today > due)
            else:
                row.late = int(held.submitted is not None and held.submitted > due)
    by_unit = {row.unit: row for row in rows}
    for (file, unit), count in (count_errors(outcome.findings) if errors is None else errors).items():
        target = by_unit.get(unit)
        if target is not None and file in files:
            target.errors += count
    return UnitSummary(period=period, units=sort_rows(rows, sort, catalog), sort=sort)


def _row(unit: str, report: ReportSummary | None, as_of: dt.date, catalog: Catalog, warn_days: int) -> UnitRow:
    keys = list(dict.fromkeys((duty.kind, duty.id) for duty in catalog.duties(unit)))
    row = UnitRow(unit=unit, duties=len(keys), applicable=len(keys))
    statuses = {(kind, number): status for kind, number, status in report.statuses} if report else {}
    deferrals = {(kind, number): until for kind, number, until in getattr(report, "deferrals", ())}
    row.lights = duty_lights(unit, statuses, deferrals, as_of, catalog, warn_days=warn_days)
    for key in keys:
        status = statuses.get(key)
        row.reported += status is not None
        row.completed += status == "completed"
        row.blocked += status == "blocked"
        row.deferred += status == "deferred"
        row.applicable -= status == "not_applicable"
        row.red += row.lights[key] == RED
    return row


def sort_rows(rows: list[UnitRow], sort: str, catalog: Catalog) -> list[UnitRow]:
    """Worst first: most red, most errors, most late, or lowest completion; ties in registry order."""
    order = {name: i for i, name in enumerate(catalog.unit_names())}
    keys = {
        "red": lambda r: (-r.red, -r.errors, -r.late, r.completion),
        "errors": lambda r: (-r.errors, -r.red, -r.late, r.completion),
        "late": lambda r: (-r.late, -r.red, -r.errors, r.completion),
        "completion": lambda r: (r.completion, -r.red, -r.errors, -r.late),
    }
    key = keys[sort]
    return sorted(rows, key=lambda r: (*key(r), order.get(r.unit, len(order))))


def summarise_trend(outcome: CheckResult, catalog: Catalog, *, warn_days: int = DEFAULT_WARN_DAYS, calendar: Calendar | None = None,
                    today: dt.date | None = None) -> list[UnitSummary]:
    """The table of every period in the run, oldest first (for the dashboard's period-over-period trend)."""
    return [summarise_units(outcome, catalog, period=p, warn_days=warn_days, calendar=calendar, today=today)
            for p in reversed(periods_of(outcome))]
