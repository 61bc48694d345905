"""unit 不是任何已知的单位。

unit 可以写简称、全称（可带辖区名称）、加挂牌子或别名，但必须指向名录（ipm units）中的
一个单位；单位组（如“各有关部门”）不能作为报送单位。有相近名称时会给出建议。
修正：改成 ipm units 列出的单位名。

不通过::

    unit: 市某厅

通过::

    unit: 市某局
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ipmeasures.findings import Finding, Severity
from ipmeasures.i18n import _

if TYPE_CHECKING:
    from ipmeasures.report.model import Report
    from ipmeasures.rules.base import RuleContext

ID = "unknown-unit"
SEVERITY = Severity.ERROR
SCOPE = "report"


def check(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    """The unit that did not resolve, with the catalog's suggestions."""
    if report.unit is None or ctx.unit is not None or ctx.unit_error is None:
        return
    detail = getattr(ctx.unit_error, "message", str(ctx.unit_error))
    yield report.finding(ID, SEVERITY, _("无法识别报送单位：{detail}").format(detail=detail), ("unit",))
