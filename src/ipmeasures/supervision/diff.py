"""`ipm diff OLD NEW`: what changed between two periods -- findings new, persisting or resolved, and each
duty's status change, with the regressions (已完成 -> 推进中 or 受阻; a duty reported in OLD and not in
NEW) called out.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from ipmeasures.supervision.results import Run, latest_statuses

NEW, PERSISTING, RESOLVED = "new", "persisting", "resolved"
CHANGES = (NEW, PERSISTING, RESOLVED)
# A duty's state in NEW when the unit said nothing of it (the ledger's words for the same gaps).
NOT_REPORTED, MISSING_ITEM = "not_reported", "missing_item"
# Back from 已完成 to any of these is a regression; 不适用 is a different answer, not a step back.
OPEN_STATUSES = frozenset({"not_started", "in_progress", "blocked", "deferred"})


@dataclass(frozen=True, slots=True)
class StatusChange:
    """One duty of one unit whose status differs between the two runs."""

    unit: str
    kind: str  # "measure" | "task" | "item"
    number: int | str  # the measure or task number; for an item, its reference
    old: str  # a status, or not_reported / missing_item
    new: str
    regression: bool
    ref: str = ""  # the document's reference ((五), 6, 二(三)2)

    def to_record(self) -> dict[str, Any]:
        return {"unit": self.unit, "measure": self.number if self.kind == "measure" else None,
                "task": self.number if self.kind == "task" else None, "ref": self.ref,
                "old": self.old, "new": self.new, "regression": self.regression}


class Changes:
    """Every finding of a comparison with its change, sorted (by change, then unit, file, line, column, rule):
    (change, record) pairs read back from the two runs' spools one at a time, never all in memory. In
    memory: one small sort entry a finding (its change, sort key, offset)."""

    def __init__(self, old: Run, new: Run, entries: list[tuple]) -> None:
        self._spools = (new.findings.spool, new.findings.spool, old.findings.spool)  # by change: new, persisting, resolved
        self._entries = entries
        self.counts = dict.fromkeys(CHANGES, 0)
        for entry in entries:
            self.counts[CHANGES[entry[0]]] += 1

    def __len__(self) -> int:
        return len(self._entries)

    def __iter__(self) -> Iterator[tuple[str, dict[str, Any]]]:
        for entry in self._entries:
            yield CHANGES[entry[0]], self._spools[entry[0]].get(entry[-1])


@dataclass(slots=True)
class Diff:
    """Two runs compared: every finding with its change, and the status changes."""

    old: Run
    new: Run
    findings: Changes
    status_changes: list[StatusChange] = field(default_factory=list)

    def count(self, change: str) -> int:
        return self.findings.counts[change]

    @property
    def regressions(self) -> list[StatusChange]:
        return [c for c in self.status_changes if c.regression]

    def to_document(self) -> dict[str, Any]:
        """The documented `ipm diff --format json` document; its findings are read back one at a time as it is
        written (`views.base.Rows`, `jsontext.write`)."""
        from ipmeasures.views.base import Rows

        return {
            "old": {"source": self.old.source, "periods": self.old.periods},
            "new": {"source": self.new.source, "periods": self.new.periods},
            "findings": Rows(self.findings, len(self.findings), _with_change),
            "status_changes": [c.to_record() for c in self.status_changes],
            "summary": {"new": self.count(NEW), "persisting": self.count(PERSISTING),
                        "resolved": self.count(RESOLVED), "regressions": len(self.regressions)},
        }


def _with_change(pair: tuple[str, dict[str, Any]]) -> dict[str, Any]:
    change, record = pair
    return {**record, "change": change}


def compare(old: Run, new: Run) -> Diff:
    """Compare two runs (see the module docstring): the pairing of `identity.match` -- a finding of NEW whose
    identity OLD still has one of is persisting and uses it up, else new; of an identity OLD has left `n`
    times, its last `n` findings are resolved -- over fingerprints, the records staying in their spools."""
    pending = Counter(old.findings.fingerprints)  # identity -> OLD's findings with it not yet paired
    paired: Counter[bytes] = Counter()
    names: dict[str, str] = {}  # one string object for each unit, file and rule, however many findings name it
    entries = []
    for key, offset, record in new.findings:
        if pending[key] > 0:
            pending[key] -= 1
            paired[key] += 1
            change = 1
        else:
            change = 0
        entries.append((change, *_sort_key(record, names), 0, offset))
    first: dict[bytes, int] = {}  # where each identity with a resolved finding first appears in OLD
    for key, offset, record in old.findings:
        if not pending[key]:
            continue
        start = first.setdefault(key, offset)
        if paired[key] > 0:
            paired[key] -= 1
            continue
        # resolved: listed by where their identity first appears, then in order, as identity.match lists them
        entries.append((2, *_sort_key(record, names), start, offset))
    entries.sort()
    return Diff(old=old, new=new, findings=Changes(old, new, entries), status_changes=status_changes(old, new))


def _sort_key(record: dict[str, Any], names: dict[str, str]) -> tuple:
    def name(key: str) -> str:
        text = record.get(key) or ""
        return names.setdefault(text, text)

    return (name("unit"), name("file"), record.get("line") or 0, record.get("column") or 0, name("rule"))


def status_changes(old: Run, new: Run) -> list[StatusChange]:
    """Each duty whose latest status differs, by unit, then measures before tasks, by number."""
    before, _old_units = latest_statuses(old)
    after, new_units = latest_statuses(new)
    changes = []
    order = {"measure": 0, "task": 1, "item": 2}
    for unit, kind, number in sorted(before.keys() | after.keys(), key=lambda k: (k[0], order[k[1]], str(k[2]).zfill(4))):
        was = before.get((unit, kind, number))
        now = after.get((unit, kind, number))
        if was == now:
            continue
        if now is None:
            now = MISSING_ITEM if unit in new_units else NOT_REPORTED
        if was is None:
            was = NOT_REPORTED if unit not in _old_units else MISSING_ITEM
        regression = (now in (NOT_REPORTED, MISSING_ITEM) and was not in (NOT_REPORTED, MISSING_ITEM)) or (
            was == "completed" and now in OPEN_STATUSES)
        ref = old.refs.get((kind, number)) or new.refs.get((kind, number)) or (
            str(number) if kind == "item" else f"{kind}:{number}")
        changes.append(StatusChange(unit=unit, kind=kind, number=number, old=was, new=now, regression=regression,
                                    ref=ref))
    return changes
