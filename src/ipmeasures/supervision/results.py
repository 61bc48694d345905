"""A run's findings and reported statuses, from report folders (checked now) or a saved JSON result.

`ipm diff` and `ipm check --baseline` compare two runs. A run is either checked here, streamed through
`check.engine.check_stream`, or read back from what `ipm check --format json` wrote: its `findings`, and its
`reports` (file, unit, period and the status of each duty), which say what a unit reported.
"""

from __future__ import annotations

import array
import datetime as dt
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ipmeasures.errors import IpmError
from ipmeasures.i18n import _

if TYPE_CHECKING:
    from ipmeasures.findings import Finding
    from ipmeasures.policy.catalog import Catalog
    from ipmeasures.rules.base import ReportSummary
    from ipmeasures.supervision.calendar import Calendar
    from ipmeasures.supervision.waivers import Waiver



class Findings:
    """A run's finding records, made inert, one a line in a spool (`spool.RecordSpool`); in memory only each
    one's fingerprint (`identity.fingerprint`, 16 bytes) and offset, so a run of 100,000 findings costs a few
    MiB, whatever its records say."""

    def __init__(self) -> None:
        from ipmeasures.supervision.spool import RecordSpool

        self.spool = RecordSpool()
        self.fingerprints: list[bytes] = []
        self.offsets = array.array("q")

    def add(self, record: dict[str, Any]) -> None:
        """One record from outside (a report's finding, a saved result's), made inert here (escaping.inert_value)."""
        from ipmeasures.escaping import inert_value
        from ipmeasures.jsontext import dumps
        from ipmeasures.supervision.identity import fingerprint

        text = dumps(record, indent=None)
        # As jsontext.inert_record: whatever inert() would change shows in the JSON text as a backslash or `::`;
        # only such a record is rebuilt.
        if "\\" in text or "::" in text:
            record = inert_value(record)
            text = dumps(record, indent=None)
        self.fingerprints.append(fingerprint(record))
        self.offsets.append(self.spool.add_text(text))

    def restart(self) -> None:
        """Drop what was added (a saved result given again from its first record)."""
        from ipmeasures.supervision.spool import RecordSpool

        self.spool.close()
        self.spool, self.fingerprints, self.offsets = RecordSpool(), [], array.array("q")

    def __len__(self) -> int:
        return len(self.offsets)

    def __iter__(self) -> Iterator[tuple[bytes, int, dict[str, Any]]]:
        """(fingerprint, offset, record) of each, in the order added."""
        for (offset, record), key in zip(self.spool, self.fingerprints):
            yield key, offset, record


@dataclass(slots=True)
class Run:
    """One side of a comparison: where it came from, its periods (oldest first), findings, reports."""

    source: str
    findings: Findings
    reports: list[dict[str, Any]] = field(default_factory=list)
    has_reports: bool = True  # False for a saved result written before `reports` existed
    refs: dict[tuple[str, Any], str] = field(default_factory=dict)  # (kind, number) -> the document's reference

    def __post_init__(self) -> None:
        # Report-controlled text (file names, messages), from reports or from a saved JSON file, is made inert
        # once, for every format of `ipm diff` and the comparisons of both sides: the findings as they are
        # spooled, the rest here. Every string at any depth: a saved result's units, periods and statuses are
        # outside text as well.
        from ipmeasures.escaping import inert, inert_value

        self.source = inert(self.source)
        self.reports = [inert_value(record) for record in self.reports]

    @property
    def periods(self) -> list[str]:
        """The periods of the run's reports, oldest first."""
        ends = {r["period"]: period_end(r["period"]) for r in self.reports if r.get("period")}
        return sorted(ends, key=lambda p: (ends[p] or dt.date.max, p))


def period_end(text: str) -> dt.date | None:
    """The last day of a period given as text (2022-H1), None when it cannot be read."""
    from ipmeasures.report.period import parse_period

    period = parse_period(text)
    return period.end if period else None


def report_records(summaries: list[ReportSummary], catalog: Catalog | None = None, *, warn_days: int = 30) -> list[dict[str, Any]]:
    """What `ipm check --format json` says about each report under `reports` (see README)."""
    return [report_record(s, catalog, warn_days=warn_days) for s in summaries]


