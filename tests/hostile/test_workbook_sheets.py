"""Issue 12, item 5: a workbook is read as Excel shows it.

The report sheet is found by its name (报告, or Report from an English template), a hidden or "very
hidden" sheet is never read instead of the visible one, a report sheet that is hidden is refused, and a
formula in a report field is refused at its cell (its cached value may differ from what Excel shows).
Positions are those of ipm's own template for 市贸促会 (read off `ipm template 市贸促会 --format xlsx`):
the values of the header block in column C, rows 3-6 (unit, period, submitted, contact); the items table
header in row 8, its one duty (task 6) in row 9, with status in E, progress in F and evidence in G.
"""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path

import pytest

openpyxl = pytest.importorskip("openpyxl")
pytest.importorskip("defusedxml")

TODAY = ("--today", "2025-12-31")
CELLS = {"unit": "C3", "period": "C4", "submitted": "C5", "contact": "C6",
         "items.0.status": "E9", "items.0.progress": "F9", "items.0.evidence": "G9"}


def template() -> object:
    from ipmeasures.policy.catalog import load_catalog
    from ipmeasures.workbook.layout import write_template

    return openpyxl.load_workbook(io.BytesIO(write_template(load_catalog(), "市贸促会", "2022-H1")))


def filled(status: str = "推进中", progress: str = "开展培训 2 场。") -> object:
    book = template()
    sheet = book["报告"]
    sheet["E9"], sheet["F9"] = status, progress
    return book


def save(book, path: Path) -> Path:
    book.save(path)
    return path


def check(ipm, name: str) -> tuple[int, list[dict]]:
    result = ipm("check", name, "--format", "json", *TODAY, timeout=60)
    return result.returncode, json.loads(result.stdout)["findings"]


def ledger_state(ipm, name: str) -> str | None:
    result = ipm("ledger", name, "--format", "json", *TODAY, timeout=60)
    if result.returncode != 0:
        return None
    data = json.loads(result.stdout)
    row = next(r for r in data["rows"] if r["kind"] == "task" and r["id"] == 6 and r["unit"] == "市贸促会")
    return row["periods"]["2022-H1"]["state"]


# --- sheets --------------------------------------------------------------------------------------


@pytest.mark.parametrize("state", ["hidden", "veryHidden"])
@pytest.mark.parametrize("position", [0, 2])
def test_a_hidden_sheet_is_never_read_instead_of_the_visible_report(ipm, tmp_path: Path, state: str, position: int):
    book = filled(status="受阻", progress="等待经费。")  # visible: blocked without a blocker -> missing-blocker
    decoy = book.copy_worksheet(book["报告"])
    decoy.title = "Sheet0"
    decoy["E9"], decoy["F9"], decoy["G9"] = "已完成", "全部完成。", "惠贸发〔2022〕1号"
    decoy.sheet_state = state
    book.move_sheet(decoy, offset=position - book.index(decoy))
    save(book, tmp_path / "r.xlsx")
    code, findings = check(ipm, "r.xlsx")
    assert code == 1 and [f["rule"] for f in findings] == ["missing-blocker"]
    assert findings[0]["cell"] == "报告!E9"
    assert ledger_state(ipm, "r.xlsx") == "blocked"


@pytest.mark.parametrize("state", ["hidden", "veryHidden"])
def test_a_hidden_report_sheet_is_refused(ipm, tmp_path: Path, state: str):
    book = filled()
    book["报告"].sheet_state = state
    blank = book.create_sheet("Sheet1", 0)
    blank["A1"] = "看起来无害"
    book.active = 0
    save(book, tmp_path / "r.xlsx")
    code, findings = check(ipm, "r.xlsx")
    assert code == 1 and len(findings) == 1 and "隐藏" in findings[0]["message"] and "报告" in findings[0]["message"]
    result = ipm("convert", "r.xlsx", "-o", "r.yaml", timeout=60)
    assert result.returncode == 1 and "隐藏" in result.stderr and not (tmp_path / "r.yaml").exists()
    assert ledger_state(ipm, "r.xlsx") is None  # no usable report: the ledger says why and exits 1
    result = ipm("dashboard", "r.xlsx", "-o", "board.html", *TODAY, timeout=60)
    assert result.returncode == 1 and "隐藏" in result.stderr


