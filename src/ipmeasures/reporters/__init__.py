"""Reporters for `ipm check`: the registry is the only list of `--format` choices.

Each reporter class declares the output contract (`ipmeasures.outputs`): its help line (`description`),
`machine`, `binary`. A new format is a module with its Reporter subclass and one line in REPORTERS; the
command's choices, help and stdout/stderr split follow from them.

Every reporter module imports only the standard library; the table reporter imports rich inside
`begin()`, so importing this package stays fast.
"""

from __future__ import annotations

from ipmeasures.outputs import lookup
from ipmeasures.reporters.base import CheckResult, CoverageRow, Reporter, RuleInfo
from ipmeasures.reporters.codequality import CodeQualityReporter
from ipmeasures.reporters.github import GithubReporter, append_step_summary
from ipmeasures.reporters.json import JsonReporter
from ipmeasures.reporters.junit import JunitReporter
from ipmeasures.reporters.markdown import MarkdownReporter
from ipmeasures.reporters.sarif import SarifReporter
from ipmeasures.reporters.table import TableReporter
from ipmeasures.reporters.xlsx import XlsxReporter

REPORTERS: dict[str, type[Reporter]] = {
    "table": TableReporter,
    "json": JsonReporter,
    "github": GithubReporter,
    "junit": JunitReporter,
    "sarif": SarifReporter,
    "markdown": MarkdownReporter,
    "codequality": CodeQualityReporter,  # GitLab merge requests
    "xlsx": XlsxReporter,  # binary: only --output xlsx=PATH
}
DEFAULT_FORMAT = "table"


def get_reporter(name: str, *, color: bool = False, width: int | None = None) -> Reporter:
    """Build the reporter for a `--format` name; `color` and `width` matter only to the table."""
    return lookup(REPORTERS, name)(color=color, width=width)


__all__ = [
    "DEFAULT_FORMAT",
    "REPORTERS",
    "CheckResult",
    "CoverageRow",
    "Reporter",
    "RuleInfo",
    "append_step_summary",
    "get_reporter",
]
