"""Tables: a header row names the columns (牵头单位, 责任单位, 配合单位, 完成时限 …); rows come as cells
separated by "|", or as lines where the cells ran together (a flattened table, a PDF's wrapped cells)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_COLUMNS: list[tuple[str, str]] = [
    (r"序\s*号|编\s*号", "number"),
    (r"牵头(?:单位|部门)|主责(?:单位|部门)", "lead"),
    (r"配合(?:单位|部门)|参与(?:单位|部门)|协办(?:单位|部门)|协作(?:单位|部门)", "support"),
    (r"责任(?:单位|部门)|承办(?:单位|部门)|实施(?:单位|部门)", "responsible"),
    (r"完成(?:时限|时间)|时间(?:节点|安排|要求)|时限(?:要求)?|进度安排", "time"),
    (r"备\s*注", "remark"),
    (r"(?:主要|重点|工作|具体|目标){0,3}(?:任务|措施|内容|事项|重点)|成果形式|工作目标", "content"),
]
_COLUMN_RE = re.compile("|".join(f"(?P<c{i}>{p})" for i, (p, _k) in enumerate(_COLUMNS)))
_UNIT_KINDS = ("lead", "responsible", "support")
_LEADER = "leader"


@dataclass
class Table:
    columns: list[str]  # kinds, in order
    names: list[str]
    line: int
    pipe: bool
    last_row: int = 0
    rows: dict[str, object] = field(default_factory=dict)  # row label → node (duplicate detection)
    spaced: int = 0  # header on one line, cells separated by spaces: how many unit/time columns end it

    @property
    def unit_columns(self) -> list[int]:
        return [i for i, k in enumerate(self.columns) if k in _UNIT_KINDS]

    @property
    def has_leaders(self) -> bool:
        return "leader" in self.columns

    @property
    def has_time(self) -> bool:
        return "time" in self.columns


def header_columns(folded: str) -> tuple[list[str], list[str]] | None:
    """The column kinds of a header line, or None. A header names at least one unit column and one other
    column, and is not a labelled field (责任单位：…)."""
    text = folded.replace(" ", "")
    if re.search(r"(?:单位|部门|时限|时间)[:]", text):
        return None
    if "|" in text:
        cells = [c.strip() for c in text.strip("|").split("|")]
        kinds, names = [], []
        for cell in cells:
            m = _COLUMN_RE.fullmatch(cell) if cell else None
            kinds.append(_kind(m) if m else "content")
            names.append(cell)
        if any(k in _UNIT_KINDS for k in kinds) and sum(k != "content" for k in kinds) >= 2:
            return kinds, names
        return None
    kinds, names = [], []
    for m in _COLUMN_RE.finditer(text):
        kinds.append(_kind(m))
        names.append(m.group(0))
    covered = sum(len(n) for n in names)
    if (any(k in _UNIT_KINDS for k in kinds) and len(set(kinds)) >= 2 and covered >= 0.35 * len(text)
            and len(text) <= 80 and not re.search(r"[。；;]", text)):
        return kinds, names
    return None


def spaced_header(raw: str) -> int:
    """For a header whose cells are separated by spaces (序号 类别 主要任务 牵头单位 参与单位 责任单位), the
    number of unit and time columns after its last content column; else 0. A row of such a table that
    also keeps its spaces can only be split into its number, its content and those trailing cells (the
    content cells themselves hold spaces).
    `raw` is the source line: cleaning drops the spaces."""
    from ipmeasures.importer.normalise import clean_line, fold

    tokens = [fold(clean_line(t)) for t in raw.split()]
    if "|" in raw or len(tokens) < 3 or any(len(t) > 8 or re.search(r"[,，。；;:、()]", t) for t in tokens):
        return 0
    kinds = []
    for token in tokens:
        m = _COLUMN_RE.fullmatch(token)
        kinds.append(_kind(m) if m else (header_word(token) or "content"))
    if not any(k in _UNIT_KINDS for k in kinds) or sum(k != "content" for k in kinds) < 2:
        return 0
    last_content = max((i for i, k in enumerate(kinds) if k == "content"), default=-1)
    tail = kinds[last_content + 1:]
    if any(k not in (*_UNIT_KINDS, "time", "remark") for k in tail):
        return 0
    return len(tail)


def spaced_row(raw: str, table: Table) -> tuple[str, str] | None:
    """A row of a space-separated table, kept on one line with its spaces (`1 类别 任务 市水利局 市发展改革委等
    各县(市、区)人民政府`), as a "|" row: its number, its content (the words before the trailing cells that
    read as unit lists or deadlines), then those cells. None for any other line."""
    from ipmeasures.importer.deadlines import is_deadline_only
    from ipmeasures.importer.normalise import clean_line, fold
    from ipmeasures.importer.units import split_units

    s_tok = [clean_line(t) for t in raw.split()]
    f_tok = [fold(t) for t in s_tok]
    if "|" in raw or len(f_tok) < 3 or not re.fullmatch(r"\d{1,3}", f_tok[0]):
        return None
    tail = 0
    while tail < min(table.spaced, len(f_tok) - 2):
        cell = f_tok[-1 - tail]
        units = split_units(cell)
        if not (is_deadline_only(cell) or (units.names and not units.rejected)):
            break
        tail += 1
    cut = len(f_tok) - tail  # no trailing cell reads as units (a row cut off in its last cell): content only

    def row(tok: list[str]) -> str:
        return " | ".join([tok[0], "".join(tok[1:cut]), *tok[cut:]])

    return row(s_tok), row(f_tok)


def header_word(folded: str) -> str | None:
    """The column kind if a line is one header cell alone (a PDF or a page puts each header cell on its
    own line): 牵头单位, 牵头责任单位, 配合单位, 完成时限, 序号, 备注, a leaders' column (牵头领导, 分管县领导),
    or a task column (重点工作, 目标与任务)."""
    text = folded.replace(" ", "")
    if not 2 <= len(text) <= 10 or re.search(r"[,，。；;:、()]", text):
        return None
    m = _COLUMN_RE.fullmatch(text)
    if m:
        return _kind(m)
    if "领导" in text:
        return "leader"  # people, not units
    if "牵头" in text and text.endswith(("单位", "部门")):
        return "lead"
    if text.startswith(("配合", "参与", "协办", "协作")) and text.endswith(("单位", "部门")):
        return "support"
    if text.endswith(("责任单位", "责任部门", "主责单位")):
        return "responsible"
    if text.endswith(("单位", "部门", "主体")) and re.search(r"责任|主体|承办|实施", text):
        return "responsible"  # 责任主体与协同单位, 实施主体
    if text.startswith("协同") and text.endswith(("单位", "部门")):
        return "support"
    if re.search(r"情况|进展|进度|成效|说明|是否", text) and not looks_like_unit_text(text):
        return "remark"  # a progress table's columns: 1-10月推进情况, 是否达序, 说明
    if re.fullmatch(r".{0,4}(?:任务|措施|工作|内容|事项|目标).{0,4}", text) and not looks_like_unit_text(text):
        return "content"
    return None


def looks_like_unit_text(text: str) -> bool:
    from ipmeasures.importer.units import looks_like_unit

    return looks_like_unit(text)


def _kind(m: re.Match[str]) -> str:
    for i, (_p, kind) in enumerate(_COLUMNS):
        if m.group(f"c{i}") is not None:
            return kind
    return "content"


def split_cells(text: str) -> list[str]:
    """Cells of a "|" row; the empty string after a closing "|" is not a cell."""
    cells = [c.strip() for c in text.split("|")]
    if cells and cells[-1] == "" and text.rstrip().endswith("|"):
        cells.pop()
    return cells
