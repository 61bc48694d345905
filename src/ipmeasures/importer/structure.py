"""Lines → a tree of numbered nodes. Labels open nodes (levels from the order styles appear in), other
lines continue the node before them (a PDF's line breaks inside a paragraph, a heading split across
lines), a table header starts a table whose rows are "|" lines or lines under a row number."""

from __future__ import annotations

import re
from dataclasses import replace

from ipmeasures.importer.labels import Label, match_label
from ipmeasures.importer.lines import Line
from ipmeasures.importer.model import Node
from ipmeasures.importer.normalise import join_text
from ipmeasures.importer.tables import (
    Table,
    header_columns,
    header_word,
    spaced_header,
    spaced_row,
    split_cells,
)

# A line that is only a bracket, or a labelled field (责任单位:…), standing after an item's text.
_STANDALONE = re.compile(r"^(?:[(〔\[].*[)〕\]]|(?:牵头|责任|配合|参与|协办|主责|协同)(?:责任)?(?:单位|部门)?\s*:.*"
                         r"|部门分工\s*:.*"
                         r"|(?:完成时限|完成时间|时限要求|时间节点)\s*:.*)$")


def _looks_like_unit(folded: str) -> bool:
    from ipmeasures.importer.units import looks_like_unit

    return looks_like_unit(folded)


def _unit_tail(folded: str, split_units) -> bool:
    """True if a row's text ends with a complete unit cell (after its last sentence)."""
    cut = max(folded.rfind(ch) for ch in "。；;") + 1
    tail = folded[cut:].rstrip("、，, ")
    for start in range(max(0, len(tail) - 60), len(tail) - 1):
        if start and tail[start - 1] not in "、，,)" and not _break_ok(tail, start):
            continue
        units = split_units(tail[start:])
        if units.names and not units.rejected:
            return True
    return False


def _break_ok(tail: str, start: int) -> bool:
    return tail[start] in "省市县区各国"


_SECTION_RANK = {"chapter": 0, "article": 1, "cn": 2}
_DASH_HEADING = re.compile(r"^[—－-]{2,}\s*[\u4e00-\u9fff]")


def _is_paragraph(node: Node) -> bool:
    """A node whose first line is a paragraph (a sentence and more), not a heading."""
    head = node.folded[:node.first_len]
    return len(head) > 60 and "。" in head[:-1]
_ANNEX = re.compile(r"^附\s*件\s*\d*\s*[:：]?")
_UNIT_KINDS = ("lead", "responsible", "support", "time", "remark")


