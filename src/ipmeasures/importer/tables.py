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
