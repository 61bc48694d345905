"""The rule registry: every rule `ipm check` knows, by id, in the order `ipm rules` lists them.

A rule is a module with `ID`, `SEVERITY`, `SCOPE` ("reader": reported while a file is read; "report":
`check(report, ctx)` per report; "run": `check(summaries, ctx)` across the run; "waivers":
`check(waivers, today)` over the supervisor's waiver file), a docstring that is its
user documentation (first line: what it finds; then how to fix it, a failing and a passing snippet),
and `check()`. Ids are stable and never reused; a renamed rule keeps its old id in ALIASES.
"""

from __future__ import annotations

import re
from types import ModuleType

from ipmeasures.i18n import _
from ipmeasures.rules import (
    bad_period,
    date_out_of_period,
    duplicate_item,
    duplicate_report,
    empty_progress,
    encoding,
    expired_waiver,
    future_period,
    invalid_report,
    late_report,
    missing_blocker,
    missing_deferral,
    missing_duty,
    missing_evidence,
    missing_group_duty,
    missing_reason,
    missing_report,
    not_assigned,
    overdue,
    too_many_findings,
    unknown_ref,
    unknown_unit,
    yaml_pitfall,
)

RULES: dict[str, ModuleType] = {module.ID: module for module in (
    invalid_report,
    encoding,
    too_many_findings,
    yaml_pitfall,
    unknown_unit,
    bad_period,
    future_period,
    unknown_ref,
    duplicate_item,
    missing_duty,
    missing_group_duty,
    not_assigned,
    missing_evidence,
    missing_blocker,
    missing_reason,
    missing_deferral,
    empty_progress,
    date_out_of_period,
    overdue,
    duplicate_report,
    missing_report,
    late_report,
    expired_waiver,
)}

# old id -> current id; an id, once published, keeps working after a rename.
ALIASES: dict[str, str] = {}

REPORT_RULES = tuple(m for m in RULES.values() if m.SCOPE == "report")
RUN_RULES = tuple(m for m in RULES.values() if m.SCOPE == "run")


def resolve_rule(name: str) -> str | None:
    """A rule id or alias (any case, surrounding spaces ignored) -> the current id; None when unknown."""
    key = name.strip().lower().replace("_", "-")
    if key in RULES:
        return key
    return ALIASES.get(key)


def summary(module: ModuleType) -> str:
    """The rule's one-line description (its docstring's first line), translated."""
    return help_text(module).splitlines()[0]


def help_text(module: ModuleType) -> str:
    """The rule's whole user documentation: what it checks, how to fix it, examples.

    Plain text: the docstring's reStructuredText literal-block marker (`不通过::`) becomes one colon of the
    text's own kind (`不通过：`, `Fails:`), so `ipm rules X` and the SARIF help show no markup.
    """
    import textwrap  # here: only `ipm rules` and the SARIF rule help read the docs

    return _LITERAL_MARKER.sub(_one_colon, _(textwrap.dedent(module.__doc__ or "").strip()))


_LITERAL_MARKER = re.compile(r"(?m)(\S)::$")


def _one_colon(match: re.Match) -> str:
    before = match.group(1)
    return before + ("：" if ord(before) >= 0x2E80 else ":")


__all__ = ["ALIASES", "REPORT_RULES", "RULES", "RUN_RULES", "help_text", "resolve_rule", "summary"]
