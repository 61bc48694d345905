"""The extracted structure for people: a plain table (terminal) or markdown.

The document is outside text: every piece of it is made inert for a terminal (escaping.inert) or escaped for
Markdown (escaping.markdown_text) here, the one door of both formats, as every other output does (issue 12).
"""

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
    from ipmeasures.escaping import inert, markdown_text

    safe = markdown_text if markdown else inert
    doc = result.document
    lines: list[str] = []
    head = _("{title}（{number}，{issued}）").format(title=safe(doc.title) if doc.title else _("（无标题）"),
                                                  number=safe(doc.number or "—"), issued=safe(str(doc.issued or "—")))
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
            lines.append("| " + " | ".join(safe(c) for c in row) + " |")
    else:
        for row in rows:
            lines.append("  ".join(safe(c) for c in row if c))
    if result.review:
        lines.append("")
        lines.append(("## " if markdown else "") + _("待确认"))
        for review in result.review:
            where = " ".join(review.path)
            lines.append(("- " if markdown else "  ") + _("第 {line} 行 {path}：{message}").format(
                line=review.line, path=safe(where), message=safe(review.message)))
    return "\n".join(lines) + "\n"
