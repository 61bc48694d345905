"""`--format junit`: validate against the strict Ant JUnit schema, then check the suite, its test cases and
their failures. The XSD is vendored in tests/schemas/ (see the README there for its source)."""

from __future__ import annotations

import datetime as dt
import socket
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import xmlschema

from ipmeasures.escaping import xml_text
from ipmeasures.findings import Finding, Severity
from ipmeasures.reporters.base import CheckResult
from ipmeasures.reporters.junit import JunitReporter

ANT_SCHEMA = xmlschema.XMLSchema(Path(__file__).parent.parent / "schemas" / "JUnit.xsd")


def parse(result: CheckResult) -> ET.Element:
    text = JunitReporter().render(result)
    ANT_SCHEMA.validate(text)
    return ET.fromstring(text)


def test_the_strict_schema_rejects_what_jenkins_and_ant_reject():
    # it must be able to fail: two failures in one test case, a suite without timestamp and hostname
    base = ('<testsuite name="s" timestamp="2022-07-05T10:00:00" hostname="h" tests="1" failures="1" '
            'errors="0" time="0.1"><properties/>{case}<system-out/><system-err/></testsuite>')
    ANT_SCHEMA.validate(base.format(case='<testcase name="a" classname="a" time="0"><failure type="x"/></testcase>'))
    with pytest.raises(xmlschema.XMLSchemaValidationError):
        ANT_SCHEMA.validate(base.format(
            case='<testcase name="a" classname="a" time="0"><failure type="x"/><failure type="y"/></testcase>'))
    with pytest.raises(xmlschema.XMLSchemaValidationError):
        ANT_SCHEMA.validate('<testsuite name="s" tests="0" failures="0" errors="0" time="0"><properties/>'
                            '<system-out/><system-err/></testsuite>')


def test_suite_says_when_where_and_how_long(result):
    started = dt.datetime(2022, 7, 5, 18, 30, 5, tzinfo=dt.timezone(dt.timedelta(hours=8)))
    timed = CheckResult(findings=result.findings, files=result.files, checked_files=result.checked_files,
                        started=started, duration=1.23456, tool_version="9.8.7")
    suite = ET.fromstring(JunitReporter().render(timed))
    assert suite.get("timestamp") == "2022-07-05T10:30:05"  # 18:30 in UTC+8, written in UTC
    assert suite.get("hostname") == socket.gethostname()
    assert suite.get("time") == "1.235"
    assert {p.get("name"): p.get("value") for p in suite.find("properties")} == {
        "ipm.version": "9.8.7", "timestamp.timezone": "UTC"}
    assert {case.get("time") for case in suite.findall("testcase")} == {"0"}


def cases(suite: ET.Element) -> dict[str, ET.Element]:
    return {case.get("name"): case for case in suite.findall("testcase")}


def test_one_suite_counting_files_as_test_cases(result):
    suite = parse(result)
    assert suite.tag == "testsuite"
    assert suite.get("name") == "ipm check"
    # three files checked; only 市公安局.yaml has an unsuppressed error
    assert (suite.get("tests"), suite.get("failures"), suite.get("errors"), suite.get("skipped")) == (
        "3", "1", "0", "0")


def test_every_checked_file_is_a_test_case_in_order(result):
    suite = parse(result)
    assert [(c.get("classname"), c.get("name")) for c in suite.findall("testcase")] == [
        ("reports/市公安局.yaml", "reports/市公安局.yaml"),
        ("reports/市法院.yaml", "reports/市法院.yaml"),
        ("reports/市检察院.yaml", "reports/市检察院.yaml"),
    ]


def test_a_files_errors_are_one_failure_listing_each_with_its_location(result):
    police = cases(parse(result))["reports/市公安局.yaml"]
    [failure] = police.findall("failure")
    assert failure.get("type") == "missing-duty"  # the first error's rule
    assert failure.get("message") == "2 个错误，第一个：未报告措施 1 的落实情况"
    assert failure.text.split("\n", 1)[0] == (
        "reports/市公安局.yaml: [missing-duty] 未报告措施 1 的落实情况 (市公安局, 措施 1)")
    assert failure.text.split("\n", 1)[1] == ("reports/市公安局.yaml:7:13: [unknown-status] "
                                               "状态“进行中”无效，应为：已完成, 推进中|未启动\\n（见 50% 说明） "
                                               "(市公安局, 措施 1 / 任务 1)")


