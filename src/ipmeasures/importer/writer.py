"""The extracted structure → a data directory in the general format (docs/data-format.md) that
`ipm validate` accepts, and REVIEW.md listing every place where a person must decide."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass

from ipmeasures.errors import IpmError
from ipmeasures.i18n import _
from ipmeasures.importer.messages import msg
from ipmeasures.importer.model import Deadline, ImportResult, Node, Review
from ipmeasures.importer.registry import Resolution, resolve_names, same_unit_hints

FILES = ("units.yaml", "measures.yaml", "responsibility_table.yaml", "REVIEW.md")


@dataclass
class Written:
    directory: str
    files: list[str]
    review: list[Review]
    drafted: int


def write_data(result: ImportResult, directory: str, *, units_dir: str | None = None, force: bool = False) -> Written:
    """Write units.yaml, measures.yaml (responsibility_table.yaml for an annex) and REVIEW.md."""
    _check_target(directory, force)
    resolution = resolve_names(result, units_dir)
    if not resolution.names:
        raise IpmError(_("{source}：没有读到任何带责任单位的条目，未写入数据：这是一份任务分工文件吗？"
                         "用 ipm import {source} 查看读到的结构。").format(source=result.source))
    review = list(result.review)
    for draft in resolution.drafts.values():
        key = "only_groups" if draft.only_groups else "new_group" if draft.group else "unknown_unit"
        review.append(Review(draft.path, draft.line, msg(key, name=draft.name, full_name=draft.full_name or "—")))
    for a, b in same_unit_hints(resolution.drafts):
        review.append(Review(b.path, b.line, msg("same_unit", a=a.name, b=b.name)))
    for node in _walk(result.root):
        for deadline in node.deadlines:
            if node.assigned and not deadline.ongoing and not deadline.due:
                review.append(Review(node.path, node.line, msg("no_due", text=deadline.text)))
    review.sort(key=lambda r: (r.line or 0))
    main = [n for n in _walk(result.root) if not n.annex]
    annex = [n for n in _walk(result.root) if n.annex]
    if not main:  # a document that is only its table: the table is the document
        main, annex = annex, []
    files = {"units.yaml": _units_yaml(result, resolution),
             "measures.yaml": _measures_yaml(result, main, resolution)}
    if annex:
        files["responsibility_table.yaml"] = _table_yaml(result, annex, resolution)
    files["REVIEW.md"] = _review_md(result, review)
    from ipmeasures.atomic import write_bytes_atomic
    from ipmeasures.destination import check_destination
    from ipmeasures.errors import OutputError, cannot_write_message

    paths = {name: os.path.join(directory, name) for name in files}
    for path in paths.values():  # the one destination rule: never over a link, a pipe or a device (exit 2)
        check_destination(path, "import:data", force=True, to_stdout=False)  # a new directory, or --force
    for name, text in files.items():
        try:
            write_bytes_atomic(paths[name], text.encode("utf-8"), overwrite=True)
        except OSError as exc:  # a failed write names its file (exit 1), as every output's does
            raise OutputError(cannot_write_message(paths[name], exc.strerror or exc)) from None
    return Written(directory, list(files), review, len(resolution.drafts))


def _name(text: str) -> str:
    """A registry name has no whitespace (Latin words in a name run together: 5G应用中心 stays)."""
    return "".join(text.split())


def _check_target(directory: str, force: bool) -> None:
    if os.path.exists(directory) and not os.path.isdir(directory):
        raise IpmError(_("{path} 是一个文件，不是目录：请用 -o 指定一个新目录。").format(path=directory))
    if os.path.isdir(directory) and not force:
        raise IpmError(_("{path} 已存在，未写入：要写入这个目录（覆盖其中的数据文件）请加 --force，或换一个新目录名。").format(
            path=directory))


def _walk(node: Node):
    for child in node.children:
        yield child
        yield from _walk(child)


def _dump(data: dict, header: str) -> str:
    import yaml

    body = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=110, default_flow_style=False)
    return header + body


def _units_yaml(result: ImportResult, resolution: Resolution) -> str:
    data: dict = dict(resolution.base) if resolution.base else {}
    if resolution.jurisdiction and not data.get("jurisdiction") and not data.get("city"):
        data = {"jurisdiction": resolution.jurisdiction, **data}
    groups = list(data.get("groups") or [])
    units = list(data.get("units") or [])
    # a name may stand for one unit only: a sign two drafts share stays with the first (REVIEW.md says
    # they may be one unit)
    taken = {_name(str(n)) for u in units for n in [u.get("name"), *(u.get("signs") or []),
                                                     *(u.get("aliases") or [])] if n}
    taken |= {_name(d.name) for d in resolution.drafts.values()}
    for draft in resolution.drafts.values():
        note = _("由 ipm import 从 {source} 第 {line} 行新建：请核对。").format(source=os.path.basename(result.source),
                                                                    line=draft.line)
        if draft.group:
            groups.append({"name": _name(draft.name), "members_from_registry": False, "description": note})
        else:
            entry: dict = {"name": _name(draft.name)}
            if draft.full_name:
                entry["full_name"] = draft.full_name
            signs = [_name(s) for s in draft.signs if _name(s) not in taken]
            taken |= set(signs)
            if signs:
                entry["signs"] = signs
            entry["note"] = note
            units.append(entry)
    if groups:
        data["groups"] = groups
    data["units"] = units
    header = _("# 单位名册：由 ipm import 生成（{source}）。全称为推测，见 REVIEW.md。格式见 docs/data-format.md。\n").format(
        source=os.path.basename(result.source))
    return _dump(data, header)


def _measures_yaml(result: ImportResult, nodes: list[Node], resolution: Resolution) -> str:
    doc = result.document
    document: dict = {"title": doc.title or os.path.splitext(os.path.basename(result.source))[0]}
    if doc.number:
        document["number"] = doc.number
    if doc.issuers:
        document["issuers"] = list(doc.issuers)
    if doc.issued:
        document["issued"] = dt.date.fromisoformat(doc.issued)
    document["source"] = os.path.basename(result.source)
    data: dict = {"document": document, "nodes": [_node(n, resolution) for n in nodes]}
    header = _("# 由 ipm import 从 {source} 生成。请先读 REVIEW.md。格式见 docs/data-format.md。\n").format(
        source=os.path.basename(result.source))
    return _dump(data, header)


def _table_yaml(result: ImportResult, nodes: list[Node], resolution: Resolution) -> str:
    data = {"nodes": [_node(n, resolution) for n in nodes]}
    header = _("# 附件表格：由 ipm import 从 {source} 生成。格式见 docs/data-format.md。\n").format(
        source=os.path.basename(result.source))
    return _dump(data, header)


def _depth(node: Node) -> int:
    depth, parent = 1, node.parent
    while parent is not None and parent.style != "root":
        depth, parent = depth + 1, parent.parent
    return depth


def _node(node: Node, resolution: Resolution) -> dict:
    entry: dict = {"level": _depth(node), "label": _name(node.printed or node.label)}
    title = node.title.rstrip("…") if node.title else ""
    body = (node.body or node.text).strip()
    if title:
        entry["title"] = title
    elif not body:
        entry["title"] = _("（原文在此中断）")
    if body and body != title:
        entry["text"] = body
    notes = []
    if node.truncated:
        notes.append(_("原文在此中断（收集到的文本不完整），责任单位未录入。"))
    if node.assigned and not node.truncated:
        entry["duty"] = _duty(node, resolution)
    if notes:
        entry["notes"] = notes
    return entry


def _duty(node: Node, resolution: Resolution) -> dict:
    duty: dict = {}
    if node.responsibility:
        duty["responsibility"] = "；".join(r for r in node.responsibility if r)
    assignees = []
    for unit in node.units:
        name, group = resolution.names.get(unit.name, (unit.name, False))
        entry: dict = {"group" if group else "unit": _name(name)}
        if unit.role != "responsible":
            entry["role"] = unit.role
        if _name(name) != unit.name:
            entry["as_written"] = unit.name
        if unit.basis == "body":
            entry["basis"] = _sentence(node, unit.name)
        assignees.append(entry)
    duty["assignees"] = assignees
    if node.division:
        duty["division"] = node.division
    if node.open_ended:
        duty["open_ended"] = True
    deadlines = [_deadline(d) for d in node.deadlines if d.ongoing or d.due]
    if deadlines:
        duty["deadlines"] = deadlines
    return duty


def _sentence(node: Node, name: str) -> str:
    text = node.body or node.text
    start = text.find(name)
    if start < 0:
        return text
    begin = max(text.rfind("。", 0, start), text.rfind("；", 0, start)) + 1
    end = text.find("。", start)
    return text[begin:end + 1 if end >= 0 else len(text)]


def _deadline(deadline: Deadline) -> dict:
    entry: dict = {"text": deadline.text}
    if deadline.ongoing:
        entry["ongoing"] = True
    elif deadline.due:
        due = deadline.due
        precision = deadline.precision or "day"
        if precision == "day":
            entry["due"] = dt.date.fromisoformat(due)
        else:
            entry["due"] = {"year": due[:4], "month": due[:7], "half": due[:7],
                            "quarter": f"{due[:4]}-Q{(int(due[5:7]) + 2) // 3}"}[precision]
    return entry


def _review_md(result: ImportResult, review: list[Review]) -> str:
    source = os.path.basename(result.source)
    lines = [_("# 导入待确认：{source}").format(source=source), "",
             _("ipm import 读出了 {n} 个条目。下列各处需要人来决定：对照原件（行号为 {source} 的行），在 measures.yaml、"
               "units.yaml 中改正，然后运行 ipm --data 本目录 validate。").format(n=len(result.items), source=source), ""]
    if not review:
        lines.append(_("（没有需要确认的地方。）"))
    for entry in review:
        where = " ".join(entry.path) or "—"
        lines.append(_("- [ ] 第 {line} 行，{path}：{message}").format(line=entry.line if entry.line else "—",
                                                                  path=where, message=entry.message))
    return "\n".join(lines) + "\n"
