"""The policy document as an indexed, read-only catalog over the compiled (plain) data.

No pydantic, no YAML: a catalog is built from `loader.load_compiled`, which serves a validated cache.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from ipmeasures import i18n
from ipmeasures.errors import AmbiguousNameError, UnknownNameError
from ipmeasures.i18n import _, join_names
from ipmeasures.policy.duties import Duty, Milestone, Resolved, role_of
from ipmeasures.policy.names import build_name_index, canon, jurisdiction, pinyin_key
from ipmeasures.policy.numbering import parse_number

if TYPE_CHECKING:
    from ipmeasures.policy.records import (
        DocumentRecord,
        DutyRecord,
        GroupRecord,
        MeasureRecord,
        MilestoneRecord,
        NodeRecord,
        SectionRecord,
        TaskRecord,
        UnitRecord,
    )


def _milestone(deadline: MilestoneRecord) -> Milestone:
    parse = dt.date.fromisoformat
    start, end = deadline.get("start"), deadline.get("end")
    return Milestone(what=deadline.get("what"), text=deadline.get("text"),
                     start=parse(start) if start else None, end=parse(end) if end else None,
                     due=deadline.get("due"), precision=deadline.get("precision"),
                     ongoing=bool(deadline.get("ongoing")))


class Catalog:
    """Indexes over the compiled data; every lookup the commands and rules need."""

    def __init__(self, compiled: dict) -> None:
        self.data = compiled
        self.document: DocumentRecord = compiled["document"]
        self.sections: list[SectionRecord] = compiled["sections"]
        self.measures: list[MeasureRecord] = compiled["measures"]
        self.tasks: list[TaskRecord] = compiled["tasks"]
        self.units: list[UnitRecord] = compiled["units_file"]["units"]
        self.groups: list[GroupRecord] = compiled["units_file"]["groups"]
        self.city, self.prefix = jurisdiction(compiled)  # 惠州市 and 市; 四川省 and 省; "" for national bodies
        self.nodes: list[NodeRecord] = compiled.get("nodes", [])
        self.duty_list: list[DutyRecord] = compiled.get("duties", [])
        self.duty_by_key: dict[tuple[str, int], DutyRecord] = {(d["kind"], d["id"]): d for d in self.duty_list}
        self.items: list[DutyRecord] = [d for d in self.duty_list if d["kind"] == "item"]
        self.item_by_id: dict[int, DutyRecord] = {d["id"]: d for d in self.items}
        # A group's members: the units it lists, then the registry units whose `groups` name it.
        self._members: dict[str, list[str]] = {}
        for group in self.groups:
            members = list(group.get("members", []))
            members += [u["name"] for u in self.units
                        if any(m["group"] == group["name"] for m in u["groups"]) and u["name"] not in members]
            self._members[group["name"]] = members
        self._unit_groups: dict[str, list[str]] = {u["name"]: [] for u in self.units}
        for group_name, members in self._members.items():
            for member in members:
                self._unit_groups[member].append(group_name)
        self.unit_by_name: dict[str, UnitRecord] = {u["name"]: u for u in self.units}
        self._unit_of: dict[str, str] = {}  # resolve_unit's answers, text as written -> unit
        self.group_by_name: dict[str, GroupRecord] = {g["name"]: g for g in self.groups}
        self.measure_by_id: dict[int, MeasureRecord] = {m["id"]: m for m in self.measures}
        self.task_by_id: dict[int, TaskRecord] = {t["id"]: t for t in self.tasks}
        self.section_by_id: dict[int, SectionRecord] = {s["id"]: s for s in self.sections}
        self.measure_ids = frozenset(self.measure_by_id)
        self.task_ids = frozenset(self.task_by_id)
        # The name indexes are built once, when the data is compiled (loader.compile_data stores them in
        # the cache), not on every run; data compiled without them is indexed here.
        # Their Resolved objects are made when a lookup needs more than one exact hit: a query resolves one name.
        self._index: dict = compiled.get("index") or build_name_index(compiled)
        self._resolved: dict[str, Resolved] | None = None
        self._pinyin_targets: dict[str, list[Resolved]] | None = None
        self._duties: dict[str, list[Duty]] = {}
        self._refs: dict[str, tuple[str, int] | None] | None = None
        self._folded: dict[str, Resolved] | None = None
        self._shared: dict[str, list[str]] = {}

    # --- names ---------------------------------------------------------------------------------

    @property
    def _names(self) -> dict[str, Resolved]:
        """Every name key (normalised short, full, sign, alias, English) -> the unit or group it names."""
        if self._resolved is None:
            self._resolved = {key: Resolved(kind=kind, name=name) for key, (kind, name) in self._index["names"].items()}
        return self._resolved

    @property
    def _pinyin(self) -> dict[str, list[Resolved]]:
        """Pinyin keys (units.yaml `pinyin`, optional), consulted only for ASCII queries, so they never change
        how a Chinese name resolves. Initials may be shared: one key can name several targets."""
        if self._pinyin_targets is None:
            self._pinyin_targets = {key: [Resolved(kind=kind, name=name) for kind, name in targets]
                                    for key, targets in self._index["pinyin"].items()}
        return self._pinyin_targets

    def canon(self, name: str) -> str:
        """`name` normalised for lookup (see canon), with this data's jurisdiction."""
        return canon(name, self.city, self.prefix)

    def resolve(self, text: str) -> Resolved:
        """A unit or group from any name: short, full, sign, alias, English, pinyin, or a unique fragment.

        An ASCII query is also read as pinyin: an exact key (gaj), else the keys it begins (gonga), else,
        together with the other names, the keys it occurs in. A query in traditional characters or variant
        forms is matched in simplified ones (the names themselves are never converted).
        """
        query = self.canon(text)
        if not query:
            from ipmeasures.helpwords import example_unit

            raise UnknownNameError(_("单位名称为空。请给出单位名称，例如：{unit}。").format(unit=example_unit(self.data)), [])
        exact = self._index["names"].get(query)
        if exact is not None:
            return Resolved(kind=exact[0], name=exact[1])
        names = self._names
        if not query.isascii():
            from ipmeasures.policy.hanzi import to_simplified

            query = self.canon(to_simplified(text))  # 重慶海關 -> 重庆海关: for matching only
            # The table folds some simplified characters too (乾 -> 干, as in 乾燥): the names are folded the
            # same way for the comparison, so 乾縣政府 still finds 乾县政府.
            names = self._folded_names()
            if query in names:
                return names[query]
        base = query.split("(", 1)[0] if query.endswith(")") else query  # 市委宣传部(市版权局) -> 市委宣传部
        if base != query and base in names:
            return names[base]
        pinyin = pinyin_key(query)
        matches = self._pinyin_matches(pinyin)
        if not matches:
            matches = {target for key, target in names.items() if query in key}
            if pinyin:
                matches.update(t for key, targets in self._pinyin.items() if pinyin in key for t in targets)
        if len(matches) == 1:
            return matches.pop()
        if matches:
            candidates = sorted(m.name for m in matches)
            raise AmbiguousNameError(
                _("“{text}”可指多个单位：{names}。请写出完整名称。").format(text=text, names=join_names(candidates)),
                candidates)
        suggestions = self.suggest(text)
        message = _("未找到单位“{text}”。").format(text=text)
        if suggestions:
            message += _("是否指：{names}？").format(names=join_names(map(self.display_name, suggestions)))
        message += _("用 ipm units 查看全部单位。")
        raise UnknownNameError(message, suggestions)

    def _folded_names(self) -> dict[str, Resolved]:
        """The name index with each key folded by the traditional-to-simplified table, built on first use."""
        if self._folded is None:
            from ipmeasures.policy.hanzi import to_simplified

            self._folded = dict(self._names)
            for key, target in self._names.items():
                self._folded.setdefault(self.canon(to_simplified(key)), target)
        return self._folded

    def display_name(self, name: str) -> str:
        """A unit or group name as the interface language shows it: in English its English name where the data
        has one; otherwise (and always in Chinese) the name itself."""
        if i18n.language != "en":
            return name
        entry: UnitRecord | GroupRecord | None = self.unit_by_name.get(name) or self.group_by_name.get(name)
        return (entry["english"] if entry else None) or name

    def resolve_unit(self, text: str) -> str:
        """The canonical short name of a unit; a group name is refused (a report is filed by one unit)."""
        found = self._unit_of.get(text)  # every report names its unit: a run resolves the same few texts
        if found is not None:
            return found
        resolved = self.resolve(text)
        if resolved.kind != "unit":
            members = self.group_members(resolved.name)
            if members:
                message = _("“{text}”是单位组，不是单个单位；请填写具体单位。其成员：{names}。").format(
                    text=text, names=join_names(map(self.display_name, members)))
            else:
                message = _("“{text}”是单位组，不是单个单位；请填写具体单位。数据中没有列出它的成员。").format(text=text)
            raise UnknownNameError(message, members)
        if len(self._unit_of) < 4096:
            self._unit_of[text] = resolved.name
        return resolved.name

    def _pinyin_matches(self, key: str) -> set[Resolved]:
        """The targets of an exact pinyin key, else of the keys that begin with it; empty for ""."""
        if not key:
            return set()
        if key in self._pinyin:
            return set(self._pinyin[key])
        return {t for k, targets in self._pinyin.items() if k.startswith(key) for t in targets}

    def suggest(self, text: str, n: int = 3) -> list[str]:
        """The closest unit names to a name that resolves to nothing; none when nothing is close.

        Chinese names share most of their characters (市…局, 市委…部), so a plain similarity ratio ranks every
        市X局 close to any 市Y局. A Chinese query is scored by the characters it shares with a name, each
        weighted by how rare it is among all names (a 市 or 局 counts for little, a 监 or 药 for much); a name
        that shares only common characters is no suggestion. An ASCII query (pinyin, English) keeps
        difflib's ratio.
        """
        import difflib

        query = self.canon(text)
        pool = {key: target.name for key, target in self._names.items()}
        if pinyin_key(query) or query.isascii():
            if pinyin_key(query):
                pool.update((key, targets[0].name) for key, targets in self._pinyin.items() if key not in pool)
            keys = difflib.get_close_matches(query, list(pool), n=n * 3, cutoff=0.4)
        else:
            keys = self._rare_character_matches(query, pool)
        names: list[str] = []
        for key in keys:
            name = pool[key]
            if name not in names:
                names.append(name)
        return names[:n]

    def _rare_character_matches(self, query: str, pool: dict[str, str]) -> list[str]:
        """Keys of `pool` ranked by the rarity-weighted share of `query`'s characters they contain."""
        import difflib
        import math

        keys = [key for key in pool if not key.isascii()]
        if not keys or not query:
            return []
        counts: dict[str, int] = {}
        for key in keys:
            for ch in set(key):
                counts[ch] = counts.get(ch, 0) + 1
        def weight(ch: str) -> float:  # inverse document frequency; a character in no name weighs most
            return math.log((len(keys) + 1) / (counts.get(ch, 0) + 1))
        common = math.log((len(keys) + 1) / (len(keys) / 4 + 1))  # in a quarter of all names or more
        wanted = set(query)
        total = sum(weight(ch) for ch in wanted) or 1.0
        scored = []
        for key in keys:
            shared = wanted & set(key)
            if not any(weight(ch) > common for ch in shared):
                continue
            share = sum(weight(ch) for ch in shared) / total
            ratio = difflib.SequenceMatcher(None, query, key).ratio()  # order and length count too
            score = share * (0.5 + 0.5 * ratio)
            if share >= 0.3:
                scored.append((-score, len(key), key))
        if not scored:
            return []
        best = -min(scored)[0]
        return [key for score, *_rank, key in sorted(scored) if -score >= best * 0.6]

    def unit_names(self) -> list[str]:
        return [u["name"] for u in self.units]

    def pinyin_keys(self) -> dict[str, list[Resolved]]:
        """Pinyin key -> the units and groups it names; empty when the data has no pinyin."""
        return self._pinyin

    def group_members(self, group: str) -> list[str]:
        """The registry units that make up a group: those it lists, then those whose `groups` name it."""
        return self._members.get(group, [])

    def unit_groups(self, unit: str) -> list[str]:
        """The groups a unit belongs to: those its `groups` name, then those that list it as a member."""
        own = [m["group"] for m in self.unit_by_name[unit]["groups"]] if unit in self.unit_by_name else []
        return own + [g for g in self._unit_groups.get(unit, ()) if g not in own]

    # --- duties --------------------------------------------------------------------------------

    def duties(self, unit: str) -> list[Duty]:
        """Every duty of a unit: explicit ones (named, or coordinator) first, then those via its groups."""
        if unit not in self._duties:
            self._duties[unit] = self._compute_duties(unit)
        return self._duties[unit]

    def _compute_duties(self, unit: str) -> list[Duty]:
        groups = self.unit_groups(unit)
        explicit: list[Duty] = []
        via_group: list[Duty] = []
        for item in self.duty_list:
            entry = next((a for a in item["assignees"] if a["type"] == "unit" and a["name"] == unit), None)
            if entry is not None:
                explicit.append(self._duty(item, unit, role_of(entry, item["division"]), None, entry.get("words")))
                continue
            via = next((a for a in item["assignees"] if a["type"] == "group" and a["name"] in groups), None)
            if via is not None:
                via_group.append(self._duty(item, unit, role_of(via, item["division"]), via["name"],
                                            via.get("words")))
        return explicit + via_group

    def _duty(self, item: DutyRecord, holder: str, role: str, via: str | None, words: str | None = None) -> Duty:
        """A duty of `holder` (a unit, or a group for group_duties): the others the bracket or row names
        are shared_with (a lead named only in the body text is not)."""
        named = [a for a in item["assignees"] if a["basis"] is None or a["role"] != "lead"]
        # A unit holding the duty through a group does not share it with that group (it is in it): its
        # co-holders are the others named, and the group's other members (the views say so).
        others = ([a["name"] for a in named if a["type"] == "unit" and a["name"] != holder]
                  + [a["name"] for a in named if a["type"] == "group" and a["name"] not in (holder, via)])
        milestones = tuple(_milestone(d) for d in item["deadlines"])
        ends = [m.end for m in milestones if m.end is not None]
        return Duty(kind=item["kind"], id=item["id"], label=item["label"], ref=item["ref"], title=item["title"],
                    title_en=item.get("title_en"), role=role, role_words=words, via=via, section=item.get("section"),
                    shared_with=tuple(others), deadline_end=max(ends) if ends else None, milestones=milestones)

    def group_duties(self, group: str) -> list[Duty]:
        """The duties that name a group."""
        duties = []
        for item in self.duty_list:
            entry = next((a for a in item["assignees"] if a["type"] == "group" and a["name"] == group), None)
            if entry is not None:
                duties.append(self._duty(item, group, role_of(entry, item["division"]), group, entry.get("words")))
        return duties

    def units_with_duties(self) -> list[str]:
        return [name for name in self.unit_names() if self.duties(name)]

    def resolve_ref(self, ref: str) -> tuple[str, int] | None:
        """The duty a clerk's reference names: its own number where unique (十九's (十九), (1)), or its label
        path (二(三)2, 一、(一)1.(1)); written with or without 、 and full stops, in full- or half-width."""
        from ipmeasures.policy.tree import ref_key

        return self._ref_index()[0].get(ref_key(ref))

    def ref_keys(self, kind: str, number: int) -> frozenset[str]:
        """Every way of writing a duty's reference that names it (its own number, its path), in the compared
        form (tree.ref_key): what a finding's `item` is matched against."""
        return frozenset(key for key, target in self._ref_index()[0].items() if target == (kind, number))

    def refs_sharing(self, ref: str) -> list[str]:
        """The references of the duties a reference could name when it names more than one (1 where 一(一)1 and
        二(一)1 are both numbered 1.: write the path); [] when it names one duty or none."""
        from ipmeasures.policy.tree import ref_key

        return self._ref_index()[1].get(ref_key(ref), [])

    def _ref_index(self) -> tuple[dict[str, tuple[str, int] | None], dict[str, list[str]]]:
        """Every duty's reference keys -> the duty (None: two duties), and the keys two duties share -> their
        references; built on first use."""
        from ipmeasures.policy.tree import ref_key

        if self._refs is None:
            refs: dict[str, tuple[str, int] | None] = {}
            owners: dict[str, list[str]] = {}
            by_n = {node["n"]: node for node in self.nodes}
            for duty in self.duty_list:
                node = by_n.get(duty["node"])
                keys = {ref_key(duty["ref"]), ref_key("".join(node["path"] if node else ()))}
                for key in keys:
                    target = (duty["kind"], duty["id"])
                    refs[key] = target if refs.get(key, target) == target else None  # None: two duties
                if node is not None:  # its own number, which other duties may have too
                    owners.setdefault(ref_key(node["label"]), []).append(duty["ref"])
            self._refs = refs
            self._shared = {key: names for key, names in owners.items() if len(names) > 1 and not refs.get(key)}
        return self._refs, self._shared

    @property
    def item_ids(self) -> frozenset[int]:
        return frozenset(self.item_by_id)

    def duty_refs(self) -> list[str]:
        """Every duty's reference, in document order (for messages and completion)."""
        return [d["ref"] for d in self.duty_list]

    def role_words(self, kind: str, number: int, unit: str) -> str | None:
        """A lead's words from the body text for whom it leads (会同有关部门), where the document has them."""
        item = self.duty_by_key.get((kind, number))
        return next((a["words"] for a in item["assignees"] if a["name"] == unit), None) if item else None

    def duty_item(self, kind: str, number: int) -> DutyRecord:
        """The compiled duty (see policy_tree) of a measure, task or item."""
        return self.duty_by_key[(kind, number)]

    def responsible_units(self, kind: str, number: int) -> list[tuple[str, str, str | None]]:
        """(unit, role, via) for everyone who carries a duty: leads first, then the others as named,
        then the members of the groups named."""
        item = self.duty_by_key[(kind, number)]
        rows: list[tuple[str, str, str | None]] = []
        named = set()
        ordered = sorted(item["assignees"], key=lambda a: a["role"] != "lead")  # stable: leads first
        for entry in ordered:
            if entry["type"] == "unit" and entry["name"] not in named:
                rows.append((entry["name"], role_of(entry, item["division"]), None))
                named.add(entry["name"])
        for entry in ordered:
            if entry["type"] != "group":
                continue
            for unit in self.group_members(entry["name"]):
                if unit not in named:
                    rows.append((unit, role_of(entry, item["division"]), entry["name"]))
                    named.add(unit)
        return rows

    # --- measures and tasks --------------------------------------------------------------------

    def parse_measure_ref(self, value: object) -> int | None:
        return parse_number(value)

    def measure(self, value: object) -> MeasureRecord:
        """A measure by 7, "七" or "(七)"; UnknownNameError (exit 2) when there is none."""
        number = parse_number(value)
        if number not in self.measure_by_id:
            raise UnknownNameError(_("没有第 {value} 条措施；措施编号为 1–{n}（或 一、(一) 等）。").format(
                value=value, n=len(self.measures)))
        return self.measure_by_id[number]

    def task(self, value: object) -> TaskRecord:
        """A task by 3, "三" or "T3" (as ipm matrix labels the tasks); UnknownNameError (exit 2) when there is none."""
        if isinstance(value, str) and value.strip()[:1] in ("T", "t"):
            value = value.strip()[1:]
        number = parse_number(value)
        if not self.task_by_id:
            raise UnknownNameError(_("本文件没有附件任务表：用 ipm measures 查看全部条目。"))
        if number not in self.task_by_id:
            raise UnknownNameError(_("没有第 {value} 项主要任务；任务编号为 1–{n}。").format(
                value=value, n=len(self.tasks)))
        return self.task_by_id[number]

    def measure_title(self, number: int) -> str:
        return self.measure_by_id[number]["title"]

    def task_title(self, number: int) -> str:
        return self.task_by_id[number]["title"]

    def tasks_for_measure(self, number: int) -> list[int]:
        return [t["id"] for t in self.tasks if number in t["measures"]]


def load_catalog(data_dir: str | None = None) -> Catalog:
    """The catalog of the shipped data, or of DATA_DIR (same format)."""
    from ipmeasures.policy.loader import load_compiled_as

    return load_compiled_as(data_dir, Catalog)  # a cache Catalog cannot read is rebuilt
