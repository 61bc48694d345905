"""报告期还没有开始：period 写成了将来的某个半年、季度或月份。

报告写的是已经做了什么；报告期在今天之后，多半是年份或半年写错了（2023-H1 写成了 2032-H1，
H1 写成了 H2）。修正：核对报告期。确是提前报送的计划，可在报告中说明，并用 --ignore future-period 豁免。

不通过（今天是 2022-07-05）::

    period: 2022-H2

通过::

    period: 2022-H1
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ipmeasures.findings import Finding, Severity
from ipmeasures.i18n import _

if TYPE_CHECKING:
    from ipmeasures.report.model import Report
    from ipmeasures.rules.base import RuleContext

ID = "future-period"
SEVERITY = Severity.WARNING
SCOPE = "report"


def check(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    """A report whose period starts after today."""
    period = report.period
    if period is not None and period.start > ctx.today:
        yield report.finding(ID, SEVERITY, _("报告期 {period} 从 {start} 开始，还没有到（今天是 {today}）：请核对年份与"
                                             "上下半年。").format(period=period.text, start=period.start.isoformat(),
                                                             today=ctx.today.isoformat()), ("period",))
