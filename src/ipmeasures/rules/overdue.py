"""有期限的职责已过期限，状态却不是已完成。

有的措施和任务写明了期限，例如措施一、任务一“为期3年的专项行动”（至 2024-11-21）。报告期结束时
期限已过、而状态仍是未启动、推进中或受阻，就是逾期。状态为不适用的项不查。状态为延期的项，以批准的
新日期（new_date）为期限：报告期结束时新日期已过，同样是逾期。
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

from ipmeasures.findings import Finding, Severity
from ipmeasures.i18n import _
from ipmeasures.rules.base import duty_name, status_label

ID = "overdue"
SEVERITY = Severity.WARNING
SCOPE = "report"

OPEN_STATUSES = ("not_started", "in_progress", "blocked")


def check(report, ctx) -> Iterator[Finding]:
    """Every item of a duty whose deadline ends before the period does, still open."""
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
        if duty is None or duty.deadline_end is None or duty.deadline_end >= report.period.end:
            continue
        yield report.finding(ID, SEVERITY, _("{duty}的期限至 {end}，报告期 {period} 结束时已过，状态仍是{status}："
                                             "已完成请改为 completed 并列出 evidence；未完成请在 progress 中说明原因和新的时间表。"
                                             ).format(duty=duty_name(item.kind, item.number, duty.title, duty.title_en),
                                                      end=duty.deadline_end.isoformat(), period=report.period.text,
                                                      status=status_label(item.status)),
                             item.path + ("status",), item=item)
