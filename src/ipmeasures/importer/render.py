"""The extracted structure for people: a plain table (terminal) or markdown."""

from __future__ import annotations

from ipmeasures.i18n import _
from ipmeasures.importer.model import ImportResult, Node

_ROLE_MARK = {"lead": "★", "responsible": "", "support": "○"}


def _units(item: Node) -> str:
    text = "、".join(_ROLE_MARK[u.role] + u.name for u in item.units)
    if item.open_ended:
        text += _("等")
    return text


def _deadlines(item: Node) -> str:
    return "；".join(d.text + (f"（{d.due}）" if d.due else "") for d in item.deadlines)


def render_text(result: ImportResult, *, markdown: bool = False) -> str:
    """Items with units and deadlines, then the review list."""
    doc = result.document
    lines: list[str] = []
    head = _("{title}（{number}，{issued}）").format(title=doc.title or _("（无标题）"), number=doc.number or "—",
                                                  issued=doc.issued or "—")
    lines.append(f"# {head}" if markdown else head)
    lines.append(_("条目 {n} 个（★ 牵头，○ 配合），待确认 {r} 处").format(n=len(result.items), r=len(result.review)))
    lines.append("")
    header = [_("编号"), _("标题"), _("责任单位"), _("方式"), _("时限")]
    rows = []
    for item in result.items:
        title = item.title + (_("（原文中断）") if item.truncated else "")
        rows.append([" ".join(item.path), title, _units(item), item.division or "", _deadlines(item)])
    if markdown:
        lines.append("| " + " | ".join(header) + " |")
        lines.append("|" + " --- |" * len(header))
        for row in rows:
            lines.append("| " + " | ".join(c.replace("|", "\\|") for c in row) + " |")
    else:
        for row in rows:
            lines.append("  ".join(c for c in row if c))
    if result.review:
        lines.append("")
        lines.append(("## " if markdown else "") + _("待确认"))
        for review in result.review:
            where = " ".join(review.path)
            lines.append(("- " if markdown else "  ") + _("第 {line} 行 {path}：{message}").format(
                line=review.line, path=where, message=review.message))
    return "\n".join(lines) + "\n"
