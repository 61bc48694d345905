"""What rules read besides the report: the resolved unit and its duties, the catalog, today's date."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from operator import attrgetter
from typing import TYPE_CHECKING

from ipmeasures import i18n
from ipmeasures.i18n import _
from ipmeasures.labels import display_title
from ipmeasures.report.model import Item, Report
from ipmeasures.sources.yamldoc import Mark

if TYPE_CHECKING:
    from ipmeasures.policy.catalog import Catalog, Duty
    from ipmeasures.supervision.calendar import Calendar

Key = tuple[str, int]  # ("measure", 19)


@dataclass(slots=True)
class RuleContext:
    """One report's context: `unit` is the canonical name (None when it did not resolve)."""

    catalog: Catalog
    today: dt.date
    unit: str | None = None
    unit_error: Exception | None = None  # UnknownNameError / AmbiguousNameError from resolving `unit`
    duties: list[Duty] = field(default_factory=list)  # the catalog's duties of `unit`, explicit first
    placeholders: frozenset[str] = frozenset()  # normalised evidence placeholders (placeholders.py)

    def duty(self, kind: str, number: int | None) -> Duty | None:
        """The unit's duty for a measure or task, preferring an explicit one; None when it carries none."""
        for duty in self.duties:
            if duty.kind == kind and duty.id == number:
                return duty
        return None


@dataclass(frozen=True, slots=True)
class ReportSummary:
    """What a run keeps of a report once it is checked: enough for the cross-report rules and coverage."""

    file: str
    unit: str | None  # canonical
    period: str | None  # canonical text, e.g. 2022-H1
    period_end: dt.date | None = None
    unit_mark: Mark | None = None
    statuses: tuple[tuple[str, int, str], ...] = ()  # (kind, number, canonical status), first item of each duty
    sheet: str | None = None  # a workbook report: the sheet its marks are on
    submitted: dt.date | None = None
    submitted_mark: Mark | None = None
    deferrals: tuple[tuple[str, int, dt.date], ...] = ()  # (kind, number, approved new date) of deferred items

    def __reduce__(self) -> tuple:
        # From a worker to the writing process: one constructor call, not the dataclass's field-by-field state.
        return (ReportSummary, _summary_fields(self))


_summary_fields = attrgetter(*ReportSummary.__dataclass_fields__)  # every field's value, in order, at C speed


@dataclass(slots=True)
class RunContext:
    """The context of the rules that look across every report of a run."""

    catalog: Catalog
    expect_all: bool = False
    paths: list[str] = field(default_factory=list)  # the PATH arguments, as given
    calendar: Calendar | None = None  # when reports are due; None: nothing is late
    today: dt.date | None = None


def reported(report: Report) -> dict[Key, Item]:
    """The first item of each duty a report has an item for."""
    found: dict[Key, Item] = {}
    for item in report.items or ():
        if item.kind is not None and item.number is not None:
            found.setdefault((item.kind, item.number), item)
    return found


def duty_message(rule_id: str, duty: Duty, ctx: RuleContext, make: Callable[[Duty, RuleContext], str]) -> str:
    """`make(duty, ctx)`, the message of a rule about one duty of the report's unit, made once per unit and
    language: a run of many reports says the same thing about the same unit's same duty in each of them.
    Keyed by the duty object (the catalog's: its unit's), which the entry keeps alive, so that its id is never
    reused meanwhile."""
    key = (rule_id, id(duty), ctx.unit, i18n.language)
    entry = _duty_messages.get(key)
    if entry is None:
        entry = (duty, make(duty, ctx))
        if len(_duty_messages) < 4096:  # bounded: as many as a run's units times their duties, or fewer
            _duty_messages[key] = entry
    return entry[1]


_duty_messages: dict[tuple, tuple[object, str]] = {}


def duty_name(kind: str, number: int | None, title: str | None = None, title_en: str | None = None,
              ref: str | None = None) -> str:
    """措施 19“…” / 任务 3“…” / 事项 二(三)2“…”; in English, the (unofficial) English title where there is one."""
    key = (i18n.language, kind, number, title, title_en, ref)
    name = _duty_names.get(key)
    if name is None:  # a run names the same few duties in thousands of findings
        name = _name_duty(kind, number, title, title_en, ref)
        if len(_duty_names) < 4096:  # bounded: a report can name any number of duties that do not exist
            _duty_names[key] = name
    return name


_duty_names: dict[tuple, str] = {}


def _name_duty(kind: str, number: int | None, title: str | None, title_en: str | None, ref: str | None) -> str:
    title = display_title(title or "", title_en) or None
    if kind == "measure":
        name = _("措施 {n}").format(n=number)
    elif kind == "task":
        name = _("任务 {n}").format(n=number)
    else:
        name = _("事项 {ref}").format(ref=ref if ref is not None else number)
    if i18n.language == "en":
        return name + (f' "{title}"' if title else "")
    return name + (f"“{title}”" if title else "")


def first_line(doc: str | None) -> str:
    return (doc or "").strip().splitlines()[0] if doc else ""
