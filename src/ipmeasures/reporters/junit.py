"""`--format junit`: JUnit XML, one test case per checked file, one failure per error."""

from __future__ import annotations

import re
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
    """One <testsuite>; a file is a test case, an unsuppressed error a <failure>, the rest <system-out>."""

    description = _("JUnit XML：每个文件一个测试用例，供 CI 测试报告读取")

    def render(self, result: CheckResult) -> str:
        by_file: dict[str, list[Finding]] = {name: [] for name in result.files_in_order()}
        for finding in result.findings:
            by_file[finding.file].append(finding)

        suite = ET.Element("testsuite", name="ipm check")
        failed = 0
        for name, findings in by_file.items():
            case = ET.SubElement(suite, "testcase", classname=xml_text(name), name=xml_text(name))
            errors = [f for f in findings if fails(f)]
            for finding in errors:
                failure = ET.SubElement(case, "failure", type=xml_text(finding.rule_id),
                                        message=xml_text(finding.message))
                failure.text = describe(finding)
            others = [f for f in findings if not fails(f)]
            if others:
                out = ET.SubElement(case, "system-out")
                out.text = "\n".join(f"{severity_label(f)} {describe(f)}" for f in others)
            failed += bool(errors)
        # Counts are of test cases (files), as JUnit consumers expect: tests - failures - errors passed.
        suite.set("tests", str(len(by_file)))
        suite.set("failures", str(failed))
        suite.set("errors", "0")
        suite.set("skipped", "0")
        ET.indent(suite)
        return ET.tostring(suite, encoding="unicode", xml_declaration=True) + "\n"
