"""`ipm check --baseline FILE`: gate CI on what a change introduces, not on what was already there.

The baseline is a saved `ipm check --format json` result. A finding of this run that is in the baseline
(same identity, see `identity`) is `persisting`; one that is not is `new`; a baseline finding this run no
longer has is `resolved` (kept apart: SARIF lists it as `absent`, nothing counts it as open). Only new
errors fail the run.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from ipmeasures.findings import Finding, Severity
from ipmeasures.supervision.identity import match


@dataclass(frozen=True, slots=True)
class BaselineOutcome:
    """This run's findings marked new or persisting, and the baseline findings now resolved."""

    findings: list[Finding]
    resolved: list[Finding]

    @property
    def new_errors(self) -> int:
        """Errors (not suppressed) that the baseline does not have: the only ones that fail the run."""
        return sum(1 for f in self.findings
                   if f.change == "new" and f.severity is Severity.ERROR and not f.suppressed)

    def count(self, change: str) -> int:
        return len(self.resolved) if change == "resolved" else sum(1 for f in self.findings if f.change == change)


def apply_baseline(findings: list[Finding], baseline: list[dict[str, Any]]) -> BaselineOutcome:
    """Mark each finding against the baseline's records; order is kept."""
    records = [f.to_record() for f in findings]
    added, kept, gone = match(baseline, records)
    persisting = {id(new) for _old, new in kept}
    marked = [replace(f, change="persisting" if id(r) in persisting else "new") for f, r in zip(findings, records)]
    del added  # every finding not persisting is new
    return BaselineOutcome(findings=marked, resolved=[finding_from_record(r, change="resolved") for r in gone])


def finding_from_record(record: dict[str, Any], *, change: str | None = None) -> Finding:
    """A Finding again from a saved record; values of the wrong type are dropped, not trusted."""

    def text(key: str) -> str | None:
        value = record.get(key)
        return value if isinstance(value, str) else None

    def number(key: str) -> int | None:
        value = record.get(key)
        return value if isinstance(value, int) and not isinstance(value, bool) else None

    severity = Severity.ERROR if record.get("severity") == "error" else Severity.WARNING
    return Finding(rule_id=str(record.get("rule")), severity=severity, message=text("message") or "",
                   file=text("file") or "", line=number("line"), column=number("column"), field=text("field"),
                   unit=text("unit"), measure=number("measure"), task=number("task"),
                   suppressed=record.get("suppressed") is True, cell=text("cell"), change=change)
