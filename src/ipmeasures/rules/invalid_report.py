"""报告无法读取，或结构、类型不对。

文件不是可读的 YAML（编码、语法、Tab 缩进、重复的键、锚点与别名、未知标签、嵌套过深、文件过大），
或字段不对：缺少必填字段（unit、period、items）、未知字段（拼写错误会给出最接近的字段名）、
值的类型不对（例如 status 写成数字、progress 写成列表、日期写错）、文字含控制字符或过长。
修正：按提示改正该行；不确定格式时，用 ipm template 单位名 生成模板重新填写，用 ipm schema 让编辑器实时校验。

不通过::

    unit: 市某局
    period: 2022-H1
    items:
      - measure: 1
        stauts: completed      # 拼写错误：是否指 status？

通过::

    unit: 市某局
    period: 2022-H1
    items:
      - measure: 1
        status: completed
        evidence: [〔2022〕3号文件]
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ipmeasures.findings import Finding, Severity

if TYPE_CHECKING:
    from ipmeasures.report.model import Report
    from ipmeasures.rules.base import RuleContext

ID = "invalid-report"
SEVERITY = Severity.ERROR
SCOPE = "reader"  # reported while the file is read and parsed (yamldoc, report.parse_report)


def finding(message: str, *, file: str, line: int | None = None, column: int | None = None, field: str | None = None,
            measure: int | None = None, task: int | None = None, item: str | None = None,
            unit: str | None = None) -> Finding:
    """This rule's finding, at a file (and a place in it): the readers, the parser and the checker build it here."""
    return Finding(rule_id=ID, severity=SEVERITY, message=message, file=file, line=line, column=column, field=field,
                   measure=measure, task=task, item=item, unit=unit)


def check(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    """Nothing to do once a report is read: the reader and the parser report these."""
    return iter(())
