"""pydantic v2 models of the policy data: units.yaml, measures.yaml, responsibility_table.yaml.

The general model (docs/data-format.md): a document is a tree of numbered nodes of any depth, written as
a flat list in document order with each node's `level`; a node may carry a duty (assignees with roles,
how the work is divided, deadlines as written). An annex table is more nodes, in its own file. The older
two-level shorthand (`sections` + `measures`, and the annex as `tasks`) is the same model with fixed
levels; the shipped Huizhou data is written in it.

Strict: unknown fields are errors, no coercion (a string is never turned into a list), ids unique and
contiguous. Checks that span files live in `cross_check`, after each file validates on its own.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator, model_validator

from ipmeasures.i18n import N_, _
from ipmeasures.policy.dues import parse_due
from ipmeasures.policy.validation import CONTROL, clean_text, require_contiguous_ids, require_unique, texts

Name = Annotated[str, StringConstraints(min_length=1, max_length=100, pattern=r"^\S+$")]
Text = Annotated[str, StringConstraints(min_length=1)]
# A pinyin lookup key: toneless, lower case, no spaces (shigonganju, sgaj); filled by scripts/build_pinyin.py.
PinyinKey = Annotated[str, StringConstraints(min_length=1, max_length=100, pattern=r"^[a-z]+$")]

# A unit's kind is open: the known kinds (queries.UNIT_KIND_LABELS: party_organ, government_bureau, court,
# procuratorate, npc_office, cppcc_office, customs, arbitration, association) are shown by their labels;
# any other text (领导小组办公室, 新区管委会 …) is shown as written.
UnitKind = Name
ROLES = ("lead", "responsible", "support")
DIVISIONS = ("sole", "joint", "separately")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)

    @field_validator("*", mode="after")
    @classmethod
    def _no_control_characters(cls, value: object) -> object:
        for text in texts(value):
            found = CONTROL.search(text)
            if found:
                from ipmeasures.escaping import inert

                raise ValueError(_("含有控制字符 {char}（看不见，却会改变终端与日志的显示）：请删除。").format(
                    char=inert(found.group())))
        return value


class Membership(_Strict):
    group: Name
    basis: Text


class Unit(_Strict):
    name: Name
    full_name: Name | None = None
    english: Text | None = None
    kind: UnitKind | None = None
    signs: list[Name] = []
    aliases: list[Name] = []
    pinyin: list[PinyinKey] = []  # optional: without it the unit resolves by its Chinese names only
    groups: list[Membership] = []
    note: Text | None = None


class Group(_Strict):
    name: Name
    pinyin: list[PinyinKey] = []
    english: Text | None = None  # optional, unofficial: shown in English output instead of `name`
    # true: the units whose `groups` name this group are members (besides `members`); false: the group's
    # members are outside the registry (各级党委、政府 in a city's registry).
    members_from_registry: bool = True
    members: list[Name] = []  # registry units that make up the group (各区县政府 -> each county), each can report
    description: Text | None = None

    @model_validator(mode="after")
    def _members_unique(self) -> Group:
        require_unique(self.members, N_("成员单位"))
        return self


class UnitsFile(_Strict):
    # The jurisdiction whose bodies these are (惠州市, 重庆市, 四川省; none for national bodies). People write
    # its bodies with or without its name: 惠州市公安局 = 市公安局, 四川省工商局 = 省工商局.
    jurisdiction: Name | None = None
    city: Name | None = None  # the older name of `jurisdiction`
    prefix: Name | None = None  # what stands for the jurisdiction in short names; default: its last character
    groups: list[Group] = []
    units: list[Unit] = Field(min_length=1)

    @model_validator(mode="after")
    def _names_unique(self) -> UnitsFile:
        if self.jurisdiction and self.city:
            raise ValueError(_("jurisdiction 与 city 是同一字段的新旧两种写法：只写 jurisdiction。"))
        if self.prefix and not (self.jurisdiction or self.city):
            raise ValueError(_("给出了 prefix 却没有 jurisdiction：prefix 是辖区名称的简写，须与 jurisdiction 一同给出。"))
        names = [u.name for u in self.units] + [g.name for g in self.groups]
        require_unique(names, N_("单位或单位组名称"))
        # A sign or alias may not be another unit's name, or belong to two units: resolution would be ambiguous.
        owner: dict[str, str] = {}
        for unit in self.units:
            for other in [*([unit.full_name] if unit.full_name else []), *unit.signs, *unit.aliases]:
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

    check_no_stray_space = field_validator("text")(clean_text)


class DocumentInfo(_Strict):
    title: Text
    number: Text | None = None
    issuers: list[Name] = []
    issued: dt.date | None = None
    source: Text | None = None  # where the text was taken from (a URL), and how complete it is
    short_title: Text | None = None  # how people name it in a sentence (ipm --help): 惠州市强化知识产权保护若干措施
    short_title_english: Text | None = None  # optional, unofficial: the same in English
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
    """A time-bound commitment as the document writes it: one milestone of a duty.

    `end` (a date) or `due` (2022, 2022-06, 2022-Q1, 2022-06-30) gives when it is due; `ongoing: true`
    (持续推进, 长期坚持) gives none. `start` is optional.
    """

    what: Text | None = None  # the commitment (为期3年的专项行动), where the text names one
    text: Text | None = None  # the deadline as written: 2022年6月底前, 2023年第一季度, 持续推进
    start: dt.date | None = None
    end: dt.date | None = None
    due: dt.date | Annotated[str, StringConstraints(min_length=4)] | int | None = None
    ongoing: bool = False
    basis: Text | None = None

    @model_validator(mode="after")
    def _ordered(self) -> Deadline:
        if self.what is None and self.text is None:
            raise ValueError(_("时限须有 text（原文的写法，如 2022年6月底前）或 what（所指的事项）。"))
        if self.ongoing and (self.end is not None or self.due is not None):
            raise ValueError(_("ongoing: true 表示持续推进、没有截止日期：不能再写 end 或 due。"))
        if self.end is not None and self.due is not None:
            raise ValueError(_("end 与 due 只写一个：end 是日期，due 可写 2022、2022-06、2022-Q1 或日期。"))
        if not self.ongoing and self.end is None and self.due is None:
            raise ValueError(_("时限缺少截止：写 due（如 2022-06 表示 2022年6月底前），或写 ongoing: true（持续推进）。"))
        if self.due is not None and parse_due(self.due) is None:
            raise ValueError(_("due 的写法无法识别：“{value}”。可写 2022（年底前）、2022-06（6月底前）、2022-Q1（第一季度）"
                               "或 2022-06-30。").format(value=self.due))
        last = self.last_day()
        if last is not None and self.start is not None and last < self.start:
            raise ValueError(_("结束日期 {end} 早于开始日期 {start}。").format(end=last, start=self.start))
        return self

    def last_day(self) -> dt.date | None:
        """The last day the milestone allows: `end`, or the end of `due`'s day, month, quarter or year."""
        if self.end is not None:
            return self.end
        parsed = parse_due(self.due) if self.due is not None else None
        return parsed[2] if parsed else None


