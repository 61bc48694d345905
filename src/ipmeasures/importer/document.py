"""The document's own facts from its opening lines: title, number, issuers, date of issue."""

from __future__ import annotations

import re
from datetime import date

from ipmeasures.importer.lines import Line
from ipmeasures.importer.model import DocumentInfo
from ipmeasures.importer.tables import header_columns

_NUMBER = re.compile(r"[\u3400-\u9fff]{1,12}[〔\[(]\s*\d{4}\s*[〕\])]\s*\d{1,4}\s*号")
_DATE_LINE = re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日$")
_ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_QUOTED = [re.compile(r"印发[^《。]{0,30}《(?P<t>[^》]+)》"),
           re.compile(r"将《(?P<t>[^》]+)》(?:[^。]{0,20}同意[,，]?)?(?:现)?印发")]
_CN_DATE = re.compile(r"^(?P<y>[〇○零一二三四五六七八九]{4})年(?P<m>[一二三四五六七八九十]{1,2})月(?P<d>[一二三四五六七八九十]{1,3})日$")
_CN_DIGIT = {"〇": 0, "○": 0, "零": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
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
        ymd = _date_of(line.folded)
        if ymd:
            try:
                info.issued = date(*ymd).isoformat()
            except ValueError:
                continue
            if i > 0:
                issuers = [p for p in head[i - 1].raw.split() if p.strip()]
                if issuers and all(p.endswith(_ORG_END) and len(p) <= 30 for p in issuers):
                    info.issuers = issuers
            break
    info.title = _title(head)
    return info


def _date_of(folded: str) -> tuple[int, int, int] | None:
    """2021年11月22日 or 二〇一〇年三月十五日 standing alone on a line."""
    m = _DATE_LINE.match(folded)
    if m:
        return int(m.group(1)), int(m.group(2)), int(m.group(3))
    m = _CN_DATE.match(folded)
    if m:
        from ipmeasures.importer.labels import cn_number

        year = int("".join(str(_CN_DIGIT[c]) for c in m.group("y")))
        return year, cn_number(m.group("m")), cn_number(m.group("d"))
    return None


def _title(head: list[Line]) -> str | None:
    joined_f = "".join(line.folded for line in head)
    joined_s = "".join(line.text for line in head)
    if len(joined_f) == len(joined_s):
        for pattern in _QUOTED:
            m = pattern.search(joined_f)
            if m:
                return joined_s[m.start("t"):m.end("t")]
    # The heading just above the body or its preamble: short lines without sentence punctuation.
    block: list[str] = []
    for line in reversed(head):
        folded = line.folded
        heading = (len(folded) <= 40 and not re.search(r"[,，;；:：。、]", folded) and not _date_of(folded)
                   and not _NUMBER.fullmatch(folded) and "|" not in folded and not folded.startswith("(")
                   and not folded.isdigit() and not folded.endswith(("网", "网站")) and not header_columns(folded)
                   and line.text not in block)
        if not heading:
            if block:
                break
            continue
        block.append(line.text)
        if len(block) >= 3:
            break
    if block and len("".join(block)) >= 6:
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
