"""Every workbook ipm writes as an output looks the way its help and the README say, whichever writer made it.

The look (workbook/xlsx.py, workbook/rows.py): a table's header row bold, filled light blue, wrapped and
centred; its body wrapped and top-aligned; every cell with a thin grey border; the header frozen with
filters over every row; A4 landscape, one page wide, the header repeated on each page. `ipm check --output
xlsx=` and `ipm ledger` colour each finding's 级别 cell by severity (errors red, warnings amber, waived
ones not at all) and mark their workbooks, so a later run replaces them without --force.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.clirun import run
from tests.paths import TESTS

openpyxl = pytest.importorskip("openpyxl")

FAIL = TESTS / "fixtures" / "reports" / "fail"
SUPERVISION = TESTS / "fixtures" / "supervision"
TODAY = "2025-12-31"
HEADER_BLUE, GREY, RED, AMBER = "00D9E1F2", "00BFBFBF", "00FFC7CE", "00FFEB9C"
# the fixtures' rules by severity (their first-line comments; `ipm rules`)
WARNINGS = {"date-out-of-period", "empty-progress", "missing-group-duty", "not-assigned", "overdue"}


def assert_table_look(sheet, *, header_row: int = 1) -> None:
    """The header and body styles of a table sheet, the frozen header, the filter and the print set-up."""
    last = sheet.max_row
    assert last > header_row, sheet.title
    for cell in sheet[header_row]:
        assert cell.font.b, cell.coordinate
        assert cell.fill.patternType == "solid" and cell.fill.fgColor.rgb == HEADER_BLUE, cell.coordinate
        assert cell.alignment.wrap_text and cell.alignment.vertical == "center", cell.coordinate
    for row in sheet.iter_rows(min_row=header_row + 1):
        for cell in row:
            assert cell.alignment.wrap_text and cell.alignment.vertical == "top", cell.coordinate
    for row in sheet.iter_rows(min_row=header_row):
        for cell in row:
            for side in (cell.border.left, cell.border.right, cell.border.top, cell.border.bottom):
                assert side.style == "thin" and side.color.rgb == GREY, cell.coordinate
    assert sheet.freeze_panes is not None and sheet.freeze_panes.endswith(str(header_row + 1))
    columns = openpyxl.utils.get_column_letter(sheet.max_column)
    assert sheet.auto_filter.ref == f"A{header_row}:{columns}{last}"
    assert int(sheet.page_setup.paperSize) == 9 and sheet.page_setup.orientation == "landscape"
    assert sheet.sheet_properties.pageSetUpPr.fitToPage and sheet.page_setup.fitToWidth == 1
    assert sheet.print_title_rows == f"${header_row}:${header_row}"


def assert_severity_fills(sheet, rule_column: int, severity_column: int) -> None:
    seen = set()
    for row in sheet.iter_rows(min_row=2):
        rule, severity = row[rule_column].value, row[severity_column]
        expected = AMBER if rule in WARNINGS else RED
        assert severity.fill.patternType == "solid" and severity.fill.fgColor.rgb == expected, (rule, severity.value)
        assert severity.value == ("警告" if rule in WARNINGS else "错误")
        seen.add(expected)
        # only the severity cell is coloured
        assert all(c.fill.patternType is None for i, c in enumerate(row) if i != severity_column)
    assert seen == {RED, AMBER}


def test_check_workbook_look_fills_widths_and_mark(tmp_path):
    out = tmp_path / "c.xlsx"
    code, _out, err = run("check", "--today", TODAY, "--output", f"xlsx={out}", str(FAIL))
    assert code == 1, err
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == ["问题", "报送情况", "汇总"]
    coverage = book["报送情况"]
    assert_table_look(coverage)
    assert [coverage.column_dimensions[c].width for c in "ABCDE"] == [8, 8, 40, 60, 60]
    sheet = book["问题"]
    assert_table_look(sheet)
    assert sheet.freeze_panes == "A2"
    assert_severity_fills(sheet, rule_column=3, severity_column=2)
    # 文件 位置 级别 规则 单位 措施 任务 字段 说明: fixed widths, the message column widest
    assert [sheet.column_dimensions[c].width for c in "ABCDEFGHI"] == [36, 12, 8, 20, 18, 6, 6, 18, 60]
    summary = book["汇总"]
    assert summary["A1"].font.b and summary["B1"].alignment.wrap_text
    assert book.properties.identifier == "ipm check"
    # its mark lets the next run replace it without --force
    code, _out, err = run("check", "--today", TODAY, "--output", f"xlsx={out}", str(FAIL / "overdue.yaml"))
    assert code == 0, err
    assert [r[3] for r in openpyxl.load_workbook(out)["问题"].iter_rows(min_row=2, values_only=True)] == ["overdue"]


def test_ledger_workbook_findings_sheet_look_and_mark(tmp_path):
    out = tmp_path / "台账.xlsx"
    code, _out, err = run("ledger", str(FAIL), "--today", TODAY, "-o", str(out))
    assert code == 0, err
    book = openpyxl.load_workbook(out)
    problems = book["问题"]
    assert_table_look(problems)
    assert problems.freeze_panes == "A2"
    assert_severity_fills(problems, rule_column=3, severity_column=2)
    # each column as wide as its longest cell (CJK counting two) plus 2, at least 6, at most 60
    for index, column in enumerate(problems.iter_cols(), start=1):
        longest = max(sum(2 if "\u4e00" <= ch <= "\u9fff" or ch in "，：（）。、" else 1 for ch in line)
                      for cell in column if cell.value is not None for line in str(cell.value).splitlines())
        letter = openpyxl.utils.get_column_letter(index)
        assert problems.column_dimensions[letter].width == max(6, min(longest + 2, 60)), letter
    assert book.properties.identifier == "ipm ledger"
    code, _out, err = run("ledger", str(FAIL / "overdue.yaml"), "--today", TODAY, "-o", str(out))
    assert code == 0, err


@pytest.mark.parametrize("args", [("owner", "市公安局"), ("matrix",)])
def test_query_workbooks_look(tmp_path, args):
    out = tmp_path / "q.xlsx"
    assert run(*args, "--format", "xlsx", "-o", str(out))[0] == 0
    sheet = openpyxl.load_workbook(out).worksheets[0]
    assert_table_look(sheet)
    # query outputs carry no mark: replacing one needs --force
    assert openpyxl.load_workbook(out).properties.identifier is None
    code, _out, err = run(*args, "--format", "xlsx", "-o", str(out))
    assert code == 1 and "--force" in err


def test_diff_workbook_look(tmp_path):
    out = tmp_path / "d.xlsx"
    code, _out, err = run("diff", str(SUPERVISION / "2022-H1"), str(SUPERVISION / "2022-H2"), "--today", TODAY,
                          "--format", "xlsx", "-o", str(out))
    assert code in (0, 1), err
    book = openpyxl.load_workbook(out)
    for sheet in book.worksheets:
        if sheet.title != "说明":
            assert_table_look(sheet)


def test_a_report_is_never_taken_for_a_previous_workbook(tmp_path):
    report = tmp_path / "r.xlsx"
    assert run("template", "市公安局", "-o", str(report))[0] == 0
    before = report.read_bytes()
    code, _out, err = run("check", "--today", TODAY, "--output", f"xlsx={report}", str(FAIL / "overdue.yaml"))
    assert code != 0 and report.read_bytes() == before, err
    assert Path(report).exists()
