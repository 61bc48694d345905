"""`--format sarif`: SARIF 2.1.0 for code-scanning tools (GitHub code scanning, IDE viewers)."""

from __future__ import annotations

import json
import re
from pathlib import PurePosixPath
from typing import Any
from urllib.parse import quote

from ipmeasures.findings import Finding, Severity
from ipmeasures.i18n import _
from ipmeasures.reporters.base import CheckResult, Reporter, RuleInfo

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = "https://pypi.org/project/ipmeasures/"
_WINDOWS_DRIVE = re.compile(r"^[A-Za-z]:/")


def level(severity: Severity) -> str:
    """SARIF's level for a severity."""
    return "error" if severity is Severity.ERROR else "warning"


def artifact_uri(path: str) -> str:
    """A report path as a SARIF URI: forward slashes, percent-encoded (RFC 3986 allows no CJK)."""
    posix = path.replace("\\", "/")
    if _WINDOWS_DRIVE.match(posix):
        return "file:///" + quote(posix)
    if PurePosixPath(posix).is_absolute():
        return "file://" + quote(posix)
    return quote(posix.removeprefix("./"))


def rule_descriptor(rule: RuleInfo) -> dict[str, Any]:
    """One `reportingDescriptor` for `tool.driver.rules`."""
    return {
        "id": rule.id,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": rule.help},
        "help": {"text": rule.help},
        "defaultConfiguration": {"level": level(rule.severity)},
    }


def sarif_result(finding: Finding, rule_index: int) -> dict[str, Any]:
    """One SARIF `result` for a finding, built from its record."""
    record = finding.to_record()
    physical: dict[str, Any] = {"artifactLocation": {"uri": artifact_uri(record["file"])}}
    # SARIF lines and columns start at 1; a finding without a line gets no region at all.
    if record["line"] is not None and record["line"] >= 1:
        region: dict[str, Any] = {"startLine": record["line"]}
        if record["column"] is not None and record["column"] >= 1:
            region["startColumn"] = record["column"]
        physical["region"] = region
    sarif: dict[str, Any] = {
        "ruleId": record["rule"],
        "ruleIndex": rule_index,
        "level": level(finding.severity),
        "message": {"text": record["message"]},
        "locations": [{"physicalLocation": physical}],
    }
    if record["suppressed"]:
        sarif["suppressions"] = [{"kind": "external", "justification": _("已在 ipm 配置中豁免")}]
    properties = {key: record[key] for key in ("field", "unit", "measure", "task") if record[key] is not None}
    if properties:
        sarif["properties"] = properties
    return sarif


class SarifReporter(Reporter):
    """One SARIF log with one run: every rule in `result.rules`, one result per finding."""

    description = _("SARIF 2.1.0：供 GitHub 代码扫描等工具读取")

    def render(self, result: CheckResult) -> str:
        rules = [rule_descriptor(rule) for rule in result.rules.values()]
        index = {rule.id: i for i, rule in enumerate(result.rules.values())}
        for finding in result.findings:
            # A finding whose rule the registry did not describe still needs a valid ruleIndex.
            if finding.rule_id not in index:
                index[finding.rule_id] = len(rules)
                rules.append({"id": finding.rule_id,
                              "defaultConfiguration": {"level": level(finding.severity)}})
        log = {
            "$schema": SCHEMA_URI,
            "version": "2.1.0",
            "runs": [{
                "tool": {"driver": {
                    "name": "ipm",
                    "version": result.tool_version,
                    "informationUri": INFORMATION_URI,
                    "rules": rules,
                }},
                # YAML marks count characters (code points), not UTF-16 units: say so, or columns after
                # a character outside the BMP would shift in viewers that assume UTF-16.
                "columnKind": "unicodeCodePoints",
                "results": [sarif_result(f, index[f.rule_id]) for f in result.findings],
            }],
        }
        return json.dumps(log, ensure_ascii=False, indent=2) + "\n"
