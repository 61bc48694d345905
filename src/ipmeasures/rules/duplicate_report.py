"""同一次检查中，同一单位、同一报告期有两份报告。

两份报告可能互相矛盾，汇总时会重复计算。第一份之后的每一份都报此项，并指出第一份是哪个文件。
修正：删除或合并多余的一份。

不通过（两个文件）::

    # reports/公安-上半年.yaml
    unit: 市某局
    period: 2022-H1

    # reports/公安局-2022H1.yaml
    unit: 公安局
    period: 2022-H1

通过::

    # reports/公安-上半年.yaml
    unit: 市某局
    period: 2022-H1

    # reports/公安-下半年.yaml
    unit: 市某局
    period: 2022-H2
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ipmeasures.findings import Finding, Severity
from ipmeasures.i18n import _

if TYPE_CHECKING:
    from ipmeasures.rules.base import ReportSummary, RunContext

ID = "duplicate-report"
SEVERITY = Severity.ERROR
SCOPE = "run"


def check(summaries: list[ReportSummary], ctx: RunContext) -> Iterator[Finding]:
    """Every report after the first for the same unit and period."""
    first: dict = {}
    for summary in summaries:
        if summary.unit is None or summary.period is None:
            continue
        key = (summary.unit, summary.period)
        if key not in first:
            first[key] = summary
            continue
        line, column = summary.unit_mark or (None, None)
        yield Finding(rule_id=ID, severity=SEVERITY, file=summary.file, line=line, column=column, field="unit",
                      unit=summary.unit,
                      message=_("与 {first} 重复：{unit}的 {period} 报告已有一份。请删除或合并其中一份。").format(
                          first=first[key].file, unit=ctx.catalog.display_name(summary.unit), period=summary.period))
