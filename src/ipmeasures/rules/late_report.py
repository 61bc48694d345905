"""报告晚于报送日历规定的期限报送，或过了期限仍未报送。

数据（calendar.yaml）或 --calendar 写明各报告期的报告在期末后第几天前报送，例如第 5 天：2022-H1 的报告
应在 2022-07-05 前报送。submitted 晚于此日即为迟报，位置是 submitted 一行；加 --expect-all 时，
过了期限仍没有报告的单位也报迟报。没有报送日历时，此规则不检查。
修正：按期报送；已晚报的，本项无需修改报告，由主管部门在通报中说明。

不通过（期末后第 5 天前报送）::

    period: 2022-H1
    submitted: 2022-07-20

通过::

    period: 2022-H1
    submitted: 2022-07-05
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ipmeasures.findings import Finding, Severity
from ipmeasures.i18n import _

if TYPE_CHECKING:
    from ipmeasures.rules.base import ReportSummary, RunContext

ID = "late-report"
SEVERITY = Severity.WARNING
SCOPE = "run"


def check(summaries: list[ReportSummary], ctx: RunContext) -> Iterator[Finding]:
    """Each report submitted after its period's due date; with --expect-all, each unit with none past it."""
    calendar = getattr(ctx, "calendar", None)
    if calendar is None:
        return
    from ipmeasures.report.period import parse_period

    periods = {}
    reported: dict[str, set[str]] = {}
    for summary in summaries:
        period = parse_period(summary.period) if summary.period else None
        if period is None:
            continue
        periods[period.text] = period
        if summary.unit is not None:
            reported.setdefault(period.text, set()).add(summary.unit)
        due = calendar.due(period)
        if summary.submitted is not None and summary.submitted > due:
            line, column = summary.submitted_mark or (None, None)
            yield Finding(rule_id=ID, severity=SEVERITY, file=summary.file, line=line, column=column,
                          field="submitted", unit=summary.unit,
                          message=_("{period} 的报告应在 {due} 前报送，实际报送日期 {submitted}，迟报 {days} 天。").format(
                              period=period.text, due=due.isoformat(), submitted=summary.submitted.isoformat(),
                              days=(summary.submitted - due).days))
    if not ctx.expect_all or ctx.today is None:
        return
    from ipmeasures.rules.missing_report import _location

    where = _location(ctx.paths)
    for text in sorted(periods):
        due = calendar.due(periods[text])
        if ctx.today <= due:
            continue
        for unit in ctx.catalog.units_with_duties():
            if unit not in reported.get(text, set()):
                yield Finding(rule_id=ID, severity=SEVERITY, file=where, unit=unit, field=f"period={text}",
                              message=_("{unit}的 {period} 报告应在 {due} 前报送，至今（{today}）仍未报送。").format(
                                  unit=unit, period=text, due=due.isoformat(), today=ctx.today.isoformat()))
