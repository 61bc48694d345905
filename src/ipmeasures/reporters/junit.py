"""`--format junit`: JUnit XML, one test case per checked file, one failure per error."""

from __future__ import annotations

import datetime as dt
import re
import socket
import xml.etree.ElementTree as ET

from ipmeasures.findings import Finding, Severity
from ipmeasures.i18n import _
from ipmeasures.reporters.base import CheckResult, Reporter, duty_label, location, severity_label

# Characters XML 1.0 cannot carry even escaped; a report's text may still contain them.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_text(text: str) -> str:
    """Replace characters XML 1.0 forbids with U+FFFD so the document always parses."""
    return _NOT_XML.sub("\ufffd", text)


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
    <failure> (all its unsuppressed errors), warnings and suppressed findings go to the suite's <system-out>."""

    description = _("JUnit XML：每个文件一个测试用例，供 CI 测试报告读取")

    def render(self, result: CheckResult) -> str:
        by_file: dict[str, list[Finding]] = {name: [] for name in result.files_in_order()}
        for finding in result.findings:
            by_file[finding.file].append(finding)

        started = result.started or dt.datetime.now(dt.UTC)
        # The Ant schema's timestamp has no zone: it is written in UTC, which the suite's properties say.
        timestamp = started.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S")
        suite = ET.Element("testsuite", name="ipm check", timestamp=timestamp,
                           hostname=xml_text(socket.gethostname().strip() or "localhost"))
        properties = ET.SubElement(suite, "properties")
        ET.SubElement(properties, "property", name="ipm.version", value=xml_text(result.tool_version))
        ET.SubElement(properties, "property", name="timestamp.timezone", value="UTC")
        failed = 0
        others: list[str] = []
        for name, findings in by_file.items():
            # Test cases are not timed one by one; the suite carries the time of the whole run.
            case = ET.SubElement(suite, "testcase", classname=xml_text(name), name=xml_text(name), time="0")
            errors = [f for f in findings if fails(f)]
            if errors:
                message = (errors[0].message if len(errors) == 1
                           else _("{count} 个错误，第一个：{message}").format(count=len(errors),
                                                                         message=errors[0].message))
                failure = ET.SubElement(case, "failure", type=xml_text(errors[0].rule_id),
                                        message=xml_text(message))
                failure.text = "\n".join(describe(f) for f in errors)
            others += [f"{severity_label(f)} {describe(f)}" for f in findings if not fails(f)]
            failed += bool(errors)
        ET.SubElement(suite, "system-out").text = "\n".join(others)
        ET.SubElement(suite, "system-err")
        # Counts are of test cases (files), as JUnit consumers expect: tests - failures - errors passed.
        suite.set("tests", str(len(by_file)))
        suite.set("failures", str(failed))
        suite.set("errors", "0")
        suite.set("skipped", "0")
        suite.set("time", f"{max(result.duration or 0.0, 0.0):.3f}")
        ET.indent(suite)
        return ET.tostring(suite, encoding="unicode", xml_declaration=True) + "\n"
