"""`--format junit`: parse the XML and check the suite, its test cases and their failures."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from ipmeasures.findings import Finding, Severity
from ipmeasures.reporters.base import CheckResult
from ipmeasures.reporters.junit import JunitReporter


def parse(result: CheckResult) -> ET.Element:
    return ET.fromstring(JunitReporter().render(result))


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


def test_each_error_is_a_failure_with_its_location(result):
    police = cases(parse(result))["reports/市公安局.yaml"]
    failures = police.findall("failure")
    assert [(f.get("type"), f.get("message")) for f in failures] == [
        ("missing-duty", "未报告措施 1 的落实情况"),
        ("unknown-status", "状态“进行中”无效，应为：已完成, 推进中|未启动\n（见 50% 说明）"),
    ]
    assert failures[0].text == (
        "reports/市公安局.yaml: [missing-duty] 未报告措施 1 的落实情况 (市公安局, 措施 1)"
    )
    assert failures[1].text == ("reports/市公安局.yaml:7:13: [unknown-status] "
                                "状态“进行中”无效，应为：已完成, 推进中|未启动\n（见 50% 说明） "
                                "(市公安局, 措施 1 / 任务 1)")


def test_warnings_go_to_system_out(result):
    police = cases(parse(result))["reports/市公安局.yaml"]
    assert [out.text for out in police.findall("system-out")] == [
        "警告 reports/市公安局.yaml:12:5: [empty-evidence] 已完成的任务 5 未附佐证材料 (市公安局, 任务 5)"
    ]


def test_suppressed_finding_is_not_a_failure(result):
    court = cases(parse(result))["reports/市法院.yaml"]
    assert court.findall("failure") == []
    assert [out.text for out in court.findall("system-out")] == [
        ("警告（已豁免） reports/市法院.yaml:4:5: [empty-evidence] "
         "已完成的措施 3 未附佐证材料 (市法院, 措施 3)")
    ]


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
    assert failure.get("message") == "控制字符\ufffd与<&>"


def test_clean_run(clean_result):
    suite = parse(clean_result)
    assert (suite.get("tests"), suite.get("failures"), suite.get("errors")) == ("1", "0", "0")
    assert [c.get("name") for c in suite.findall("testcase")] == ["reports/市检察院.yaml"]