class TreeBuilder:
    """Builds the node tree line by line."""

    def __init__(self) -> None:
        self.root = Node("", "root", 0)
        self.stack: list[Node] = []  # open labelled nodes, outermost first
        self.current: Node | None = None  # the node continuation lines go to
        self.last_number: dict[str, int] = {}
        self.table: Table | None = None
        self.tables: list[Table] = []
        self.preamble: list[Line] = []
        self.first_body: int | None = None  # index of the first line that opened a node
        self.duplicates: list[tuple[Node, Node]] = []  # (duplicate row, original)
        self.annex = False  # an 附件 line was met: what follows is the annex
        self.row_open = False  # an unnumbered table row is still collecting its cells
        self.brackets: list[tuple[Node, Line]] = []  # brackets standing on their own line, after a node

    # ---- nodes -------------------------------------------------------------------------------------
    def _parent_for(self, style: str) -> Node:
        styles = [n.style for n in self.stack]
        if style in styles:
            del self.stack[styles.index(style):]
        elif self.stack and _is_paragraph(self.stack[-1]) and self.stack[-1].style in _SECTION_RANK:
            # 一、 whose line is a whole paragraph (a notice's numbered instructions) holds no items
            while self.stack and _is_paragraph(self.stack[-1]):
                self.stack.pop()
        if style not in styles and style in _SECTION_RANK:
            # 一、 never sits below 1. or (一): numbered paragraphs of a notice before the document's own
            # sections end where its 一、 begins (第一章 → 一、 still nests)
            while self.stack and _SECTION_RANK.get(self.stack[-1].style, 9) >= _SECTION_RANK[style]:
                self.stack.pop()
        return self.stack[-1] if self.stack else self.root

    def _accept(self, label: Label) -> bool:
        """A label continues its style's numbering (n+1), or starts it (1); else it is body text."""
        styles = [n.style for n in self.stack]
        last = self.last_number.get(label.style)
        if last is None:
            # a fragment may start anywhere in a top-level list (204., 205. …)
            return label.number == 1 or not self.stack or (label.style in ("cn", "pcn", "chapter", "article")
                                                         and not self.stack)
        if label.number in (last + 1, 1):
            return True
        if label.style in styles:
            return False
        return label.number == last + 1

    def open_node(self, label: str, style: str, number: int, line: Line, text: str, folded: str) -> Node:
        parent = self._parent_for(style)
        node = Node(label, style, line.number, text=text, folded=folded, parent=parent)
        node.offsets.append((0, line.number))
        node.first_len = len(text)
        node.table = self.table is not None
        node.table_ref = self.table
        node.cut = line.cut
        node.printed = label
        node.annex = self.annex
        parent.children.append(node)
        self.stack.append(node)
        self.current = node
        self.last_number[style] = number
        return node

    def append(self, line: Line) -> None:
        node = self.current
        if node is None:
            self.preamble.append(line)
            return
        text = join_text(node.text, line.text)
        offset = len(text) - len(line.text)
        node.text = text
        node.folded = join_text(node.folded, line.folded)
        node.offsets.append((offset, line.number))
        node.cut = node.cut or line.cut
        self._cell_line(line)

    def _cell_line(self, line: Line) -> None:
        """Keep a numbered row's lines apart: a table that ends each cell with "|" on its own line is read
        cell by cell once the row is complete (`_cells_by_line`)."""
        node = self.current
        if node is not None and node.style == "row" and isinstance(node.table_ref, Table) and not node.table_ref.pipe:
            node.cell_lines.append((line.text, line.folded, line.cell_end, line.number))

    # ---- lines -------------------------------------------------------------------------------------
    def feed(self, lines: list[Line]) -> None:
        i = 0
        while i < len(lines):
            line = lines[i]
            consumed = self._header(lines, i)
            if consumed:
                i += consumed
                continue
            self._line(line, i)
            i += 1
        for table in self.tables:
            for node in table.rows.values():
                if isinstance(node, Node):
                    _cells_by_line(node, table)

    def _header(self, lines: list[Line], i: int) -> int:
        line = lines[i]
        cols = header_columns(line.folded)
        if cols:
            self._start_table(cols[0], cols[1], line, "|" in line.folded)
            if self.table is not None:
                self.table.spaced = spaced_header(line.raw)
            return 1
        kind = header_word(line.folded)
        if kind is None:
            return 0
        kinds, names, j = [], [], i
        while j < len(lines) and (k := header_word(lines[j].folded)) is not None:
            kinds.append(k)
            names.append(lines[j].folded)
            j += 1
        if j - i >= 2 and any(k in ("lead", "responsible", "support") for k in kinds):
            self._start_table(kinds, names, line, False)
            return j - i
        return 0

    def _start_table(self, kinds: list[str], names: list[str], line: Line, pipe: bool) -> None:
        if self.table is not None and self.table.columns == kinds:
            self.row_open = False  # the header printed again after a page break: the row before it ended
            return
        self.table = Table(kinds, names, line.number, pipe)
        while self.stack and re.search(r"[。；;)〕\]]", self.stack[-1].folded):
            self.stack.pop()  # a table is not part of the item before it, only of the headings above it
        if not self.tables and self.first_body is None and self.preamble and not pipe:
            self._preamble_row()
        self.tables.append(self.table)
        self.current = None
        if self.first_body is None:
            self.first_body = -1

    def _line(self, line: Line, index: int) -> None:
        folded = line.folded
        if _ANNEX.match(folded) and len(folded) <= 40:
            self.annex = True
            self.stack.clear()
            self.current = None
            self.table = None
            return
        if self.table is None and folded.count("|") >= 2:
            self._implicit_table(line)
        if self.table is not None and self.table.spaced:
            row = spaced_row(line.raw, self.table)
            if row is not None:
                self._pipe_row(replace(line, text=row[0], folded=row[1]), index)
                return
        if self.table is not None and "|" in folded:
            self._pipe_row(line, index)
            return
        if _DASH_HEADING.match(folded):  # ——推进教育高质量发展: an unnumbered heading between items
            self.current = None
            return
        if (self.table is not None and self.table.has_leaders and len(folded) <= 6 and not line.bare_number
                and not match_label(folded) and not _looks_like_unit(folded)):
            self._cell_line(line)
            return  # a leader's name (周阳市长, 俞悦) in the leaders' column
        if line.bare_number:
            self._number_line(line, index)
            return
        if self.table is not None and not self.table.pipe and self.table.last_row == 0 and not match_label(folded):
            self._unnumbered_row_line(line)
            return
        label = match_label(folded)
        if label and self._accept(label):
            if self.first_body is None:
                self.first_body = index
            node = self.open_node(label.text, label.style, label.number, line, line.text[label.end:].lstrip(),
                                  folded[label.end:].lstrip())
            node.printed = line.text[:label.end].strip()
            return
        if self.current is not None and _STANDALONE.match(folded):
            self.brackets.append((self.current, line))
        self.append(line)

    def _implicit_table(self, line: Line) -> None:
        """Cells separated by "|" without a header row: columns by what the first row's cells hold."""
        from ipmeasures.importer.deadlines import is_deadline_only
        from ipmeasures.importer.units import split_units

        kinds = []
        for cell in split_cells(line.folded):
            units = split_units(cell) if cell else None
            if cell.isdigit():
                kinds.append("number")
            elif cell and is_deadline_only(cell):
                kinds.append("time")
            elif units and units.names and not units.rejected:
                kinds.append("responsible")
            else:
                kinds.append("content")
        if "responsible" in kinds:
            self.table = Table(kinds, kinds, line.number, True)
            self.tables.append(self.table)

    def _unnumbered_row_line(self, line: Line) -> None:
        """A line of a table whose rows carry no number: a row ends with its unit cell (the lines that
        read as a list of units), so the line after a complete unit cell starts the next row."""
        from ipmeasures.importer.units import split_units

        node = self.current
        if node is not None and node.table_ref is self.table and node.style not in ("prow", "root") and node.children == []:
            self.append(line)  # the cells of a labelled row (1. …) on the lines after it
            return
        if node is not None and node.style == "prow" and self.row_open:
            before = _unit_tail(node.folded, split_units)
            after = _unit_tail(node.folded + line.folded, split_units)
            if not (before and not after):
                self.append(line)
                return
        parent = self.stack[-1] if self.stack and self.stack[-1].style != "prow" else (
            self.stack[-2] if len(self.stack) > 1 else self.root)
        count = sum(1 for c in parent.children if c.style == "prow") + 1
        self.open_node(str(count), "prow", count, line, line.text, line.folded)
        self.row_open = True

    def _preamble_row(self) -> None:
        """A fragment that starts inside a table (its header comes after the first row's page break):
        the lines before the header that end with a unit cell are a row."""
        from ipmeasures.importer.units import split_units

        lines = self.preamble
        start = 0
        for k, line in enumerate(lines):
            if line.folded.endswith(("。", ":")):
                start = k + 1
        rows = lines[start:]
        joined = "".join(x.folded for x in rows)
        if len(rows) < 2 or len(joined) < 30 or not _unit_tail(joined, split_units):
            return
        self.preamble = lines[:start]
        self.open_node("1", "prow", 1, rows[0], rows[0].text, rows[0].folded)
        for line in rows[1:]:
            self.append(line)
        self.row_open = False

    def _number_line(self, line: Line, index: int) -> None:
        """A line holding only a number: a table row's number, or a page number (dropped)."""
        table = self.table
        if table is None or table.pipe:
            return
        n = int(line.folded)
        if n == table.last_row + 1 or (table.last_row == 0 and not table.rows and n < 1000):
            table.last_row = n
            node = self.open_node(str(n), "row", n, line, "", "")
            table.rows[str(n)] = node
            return
        original = table.rows.get(str(n))
        if isinstance(original, Node):  # a row printed again after a page break
            node = Node(str(n), "row", line.number)
            node.offsets.append((0, line.number))
            node.table = True
            node.table_ref = table
            self.duplicates.append((node, original))
            self.current = node
            return
        # else a page number inside the table: drop it

    def _pipe_row(self, line: Line, index: int) -> None:
        table = self.table
        assert table is not None
        stored = split_cells(line.text)
        folded = split_cells(line.folded)
        row_nodes: list[Node] = []
        data: list[tuple[int, str, str]] = []
        for k, (s_cell, f_cell) in enumerate(zip(stored, folded, strict=False)):
            label = match_label(f_cell) if f_cell else None
            same = next((n for n in self.stack if label and n.style == label.style and n.label == label.text
                         and n.folded == f_cell[label.end:].lstrip()), None)
            if same is not None and not data:  # a merged cell repeated on every row it spans
                del self.stack[self.stack.index(same) + 1:]
                continue
            if label and not data and self._accept(label):
                row_nodes.append(self.open_node(label.text, label.style, label.number, line,
                                                s_cell[label.end:].lstrip(), f_cell[label.end:].lstrip()))
                row_nodes[-1].printed = s_cell[:label.end].strip()
            elif f_cell.isdigit() and len(f_cell) <= 3 and not data:
                n = int(f_cell)
                table.last_row = n
                row_nodes.append(self.open_node(f_cell, "row", n, line, "", ""))
            else:
                data.append((k, s_cell, f_cell))
        if self.first_body is None:
            self.first_body = index
        if not row_nodes:
            if not any(f for _k, _s, f in data):
                return
            parent = self.stack[-1] if self.stack and self.stack[-1].style != "prow" else (
                self.stack[-2] if len(self.stack) > 1 else self.root)
            count = sum(1 for c in parent.children if c.style == "prow") + 1
            row_nodes.append(self.open_node(str(count), "prow", count, line, "", ""))
        node = row_nodes[-1]
        node.cells = _align(table, stored, folded, data)
        for _kind, s_cell, f_cell in node.cells:
            if _kind == "content" and s_cell:
                node.text = join_text(node.text, s_cell)
                node.folded = join_text(node.folded, f_cell)
        node.first_len = len(node.text)
        self.current = node


