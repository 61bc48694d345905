"""Workbook reports (issue 8): the .xlsx template, `ipm check` on a filled workbook, `ipm convert`, the reader's
limits, and what happens without the `excel` extra.

Rows and columns are read off the template's layout (excel.py docstring): the header block in rows 3–6
(label in A, value in C), the items table header in row 8, one duty per row from row 9; columns A measure,
B task, C title, D role, E status, F progress, G evidence, H blocker, I reason, J next_steps, K ignore.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

openpyxl = pytest.importorskip("openpyxl")

from tests.clirun import run
from tests.paths import REPO, TESTS

from ipmeasures.escaping import markdown_text
from ipmeasures.report.parser import parse_report
from ipmeasures.sources.yamldoc import load_yaml

FIXTURES = TESTS / "fixtures"
REPORTS = FIXTURES / "reports"
TODAY = "2025-12-31"
SRC = REPO / "src"

# The duties of 市公安局 in the order `ipm template 市公安局` lists them (named first, then via 市直有关部门).
POLICE_DUTIES = [("measure", 1), ("measure", 2), ("measure", 9), ("measure", 14), ("measure", 16), ("measure", 18),
                 ("task", 1), ("task", 2), ("measure", 15), ("measure", 19), ("measure", 21), ("measure", 22)]
STATUS_LABELS = ["未启动", "推进中", "已完成", "受阻", "延期", "不适用"]

# One report with gaps, as a unit would fill it: (kind, number) -> answers. Written once as YAML and once
# into the workbook; both must give the same findings.
ANSWERS = {
    ("measure", 1): {"status": "推进中", "progress": "开展专项行动。", "evidence": ["惠公发〔2022〕3号"]},
    ("measure", 2): {"status": "已完成", "progress": "证据指引印发。", "evidence": ["惠公通〔2022〕15号", "https://gaj.huizhou.gov.cn/"]},
    ("measure", 9): {"status": "已完成", "progress": "线索通报机制运行。"},  # missing-evidence
    ("measure", 14): {"status": "推进中"},  # empty-progress
    ("measure", 16): {"status": "未启动"},
    ("measure", 18): {"status": "受阻", "progress": "已提出经费申请。"},  # missing-blocker
    ("task", 1): {"status": "推进中", "progress": "第一阶段完成。"},
    ("task", 2): {},  # no status: invalid-report
    ("measure", 15): {"status": "不适用"},  # missing-reason
    ("measure", 19): {"status": "推进中", "progress": "成立工作专班。", "next_steps": "按季度调度。"},
    ("measure", 21): {"status": "推进中", "progress": "纳入年度考核。"},
    ("measure", 22): {"status": "已完成", "progress": "开展宣传活动。", "evidence": ["宣传活动简报第3期"]},
}
EXPECTED = {("missing-evidence", 9, None), ("empty-progress", 14, None), ("missing-blocker", 18, None),
            ("invalid-report", None, 2), ("missing-reason", 15, None)}
COLUMN = {"status": "E", "progress": "F", "evidence": "G", "blocker": "H", "reason": "I", "next_steps": "J"}


def template(tmp_path: Path, unit: str = "市公安局", period: str = "2022-H1", name: str = "t.xlsx") -> Path:
    path = tmp_path / name
    code, _out, err = run("template", unit, "--period", period, "--format", "xlsx", "-o", str(path))
    assert code == 0, err
    return path


def fill(path: Path, answers: dict, *, submitted: dt.date | None = dt.date(2022, 7, 5), contact: str = "办公室") -> None:
    """Fill a template as a unit would in Excel: the header block, then each duty's row by its number."""
    workbook = openpyxl.load_workbook(path)
    sheet = workbook.worksheets[0]
    sheet["C5"] = submitted
    sheet["C6"] = contact
    for row in range(9, sheet.max_row + 1):
        key = ("measure", sheet[f"A{row}"].value) if sheet[f"A{row}"].value else ("task", sheet[f"B{row}"].value)
        for field, value in answers.get(key, {}).items():
            sheet[f"{COLUMN[field]}{row}"] = "\n".join(value) if isinstance(value, list) else value
    workbook.save(path)


def findings_of(*paths: Path) -> list[dict]:
    code, out, _err = run("check", "--today", TODAY, "--format", "json", *map(str, paths))
    assert code in (0, 1)
    return json.loads(out)["findings"]


def parsed(loaded) -> tuple:
    report, _findings = parse_report(loaded)
    return (report.unit, report.period, report.submitted, report.contact, report.items)


