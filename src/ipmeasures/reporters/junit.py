"""`--format junit`: JUnit XML, one test case per checked file, one failure per error."""

from __future__ import annotations

import datetime as dt
import json

from ipmeasures.escaping import xml_text
from ipmeasures.findings import Finding, Severity
from ipmeasures.i18n import N_, _
from ipmeasures.jsontext import dumps
from ipmeasures.reporters.base import (
    CheckResult,
    Reporter,
    duty_label,
    location,
    severity_label,
    spool,
)
from ipmeasures.results import ReportResult


def describe(finding: Finding) -> str:
    """`file:line:col: [rule] message`, then unit and measure/task when known."""
    text = f"{location(finding)}: [{finding.rule_id}] {finding.message}"
    extra = [part for part in (finding.unit, duty_label(finding)) if part]
    if extra:
        text += f" ({', '.join(extra)})"
    return xml_text(text)


def fails(finding: Finding) -> bool:
    """Only an unsuppressed error fails a test case; warnings and suppressed findings are output."""
    return finding.severity is Severity.ERROR and not finding.suppressed


class JunitReporter(Reporter):
    """One <testsuite> as the strict Ant JUnit schema has it: a file is a test case with at most one
    <failure> (all its unsuppressed errors), warnings and suppressed findings go to the suite's <system-out>.

    The suite's opening tag carries counts known only at the end, and a cross-file finding (duplicate-report)
    belongs to a file checked long before: each file's findings are spooled as one JSON line as the check
    goes, and the document is written from the spool at the end, a file at a time.
    """

    description = N_("XML，每个文件一个测试用例，供 CI 测试报告读取")
    machine = True

    def begin(self, out, **options) -> None:
        super().begin(out, **options)
        self._cases = spool()

    def add_report(self, report: ReportResult) -> None:
        self._cases.write(dumps([report.file, [_entry(f) for f in report.findings]], indent=None) + "\n")

    def end_document(self, run: CheckResult) -> None:
        import socket

        # The cross-file findings, by file: those of a checked file join its test case, the others make
        # test cases of their own after the checked files, sorted (as CheckResult.files_in_order).
        late: dict[str, list[list]] = {}
        for finding in run.findings:
            late.setdefault(finding.file, []).append(_entry(finding))
        cases, failed, seen = 0, 0, set()  # seen: every checked file's name, once, for this one pass
        for file, entries in self._read_cases(late):
            cases += 1
            failed += any(entry[0] for entry in entries)
            seen.add(file)
        extra = sorted(file for file in late if file not in seen)
        cases += len(extra)
        failed += sum(1 for file in extra if any(entry[0] for entry in late[file]))

        started = run.started or dt.datetime.now(dt.UTC)
        # The Ant schema's timestamp has no zone: it is written in UTC, which the suite's properties say.
        timestamp = started.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S")
        hostname = socket.gethostname().strip() or "localhost"
        # Counts are of test cases (files), as JUnit consumers expect: tests - failures - errors passed.
        self._write("<?xml version='1.0' encoding='utf-8'?>\n"
                    f"<testsuite name=\"ipm check\" timestamp={_attr(timestamp)} hostname={_attr(hostname)} "
                    f"tests=\"{cases}\" failures=\"{failed}\" errors=\"0\" skipped=\"0\" "
                    f"time=\"{max(run.duration or 0.0, 0.0):.3f}\">\n"
                    "  <properties>\n"
                    f"    <property name=\"ipm.version\" value={_attr(run.tool_version)} />\n"
                    "    <property name=\"timestamp.timezone\" value=\"UTC\" />\n"
                    "  </properties>\n")
        others = spool()
        for file, entries in (*self._read_cases(late), *((file, late[file]) for file in extra)):
            self._write_case(file, entries, others)
        self._cases.close()
        self._write("  <system-out>")
        self._copy(others)
        self._write("</system-out>\n  <system-err />\n</testsuite>\n")

    def _read_cases(self, late: dict[str, list[list]]):
        self._cases.seek(0)
        for line in self._cases:
            file, entries = json.loads(line)
            yield file, entries + late.get(file, [])

    def _write_case(self, file: str, entries: list[list], others) -> None:
        # Test cases are not timed one by one; the suite carries the time of the whole run.
        name = _attr(xml_text(file))
        errors = [entry for entry in entries if entry[0]]
        if not errors:
            self._write(f"  <testcase classname={name} name={name} time=\"0\" />\n")
        else:
            _fails, rule, message, _line = errors[0]
            if len(errors) > 1:
                message = _("{count} 个错误，第一个：{message}").format(count=len(errors), message=message)
            text = "\n".join(entry[3] for entry in errors)
            self._write(f"  <testcase classname={name} name={name} time=\"0\">\n"
                        f"    <failure type={_attr(xml_text(rule))} message={_attr(xml_text(message))}>"
                        f"{_escape(text)}</failure>\n  </testcase>\n")
        for fails, _rule, _message, text in entries:
            if not fails:
                others.write(("\n" if others.size else "") + _escape(text))


def _entry(finding: Finding) -> list:
    """What the document needs of a finding: whether it fails its file, rule, message, and its line of text
    (a failure's lines are `describe`, the others' are prefixed with their severity label)."""
    if fails(finding):
        return [True, finding.rule_id, finding.message, describe(finding)]
    return [False, finding.rule_id, finding.message, f"{severity_label(finding)} {describe(finding)}"]


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _attr(text: str) -> str:
    return '"' + _escape(text).replace('"', "&quot;").replace("\n", "&#10;").replace("\r", "&#13;").replace(
        "\t", "&#09;") + '"'
