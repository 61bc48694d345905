"""The result types the check engine builds and every output reads: one home, one direction.

`Finding` (findings.py) is one problem; `ReportResult` is one checked report (its findings, its summary,
what the ledger needs of it), as the engine streams them; `CheckResult` is a whole run: its totals, its
cross-file findings, its coverage and what the outputs print around them. `CoverageRow` and `RuleInfo` are
rows of that run. Nothing here imports the engine or an output.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from operator import attrgetter
from typing import TYPE_CHECKING, Any, Literal

from ipmeasures import __version__
from ipmeasures.errors import EXIT_FINDINGS, EXIT_OK
from ipmeasures.findings import Finding, Severity, tally

if TYPE_CHECKING:
    from ipmeasures.rules.base import ReportSummary


@dataclass(frozen=True, slots=True)
class RuleInfo:
    """What an output needs to know about one rule; the rules registry supplies these."""

    id: str
    severity: Severity
    summary: str  # one line
    help: str  # what the rule checks and how to fix a finding


@dataclass(frozen=True, slots=True)
class CoverageRow:
    """One measure or task: which units reported on it (with their status label) and which did not."""

    kind: Literal["measure", "task", "item"]
    id: int
    title: str
    reported: dict[str, str] = field(default_factory=dict)  # unit -> status label
    missing: list[str] = field(default_factory=list)  # units that owe a report on it
    missing_item: list[str] = field(default_factory=list)  # those of `missing` whose report leaves it out
    ref: str | None = None  # an item's reference (二(三)2), shown for its number

    def inert(self) -> CoverageRow:
        """This row with its text from the data files (title, unit names, reference) made inert for output."""
        from dataclasses import replace

        from ipmeasures.escaping import inert, inert_optional, inert_value

        return replace(self, title=inert(self.title), reported=inert_value(self.reported),
                       missing=inert_value(self.missing), missing_item=inert_value(self.missing_item),
                       ref=inert_optional(self.ref))


@dataclass(frozen=True, slots=True)
class ItemDetail:
    """What the ledger shows of a report's first item on a duty (a summary keeps only its status)."""

    kind: str
    number: int
    status: str | None  # None: missing or not a status (the ledger's 状态未填或无效)
    progress: str | None = None
    evidence: tuple[str, ...] = ()
    new_date: dt.date | None = None


@dataclass(frozen=True, slots=True)
class ReportResult:
    """One report, checked: its findings (sorted by line, column, rule id; at most 200 and a closing
    too-many-findings), its summary (None when it could not be read), and, when the engine was asked for
    them, the details the ledger shows (`period_start`, `items`) and its JSON `reports` record.

    When the only output reading the findings wants them as text (`--format json`: `Reporter.findings_text`),
    a result may carry that text (`findings_text`) and their count by kind (`counts`) in their stead:
    `findings` is then empty, and no Finding object of the report crosses from a worker to the writing
    process."""

    file: str
    findings: list[Finding]
    summary: ReportSummary | None = None
    period_start: dt.date | None = None
    items: tuple[ItemDetail, ...] | None = None
    record: str | None = None  # its record under the JSON `reports`, as inert JSON text, when the engine was asked
    findings_text: str | None = None  # its findings as that output writes them (inert), in place of `findings`
    counts: tuple[int, int, int] | None = None  # with findings_text: (errors, warnings, suppressed), as tally()

    def __reduce__(self) -> tuple:
        # From a worker to the writing process: one constructor call, not the dataclass's field-by-field state.
        return (ReportResult, _result_fields(self))


_result_fields = attrgetter(*ReportResult.__dataclass_fields__)  # every field's value, in order, at C speed


