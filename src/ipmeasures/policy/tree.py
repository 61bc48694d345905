"""The document as one tree of nodes and a list of duties, in the plain form the cache stores.

Both ways of writing a document (docs/data-format.md) compile to the same thing: the general `nodes`
(any depth, duties with assignees and roles) and the two-level shorthand (`sections` + `measures`, the
annex as `tasks`, as the Huizhou data is written). Every consumer reads the compiled form:

- a node: {"n", "tree", "parent", "level", "label", "path", "ref", "title", "title_en", "text", "cells",
  "kind", "id"}; `n` counts all nodes from 1, `tree` is "text" or "annex", `ref` is the reference a clerk
  sees (the node's own number where it is unique in the document, else its label path such as 二(三)2);
- a duty: {"kind", "id", "node", "ref", "label", "title", "title_en", "section", "responsibility",
  "division", "open_ended", "assignees", "deadlines"}; `kind` is "measure" or "task" for the shorthand
  and "item" for general nodes (numbered 1… in document order); an assignee is {"name", "type" ("unit"
  or "group"), "role" ("lead", "responsible", "support"), "basis", "as_written", "words" (a lead's words
  from the body text for whom it leads: 会同有关部门)}; a deadline is a
  milestone {"what", "text", "start", "end", "due", "precision", "ongoing", "basis"} with `end` the last
  day it allows (ISO date) or None when ongoing.

Plain data only (no pydantic objects, dates as ISO text): the result is marshalled into the cache.
"""

from __future__ import annotations

import re

_LABEL_TRIM = "、.．。，, \u3000"
_LABEL_CHARS = str.maketrans({"（": "(", "）": ")", "〔": "(", "〕": ")",
                              **{chr(0xFF10 + d): str(d) for d in range(10)}})


def label_key(label: str) -> str:
    """A label as references write it: 一、 -> 一, （三） -> (三), 2. -> 2 (full-width forms made ASCII)."""
    return "".join(label.split()).translate(_LABEL_CHARS).strip(_LABEL_TRIM)


_REF_DROP = str.maketrans({"（": "(", "）": ")", "〔": "(", "〕": ")", "、": None, "．": None, "。": None,
                           **{chr(0xFF10 + d): str(d) for d in range(10)}})


def ref_key(text: str) -> str:
    """A duty reference as written -> the form references are compared in: 二、（三）2. -> 二(三)2.

    Spaces, 、 and full stops after a number are dropped, full-width brackets and digits made ASCII.
    """
    text = "".join(text.split()).translate(_REF_DROP)
    return re.sub(r"(?<=[0-9一二三四五六七八九十])\.(?![0-9])", "", text)


def first_sentence(text: str, limit: int = 40) -> str:
    """The words before the first 。 (or ；), cut at `limit` characters: the title of an untitled item."""
    for stop in ("。", "；", ";"):
        if stop in text:
            text = text.split(stop, 1)[0]
    return text if len(text) <= limit else text[:limit] + "…"


def milestone(deadline) -> dict:
    """A models.Deadline as a plain milestone."""
    from ipmeasures.policy.dues import parse_due

    parsed = parse_due(deadline.due) if deadline.due is not None else None
    last = deadline.last_day()
    return {
        "what": deadline.what, "text": deadline.text,
        "start": deadline.start.isoformat() if deadline.start else None,
        "end": last.isoformat() if last else None,
        "due": parsed[0] if parsed else (deadline.end.isoformat() if deadline.end else None),
        "precision": parsed[1] if parsed else ("day" if deadline.end else None),
        "ongoing": deadline.ongoing, "basis": deadline.basis,
    }


# How the body text says whom a lead leads: 会同有关部门, 会同市直有关单位. Shown beside 牵头 (its words, not ours).
_LEADS_WHOM = re.compile(r"会同[^，,。；;、]{0,12}?(?:部门|单位|机构)")


def _assignee(name: str, type_: str, role: str, basis: str | None = None, as_written: str | None = None) -> dict:
    words = None
    if role == "lead" and basis:
        match = _LEADS_WHOM.search(basis)
        words = match.group(0) if match else None
    return {"name": name, "type": type_, "role": role, "basis": basis, "as_written": as_written, "words": words}


def _division(given: str | None, assignees: list[dict]) -> str:
    if given:
        return given
    responsible = [a for a in assignees if a["role"] == "responsible"]
    return "sole" if len(responsible) <= 1 else "joint"


def compile_tree(measures_file, tasks_file) -> dict:
    """{"nodes": [...], "duties": [...]} from the validated MeasuresFile and TasksFile."""
    nodes: list[dict] = []
    duties: list[dict] = []
    if measures_file.nodes:
        _general(measures_file.nodes, "text", nodes, duties)
    else:
        _shorthand_text(measures_file, nodes, duties)
    if tasks_file.nodes:
        _general(tasks_file.nodes, "annex", nodes, duties)
    else:
        _shorthand_annex(tasks_file, nodes, duties)
    _assign_refs(nodes)
    by_n = {node["n"]: node for node in nodes}
    for duty in duties:
        duty["ref"] = by_n[duty["node"]]["ref"]
        if duty["kind"] == "item":
            duty["label"] = duty["ref"]
    return {"nodes": nodes, "duties": duties}


