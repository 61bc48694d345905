"""同一份报告里，同一条措施或同一项任务写了两项。

两项说法可能互相矛盾，检查只能采信其一。修正：把两项合并成一项。

不通过::

    items:
      - measure: 1
        status: in_progress
      - measure: 一            # 与上一项是同一条措施
        status: completed

通过::

    items:
      - measure: 1
        status: in_progress
      - measure: 2
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

ID = "duplicate-item"
SEVERITY = Severity.ERROR
SCOPE = "report"


def check(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    """Every item after the first for the same measure or task."""
    first: dict = {}
    for item in report.items or ():
        if item.kind is None or (item.kind == "item" and not item.number):
            continue  # a reference that names no duty (report.model: number 0) is unknown-ref's, not a duplicate
        key = (item.kind, item.number)
        if key not in first:
            first[key] = item
            continue
        line = (report.mark(first[key].path) or (None, None))[0]
        if item.kind == "item":
            message = _("{duty} 已在第 {line} 行写过一项：每个事项只写一项，请把两项合并。")
        else:
            message = _("{duty} 已在第 {line} 行写过一项：一条措施或一项任务只写一项，请把两项合并。")
        yield report.finding(ID, SEVERITY, message.format(duty=duty_name(*key, ref=item.ref), line=line),
                             item.path + (item.ref_field,), item=item)