# --- the template ----------------------------------------------------------------------------------


def test_template_workbook_lists_the_duties_with_locked_numbers_and_a_status_drop_down(tmp_path):
    sheet = openpyxl.load_workbook(template(tmp_path)).worksheets[0]
    assert sheet.title == "报告"
    assert [sheet[f"A{r}"].value for r in range(3, 7)] == ["报送单位（unit）", "报告期（period）", "报送日期（submitted）",
                                                          "联系人与电话（contact）"]
    assert (sheet["C3"].value, sheet["C4"].value) == ("市公安局", "2022-H1")
    assert [sheet.cell(row=8, column=c).value for c in (1, 2, 5, 7)] == ["措施（measure）", "任务（task）",
                                                                         "状态（status）", "佐证（evidence）"]
    rows = [("measure", sheet[f"A{r}"].value) if sheet[f"A{r}"].value else ("task", sheet[f"B{r}"].value)
            for r in range(9, 9 + len(POLICE_DUTIES))]
    assert rows == POLICE_DUTIES
    assert sheet["C9"].value == "严厉打击侵权假冒行为"
    assert sheet["D17"].value.startswith("按职责分工负责（经市直有关部门）")  # measure 15, via the group
    # Locked: number, title, role. Unlocked: the header values and every answer column.
    assert sheet.protection.sheet
    assert sheet["A9"].protection.locked and sheet["C9"].protection.locked and sheet["D9"].protection.locked
    assert not any(sheet[f"{c}9"].protection.locked for c in "EFGHIJKLM")
    assert not sheet["C5"].protection.locked and not sheet["C6"].protection.locked
    [validation] = [v for v in sheet.data_validations.dataValidation if v.type == "list"]
    assert validation.formula1.strip('"').split(",") == STATUS_LABELS
    assert f"E9:E{8 + len(POLICE_DUTIES)}" in str(validation.sqref)


def test_template_prints_fitted_to_the_page_width_with_titles_on_every_page(tmp_path):
    # read back as a spreadsheet program would: A4 landscape, all columns on one page across, the table's
    # header row (row 8) and the number and name columns (A:C, left of 职责方式 in D) repeated on each page
    sheet = openpyxl.load_workbook(template(tmp_path)).worksheets[0]
    setup = sheet.page_setup
    assert (int(setup.paperSize), setup.orientation) == (int(sheet.PAPERSIZE_A4), "landscape")
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    assert (setup.fitToWidth, setup.fitToHeight) == (1, 0)
    assert sheet.print_title_rows == "$8:$8"
    assert sheet.print_title_cols == "$A:$C"
    assert sheet["D8"].value.startswith("职责方式")


def test_template_format_follows_the_file_name_and_xlsx_needs_a_file(tmp_path):
    path = tmp_path / "市公安局.xlsx"
    assert run("template", "市公安局", "-o", str(path))[0] == 0
    assert zipfile.is_zipfile(path)
    code, _out, err = run("template", "市公安局", "--format", "xlsx")
    assert code == 2 and "-o" in err
    code, _out, err = run("template", "市公安局", "--format", "xlsx", "-o", str(path))
    assert code == 1 and "--force" in err


def test_an_empty_template_reads_as_a_report_with_every_duty_and_no_status(tmp_path):
    from ipmeasures.sources.workbook import read_workbook as read_report

    loaded = read_report(str(template(tmp_path)))
    assert loaded.sheet == "报告"
    assert loaded.value["unit"] == "市公安局" and loaded.value["period"] == "2022-H1"
    assert [(next(iter(item)), next(iter(item.values()))) for item in loaded.value["items"]] == POLICE_DUTIES
    assert loaded.marks[("items", 0, "status")] == (9, 5)
    assert loaded.marks[("submitted",)] == (5, 3)


# --- a filled workbook is checked like YAML ------------------------------------------------------------


def _answers_yaml() -> str:
    lines = ["unit: 市公安局", "period: 2022-H1", "submitted: 2022-07-05", "contact: 办公室", "items:"]
    for (kind, number), answers in ANSWERS.items():
        lines.append(f"  - {kind}: {number}")
        for field, value in answers.items():
            lines.append(f"    {field}: {json.dumps(value, ensure_ascii=False)}")
    return "\n".join(lines) + "\n"


