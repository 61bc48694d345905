"""`--format markdown`: heading, summary, findings table with escaped cells, coverage table."""

from __future__ import annotations

import re

from ipmeasures.findings import Finding, Severity
from ipmeasures.reporters.base import CheckResult
from ipmeasures.reporters.markdown import MarkdownReporter

HEADER = "| 位置 | 级别 | 规则 | 说明 | 单位 | 措施/任务 |"


def cells(row: str) -> list[str]:
    """Split a table row on its unescaped pipes."""
    return [cell.strip() for cell in re.split(r"(?<!\\)\|", row)[1:-1]]


def test_heading_summary_and_findings_table(result):
    assert MarkdownReporter().render(result).splitlines() == [
        "## ipm check 检查结果",
        "",
        "文件 3 个，错误 2，警告 1，已豁免 1",
        "",
        HEADER,
        "| --- | --- | --- | --- | --- | --- |",
        "| reports/市公安局.yaml | 错误 | missing-duty | 未报告措施 1 的落实情况 | 市公安局 | 措施 1 |",
        ("| reports/市公安局.yaml:7 | 错误 | unknown-status | "
         "状态“进行中”无效，应为：已完成, 推进中\\|未启动\\\\n（见 50% 说明） | 市公安局 | 措施 1 / 任务 1 |"),
        ("| reports/市公安局.yaml:12 | 警告 | empty-evidence | "
         "已完成的任务 5 未附佐证材料 | 市公安局 | 任务 5 |"),
        ("| reports/市法院.yaml:4 | 警告（已豁免） | empty-evidence | "
         "已完成的措施 3 未附佐证材料 | 市法院 | 措施 3 |"),
    ]


def test_every_row_has_six_cells(result):
    rows = [line for line in MarkdownReporter().render(result).splitlines() if line.startswith("|")]
    assert [len(cells(row)) for row in rows] == [6] * 6


def test_html_and_backslashes_are_escaped():
    finding = Finding(rule_id="odd", severity=Severity.WARNING, message=r"<b>粗</b> & C:\路径|x",
                      file="a.yaml", line=1)
    last = MarkdownReporter().render(CheckResult(findings=[finding], files=1)).splitlines()[-1]
    # the colon after a letter is escaped too, and a zero-width space follows it: C:\… could start an autolink
    # scheme, for GFM or for a linker of the rendered text (escaping.markdown_text)
    assert cells(last)[3] == "&lt;b&gt;粗&lt;/b&gt; &amp; C\\:\u200b\\\\路径\\|x"


def test_coverage_table_follows_when_present(result_with_coverage):
    lines = MarkdownReporter().render(result_with_coverage).splitlines()
    assert lines[10:] == [
        "",
        "### 报送情况",
        "",
        "| 类别 | 编号 | 标题 | 已报送 | 未报送 |",
        "| --- | --- | --- | --- | --- |",
        "| 措施 | 1 | 严厉打击侵权假冒行为 | 市法院（推进中）、市检察院（已完成） | 市公安局 |",
        "| 任务 | 1 | 打击侵权知识产权犯罪三年专项行动 | 市公安局（推进中） |  |",
    ]


def test_no_coverage_section_without_coverage(result):
    assert "### 报送情况" not in MarkdownReporter().render(result).splitlines()


def test_clean_run(clean_result):
    assert MarkdownReporter().render(clean_result) == (
        "## ipm check 检查结果\n\n文件 1 个，错误 0，警告 0，已豁免 0\n\n未发现问题。\n"
    )
