"""（--expect-all）承担职责的单位，没有本次检查的报告期的报告。

加 --expect-all 时，对本次检查中出现的每个报告期，每个承担职责的单位都应有一份报告。
此项说的是缺少的文件，所以没有行号；文件一栏是所检查的目录。
修正：用 ipm template 单位名 --period 报告期 生成模板，填写后放入报告目录。

不通过（reports/ 中只有市某局的 2022-H1 报告）::

    ipm check --expect-all reports/

通过：reports/ 中每个承担职责的单位都有 2022-H1 的报告。
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import TYPE_CHECKING

from ipmeasures.findings import Finding, Severity
from ipmeasures.i18n import _

if TYPE_CHECKING:
    from ipmeasures.rules.base import ReportSummary, RunContext

ID = "missing-report"
SEVERITY = Severity.ERROR
SCOPE = "run"


def check(summaries: list[ReportSummary], ctx: RunContext) -> Iterator[Finding]:
    """For each period in the run, every unit with duties that has no report for it."""
    if not ctx.expect_all:
        return
    by_period: dict[str, set[str]] = {}
    for summary in summaries:
        if summary.period is not None:
            units = by_period.setdefault(summary.period, set())
            if summary.unit is not None:
                units.add(summary.unit)
    where = _location(ctx.paths)
    for period in sorted(by_period):
        for unit in ctx.catalog.units_with_duties():
            if unit in by_period[period]:
                continue
            yield Finding(rule_id=ID, severity=SEVERITY, file=where, unit=unit,
                          message=_("{name}没有 {period} 的报告：请用 ipm template {unit} --period {period} "
                                    "生成模板，填写后放入报告目录。").format(
                              name=ctx.catalog.display_name(unit), unit=unit, period=period))


def _location(paths: list[str]) -> str:
    """The directory the reports were looked for in: the common parent of the PATH arguments."""
    dirs = [p if os.path.isdir(p) else (os.path.dirname(p) or ".") for p in paths] or ["."]
    try:
        return (os.path.commonpath(dirs) if len(dirs) > 1 else dirs[0]) or "."  # commonpath(['.', '.']) is ''
    except ValueError:  # paths on different drives
        return dirs[0]
