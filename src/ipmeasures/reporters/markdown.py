"""`--format markdown`: a summary and tables for a pull-request comment or a GitHub job summary."""

from __future__ import annotations

from ipmeasures.i18n import _, join_names
from ipmeasures.reporters.base import (
    CheckResult,
    Reporter,
    coverage_kind_label,
    duty_label,
    location,
    reported_label,
    severity_label,
    summary_line,
)


def escape_cell(text: str) -> str:
    """Make text safe inside one table cell: no HTML, no column break, no row break."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = text.replace("\\", "\\\\").replace("|", "\\|")
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "<br>")


def table(headers: list[str], rows: list[list[str]]) -> list[str]:
    """A GitHub-flavoured Markdown table, every cell escaped."""
    lines = ["| " + " | ".join(escape_cell(h) for h in headers) + " |",
             "|" + "|".join(" --- " for _h in headers) + "|"]
    lines += ["| " + " | ".join(escape_cell(cell) for cell in row) + " |" for row in rows]
    return lines


class MarkdownReporter(Reporter):
    """Heading, summary line, findings table, and the coverage table when there is one."""

    description = _("Markdown：适合拉取请求评论或 GitHub 作业摘要")

    def render(self, result: CheckResult) -> str:
        lines = ["## " + _("ipm check 检查结果"), "", summary_line(result), ""]
        if result.findings:
            headers = [_("位置"), _("级别"), _("规则"), _("说明"), _("单位"), _("措施/任务")]
            rows = [[location(f, column=False), severity_label(f), f.rule_id, f.message, f.unit or "",
                     duty_label(f)] for f in result.findings]
            lines += table(headers, rows)
        else:
            lines.append(_("未发现问题。"))
        if result.coverage:
            lines += ["", "### " + _("报送情况"), ""]
            headers = [_("类别"), _("编号"), _("标题"), _("已报送"), _("未报送")]
            rows = [[coverage_kind_label(row), str(row.id), row.title, reported_label(row),
                     join_names(row.missing)] for row in result.coverage]
            lines += table(headers, rows)
        return "\n".join(lines) + "\n"
