"""有期限的职责已过期限，状态却不是已完成。

有的职责写明了期限（“2022年6月底前”“为期3年”），有的写了几个（8月底前……，11月底前……）。报告期结束时
某个期限已过、而状态仍是未启动、推进中或受阻，就是逾期；每个期限各查一次，“持续推进”没有期限。状态为不适用的项
不查。状态为延期的项，以批准的新日期（new_date）为期限：报告期结束时新日期已过，同样是逾期。
修正：如已完成，改为 completed 并列出 evidence；如确未完成，在 progress 中说明原因与新的时间表，
并可在本项写 ignore: [overdue]。

不通过::

    period: 2025-H1
    items:
      - measure: 1
        status: in_progress

通过::

    period: 2025-H1
    items:
      - measure: 1
        status: completed
        evidence: [专项行动总结报告]
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ipmeasures.findings import Finding, Severity
from ipmeasures.i18n import _
from ipmeasures.labels import status_label
from ipmeasures.rules.base import duty_name

if TYPE_CHECKING:
    from ipmeasures.report.model import Report
    from ipmeasures.rules.base import RuleContext

ID = "overdue"
SEVERITY = Severity.WARNING
SCOPE = "report"

OPEN_STATUSES = ("not_started", "in_progress", "blocked")


def check(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    """Every milestone of an item's duty that ends before the period does, while the item is still open.

    Each milestone is checked on its own: a duty due in August and in November is overdue for August in
    a report for the third quarter. Ongoing work (持续推进) has no end and is never overdue.
    """
    if report.period is None or ctx.unit is None:
        return
    for item in report.items or ():
        if item.status == "deferred" and item.new_date is not None and item.new_date < report.period.end:
            yield report.finding(ID, SEVERITY, _("已批准延期至 {date}，报告期 {period} 结束时已过，仍未完成：已完成请改为 "
                                                 "completed 并列出 evidence；需再次延期请写明新的批准文号和日期。").format(
                date=item.new_date.isoformat(), period=report.period.text), item.path + ("new_date",), item=item)
            continue
        if item.kind is None or item.status not in OPEN_STATUSES:
            continue
        duty = ctx.duty(item.kind, item.number)
        if duty is None:
            continue
        for milestone in duty.milestones:
            if milestone.end is None or milestone.end >= report.period.end:
                continue
            name = duty_name(item.kind, item.number, duty.title, duty.title_en, duty.ref)
            if milestone.text:
                message = _("{duty}的期限“{text}”（至 {end}）在报告期 {period} 结束时已过，状态仍是{status}：已完成请改为 "
                            "completed 并列出 evidence；未完成请在 progress 中说明原因和新的时间表。")
            else:
                message = _("{duty}的期限至 {end}，报告期 {period} 结束时已过，状态仍是{status}："
                            "已完成请改为 completed 并列出 evidence；未完成请在 progress 中说明原因和新的时间表。")
            yield report.finding(ID, SEVERITY, message.format(
                duty=name, text=milestone.text, end=milestone.end.isoformat(), period=report.period.text,
                status=status_label(item.status)), item.path + ("status",), item=item)
