"""measure 或 task 的编号不存在。

措施编号为 1–22（也可写序号 一、(一)），主要任务编号为 1–8（以所用数据为准）。
修正：核对编号，用 ipm measures / ipm tasks 查看全部编号。

不通过::

    items:
      - measure: 23
        status: in_progress

通过::

    items:
      - measure: (二十二)
        status: in_progress
"""

from __future__ import annotations

from collections.abc import Iterator

from ipmeasures.findings import Finding, Severity
from ipmeasures.i18n import _

ID = "unknown-ref"
SEVERITY = Severity.ERROR
SCOPE = "report"


def check(report, ctx) -> Iterator[Finding]:
    """Every item whose measure or task number is not in the catalog."""
    for item in report.items or ():
        if item.kind == "measure" and item.number not in ctx.catalog.measure_ids:
            message = _("没有第 {n} 条措施：措施编号为 1–{max}（也可写 一、(一)）。请核对编号（ipm measures）。")
            known = ctx.catalog.measure_ids
        elif item.kind == "task" and item.number not in ctx.catalog.task_ids:
            message = _("没有第 {n} 项主要任务：任务编号为 1–{max}。请核对编号（ipm tasks）。")
            known = ctx.catalog.task_ids
        else:
            continue
        yield report.finding(ID, SEVERITY, message.format(n=item.number, max=max(known, default=0)),
                             item.path + (item.kind,), item=item)
