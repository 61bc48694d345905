"""`--format json`: a summary and every finding as `Finding.to_record()`."""

from __future__ import annotations

import io
import json
from typing import Any

from ipmeasures.i18n import _
from ipmeasures.reporters.base import CheckResult, Reporter


def build_document(result: CheckResult, *, with_findings: bool = True) -> dict[str, Any]:
    """The JSON document as a dict; key order is part of the format."""
    return {
        "summary": {
            "files": result.files,
            "errors": result.errors,
            "warnings": result.warnings,
            "suppressed": result.suppressed,
        },
        "findings": [finding.to_record() for finding in result.findings] if with_findings else [],
        "reports": result.reports,
    }


class JsonReporter(Reporter):
    """One JSON object: `summary` counts and `findings` records."""

    description = _("JSON：汇总与全部问题记录，供程序读取")

    def render(self, result: CheckResult) -> str:
        out = io.StringIO()
        self.write(result, out)
        return out.getvalue()

    def write(self, result: CheckResult, stream) -> None:
        # One finding per line, each built, encoded with the C encoder and written in turn: the whole
        # document as one indented dump (the pure-Python encoder) or as one string costs memory in
        # proportion to the findings, which a run over thousands of reports cannot afford.
        summary = json.dumps(build_document(result, with_findings=False)["summary"], ensure_ascii=False)
        stream.write('{\n  "summary": ' + summary + ',\n  "findings": [')
        separator = "\n    "
        for finding in result.findings:
            stream.write(separator + json.dumps(finding.to_record(), ensure_ascii=False))
            separator = ",\n    "
        stream.write("\n  ]" if result.findings else "]")
        # Each report's unit, period and statuses: what `ipm diff` compares when given a saved result.
        separator = "\n    "
        stream.write(',\n  "reports": [')
        for record in result.reports:
            stream.write(separator + json.dumps(record, ensure_ascii=False))
            separator = ",\n    "
        stream.write("\n  ]\n}\n" if result.reports else "]\n}\n")
