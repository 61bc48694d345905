"""What the importer finds in a document: plain records, built by the extractor and read by the outputs."""

from __future__ import annotations

from dataclasses import dataclass, field

ROLES = ("lead", "responsible", "support")
DIVISIONS = ("sole", "joint", "separately")


@dataclass
class UnitRef:
    """One unit named for an item: as written (folded for matching), its role and any signs in brackets."""

    name: str
    role: str
    signs: list[str] = field(default_factory=list)
    basis: str = "bracket"  # bracket | table | body | field
    line: int | None = None


@dataclass
class Deadline:
    """A deadline as written: due is an ISO date (the last day of the period written) or None."""

    text: str
    due: str | None
    ongoing: bool = False
    precision: str | None = None  # day | month | quarter | half | year
    inferred: bool = False  # the year is not written (年底前): taken from the text before it or the document


@dataclass
class Review:
    """A place where a person must decide, with its source line."""

    path: list[str]
    line: int | None
    message: str


@dataclass
class Node:
    """One numbered node of the document (section, measure, item, table row)."""

    label: str  # normalised: 一, (一), 1., (1), ①, or a row number
    style: str
    line: int
    text: str = ""  # stored text (artifacts cleaned, characters as in the document)
    folded: str = ""  # the same text folded for matching (same length)
    body: str = ""  # the text without its assignment brackets and table cells (for the title)
    parent: Node | None = None
    children: list[Node] = field(default_factory=list)
    units: list[UnitRef] = field(default_factory=list)
    deadlines: list[Deadline] = field(default_factory=list)
    division: str | None = None
    open_ended: bool = False
    assigned: bool = False  # carries its own bracket/table row
    inherited: bool = False
    truncated: bool = False
    table: bool = False
    offsets: list[tuple[int, int]] = field(default_factory=list)  # (offset in text, source line)
    first_len: int = 0  # length of the text on the node's first line (its heading)
    cells: list[tuple[str, str, str]] | None = None  # a "|" row's data cells: (column kind, stored, folded)
    table_ref: object | None = None  # the Table a row belongs to
    cut: bool = False  # the source marks the text as cut off inside this node
    title_text: str | None = None
    printed: str = ""  # the label as printed (一、 （一） 1．), for the data files
    annex: bool = False  # after an 附件 line: the annex table, not the main text
    responsibility: list[str] = field(default_factory=list)  # brackets, fields, cells as written
    cell_lines: list[tuple[str, str, bool, int]] = field(default_factory=list)  # a row's lines: (stored, folded,
    # ended by "|", source line), for a table that puts one cell per line

    @property
    def path(self) -> list[str]:
        labels = []
        node: Node | None = self
        while node is not None and node.style != "root":
            labels.append(node.label)
            node = node.parent
        return labels[::-1]

    def line_at(self, offset: int) -> int:
        line = self.line
        for start, src in self.offsets:
            if start > offset:
                break
            line = src
        return line

    @property
    def title(self) -> str:
        """The heading: text up to the first 。 (or the whole text if short), without its bracket."""
        if self.title_text is not None:
            return self.title_text
        if self.children and 0 < self.first_len < len(self.text) and "。" not in self.text[:self.first_len]:
            return self.text[:self.first_len]  # a heading on its own line, its paragraph below it
        text = self.body or self.text
        for stop in ("。", "；", ";"):
            i = text.find(stop)
            if 0 < i:
                text = text[:i]
        if len(text) > 60:
            text = text[:60] + "…"
        return text


@dataclass
class DocumentInfo:
    title: str | None = None
    number: str | None = None
    issuers: list[str] = field(default_factory=list)
    issued: str | None = None


@dataclass
class ImportResult:
    """The extracted structure of one document."""

    source: str
    document: DocumentInfo
    root: Node
    items: list[Node]
    review: list[Review]
    tables: int = 0

    def to_dict(self) -> dict:
        """The JSON document of `ipm import --dry-run --format json`."""
        return {
            "document": {"title": self.document.title, "number": self.document.number,
                         "issuers": list(self.document.issuers), "issued": self.document.issued},
            "items": [
                {"path": item.path, "title": item.title,
                 "units": [{"name": u.name, "role": u.role} for u in item.units],
                 "division": item.division, "open_ended": item.open_ended,
                 "deadlines": [{"text": d.text, "due": d.due, "ongoing": d.ongoing} for d in item.deadlines]}
                for item in self.items],
            "review": [{"path": r.path, "line": r.line, "message": r.message} for r in self.review],
        }
