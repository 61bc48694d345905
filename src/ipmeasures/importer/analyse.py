"""One node's duties: assignment brackets, deadline-only brackets, labelled fields, a lead named in the
body text, a table row's cells or its run-together tail; deadlines with them."""

from __future__ import annotations

import itertools
import re
from datetime import date

from ipmeasures.importer.deadlines import find_deadlines, is_deadline_only
from ipmeasures.importer.messages import msg
from ipmeasures.importer.model import Deadline, Node, Review, UnitRef
from ipmeasures.importer.tables import Table
from ipmeasures.importer.units import (
    CLOSE,
    OPEN,
    Assignment,
    field_spans,
    looks_like_unit,
    parse_assignment,
    split_run,
    split_sign,
    split_top,
    split_units,
)

_SENTENCE_END = "。；;!?！？"
_BODY_LEAD = re.compile(r"(?:^|(?<=[。；;，,:]))(?:由|请)?(?P<unit>(?![(〔\[])[^。；;，,:、\x00]{2,30}?)(?:要|应当|应|须|必须|将|负责|具体)?"
                        r"(?P<verb>会同|牵头)(?!单位|部门|负责的|的)")
_PREFIXES = ("市", "省", "县", "区", "各", "国家", "中共", "中国", "共青团", "团", "自治区", "州")
_GENERIC = re.compile(r"有关|相关|各|其他|等")


def brackets(folded: str) -> list[tuple[int, int]]:
    """Top-level balanced bracket spans (start, end) — any of ( 〔 [ matched by any closer."""
    spans, depth, start = [], 0, 0
    for i, ch in enumerate(folded):
        if ch in OPEN:
            if depth == 0:
                start = i
            depth += 1
        elif ch in CLOSE and depth:
            depth -= 1
            if depth == 0:
                spans.append((start, i + 1))
    return spans


def has_assignment(folded: str) -> bool:
    """True if a text holds a bracket that names units with a role (or a labelled field)."""
    for start, end in brackets(folded):
        a = parse_assignment(folded[start + 1:end - 1])
        if a.units and a.role_phrase:
            return True
    return bool(field_spans(folded))


