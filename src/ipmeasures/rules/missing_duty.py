"""本单位被点名承担（或牵头）的措施、任务，报告里没有对应的一项。

措施或附件任务的责任单位中点名了本单位（包括牵头单位），报告就要为它
写一项。位置指向报告的 items: 行。若某项确实不适用，也要写一项：status: not_applicable 并写明 reason。
报告里有无法识别的项（缺少或写错 measure / task）时不做此项检查，以免重复报错。
修正：补写缺少的项；ipm template 单位名 会列出本单位的全部职责。

不通过（市某局被点名承担措施 1 和 2，报告只写了 1）::

    unit: 市某局
    period: 2022-H1
    items:
      - measure: 1
        status: in_progress
        progress: 开展专项行动

通过::

    unit: 市某局
    period: 2022-H1
    items:
      - measure: 1
        status: in_progress
        progress: 开展专项行动
      - measure: 2
        status: not_applicable
        reason: …
      # ……其余每项职责各一项
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ipmeasures.findings import Finding, Severity
from ipmeasures.i18n import _
from ipmeasures.labels import role_label
from ipmeasures.rules.base import duty_message, duty_name, reported

if TYPE_CHECKING:
    from ipmeasures.policy.catalog import Duty
    from ipmeasures.report.model import Report
    from ipmeasures.rules.base import RuleContext

ID = "missing-duty"
SEVERITY = Severity.ERROR
SCOPE = "report"



def check(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    """Every explicit duty of the unit without an item, located at the `items:` key."""
    if ctx.unit is None or report.items is None or not report.items_complete:
        return
    have = reported(report)
    for duty in ctx.duties:
        if duty.via is not None or (duty.kind, duty.id) in have:
            continue
        yield report.finding(ID, SEVERITY, duty_message(ID, duty, ctx, _message), ("items",), key=True,
                             measure=duty.id if duty.kind == "measure" else None,
                             task=duty.id if duty.kind == "task" else None, ref=duty.ref if duty.kind == "item" else None)


def _message(duty: Duty, ctx: RuleContext) -> str:
    example = f"item: {duty.ref}" if duty.kind == "item" else f"{duty.kind}: {duty.id}"
    return _("缺少{duty}的一项：{unit}是该项的责任单位（{role}）。请补写一项 {example}；"
             "确不适用时写 status: not_applicable 并说明 reason。").format(
        duty=duty_name(duty.kind, duty.id, duty.title, duty.title_en, duty.ref),
        unit=ctx.catalog.display_name(ctx.unit or ""), role=role_label(duty.role, duty.role_words), example=example)
