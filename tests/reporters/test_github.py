"""`--format github`: the exact workflow-command lines, escaping included, and the job summary."""

from __future__ import annotations

from ipmeasures.findings import Finding, Severity
from ipmeasures.reporters.base import CheckResult
from ipmeasures.reporters.github import GithubReporter, append_step_summary, command


def test_one_line_per_unsuppressed_finding_then_the_summary(result):
    assert GithubReporter().render(result).splitlines() == [
        # no line: neither line nor col is given
        "::error file=reports/市公安局.yaml,title=missing-duty::未报告措施 1 的落实情况",
        # in the message only % is escaped; ':' and ',' stay; the line break was made visible before any
        # reporter saw it (CheckResult, escaping.inert)
        ("::error file=reports/市公安局.yaml,line=7,col=13,title=unknown-status::"
         "状态“进行中”无效，应为：已完成, 推进中|未启动\\n（见 50%25 说明）"),
        ("::warning file=reports/市公安局.yaml,line=12,col=5,title=empty-evidence::"
         "已完成的任务 5 未附佐证材料"),
        # the suppressed warning in 市法院.yaml is not annotated, only counted
        "::notice::ipm check：文件 3 个，错误 2，警告 1，已豁免 1",
    ]


def test_properties_escape_colon_comma_percent_and_newlines():
    finding = Finding(rule_id="odd-name", severity=Severity.WARNING, message="a:b,c%d\r\ne",
                      file="reports/Q1:补报,100%\n.yaml", line=3, column=None)
    result = CheckResult(findings=[finding], files=1)
    # CR and LF reach the reporter already written out (escaping.inert); ':' ',' '%' are GitHub's escapes
    assert GithubReporter().render(result).splitlines()[0] == (
        "::warning file=reports/Q1%3A补报%2C100%25\\n.yaml,line=3,title=odd-name::a:b,c%25d\\r\\ne"
    )
    # and the workflow-command escaping itself still turns raw CR and LF into %0D and %0A
    assert command("warning", "a\r\nb", {"file": "x\ny"}) == "::warning file=x%0Ay::a%0D%0Ab"


def test_column_without_line_is_left_out():
    finding = Finding(rule_id="missing-duty", severity=Severity.ERROR, message="缺", file="a.yaml", column=4)
    result = CheckResult(findings=[finding], files=1)
    assert GithubReporter().render(result).splitlines()[0] == "::error file=a.yaml,title=missing-duty::缺"


def test_clean_run_prints_only_the_summary(clean_result):
    assert GithubReporter().render(clean_result) == (
        "::notice::ipm check：文件 1 个，错误 0，警告 0，已豁免 0\n"
    )


def test_step_summary_is_appended_when_the_variable_is_set(result, tmp_path, monkeypatch):
    summary = tmp_path / "step_summary.md"
    summary.write_text("earlier step\n", encoding="utf-8")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))

    assert append_step_summary(result) is True

    lines = summary.read_text(encoding="utf-8").splitlines()
    assert lines[:4] == ["earlier step", "## ipm check 检查结果", "", "文件 3 个，错误 2，警告 1，已豁免 1"]
    assert lines[-1] == (
        "| reports/市法院.yaml:4 | 警告（已豁免） | empty-evidence | "
        "已完成的措施 3 未附佐证材料 | 市法院 | 措施 3 |"
    )


def test_step_summary_does_nothing_without_the_variable(result, tmp_path, monkeypatch):
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    monkeypatch.chdir(tmp_path)
    assert append_step_summary(result) is False
    assert append_step_summary(result, environ={"GITHUB_STEP_SUMMARY": ""}) is False
    assert list(tmp_path.iterdir()) == []


def test_step_summary_takes_an_explicit_environment(result, tmp_path):
    summary = tmp_path / "s.md"
    assert append_step_summary(result, environ={"GITHUB_STEP_SUMMARY": str(summary)}) is True
    assert summary.read_text(encoding="utf-8").startswith("## ipm check 检查结果\n")


