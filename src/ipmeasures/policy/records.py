"""The compiled policy data as typed records: what the catalog hands to rules, the ledger and the outputs.

The cache stores plain dicts (policy/tree.py builds them, marshal stores them, nothing validates them on
the hot path); these TypedDicts say which keys each holds, so that mypy checks every reader of them. They
are types only: modules import this one under `if TYPE_CHECKING:`, so it costs nothing at start-up.
"""

from __future__ import annotations

from typing import Literal, TypedDict

DutyKind = Literal["measure", "task", "item"]


class MilestoneRecord(TypedDict):
    """A time-bound commitment of a duty; `end` is the last day it allows (ISO date), None when ongoing."""

    what: str | None
    text: str | None
    start: str | None
    end: str | None
    due: str | None
    precision: str | None
    ongoing: bool
    basis: str | None


class AssigneeRecord(TypedDict):
    """Who carries a duty: a unit or a group, with its role and the words the document says it in."""

    name: str
    type: Literal["unit", "group"]
    role: str  # lead | responsible | support
    basis: str | None
    as_written: str | None
    words: str | None  # a lead's words from the body text for whom it leads (会同有关部门)


class DutyRecord(TypedDict):
    """A duty of the document: a measure, an annex task, or a general node ("item")."""

    kind: DutyKind
    id: int
    node: int  # the NodeRecord's `n`
    ref: str  # the reference a clerk sees: (十九), 6, 二(三)2
    label: str
    title: str
    title_en: str | None
    section: int | None
    responsibility: str | None
    division: str  # sole | joint | separately
    open_ended: bool
    assignees: list[AssigneeRecord]
    deadlines: list[MilestoneRecord]


class NodeRecord(TypedDict):
    """One numbered part of the document (a section, a measure, an annex row, a general node)."""

    n: int
    tree: Literal["text", "annex"]
    parent: int | None
    level: int
    label: str
    path: list[str]
    ref: str
    title: str | None
    title_en: str | None
    text: str | None
    cells: dict[str, str]
    kind: str | None
    id: int | None


class MembershipRecord(TypedDict):
    group: str
    basis: str


class UnitRecord(TypedDict):
    """A responsible unit of the registry (units.yaml)."""

    name: str
    full_name: str | None
    english: str | None
    kind: str | None
    signs: list[str]
    aliases: list[str]
    pinyin: list[str]
    groups: list[MembershipRecord]
    note: str | None


class GroupRecord(TypedDict):
    """A group of units the document names instead of its members (市直有关部门)."""

    name: str
    pinyin: list[str]
    english: str | None
    members_from_registry: bool
    members: list[str]
    description: str | None


# --- the two-level shorthand as measures.yaml and responsibility_table.yaml write it (policy/models.py,
# dumped as JSON values: dates as ISO text) ----------------------------------------------------------------


class TargetRecord(TypedDict):
    """A yearly target the document sets (`document.targets`)."""

    year: int
    text: str


class DocumentRecord(TypedDict):
    """The document's own facts (measures.yaml `document`)."""

    title: str
    number: str | None
    issuers: list[str]
    issued: str | None  # ISO date
    source: str | None
    short_title: str | None
    short_title_english: str | None
    notice_title: str | None
    addressees: str | None
    preamble: str | None
    targets: list[TargetRecord]


class SectionRecord(TypedDict):
    """A part of the document (一、总体要求) that holds measures."""

    id: int
    label: str
    title: str
    title_en: str | None
    text: str | None


class DeadlineRecord(TypedDict):
    """A milestone as the data file writes it: `end` an ISO date, or `due` (2022, 2022-06, 2022-Q1, a date)."""

    what: str | None
    text: str | None
    start: str | None
    end: str | None
    due: str | int | None
    ongoing: bool
    basis: str | None


class MeasureRecord(TypedDict):
    """A measure of the document (措施（十九）), with the units and groups responsible for it."""

    units: list[str]
    groups: list[str]
    deadlines: list[DeadlineRecord]
    id: int
    label: str
    section: int
    title: str
    title_en: str | None
    text: str | None
    responsibility: str | None
    mode: Literal["joint", "sole", "separately"]
    coordinator: str | None
    coordinator_basis: str | None
    restorations: list[str]
    notes: list[str]


class TaskRecord(TypedDict):
    """A row of the annex's responsibility table (主要任务责任分工表)."""

    units: list[str]
    groups: list[str]
    deadlines: list[DeadlineRecord]
    id: int
    title: str
    title_en: str | None
    content: str
    measures: list[int]
    measures_basis: str | None
