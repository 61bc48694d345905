"""文件不是 UTF-8 编码，已按其编码读取。

WPS、记事本等 Windows 工具常把文件存成 GBK/GB18030 或 UTF-16（“Unicode”）。ipm 会识别并照常检查，
但别的工具（Git、网页、编辑器）可能把它显示成乱码。修正：用编辑器“另存为”UTF-8（无 BOM）。
UTF-8 带 BOM 的文件照常读取，不报此项。

不通过（以 GB18030 保存）::

    unit: 市某局

通过（以 UTF-8 保存）::

    unit: 市某局
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ipmeasures.findings import Finding, Severity

if TYPE_CHECKING:
    from ipmeasures.report.model import Report
    from ipmeasures.rules.base import RuleContext

ID = "encoding"
SEVERITY = Severity.WARNING
SCOPE = "reader"  # reported by yamldoc.load_yaml (LoadedYaml.warnings)


def finding(message: str, *, file: str, line: int | None = None, column: int | None = None, field: str | None = None,
            measure: int | None = None, task: int | None = None, item: str | None = None) -> Finding:
    """This rule's finding, from the reader's note on a file's encoding: the checker builds it here."""
    return Finding(rule_id=ID, severity=SEVERITY, message=message, file=file, line=line, column=column, field=field,
                   measure=measure, task=task, item=item)


def check(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    """Nothing to do once a report is read: the reader reports the encoding."""
    return iter(())
