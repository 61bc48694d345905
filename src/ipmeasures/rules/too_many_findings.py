"""一个文件的问题超过 200 条，其余的不再逐条列出。

问题多到这个程度（例如几千个空的一项），多半是文件本身出了错：误粘贴、生成脚本出错、拿错了文件。
ipm check 每个文件最多列出 200 条问题，再用这一条说明还有多少条没有列出。没有列出的问题仍然存在，
只是不逐条列出，以免终端、CI 日志和各种输出被几十万条问题淹没、耗尽内存。
修正：先改正列出的问题（通常出于同一个原因），再运行 ipm check。

不通过::

    unit: 市某局
    period: 2022-H1
    items:
    - {}
    - {}
    # ……再有几百个空的一项

通过::

    unit: 市某局
    period: 2022-H1
    items:
      - measure: 1
        status: in_progress
        progress: 开展专项行动。
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from ipmeasures.findings import Finding, Severity
from ipmeasures.i18n import _

if TYPE_CHECKING:
    from ipmeasures.report.model import Report
    from ipmeasures.rules.base import RuleContext

ID = "too-many-findings"
SEVERITY = Severity.ERROR
SCOPE = "reader"  # reported by the engine (checker.check_file) after a file's findings pass the limit
LIMIT = 200  # findings listed per file


class FindingCap:
    """A file's findings, the first LIMIT of them kept; the rest only counted (memory flat in their number)."""

    def __init__(self, limit: int = LIMIT) -> None:
        self.limit = limit
        self.kept: list[Finding] = []
        self.left_out = 0

    def extend(self, findings: Iterable[Finding]) -> None:
        for finding in findings:
            if len(self.kept) < self.limit:
                self.kept.append(finding)
            else:
                self.left_out += 1

    def findings(self, file: str, line: int | None) -> list[Finding]:
        """The kept findings, then this rule's closing finding when any were left out."""
        if not self.left_out:
            return self.kept
        return [*self.kept, finding(file, self.left_out, self.limit, line)]


def finding(file: str, left_out: int, limit: int, line: int | None) -> Finding:
    """The closing finding: how many more findings this file has that are not listed."""
    return Finding(rule_id=ID, severity=SEVERITY, file=file, line=line, column=None,
                   message=_("此文件另有 {n} 条问题未列出（每个文件最多列出 {limit} 条）：多半是文件本身出了错，"
                             "先改正上面列出的问题，再运行 ipm check。").format(n=left_out, limit=limit))


def check(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    """Nothing to do per report: the engine adds this finding when a file's findings pass the limit."""
    return iter(())
