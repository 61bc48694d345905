"""The progress report as read: plain records (`Report`, `Item`), its fields and statuses.

A report, as a unit writes it:

    unit: 市公安局
    period: 2022-H1
    submitted: 2022-07-05
    contact: 办公室 0752-…
    items:
      - measure: 1
        status: in_progress
        progress: 开展专项行动…
        evidence: [〔2022〕3号文件]

`report.parser` builds these records from a `LoadedYaml`; `report.period` reads the period. pydantic is
not used here; `ProgressReport` (in `report/schema.py`) only feeds `ipm schema`, and a test keeps its
fields equal to the ones below.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from ipmeasures.findings import Finding, Severity
from ipmeasures.labels import STATUS_LABELS
from ipmeasures.report.period import Period
from ipmeasures.sources.yamldoc import Mark

REPORT_FIELDS = ("unit", "period", "submitted", "contact", "items")
REQUIRED_FIELDS = ("unit", "period", "items")
ITEM_FIELDS = ("measure", "task", "item", "status", "progress", "evidence", "blocker", "reason", "approval",
               "new_date", "next_steps", "ignore")
TEXT_FIELDS = ("progress", "blocker", "reason", "approval", "next_steps")

STATUSES = ("not_started", "in_progress", "completed", "blocked", "deferred", "not_applicable")
STATUS_ALIASES = {label: status for status, label in STATUS_LABELS.items()} | {"进行中": "in_progress"}

MAX_TEXT = 10_000  # characters per text field; a real entry is a paragraph or two
MAX_LIST = 1_000  # entries in `evidence` or `ignore`


@dataclass(slots=True)
class Item:
    """One item of a report: the duty it is about and what the unit says about it."""

    index: int  # 0-based position in `items`
    kind: str | None = None  # "measure" | "task" | "item"; None when the item names none (or two) validly
    number: int | None = None  # the measure or task number as written (一 -> 1); an item's, once resolved
    ref: str | None = None  # `item:` as written, e.g. 二(三)2 (resolve_items maps it to a duty)
    status: str | None = None  # canonical: one of STATUSES
    progress: str | None = None
    evidence: tuple[str, ...] = ()
    blocker: str | None = None
    reason: str | None = None
    approval: str | None = None  # deferred: the reference of the approval (批准文号)
    new_date: dt.date | None = None  # deferred: the approved new completion date
    next_steps: str | None = None
    ignore: tuple[str, ...] = ()  # rule ids as written; the checker resolves aliases

    @property
    def path(self) -> tuple:
        return ("items", self.index)

    @property
    def ref_field(self) -> str | None:
        """The key the item names its duty by: item, measure or task."""
        return "item" if self.ref is not None else self.kind

    @property
    def measure(self) -> int | None:
        return self.number if self.kind == "measure" else None

    @property
    def task(self) -> int | None:
        return self.number if self.kind == "task" else None


@dataclass(slots=True)
class Report:
    """One report as read: fields that were missing or unusable are None; marks locate every node."""

    file: str
    unit: str | None = None  # as written; the checker resolves it
    period: Period | None = None
    submitted: dt.date | None = None
    contact: str | None = None
    items: list[Item] | None = None  # None when `items` is missing or not a list
    items_complete: bool = False  # every item names a valid measure or task: gap rules can trust `items`
    marks: Mapping[tuple, Mark] = field(default_factory=dict)
    key_marks: Mapping[tuple, Mark] = field(default_factory=dict)
    lines: int = 0
    owner: str | None = None  # the canonical name `unit` resolved to (set by the checker): every finding's unit

    def mark(self, path: tuple, *, key: bool = False) -> Mark | None:
        """Where `path` was written (its key with `key=True`), else its nearest written ancestor."""
        if key:
            found = self.key_marks.get(path)
            if found is not None:
                return found
        for end in range(len(path), -1, -1):
            found = self.marks.get(path[:end])
            if found is not None:
                return found
        return (1, 1) if self.lines else None

    def where(self, path: tuple = (), *, key: bool = False, item: Item | None = None, measure: int | None = None,
              task: int | None = None, ref: str | None = None) -> dict[str, Any]:
        """Where a finding about `path` points (file, line, column, dotted `field`), and `item`'s duty when given."""
        return dict(zip(_PLACE, self._place(path, key, item, measure, task, ref)))

    def finding(self, rule_id: str, severity: Severity, message: str, path: tuple = (), *,
                key: bool = False, item: Item | None = None, measure: int | None = None,
                task: int | None = None, ref: str | None = None) -> Finding:
        """A finding located at `path` (dotted into `field`), about `item`'s duty when given."""
        # by position (Finding's fields in their order): a rule makes thousands of these in a large run
        return Finding(rule_id, severity, message, *self._place(path, key, item, measure, task, ref))

    def _place(self, path: tuple, key: bool, item: Item | None, measure: int | None, task: int | None,
               ref: str | None) -> tuple:
        line, column = self.mark(path, key=key) or (None, None)
        if item is not None:
            measure, task, ref = item.measure, item.task, item.ref
        return self.file, line, column, ".".join(map(str, path)) or None, self.owner, measure, task, ref


_PLACE = ("file", "line", "column", "field", "unit", "measure", "task", "item")  # Finding's fields after `message`
_CANONICAL = {status: status for status in STATUSES}


def parse_status(value: str) -> str | None:
    """A status as written (English or Chinese label) -> its canonical name (the shared constant), or None."""
    text = value.strip()
    found = _CANONICAL.get(text) or STATUS_ALIASES.get(text)
    if found is None:
        found = _CANONICAL.get(text.lower().replace("-", "_").replace(" ", "_"))
    return found


def resolve_items(report: Report, resolve: Callable[[str], tuple[str, int] | None]) -> None:
    """Map each `item:` reference to its duty: (kind, number), or ("item", 0) when it names none.

    `resolve` is the catalog's (Catalog.resolve_ref). An item that names a measure or task of a document
    in the shorthand (item: (十九)) becomes that measure or task.
    """
    for item in report.items or ():
        if item.kind == "item" and item.ref is not None and item.number is None:
            found = resolve(item.ref)
            item.kind, item.number = found if found is not None else ("item", 0)
