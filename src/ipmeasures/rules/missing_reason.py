"""状态为不适用（not_applicable），却没有写明理由（reason）。

一项职责对本单位不适用，要说明为什么，督办单位才能判断。修正：在 reason 中写明理由。

不通过::

    - measure: 15
      status: not_applicable

通过::

    - measure: 15
      status: not_applicable
      reason: 本局不承担政务服务事项
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ipmeasures.findings import Finding, Severity
from ipmeasures.i18n import _

if TYPE_CHECKING:
    from ipmeasures.report.model import Report
    from ipmeasures.rules.base import RuleContext

ID = "missing-reason"
SEVERITY = Severity.ERROR
SCOPE = "report"


def check(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    """Every not-applicable item with no reason."""
    for item in report.items or ():
        if item.status == "not_applicable" and not item.reason:
            yield report.finding(ID, SEVERITY, _("状态为不适用，却没有 reason：请写明这项职责为什么不适用于本单位。"),
                                 item.path + ("status",), item=item)
