"""状态为推进中或已完成，却没有写做了什么（progress）。

修正：在 progress 中简述已做的工作；确有理由不写，可在本项写 ignore: [empty-progress]。

不通过::

    - measure: 2
      status: in_progress

通过::

    - measure: 2
      status: in_progress
      progress: 已起草工作方案，正在征求意见
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ipmeasures.findings import Finding, Severity
from ipmeasures.i18n import _
from ipmeasures.labels import status_label

if TYPE_CHECKING:
    from ipmeasures.report.model import Report
    from ipmeasures.rules.base import RuleContext

ID = "empty-progress"
SEVERITY = Severity.WARNING
SCOPE = "report"


def check(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    """Every in-progress or completed item with no progress text."""
    for item in report.items or ():
        if item.status in ("in_progress", "completed") and not item.progress:
            yield report.finding(ID, SEVERITY, _("状态为{status}，却没有 progress：请简述已做的工作。").format(
                status=status_label(item.status)), item.path + ("status",), item=item)
