"""`ipm check` without the CLI: the check engine. Files in; one `ReportResult` per report out, streamed in
the order the files were given; then the cross-file findings, coverage and totals (`CheckResult`).

One report at a time: each file is read, parsed, checked and reduced to its findings and a small
`ReportSummary` before the next is opened; its findings go on to the outputs and only the summary stays,
so memory stays flat however many reports and findings a run has. `ipm check`, `ipm ledger` and
`ipm dashboard` all consume this one stream.
One bad file never stops the others, and no exception escapes for any input file. Reports are only
ever read.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from ipmeasures.errors import IpmError, SourceError, UsageError
from ipmeasures.findings import Finding, Severity, sort_findings, tally
from ipmeasures.i18n import _
from ipmeasures.labels import display_title, status_label
from ipmeasures.report.model import Report, resolve_items
from ipmeasures.report.parser import iter_report
from ipmeasures.results import CheckResult, CoverageRow, ItemDetail, ReportResult
from ipmeasures.rules import (
    REPORT_RULES,
    RULES,
    RUN_RULES,
    encoding,
    invalid_report,
    resolve_rule,
    yaml_pitfall,
)
from ipmeasures.rules.base import ReportSummary, RuleContext, RunContext
from ipmeasures.rules.too_many_findings import FindingCap
from ipmeasures.sources.collect import collect_files
from ipmeasures.sources.readers import load_source, unreadable
from ipmeasures.sources.yamldoc import DEFAULT_MAX_BYTES

if TYPE_CHECKING:
    from ipmeasures.policy.catalog import Catalog
    from ipmeasures.supervision.calendar import Calendar
    from ipmeasures.supervision.waivers import Waiver


def check_paths(paths: list[str], catalog: Catalog, **options: Any) -> CheckResult:
    """Check every report under `paths` and collect the whole run in one CheckResult: `check_stream`, drained.

    The findings come in the stream's order: each report's (by line, column, rule id) in the order the
    files were given, then the cross-file ones (missing-report, duplicate-report, …) sorted. For `ipm diff`,
    `ipm summary` and tests; `ipm check`, `ledger` and `dashboard` consume the stream itself.
    """
    stream = check_stream(paths, catalog, **options)
    findings = [finding for report in stream for finding in report.findings]
    run = stream.finish()
    return replace(run, findings=findings + run.findings, counts=None)


def check_stream(paths: list[str], catalog: Catalog, *, strict: bool = False, ignore: Iterable[str] = (),
                 expect_all: bool = False, max_bytes: int = DEFAULT_MAX_BYTES, today: dt.date | None = None,
                 jobs: int | None = None, placeholders: frozenset[str] | None = None,
                 waivers: list[Waiver] | None = None, calendar: Calendar | None = None, details: bool = False,
                 record: Callable[[ReportSummary], str] | None = None,
                 findings_text: Callable[[list[Finding]], str | None] | None = None) -> CheckStream:
    """Check every report under `paths` (files, and directories searched for *.yaml / *.yml / *.xlsx), one
    `ReportResult` at a time: iterate the stream, then `finish()` it for the cross-file findings and totals.

    `ignore` names rules (ids or aliases) whose findings are kept but marked suppressed; an unknown name
    raises UsageError (here, before any report is read). `strict` makes every warning an error. `today` is
    injectable for tests. `jobs` caps the processes checking a large run, this one and its workers (default:
    IPM_JOBS, else one per core; 1 = no workers). `placeholders`: normalised evidence placeholder words (default:
    `placeholders.load_placeholders()`). `waivers` (supervision.waivers.load_waivers) suppress the findings
    they cover until they expire; each expired one is an `expired-waiver` finding. `calendar`
    (supervision.calendar.load_calendar) says when reports are due: `late-report`. `details`: each result
    also carries what the ledger shows (`ReportResult.items`, `period_start`). `record` (summary -> its JSON
    `reports` record, as JSON text) is called where the report is checked, in the workers of a large run.
    `findings_text` (a report's findings -> the text of the only output that reads them, or None): made there
    too, and sent in place of the findings (`ReportResult.findings_text`); not with waivers, `ignore` or
    `strict`, which change findings after they are checked.
    """
    ignored = resolve_ignore(ignore)
    if placeholders is None:
        from ipmeasures.report.placeholders import load_placeholders

        placeholders = load_placeholders(os.environ.get("IPM_DATA"))
    return CheckStream(list(paths), catalog, ignored=ignored, strict=strict, expect_all=expect_all,
                       max_bytes=max_bytes, today=today or dt.date.today(), jobs=jobs, placeholders=placeholders,
                       waivers=waivers, calendar=calendar, details=details, record=record,
                       findings_text=None if waivers or ignored or strict else findings_text)


class CheckStream:
    """One run of the check, streamed: `iter()` yields a `ReportResult` per file in the order the files were
    given (findings final: waivers, --ignore and --strict applied); `finish()` then runs the cross-report
    rules and returns the run's `CheckResult` (the cross-file findings, coverage, totals).

    What is kept across the run is small and fixed per report (its `ReportSummary`, for the cross-report
    rules and coverage), never its findings: memory stays flat however many findings the reports have.
    """

    def __init__(self, paths: list[str], catalog: Catalog, *, ignored: frozenset[str], strict: bool, expect_all: bool,
                 max_bytes: int, today: dt.date, jobs: int | None, placeholders: frozenset[str],
                 waivers: list[Waiver] | None, calendar: Calendar | None, details: bool,
                 record: Callable[[ReportSummary], str] | None = None,
                 findings_text: Callable[[list[Finding]], str | None] | None = None) -> None:
        self.paths, self.catalog, self.ignored, self.strict = paths, catalog, ignored, strict
        self.expect_all, self.max_bytes, self.today, self.jobs = expect_all, max_bytes, today, jobs
        self.placeholders, self.waivers, self.calendar, self.details = placeholders, waivers, calendar, details
        self.record, self.findings_text = record, findings_text
        self.files, problems = collect_files(paths)
        self._problems = [invalid_report.finding(p.message, file=p.path) for p in problems]
        self.summaries: list[ReportSummary] = []
        self._counts = [0, 0, 0]  # errors, warnings, suppressed

    def __iter__(self) -> Iterator[ReportResult]:
        # A file whose reader is not installed (a workbook without the excel extra) is a finding; the rest are checked.
        skipped = {path: invalid_report.finding(message, file=path) for path, message in unreadable(self.files).items()}
        checked = check_files([path for path in self.files if path not in skipped], self.catalog, today=self.today,
                              max_bytes=self.max_bytes, jobs=self.jobs, placeholders=self.placeholders,
                              details=self.details, record=self.record, findings_text=self.findings_text)
        for path in self.files:
            result = ReportResult(file=path, findings=[skipped[path]]) if path in skipped else next(checked)
            if result.summary is not None:
                self.summaries.append(result.summary)
            if result.counts is not None:  # sent as text: nothing here changes findings (see check_stream)
                self._count(result.counts)
                yield result
                continue
            findings = self._final(result.findings)
            yield result if findings is result.findings else replace(result, findings=findings)

    def _final(self, findings: list[Finding], *, waive: bool = True) -> list[Finding]:
        """Waivers, --ignore and --strict applied; counted into the run's totals."""
        if self.waivers and waive:
            from ipmeasures.supervision.waivers import apply_waivers

            findings = apply_waivers(findings, self.waivers, self.today)
        if self.ignored or self.strict:
            findings = [_finalise(f, self.ignored, self.strict) for f in findings]
        self._count(tally(findings))
        return findings

    def _count(self, counts: tuple[int, int, int]) -> None:
        """(errors, warnings, suppressed) of some findings, into the run's totals."""
        for index, count in enumerate(counts):
            self._counts[index] += count

    def finish(self) -> CheckResult:
        """The run once every report has been streamed: its cross-file findings (sorted), coverage and totals."""
        run = RunContext(catalog=self.catalog, expect_all=self.expect_all, paths=list(self.paths),
                         calendar=self.calendar, today=self.today)
        run_findings = [f for rule in RUN_RULES for f in rule.check(self.summaries, run)]
        tail = self._final(self._problems + locate_cells(run_findings, {s.file: s.sheet for s in self.summaries if s.sheet}))
        if self.waivers:
            from ipmeasures.rules import expired_waiver

            tail += self._final(list(expired_waiver.check(self.waivers, self.today)), waive=False)
        tail = sort_findings(tail)
        coverage = build_coverage(self.summaries, self.catalog,
                                  with_missing=any(os.path.isdir(path) for path in self.paths))
        return CheckResult(findings=tail, files=len(self.files), checked_files=self.files, summaries=self.summaries,
                           coverage=coverage, counts=(self._counts[0], self._counts[1], self._counts[2]))


def resolve_ignore(names: Iterable[str]) -> frozenset[str]:
    """`--ignore` names -> rule ids; UsageError (exit 2) naming the closest id for an unknown one."""
    ids = set()
    for name in names:
        rule_id = resolve_rule(name)
        if rule_id is None:
            import difflib

            close = difflib.get_close_matches(name, list(RULES), n=1, cutoff=0.5)
            hint = _("是否指 {name}？").format(name=close[0]) if close else ""
            raise UsageError(_("--ignore {name}：没有这条规则。{hint}用 ipm rules 查看全部规则。").format(
                name=name, hint=hint))
        ids.add(rule_id)
    return frozenset(ids)


def _finalise(finding: Finding, ignored: frozenset[str], strict: bool) -> Finding:
    if finding.rule_id in ignored and not finding.suppressed:
        finding = replace(finding, suppressed=True)
    if strict and finding.severity is Severity.WARNING:
        finding = replace(finding, severity=Severity.ERROR)
    return finding


PARALLEL_MIN_FILES = 300  # below this, starting workers costs more than it saves
CHUNK = 50


def check_files(files: list[str], catalog: Catalog, *, today: dt.date, max_bytes: int = DEFAULT_MAX_BYTES,
                jobs: int | None = None, placeholders: frozenset[str] = frozenset(), details: bool = False,
                record: Callable[[ReportSummary], str] | None = None,
                findings_text: Callable[[list[Finding]], str | None] | None = None) -> Iterator[ReportResult]:
    """`check_file_safely` over `files`, in order; a large run is spread over the cores.

    One process per core checks reports: this one and a forked worker for each other core. This process
    checks chunks too (whenever no result is ready to be written), so a worker for every core would have one
    process more than cores: measured on two cores, the run then took 10 % longer than with one worker, as
    three processes took turns on two cores.

    Workers are forked (check.workers), so they share the already-loaded catalog; each takes its share of
    the chunks and hands their results back in order, never more than a pipe's worth ahead of the reader,
    so memory stays flat however slowly the results are consumed. If a worker dies, its chunks from there
    on are checked here, in this process.
    """
    from ipmeasures.check.workers import can_fork, ordered_map

    def check_chunk(paths: list[str]) -> list[ReportResult]:
        return [check_file_safely(path, catalog, today=today, max_bytes=max_bytes, placeholders=placeholders,
                                  details=details, record=record, findings_text=findings_text) for path in paths]

    processes = _job_count(jobs) if can_fork() else 1
    if processes < 2 or len(files) < PARALLEL_MIN_FILES:
        for path in files:  # one at a time: nothing is held
            yield from check_chunk([path])
        return
    chunks = [files[i:i + CHUNK] for i in range(0, len(files), CHUNK)]
    for results in ordered_map(check_chunk, chunks, processes - 1):
        yield from results


def _job_count(jobs: int | None) -> int:
    if jobs is None:
        env = os.environ.get("IPM_JOBS", "")
        jobs = int(env) if env.isdigit() else (os.cpu_count() or 1)
    return max(1, min(jobs, 8))


def check_file_safely(path: str, catalog: Catalog, *, today: dt.date, max_bytes: int = DEFAULT_MAX_BYTES,
                      data: bytes | None = None, placeholders: frozenset[str] = frozenset(),
                      details: bool = False, record: Callable[[ReportSummary], str] | None = None,
                      findings_text: Callable[[list[Finding]], str | None] | None = None) -> ReportResult:
    """`check_file`, with an unexpected exception turned into a finding on this file, not a traceback.

    Set IPM_DEBUG=1 to let it propagate.
    """
    try:
        return check_file(path, catalog, today=today, max_bytes=max_bytes, data=data, placeholders=placeholders,
                          details=details, record=record, findings_text=findings_text)
    except Exception as exc:  # one broken file (or an ipm bug) must not stop the run
        if os.environ.get("IPM_DEBUG"):
            raise
        return ReportResult(file=path, findings=[invalid_report.finding(_(
            "检查此文件时 ipm 内部出错（{error}）：这是 ipm 的缺陷，不是报告的问题；"
            "请把此文件和这条信息报给维护者。其他文件的检查不受影响。").format(error=type(exc).__name__), file=path)])


def check_file(path: str, catalog: Catalog, *, today: dt.date, max_bytes: int = DEFAULT_MAX_BYTES,
               data: bytes | None = None, placeholders: frozenset[str] = frozenset(), details: bool = False,
               record: Callable[[ReportSummary], str] | None = None,
               findings_text: Callable[[list[Finding]], str | None] | None = None) -> ReportResult:
    """Read, parse and check one report: its findings (sorted by line, column, rule id; not yet suppressed by
    --ignore) and summary; with `details`, what the ledger shows of its items."""
    try:
        loaded = load_source(path, data, max_bytes=max_bytes)
    except SourceError as exc:
        return ReportResult(file=path, findings=[invalid_report.finding(
            exc.message, file=path, line=exc.line, column=exc.column, field=exc.field)])
    # At most too_many_findings.LIMIT findings per file are kept, the rest only counted, as they are made:
    # a 1 MB report of `- {}` lines has 400,000 findings, which no output needs and no memory should hold.
    capped = FindingCap()
    mark = (1, 1) if loaded.lines else (None, None)
    capped.extend(encoding.finding(warning, file=path, line=mark[0], column=mark[1]) for warning in loaded.warnings)
    capped.extend(yaml_pitfall.finding(pitfall.message, file=path, line=pitfall.line, column=pitfall.column)
                  for pitfall in loaded.pitfalls)
    report, shape = iter_report(loaded, resolve_rule=resolve_rule)
    capped.extend(shape)  # the report is complete from here on
    resolve_items(report, catalog.resolve_ref)
    ctx = context_for(report, catalog, today)
    ctx.placeholders = placeholders
    report.owner = ctx.unit
    for rule in REPORT_RULES:
        capped.extend(rule.check(report, ctx))
    findings = _apply_item_ignores(report, capped.findings(path, loaded.lines or None), ctx.unit)
    if loaded.sheet is not None:
        findings = locate_cells(findings, {path: loaded.sheet})
    summary = summarise(report, ctx, sheet=loaded.sheet)
    findings = sort_findings(findings)
    text = findings_text(findings) if findings_text is not None else None
    result = ReportResult(file=path, findings=findings if text is None else [], summary=summary,
                          record=record(summary) if record is not None else None, findings_text=text,
                          counts=tally(findings) if text is not None else None)
    if not details:
        return result
    return replace(result, period_start=report.period.start if report.period else None, items=item_details(report))


def item_details(report: Report) -> tuple[ItemDetail, ...]:
    """The first item of each duty, as the ledger shows it: status, progress, evidence, a deferral's new date."""
    first: dict[tuple[str, int], ItemDetail] = {}
    for item in report.items or ():
        if item.kind is not None and item.number is not None and (item.kind, item.number) not in first:
            first[(item.kind, item.number)] = ItemDetail(kind=item.kind, number=item.number, status=item.status,
                                                         progress=item.progress, evidence=tuple(item.evidence),
                                                         new_date=item.new_date)
    return tuple(first.values())


def locate_cells(findings: list[Finding], sheets: dict[str, str]) -> list[Finding]:
    """Name the cell (`报告!E9`) of every finding located in a workbook report; `sheets` maps file -> sheet."""
    if not sheets:
        return findings
    from ipmeasures.workbook.xlsx import cell_ref

    return [replace(f, cell=cell_ref(sheets[f.file], f.line, f.column))
            if f.file in sheets and f.line is not None and f.cell is None else f for f in findings]


def context_for(report: Report, catalog: Catalog, today: dt.date) -> RuleContext:
    """The rule context of a report: its unit resolved against the catalog, and that unit's duties."""
    ctx = RuleContext(catalog=catalog, today=today)
    if report.unit is not None:
        try:
            ctx.unit = catalog.resolve_unit(report.unit)
        except IpmError as exc:  # UnknownNameError, AmbiguousNameError: the unknown-unit rule reports it
            ctx.unit_error = exc
        else:
            ctx.duties = catalog.duties(ctx.unit)
    return ctx


def _apply_item_ignores(report: Report, findings: list[Finding], unit: str | None) -> list[Finding]:
    """Mark findings about an item as suppressed when the item's `ignore:` names their rule; fill `unit`."""
    ignores = {f"items.{item.index}": set(item.ignore) for item in report.items or () if item.ignore}
    result = []
    for finding in findings:
        changes: dict[str, Any] = {}
        if unit is not None and finding.unit is None:
            changes["unit"] = unit
        if ignores and finding.field and finding.field.startswith("items."):
            prefix = ".".join(finding.field.split(".", 2)[:2])
            if finding.rule_id in ignores.get(prefix, ()):
                changes["suppressed"] = True
        result.append(replace(finding, **changes) if changes else finding)
    return result


def summarise(report: Report, ctx: RuleContext, *, sheet: str | None = None) -> ReportSummary:
    """What the run keeps of a checked report (`sheet`: the sheet of a workbook report)."""
    statuses: dict[tuple[str, int], tuple[str, int, str]] = {}
    deferrals: dict[tuple[str, int], tuple[str, int, dt.date]] = {}
    for item in report.items or ():
        if item.kind is not None and item.number is not None and item.status is not None:
            key = (item.kind, item.number)
            if key in statuses:  # the first item of a duty is the one that counts
                continue
            entry = (item.kind, item.number, item.status)
            statuses[key] = _SHARED.setdefault(entry, entry)
            if item.status == "deferred" and item.new_date is not None:
                deferrals[key] = (item.kind, item.number, item.new_date)
    period = report.period
    return ReportSummary(file=report.file, unit=ctx.unit, period=period.text if period else None,
                         period_end=period.end if period else None,
                         unit_mark=report.marks.get(("unit",)), statuses=tuple(statuses.values()), sheet=sheet,
                         submitted=report.submitted, submitted_mark=report.marks.get(("submitted",)),
                         deferrals=tuple(deferrals.values()))


# Summaries are kept for the whole run: the (kind, number, status) triples they are made of are shared.
_SHARED: dict[tuple[str, int, str], tuple[str, int, str]] = {}


def build_coverage(summaries: list[ReportSummary], catalog: Catalog, *, with_missing: bool = True) -> list[CoverageRow]:
    """Per measure and task: which responsible units reported on it, at which status, and which did not.

    Only with two or more reports. With several periods in one run, the view is as of the latest period
    end: the reports whose period ends then (a 2022-H1 and a 2022-Q2 report both count on 2022-06-30).
    Without `with_missing` (only files were named, as a pre-commit hook names the staged ones) a unit
    whose report was not among them is not "not reported": rows list only what was reported.
    """
    usable = [(s.period_end, s.unit, s) for s in summaries if s.unit is not None and s.period_end is not None]
    if len(usable) < 2:
        return []
    latest = max(end for end, _unit, _summary in usable)
    statuses: dict[tuple[str, int], dict[str, str]] = {}
    filed: set[str] = set()  # units with a report for the latest period: a duty they leave out is 报告缺此项
    for end, unit, summary in usable:
        if end != latest:
            continue
        filed.add(unit)
        for kind, number, status in summary.statuses:
            statuses.setdefault((kind, number), {}).setdefault(unit, status_label(status))
    rows = []
    order = {"measure": 0, "task": 1, "item": 2}  # measures, then tasks, each by number; items in document order
    for duty in sorted(catalog.duty_list, key=lambda d: (order[d["kind"]], d["id"])):
        kind, number = duty["kind"], duty["id"]
        reported = statuses.get((kind, number), {})
        responsible = [unit for unit, _role, _via in catalog.responsible_units(kind, number)]
        ordered = {unit: reported[unit] for unit in responsible if unit in reported}
        ordered.update(reported)
        missing = [unit for unit in responsible if unit not in reported] if with_missing else []
        if not with_missing and not ordered:
            continue
        # Shown to people: names and titles in the interface language (English names and titles in English).
        name = catalog.display_name
        rows.append(CoverageRow(kind=kind, id=number, title=display_title(duty["title"], duty.get("title_en")),
                                reported={name(unit): status for unit, status in ordered.items()},
                                missing=[name(unit) for unit in missing],
                                missing_item=[name(unit) for unit in missing if unit in filed],
                                ref=duty["ref"] if kind == "item" else None))
    return rows
