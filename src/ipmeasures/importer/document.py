"""The document's own facts from its opening lines: title, number, issuers, date of issue."""

from __future__ import annotations

import re
from datetime import date

from ipmeasures.importer.lines import Line
from ipmeasures.importer.model import DocumentInfo

_NUMBER = re.compile(r"[\u3400-\u9fff]{1,12}[〔\[(]\s*\d{4}\s*[〕\])]\s*\d{1,4}\s*号")
_DATE_LINE = re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日$")
_ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_QUOTED = re.compile(r"印发[^《]*《(?P<t>[^》]+)》")
_ORG_END = ("办公室", "办公厅", "人民政府", "委员会", "党委", "政府", "局", "厅", "部", "院", "委")


def read_document_info(lines: list[Line], first_body: int) -> DocumentInfo:
    """Facts from the lines before the first numbered node (first_body = its index in lines)."""
    head = lines[:first_body] if first_body > 0 else lines[:15]
    info = DocumentInfo()
    for line in head[:30]:
        m = _NUMBER.search(line.folded)
        if m and "印发" not in line.folded[:m.start()][-3:]:
            info.number = line.text[m.start():m.end()]
            # a number quoted in the preamble ((国发〔2017〕14号)) is not this document's
            if m.start() > 0 and line.folded[m.start() - 1] in "(（":
                info.number = None
                continue
            break
    for i, line in enumerate(head):
        m = _DATE_LINE.match(line.folded)
        if m:
            try:
                info.issued = date(int(m.group(1)), int(m.group(2)), int(m.group(3))).isoformat()
            except ValueError:
                continue
            if i > 0:
                issuers = [p for p in head[i - 1].raw.split() if p.strip()]
                if issuers and all(p.endswith(_ORG_END) and len(p) <= 30 for p in issuers):
                    info.issuers = issuers
            break
    info.title = _title(head)
    return info


def _title(head: list[Line]) -> str | None:
    for line in head:
        m = _QUOTED.search(line.folded)
        if m:
            return line.text[m.start("t"):m.end("t")]
    # The heading just before the body: the lines after the last sentence (。 or ：) and before the body.
    block: list[str] = []
    for line in reversed(head):
        folded = line.folded
        if folded.endswith(("。", ":", "：")) or _DATE_LINE.match(folded) or _NUMBER.fullmatch(folded) \
                or "|" in folded or folded.startswith("("):
            if block:
                break
            continue
        block.append(line.text)
        if len(block) >= 3:
            break
    if block:
        return "".join(reversed(block))
    for line in head:
        if "关于" in line.folded or "通知" in line.folded:
            return line.text
    return None


def issued_date(info: DocumentInfo) -> date | None:
    if not info.issued:
        return None
    m = _ISO_DATE.match(info.issued)
    return date(int(m.group(1)), int(m.group(2)), int(m.group(3))) if m else None