def test_a_filled_workbook_has_the_same_gaps_as_the_same_report_in_yaml(tmp_path):
    workbook = template(tmp_path)
    fill(workbook, ANSWERS)
    yaml_report = tmp_path / "y.yaml"
    yaml_report.write_text(_answers_yaml(), encoding="utf-8")

    from_xlsx = {(f["rule"], f["measure"], f["task"]) for f in findings_of(workbook)}
    from_yaml = {(f["rule"], f["measure"], f["task"]) for f in findings_of(yaml_report)}
    assert from_xlsx == from_yaml == EXPECTED
    assert run("check", "--today", TODAY, str(workbook))[0] == 1


def test_workbook_findings_are_located_by_sheet_and_cell(tmp_path):
    workbook = template(tmp_path)
    fill(workbook, ANSWERS)
    by_rule = {f["rule"]: f for f in findings_of(workbook)}
    # measure 9 is the third duty (row 11): its status cell; measure 18 (row 14); task 2 (row 16) has no status.
    assert by_rule["missing-evidence"]["cell"] == "报告!E11"
    assert (by_rule["missing-evidence"]["line"], by_rule["missing-evidence"]["column"]) == (11, 5)
    assert by_rule["missing-blocker"]["cell"].startswith("报告!") and by_rule["missing-blocker"]["line"] == 14
    assert by_rule["invalid-report"]["line"] == 16
    code, out, _err = run("check", "--today", TODAY, "--format", "markdown", str(workbook))
    # the location as Markdown text (escaping.markdown_text: "_" and the colon before 报 are escaped)
    assert code == 1 and markdown_text(f"{workbook}:报告!E11") in out
    yaml_report = tmp_path / "y.yaml"
    yaml_report.write_text(_answers_yaml(), encoding="utf-8")
    assert all("cell" not in f for f in findings_of(yaml_report))  # YAML records are unchanged


def test_a_complete_workbook_passes(tmp_path):
    complete = {key: {"status": "推进中", "progress": "推进中。"} for key in POLICE_DUTIES}
    workbook = template(tmp_path)
    fill(workbook, complete)
    assert findings_of(workbook) == []
    assert run("check", "--today", TODAY, str(workbook))[0] == 0


def test_typed_numbers_and_separators_read_as_the_unit_meant_them(tmp_path):
    from ipmeasures.sources.workbook import read_workbook as read_report

    workbook = template(tmp_path, unit="惠州仲裁委")
    book = openpyxl.load_workbook(workbook)
    sheet = book.worksheets[0]
    sheet["C6"] = 7522123456  # a telephone number typed as a number
    sheet["E9"], sheet["G9"], sheet["F9"] = "已完成", "培训通知；签到表\n照片", 2022
    book.save(workbook)
    value = read_report(str(workbook)).value
    assert value["contact"] == "7522123456"
    assert value["items"][0]["evidence"] == ["培训通知", "签到表", "照片"]
    assert value["items"][0]["progress"] == "2022"


def test_the_directory_walk_takes_workbooks_but_not_office_lock_files(tmp_path):
    from ipmeasures.sources.collect import collect_files

    reports = tmp_path / "reports"
    reports.mkdir()
    template(reports, name="a.xlsx")
    (reports / "~$a.xlsx").write_bytes(b"\x00" * 165)  # what Excel leaves beside an open workbook
    (reports / "b.yaml").write_text("unit: 市公安局\n", encoding="utf-8")
    files, _problems = collect_files([str(reports)])
    assert [Path(f).name for f in files] == ["a.xlsx", "b.yaml"]


def test_an_unknown_column_is_reported_like_an_unknown_key(tmp_path):
    workbook = template(tmp_path, unit="惠州仲裁委")
    book = openpyxl.load_workbook(workbook)
    sheet = book.worksheets[0]
    sheet["N8"], sheet["N9"] = "备注", "见附件"  # the first column after the template's (ignore, in M)
    sheet["E9"], sheet["F9"], sheet["E10"], sheet["F10"] = "推进中", "推进。", "推进中", "推进。"
    sheet["C5"] = dt.date(2022, 7, 1)
    book.save(workbook)
    [finding] = findings_of(workbook)
    assert finding["rule"] == "invalid-report" and "备注" in finding["message"] and finding["cell"] == "报告!N9"


# --- hostile or foreign files ----------------------------------------------------------------------------


