"""`ipm import`: a task-division document's text → its numbered items, units, roles and deadlines.

Reading (bytes, .docx, .pdf, .html → text) lives in `reading`; then `lines` (artifacts, furniture),
`structure` (the node tree, tables), `analyse` (brackets, fields, body leads, table cells → duties,
with `units` and `deadlines`), `document` (title, number, date). `extract()` runs them in that order.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ipmeasures.importer.model import ImportResult, Node, Review

_END = "。；;!?！？)〕]"


def import_file(path: str) -> ImportResult:
    """Read a document file (any supported format) and extract its structure."""
    from ipmeasures.importer.reading import read_source

    return extract(read_source(path), path)


def extract(text: str, source: str = "") -> ImportResult:
    """The structure of a document's text (already decoded)."""
    from ipmeasures.importer.analyse import Analyser
    from ipmeasures.importer.document import issued_date, read_document_info
    from ipmeasures.importer.lines import split_lines
    from ipmeasures.importer.messages import msg
    from ipmeasures.importer.structure import TreeBuilder

    lines = split_lines(text)
    builder = TreeBuilder()
    builder.feed(lines)
    first_body = builder.first_body if builder.first_body is not None else len(lines)
    info = read_document_info(lines, first_body if first_body >= 0 else len(builder.preamble))
    issued = issued_date(info)
    analyser = Analyser(year=_document_year(info, builder.preamble), issued=issued)
    _lift_brackets(builder.brackets)
    nodes = list(_walk(builder.root))
    rule = _FIRST_IS_LEAD.search(text)
    if rule:  # from the line that states it on ("下同")
        analyser.first_is_lead = text.count("\n", 0, rule.start()) + 1
    for node in nodes:
        analyser.analyse(node)
    for duplicate, original in builder.duplicates:
        analyser.analyse(duplicate)
        same = _same_row(duplicate, original)
        key = "duplicate_row" if same else "duplicate_row_differs"
        analyser.review.append(Review(original.path, duplicate.line,
                                      msg(key, label=duplicate.label, original=original.label)))
    items: list[Node] = []
    last = nodes[-1] if nodes else None
    carriers = {n.style for n in nodes if n.assigned}
    for node in nodes:
        ancestor = _assigned_ancestor(node)
        if node.assigned:
            if node is last and _cut_in_units(node):
                analyser.review.append(Review(node.path, node.line_at(len(node.text)), msg("truncated")))
                node.units, node.truncated, node.division = [], True, None
            if node.cells is not None or node.units or node.truncated:
                items.append(node)
            continue
        if ancestor is not None:
            node.units = list(ancestor.units)
            node.division = ancestor.division
            node.open_ended = ancestor.open_ended
            node.deadlines = node.deadlines or list(ancestor.deadlines)
            node.inherited = True
            items.append(node)
            continue
        if node.children:
            continue
        if node.cut or (last is not None and node is last and _cut_off(node)):
            target = node
            while target.style not in carriers and target.parent is not None and target.parent.style != "root" \
                    and not target.parent.assigned:
                target = target.parent
            if target.style not in carriers:
                target = node
            target.truncated = True
            if target is not node and target in items:
                continue
            if target is not node:
                target.units = []
            items.append(target)
            analyser.review.append(Review(target.path, node.line_at(len(node.text)), msg("truncated")))
    review = sorted(analyser.review, key=lambda r: (r.line or 0))
    return ImportResult(source, info, builder.root, items, review, len(builder.tables))


# "排在第一位的为牵头单位", "第一责任单位为牵头单位": the document's own rule that the first unit named leads.
_FIRST_IS_LEAD = re.compile(r"(?:排在?第一位|列第一位|排名第一|第一责任单位|首位|排在首位|第一个单位|第一个|首个|第一家|"
                            r"排在最?前面?|列在最?前面?|列于首位)的?(?:单位|部门)?(?:为|是)牵头")


def _cut_off(node: Node) -> bool:
    """The last node's text stops before its duties: inside a bracket, mid-sentence, or where its
    siblings have their bracket or unit lines and it has none."""
    folded = node.folded.rstrip()
    if re.search(r"[(〔\[][^)〕\]]*$", folded):
        return True
    if folded and folded[-1] not in _END:
        return True
    siblings = node.parent.children if node.parent is not None else []
    index = siblings.index(node) if node in siblings else 0
    return index > 0 and siblings[index - 1].assigned


def _cut_in_units(node: Node) -> bool:
    """The document stops inside the last node's unit list (a 责任单位 line or cell cut mid-name): the
    text ends with a name that is not a complete unit name."""
    from ipmeasures.importer.units import looks_like_unit

    folded = node.folded.rstrip()
    if re.search(r"[(〔\[][^)〕\]]*$", folded):
        return True  # cut inside its bracket: what the bracket names so far is not the whole list
    if not folded or folded[-1] in _END or not node.units:
        return False
    last = node.units[-1].name
    return folded.endswith(last) and not looks_like_unit(last)


def _lift_brackets(brackets) -> None:
    """Brackets or field lines (责任单位:…) standing on their own lines after the last of several
    sub-items none of which has its own close their parent (运城: (1)…(4) then (责任单位:…) for 1.)."""
    from ipmeasures.importer.analyse import has_assignment

    runs: dict[int, tuple[Node, list]] = {}
    for node, line in brackets:
        runs.setdefault(id(node), (node, []))[1].append(line)
    for node, lines in runs.values():
        parent = node.parent
        if parent is None or parent.style == "root":
            continue
        # the trailing run of such lines at the end of the node's text
        tail: list = []
        for line in reversed(lines):
            if node.text.endswith("".join(x.text for x in [line, *tail])):
                tail.insert(0, line)
            else:
                break
        if not tail:
            continue
        siblings = parent.children
        index = siblings.index(node)
        if index == 0 or any(has_assignment(s.folded) for s in siblings[:index]):
            continue
        cut_text = len("".join(x.text for x in tail))
        cut_folded = len("".join(x.folded for x in tail))
        if has_assignment(node.folded[:len(node.folded) - cut_folded]):
            continue
        node.text = node.text[:len(node.text) - cut_text]
        node.folded = node.folded[:len(node.folded) - cut_folded]
        node.offsets = [o for o in node.offsets if o[0] < len(node.text) or o[0] == 0]
        for line in tail:
            offset = len(parent.text)
            parent.text += line.text
            parent.folded += line.folded
            parent.offsets.append((offset, line.number))


def _walk(node: Node) -> Iterator[Node]:
    for child in node.children:
        yield child
        yield from _walk(child)


def _assigned_ancestor(node: Node) -> Node | None:
    parent = node.parent
    while parent is not None and parent.style != "root":
        if parent.assigned:
            return parent
        parent = parent.parent
    return None


def _same_row(a: Node, b: Node) -> bool:
    names_a = {u.name for u in a.units}
    names_b = {u.name for u in b.units}
    return names_a == names_b or a.folded[:30] == b.folded[:30]


def _document_year(info, head) -> int | None:
    """The year a deadline without one falls in: the year of the plan its title names when it was issued
    that year or the year before (a 2022年工作要点 issued in December 2021), else the year of issue, else a
    year in the title or the opening lines."""
    m = re.search(r"(\d{4})年", info.title or "")
    if info.issued:
        issued = int(info.issued[:4])
        return int(m.group(1)) if m and issued <= int(m.group(1)) <= issued + 1 else issued
    if m:
        return int(m.group(1))
    for line in head:
        m = re.search(r"(\d{4})年", line.folded)
        if m:
            return int(m.group(1))
    return None
