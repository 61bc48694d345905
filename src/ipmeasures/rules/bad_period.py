"""报告期 period 的写法无法识别。

period 须是以下形式之一：YYYY（全年）、YYYY-H1 / YYYY-H2（半年）、YYYY-Q1 … YYYY-Q4（季度）、
YYYY-MM（月），或同样的中文写法 2022年度、2022年上半年、2022年第一季度、2022年7月（各输出一律显示为
2022-H1 等规范写法）。写成日期（2022-07-01）、少了“年”字（2022上半年）或不存在的月份（2022-13）都无法识别；
像 2022H1、2022上半年 这样的写法先给出“是否指 2022-H1？”。
修正：改成上述形式之一。

不通过::

    period: 2022上半年

通过::

    period: 2022-H1
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ipmeasures.findings import Finding, Severity

if TYPE_CHECKING:
    from ipmeasures.report.model import Report
    from ipmeasures.rules.base import RuleContext

ID = "bad-period"
SEVERITY = Severity.ERROR
SCOPE = "reader"  # reported by report.parse_report


def finding(message: str, *, file: str, line: int | None = None, column: int | None = None, field: str | None = None,
            measure: int | None = None, task: int | None = None, item: str | None = None,
            unit: str | None = None) -> Finding:
    """This rule's finding, at the report's `period`: the report parser builds it here."""
    return Finding(rule_id=ID, severity=SEVERITY, message=message, file=file, line=line, column=column, field=field,
                   measure=measure, task=task, item=item, unit=unit)


def check(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    """Nothing to do once a report is read: the parser reports these."""
    return iter(())