@dataclass(frozen=True, slots=True, kw_only=True)
class CheckResult:
    """One run of `ipm check`: what the engine returns and every output reads.

    Collected (`check.check_paths`), `findings` is every finding of the run, sorted. Streamed, the reports'
    own findings have gone to the outputs report by report, `findings` holds only the cross-file ones
    (missing-report, duplicate-report, …) and `counts` the totals of the whole run.
    """

    findings: list[Finding]
    files: int  # number of files checked
    checked_files: list[str] = field(default_factory=list)  # every file checked, in the order given
    summaries: list[ReportSummary] = field(default_factory=list)  # for the cross-report rules and views
    coverage: list[CoverageRow] = field(default_factory=list)
    rules: dict[str, RuleInfo] = field(default_factory=dict)  # rule id -> info, every rule that ran
    tool_version: str = __version__
    reports: list[dict[str, Any]] = field(default_factory=list)  # supervision.results.report_records: JSON `reports`
    # --baseline findings gone from this run (SARIF "absent"): a list, or given one at a time from a spool
    # (supervision.baseline.Resolved), inert already
    resolved: Iterable[Finding] = field(default_factory=list)
    started: dt.datetime | None = None  # when the check began (aware), for JUnit's timestamp
    duration: float | None = None  # seconds the check took, for JUnit's time
    counts: tuple[int, int, int] | None = None  # (errors, warnings, suppressed) of a streamed run; None: tally findings

    def __post_init__(self) -> None:
        # The one door from the engine to every check output (terminal, CI log, files): report-controlled
        # text, file names included, is made inert here (escaping.inert), so no format can forget it.
        from ipmeasures.escaping import inert, inert_value

        object.__setattr__(self, "findings", [finding.inert() for finding in self.findings])
        object.__setattr__(self, "checked_files", [inert(path) for path in self.checked_files])
        if isinstance(self.resolved, list):
            object.__setattr__(self, "resolved", [finding.inert() for finding in self.resolved])
        object.__setattr__(self, "reports", [inert_value(record) for record in self.reports])
        object.__setattr__(self, "coverage", [row.inert() for row in self.coverage])

    def tally(self) -> tuple[int, int, int]:
        """(errors, warnings, suppressed) of the whole run."""
        return self.counts if self.counts is not None else tally(self.findings)

    @property
    def errors(self) -> int:
        """Errors that are not suppressed."""
        return self.tally()[0]

    @property
    def warnings(self) -> int:
        """Warnings that are not suppressed."""
        return self.tally()[1]

    @property
    def suppressed(self) -> int:
        """Suppressed findings of either severity; they count as nothing else."""
        return self.tally()[2]

    @property
    def exit_code(self) -> int:
        """1 when an error is not suppressed, else 0."""
        return EXIT_FINDINGS if self.errors else EXIT_OK

    def files_in_order(self) -> list[str]:
        """Checked files in the order given, then any file that only a finding names, sorted."""
        seen = dict.fromkeys(self.checked_files)
        extra = sorted({f.file for f in self.findings if f.file not in seen})
        return [*seen, *extra]


# The rules whose findings say why a report gave no unit or period: what a "no usable report" message lists.
UNUSABLE_RULES = ("invalid-report", "bad-period", "unknown-unit")


def no_usable_reports(message: str, findings: Iterable[Finding], limit: int = 5, total: int | None = None) -> str:
    """`message` (no report gave a unit and a period), followed by why: the first files' findings that
    made them unusable (invalid-report, bad-period, unknown-unit), each with its file and line. `total`:
    how many such findings there were, when `findings` holds only the first of them."""
    from ipmeasures.i18n import _

    why = [f for f in findings if f.rule_id in UNUSABLE_RULES]
    lines = [message]
    for finding in why[:limit]:
        where = finding.file if finding.line is None else f"{finding.file}:{finding.line}"
        lines.append(f"  {where}: {finding.field + ': ' if finding.field else ''}{finding.message}")
    more = (len(why) if total is None else total) - min(len(why), limit)
    if more > 0:
        lines.append(_("  ……另有 {n} 条，用 ipm check 查看全部。").format(n=more))
    return "\n".join(lines)
