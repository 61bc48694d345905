"""Queries by unit: who owns what, the units and their duties, the responsibility matrix; and the display
names every query view uses (`lookups` holds the queries by number or phrase).

Views speak the current language (`ipmeasures.i18n.language`): in English, titles and unit and group names
are the data's English ones where it has them (`display_*`). The JSON document (`View.data`) is the same
in every language: identifiers stay the canonical Chinese names, and `title_en` sits beside `title`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from ipmeasures import i18n
from ipmeasures.i18n import N_, _, join_names
from ipmeasures.labels import display_title as labels_title
from ipmeasures.labels import kind_label, milestones_text, role_label, unit_kind_label
from ipmeasures.policy.catalog import Catalog
from ipmeasures.policy.duties import Duty, Resolved
from ipmeasures.views.base import Column, Table, View

MATRIX_MARKS = {"sole": "●", "coordinator": "★", "joint": "◐", "via": "○", "lead": "▲", "separately": "◑",
                "support": "△"}
VIA_LEGEND = N_("经单位组承担")  # the matrix's mark for a duty a unit carries through its group; roles: labels.role_label
_ALWAYS_IN_LEGEND = ("sole", "coordinator", "joint", "via")


# --- display: names and titles in the current language ----------------------------------------------

def _english() -> bool:
    return i18n.language == "en"


def display_name(catalog: Catalog, name: str) -> str:
    """A unit or group name as the current language shows it (Catalog.display_name)."""
    return catalog.display_name(name)


def in_interface_language(note: str) -> bool:
    """Whether a note written in the data is in the interface language. The data's notes are written in English
    or Chinese, quoting the document in Chinese: a note is English when, outside its “quotations”, it has more
    Latin letters than Chinese characters. A note is shown only in its own language (issue #17)."""
    import re

    bare = re.sub(r"“[^”]*”|\"[^\"]*\"|（[^）]*）|\([^)]*\)", "", note)
    letters = sum(ch.isascii() and ch.isalpha() for ch in bare)
    chinese = sum(ord(ch) >= 0x2E80 for ch in bare)
    return (letters > chinese) == _english()


def display_names(catalog: Catalog, names: list[str]) -> list[str]:
    return [display_name(catalog, name) for name in names]


def display_title(item: Mapping[str, Any]) -> str:
    """A section's, measure's or task's title: in English its (unofficial) `title_en` where there is one."""
    return labels_title(item["title"], item.get("title_en"))


def display_label(item: Mapping[str, Any]) -> str:
    """A section's or measure's number as the language writes it: (十九) in Chinese, 19 in English."""
    return str(item["id"]) if _english() else item.get("label", str(item["id"]))


def section_heading(section: Mapping[str, Any]) -> str:
    # Translators: a section of the document: its number, then its title (一、总体要求).
    return _("{label}、{title}").format(label=display_label(section), title=display_title(section))


def measure_heading(measure: Mapping[str, Any]) -> str:
    # Translators: a measure: its number, then its title ((十九)加强组织领导).
    return _("{label}{title}").format(label=display_label(measure), title=display_title(measure))


def unofficial_notes(items: Sequence[Mapping[str, Any]]) -> list[str]:
    """In English, when any English title is shown: the note that says they are unofficial."""
    if _english() and any(item.get("title_en") for item in items):
        return [_("英文标题为非官方译文，仅供参考；以中文原文为准。")]
    return []


def _duty_item(catalog: Catalog, duty: Duty) -> Mapping[str, Any]:
    if duty.kind == "measure":
        return catalog.measure_by_id[duty.id]
    if duty.kind == "task":
        return catalog.task_by_id[duty.id]
    return catalog.duty_item(duty.kind, duty.id)


def _duty_record(catalog: Catalog, duty: Duty) -> dict:
    record = {"id": duty.id, "label": duty.label, "title": duty.title,
              "title_en": _duty_item(catalog, duty).get("title_en"), "role": duty.role, "via": duty.via,
              "shared_with": list(duty.shared_with)}
    if duty.kind == "measure":
        record["section"] = duty.section
    if duty.deadline_end is not None:
        record["deadline"] = duty.deadline_end.isoformat()
    record["ref"] = duty.ref
    record["milestones"] = [m.to_record() for m in duty.milestones]
    return record


def _duty_columns(catalog: Catalog | None = None) -> list[Column]:
    if catalog is not None and catalog.items:  # a tree of any depth: where the item sits, and its deadlines
        return [Column("kind", _("类别")), Column("number", _("编号")), Column("title", _("名称"), min_width=18),
                Column("role", _("职责方式")), Column("via", _("途径")),
                Column("shared_with", _("共同责任单位"), min_width=16), Column("section", _("上级")),
                Column("deadlines", _("时限"), min_width=12)]
    return [Column("kind", _("类别")), Column("number", _("编号")), Column("title", _("名称"), min_width=18),
            Column("role", _("职责方式")), Column("via", _("途径")), Column("shared_with", _("共同责任单位"), min_width=16),
            Column("section", _("部分"))]


def _parent_path(catalog: Catalog, duty: Duty) -> str:
    """Where an item sits: its ancestors' labels as printed (一、(一)1.)."""
    node = catalog.nodes[catalog.duty_item(duty.kind, duty.id)["node"] - 1]
    return "".join(node["path"][:-1])


def _duty_row(catalog: Catalog, duty: Duty, group_view: bool = False) -> dict:
    section = catalog.section_by_id.get(duty.section) if duty.section else None
    item = _duty_item(catalog, duty)
    if duty.kind == "item":
        return {"kind": kind_label(duty.kind), "number": duty.ref, "title": display_title(item),
                "role": role_label(duty.role, duty.role_words),
                "via": display_name(catalog, duty.via) if duty.via else _("点名"),
                "shared_with": _shared_with(catalog, duty, group_view),
                "section": _parent_path(catalog, duty), "deadlines": milestones_text(duty.milestones)}
    return {
        "kind": kind_label(duty.kind),
        "number": display_label(item) if duty.kind == "measure" else duty.ref if duty.kind == "item" else str(duty.id),
        "title": display_title(item),
        "role": role_label(duty.role, duty.role_words),
        "via": display_name(catalog, duty.via) if duty.via else _("点名"),
        "shared_with": _shared_with(catalog, duty, group_view),
        "section": display_label(section) if section else "",
    }


def _shared_with(catalog: Catalog, duty: Duty, group_view: bool) -> list[str]:
    """Who else holds a unit's duty; through a group, the group's other members first, never the group itself
    (the unit is in it). `group_view`: the duty is a group's own (group_duties), shared as the data says."""
    names = display_names(catalog, list(duty.shared_with))
    if duty.via is None or group_view:
        return names
    return [_("{group}的其他成员").format(group=display_name(catalog, duty.via)), *names]


def owner(catalog: Catalog, name: str) -> View:
    """Every duty of a unit (or, for a group name, the group's members and duties)."""
    resolved = catalog.resolve(name)
    if resolved.kind == "group":
        return _group_owner(catalog, resolved)
    unit = catalog.unit_by_name[resolved.name]
    duties = catalog.duties(unit["name"])
    named = [d for d in duties if d.via is None]
    via = [d for d in duties if d.via is not None]
    groups = catalog.unit_groups(unit["name"])
    data = {
        "unit": unit["name"], "full_name": unit.get("full_name"), "english": unit.get("english"),
        "kind": unit.get("kind"), "signs": unit["signs"],
        "groups": groups,
        "measures": [_duty_record(catalog, d) for d in duties if d.kind == "measure"],
        "tasks": [_duty_record(catalog, d) for d in duties if d.kind == "task"],
    }
    if catalog.items:
        data["items"] = [_duty_record(catalog, d) for d in duties if d.kind == "item"]
    facts = [(label, value) for label, value in ((_("全称"), unit.get("full_name")), (_("英文名"), unit.get("english")),
                                                 (_("类别"), unit_kind_label(unit.get("kind")))) if value]
    if unit["signs"]:
        facts.append((_("加挂牌子"), join_names(unit["signs"])))
    if groups:
        facts.append((_("所属单位组"), join_names(display_name(catalog, g) for g in groups)))
    count = lambda ds, kind: sum(1 for d in ds if d.kind == kind)
    if catalog.items:
        facts.append((_("职责"), _("点名事项 {m} 项；经单位组承担事项 {gm} 项").format(
            m=count(named, "item"), gm=count(via, "item"))))
    else:
        facts.append((_("职责"), _("点名措施 {m} 条、任务 {t} 项；经单位组承担措施 {gm} 条、任务 {gt} 项").format(
            m=count(named, "measure"), t=count(named, "task"), gm=count(via, "measure"), gt=count(via, "task"))))
    columns = _duty_columns(catalog)
    tables = [Table(columns, [_duty_row(catalog, d) for d in named], _("点名承担的职责"), terminal_hides=("via",))]
    if via:
        tables.append(Table(columns, [_duty_row(catalog, d) for d in via], _("作为单位组成员承担的职责")))
    # Translators: a unit: its name, then its official Chinese full name in brackets.
    title = (_("{name}（{full_name}）").format(name=display_name(catalog, unit["name"]), full_name=unit["full_name"])
             if unit.get("full_name") else display_name(catalog, unit["name"]))
    return View(title=title, data=data, facts=facts, tables=tables, notes=unofficial_notes(
        [_duty_item(catalog, d) for d in duties]))


def _group_owner(catalog: Catalog, resolved: Resolved) -> View:
    group = catalog.group_by_name[resolved.name]
    members = catalog.group_members(group["name"])
    duties = catalog.group_duties(group["name"])
    data = {
        "group": group["name"], "description": group.get("description"), "members": members,
        "measures": [_duty_record(catalog, d) for d in duties if d.kind == "measure"],
        "tasks": [_duty_record(catalog, d) for d in duties if d.kind == "task"],
    }
    if catalog.items:
        data["items"] = [_duty_record(catalog, d) for d in duties if d.kind == "item"]
    facts = [(_("说明"), group.get("description") or ""),
             (_("成员"), join_names(display_names(catalog, members)) if members
              else _("不在单位名录内（见说明）"))]
    columns = [c for c in _duty_columns(catalog) if c.key != "via"]
    rows = [_duty_row(catalog, d, group_view=True) for d in duties]
    return View(title=_("单位组：{name}").format(name=display_name(catalog, group["name"])), data=data, facts=facts,
                tables=[Table(columns, rows, _("该单位组承担的职责"))],
                notes=unofficial_notes([_duty_item(catalog, d) for d in duties]))


def units(catalog: Catalog, sort: str = "name") -> View:
    """Every unit with its kind and how many measures and tasks it carries."""
    records: list[dict[str, Any]] = []
    for unit in catalog.units:
        duties = catalog.duties(unit["name"])
        records.append({
            "unit": unit["name"], "full_name": unit.get("full_name"), "english": unit.get("english"),
            "kind": unit.get("kind"), "signs": unit["signs"], "groups": catalog.unit_groups(unit["name"]),
            "measures": sum(1 for d in duties if d.kind == "measure" and d.via is None),
            "tasks": sum(1 for d in duties if d.kind == "task" and d.via is None),
            "measures_via_groups": sum(1 for d in duties if d.kind == "measure" and d.via),
            "tasks_via_groups": sum(1 for d in duties if d.kind == "task" and d.via),
            **({"items": sum(1 for d in duties if d.kind == "item" and d.via is None),
                "items_via_groups": sum(1 for d in duties if d.kind == "item" and d.via)} if catalog.items else {}),
        })
    if sort == "load":
        records.sort(key=lambda r: (-(r["measures"] + r["tasks"] + r.get("items", 0)),
                                    -(r["measures_via_groups"] + r["tasks_via_groups"] + r.get("items_via_groups", 0))))
    if catalog.items:
        counts = [Column("items", _("点名事项")), Column("via", _("经单位组"))]
    else:
        counts = [Column("measures", _("点名措施")), Column("tasks", _("点名任务")),
                  Column("via", _("经单位组(措施/任务)"))]
    columns = [Column("unit", _("单位")), Column("full_name", _("全称")), Column("kind", _("类别")), *counts,
               Column("groups", _("所属单位组"))]
    rows = [{**r, "unit": display_name(catalog, r["unit"]), "kind": unit_kind_label(r["kind"]),
             "full_name": r["full_name"] or "", "groups": display_names(catalog, r["groups"]),
             "via": (str(r["items_via_groups"]) if catalog.items
                     else f"{r['measures_via_groups']}/{r['tasks_via_groups']}")} for r in records]
    return View(title=_("责任单位（共 {n} 个）").format(n=len(records)), data=records,
                tables=[Table(columns, rows)])


def matrix(catalog: Catalog, include_tasks: bool = True) -> View:
    """Units × duties: ● sole, ★ coordinator, ▲ lead, ◐ joint, ◑ separately, △ support, ○ via a group.

    Columns are measures (1, 2 …) and tasks (T1 …) in the shorthand, items by their references otherwise.
    """
    keys = [("measure", m["id"], str(m["id"])) for m in catalog.measures]
    if include_tasks:
        keys += [("task", t["id"], f"T{t['id']}") for t in catalog.tasks]
    keys += [("item", d["id"], d["ref"]) for d in catalog.items]
    columns = [Column("unit", _("单位"), min_width=20)] + [Column(f"{k}{i}", header, min_width=2) for k, i, header in keys]
    shown = {(k, i) for k, i, _header in keys}
    rows, data = [], []
    used: set[str] = set()
    for unit in catalog.unit_names():
        marks = {}
        for duty in catalog.duties(unit):
            if (duty.kind, duty.id) not in shown:
                continue
            used.add("via" if duty.via else duty.role)
            marks[f"{duty.kind}{duty.id}"] = MATRIX_MARKS["via"] if duty.via else MATRIX_MARKS[duty.role]
            data.append({"unit": unit, "kind": duty.kind, "id": duty.id, "role": duty.role, "via": duty.via})
        rows.append({"unit": display_name(catalog, unit), **marks})
    roles = [r for r in MATRIX_MARKS if r in used or (r in _ALWAYS_IN_LEGEND and not catalog.items)]
    marks_text = "  ".join(f"{MATRIX_MARKS[r]} {_(VIA_LEGEND) if r == 'via' else role_label(r)}" for r in roles)
    if catalog.measures:
        legend = _("{marks}；1–{m} 为措施（{first}）至（{last}），T1–T{n} 为附件主要任务").format(
            marks=marks_text, m=len(catalog.measures), first=display_label(catalog.measures[0]).strip("()"),
            last=display_label(catalog.measures[-1]).strip("()"), n=len(catalog.tasks))
    else:
        legend = _("{marks}；各列为事项编号（ipm owner 单位 可查其标题）").format(marks=marks_text)
    return View(title=_("责任矩阵"), data={"legend": {MATRIX_MARKS[r]: r for r in roles}, "cells": data},
                tables=[Table(columns, rows, compact=True)], notes=[legend])