class Analyser:
    """Reads duties off nodes; collects review entries."""

    def __init__(self, *, year: int | None, issued: date | None) -> None:
        self.year = year
        self.issued = issued
        self.review: list[Review] = []
        # the line from which the document says the first of several units named is the lead (0: never)
        self.first_is_lead = 0

    def note(self, node: Node, offset: int, message: str) -> None:
        self.review.append(Review(node.path, node.line_at(offset), message))

    def analyse(self, node: Node) -> None:
        if node.cells is not None:
            self._cells(node)
            return
        folded, text = node.folded, node.text
        removed: list[tuple[int, int]] = []
        deadlines: list[Deadline] = []
        units: list[UnitRef] = []
        open_ended = False
        division = None
        for start, end in brackets(folded):
            content = folded[start + 1:end - 1]
            if is_deadline_only(content):
                deadlines += find_deadlines(content, text[start + 1:end - 1], year=self.year, issued=self.issued,
                                            cell=True)
                removed.append((start, end))
                continue
            a = parse_assignment(content)
            if not a.units:
                continue
            at_end = end >= len(folded.rstrip("。；; ")) or folded[end:end + 1] in _SENTENCE_END + "(〔["
            if not a.role_phrase and (a.rejected or not at_end or _after_name(folded, start)):
                continue  # a sign after a name (市委宣传部(市版权局)), or an ordinary parenthesis
            if not a.role_phrase:
                self.note(node, start, msg("bare_list", text=text[start:end]))
            rejected = [r for r in a.rejected if not is_deadline_only(r)]
            if rejected:
                self.note(node, start, msg("rejected", names="、".join(rejected)))
            for unit in a.units:
                unit.line = node.line_at(start)
            units += a.units
            open_ended = open_ended or a.open_ended
            division = _merge_division(division, a.division)
            for clause in _deadline_clauses(a):
                deadlines += find_deadlines(clause, clause, year=self.year, issued=self.issued, cell=True)
            removed.append((start, end))
            node.responsibility.append(text[start + 1:end - 1])
        body_f = _without(folded, removed)
        body_s = _without(text, removed)
        field = field_spans(body_f)
        if field:
            a = parse_assignment(body_f[field.start():].replace("\x00", ""))
            node.responsibility.append(body_s[field.start():].replace("\x00", ""))
            units += a.units
            open_ended = open_ended or a.open_ended
            division = _merge_division(division, a.division)
            for clause in _deadline_clauses(a):
                deadlines += find_deadlines(clause, clause, year=self.year, issued=self.issued, cell=True)
            body_f, body_s = body_f[:field.start()], body_s[:field.start()]
        table: Table | None = node.table_ref if isinstance(node.table_ref, Table) else None
        if not units and table is not None and node.style != "root":
            tail = self._tail(node, table, body_f, body_s)
            if tail is not None:
                units, tail_deadlines, cut = tail
                node.responsibility.append(body_s[cut:].replace("\x00", ""))
                deadlines += tail_deadlines
                division = "joint" if len(units) > 1 else "sole"
                body_f, body_s = body_f[:cut], body_s[:cut]
        deadlines = find_deadlines(body_f, body_s, year=self.year, issued=self.issued, cell=False) + deadlines
        last_line = node.offsets[-1][1] if node.offsets else node.line
        if (self.first_is_lead and last_line >= self.first_is_lead and len(units) > 1
                and not any(u.role == "lead" for u in units)):
            units[0].role = "lead"
        lead = self._body_lead(node, body_f, body_s, units)
        if lead:
            units.insert(0, lead)
            division = division or "sole"
        node.units = _dedupe(units)
        node.deadlines = deadlines
        self._note_inferred(node)
        node.open_ended = open_ended
        node.division = division if node.units else None
        if node.units and division is None:
            node.division = "joint" if len(node.units) > 1 else "sole"
        node.assigned = bool(node.units)
        node.body = body_s.replace("\u0000", "")
        if node.style == "row":
            node.title_text = _row_title(node)

    def _note_inferred(self, node: Node) -> None:
        """A year-end deadline written without its year (年底前) is read in the year the context gives: a
        person confirms it."""
        for deadline in node.deadlines:
            if deadline.inferred and deadline.due:
                self.note(node, 0, msg("year_from_context", text=deadline.text, due=deadline.due,
                                       year=deadline.due[:4]))

    # ---- tables ------------------------------------------------------------------------------------
    def _cells(self, node: Node) -> None:
        units: list[UnitRef] = []
        deadlines: list[Deadline] = []
        open_ended = False
        division = None
        assert node.cells is not None
        for kind, stored, folded in node.cells:
            if not folded:
                continue
            if kind == "time":
                deadlines += find_deadlines(folded, stored, year=self.year, issued=self.issued, cell=True)
            elif kind in ("lead", "responsible", "support"):
                node.responsibility.append(stored)
                a = parse_assignment(folded, default_role=kind, basis="table", lenient=True)
                marks = split_units(folded, lenient=True).roles
                for unit in a.units:
                    if not a.role_phrase and unit.name not in marks:
                        unit.role = kind
                    unit.line = node.line
                units += a.units
                open_ended = open_ended or a.open_ended
                division = _merge_division(division, a.division)
                if a.rejected:
                    self.note(node, 0, msg("rejected", names="、".join(a.rejected)))
        node.units = _dedupe(units)
        node.deadlines = find_deadlines(node.folded, node.text, year=self.year, issued=self.issued,
                                        cell=False) + deadlines
        self._note_inferred(node)
        node.open_ended = open_ended
        node.division = ("joint" if len(node.units) > 1 else "sole") if node.units else None
        if division == "separately":
            node.division = division
        node.assigned = bool(node.units)
        node.body = node.text

    def _tail(self, node: Node, table: Table, folded: str, stored: str
              ) -> tuple[list[UnitRef], list[Deadline], int] | None:
        """A row whose cells ran together: the units (and 完成时限) at the end of its text. The unit cell
        starts after the last sentence, or at the start of a line (a PDF puts each cell on new lines)."""
        end_f = folded
        deadlines: list[Deadline] = []
        if table.has_time:
            found = find_deadlines(folded, stored, year=self.year, issued=self.issued, cell=True)
            if found and stored.rstrip().endswith(found[-1].text):
                last = found[-1]
                first = len(stored.rstrip()) - len(last.text)
                # a run of deadlines at the end (2022年6月底前，长期坚持) is the cell
                deadlines = [last]
                end_f = folded[:first]
        sentence = max((end_f.rfind(ch) for ch in _SENTENCE_END), default=-1) + 1
        starts = sorted({sentence} | {o for o, _line in node.offsets if o > sentence})
        for cut in starts:
            tail_f = end_f[cut:].strip("\x00 ")
            if not tail_f:
                continue
            head = split_top(tail_f, "、，,；;")[0][0]
            if re.search(r"\d", head) or not (head.startswith(_PREFIXES) or len(head) <= 5
                                                 or (cut == sentence and sentence > 0)):
                continue  # the cell starts later: this line still ends a sentence of the row's text
            units = split_units(tail_f)
            if not units.names or units.rejected:
                continue
            kinds = [table.columns[i] for i in table.unit_columns]
            if len(kinds) <= 1:
                role = kinds[0] if kinds else "responsible"
                refs = [UnitRef(n, role, s, "table", node.line_at(cut)) for n, s in units.names]
            else:
                column = table.names[table.unit_columns[0]]
                refs = self._by_lines(node, kinds, end_f, cut) or self._distribute(node, kinds, tail_f, cut, column)
            return refs, deadlines, cut
        return None

    def _by_lines(self, node: Node, kinds: list[str], folded: str, cut: int) -> list[UnitRef] | None:
        """Cells that kept their own lines (one cell per line, as a PDF or a page gives them): a line break
        between two complete names with no separator at it ends a cell; a cell wrapped after 、 or inside
        a name continues. Used when that gives exactly one cell per unit column."""
        starts = [o for o, _line in node.offsets if cut < o < len(folded)]
        cells, begin = [], cut
        for start in starts:
            left, right = folded[begin:start].rstrip("\x00 "), folded[start:].lstrip("\x00 ")
            if not left or left[-1] in "、，,;；" or right[:1] in "、，,;；":
                continue
            last = split_top(left, "、，,；;")[-1][0]
            if looks_like_unit(split_sign(last)[0]) and right.startswith(_PREFIXES):
                cells.append(folded[begin:start])
                begin = start
        cells.append(folded[begin:])
        if len(cells) > len(kinds) >= 2:  # one unit per line: the last column takes the lines left over
            cells = cells[:len(kinds) - 1] + ["、".join(c.strip("\x00 ") for c in cells[len(kinds) - 1:])]
        if len(cells) != len(kinds) or len(cells) < 2:
            return None
        refs: list[UnitRef] = []
        line = node.line_at(cut)
        for kind, cell in zip(kinds, cells, strict=True):
            units = split_units(cell.strip("\x00 "), lenient=True)
            refs += [UnitRef(n, units.roles.get(n, kind), s, "table", line) for n, s in units.names]
        return refs

    def _distribute(self, node: Node, kinds: list[str], tail: str, cut: int, column: str) -> list[UnitRef]:
        """Share a run-together tail among several unit columns (牵头单位 then 责任单位 …): the first
        column's cell is the first run of names written without a separator, up to its first group name
        (相关单位, 各区县政府) or, with none, all but its last name."""
        groups = [g for g, _sep in split_top(tail, "、，,；;")]
        first_run = [split_sign(n)[0] for n in split_run(groups[0])] if groups else []
        lead_count = len(first_run)
        generic = [i for i, n in enumerate(first_run) if _GENERIC.search(n)]
        if generic:
            lead_count = max(1, generic[0])
        elif len(first_run) > 1 and len(groups) > 1:
            lead_count = len(first_run) - 1
        refs: list[UnitRef] = []
        line = node.line_at(cut)
        for i, name in enumerate(first_run):
            refs.append(UnitRef(name, kinds[0] if i < lead_count else kinds[1], [], "table", line))
        rest = split_units("、".join(groups[1:])) if len(groups) > 1 else None
        if rest:
            refs += [UnitRef(n, kinds[1], s, "table", line) for n, s in rest.names]
        self.note(node, cut, msg("run_together", lead="、".join(r.name for r in refs if r.role == kinds[0]),
                                 column=column))
        return refs

    # ---- body text ---------------------------------------------------------------------------------
    def _body_lead(self, node: Node, folded: str, stored: str, units: list[UnitRef]) -> UnitRef | None:
        for m in _BODY_LEAD.finditer(folded):
            name, signs = split_sign(m.group("unit"))
            if not looks_like_unit(name) or _GENERIC.match(name) or len(name) > 20:
                continue
            if any(u.name == name for u in units):
                return None
            self.note(node, m.start("unit"), msg("body_lead", name=name, text=stored[m.start("unit"):m.end()]))
            return UnitRef(name, "lead", signs, "body", node.line_at(m.start("unit")))
        return None


