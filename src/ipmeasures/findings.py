"""The one record that crosses from rules to reporters."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem found in one report (or across reports), at a 1-based line and column."""

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
    suppressed: bool = False

    def sort_key(self) -> tuple:
        return (self.file, self.line or 0, self.column or 0, self.rule_id)

    def to_record(self) -> dict:
        """The stable, documented dict every machine-readable reporter starts from."""
        return {
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


def sort_findings(findings: list[Finding]) -> list[Finding]:
    """Sort once, before any reporter: by file, line, column, rule id."""
    return sorted(findings, key=Finding.sort_key)