def test_files_that_are_not_workbook_reports_are_findings_not_crashes(tmp_path):
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "text.xlsx").write_text("unit: 市公安局\n", encoding="utf-8")
    other = openpyxl.Workbook()
    other.active["A1"] = "工资表"
    other.save(bad / "other.xlsx")
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as bomb:
        bomb.writestr("xl/worksheets/sheet1.xml", b"\x00" * (70 << 20))  # 70 MiB of zeros, ~70 KiB packed
    (bad / "bomb.xlsx").write_bytes(archive.getvalue())
    findings = findings_of(bad)
    assert {Path(f["file"]).name: f["rule"] for f in findings} == {
        "bomb.xlsx": "invalid-report", "other.xlsx": "invalid-report", "text.xlsx": "invalid-report"}
    messages = {Path(f["file"]).name: f["message"] for f in findings}
    assert "解压后" in messages["bomb.xlsx"]
    assert "找不到报告" in messages["other.xlsx"]
    assert "不是 Excel 工作簿" in messages["text.xlsx"]


def test_report_text_is_never_written_as_a_formula(tmp_path):
    source = tmp_path / "r.yaml"
    source.write_text('unit: 市公安局\nperiod: 2022-H1\nitems:\n  - measure: 1\n    status: in_progress\n'
                      '    progress: "=HYPERLINK(\\"http://example.invalid\\")"\n', encoding="utf-8")
    target = tmp_path / "r.xlsx"
    assert run("convert", str(source), "-o", str(target))[0] == 0
    cell = openpyxl.load_workbook(target).worksheets[0]["F9"]
    assert cell.data_type == "s" and cell.value.startswith("=HYPERLINK")


# --- ipm convert ----------------------------------------------------------------------------------------


ROUND_TRIP = [*sorted((REPORTS / "pass").glob("*.yaml")), *sorted((FIXTURES / "periods").rglob("*.yaml")),
              *(REPORTS / "fail" / name for name in ("missing-evidence.yaml", "missing-duty.yaml", "bad-period.yaml",
                                                     "unknown-ref.yaml", "duplicate-item.yaml"))]