def test_unwritable_step_summary_is_a_warning_not_a_crash(result, tmp_path, capsys):
    target = tmp_path / "missing-dir" / "summary.md"
    assert append_step_summary(result, environ={"GITHUB_STEP_SUMMARY": str(target)}) is False
    assert "GITHUB_STEP_SUMMARY" in capsys.readouterr().err and not target.exists()


def many_findings(count: int) -> list[Finding]:
    """`count` findings over 144 files, a third of them errors, with long messages (unfilled templates)."""
    findings = []
    for i in range(count):
        severity = Severity.ERROR if i % 3 == 2 else Severity.WARNING
        findings.append(Finding(rule_id="missing-duty" if severity is Severity.ERROR else "empty-progress",
                                severity=severity, message=f"第 {i} 条：" + "未填写落实情况，" * 12,
                                file=f"reports/2022-H1/单位{i % 144:03d}.yaml", line=i % 90 + 1, column=5,
                                unit="市公安局", measure=i % 22 + 1, suppressed=i % 50 == 0))
    return sorted(findings, key=Finding.sort_key)


def table_rows(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.startswith("| reports/")]


def test_step_summary_stays_under_githubs_limit_worst_first(tmp_path):
    from ipmeasures.reporters.github import STEP_SUMMARY_LIMIT

    findings = many_findings(12_000)  # about 3 MB as one markdown table
    summary = tmp_path / "summary.md"
    summary.write_text("earlier step\n" * 1000, encoding="utf-8")
    before = summary.stat().st_size
    assert append_step_summary(CheckResult(findings=findings, files=144),
                               environ={"GITHUB_STEP_SUMMARY": str(summary)})
    assert before < summary.stat().st_size <= STEP_SUMMARY_LIMIT < 1024 * 1024
    text = summary.read_text(encoding="utf-8")
    rows = table_rows(text)
    errors = sum(1 for f in findings if f.severity is Severity.ERROR and not f.suppressed)
    assert 0 < len(rows) < errors  # not even every error fits: only errors are shown
    assert all("| 错误 |" in row for row in rows)
    [note] = [line for line in text.splitlines() if line.startswith("……另有")]
    assert note.startswith(f"……另有 {len(findings) - len(rows)} 条问题未列出")
    assert "文件 144 个" in text  # the counts are always there


def test_step_summary_shows_warnings_after_every_error_when_they_fit(tmp_path):
    findings = many_findings(300)
    summary = tmp_path / "summary.md"
    assert append_step_summary(CheckResult(findings=findings, files=144),
                               environ={"GITHUB_STEP_SUMMARY": str(summary)})
    text = summary.read_text(encoding="utf-8")
    levels = [row.split(" | ")[1] for row in table_rows(text)]
    errors = sum(1 for f in findings if f.severity is Severity.ERROR and not f.suppressed)
    warnings = sum(1 for f in findings if f.severity is Severity.WARNING and not f.suppressed)
    assert "……另有" not in text
    assert levels[:errors] == ["错误"] * errors
    assert levels[errors:errors + warnings] == ["警告"] * warnings
    assert all(level.endswith("（已豁免）") for level in levels[errors + warnings:])
    assert len(levels) == 300 and len(levels) - errors - warnings == 6  # every 50th is suppressed


def test_a_finding_about_a_folder_is_annotated_on_its_first_report():
    finding = Finding(rule_id="missing-report", severity=Severity.ERROR, message="市法院没有 2022-H1 的报告",
                      file="reports")
    result = CheckResult(findings=[finding], files=2,
                         checked_files=["reports/2022-H1/市公安局.yaml", "reports/2022-H1/市贸促会.yaml"])
    assert GithubReporter().render(result).splitlines()[0] == (
        "::error file=reports/2022-H1/市公安局.yaml,line=1,title=missing-report::市法院没有 2022-H1 的报告")
