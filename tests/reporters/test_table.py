"""`--format table`: read the rendered tables back cell by cell; colour only when asked and allowed."""

from __future__ import annotations

import re

from ipmeasures.findings import Finding, Severity
from ipmeasures.reporters.base import CheckResult
from ipmeasures.reporters.table import TableReporter

SGR = re.compile(r"\x1b\[([0-9;]*)m")


def body_rows(text: str) -> list[list[str]]:
    """The cells of every table body line (those between │ borders)."""
    return [[cell.strip() for cell in line.split("│")[1:-1]] for line in text.splitlines()
            if line.startswith("│")]


def colour_codes(text: str) -> set[int]:
    """Foreground/background colour parameters in the SGR sequences of `text`."""
    params = {int(p) for group in SGR.findall(text) for p in group.split(";") if p}
    return {p for p in params if 30 <= p <= 49 or 90 <= p <= 107}


def test_rows_grouped_by_file_with_position_severity_rule_duty_message(result):
    text = TableReporter(color=False, width=120).render(result)
    lines = text.splitlines()
    assert lines[0] == "reports/市公安局.yaml"
    assert [cell.strip() for cell in lines[2].split("┃")[1:-1]] == ["位置", "级别", "规则", "职责", "说明"]
    # 职责: the measure and task each finding of conftest.py names
    assert body_rows(text) == [
        ["", "错误", "missing-duty", "措施 1", "未报告措施 1 的落实情况"],
        # the line break was written out visibly (escaping.inert): one line
        ["7:13", "错误", "unknown-status", "措施 1 / 任务 1", "状态“进行中”无效，应为：已完成, 推进中|未启动\\n（见 50% 说明）"],
        ["12:5", "警告", "empty-evidence", "任务 5", "已完成的任务 5 未附佐证材料"],
        ["4:5", "警告（已豁免）", "empty-evidence", "措施 3", "已完成的措施 3 未附佐证材料"],
    ]
    # 市法院.yaml's table starts after 市公安局.yaml's ends, and holds the last row
    court = lines.index("reports/市法院.yaml")
    police_last = next(i for i, line in enumerate(lines) if line.startswith("│ 12:5 "))
    assert police_last < court
    assert any(line.startswith("│ 4:5 ") for line in lines[court:])


def test_closes_with_the_summary_line(result):
    lines = TableReporter(color=False, width=120).render(result).splitlines()
    assert lines[-1] == "文件 3 个，错误 2，警告 1，已豁免 1"


def test_no_escape_codes_without_colour(result):
    assert "\x1b" not in TableReporter(color=False, width=120).render(result)


def test_colour_when_asked(result, monkeypatch):
    monkeypatch.delenv("NO_COLOR", raising=False)
    text = TableReporter(color=True, width=120).render(result)
    assert 31 in colour_codes(text)  # errors in red
    assert body_rows(SGR.sub("", text))[0] == ["", "错误", "missing-duty", "措施 1", "未报告措施 1 的落实情况"]


def test_no_colour_when_no_color_is_set(result, monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    assert colour_codes(TableReporter(color=True, width=120).render(result)) == set()


def test_messages_are_not_read_as_markup():
    finding = Finding(rule_id="r", severity=Severity.ERROR, message="[bold]字段[/bold] [red]x", file="a.yaml",
                      line=1, column=2)
    text = TableReporter(color=False, width=120).render(CheckResult(findings=[finding], files=1))
    assert body_rows(text) == [["1:2", "错误", "r", "", "[bold]字段[/bold] [red]x"]]


def test_no_trailing_blanks(result):
    lines = TableReporter(color=False, width=120).render(result).splitlines()
    assert all(line == line.rstrip() for line in lines)


def test_coverage_table_then_the_summary_last(result_with_coverage):
    # The verdict must not scroll away above the coverage table (issue #17): it is the last line.
    text = TableReporter(color=False, width=120).render(result_with_coverage)
    lines = text.splitlines()
    assert lines[-1] == "文件 3 个，错误 2，警告 1，已豁免 1"
    coverage = lines.index("报送情况")
    assert body_rows("\n".join(lines[coverage:])) == [
        ["措施", "1", "严厉打击侵权假冒行为", "市法院（推进中）、市检察院（已完成）", "市公安局"],
        ["任务", "1", "打击侵权知识产权犯罪三年专项行动", "市公安局（推进中）", ""],
    ]


def test_a_report_that_leaves_a_duty_out_says_so_as_the_ledger_does():
    from ipmeasures.reporters.base import CoverageRow

    row = CoverageRow(kind="measure", id=1, title="严厉打击侵权假冒行为", reported={"市法院": "推进中"},
                      missing=["市公安局", "市检察院"], missing_item=["市检察院"])
    text = TableReporter(color=False, width=120).render(CheckResult(findings=[], files=2, coverage=[row]))
    assert body_rows(text) == [["措施", "1", "严厉打击侵权假冒行为", "市法院（推进中）", "市公安局、市检察院（报告缺此项）"]]


def test_clean_run_is_just_the_summary(clean_result):
    text = TableReporter(color=False, width=80).render(clean_result)
    assert text == "文件 1 个，错误 0，警告 0，已豁免 0\n"


def test_past_its_row_limit_the_table_counts_the_rest_and_says_how_to_see_them(monkeypatch):
    """The terminal table draws at most TABLE_ROWS finding rows in a run (rich takes milliseconds a row); the
    rest are counted in one closing line, and the summary still counts every finding."""
    from ipmeasures.reporters import table

    monkeypatch.setattr(table, "TABLE_ROWS", 5)
    findings = [Finding(rule_id="r", severity=Severity.ERROR, message=f"问题{i}", file=f"f{i // 3}.yaml", line=i + 1,
                        column=1) for i in range(8)]  # f0: 0-2, f1: 3-5, f2: 6-7
    text = TableReporter(color=False, width=120).render(CheckResult(findings=findings, files=3))
    assert [row[4] for row in body_rows(text)] == [f"问题{i}" for i in range(5)]
    lines = text.splitlines()
    assert "f2.yaml" not in lines  # a file whose findings are all past the limit gets no table
    assert "终端表格只列出前 5 条问题，另有 3 条未列出" in text
    assert lines[-1] == "文件 3 个，错误 8，警告 0，已豁免 0"


def test_within_its_row_limit_the_table_says_nothing_of_one(result):
    assert "未列出" not in TableReporter(color=False, width=120).render(result)