def report_record(s: ReportSummary, catalog: Catalog | None = None, *, warn_days: int = 30) -> dict[str, Any]:
    """One report's record under `reports`: file, unit, period, submitted, each duty's status; with the
    catalog, each status's reference and the light of every duty the unit carries (`lights`)."""
    from ipmeasures.supervision.lights import summary_lights

    record: dict[str, Any] = {
        "file": s.file,
        "unit": s.unit,
        "period": s.period,
        "submitted": s.submitted.isoformat() if s.submitted else None,
        "statuses": [{"measure": number if kind == "measure" else None,
                      "task": number if kind == "task" else None, "status": status}
                     for kind, number, status in s.statuses],
    }
    if catalog is not None:  # the reference a clerk sees: (十九), 6, 二(三)2 -- the only name of an item duty
        for entry, (kind, number, _status) in zip(record["statuses"], s.statuses):
            entry["ref"] = duty_ref(catalog, kind, number)
        record["lights"] = [{"measure": number if kind == "measure" else None,
                             "task": number if kind == "task" else None, "light": shade}
                            for (kind, number), shade in summary_lights(s, catalog, warn_days=warn_days).items()]
    return record


def report_record_json(s: ReportSummary, catalog: Catalog | None = None, *, warn_days: int = 30) -> str:
    """report_record() as the JSON text `ipm check --format json` writes for it, made inert (jsontext.inert_record):
    made where the report is checked, in the workers of a large run, so the process writing only copies it.

    Written from fragments (a status or a light entry is one of a few hundred texts in a run, each made
    once), not by building the record and encoding it: the same text (tests compare the two), at half the
    cost. Whatever would need making inert shows in the text as a backslash or `::`: such a record is
    made the general way."""
    from ipmeasures.jsontext import inert_record, json_text, quote

    if catalog is None:
        return inert_record(report_record(s))
    from ipmeasures.supervision.lights import summary_lights

    global _status_texts
    if _status_texts[0] is not catalog:  # the references are the catalog's: fragments of one catalog at a time
        _status_texts = (catalog, {})
    made = _status_texts[1]
    statuses = []
    for entry in s.statuses:  # (kind, number, status): the engine shares each such triple across a run
        text = made.get(entry)
        if text is None:
            kind, number, status = entry
            text = (f'{{{_duty_keys(kind, number)}, "status": {quote(status)}, '
                    f'"ref": {quote(duty_ref(catalog, kind, number))}}}')
            if len(made) < 4096:
                made[entry] = text
        statuses.append(text)
    lights = []
    for key, shade in summary_lights(s, catalog, warn_days=warn_days).items():
        text = _LIGHT_TEXTS.get((key, shade))
        if text is None:
            text = _LIGHT_TEXTS[key, shade] = f'{{{_duty_keys(*key)}, "light": {quote(shade)}}}'  # duties x 4 lights
        lights.append(text)
    submitted = s.submitted.isoformat() if s.submitted else None
    text = json_text(f'{{"file": {quote(s.file)}, "unit": {_text_or_null(s.unit)}, "period": {_text_or_null(s.period)}, '
                     f'"submitted": {_text_or_null(submitted)}, "statuses": [{", ".join(statuses)}], '
                     f'"lights": [{", ".join(lights)}]}}')
    if "\\" in text or "::" in text:
        return inert_record(report_record(s, catalog, warn_days=warn_days))
    return text


_status_texts: tuple[object, dict[tuple[str, int, str], str]] = (None, {})
_LIGHT_TEXTS: dict[tuple[tuple[str, int], str], str] = {}


def _text_or_null(value: str | None) -> str:
    from ipmeasures.jsontext import quote

    return "null" if value is None else quote(value)


def _duty_keys(kind: str, number: int) -> str:
    """`"measure": 7, "task": null` as a record names a duty (an item duty: by its `ref` alone)."""
    return (f'"measure": {int(number)}, "task": null' if kind == "measure" else
            f'"measure": null, "task": {int(number)}' if kind == "task" else '"measure": null, "task": null')


