"""`--format sarif`: parse the log, check it against SARIF 2.1.0's structure, and check its values.

The official schema cannot be downloaded at test time, so `SARIF_SUBSET` restates, by hand from the
SARIF 2.1.0 specification, the parts of it that this reporter uses: required members, enums, minimums,
and no member the specification does not define (a misspelt key fails).
"""

from __future__ import annotations

import json
from urllib.parse import unquote

import jsonschema
import pytest

from ipmeasures.findings import Finding, Severity
from ipmeasures.reporters.base import CheckResult
from ipmeasures.reporters.sarif import SarifReporter

MESSAGE = {"type": "object", "required": ["text"], "properties": {"text": {"type": "string"}},
           "additionalProperties": False}
LEVEL = {"enum": ["none", "note", "warning", "error"]}
SARIF_SUBSET = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "type": "object",
    "required": ["version", "runs"],
    "additionalProperties": False,
    "properties": {
        "$schema": {"type": "string"},
        "version": {"const": "2.1.0"},
        "runs": {"type": "array", "items": {"$ref": "#/$defs/run"}},
    },
    "$defs": {
        "run": {
            "type": "object",
            "required": ["tool"],
            "additionalProperties": False,
            "properties": {
                "tool": {
                    "type": "object", "required": ["driver"], "additionalProperties": False,
                    "properties": {"driver": {"$ref": "#/$defs/toolComponent"}},
                },
                "columnKind": {"enum": ["utf16CodeUnits", "unicodeCodePoints"]},
                "results": {"type": "array", "items": {"$ref": "#/$defs/result"}},
            },
        },
        "toolComponent": {
            "type": "object",
            "required": ["name"],
            "additionalProperties": False,
            "properties": {
                "name": {"type": "string"},
                "version": {"type": "string"},
                "informationUri": {"type": "string", "pattern": "^https?://"},
                "rules": {"type": "array", "items": {"$ref": "#/$defs/reportingDescriptor"}},
            },
        },
        "reportingDescriptor": {
            "type": "object",
            "required": ["id"],
            "additionalProperties": False,
            "properties": {
                "id": {"type": "string"},
                "shortDescription": MESSAGE,
                "fullDescription": MESSAGE,
                "help": MESSAGE,
                "defaultConfiguration": {
                    "type": "object", "additionalProperties": False, "properties": {"level": LEVEL},
                },
            },
        },
        "result": {
            "type": "object",
            "required": ["message"],
            "additionalProperties": False,
            "properties": {
                "ruleId": {"type": "string"},
                "ruleIndex": {"type": "integer", "minimum": -1},
                "level": LEVEL,
                "message": MESSAGE,
                "locations": {"type": "array", "items": {"$ref": "#/$defs/location"}},
                "suppressions": {
                    "type": "array", "minItems": 0,
                    "items": {
                        "type": "object", "required": ["kind"], "additionalProperties": False,
                        "properties": {"kind": {"enum": ["inSource", "external"]},
                                       "justification": {"type": "string"}},
                    },
                },
                "properties": {"type": "object"},
            },
        },
        "location": {
            "type": "object",
            "additionalProperties": False,
            "properties": {
                "physicalLocation": {
                    "type": "object",
                    "additionalProperties": False,
                    "properties": {
                        "artifactLocation": {
                            "type": "object", "additionalProperties": False,
                            # RFC 3986: no spaces, backslashes or non-ASCII characters in a URI
                            "properties": {"uri": {"type": "string", "pattern": "^[!#-\\[\\]-~]+$"}},
                        },
                        "region": {
                            "type": "object", "additionalProperties": False, "minProperties": 1,
                            "properties": {"startLine": {"type": "integer", "minimum": 1},
                                           "startColumn": {"type": "integer", "minimum": 1}},
                        },
                    },
                },
            },
        },
    },
}


def render(result: CheckResult) -> dict:
    log = json.loads(SarifReporter().render(result))
    jsonschema.validate(log, SARIF_SUBSET)
    return log


def test_subset_schema_rejects_what_sarif_forbids():
    # the schema must be able to fail, or the validation in render() proves nothing
    bad = {"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "ipm"}}, "results": [
        {"message": {"text": "x"}, "locations": [{"physicalLocation": {"region": {"startLine": 0}}}]}]}]}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(bad, SARIF_SUBSET)


def test_log_header_and_one_run(result):
    log = render(result)
    assert log["$schema"] == "https://json.schemastore.org/sarif-2.1.0.json"
    assert log["version"] == "2.1.0"
    assert len(log["runs"]) == 1
    assert log["runs"][0]["columnKind"] == "unicodeCodePoints"


