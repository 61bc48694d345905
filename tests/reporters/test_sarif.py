"""`--format sarif`: parse the log, validate it against the official SARIF 2.1.0 schema, check its values.

The schema is the OASIS one, vendored in tests/schemas/ (see the README there for its source). The
rules GitHub code scanning and the SARIF multitool's GitHub profile add on top of it (GH1001 every
result has a location with a URI, GH1003 a region with a start line, GH1005/GH1006 relative URIs or a
known checkout path) are checked by hand in `assert_github_can_map`.
"""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import unquote

import jsonschema
import pytest

from ipmeasures.findings import Finding, Severity
from ipmeasures.reporters.base import CheckResult
from ipmeasures.reporters.sarif import SarifReporter

SCHEMA = json.loads((Path(__file__).parent.parent / "schemas" / "sarif-schema-2.1.0.json").read_text("utf-8"))
VALIDATOR = jsonschema.Draft4Validator(SCHEMA)
URI_CHARACTERS = set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~:/?#[]@!$&'()*+,;=%")


def assert_github_can_map(log: dict) -> None:
    """What code scanning needs beyond the schema: every result located in a file at a line."""
    for run in log["runs"]:
        bases = run.get("originalUriBaseIds", {})
        for result in run["results"]:
            [location] = result["locations"]
            physical = location["physicalLocation"]
            artifact = physical["artifactLocation"]
            assert set(artifact["uri"]) <= URI_CHARACTERS, artifact["uri"]  # RFC 3986: no CJK, no spaces
            if "uriBaseId" in artifact:
                assert artifact["uriBaseId"] in bases
                assert not artifact["uri"].startswith(("/", "file:", "./", "../"))
                assert "//" not in artifact["uri"]
            else:
                assert artifact["uri"].startswith("file:///")
            assert physical["region"]["startLine"] >= 1
        for base in bases.values():
            assert base["uri"].startswith("file:///") and base["uri"].endswith("/")


def render(result: CheckResult, root: str | None = None) -> dict:
    log = json.loads(SarifReporter(root=root).render(result))
    VALIDATOR.validate(log)
    assert_github_can_map(log)
    return log


def test_official_schema_rejects_what_sarif_forbids():
    # the schema must be able to fail, or the validation in render() proves nothing
    good = {"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "ipm"}}, "results": [
        {"message": {"text": "x"}, "locations": [{"physicalLocation": {
            "artifactLocation": {"uri": "a.yaml"}, "region": {"startLine": 1}}}]}]}]}
    VALIDATOR.validate(good)
    for bad in (
        {"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "ipm"}}, "results": [
            {"message": {"text": "x"}, "locations": [{"physicalLocation": {
                "artifactLocation": {"uri": "a.yaml"}, "region": {"startLine": 0}}}]}]}]},
        {"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "ipm", "informationUrl": "x"}}}]},
        {"version": "2.1.0", "runs": [{"tool": {"driver": {}}}]},
        {"version": "2.0.0", "runs": []},
    ):
        with pytest.raises(jsonschema.ValidationError):
            VALIDATOR.validate(bad)


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
    assert results[1]["message"] == {"text": "状态“进行中”无效，应为：已完成, 推进中|未启动\\n（见 50% 说明）"}


def test_locations_are_relative_to_srcroot_with_a_region_for_every_result(result):
    run = render(result)["runs"][0]
    assert run["originalUriBaseIds"] == {"%SRCROOT%": {"uri": Path.cwd().as_uri() + "/"}}
    physical = [r["locations"][0]["physicalLocation"] for r in run["results"]]
    assert [unquote(p["artifactLocation"]["uri"]) for p in physical] == [
        "reports/市公安局.yaml", "reports/市公安局.yaml", "reports/市公安局.yaml", "reports/市法院.yaml"]
    assert {p["artifactLocation"]["uriBaseId"] for p in physical} == {"%SRCROOT%"}
    assert physical[0]["region"] == {"startLine": 1}  # the finding is about the whole file: its first line
    assert physical[1]["region"] == {"startLine": 7, "startColumn": 13}
    assert physical[2]["region"] == {"startLine": 12, "startColumn": 5}


def finding(file: str, line: int | None = None, column: int | None = None, rule: str = "r") -> Finding:
    return Finding(rule_id=rule, severity=Severity.ERROR, message="m", file=file, line=line, column=column)


def uris(log: dict) -> list[tuple[str, str | None, dict]]:
    out = []
    for r in log["runs"][0]["results"]:
        physical = r["locations"][0]["physicalLocation"]
        artifact = physical["artifactLocation"]
        out.append((unquote(artifact["uri"]), artifact.get("uriBaseId"), physical["region"]))
    return out


