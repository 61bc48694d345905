"""The task ledger (任务落实台账, measure 十九): every duty of every responsible unit, period by period.

One row per duty and responsible unit (as `Catalog.responsible_units` lists them: the coordinator, the
named units, then the members of the groups named), one cell per period: the status the unit reported,
with its progress, evidence and the findings of `ipm check` about that duty. A unit without a report
for a period is `not_reported` (未报送) there, and a report that leaves the duty out is `missing_item`,
so no cell is ever blank: a blank would read as "nothing to do".

The reports are read once, by the check engine (`check.engine.check_stream`, asked for the details a ledger
shows: progress, evidence): the findings are exactly `ipm check`'s, and a file `ipm check` cannot read is
a finding here too, never a crash or a silent gap. Pure: no output formats here; see `ledger.formats`.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from typing import IO, TYPE_CHECKING, Any

from ipmeasures.escaping import inert, inert_optional
from ipmeasures.findings import Finding
from ipmeasures.labels import GAP_LABELS, STATUS_LABELS, state_label, written_milestones
from ipmeasures.results import CheckResult
from ipmeasures.sources.yamldoc import DEFAULT_MAX_BYTES

if TYPE_CHECKING:
    from ipmeasures.policy.catalog import Catalog
    from ipmeasures.policy.duties import Duty, Milestone
    from ipmeasures.policy.records import GroupRecord, UnitRecord

NOT_REPORTED = "not_reported"
MISSING_ITEM = "missing_item"
NO_STATUS = "invalid"
STATES = (*STATUS_LABELS, *GAP_LABELS)  # in words: labels.state_label


@dataclass(frozen=True, slots=True)
class LedgerCell:
    """One unit's word on one duty in one period."""

    state: str  # one of STATES
    progress: str | None = None
    evidence: tuple[str, ...] = ()
    findings: tuple[Finding, ...] = ()
    file: str | None = None  # the report it comes from
    new_date: dt.date | None = None  # a deferred item's approved new date
    light: str | None = None  # supervision.lights: green | yellow | red | grey, at the period's end

    @property
    def label(self) -> str:
        return state_label(self.state)


@dataclass(frozen=True, slots=True)
class LedgerRow:
    """A duty of a unit: what it is, and a cell per period (keyed by the period's text)."""

    kind: str  # "measure" | "task"
    number: int
    label: str  # (十九) for a measure, 3 for a task
    title: str
    unit: str
    role: str  # sole | joint | coordinator
    via: str | None  # the group the duty comes through; None when the unit is named
    cells: dict[str, LedgerCell]
    title_en: str | None = None  # unofficial English title, shown when the interface is English
    role_words: str | None = None  # a coordinator's words from the body text (会同有关部门)
    names_en: tuple[str | None, str | None] = (None, None)  # the unit's and the group's English names, if any
    milestones: tuple[Milestone, ...] = ()  # every deadline of the duty, as the document writes them


def _english_name(catalog: Catalog, name: str | None) -> str | None:
    if not name:
        return None
    entry: UnitRecord | GroupRecord | None = catalog.unit_by_name.get(name) or catalog.group_by_name.get(name)
    return entry["english"] if entry else None


class FindingSpool:
    """Every finding of a run, pickled one after another, in memory up to a megabyte and then in a temporary
    file: a ledger lists them all, and 100,000 of them held as objects cost a ledger some 60 MB (issue 12,
    item 9: memory flat in the number of findings). Iterated, it reads them back in the order added; each
    iteration reads them again. The file is closed when the spool is collected."""

    LIMIT = 1 << 20

    def __init__(self) -> None:
        self._file: IO[bytes] = io.BytesIO()
        self._spilled = False
        self._count = 0

    def append(self, finding: Finding) -> None:
        import pickle

        self._file.seek(0, io.SEEK_END)
        pickle.dump(finding, self._file, pickle.HIGHEST_PROTOCOL)
        self._count += 1
        if not self._spilled and self._file.tell() > self.LIMIT:
            import tempfile
            import weakref

            disk = tempfile.TemporaryFile()  # noqa: SIM115 - closed by the finalizer below
            disk.write(self._file.getvalue())  # type: ignore[attr-defined]
            self._file, self._spilled = disk, True
            weakref.finalize(self, disk.close)

    def __len__(self) -> int:
        return self._count

    def __bool__(self) -> bool:
        return self._count > 0

    def __iter__(self) -> Iterator[Finding]:
        import pickle

        self._file.seek(0)
        for _index in range(self._count):
            # a fresh unpickler each time: one kept across loads memoises, and so holds, every finding it made
            yield pickle.load(self._file)


@dataclass(slots=True)
class Ledger:
    """The ledger of a run: periods (latest first), rows, and every finding of the check (spooled)."""

    periods: list[str]
    rows: list[LedgerRow]
    findings: FindingSpool
    files: list[str]
    run: CheckResult  # the check the ledger was built from, streamed: its cross-file findings, summaries, totals
    period_ends: dict[str, dt.date] = field(default_factory=dict)
    reports: dict[tuple[str, str], str] = field(default_factory=dict)  # (unit, period) -> file

    @property
    def shows_deadlines(self) -> bool:
        """True when the document words its deadlines (8月底前, 2022年9月底, 持续推进): the ledger then has a
        column that lists each of them. The shorthand's dates have no words of their own."""
        return any(written_milestones(row.milestones) for row in self.rows)

    @property
    def names_items(self) -> bool:
        """True when the document's duties are items (the general model), named by their reference."""
        return any(row.kind == "item" for row in self.rows)

    def units_without_report(self, period: str) -> list[str]:
        """Units with a duty in the ledger and no report for `period`, in the order of their first row."""
        seen: dict[str, None] = {}
        for row in self.rows:
            if row.cells[period].state == NOT_REPORTED:
                seen.setdefault(row.unit)
        return list(seen)


