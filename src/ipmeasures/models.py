"""pydantic v2 models of the policy data: units.yaml, measures.yaml, responsibility_table.yaml.

Strict: unknown fields are errors, no coercion (a string is never turned into a list), ids unique and
contiguous. Checks that span files live in `cross_check`, after each file validates on its own.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator, model_validator

# Whitespace next to a CJK character is a PDF-extraction artifact ("知识 产权"); Chinese has none.
_CJK = r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef“”‘’]"
_STRAY_SPACE = re.compile(rf"{_CJK}\s|\s{_CJK}")

Name = Annotated[str, StringConstraints(min_length=1, max_length=100, pattern=r"^\S+$")]
Text = Annotated[str, StringConstraints(min_length=1)]
# A pinyin lookup key: toneless, lower case, no spaces (shigonganju, sgaj); filled by scripts/build_pinyin.py.
PinyinKey = Annotated[str, StringConstraints(min_length=1, max_length=100, pattern=r"^[a-z]+$")]

UnitKind = Literal[
    "party_organ", "government_bureau", "court", "procuratorate", "npc_office", "cppcc_office",
    "customs", "arbitration", "association",
]


def _clean_text(value: str) -> str:
    match = _STRAY_SPACE.search(value)
    if match:
        raise ValueError(f"stray whitespace next to a Chinese character near {value[max(0, match.start() - 8):match.end() + 8]!r}; "
                         "remove it (PDF-extraction artifact)")
    return value


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


def _require_contiguous_ids(items: list, what: str) -> None:
    ids = [item.id for item in items]
    expected = list(range(1, len(ids) + 1))
    if ids != expected:
        raise ValueError(f"{what} ids must be 1, 2, 3 … in order without gaps or repeats; found {ids}")


def _require_unique(values: list[str], what: str) -> None:
    seen: set[str] = set()
    for value in values:
        if value in seen:
            raise ValueError(f"{what} {value!r} is listed twice")
        seen.add(value)


class Membership(_Strict):
    group: Name
    basis: Text


class Unit(_Strict):
    name: Name
    full_name: Name
    english: Text
    kind: UnitKind
    signs: list[Name] = []
    aliases: list[Name] = []
    pinyin: list[PinyinKey] = []  # optional: without it the unit resolves by its Chinese names only
    groups: list[Membership] = []
    note: Text | None = None


class Group(_Strict):
    name: Name
    pinyin: list[PinyinKey] = []
    english: Text | None = None  # optional, unofficial: shown in English output instead of `name`
    members_from_registry: bool
    description: Text


class UnitsFile(_Strict):
    city: Name | None = None  # the city (惠州市): its name before 市 may be dropped from unit names
    groups: list[Group]
    units: list[Unit] = Field(min_length=1)

    @model_validator(mode="after")
    def _names_unique(self) -> UnitsFile:
        names = [u.name for u in self.units] + [g.name for g in self.groups]
        _require_unique(names, "unit or group name")
        # A sign or alias may not be another unit's name, or belong to two units: resolution would be ambiguous.
        owner: dict[str, str] = {}
        for unit in self.units:
            for other in [unit.full_name, *unit.signs, *unit.aliases]:
                if other in owner and owner[other] != unit.name:
                    raise ValueError(f"name {other!r} is given to both {owner[other]!r} and {unit.name!r}")
                owner[other] = unit.name
        for name in names:
            if name in owner and owner[name] != name:
                raise ValueError(f"{name!r} is a unit or group name and also an alias of {owner[name]!r}")
        return self


class Target(_Strict):
    year: int
    text: Text

    check_no_stray_space = field_validator("text")(_clean_text)


class DocumentInfo(_Strict):
    title: Text
    number: Text
    issuers: list[Name] = Field(min_length=1)
    issued: dt.date
    notice_title: Text | None = None
    addressees: Text | None = None
    preamble: Text | None = None
    targets: list[Target] = []


class Section(_Strict):
    id: int
    label: Name
    title: Text
    title_en: Text | None = None  # optional, unofficial English title: shown in English output
    text: Text | None = None


class Deadline(_Strict):
    what: Text
    start: dt.date
    end: dt.date
    basis: Text

    @model_validator(mode="after")
    def _ordered(self) -> Deadline:
        if self.end < self.start:
            raise ValueError(f"end {self.end} is before start {self.start}")
        return self


class _Duty(_Strict):
    """What measures and tasks share: who is responsible."""

    units: list[Name]
    groups: list[Name]
    deadlines: list[Deadline] = []

    @model_validator(mode="after")
    def _someone_responsible(self) -> _Duty:
        if not self.units and not self.groups:
            raise ValueError("names no unit and no group: every duty needs someone responsible")
        _require_unique(self.units, "unit")
        _require_unique(self.groups, "group")
        return self


class Measure(_Duty):
    id: int = Field(ge=1)
    label: Name
    section: int = Field(ge=1)
    title: Text
    title_en: Text | None = None  # optional, unofficial English title: shown in English output
    text: Text
    responsibility: Text
    mode: Literal["joint", "sole"]
    coordinator: Name | None = None
    coordinator_basis: Text | None = None
    restorations: list[Text] = []
    notes: list[Text] = []

    check_no_stray_space = field_validator("title", "text", "responsibility")(_clean_text)

    @model_validator(mode="after")
    def _coordinator_has_basis(self) -> Measure:
        if (self.coordinator is None) != (self.coordinator_basis is None):
            raise ValueError("coordinator and coordinator_basis go together: give both or neither")
        return self


class MeasuresFile(_Strict):
    document: DocumentInfo
    sections: list[Section] = Field(min_length=1)
    measures: list[Measure] = Field(min_length=1)

    @field_validator("sections", "measures")
    @classmethod
    def _contiguous(cls, items: list, info) -> list:
        _require_contiguous_ids(items, info.field_name.rstrip("s"))
        if info.field_name == "measures":
            _require_unique([m.label for m in items], "measure label")
        return items


class Task(_Duty):
    id: int = Field(ge=1)
    title: Text
    title_en: Text | None = None  # optional, unofficial English title: shown in English output
    content: Text
    measures: list[int] = Field(min_length=1)
    measures_basis: Text

    check_no_stray_space = field_validator("title", "content")(_clean_text)


class TasksFile(_Strict):
    tasks: list[Task] = Field(min_length=1)

    @field_validator("tasks")
    @classmethod
    def _contiguous(cls, tasks: list[Task]) -> list[Task]:
        _require_contiguous_ids(tasks, "task")
        return tasks