@pytest.mark.parametrize("source", ROUND_TRIP, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_yaml_to_xlsx_to_yaml_gives_the_same_report(tmp_path, source):
    workbook, back = tmp_path / "r.xlsx", tmp_path / "r.yaml"
    assert run("convert", str(source), "-o", str(workbook))[0] == 0
    assert run("convert", str(workbook), "-o", str(back))[0] == 0
    assert parsed(load_yaml(str(back))) == parsed(load_yaml(str(source)))
    from ipmeasures.sources.workbook import read_workbook as read_report

    assert parsed(read_report(str(workbook))) == parsed(load_yaml(str(source)))
    rules = lambda path: sorted((f["rule"], f["measure"], f["task"]) for f in findings_of(path))
    assert rules(workbook) == rules(back) == rules(source)


def test_convert_refuses_to_overwrite_and_to_convert_like_to_like(tmp_path):
    source = REPORTS / "pass" / "市公安局-2022-H1.yaml"
    target = tmp_path / "r.xlsx"
    target.write_bytes(b"old")
    code, _out, err = run("convert", str(source), "-o", str(target))
    assert code == 1 and "--force" in err and target.read_bytes() == b"old"
    assert run("convert", str(source), "-o", str(target), "--force")[0] == 0
    assert zipfile.is_zipfile(target)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.xlsx"]  # no temporary file left
    assert run("convert", str(source), "-o", str(tmp_path / "r.yml"))[0] == 2
    assert run("convert", str(source), "-o", str(tmp_path / "r.txt"))[0] == 2


def test_convert_refuses_a_value_a_cell_cannot_hold(tmp_path):
    source = tmp_path / "r.yaml"
    source.write_text("unit: 市公安局\nperiod: 2022-H1\nitems:\n  - measure: 1\n    progress: [a, b]\n", encoding="utf-8")
    code, _out, err = run("convert", str(source), "-o", str(tmp_path / "r.xlsx"))
    assert code == 1 and "progress" in err and not (tmp_path / "r.xlsx").exists()


# --- without the extra --------------------------------------------------------------------------------


def test_without_openpyxl_the_xlsx_commands_name_the_extra_and_exit_2(tmp_path, monkeypatch):
    workbook = template(tmp_path)
    reports = tmp_path / "reports"
    shutil.copytree(REPORTS / "pass", reports)
    monkeypatch.setitem(sys.modules, "openpyxl", None)
    for args in (["template", "市公安局", "--format", "xlsx", "-o", str(tmp_path / "n.xlsx")],
                 ["check", str(reports), "--output", f"xlsx={tmp_path / 'c.xlsx'}"],
                 ["convert", str(workbook), "-o", str(tmp_path / "n.yaml")],
                 ["convert", str(reports / "市公安局-2022-H1.yaml"), "-o", str(tmp_path / "n.xlsx")],
                 ["matrix", "--format", "xlsx", "-o", str(tmp_path / "m.xlsx")],
                 ["owner", "市公安局", "--format", "xlsx", "-o", str(tmp_path / "o.xlsx")],
                 ["ledger", str(reports), "-o", str(tmp_path / "l.xlsx")]):
        code, _out, err = run(*args)
        assert code == 2, args
        assert "pip install 'ipmeasures[excel]'" in err, args
    assert sorted(p.name for p in tmp_path.iterdir()) == ["reports", "t.xlsx"]
    # Nothing else breaks: YAML reports, the other formats.
    assert run("check", "--today", TODAY, str(reports))[0] == 0
    assert run("matrix", "--format", "csv")[0] == 0
    assert run("ledger", str(reports), "--format", "json", "--today", TODAY)[0] == 0
    # A workbook among YAML reports: that file gets an invalid-report naming the extra, the rest are checked.
    shutil.copy(workbook, reports / "t.xlsx")
    code, out, _err = run("check", "--today", TODAY, "--format", "json", str(reports))
    document = json.loads(out)
    assert code == 1 and document["summary"]["files"] == len(list(reports.iterdir()))
    [finding] = document["findings"]
    assert finding["file"].endswith("t.xlsx") and finding["rule"] == "invalid-report"
    assert "pip install 'ipmeasures[excel]'" in finding["message"]


def test_no_module_imports_openpyxl_when_it_is_imported():
    code = ("import sys\nsys.modules['openpyxl'] = None\n"
            "import ipmeasures.cli, ipmeasures.check.engine, ipmeasures.workbook.layout, ipmeasures.sources.workbook, ipmeasures.workbook.xlsx\n"
            "import ipmeasures.workbook.convert\n"
            "import ipmeasures.ledger.model, ipmeasures.ledger.formats, ipmeasures.ledger.dashboard, ipmeasures.reporters\n"
            "import ipmeasures.views.xlsx_view, ipmeasures.commands.convert, ipmeasures.commands.ledger\n"
            "import ipmeasures.commands.dashboard, ipmeasures.commands.template, ipmeasures.commands.check\n")
    subprocess.run([sys.executable, "-c", code], check=True, env={"PYTHONPATH": str(SRC), "IPM_LANG": "zh"})


@pytest.mark.parametrize("command", ["convert", "template"])
def test_help(command):
    code, out, _err = run(command, "--help")
    assert code == 0 and ".xlsx" in out


def test_a_duplicate_workbook_report_is_located_at_its_unit_cell(tmp_path):
    first, second = template(tmp_path, unit="惠州仲裁委", name="a.xlsx"), template(tmp_path, unit="惠州仲裁委", name="b.xlsx")
    [duplicate] = [f for f in findings_of(first, second) if f["rule"] == "duplicate-report"]
    assert Path(duplicate["file"]).name == "b.xlsx" and duplicate["cell"] == "报告!C3"  # the unit's value cell


@pytest.mark.parametrize(("part", "filler"), [
    ("xl/worksheets/sheet1.xml", b"<c/>"),   # one row of many empty cells: openpyxl builds it whole
    ("xl/sharedStrings.xml", b"<si/>"),     # a huge shared-string table, loaded whole
])
def test_a_small_workbook_that_would_unpack_into_millions_of_cells_is_refused(tmp_path, part, filler):
    workbook = template(tmp_path)
    with zipfile.ZipFile(workbook) as source:
        parts = {name: source.read(name) for name in source.namelist()}
    flood = filler * 300_000  # 1.5 MB of XML, a few KB compressed; far beyond the cell bounds
    if part in parts and part.endswith("sheet1.xml"):
        parts[part] = parts[part].replace(b"<sheetData>", b"<sheetData><row r=\"1\">" + flood + b"</row>", 1)
    else:
        parts[part] = b'<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' \
                      + flood + b"</sst>"
    bomb = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as target:
        for name, content in parts.items():
            target.writestr(name, content)
    assert bomb.stat().st_size < 200_000
    code, out, _err = run("check", "--format", "json", str(bomb))
    [finding] = json.loads(out)["findings"]
    assert code == 1 and finding["rule"] == "invalid-report" and "单元格" in finding["message"]


def test_a_workbook_template_needs_an_xlsx_name(tmp_path):
    code, _out, err = run("template", "市公安局", "--format", "xlsx", "-o", str(tmp_path / "new.txt"))
    assert code == 2 and ".xlsx" in err and not (tmp_path / "new.txt").exists()