class _Duty(_Strict):
    """What measures and tasks (the two-level shorthand) share: who is responsible."""

    units: list[Name]
    groups: list[Name]
    deadlines: list[Deadline] = []

    @model_validator(mode="after")
    def _someone_responsible(self) -> _Duty:
        if not self.units and not self.groups:
            raise ValueError(_("没有任何责任单位或单位组：每项职责都要有负责的单位。"))
        require_unique(self.units, N_("单位"))
        require_unique(self.groups, N_("单位组"))
        return self


class Measure(_Duty):
    id: int = Field(ge=1)
    label: Name
    section: int = Field(ge=1)
    title: Text
    title_en: Text | None = None  # optional, unofficial English title: shown in English output
    text: Text | None = None
    responsibility: Text | None = None
    mode: Literal["joint", "sole", "separately"]
    coordinator: Name | None = None
    coordinator_basis: Text | None = None
    restorations: list[Text] = []
    notes: list[Text] = []

    check_no_stray_space = field_validator("title", "text", "responsibility")(clean_text)

    @model_validator(mode="after")
    def _coordinator_has_basis(self) -> Measure:
        if (self.coordinator is None) != (self.coordinator_basis is None):
            raise ValueError(_("coordinator 与 coordinator_basis 须同时给出或同时省略。"))
        return self


class Assignee(_Strict):
    """One unit or group on a duty, and its role: lead (牵头), responsible (负责), support (配合, 参与, 协助)."""

    unit: Name | None = None
    group: Name | None = None
    role: Literal["lead", "responsible", "support"] = "responsible"
    as_written: Text | None = None  # the name as the document writes it, where it differs (市市场监督管理局)
    basis: Text | None = None  # where the body text names it (a lead named in the text: 会同有关部门)

    @model_validator(mode="after")
    def _one_name(self) -> Assignee:
        if (self.unit is None) == (self.group is None):
            raise ValueError(_("每个责任单位写 unit（单位）或 group（单位组），二者写且只写一个。"))
        return self

    @property
    def name(self) -> str:
        return self.unit or self.group or ""


