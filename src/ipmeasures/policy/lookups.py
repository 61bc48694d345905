"""Queries by number or phrase: one measure, task or item of the document, the lists of them, a search.

Like `queries`, pure functions from the catalog to Views in the current language; the JSON documents
(`View.data`) are the same in every language.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ipmeasures.errors import UnknownNameError, UsageError
from ipmeasures.i18n import _, join_names
from ipmeasures.labels import kind_label, role_label
from ipmeasures.policy.catalog import Catalog
from ipmeasures.policy.duties import role_of
from ipmeasures.policy.queries import (
    display_label,
    display_name,
    display_names,
    display_title,
    in_interface_language,
    measure_heading,
    section_heading,
    unofficial_notes,
)
from ipmeasures.views.base import Column, Table, View

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

    from ipmeasures.policy.records import DeadlineRecord, DutyRecord, MeasureRecord, TaskRecord


def measure_record(catalog: Catalog, measure: MeasureRecord) -> dict[str, Any]:
    """A measure's JSON document: the same in every language."""
    return {
        "id": measure["id"], "label": measure["label"], "title": measure["title"],
        "title_en": measure.get("title_en"), "text": measure["text"],
        "section": measure["section"], "mode": measure["mode"], "units": measure["units"],
        "groups": measure["groups"], "coordinator": measure.get("coordinator"),
        "responsibility": measure["responsibility"],
        "tasks": catalog.tasks_for_measure(measure["id"]),
        "deadlines": measure.get("deadlines", []),
    }


def _assignees_text(catalog: Catalog, duty: DutyRecord) -> str:
    """A duty's assignees with their roles, as the document divides the work: 市行政审批局（牵头）、…"""
    parts = []
    for a in duty["assignees"]:
        role = role_of(a, duty["division"])
        parts.append(_("{unit}（{role}）").format(unit=display_name(catalog, a["name"]),
                                                role=role_label(role, a.get("words"))))
    text = join_names(parts)
    return text + _("等") if duty.get("open_ended") else text


def item_record(catalog: Catalog, duty: DutyRecord) -> dict:
    """An item's JSON document: where it sits, who does it and how, every milestone."""
    node = catalog.nodes[duty["node"] - 1]
    return {"id": duty["id"], "ref": duty["ref"], "path": node["path"], "level": node["level"],
            "title": duty["title"], "title_en": duty.get("title_en"), "text": node["text"], "cells": node["cells"],
            "responsibility": duty["responsibility"], "division": duty["division"], "open_ended": duty["open_ended"],
            "assignees": [{"unit" if a["type"] == "unit" else "group": a["name"], "role": a["role"],
                           "basis": a["basis"]} for a in duty["assignees"]],
            "deadlines": duty["deadlines"]}


def item(catalog: Catalog, value: str) -> View:
    """One item of a document written as a tree, by its reference (二(三)2, (1))."""
    target = catalog.resolve_ref(str(value))
    if target is None and catalog.refs_sharing(str(value)):
        raise UnknownNameError(_("“{ref}”可指多个事项：{refs}。请从上级写起，写成其中一个。").format(
            ref=value, refs=join_names(catalog.refs_sharing(str(value)))))
    if target is None or target[0] != "item":
        refs = catalog.duty_refs()
        raise UnknownNameError(_("没有编号为“{ref}”的事项；本文件的事项有 {refs}。").format(
            ref=value, refs=join_names(refs[:12]) + ("……" if len(refs) > 12 else "")))
    duty = catalog.duty_item(*target)
    node = catalog.nodes[duty["node"] - 1]
    facts = [(_("位置"), "".join(node["path"]))]
    if node["text"]:
        facts.append((_("内容"), node["text"]))
    if duty["responsibility"]:
        facts.append((_("责任表述"), duty["responsibility"]))
    facts.append((_("责任单位"), _assignees_text(catalog, duty)))
    for a in duty["assignees"]:
        if a["basis"] and in_interface_language(a["basis"]):
            facts.append((_("依据"), _("{unit}：{basis}").format(unit=display_name(catalog, a["name"]), basis=a["basis"])))
    for deadline in duty["deadlines"]:
        text = deadline["text"] or deadline["what"] or ""
        facts.append((_("时限"), _("{text}（至 {date}）").format(text=text, date=deadline["end"]) if deadline["end"]
                      else (text or _("持续推进"))))
    return View(title=_("事项 {ref}：{title}").format(ref=duty["ref"], title=display_title(duty)),
                data=item_record(catalog, duty), facts=facts, notes=unofficial_notes([duty]))


