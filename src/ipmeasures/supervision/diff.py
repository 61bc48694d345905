"""`ipm diff OLD NEW`: what changed between two periods -- findings new, persisting or resolved, and each
duty's status change, with the regressions (已完成 -> 推进中 or 受阻; a duty reported in OLD and not in
NEW) called out.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ipmeasures.supervision.identity import match
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


@dataclass(slots=True)
class Diff:
    """Two runs compared: every finding with its change, and the status changes."""

    old: Run
    new: Run
    findings: list[tuple[str, dict[str, Any]]] = field(default_factory=list)  # (change, record)
    status_changes: list[StatusChange] = field(default_factory=list)

    def count(self, change: str) -> int:
        return sum(1 for c, _record in self.findings if c == change)

    @property
    def regressions(self) -> list[StatusChange]:
        return [c for c in self.status_changes if c.regression]

    def to_document(self) -> dict[str, Any]:
        """The documented `ipm diff --format json` document."""
        return {
            "old": {"source": self.old.source, "periods": self.old.periods},
            "new": {"source": self.new.source, "periods": self.new.periods},
            "findings": [{**record, "change": change} for change, record in self.findings],
            "status_changes": [c.to_record() for c in self.status_changes],
            "summary": {"new": self.count(NEW), "persisting": self.count(PERSISTING),
                        "resolved": self.count(RESOLVED), "regressions": len(self.regressions)},
        }


def compare(old: Run, new: Run) -> Diff:
    """Compare two runs (see the module docstring)."""
    added, kept, gone = match(old.findings, new.findings)
    findings = ([(NEW, r) for r in added] + [(PERSISTING, r) for _old, r in kept] + [(RESOLVED, r) for r in gone])
    findings.sort(key=lambda pair: (CHANGES.index(pair[0]), _sort_key(pair[1])))
    return Diff(old=old, new=new, findings=findings, status_changes=status_changes(old, new))


def _sort_key(record: dict[str, Any]) -> tuple:
    return (record.get("unit") or "", record.get("file") or "", record.get("line") or 0,
            record.get("column") or 0, record.get("rule") or "")


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
