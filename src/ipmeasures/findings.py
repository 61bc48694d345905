"""The one record that crosses from rules to reporters."""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import Enum
from typing import TYPE_CHECKING, Any

from ipmeasures.escaping import all_inert, inert

if TYPE_CHECKING:
    from ipmeasures.supervision.waivers import Waiver


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem found in one report (or across reports), at a 1-based line and column.

    In a workbook report the line is the row and the column the column number, and `cell` names them
    as Excel does.
    """

    rule_id: str
    severity: Severity
    message: str
    file: str
    line: int | None = None
    column: int | None = None
    field: str | None = None  # dotted path, e.g. "items.3.status"
    unit: str | None = None  # canonical short name, when known
    measure: int | None = None  # as written in the report
    task: int | None = None
    item: str | None = None  # the reference of a duty node (二(三)2) where the report names one by `item:`
    suppressed: bool = False
    cell: str | None = None  # in a workbook report: sheet and cell, e.g. "报告!E9" (line = row, column = column)
    change: str | None = None  # against `ipm check --baseline`: "new" | "persisting" | "resolved"
    waiver: Waiver | None = None  # the waiver file entry that suppresses it, if any

    def __reduce__(self) -> tuple:
        # Findings cross from the workers of a large run to the process writing the outputs: as a plain tuple
        # (the severity by value), rebuilt by one constructor call, they cost half of what pickling the
        # dataclass field by field costs.
        values = [getattr(self, name) for name in _FIELDS]
        values[1] = self.severity.value
        return (_rebuild, tuple(values))

    def sort_key(self) -> tuple:
        return (self.file, self.line or 0, self.column or 0, self.rule_id)

    def inert(self) -> Finding:
        """This finding with its text (rule id, message, file name, field, unit, item, cell, and its waiver's
        text) made inert for output: control characters written out visibly (escaping.inert). Itself when
        there is nothing to escape."""
        if self.waiver is None and all_inert([value for name in _TEXT_FIELDS
                                              if (value := getattr(self, name)) is not None]):
            return self  # the common case, in one scan
        changes: dict[str, Any] = {}
        for name in _TEXT_FIELDS:
            value = getattr(self, name)
            if value is not None:
                safe = inert(value)
                if safe is not value:
                    changes[name] = safe
        if self.waiver is not None:
            waiver = self.waiver.inert()
            if waiver is not self.waiver:
                changes["waiver"] = waiver
        return replace(self, **changes) if changes else self

    def to_record(self) -> dict:
        """The stable, documented dict every machine-readable reporter starts from.

        `item` only for findings about an item named by its reference (`item: 二(三)2`);
        `cell` is there only for findings in a workbook (.xlsx) report, so a YAML run's records are unchanged;
        `change` only in a run with `--baseline`.
        """
        record: dict[str, Any] = {
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "severity": self.severity.value,
            "rule": self.rule_id,
            "message": self.message,
            "field": self.field,
            "unit": self.unit,
            "measure": self.measure,
            "task": self.task,
            "suppressed": self.suppressed,
        }
        if self.item is not None:
            record["item"] = self.item
        if self.cell is not None:
            record["cell"] = self.cell
        if self.change is not None:
            record["change"] = self.change
        if self.waiver is not None:
            record["waiver"] = self.waiver.to_record()
        return record


def _rebuild(rule_id: str, severity: str, *rest: Any) -> Finding:
    return Finding(rule_id, _SEVERITIES[severity], *rest)


_SEVERITIES = {severity.value: severity for severity in Severity}  # a dict lookup: Severity(value) costs more
_FIELDS = tuple(Finding.__dataclass_fields__)  # in the order the constructor takes them
assert _FIELDS[:2] == ("rule_id", "severity")


# Every text field of a Finding: a rule id read back from a saved result (--baseline) is outside text too.
_TEXT_FIELDS = ("rule_id", "message", "file", "field", "unit", "item", "cell", "change")


def sort_findings(findings: list[Finding]) -> list[Finding]:
    """Sort once, before any reporter: by file, line, column, rule id."""
    return sorted(findings, key=Finding.sort_key)


def tally(findings) -> tuple[int, int, int]:
    """(errors, warnings, suppressed): a suppressed finding counts only as suppressed."""
    errors = warnings = suppressed = 0
    for finding in findings:
        if finding.suppressed:
            suppressed += 1
        elif finding.severity is Severity.ERROR:
            errors += 1
        else:
            warnings += 1
    return errors, warnings, suppressed