def build_ledger(paths: list[str], catalog: Catalog, *, today: dt.date | None = None,
                 max_bytes: int = DEFAULT_MAX_BYTES, expect_all: bool = False) -> Ledger:
    """The ledger of the reports under `paths`, from one pass of the check engine: each report is read and
    checked once, and what the ledger shows comes from that same reading (`Ledger.run` is the check). Every
    finding of the run waits on disk (`FindingSpool`), for the outputs that list them."""
    from ipmeasures.check.engine import check_stream

    stream = check_stream(paths, catalog, today=today, max_bytes=max_bytes, expect_all=expect_all, details=True)
    # Of each report the ledger shows (the first of duplicates, as coverage counts), its file and the first item
    # about each duty: all a cell reads, so a report's other items and its findings are not kept.
    reports: dict[tuple[str, str], tuple[str, dict[tuple[str, int], Any]]] = {}
    ends: dict[str, tuple[dt.date, dt.date | None]] = {}
    findings = FindingSpool()
    # The findings about a duty, by (file, kind, number), for the cells: only the ledger's own reports' (the first
    # of duplicates) and the cross-file ones can be asked for, so only those are kept in memory.
    about: dict[tuple[str, str, int], list[Finding]] = {}
    for result in stream:
        summary = result.summary
        # A file that could not be read, or names no known unit or period, has no column here; its findings
        # say why, exactly as `ipm check` says it.
        if summary is None or summary.unit is None or summary.period is None or summary.period_end is None:
            for finding in result.findings:
                findings.append(finding.inert())
            continue
        shown = (summary.unit, summary.period) not in reports
        for finding in result.findings:
            finding = finding.inert()
            findings.append(finding)
            if shown:
                _index(finding, about, catalog)
        ends[summary.period] = (summary.period_end, result.period_start)
        if shown:
            first: dict[tuple[str, int], Any] = {}
            for item in result.items or ():
                first.setdefault((item.kind, item.number), item)
            reports[(summary.unit, summary.period)] = (result.file, first)
    run = stream.finish()
    for finding in run.findings:  # the cross-file ones, inert already (CheckResult)
        findings.append(finding)
        _index(finding, about, catalog)
    periods = sorted(ends, key=lambda p: (ends[p][0], ends[p][1] or dt.date.min, p), reverse=True)
    rows = []
    order = {"measure": 0, "task": 1, "item": 2}  # measures, then tasks, each by number; items in document order
    for duty in sorted(catalog.duty_list, key=lambda d: (order[d["kind"]], d["id"])):
        kind, number = duty["kind"], duty["id"]
        label = duty["ref"] if kind == "item" else duty["label"]
        for unit, role, via in catalog.responsible_units(kind, number):
            held = next((d for d in catalog.duties(unit) if d.kind == kind and d.id == number), None)
            cells = {period: _cell(reports.get((unit, period)), kind, number, about) for period in periods}
            cells = _lit(cells, held, {p: ends[p][0] for p in periods})
            rows.append(LedgerRow(
                kind=kind, number=number, label=inert(label), title=inert(" ".join(duty["title"].split())),
                unit=inert(unit), role=role, via=inert_optional(via), cells=cells,
                title_en=inert_optional(duty.get("title_en")),
                role_words=inert_optional(catalog.role_words(kind, number, unit) if via is None else None),
                names_en=(inert_optional(_english_name(catalog, unit)), inert_optional(_english_name(catalog, via))),
                milestones=held.milestones if held else ()))
    # Report- and data-controlled text leaves here made inert (escaping.inert), for every ledger format and the
    # dashboard.
    return Ledger(periods=periods, rows=rows, findings=findings,
                  files=run.checked_files, period_ends={p: ends[p][0] for p in periods},
                  reports={key: inert(file) for key, (file, _items) in reports.items()}, run=run)


def _index(finding: Finding, about: dict[tuple[str, str, int], list[Finding]], catalog: Catalog) -> None:
    """File `finding` under each duty it is about (a measure, a task, or an item named by its reference)."""
    for kind, number in (("measure", finding.measure), ("task", finding.task)):
        if number is not None:
            about.setdefault((finding.file, kind, number), []).append(finding)
    if finding.item is not None and finding.measure is None and finding.task is None:
        target = catalog.resolve_ref(finding.item)
        if target is not None:
            about.setdefault((finding.file, *target), []).append(finding)


def _lit(cells: dict[str, LedgerCell], duty: Duty | None, ends: dict[str, dt.date]) -> dict[str, LedgerCell]:
    """Each cell with its light (issue 16): the unit's word on the duty against its milestones at the period's end;
    a duty not reported on counts as not started."""
    from ipmeasures.supervision.lights import light, milestone_dates

    dates = milestone_dates(duty) if duty is not None else []
    return {period: replace(cell, light=light(cell.state if cell.state in STATUS_LABELS else "not_started", dates,
                                              ends[period], deferred_until=cell.new_date))
            for period, cell in cells.items()}


def _cell(report: tuple[str, dict[tuple[str, int], Any]] | None, kind: str, number: int, about: dict) -> LedgerCell:
    if report is None:
        return LedgerCell(state=NOT_REPORTED)
    path, items = report
    findings = tuple(f.inert() for f in about.get((path, kind, number), ()))
    file = inert(path)
    item = items.get((kind, number))
    if item is None:
        return LedgerCell(state=MISSING_ITEM, findings=findings, file=file)
    return LedgerCell(state=item.status or NO_STATUS, progress=inert_optional(item.progress, multiline=True),
                      evidence=tuple(inert(entry, multiline=True) for entry in item.evidence),
                      findings=findings, file=file, new_date=item.new_date)
