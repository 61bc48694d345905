"""状态为已完成（completed），却没有佐证（evidence），或佐证只写了“无”“暂无”“见附件”“-”之类的占位词。

说“已完成”要有凭据：文件文号、案件编号、网页链接等。只写占位词（“无”“暂无”“[无]”“见附件”“-”“略”
“N/A”……，完整列表见数据目录的 placeholders.yaml，可增补）等于没有佐证。
修正：在 evidence 中列出至少一项具体的文号、编号或链接。

不通过::

    - measure: 1
      status: completed
      progress: 专项行动已结束
      evidence: 暂无

通过::

    - measure: 1
      status: completed
      progress: 专项行动已结束
      evidence: [〔2022〕3号文件]
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ipmeasures.findings import Finding, Severity
from ipmeasures.i18n import _, join_names
from ipmeasures.report.placeholders import only_placeholders

if TYPE_CHECKING:
    from ipmeasures.report.model import Report
    from ipmeasures.rules.base import RuleContext

ID = "missing-evidence"
SEVERITY = Severity.ERROR
SCOPE = "report"


def check(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    """Every completed item with no evidence, or with placeholder words only."""
    for item in report.items or ():
        if item.status != "completed":
            continue
        if not item.evidence:
            yield report.finding(ID, SEVERITY, _("状态为已完成，却没有 evidence：请列出文件文号、案件编号或链接，"
                                                 "例如 evidence: [〔2022〕3号文件]。"),
                                 item.path + ("status",), item=item)
        elif only_placeholders(item.evidence, ctx.placeholders):
            words = join_names(f"“{entry}”" for entry in item.evidence)
            yield report.finding(ID, SEVERITY, _("状态为已完成，evidence 却只写了 {words}，这不是佐证：请列出文件文号、"
                                                 "案件编号或链接，例如 evidence: [〔2022〕3号文件]。").format(
                words=words), item.path + ("evidence",), item=item)
