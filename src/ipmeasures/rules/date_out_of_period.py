"""报送日期 submitted 早于报告期开始，或晚于今天。

报告期还没开始就报送，或日期在将来，多半是日期或报告期写错了。
修正：核对 submitted 与 period。

不通过::

    period: 2022-H2
    submitted: 2022-05-10      # 早于 2022-07-01

通过::

    period: 2022-H1
    submitted: 2022-07-05      # 报告期结束后报送
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ipmeasures.findings import Finding, Severity
from ipmeasures.i18n import _

if TYPE_CHECKING:
    from ipmeasures.report.model import Report
    from ipmeasures.rules.base import RuleContext

ID = "date-out-of-period"
SEVERITY = Severity.WARNING
SCOPE = "report"


def check(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    """`submitted` before the period's first day, or after today."""
    submitted = report.submitted
    if submitted is None:
        return
    if report.period is not None and submitted < report.period.start:
        yield report.finding(ID, SEVERITY, _("submitted {date} 早于报告期 {period} 的开始（{start}）：请核对报送日期或报告期。"
                                             ).format(date=submitted.isoformat(), period=report.period.text,
                                                      start=report.period.start.isoformat()), ("submitted",))
    elif submitted > ctx.today:
        yield report.finding(ID, SEVERITY, _("submitted {date} 晚于今天（{today}）：请核对报送日期。").format(
            date=submitted.isoformat(), today=ctx.today.isoformat()), ("submitted",))