def measure(catalog: Catalog, value: str) -> View:
    """One measure in full (an item, for a document written as a tree)."""
    if catalog.items and not catalog.measures:
        return item(catalog, value)
    m = catalog.measure(value)
    section = catalog.section_by_id[m["section"]]
    # text and responsibility are optional in the general model (issue 14): a fact only where the data has it
    facts = [(_("所属部分"), section_heading(section)),
             *((label, value) for label, value in ((_("内容"), m["text"]), (_("责任表述"), m["responsibility"]))
               if value is not None),
             (_("职责方式"), role_label(m["mode"]))]
    if m["units"]:
        facts.append((_("责任单位"), join_names(display_names(catalog, m["units"]))))
    if m["groups"]:
        facts.append((_("责任单位组"), join_names(display_names(catalog, m["groups"]))))
    if lead := m["coordinator"]:
        # Translators: the coordinating unit, then the sentence of the document that makes it so.
        coordinator = _("{unit}（{basis}）").format(unit=display_name(catalog, lead), basis=m["coordinator_basis"])
        facts.append((_("牵头单位"), coordinator))
    for deadline in m.get("deadlines", []):
        facts.append((_("时限"), _deadline_text(deadline)))
    related = catalog.tasks_for_measure(m["id"])
    if related:
        facts.append((_("相关主要任务"), join_names(_task_heading(catalog.task_by_id[t]) for t in related)))
    notes = [note for note in (*m.get("restorations", []), *m.get("notes", [])) if in_interface_language(note)]
    related_items = [m, section] + [catalog.task_by_id[t] for t in related]
    return View(title=measure_heading(m), data=measure_record(catalog, m), facts=facts,
                notes=notes + unofficial_notes(related_items))


def _deadline_text(deadline: DeadlineRecord) -> str:
    # Translators: a time-bound commitment (the document's words), then its start and end dates.
    return _("{what}：{start} — {end}").format(what=deadline["what"], start=deadline["start"], end=deadline["end"])


def _task_heading(task: TaskRecord) -> str:
    # Translators: an annex task: its number, then its title (1.打击侵权知识产权犯罪三年专项行动).
    return _("{n}.{title}").format(n=task["id"], title=display_title(task))


def _items(catalog: Catalog) -> View:
    """Every node of a document written as a tree, by top-level part, with the duties and deadlines."""
    tables: list[Table] = []
    duty_by_node = {d["node"]: d for d in catalog.items}
    columns = [Column("label", _("编号")), Column("title", _("名称"), min_width=16),
               Column("units", _("责任单位"), min_width=16), Column("deadlines", _("时限"))]
    heading: str = ""
    rows: list[dict] = []
    for node in catalog.nodes:
        if node["tree"] == "text" and node["level"] == 1 and node["n"] not in duty_by_node:
            if rows:
                tables.append(Table(columns, rows, heading))
            heading, rows = f"{node['label']}{display_title(node)}", []
            continue
        duty = duty_by_node.get(node["n"])
        indent = "  " * max(0, node["level"] - 2)
        rows.append({"label": indent + (duty["ref"] if duty else node["label"]), "title": display_title(node),
                     "units": _assignees_text(catalog, duty) if duty else "",
                     "deadlines": _("；").join(d["text"] or d["what"] or "" for d in duty["deadlines"]) if duty else ""})
    if rows:
        tables.append(Table(columns, rows, heading or None))
    return View(title=_("{title}：事项 {n} 项").format(title=catalog.document["title"], n=len(catalog.items)),
                data=[item_record(catalog, d) for d in catalog.items], tables=tables,
                notes=unofficial_notes(catalog.items))


def measures(catalog: Catalog) -> View:
    """All measures, by section (every item, for a document written as a tree)."""
    if catalog.items and not catalog.measures:
        return _items(catalog)
    tables = []
    for section in catalog.sections:
        rows = [{"label": display_label(m), "title": display_title(m),
                 "units": display_names(catalog, m["units"] + m["groups"]),
                 "coordinator": display_name(catalog, coordinator) if (coordinator := m["coordinator"]) else ""}
                for m in catalog.measures if m["section"] == section["id"]]
        if rows:
            tables.append(Table([Column("label", _("编号")), Column("title", _("名称")),
                                 Column("units", _("责任单位"), min_width=16), Column("coordinator", _("牵头"))],
                                rows, section_heading(section)))
    data = [measure_record(catalog, m) for m in catalog.measures]
    return View(title=_("{title}：措施 {n} 条").format(title=catalog.document["title"], n=len(data)),
                data=data, tables=tables, notes=unofficial_notes([*catalog.sections, *catalog.measures]))


def task_record(task: TaskRecord) -> dict[str, Any]:
    """A task's JSON document: the same in every language."""
    return {"id": task["id"], "title": task["title"], "title_en": task.get("title_en"),
            "content": task["content"], "units": task["units"],
            "groups": task["groups"], "measures": task["measures"], "measures_basis": task["measures_basis"],
            "deadlines": task.get("deadlines", [])}