class Duty(_Strict):
    """Who does a node's work and by when: the bracket (…按职责分工负责) or the table row, as data."""

    responsibility: Text | None = None  # the bracket or the cells, as written
    assignees: list[Assignee] = []  # may be empty: a bracket that names only a deadline
    # How the responsible units share the work: sole (负责, one unit), joint (按职责分工负责, 共同),
    # separately (分别负责). Default: sole for one responsible unit or group, else joint.
    division: Literal["sole", "joint", "separately"] | None = None
    open_ended: bool = False  # the list ends in 等 (…等部门负责): more units than it names
    deadlines: list[Deadline] = []

    @model_validator(mode="after")
    def _unique(self) -> Duty:
        require_unique([a.name for a in self.assignees], N_("责任单位"))
        return self


class Node(_Strict):
    """One numbered item of the document at any depth: 一、 / (一) / 1. / (1) …

    Nodes are listed in document order; a node's parent is the nearest node before it with a smaller
    `level`. `label` is the number as printed and is matched as text: numbering may restart under each
    parent.
    """

    level: int = Field(ge=1, le=9)
    label: Name
    title: Text | None = None  # the heading; for an item without one, the first sentence stands for it
    title_en: Text | None = None  # optional, unofficial English title
    text: Text | None = None
    cells: dict[Name, Text] = {}  # an annex row: column (as in `columns`) -> the cell as printed
    duty: Duty | None = None
    notes: list[Text] = []

    check_no_stray_space = field_validator("title", "text")(clean_text)

    @model_validator(mode="after")
    def _has_words(self) -> Node:
        if self.title is None and self.text is None:
            raise ValueError(_("节点须有 title 或 text。"))
        return self


def _check_levels(nodes: list[Node]) -> None:
    previous = 0
    for i, node in enumerate(nodes):
        if node.level > previous + 1:
            raise ValueError(_("第 {n} 个节点（{label}）的 level 是 {level}，但前一个节点的 level 是 {previous}："
                               "层级只能逐级加深。").format(n=i + 1, label=node.label, level=node.level,
                                                            previous=previous))
        previous = node.level


class MeasuresFile(_Strict):
    """The document: its facts and its tree, as `nodes` or in the two-level shorthand (sections + measures)."""

    document: DocumentInfo
    levels: list[Name] = []  # what the document calls each level, top first (部分, 措施, 项); optional
    columns: list[Name] = []  # when the document itself is a table: its columns as printed
    nodes: list[Node] = []
    sections: list[Section] = []
    measures: list[Measure] = []

    @model_validator(mode="after")
    def _one_shape(self) -> MeasuresFile:
        if self.nodes and (self.sections or self.measures):
            raise ValueError(_("nodes 与 sections/measures 是同一文件的两种写法：只用其中一种。"))
        if not self.nodes and not (self.sections and self.measures):
            raise ValueError(_("文件须有 nodes（任意层级的条目），或同时有 sections 与 measures（两级的简写）。"))
        if self.nodes:
            _check_levels(self.nodes)
        return self

    @field_validator("sections", "measures")
    @classmethod
    def _contiguous(cls, items: list, info) -> list:
        require_contiguous_ids(items, N_("部分") if info.field_name == "sections" else N_("措施"))
        if info.field_name == "measures":
            require_unique([m.label for m in items], N_("措施序号"))
        return items


class Task(_Duty):
    id: int = Field(ge=1)
    title: Text
    title_en: Text | None = None  # optional, unofficial English title: shown in English output
    content: Text
    measures: list[int] = []
    measures_basis: Text | None = None

    check_no_stray_space = field_validator("title", "content")(clean_text)


class TasksFile(_Strict):
    """The annex table (optional file): `nodes` with its own `columns`, or the shorthand `tasks`."""

    title: Text | None = None  # 主要任务责任分工表
    columns: list[Name] = []
    nodes: list[Node] = []
    tasks: list[Task] = []

    @model_validator(mode="after")
    def _one_shape(self) -> TasksFile:
        if self.nodes and self.tasks:
            raise ValueError(_("nodes 与 tasks 是同一文件的两种写法：只用其中一种。"))
        if self.nodes:
            _check_levels(self.nodes)
        return self

    @field_validator("tasks")
    @classmethod
    def _contiguous(cls, tasks: list[Task]) -> list[Task]:
        require_contiguous_ids(tasks, N_("任务"))
        return tasks
