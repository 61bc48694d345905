"""`--format sarif`: SARIF 2.1.0 for code-scanning tools (GitHub code scanning, IDE viewers)."""

from __future__ import annotations

import itertools
import os
import re
from collections.abc import Iterable
from typing import Any

from ipmeasures.findings import Finding, Severity
from ipmeasures.i18n import N_, _
from ipmeasures.jsontext import dumps
from ipmeasures.reporters.base import (
    CheckResult,
    Reporter,
    RuleInfo,
    anchor,
    posix_separators,
    relative_path,
    spool,
)
from ipmeasures.results import ReportResult

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
SRCROOT = "%SRCROOT%"  # the base id GitHub code scanning and the SARIF multitool expect for the checkout
_WINDOWS_DRIVE = re.compile(r"^[A-Za-z]:/")


def level(severity: Severity) -> str:
    """SARIF's level for a severity."""
    return "error" if severity is Severity.ERROR else "warning"


def file_uri(path: str) -> str:
    """An absolute path as a `file:` URI, percent-encoded (RFC 3986 allows no CJK or spaces)."""
    posix = posix_separators(os.path.abspath(path))
    if _WINDOWS_DRIVE.match(posix):
        posix = "/" + posix
    return "file://" + _quote(posix)


def artifact_location(path: str, root: str) -> dict[str, str]:
    """A report path as a SARIF `artifactLocation`: relative to `%SRCROOT%` (the working directory) when it
    lies inside it, as code scanning requires; otherwise an absolute `file:` URI."""
    relative = relative_path(path, root)
    if relative is None:
        return {"uri": file_uri(path)}
    return {"uri": _quote(relative), "uriBaseId": SRCROOT}


def _quote(text: str) -> str:
    from urllib.parse import quote  # here: urllib.parse costs every `ipm check` start-up, whatever the format

    return quote(text)


def information_uri() -> str | None:
    """The project's home page from the installed package's metadata ([project.urls]), if it has one."""
    from importlib import metadata

    try:
        urls = metadata.metadata("ipmeasures").get_all("Project-URL") or []
    except metadata.PackageNotFoundError:
        return None
    found = dict(url.split(", ", 1) for url in urls if ", " in url)
    for key in ("Repository", "Source", "Homepage"):
        if found.get(key, "").startswith("https://"):
            return found[key]
    return None


def rule_descriptor(rule: RuleInfo) -> dict[str, Any]:
    """One `reportingDescriptor` for `tool.driver.rules`."""
    return {
        "id": rule.id,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": rule.help},
        "help": {"text": rule.help},
        "defaultConfiguration": {"level": level(rule.severity)},
    }


BASELINE_STATES = {"new": "new", "persisting": "unchanged", "resolved": "absent"}


def sarif_result(finding: Finding, rule_index: int, *, root: str, checked_files: list[str]) -> dict[str, Any]:
    """One SARIF `result` for a finding, built from its record; every result has a file and a line."""
    record = finding.to_record()
    path, line, column = anchor(finding, checked_files)
    region: dict[str, Any] = {"startLine": line}  # SARIF lines and columns start at 1
    if column is not None:
        region["startColumn"] = column
    physical: dict[str, Any] = {"artifactLocation": artifact_location(path, root), "region": region}
    sarif: dict[str, Any] = {
        "ruleId": record["rule"],
        "ruleIndex": rule_index,
        "level": level(finding.severity),
        "message": {"text": record["message"]},
        "locations": [{"physicalLocation": physical}],
    }
    if record["suppressed"]:
        justification = (_("{reason}（批准人：{approver}，至 {expiry}）").format(
            reason=finding.waiver.reason, approver=finding.waiver.approver, expiry=finding.waiver.expiry.isoformat())
            if finding.waiver is not None else _("已在 ipm 配置中豁免"))
        sarif["suppressions"] = [{"kind": "external", "justification": justification}]
    if finding.change is not None:  # a run against --baseline: code scanning's own words for it
        sarif["baselineState"] = BASELINE_STATES[finding.change]
    properties = {key: record[key] for key in ("field", "unit", "measure", "task") if record[key] is not None}
    if properties:
        sarif["properties"] = properties
    return sarif


class SarifReporter(Reporter):
    """One SARIF log with one run: every rule in `result.rules`, one result per finding."""

    description = N_("SARIF 2.1.0，供 GitHub 代码扫描等工具读取")
    machine = True

    def __init__(self, *, root: str | None = None, **options) -> None:
        super().__init__(**options)
        self.root = os.path.abspath(root if root is not None else os.getcwd())

    def begin(self, out, **options) -> None:
        super().begin(out, **options)
        self._results = spool()
        self._count = 0
        self._descriptors = [rule_descriptor(rule) for rule in self.rules.values()]
        self._index = {rule.id: i for i, rule in enumerate(self.rules.values())}

    def add_report(self, report: ReportResult) -> None:
        self._add(report.findings, [report.file])

    def _add(self, findings: Iterable[Finding], checked_files: list[str]) -> None:
        for finding in findings:
            if finding.rule_id not in self._index:
                # A finding whose rule the registry did not describe still needs a valid ruleIndex.
                self._index[finding.rule_id] = len(self._descriptors)
                self._descriptors.append({"id": finding.rule_id,
                                          "defaultConfiguration": {"level": level(finding.severity)}})
            result = sarif_result(finding, self._index[finding.rule_id], root=self.root, checked_files=checked_files)
            # As the whole log writes each result: four levels in, one element of `results`.
            self._results.write(("\n" if not self._count else ",\n") + _RESULT_INDENT + dumps(result, level=4))
            self._count += 1

    def end_document(self, run: CheckResult) -> None:
        self._add(itertools.chain(run.findings, run.resolved), run.checked_files)
        driver: dict[str, Any] = {"name": "ipm", "version": run.tool_version}
        home = information_uri()
        if home is not None:
            driver["informationUri"] = home
        driver["rules"] = self._descriptors
        log = {
            "$schema": SCHEMA_URI,
            "version": "2.1.0",
            "runs": [{
                "tool": {"driver": driver},
                "originalUriBaseIds": {SRCROOT: {"uri": file_uri(self.root).rstrip("/") + "/"}},
                # YAML marks count characters (code points), not UTF-16 units: say so, or columns after
                # a character outside the BMP would shift in viewers that assume UTF-16.
                "columnKind": "unicodeCodePoints",
                "results": _RESULTS,
            }],
        }
        # The log around its results, then the results spooled as the reports were checked.
        head, tail = dumps(log).split(dumps(_RESULTS))
        self._write(head + "[")
        self._copy(self._results)
        self._write(("\n" + " " * 6 + "]" if self._count else "]") + tail + "\n")


_RESULTS = "\0results"  # where the results go in the log's text (written "\u0000results")
_RESULT_INDENT = " " * 8
