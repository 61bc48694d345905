"""本单位作为单位组成员承担的措施、任务，报告里没有对应的一项。

有的职责由单位组（如“各有关部门”“各区县政府”）负责，组内每个单位都承担这项职责，但未被点名，
所以只是警告。位置指向报告的 items: 行。报告里有无法识别的项时不做此项检查。
修正：补写一项；与本单位无关时写 status: not_applicable 并说明 reason。

不通过（市某局作为单位组成员承担措施 15）::

    unit: 市某局
    period: 2022-H1
    items:
      - measure: 1
        status: in_progress
        progress: …
      # 没有 measure: 15

通过::

    items:
      - measure: 15
        status: not_applicable
        reason: 本局不承担这方面的职责
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ipmeasures.findings import Finding, Severity
from ipmeasures.i18n import _
from ipmeasures.rules.base import duty_message, duty_name, reported

if TYPE_CHECKING:
    from ipmeasures.policy.catalog import Duty
    from ipmeasures.report.model import Report
    from ipmeasures.rules.base import RuleContext

ID = "missing-group-duty"
SEVERITY = Severity.WARNING
SCOPE = "report"


def check(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    """Every duty the unit carries through a group without an item, located at the `items:` key."""
    if ctx.unit is None or report.items is None or not report.items_complete:
        return
    have = reported(report)
    explicit = {(d.kind, d.id) for d in ctx.duties if d.via is None}
    for duty in ctx.duties:
        key = (duty.kind, duty.id)
        if duty.via is None or key in have or key in explicit:
            continue
        yield report.finding(ID, SEVERITY, duty_message(ID, duty, ctx, _message), ("items",), key=True,
                             measure=duty.id if duty.kind == "measure" else None,
                             task=duty.id if duty.kind == "task" else None, ref=duty.ref if duty.kind == "item" else None)


def _message(duty: Duty, ctx: RuleContext) -> str:
    return _("缺少{duty}的一项：{unit}作为“{group}”的成员承担该项。请补写一项 "
             "{kind}: {n}；与本单位无关时写 status: not_applicable 并说明 reason。").format(
        duty=duty_name(duty.kind, duty.id, duty.title, duty.title_en, duty.ref),
        unit=ctx.catalog.display_name(ctx.unit or ""), group=ctx.catalog.display_name(duty.via or ""),
        kind=duty.kind, n=duty.ref if duty.kind == "item" else duty.id)
