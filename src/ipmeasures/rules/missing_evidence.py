"""状态为已完成（completed），却没有佐证（evidence）。

说“已完成”要有凭据：文件文号、案件编号、网页链接等。
修正：在 evidence 中列出至少一项。

不通过::

    - measure: 1
      status: completed
      progress: 专项行动已结束

通过::

    - measure: 1
      status: completed
      progress: 专项行动已结束
      evidence: [惠公发〔2022〕3号]
"""

from __future__ import annotations

from collections.abc import Iterator

from ipmeasures.findings import Finding, Severity
from ipmeasures.i18n import _

ID = "missing-evidence"
SEVERITY = Severity.ERROR
SCOPE = "report"


def check(report, ctx) -> Iterator[Finding]:
    """Every completed item with no evidence."""
    for item in report.items or ():
        if item.status == "completed" and not item.evidence:
            yield report.finding(ID, SEVERITY, _("状态为已完成，却没有 evidence：请列出文件文号、案件编号或链接，"
                                                 "例如 evidence: [惠公发〔2022〕3号]。"),
                                 item.path + ("status",), item=item)