def test_one_error_is_the_failure_message_itself():
    finding = Finding(rule_id="missing-duty", severity=Severity.ERROR, message="缺措施 2", file="a.yaml", line=3)
    [failure] = parse(CheckResult(findings=[finding], files=1, checked_files=["a.yaml"])).iter("failure")
    assert (failure.get("type"), failure.get("message")) == ("missing-duty", "缺措施 2")


def test_warnings_and_suppressed_findings_go_to_the_suites_system_out(result):
    suite = parse(result)
    assert [case.find("system-out") for case in suite.findall("testcase")] == [None, None, None]
    assert suite.find("system-out").text.split("\n") == [
        "警告 reports/市公安局.yaml:12:5: [empty-evidence] 已完成的任务 5 未附佐证材料 (市公安局, 任务 5)",
        "警告（已豁免） reports/市法院.yaml:4:5: [empty-evidence] 已完成的措施 3 未附佐证材料 (市法院, 措施 3)",
    ]


def test_suppressed_finding_is_not_a_failure(result):
    court = cases(parse(result))["reports/市法院.yaml"]
    assert court.findall("failure") == []


def test_clean_file_is_an_empty_passing_case(result):
    clean = cases(parse(result))["reports/市检察院.yaml"]
    assert list(clean) == []


def test_suppressed_error_does_not_fail_the_case():
    finding = Finding(rule_id="missing-duty", severity=Severity.ERROR, message="缺", file="a.yaml",
                      suppressed=True)
    suite = parse(CheckResult(findings=[finding], files=1, checked_files=["a.yaml"]))
    assert suite.get("failures") == "0"
    assert suite.find("testcase/failure") is None


def test_file_named_only_by_a_finding_still_gets_a_case():
    finding = Finding(rule_id="missing-duty", severity=Severity.ERROR, message="缺", file="b.yaml", line=2)
    suite = parse(CheckResult(findings=[finding], files=2, checked_files=["a.yaml"]))
    assert [c.get("name") for c in suite.findall("testcase")] == ["a.yaml", "b.yaml"]
    assert (suite.get("tests"), suite.get("failures")) == ("2", "1")


def test_characters_xml_cannot_carry_are_replaced():
    finding = Finding(rule_id="bad-text", severity=Severity.ERROR, message="控制字符\x01与<&>",
                      file="a.yaml", line=1)
    suite = parse(CheckResult(findings=[finding], files=1, checked_files=["a.yaml"]))
    failure = suite.find("testcase/failure")
    # the control character is written out visibly (escaping.inert) before the reporter sees it
    assert failure.get("message") == "控制字符\\x01与<&>"
    # and xml_text still keeps any character XML 1.0 cannot carry out of the document, written out as inert() does
    assert xml_text("a\x01\ufffeb\udcff") == "a\\x01\\ufffeb\\xff"


def test_clean_run(clean_result):
    suite = parse(clean_result)
    assert (suite.get("tests"), suite.get("failures"), suite.get("errors")) == ("1", "0", "0")
    assert [c.get("name") for c in suite.findall("testcase")] == ["reports/市检察院.yaml"]


def test_xml_text_replaces_exactly_what_xml_1_0_forbids():
    """Over every code point: written out iff outside XML 1.0's Char production
    (#x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF]), as escaping.inert() writes it:
    `\\x01`; a lone surrogate from a byte that is not UTF-8 (U+DC80-U+DCFF) as that byte, `\\xff`."""
    def allowed(code: int) -> bool:
        return code in (0x9, 0xA, 0xD) or 0x20 <= code <= 0xD7FF or 0xE000 <= code <= 0xFFFD or code >= 0x10000

    def shown(code: int) -> str:
        if code < 0x100:
            return f"\\x{code:02x}"
        return f"\\x{code - 0xDC00:02x}" if 0xDC80 <= code <= 0xDCFF else f"\\u{code:04x}"

    everything = "".join(map(chr, range(0x110000)))
    expected = "".join(c if allowed(ord(c)) else shown(ord(c)) for c in everything)
    assert xml_text(everything) == expected
