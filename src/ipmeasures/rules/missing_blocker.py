"""状态为受阻（blocked），却没有写明受阻原因（blocker）。

督办单位要据此协调解决。修正：在 blocker 中写明卡在哪里、需要谁支持。

不通过::

    - measure: 9
      status: blocked

通过::

    - measure: 9
      status: blocked
      blocker: 跨部门数据共享平台尚未建成，需市政务服务数据管理局支持
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ipmeasures.findings import Finding, Severity
from ipmeasures.i18n import _

if TYPE_CHECKING:
    from ipmeasures.report.model import Report
    from ipmeasures.rules.base import RuleContext

ID = "missing-blocker"
SEVERITY = Severity.ERROR
SCOPE = "report"


def check(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    """Every blocked item with no blocker text."""
    for item in report.items or ():
        if item.status == "blocked" and not item.blocker:
            yield report.finding(ID, SEVERITY, _("状态为受阻，却没有 blocker：请写明卡在哪里、需要谁支持。"),
                                 item.path + ("status",), item=item)