def task(catalog: Catalog, value: str) -> View:
    """One annex task in full, with the measures it elaborates."""
    t = catalog.task(value)
    measures = [catalog.measure_by_id[m] for m in t["measures"]]
    facts = [(_("内容"), t["content"]),
             (_("责任单位"), join_names(display_names(catalog, t["units"] + t["groups"]))),
             (_("对应措施"), join_names(measure_heading(m) for m in measures))]
    if (basis := t["measures_basis"]) is not None and in_interface_language(basis):
        facts.append((_("对应依据"), basis))
    for deadline in t.get("deadlines", []):
        facts.append((_("时限"), _deadline_text(deadline)))
    return View(title=_("主要任务 {n}：{title}").format(n=t["id"], title=display_title(t)), data=task_record(t),
                facts=facts, notes=[_("“对应措施”为据文本推导，附件未列明。")] + unofficial_notes([t, *measures]))


def tasks(catalog: Catalog) -> View:
    """The annex table."""
    rows = [{"id": t["id"], "title": display_title(t), "units": display_names(catalog, t["units"] + t["groups"]),
             "measures": [display_label(catalog.measure_by_id[m]) for m in t["measures"]]} for t in catalog.tasks]
    columns = [Column("id", _("序号")), Column("title", _("主要任务"), min_width=10),
               Column("units", _("责任单位"), min_width=16), Column("measures", _("对应措施"))]
    annex = (catalog.data.get("annex") or {}).get("title")  # the document's own name for its table
    title = (_("附件 {title}（共 {n} 项）").format(title=annex, n=len(rows)) if annex
             else _("附件任务（共 {n} 项）").format(n=len(rows)))
    return View(title=title,
                data=[task_record(t) for t in catalog.tasks], tables=[Table(columns, rows)],
                notes=unofficial_notes(catalog.tasks))


def search(catalog: Catalog, phrase: str, context: int = 18) -> View:
    """Where a phrase occurs in measures and tasks, with the passage and the owners of each hit."""
    needle = "".join(phrase.split())
    if not needle:
        raise UsageError(_("要查找的词语为空：请在 ipm search 之后给出词语。"))
    hits: list[dict[str, Any]] = []
    duty_by_node = {d["node"]: d for d in catalog.items}
    tree: list[dict[str, Any]] = []  # a document written as a tree: every node, an item's owners beside it
    for node in catalog.nodes:
        if node["kind"] in ("node", "item"):
            duty = duty_by_node.get(node["n"])
            names = [(a["type"], a["name"]) for a in duty["assignees"]] if duty else []
            tree.append({"id": node["id"], "label": node["ref"], "title": node["title"], "title_en": node["title_en"],
                         "text": node["text"] or "", "responsibility": (duty["responsibility"] if duty else None) or "",
                         "units": [n for t, n in names if t == "unit"], "groups": [n for t, n in names if t == "group"]})
    sources: tuple[tuple[str, Sequence[Mapping[str, Any]], tuple[str, ...]], ...] = (
        ("measure", catalog.measures, ("title", "text", "responsibility")), ("task", catalog.tasks, ("title", "content")),
        ("item", tree, ("title", "text", "responsibility")))
    for kind, items, fields in sources:
        for item in items:
            for field_name in fields:
                text = item.get(field_name) or ""
                start = text.find(needle) if needle else -1
                while start != -1:
                    lo, hi = max(0, start - context), min(len(text), start + len(needle) + context)
                    hits.append({
                        "kind": kind, "id": item["id"], "label": item.get("label", str(item["id"])),
                        "title": item["title"], "title_en": item.get("title_en"), "field": field_name, "offset": start,
                        "passage": ("…" if lo else "") + text[lo:hi] + ("…" if hi < len(text) else ""),
                        "units": item["units"], "groups": item["groups"],
                    })
                    start = text.find(needle, start + len(needle))
    rows = [{"kind": kind_label(h["kind"]), "number": h["label"] if h["kind"] == "item" else display_label(h),
             "title": display_title(h), "passage": h["passage"],
             "owners": display_names(catalog, h["units"] + h["groups"])} for h in hits]
    columns = [Column("kind", _("类别")), Column("number", _("编号")), Column("title", _("名称")),
               Column("passage", _("原文"), min_width=20), Column("owners", _("责任单位"), min_width=12)]
    data = {"query": phrase, "hits": hits}
    notes = unofficial_notes(hits) if hits else [_("没有找到“{phrase}”。可换一个更短的词再试。").format(phrase=phrase)]
    return View(title=_("“{phrase}”出现 {n} 处").format(phrase=phrase, n=len(hits)), data=data,
                tables=[Table(columns, rows)] if hits else [], notes=notes, highlight=needle or None)