def _node(nodes: list[dict], tree: str, parent: int | None, level: int, label: str, title: str,
          title_en: str | None, text: str | None, kind: str, id_: int | None, cells: dict | None = None) -> dict:
    path = (nodes[parent - 1]["path"] if parent else []) + [label]
    node = {"n": len(nodes) + 1, "tree": tree, "parent": parent, "level": level, "label": label, "path": path,
            "ref": "", "title": title, "title_en": title_en, "text": text, "cells": dict(cells or {}),
            "kind": kind, "id": id_}
    nodes.append(node)
    return node


def _general(items, tree: str, nodes: list[dict], duties: list[dict]) -> None:
    stack: list[dict] = []  # the open ancestors, one per level
    for item in items:
        while stack and stack[-1]["level"] >= item.level:
            stack.pop()
        title = item.title or first_sentence(item.text or "")
        node = _node(nodes, tree, stack[-1]["n"] if stack else None, item.level, item.label, title,
                     item.title_en, item.text, "node", None, item.cells)
        stack.append(node)
        if item.duty is None:
            continue
        assignees = [_assignee(a.name, "unit" if a.unit else "group", a.role, a.basis, a.as_written)
                     for a in item.duty.assignees]
        number = sum(1 for d in duties if d["kind"] == "item") + 1
        node["kind"], node["id"] = "item", number
        duties.append({
            "kind": "item", "id": number, "node": node["n"], "ref": "", "label": "", "title": title,
            "title_en": item.title_en, "section": None, "responsibility": item.duty.responsibility,
            "division": _division(item.duty.division, assignees), "open_ended": item.duty.open_ended,
            "assignees": assignees, "deadlines": [milestone(d) for d in item.duty.deadlines],
        })


def _shorthand_text(measures_file, nodes: list[dict], duties: list[dict]) -> None:
    section_node = {}
    for section in measures_file.sections:
        # The shorthand's section labels are bare numerals (一); the document prints them 一、.
        node = _node(nodes, "text", None, 1, f"{section.label}、", section.title, section.title_en, section.text,
                     "section", section.id)
        section_node[section.id] = node["n"]
    ordered: list[dict] = []
    for measure in measures_file.measures:
        # Measures follow their section in the tree; node numbers follow the listing order.
        ordered.append(_node(nodes, "text", section_node.get(measure.section), 2, measure.label, measure.title,
                             measure.title_en, measure.text, "measure", measure.id))
        assignees = []
        if measure.coordinator:
            assignees.append(_assignee(measure.coordinator, "unit", "lead", measure.coordinator_basis))
        assignees += [_assignee(u, "unit", "responsible") for u in measure.units if u != measure.coordinator]
        assignees += [_assignee(g, "group", "responsible") for g in measure.groups]
        duties.append({
            "kind": "measure", "id": measure.id, "node": ordered[-1]["n"], "ref": "", "label": measure.label,
            "title": measure.title, "title_en": measure.title_en, "section": measure.section,
            "responsibility": measure.responsibility, "division": measure.mode, "open_ended": False,
            "assignees": assignees, "deadlines": [milestone(d) for d in measure.deadlines],
        })


def _shorthand_annex(tasks_file, nodes: list[dict], duties: list[dict]) -> None:
    for task in tasks_file.tasks:
        node = _node(nodes, "annex", None, 1, str(task.id), task.title, task.title_en, task.content, "task", task.id)
        assignees = ([_assignee(u, "unit", "responsible") for u in task.units]
                     + [_assignee(g, "group", "responsible") for g in task.groups])
        duties.append({
            "kind": "task", "id": task.id, "node": node["n"], "ref": "", "label": str(task.id),
            "title": task.title, "title_en": task.title_en, "section": None, "responsibility": None,
            "division": _division(None, assignees), "open_ended": False, "assignees": assignees,
            "deadlines": [milestone(d) for d in task.deadlines],
        })


def _assign_refs(nodes: list[dict]) -> None:
    """Each node's reference: its own label where no other node has it, else its label path (二(三)2).

    A path the main text also has is prefixed 附件 for an annex node (the annex restarts at 1).
    """
    counts: dict[str, int] = {}
    for node in nodes:
        key = label_key(node["label"])
        counts[key] = counts.get(key, 0) + 1
    text_paths = {"".join(label_key(p) for p in node["path"]) for node in nodes if node["tree"] == "text"}
    for node in nodes:
        own = label_key(node["label"])
        if counts[own] == 1:
            node["ref"] = own
            continue
        path = "".join(label_key(p) for p in node["path"])
        node["ref"] = f"附件{path}" if node["tree"] == "annex" and path in text_paths else path