def test_spellings_of_a_path_inside_the_root_become_one_relative_uri(tmp_path, monkeypatch):
    root = tmp_path / "仓库"
    root.mkdir()
    monkeypatch.chdir(root)
    spellings = [".//a.yaml", "./a.yaml", "a.yaml", "sub/../a.yaml", str(root / "a.yaml"), str(root) + "//a.yaml",
                 "reports\\第 1 季度\\市法院.yaml", "./reports//第 1 季度/./市法院.yaml",
                 str(root / "reports" / "第 1 季度" / "市法院.yaml")]
    log = render(CheckResult(findings=[finding(name, line=3) for name in spellings], files=len(spellings)),
                 root=str(root))
    assert uris(log) == [("a.yaml", "%SRCROOT%", {"startLine": 3})] * 6 + [
        ("reports/第 1 季度/市法院.yaml", "%SRCROOT%", {"startLine": 3})] * 3
    assert unquote(log["runs"][0]["originalUriBaseIds"]["%SRCROOT%"]["uri"]) == f"file://{root}/"


def test_paths_outside_the_root_stay_absolute_file_uris(tmp_path, monkeypatch):
    root = tmp_path / "repo"
    root.mkdir()
    outside = tmp_path / "别处" / "a.yaml"
    monkeypatch.chdir(root)  # a relative path is relative to where it was typed
    log = render(CheckResult(findings=[finding(str(outside), line=0, column=2), finding("../b.yaml", line=2),
                                       finding("C:\\报告\\a.yaml", line=1)], files=3), root=str(root))
    assert uris(log)[:2] == [(f"file://{outside}", None, {"startLine": 1}),
                             (f"file://{tmp_path / 'b.yaml'}", None, {"startLine": 2})]
    assert uris(log)[2][1] is None  # a Windows drive path is never taken as inside the root


def test_a_finding_about_a_folder_points_at_its_first_report(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    # missing-report names the folder the reports were looked for in; code scanning needs a file and a line
    checked = ["reports/2022-H1/市公安局.yaml", "reports/2022-H1/市法院.yaml", "other/x.yaml"]
    findings = [finding("reports/2022-H1", rule="missing-report"), finding("reports", rule="missing-report"),
                finding("other", rule="missing-report"), finding("empty", rule="missing-report")]
    log = render(CheckResult(findings=findings, files=3, checked_files=checked), root=str(tmp_path))
    assert uris(log) == [("reports/2022-H1/市公安局.yaml", "%SRCROOT%", {"startLine": 1}),
                         ("reports/2022-H1/市公安局.yaml", "%SRCROOT%", {"startLine": 1}),
                         ("other/x.yaml", "%SRCROOT%", {"startLine": 1}),
                         ("empty", "%SRCROOT%", {"startLine": 1})]


def test_information_uri_only_when_the_package_names_its_home(result, monkeypatch):
    from ipmeasures.reporters import sarif

    driver = render(result)["runs"][0]["tool"]["driver"]
    assert driver.get("informationUri") == sarif.information_uri()
    monkeypatch.setattr(sarif, "information_uri", lambda: "https://example.org/ipmeasures")
    assert render(result)["runs"][0]["tool"]["driver"]["informationUri"] == "https://example.org/ipmeasures"


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


def test_cli_with_an_absolute_path_and_missing_reports_maps_every_result(tmp_path, monkeypatch):
    # what a CI job does: run from the checkout's root, name the reports folder by its absolute path
    import shutil

    from click.testing import CliRunner

    from ipmeasures.cli import cli

    fixtures = Path(__file__).resolve().parent.parent / "fixtures" / "reports" / "pass"
    reports = tmp_path / "reports" / "2022-H1"
    reports.mkdir(parents=True)
    shutil.copy(fixtures / "市公安局-2022-H1.yaml", reports / "市公安局.yaml")
    monkeypatch.chdir(tmp_path)
    out = CliRunner().invoke(cli, ["check", "--expect-all", "--today", "2022-12-31", "--format", "sarif",
                                   str(tmp_path / "reports")], catch_exceptions=False)
    assert out.exit_code == 1
    log = json.loads(out.stdout)
    VALIDATOR.validate(log)
    assert_github_can_map(log)
    located = uris(log)
    rules = [r["ruleId"] for r in log["runs"][0]["results"]]
    assert "missing-report" in rules
    assert {uri for uri, _base, _region in located} == {"reports/2022-H1/市公安局.yaml"}
    assert {base for _uri, base, _region in located} == {"%SRCROOT%"}