@pytest.mark.parametrize("state", ["hidden", "veryHidden"])
def test_a_renamed_report_sheet_that_is_hidden_is_refused_too(ipm, tmp_path: Path, state: str):
    book = filled()
    book["报告"].title = "月报"
    book["月报"].sheet_state = state
    book.active = 1
    save(book, tmp_path / "r.xlsx")
    code, findings = check(ipm, "r.xlsx")
    assert code == 1 and len(findings) == 1 and "月报" in findings[0]["message"]


def test_the_english_template_sheet_is_found_by_its_name(ipm, tmp_path: Path):
    book = filled()
    book["报告"].title = "Report"
    decoy = book.create_sheet("报告说明", 0)  # a visible sheet before it, with a report-like table
    for column, header in enumerate(("措施（measure）", "状态（status）"), start=1):
        decoy.cell(row=1, column=column, value=header)
    save(book, tmp_path / "r.xlsx")
    code, findings = check(ipm, "r.xlsx")
    assert code == 0, findings
    assert ledger_state(ipm, "r.xlsx") == "in_progress"


# --- formulas ------------------------------------------------------------------------------------

FORMULAS = {
    "unit": '="市贸促会"',
    "period": '="2022-H1"',
    "submitted": "=DATE(2022,7,5)",
    "contact": '=CONCATENATE("法律事务部", " 0752")',
    "items.0.status": '=IF(1,"已完成","未启动")',
    "items.0.progress": "=F10",
    "items.0.evidence": '=HYPERLINK("http://example.invalid","文号")',
}


@pytest.mark.parametrize("field", sorted(FORMULAS))
def test_a_formula_in_a_report_field_is_refused_at_its_cell(ipm, tmp_path: Path, field: str):
    book = filled()
    book["报告"][CELLS[field]] = FORMULAS[field]
    save(book, tmp_path / "r.xlsx")
    code, findings = check(ipm, "r.xlsx")
    [finding] = findings
    assert code == 1 and finding["rule"] == "invalid-report"
    cell = CELLS[field]
    assert (finding["line"], finding["column"]) == (int(cell[1:]), ord(cell[0]) - ord("A") + 1)
    assert finding["field"] == field and finding["message"].startswith(f"报告!{cell}") and "公式" in finding["message"]
    result = ipm("convert", "r.xlsx", "-o", "r.yaml", timeout=60)
    assert result.returncode == 1 and "公式" in result.stderr and not (tmp_path / "r.yaml").exists()


def test_ledger_and_dashboard_leave_a_workbook_with_a_formula_out(ipm, tmp_path: Path):
    book = filled()
    book["报告"]["E9"] = '="已完成"'
    save(book, tmp_path / "formula.xlsx")
    (tmp_path / "good.yaml").write_text("unit: 市贸促会\nperiod: 2022-H2\nitems:\n  - task: 6\n    status: 推进中\n"
                                        "    progress: 培训。\n", encoding="utf-8")
    result = ipm("ledger", "formula.xlsx", "good.yaml", "--format", "json", *TODAY, timeout=60)
    data = json.loads(result.stdout)
    assert data["periods"] == ["2022-H2"]
    assert any(f["file"] == "formula.xlsx" and f["message"].startswith("报告!E9") for f in data["findings"])
    assert ipm("dashboard", "formula.xlsx", "good.yaml", "-o", "board.html", *TODAY, timeout=60).returncode == 0


def test_formulas_outside_report_fields_and_text_that_looks_like_one_are_fine(ipm, tmp_path: Path):
    book = filled(progress="=开头的文字，按文字保存")  # a string cell whose text starts with "=": not a formula
    sheet = book["报告"]
    sheet["F9"].data_type = "s"
    sheet["A1"] = '="标题"'  # the title row: not a report field
    sheet["C9"] = '="名称"'  # the title column of an item: shown to help, never read back
    save(book, tmp_path / "r.xlsx")
    code, findings = check(ipm, "r.xlsx")
    assert code == 0, findings
    result = ipm("convert", "r.xlsx", "-o", "r.yaml", timeout=60)
    assert result.returncode == 0 and "=开头的文字" in (tmp_path / "r.yaml").read_text(encoding="utf-8")


def test_a_date_cell_is_still_a_date(ipm, tmp_path: Path):
    book = filled()
    book["报告"]["C5"] = dt.datetime(2022, 7, 5)
    save(book, tmp_path / "r.xlsx")
    assert check(ipm, "r.xlsx") == (0, [])
