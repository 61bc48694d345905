"""pydantic v2 models of the policy data: units.yaml, measures.yaml, responsibility_table.yaml.

Strict: unknown fields are errors, no coercion (a string is never turned into a list), ids unique and
contiguous. Checks that span files live in `cross_check`, after each file validates on its own.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator, model_validator

from ipmeasures.i18n import N_, _

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
        raise ValueError(_("中文旁有多余的空白（PDF 提取的瑕疵），在“{near}”附近：请删除。").format(
            near=value[max(0, match.start() - 8):match.end() + 8]))
    return value


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


def _require_contiguous_ids(items: list, what: str) -> None:
    ids = [item.id for item in items]
    expected = list(range(1, len(ids) + 1))
    if ids != expected:
        raise ValueError(_("{what}的 id 应为 1、2、3……依次排列，不能跳号或重复；现在是 {ids}。").format(
            what=_(what), ids=ids))


def _require_unique(values: list[str], what: str) -> None:
    seen: set[str] = set()
    for value in values:
        if value in seen:
            raise ValueError(_("{what}“{value}”重复列出：每个只能出现一次。").format(what=_(what), value=value))
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
        _require_unique(names, N_("单位或单位组名称"))
        # A sign or alias may not be another unit's name, or belong to two units: resolution would be ambiguous.
        owner: dict[str, str] = {}
        for unit in self.units:
            for other in [unit.full_name, *unit.signs, *unit.aliases]:
                if other in owner and owner[other] != unit.name:
                    raise ValueError(_("名称“{name}”同时给了“{a}”和“{b}”：一个名称只能指一个单位。").format(
                        name=other, a=owner[other], b=unit.name))
                owner[other] = unit.name
        for name in names:
            if name in owner and owner[name] != name:
                raise ValueError(_("“{name}”既是单位或单位组名称，又是“{other}”的别名：请删去其一。").format(
                    name=name, other=owner[name]))
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
            raise ValueError(_("结束日期 {end} 早于开始日期 {start}。").format(end=self.end, start=self.start))
        return self


class _Duty(_Strict):
    """What measures and tasks share: who is responsible."""

    units: list[Name]
    groups: list[Name]
    deadlines: list[Deadline] = []

    @model_validator(mode="after")
    def _someone_responsible(self) -> _Duty:
        if not self.units and not self.groups:
            raise ValueError(_("没有任何责任单位或单位组：每项职责都要有负责的单位。"))
        _require_unique(self.units, N_("单位"))
        _require_unique(self.groups, N_("单位组"))
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
            raise ValueError(_("coordinator 与 coordinator_basis 须同时给出或同时省略。"))
        return self


class MeasuresFile(_Strict):
    document: DocumentInfo
    sections: list[Section] = Field(min_length=1)
    measures: list[Measure] = Field(min_length=1)

    @field_validator("sections", "measures")
    @classmethod
    def _contiguous(cls, items: list, info) -> list:
        _require_contiguous_ids(items, N_("部分") if info.field_name == "sections" else N_("措施"))
        if info.field_name == "measures":
            _require_unique([m.label for m in items], N_("措施序号"))
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
        _require_contiguous_ids(tasks, N_("任务"))
        return tasks
