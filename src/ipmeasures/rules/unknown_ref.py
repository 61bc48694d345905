"""measure 或 task 的编号不存在。

措施、主要任务的编号以所用数据为准（措施也可写序号 一、(一)）；条目按编号分级的文件，用 item: 写事项的编号。
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
from typing import TYPE_CHECKING

from ipmeasures.findings import Finding, Severity
from ipmeasures.i18n import _, join_names

if TYPE_CHECKING:
    from ipmeasures.report.model import Report
    from ipmeasures.rules.base import RuleContext

ID = "unknown-ref"
SEVERITY = Severity.ERROR
SCOPE = "report"


def check(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    """Every item whose measure or task number is not in the catalog."""
    for item in report.items or ():
        if item.kind in ("measure", "task") and not (ctx.catalog.measure_ids or ctx.catalog.task_ids):
            yield report.finding(ID, SEVERITY, _("本文件的事项不按“措施”“任务”编号：请写 item: 加事项的编号（如 {first}），"
                                                 "可用 ipm owner 单位 查看。").format(
                first=next(iter(ctx.catalog.duty_refs()), "(1)")), item.path + (item.ref_field,), item=item)
            continue
        if item.kind == "measure" and item.number not in ctx.catalog.measure_ids:
            message = _("没有第 {n} 条措施：措施编号为 1–{max}（也可写 一、(一)）。请核对编号（ipm measures）。")
            known = ctx.catalog.measure_ids
        elif item.kind == "task" and item.number not in ctx.catalog.task_ids:
            message = _("没有第 {n} 项主要任务：任务编号为 1–{max}。请核对编号（ipm tasks）。")
            known = ctx.catalog.task_ids
        elif item.kind == "item" and item.number not in ctx.catalog.item_ids:
            sharing = ctx.catalog.refs_sharing(item.ref or "")
            if sharing:  # 1 where 一(一)1 and 二(一)1 are both numbered 1.
                yield report.finding(ID, SEVERITY, _("“{ref}”可指多个事项：{refs}。请从上级写起，写成其中一个。").format(
                    ref=item.ref, refs=join_names(sharing)), item.path + (item.ref_field,), item=item)
                continue
            refs = ctx.catalog.duty_refs()
            shown = join_names(refs[:8]) + ("……" if len(refs) > 8 else "")
            yield report.finding(ID, SEVERITY, _("没有编号为“{ref}”的事项：写事项自己的编号（唯一时，如 {first}），"
                                                 "或从上级写起的编号（如 二(三)2）；本文件的事项有 {refs}。"
                                                 "可用 ipm owner 单位 查看。").format(
                ref=item.ref, first=refs[0] if refs else "(1)", refs=shown), item.path + (item.ref_field,), item=item)
            continue
        else:
            continue
        yield report.finding(ID, SEVERITY, message.format(n=item.number, max=max(known, default=0)),
                             item.path + (item.ref_field,), item=item)
