"""报告里有一项，是本单位并不承担的措施或任务。

常见原因是编号写错。若确是本单位额外开展的工作，可保留该项，并写 ignore: [not-assigned]。
修正：核对编号（ipm owner 单位名 列出本单位的全部职责）。

不通过（市某局不承担措施 3）::

    unit: 市某局
    items:
      - measure: 3
        status: in_progress

通过::

    unit: 市某局
    items:
      - measure: 1
        status: in_progress
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ipmeasures.findings import Finding, Severity
from ipmeasures.i18n import _
from ipmeasures.rules.base import duty_name

if TYPE_CHECKING:
    from ipmeasures.report.model import Report
    from ipmeasures.rules.base import RuleContext

ID = "not-assigned"
SEVERITY = Severity.WARNING
SCOPE = "report"


def check(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    """Every item for an existing duty the unit does not carry."""
    if ctx.unit is None:
        return
    for item in report.items or ():
        if item.kind is None:
            continue
        known = {"measure": ctx.catalog.measure_ids, "task": ctx.catalog.task_ids}.get(item.kind, ctx.catalog.item_ids)
        if item.number not in known or ctx.duty(item.kind, item.number) is not None:
            continue  # an unknown number is unknown-ref's
        yield report.finding(ID, SEVERITY, _("{name}不承担{duty}：请核对编号（ipm owner {unit}）；确是额外开展的工作，"
                                             "可在本项写 ignore: [not-assigned]。").format(
            name=ctx.catalog.display_name(ctx.unit), unit=ctx.unit, duty=duty_name(item.kind, item.number, ref=item.ref)),
            item.path + (item.ref_field,), item=item)
