"""Workbooks to sort and filter (issue 8): `ipm matrix`/`ipm owner --format xlsx -o FILE`, `ipm check --output xlsx=PATH`.

Expected cells are read off the data (data/measures.yaml, data/units.yaml) and the failing fixtures."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.clirun import run
from tests.paths import TESTS

openpyxl = pytest.importorskip("openpyxl")

FIXTURES = TESTS / "fixtures" / "reports"
TODAY = "2025-12-31"


def test_owner_xlsx_has_one_filterable_sheet_of_duties_and_the_facts(tmp_path):
    out = tmp_path / "o.xlsx"
    code, stdout, err = run("owner", "市公安局", "--format", "xlsx", "-o", str(out))
    assert code == 0 and stdout == "" and str(out) in err
    book = openpyxl.load_workbook(out)
    sheet, info = book.worksheets
    assert sheet.title == "市公安局（惠州市公安局）" and info.title == "说明"
    header = [c.value for c in sheet[1]]
    assert header == ["分组", "类别", "编号", "名称", "职责方式", "途径", "共同责任单位", "部分"]
    assert sheet.freeze_panes == "C2" and sheet.auto_filter.ref == f"A1:H{sheet.max_row}"
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    assert len(rows) == 12  # 8 named duties, 4 via 市直有关部门 (README: ipm owner 市公安局)
    assert rows[0][:4] == ("点名承担的职责", "措施", "(一)", "严厉打击侵权假冒行为")
    assert rows[-1][0] == "作为单位组成员承担的职责" and rows[-1][5] == "市直有关部门"
    assert ("全称", "惠州市公安局") in [(r[0], r[1]) for r in info.iter_rows(values_only=True)]


def test_matrix_xlsx(tmp_path):
    out = tmp_path / "m.xlsx"
    assert run("matrix", "--format", "xlsx", "-o", str(out))[0] == 0
    sheet = openpyxl.load_workbook(out).worksheets[0]
    header = [c.value for c in sheet[1]]
    assert header[:3] == ["单位", "1", "2"] and header[-1] == "T8" and len(header) == 1 + 22 + 8
    police = next(r for r in sheet.iter_rows(min_row=2, values_only=True) if r[0] == "市公安局")
    assert police[1] == "◐" and police[15] == "○"  # measure 1 joint; measure 15 via 市直有关部门


def test_query_xlsx_needs_a_file_and_other_formats_may_use_one(tmp_path):
    code, _out, err = run("matrix", "--format", "xlsx")
    assert code == 2 and "-o" in err
    out = tmp_path / "m.csv"
    assert run("matrix", "--format", "csv", "-o", str(out))[0] == 0
    assert out.read_bytes().startswith("\ufeff单位".encode())
    code, _out, err = run("matrix", "--format", "csv", "-o", str(out))
    assert code == 1 and "--force" in err


def test_check_results_as_a_workbook(tmp_path):
    out = tmp_path / "c.xlsx"
    code, stdout, _err = run("check", "--today", TODAY, "--output", f"xlsx={out}",
                             str(FIXTURES / "fail" / "missing-duty.yaml"), str(FIXTURES / "pass"))
    assert code == 1 and "missing-duty" in stdout
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == ["问题", "报送情况", "汇总"]
    findings = list(book["问题"].iter_rows(min_row=2, values_only=True))
    # fail/missing-duty.yaml, first line: missing-duty at line 5, column 1 (items:), measure 10.
    [(file, where, severity, rule, unit, measure, task, field, _message)] = findings
    assert (Path(file).name, where, severity, rule, unit, measure, task, field) == (
        "missing-duty.yaml", "5:1", "错误", "missing-duty", "惠州仲裁委", 10, None, "items")
    counts = dict(book["汇总"].iter_rows(max_row=4, values_only=True))
    assert counts == {"文件": "4", "错误": "1", "警告": "0", "已豁免": "0"}


def test_check_xlsx_is_not_a_stdout_format():
    code, _out, err = run("check", "--format", "xlsx", str(FIXTURES / "pass"))
    assert code == 2 and "xlsx" in err