def test_driver_describes_every_rule(result):
    driver = render(result)["runs"][0]["tool"]["driver"]
    assert (driver["name"], driver["version"]) == ("ipm", "9.8.7")
    assert [rule["id"] for rule in driver["rules"]] == ["missing-duty", "unknown-status", "empty-evidence"]
    assert driver["rules"][2] == {
        "id": "empty-evidence",
        "shortDescription": {"text": "已完成的条目没有佐证材料"},
        "fullDescription": {"text": "status 为 已完成 时应填写 evidence。补充文件名或链接。"},
        "help": {"text": "status 为 已完成 时应填写 evidence。补充文件名或链接。"},
        "defaultConfiguration": {"level": "warning"},
    }
    levels = [rule["defaultConfiguration"]["level"] for rule in driver["rules"]]
    assert levels == ["error", "error", "warning"]


def test_results_point_at_their_rules(result):
    run = render(result)["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    results = run["results"]
    assert [(r["ruleId"], r["ruleIndex"], r["level"]) for r in results] == [
        ("missing-duty", 0, "error"),
        ("unknown-status", 1, "error"),
        ("empty-evidence", 2, "warning"),
        ("empty-evidence", 2, "warning"),
    ]
    assert all(rules[r["ruleIndex"]]["id"] == r["ruleId"] for r in results)
    assert results[1]["message"] == {"text": "状态“进行中”无效，应为：已完成, 推进中|未启动\n（见 50% 说明）"}


def test_locations_are_relative_uris_with_regions_only_where_known(result):
    results = render(result)["runs"][0]["results"]
    physical = [r["locations"][0]["physicalLocation"] for r in results]
    assert [unquote(p["artifactLocation"]["uri"]) for p in physical] == [
        "reports/市公安局.yaml", "reports/市公安局.yaml", "reports/市公安局.yaml", "reports/市法院.yaml"]
    assert "region" not in physical[0]  # the finding has no line
    assert physical[1]["region"] == {"startLine": 7, "startColumn": 13}
    assert physical[2]["region"] == {"startLine": 12, "startColumn": 5}


def test_line_without_column_and_paths_from_windows():
    findings = [
        Finding(rule_id="r", severity=Severity.ERROR, message="m", file="reports\\第 1 季度\\市法院.yaml",
                line=3),
        Finding(rule_id="r", severity=Severity.ERROR, message="m", file="/srv/报告/a.yaml", line=0, column=2),
        Finding(rule_id="r", severity=Severity.ERROR, message="m", file="C:\\报告\\a.yaml"),
    ]
    results = render(CheckResult(findings=findings, files=3))["runs"][0]["results"]
    physical = [r["locations"][0]["physicalLocation"] for r in results]
    assert unquote(physical[0]["artifactLocation"]["uri"]) == "reports/第 1 季度/市法院.yaml"
    assert physical[0]["region"] == {"startLine": 3}
    assert unquote(physical[1]["artifactLocation"]["uri"]) == "file:///srv/报告/a.yaml"
    assert "region" not in physical[1]  # line 0 is not a SARIF line
    assert unquote(physical[2]["artifactLocation"]["uri"]) == "file:///C:/报告/a.yaml"


def test_only_the_suppressed_finding_carries_a_suppression(result):
    results = render(result)["runs"][0]["results"]
    assert ["suppressions" in r for r in results] == [False, False, False, True]
    [suppression] = results[3]["suppressions"]
    assert suppression["kind"] == "external"
    assert suppression["justification"]


def test_unit_measure_task_and_field_are_properties(result):
    results = render(result)["runs"][0]["results"]
    assert results[0]["properties"] == {"unit": "市公安局", "measure": 1}
    assert results[1]["properties"] == {
        "field": "items.0.status", "unit": "市公安局", "measure": 1, "task": 1}
    assert results[2]["properties"] == {"field": "items.1.evidence", "unit": "市公安局", "task": 5}


def test_rule_missing_from_the_registry_is_still_described():
    finding = Finding(rule_id="retired-rule", severity=Severity.WARNING, message="旧规则", file="a.yaml")
    run = render(CheckResult(findings=[finding], files=1))["runs"][0]
    assert run["tool"]["driver"]["rules"] == [
        {"id": "retired-rule", "defaultConfiguration": {"level": "warning"}}]
    assert run["results"][0]["ruleIndex"] == 0


def test_clean_run(clean_result):
    run = render(clean_result)["runs"][0]
    assert run["results"] == []
    assert len(run["tool"]["driver"]["rules"]) == 3