def _after_name(folded: str, start: int) -> bool:
    """True if the bracket at `start` follows a unit's name directly (a second name: 市委宣传部(市版权局))."""
    before = re.split(r"[、，,；;。:\x00)〕\]]", folded[:start])[-1]
    return bool(before) and looks_like_unit(before)


def _row_title(node: Node) -> str | None:
    """A table row's title: its first lines before the first sentence (a PDF wraps the title cell)."""
    starts = [o for o, _line in node.offsets] + [len(node.text)]
    title = ""
    for a, b in itertools.pairwise(starts):
        segment = node.text[a:b]
        if re.search(r"[。；;]", segment) or len(title) + len(segment) > 40 or (title and len(segment) > len(title) + 2):
            break
        title += segment
    return title or None


def _without(text: str, spans: list[tuple[int, int]]) -> str:
    """Text with the spans blanked out (kept the same length, so offsets stay valid)."""
    chars = list(text)
    for start, end in spans:
        for i in range(start, end):
            chars[i] = "\u0000"
    return "".join(chars)


def _merge_division(a: str | None, b: str | None) -> str | None:
    if a is None:
        return b
    if b is None or a == b:
        return a
    if "separately" in (a, b):
        return "separately"
    return "joint"


def _dedupe(units: list[UnitRef]) -> list[UnitRef]:
    seen: dict[str, UnitRef] = {}
    for unit in units:
        if unit.name not in seen:
            seen[unit.name] = unit
    return list(seen.values())


def _deadline_clauses(a: Assignment) -> list[str]:
    """The clauses of an assignment that may hold its deadline: those left over, and a deadline at the end of
    a labelled unit list (责任单位:X、Y,6月底完成), which the list rejected as a name."""
    return a.rest + [r for r in a.rejected if r not in a.rest and is_deadline_only(r)]