def duty_ref(catalog: Catalog, kind: str, number: int) -> str:
    """The document's reference of a duty ((十九), 6, 二(三)2), else `kind:number`."""
    duty = getattr(catalog, "duty_by_key", {}).get((kind, number)) if catalog is not None else None
    return duty["ref"] if duty and duty.get("ref") else f"{kind}:{number}"


def is_saved_result(path: str) -> bool:
    """A file ending in .json is a saved `ipm check --format json` result; anything else is reports."""
    # By name, not by isfile(): a FIFO or a device named *.json is then refused as one, never read as reports.
    return path.lower().endswith(".json") and not os.path.isdir(path)


def load_run(path: str, catalog: Catalog, *, today: dt.date | None = None, max_bytes: int | None = None,
             calendar: Calendar | None = None, waivers: list[Waiver] | None = None) -> Run:
    """A saved JSON result, or the reports under `path` checked now (with the calendar and waivers given)."""
    if is_saved_result(path):
        return read_saved(path)
    from ipmeasures.check.engine import check_stream
    from ipmeasures.escaping import inert
    from ipmeasures.sources.yamldoc import DEFAULT_MAX_BYTES

    # Streamed: each report's findings become their inert records, spooled as the report goes by; no report
    # result is kept, and of the records only a fingerprint and an offset (Findings).
    stream = check_stream([path], catalog, today=today, max_bytes=max_bytes or DEFAULT_MAX_BYTES, calendar=calendar,
                          waivers=waivers)
    if not stream.files:
        raise IpmError(_("{path} 下没有找到报告文件（*.yaml、*.yml、*.xlsx）：请检查路径。").format(path=path))
    findings = Findings()
    unreadable: list[Finding] = []  # the first files that could not be read at all, to say why if none could
    for report in stream:
        for finding in report.findings:
            findings.add(finding.to_record())
        if report.summary is None and len(unreadable) < 5:
            unreadable += report.findings[:1]
    outcome = stream.finish()
    for finding in outcome.findings:
        findings.add(finding.to_record())
    if not outcome.summaries:  # input that cannot be read: exit 1, as summary, ledger and dashboard
        from ipmeasures.results import no_usable_reports

        raise IpmError(no_usable_reports(_("{path}：没有一份报告能够读取，无法比较。请先用 ipm check 检查这些文件。").format(
            path=inert(path)), unreadable, total=len(stream.files)), multiline=True)
    return Run(source=path, findings=findings, reports=report_records(outcome.summaries, catalog))


def read_saved(path: str) -> Run:
    """Read a saved `ipm check --format json` result; IpmError naming the file and what is wrong."""
    from ipmeasures.supervision.saved import scan_saved

    findings = Findings()
    saved = scan_saved(path, findings.add, restart=findings.restart)
    return Run(source=path, findings=findings, reports=saved.reports or [], has_reports=saved.reports is not None)


def latest_statuses(run: Run) -> tuple[dict[tuple[str, str, int | str], str], set[str]]:
    """Each unit's word on each duty in its latest period: {(unit, kind, number): status}, and the units
    that have a report at all."""
    latest: dict[str, dict[str, Any]] = {}
    for record in run.reports:
        unit, period = record.get("unit"), record.get("period")
        if not unit or not period:
            continue
        end = period_end(period) or dt.date.min
        held = latest.get(unit)
        if held is None or end > (period_end(held["period"]) or dt.date.min):
            latest[unit] = record
    statuses: dict[tuple[str, str, int | str], str] = {}
    for unit, record in latest.items():
        for entry in record["statuses"]:
            if isinstance(entry.get("measure"), int):
                key: tuple[str, str, int | str] = (unit, "measure", entry["measure"])
            elif isinstance(entry.get("task"), int):
                key = (unit, "task", entry["task"])
            elif isinstance(entry.get("ref"), str):  # a duty node named by its reference (二(三)2)
                key = (unit, "item", entry["ref"])
            else:
                continue
            statuses.setdefault(key, entry["status"])
            if isinstance(entry.get("ref"), str):
                run.refs[key[1:]] = entry["ref"]
    return statuses, set(latest)
