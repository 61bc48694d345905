"""The catalog's small immutable objects: a unit's `Duty` with its `Milestone`s, and a `Resolved` name."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ipmeasures.policy.records import AssigneeRecord


class _Record:
    """A small immutable record. Not a dataclass: building dataclasses costs start-up time on every query."""

    __slots__: tuple[str, ...] = ()

    def __init__(self, **values) -> None:
        for name in self.__slots__:
            object.__setattr__(self, name, values[name])

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"{type(self).__name__} is immutable")

    def _values(self) -> tuple:
        return tuple(getattr(self, name) for name in self.__slots__)

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self) and other._values() == self._values()

    def __hash__(self) -> int:
        return hash(self._values())

    def __repr__(self) -> str:
        fields = ", ".join(f"{name}={getattr(self, name)!r}" for name in self.__slots__)
        return f"{type(self).__name__}({fields})"


class Duty(_Record):
    """One measure or annex task a unit carries, and how.

    kind: "measure" | "task"; role: "sole" | "joint" | "coordinator"; via: the group the duty comes
    through, None when the unit is named; shared_with: the other units and groups on the duty;
    deadline_end: the latest end of the duty's time-bound commitments.

    kind "item" is a duty node of a document written as a general tree (see policy.tree); `ref` is the
    reference a clerk sees (十九's (十九), 二(三)2). role: "coordinator" (a lead the body text names, with
    its basis), "lead" (牵头), "sole", "joint", "separately" (the division among the responsible units),
    or "support" (配合). `milestones`: every deadline of the duty, in the document's order.
    """

    __slots__ = ("deadline_end", "id", "kind", "label", "milestones", "ref", "role", "role_words", "section",
                 "shared_with", "title", "title_en", "via")
    kind: str
    id: int
    label: str
    ref: str
    title: str
    title_en: str | None  # unofficial English title, where the data has one
    role: str
    role_words: str | None  # a coordinator's words from the body text (会同有关部门), shown with its role
    via: str | None
    section: int | None
    shared_with: tuple[str, ...]
    deadline_end: dt.date | None
    milestones: tuple[Milestone, ...]


class Milestone(_Record):
    """One deadline of a duty: `end` the last day it allows (None for ongoing work), `due` as the data writes
    it (2022, 2022-06, 2022-Q1, 2022-06-30), `precision` day | month | quarter | year, `text` as the
    document writes it (2022年6月底前), `what` the commitment where the text names one."""

    __slots__ = ("due", "end", "ongoing", "precision", "start", "text", "what")
    what: str | None
    text: str | None
    start: dt.date | None
    end: dt.date | None
    due: str | None
    precision: str | None
    ongoing: bool

    def describe(self) -> str:
        """The milestone as a reader wants it: the words as written, else the due date."""
        return self.text or self.due or ""

    def to_record(self) -> dict:
        """The milestone as JSON: as written, due (as the data writes it), its precision and last day."""
        return {"text": self.text, "what": self.what, "due": self.due, "precision": self.precision,
                "start": self.start.isoformat() if self.start else None,
                "end": self.end.isoformat() if self.end else None, "ongoing": self.ongoing}


def role_of(assignee: AssigneeRecord, division: str) -> str:
    """The role a unit has on a duty, from its assignee entry (see Duty.role)."""
    if assignee["role"] == "lead":
        return "coordinator" if assignee.get("basis") else "lead"
    if assignee["role"] == "support":
        return "support"
    return division


class Resolved(_Record):
    """What a name resolves to: kind "unit" or "group", and the canonical name."""

    __slots__ = ("kind", "name")
    kind: str
    name: str