def _cells_by_line(node: Node, table: Table) -> None:
    """A numbered row whose cells each end with "|" on their own line (a wrapped cell continues on lines
    without one): its cells, aligned with the header's columns, when one of them reads as units. Rows whose
    lines carry no "|" keep their run-together text (the analyser reads its tail)."""
    from ipmeasures.importer.units import split_units

    if node.cells is not None or sum(ended for _s, _f, ended, _n in node.cell_lines) < 2:
        return
    cells: list[tuple[str, str]] = []
    stored = folded = ""
    for s_line, f_line, ended, _number in node.cell_lines:
        stored, folded = join_text(stored, s_line), join_text(folded, f_line)
        if ended:
            cells.append((stored, folded))
            stored = folded = ""
    if folded:
        cells.append((stored, folded))
    if not any(split_units(f).names and not split_units(f).rejected for _s, f in cells):
        return
    data = [(k + 1, s, f) for k, (s, f) in enumerate(cells)]
    node.cells = _align(table, [node.label, *(s for s, _f in cells)], [node.label, *(f for _s, f in cells)], data)
    content = [(s, f) for kind, s, f in node.cells if kind == "content" and s]
    node.text = "".join(s for s, _f in content)
    node.folded = "".join(f for _s, f in content)
    node.first_len = len(node.text)
    node.offsets = [(0, node.cell_lines[0][3])]


def _align(table: Table, stored: list[str], folded: list[str], data: list[tuple[int, str, str]]
           ) -> list[tuple[str, str, str]]:
    """Each data cell with its column kind: by position when the row has as many cells as the header,
    else by aligning the row's first unit-list cell with the header's first unit column."""
    from ipmeasures.importer.units import split_units

    columns = table.columns
    if len(stored) == len(columns):
        return [(columns[k], s, f) for k, s, f in data]
    first_unit_col = next((i for i, k in enumerate(columns) if k in ("lead", "responsible", "support")), None)
    first_unit_cell = None
    for pos, (_k, _s, f) in enumerate(data):
        units = split_units(f) if f else None
        if units and units.names and not units.rejected:
            first_unit_cell = pos
            break
    if first_unit_col is None or first_unit_cell is None:
        return [("content", s, f) for _k, s, f in data]
    out = []
    for pos, (_k, s, f) in enumerate(data):
        col = first_unit_col + pos - first_unit_cell
        kind = columns[col] if 0 <= col < len(columns) else "content"
        if pos < first_unit_cell:
            kind = "content"
        out.append((kind, s, f))
    return out
