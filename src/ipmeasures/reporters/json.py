"""`--format json`: a summary and every finding as `Finding.to_record()`."""

from __future__ import annotations

import json
from typing import Any

from ipmeasures.i18n import _
from ipmeasures.reporters.base import CheckResult, Reporter


def build_document(result: CheckResult) -> dict[str, Any]:
    """The JSON document as a dict; key order is part of the format."""
    return {
        "summary": {
            "files": result.files,
            "errors": result.errors,
            "warnings": result.warnings,
            "suppressed": result.suppressed,
        },
        "findings": [finding.to_record() for finding in result.findings],
    }


class JsonReporter(Reporter):
    """One JSON object: `summary` counts and `findings` records."""

    description = _("JSON：汇总与全部问题记录，供程序读取")

    def render(self, result: CheckResult) -> str:
        # One finding per line, each encoded compactly: json.dumps(indent=...) falls back to the
        # pure-Python encoder, which is slow and memory-hungry on tens of thousands of findings.
        document = build_document(result)
        summary = json.dumps(document["summary"], ensure_ascii=False)
        records = ",\n    ".join(json.dumps(record, ensure_ascii=False) for record in document["findings"])
        findings = f"[\n    {records}\n  ]" if records else "[]"
        return '{\n  "summary": ' + summary + ',\n  "findings": ' + findings + "\n}\n"
