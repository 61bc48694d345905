"""YAML 读到的内容与所写的不同：“#”之后的文字被当作注释丢掉，或列表中的全角逗号没有把各项分开。

用中文输入法填写时，“#3号文”中的“#”在 YAML 里是注释的开始（前面有空格时），其后的文字不会出现在报告中；
“[文号1，文号2]”中的全角逗号不分隔列表，两份文号被读成一项。
修正：“#”用作编号时改用“第……号”或全角“＃”，或给整个值加引号；列表各项用半角逗号加空格分隔。

不通过::

    progress: 已签协议 #3号文
    evidence: [市监发〔2022〕3号，市监发〔2022〕4号]

通过::

    progress: "已签协议 #3号文"
    evidence: [市监发〔2022〕3号, 市监发〔2022〕4号]
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ipmeasures.findings import Finding, Severity

if TYPE_CHECKING:
    from ipmeasures.report.model import Report
    from ipmeasures.rules.base import RuleContext

ID = "yaml-pitfall"
SEVERITY = Severity.WARNING
SCOPE = "reader"  # found by keyboard.pitfalls while yamldoc.load_yaml reads the text


def finding(message: str, *, file: str, line: int | None = None, column: int | None = None, field: str | None = None,
            measure: int | None = None, task: int | None = None, item: str | None = None) -> Finding:
    """This rule's finding, from a pitfall the reader found in the text: the checker builds it here."""
    return Finding(rule_id=ID, severity=SEVERITY, message=message, file=file, line=line, column=column, field=field,
                   measure=measure, task=task, item=item)


def check(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    """Nothing to do once a report is read: the reader finds these in the text."""
    return iter(())
