"""`--format codequality`: GitLab's Code Quality report, parsed, with the members GitLab requires.

GitLab's documented required members (Code Quality report format): description, check_name,
fingerprint, severity (info|minor|major|critical|blocker), location.path, location.lines.begin.
"""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from ipmeasures.findings import Finding, Severity
from ipmeasures.reporters.base import CheckResult
from ipmeasures.reporters.codequality import CodeQualityReporter

# Restated by hand from GitLab's documentation of the Code Quality report format.
GITLAB_CODE_QUALITY = {
    "type": "array",
    "items": {
        "type": "object",
        "required": ["description", "check_name", "fingerprint", "severity", "location"],
        "properties": {
            "description": {"type": "string", "minLength": 1},
            "check_name": {"type": "string", "minLength": 1},
            "fingerprint": {"type": "string", "pattern": "^[0-9a-f]{64}$"},
            "severity": {"enum": ["info", "minor", "major", "critical", "blocker"]},
            "location": {
                "type": "object",
                "required": ["path", "lines"],
                "properties": {
                    "path": {"type": "string", "not": {"pattern": "^(/|\\./|\\.\\./|[A-Za-z]:)"}},
                    "lines": {"type": "object", "required": ["begin"],
                              "properties": {"begin": {"type": "integer", "minimum": 1}}},
                },
            },
        },
    },
}


def render(result: CheckResult) -> list[dict]:
    issues = json.loads(CodeQualityReporter().render(result))
    jsonschema.validate(issues, GITLAB_CODE_QUALITY)
    return issues


def test_one_issue_per_unsuppressed_finding(result):
    issues = render(result)
    assert [(i["check_name"], i["severity"], i["location"]["path"], i["location"]["lines"]["begin"])
            for i in issues] == [
        ("missing-duty", "major", "reports/市公安局.yaml", 1),  # no line: the file's first
        ("unknown-status", "major", "reports/市公安局.yaml", 7),
        ("empty-evidence", "minor", "reports/市公安局.yaml", 12),
        # the suppressed warning in 市法院.yaml is not an issue
    ]
    assert issues[1]["description"] == "状态“进行中”无效，应为：已完成, 推进中|未启动\\n（见 50% 说明）"  # as in SARIF


def test_fingerprints_are_unique_and_survive_moved_lines():
    def finding(line: int, message: str = "缺少措施 3") -> Finding:
        return Finding(rule_id="missing-duty", severity=Severity.ERROR, message=message, file="a.yaml", line=line)

    first = render(CheckResult(findings=[finding(3), finding(9), finding(9, "缺少措施 4")], files=1))
    prints = [i["fingerprint"] for i in first]
    assert len(set(prints)) == 3  # two identical findings still get two fingerprints
    moved = render(CheckResult(findings=[finding(5), finding(12), finding(12, "缺少措施 4")], files=1))
    assert [i["fingerprint"] for i in moved] == prints


def test_paths_are_repository_relative(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    findings = [Finding(rule_id="r", severity=Severity.WARNING, message="m", file=name, line=2)
                for name in (str(tmp_path / "reports" / "a.yaml"), ".//reports/a.yaml", "reports\\a.yaml")]
    assert {i["location"]["path"] for i in render(CheckResult(findings=findings, files=1))} == {"reports/a.yaml"}


def test_a_clean_run_is_an_empty_array(clean_result):
    assert render(clean_result) == []


@pytest.mark.parametrize("bad", [
    [{"description": "m", "check_name": "r", "fingerprint": "x", "severity": "major",
      "location": {"path": "a.yaml", "lines": {"begin": 1}}}],
    [{"description": "m", "check_name": "r", "fingerprint": "0" * 64, "severity": "error",
      "location": {"path": "a.yaml", "lines": {"begin": 1}}}],
    [{"description": "m", "check_name": "r", "fingerprint": "0" * 64, "severity": "major",
      "location": {"path": "/abs/a.yaml", "lines": {"begin": 1}}}],
])
def test_the_stated_format_can_fail(bad):
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(bad, GITLAB_CODE_QUALITY)


def test_a_ci_rerun_replaces_its_own_report_but_no_other_file(tmp_path):
    from click.testing import CliRunner

    from ipmeasures.cli import cli

    reports = Path(__file__).resolve().parent.parent / "fixtures" / "reports" / "fail" / "missing-evidence.yaml"
    out = tmp_path / "gl-code-quality-report.json"
    for _run in range(2):
        done = CliRunner().invoke(cli, ["check", "--no-config", str(reports), "--output", f"codequality={out}"],
                                  catch_exceptions=False)
        assert done.exit_code == 1, done.stderr
        assert {i["check_name"] for i in render_text(out.read_text(encoding="utf-8"))} == {"missing-evidence"}
    other = tmp_path / "notes.json"
    other.write_text('{"mine": true}\n', encoding="utf-8")
    done = CliRunner().invoke(cli, ["check", "--no-config", str(reports), "--output", f"codequality={other}"],
                              catch_exceptions=False)
    assert done.exit_code == 1 and other.read_text(encoding="utf-8") == '{"mine": true}\n'


def render_text(text: str) -> list[dict]:
    issues = json.loads(text)
    jsonschema.validate(issues, GITLAB_CODE_QUALITY)
    return issues
