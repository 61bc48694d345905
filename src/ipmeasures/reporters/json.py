"""`--format json`: a summary, every finding as `Finding.to_record()`, and each report's statuses."""

from __future__ import annotations

from typing import Any

from ipmeasures.findings import Finding
from ipmeasures.i18n import N_
from ipmeasures.jsontext import dumps, lines
from ipmeasures.reporters.base import CheckResult, Reporter, spool
from ipmeasures.results import ReportResult


def build_document(result: CheckResult, *, with_findings: bool = True) -> dict[str, Any]:
    """The JSON document of a collected result as a dict; key order is part of the format."""
    return {
        "summary": summary(result),
        "findings": [finding.to_record() for finding in result.findings] if with_findings else [],
        "reports": result.reports,
    }


def summary(result: CheckResult) -> dict[str, int]:
    """The document's `summary`: the counts of the whole run."""
    return {"files": result.files, "errors": result.errors, "warnings": result.warnings,
            "suppressed": result.suppressed}


def findings_json(findings: list[Finding]) -> str | None:
    """A report's findings as the document lists them, one record a line, joined as JsonReporter writes
    them; None when any needs making inert (escaping.inert): its text shows that as a backslash (every
    control character is a JSON escape, and json_text writes the rest as one) or as `::`."""
    text = _finding_lines(findings)
    return None if "\\" in text or "::" in text else text


def _finding_lines(findings: list[Finding]) -> str:
    return lines([finding.to_record() for finding in findings], ",\n    ")


def _encode(record: object) -> str:
    """A record on one line, as the one JSON writer writes it (jsontext)."""
    return dumps(record, indent=None)


class JsonReporter(Reporter):
    """One JSON object: `summary` counts, `findings` records, `reports` (unit, period, statuses, lights).

    The document opens with the run's totals, known only at the end: findings and report records are
    written, one per line with the C encoder, to two spools (in memory while small, then on disk) as the
    reports are checked, and copied out after the summary. Memory stays flat in the number of findings
    and of reports; the text is the same as one indented listing of the whole document.
    """

    description = N_("汇总与全部问题记录，供程序读取")
    machine = True
    reads_reports = True
    findings_text = staticmethod(findings_json)

    def begin(self, out, **options) -> None:
        super().begin(out, **options)
        self._findings, self._records = spool(), spool()
        self._finding_count = self._record_count = 0

    def add(self, report: ReportResult) -> None:
        """Reporter.add, checked on the text (findings_json): the findings are written as they are, or as the
        worker that checked the report wrote them (`report.findings_text`). Only a report whose text needs
        making inert goes through the finding-by-finding door (Reporter.add): the same output, without a scan
        of each finding's fields."""
        if report.findings_text is not None and report.counts is not None:
            self._write_findings(report.findings_text, sum(report.counts))
        elif report.findings:
            text = findings_json(report.findings)
            if text is None:
                super().add(report)
                return
            self._write_findings(text, len(report.findings))
        self._add_record(report)

    def _write_findings(self, text: str, count: int) -> None:
        if count:
            self._findings.write(("\n    " if not self._finding_count else ",\n    ") + text)
            self._finding_count += count

    def add_report(self, report: ReportResult) -> None:
        self._add_findings(report.findings)
        self._add_record(report)

    def _add_record(self, report: ReportResult) -> None:
        if report.record is not None:  # already JSON text, and inert (supervision.results.report_record_json)
            self._records.write(("\n    " if not self._record_count else ",\n    ") + report.record)
            self._record_count += 1

    def _add_findings(self, findings: list[Finding]) -> None:
        self._write_findings(_finding_lines(findings), len(findings))

    def _add_records(self, records: list[dict[str, Any]]) -> None:
        if records:
            self._records.write(("\n    " if not self._record_count else ",\n    ")
                                + lines(records, ",\n    "))
            self._record_count += len(records)

    def end_document(self, run: CheckResult) -> None:
        self._add_findings(run.findings)
        self._add_records(run.reports)
        self._write('{\n  "summary": ' + _encode(summary(run)) + ',\n  "findings": [')
        self._copy(self._findings)
        self._write("\n  ]" if self._finding_count else "]")
        # Each report's unit, period and statuses: what `ipm diff` compares when given a saved result.
        self._write(',\n  "reports": [')
        self._copy(self._records)
        self._write("\n  ]\n}\n" if self._record_count else "]\n}\n")
