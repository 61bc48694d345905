"""状态为延期（deferred），却没有批准文号（approval）或新的完成日期（new_date）。

延期须经批准：督查督办要看到批准的文号，和批准后新的完成日期；过了新的日期仍未完成，该职责亮红灯。
修正：写明 approval（批准延期的文号）与 new_date（YYYY-MM-DD）；未获批准的，状态应写推进中或受阻。

不通过::

    - measure: 10
      status: deferred
      progress: 场地改造推迟。

通过::

    - measure: 10
      status: deferred
      progress: 场地改造推迟。
      approval: 〔2022〕88号函
      new_date: 2023-03-31
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ipmeasures.findings import Finding, Severity
from ipmeasures.i18n import _

if TYPE_CHECKING:
    from ipmeasures.report.model import Report
    from ipmeasures.rules.base import RuleContext

ID = "missing-deferral"
SEVERITY = Severity.ERROR
SCOPE = "report"


def check(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    """Every deferred item without its approval reference or its new date, located at its status."""
    for item in report.items or ():
        if item.status != "deferred":
            continue
        missing = [name for name, value in (("approval", item.approval), ("new_date", item.new_date)) if not value]
        if missing:
            yield report.finding(ID, SEVERITY, _("状态为延期，却没有 {fields}：请写明批准延期的文号（approval）和批准后"
                                                 "新的完成日期（new_date: YYYY-MM-DD）；未获批准的，请改写为推进中或受阻。"
                                                 ).format(fields="、".join(missing)),
                                 item.path + ("status",), item=item)
