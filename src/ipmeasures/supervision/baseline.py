"""`ipm check --baseline FILE`: gate CI on what a change introduces, not on what was already there.

The baseline is a saved `ipm check --format json` result. A finding of this run that is in the baseline
(same identity, see `identity`) is `persisting`; one that is not is `new`; a baseline finding this run no
longer has is `resolved` (kept apart: SARIF lists it as `absent`, nothing counts it as open). Only new
errors fail the run.

`Baseline` marks the findings as the check streams them: it holds the baseline's fingerprints (identity
and how many findings have it), never this run's findings, so memory does not grow with them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import replace
from typing import Any

from ipmeasures.escaping import inert_value
from ipmeasures.findings import Finding, Severity
from ipmeasures.supervision.identity import Key, finding_key


class Baseline:
    """The fingerprints of a saved result, and this run's findings marked against them as they come.

    A finding whose identity the baseline still has one of is `persisting` (and uses that one up), else
    `new`: the same pairing, in the same order, as `identity.match` over the whole run.
    """

    def __init__(self, records: Iterable[dict[str, Any]]) -> None:
        """`records`: the saved result's, as read (`results.read_saved_records`); each is made inert, as every
        saved record is before it is compared, only to take its fingerprint."""
        self.pending: Counter[Key] = Counter(saved_key(record) for record in records)
        self.new_errors = 0  # errors (not suppressed) the baseline does not have: the only ones that fail the run
        self.counts: Counter[str] = Counter()

    def mark(self, findings: list[Finding]) -> list[Finding]:
        """`findings`, each marked new or persisting; order is kept."""
        marked = []
        for finding in findings:
            key = finding_key(finding.to_record())
            if self.pending[key] > 0:
                self.pending[key] -= 1
                change = "persisting"
            else:
                change = "new"
                if finding.severity is Severity.ERROR and not finding.suppressed:
                    self.new_errors += 1
            self.counts[change] += 1
            marked.append(replace(finding, change=change))
        return marked

    def resolved(self, records: Iterable[dict[str, Any]]) -> list[Finding]:
        """The baseline's findings this run no longer has, from its records read again: of a key left
        `n` times, its last `n` records (the first ones were paired, in order)."""
        left = +self.pending
        if not left:
            return []
        first: dict[Key, int] = {}  # identities in the order they first appear, as identity.match lists them
        gone = []
        for index, record in reversed(list(enumerate(records))):
            key = saved_key(record)
            first[key] = index
            if left[key] > 0:
                left[key] -= 1
                gone.append((key, index, record))
        gone.sort(key=lambda entry: (first[entry[0]], entry[1]))
        resolved = [finding_from_record(inert_value(record), change="resolved") for _key, _index, record in gone]
        self.counts["resolved"] = len(resolved)
        return resolved

    def count(self, change: str) -> int:
        return self.counts[change]


def saved_key(record: dict[str, Any]) -> Key:
    """The identity of a saved record once made inert (as `results.Run` makes it), without keeping the copy."""
    return finding_key(inert_value(record))


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
