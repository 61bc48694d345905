"""`ipm check --baseline FILE`: gate CI on what a change introduces, not on what was already there.

The baseline is a saved `ipm check --format json` result. A finding of this run that is in the baseline
(same identity, see `identity`) is `persisting`; one that is not is `new`; a baseline finding this run no
longer has is `resolved` (kept apart: SARIF lists it as `absent`, nothing counts it as open). Only new
errors fail the run.

`Baseline` marks the findings as the check streams them: it holds the baseline's fingerprints (identity
and how many findings have it), never this run's findings, so memory does not grow with them.
"""

from __future__ import annotations

import array
from collections import Counter
from collections.abc import Iterator
from dataclasses import replace
from typing import Any

from ipmeasures.escaping import inert_value
from ipmeasures.findings import Finding, Severity
from ipmeasures.supervision.identity import fingerprint
from ipmeasures.supervision.saved import saved_findings, scan_saved


class Baseline:
    """The fingerprints of a saved result, and this run's findings marked against them as they come.

    A finding whose identity the baseline still has one of is `persisting` (and uses that one up), else
    `new`: the same pairing, in the same order, as `identity.match` over the whole run. Of the baseline, only
    a 16-byte fingerprint of each identity and its count are kept (`identity.fingerprint`); the file is read
    as a stream, once to take them and once more for the resolved findings (`resolved()`).
    """

    def __init__(self, path: str) -> None:
        """Read the saved result at `path` (`saved.scan_saved`: an IpmError says what is wrong with it)."""
        self.pending: Counter[bytes] = Counter()  # identity -> how many baseline findings have it, not yet paired
        self.paired: Counter[bytes] = Counter()  # identity -> how many of them this run has paired
        self.saved = scan_saved(path, self._take, restart=self.pending.clear, keep_reports=False)
        self.new_errors = 0  # errors (not suppressed) the baseline does not have: the only ones that fail the run
        self.counts: Counter[str] = Counter()

    def _take(self, record: dict[str, Any]) -> None:
        self.pending[saved_fingerprint(record)] += 1

    def mark(self, findings: list[Finding]) -> list[Finding]:
        """`findings`, each marked new or persisting; order is kept."""
        marked = []
        for finding in findings:
            key = fingerprint(finding.to_record())
            if self.pending[key] > 0:
                self.pending[key] -= 1
                self.paired[key] += 1
                change = "persisting"
            else:
                change = "new"
                if finding.severity is Severity.ERROR and not finding.suppressed:
                    self.new_errors += 1
            self.counts[change] += 1
            marked.append(replace(finding, change=change))
        return marked

    def resolved(self) -> Resolved:
        """The baseline's findings this run no longer has, from its records read again: of an identity left
        `n` times, its last `n` records (the first ones were paired, in order), by identity in the order the
        identities first appear, as identity.match lists them. Spooled, given one at a time (`Resolved`)."""
        resolved = Resolved()
        if any(n > 0 for n in self.pending.values()):
            first: dict[bytes, int] = {}  # where an identity the baseline has more than once first appears
            order: list[int] = []  # (where its identity first appears) << 32 | its number among the resolved
            for index, record in enumerate(saved_findings(self.saved)):
                safe = inert_value(record)
                key = fingerprint(safe)
                left, paired = self.pending[key], self.paired[key]
                if not left:
                    continue
                if left + paired > 1:
                    start = first.setdefault(key, index)
                    if paired:
                        self.paired[key] -= 1
                        continue
                else:
                    start = index
                order.append(start << 32 | resolved.add(safe))
            order.sort()
            resolved.order = array.array("q", (entry & 0xFFFFFFFF for entry in order))
        self.counts["resolved"] = len(resolved)
        return resolved

    def count(self, change: str) -> int:
        return self.counts[change]


class Resolved:
    """The baseline's resolved findings (`CheckResult.resolved`), their records (inert) in a spool, given as
    Findings one at a time in the order `Baseline.resolved` sets."""

    def __init__(self) -> None:
        from ipmeasures.supervision.spool import RecordSpool

        self.records = RecordSpool()
        self.offsets = array.array("q")
        self.order = array.array("q")

    def add(self, record: dict[str, Any]) -> int:
        """Spool one record; its number."""
        self.offsets.append(self.records.add(record))
        return len(self.offsets) - 1

    def __len__(self) -> int:
        return len(self.offsets)

    def __iter__(self) -> Iterator[Finding]:
        for number in self.order:
            yield finding_from_record(self.records.get(self.offsets[number]), change="resolved")


def saved_fingerprint(record: dict[str, Any]) -> bytes:
    """The identity of a saved record once made inert (as `results.Run` makes it), without keeping the copy."""
    return fingerprint(inert_value(record))


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
