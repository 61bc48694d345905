"""The task ledger, `ipm ledger` (issue 8), over tests/fixtures/periods: two half-years of reports.

What the fixtures say, read off them by hand:

- 2022-H1: 市公安局 (every duty; measure 9 推进中), 惠州仲裁委 (6 推进中, 10 未启动), 市贸促会 (task 6 推进中),
  市人大常委会办公室 (measure 5 推进中).
- 2022-H2: 市公安局 (measure 9 已完成 without evidence: missing-evidence), 惠州仲裁委 (6 已完成, 10 left out:
  missing-duty), 市政协办公室 (measure 5 已完成). 市贸促会 and 市人大常委会办公室 sent nothing.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from tests.clirun import run
from tests.paths import TESTS

from ipmeasures.cli import cli

PERIODS = TESTS / "fixtures" / "periods"
TODAY = "2025-12-31"
FIXED = 6  # 类别 编号 名称 责任单位 职责方式 途径


def ledger(tmp_path: Path, fmt: str, *paths: Path) -> Path:
    out = tmp_path / f"台账.{ {'markdown': 'md'}.get(fmt, fmt) }"
    code, _out, err = run("ledger", *map(str, paths or (PERIODS,)), "--today", TODAY, "-o", str(out))
    assert code == 0, err
    return out


def test_xlsx_ledger_over_two_periods_matches_the_reports(tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.load_workbook(ledger(tmp_path, "xlsx", PERIODS / "2022-H1", PERIODS / "2022-H2"))
    assert book.sheetnames == ["台账", "问题", "说明"]
    sheet = book["台账"]
    assert [sheet.cell(row=2, column=c).value for c in range(1, FIXED + 1)] == [None] * FIXED  # merged with row 1
    assert [sheet.cell(row=1, column=c).value for c in range(1, FIXED + 1)] == ["类别", "编号", "名称", "责任单位",
                                                                                "职责方式", "途径"]
    assert sheet.cell(row=1, column=7).value == "2022-H2（截至 2022-12-31）"  # the latest first
    assert sheet.cell(row=1, column=11).value == "2022-H1（截至 2022-06-30）"
    assert [sheet.cell(row=2, column=c).value for c in range(7, 15)] == ["状态", "进展", "佐证", "问题"] * 2
    assert sheet.freeze_panes == "G3" and sheet.auto_filter.ref.startswith("A2:")

    rows = {(r[0], r[1], r[3]): r for r in sheet.iter_rows(min_row=3, values_only=True)}
    police_9 = rows[("措施", 9, "市公安局")]
    assert police_9[6] == "已完成" and police_9[7] == "线索通报机制运行，互通线索 17 条。"
    assert police_9[8] is None and police_9[9].startswith("missing-evidence：")
    assert police_9[10] == "推进中" and police_9[11] == "与深圳、东莞公安机关建立线索通报机制。"
    court_10 = rows[("措施", 10, "惠州仲裁委")]
    assert court_10[6] == "报告缺此项" and court_10[9].startswith("missing-duty：") and court_10[10] == "未启动"
    assert rows[("措施", 6, "惠州仲裁委")][6:9] == ("已完成", "知识产权仲裁调解中心挂牌。", "惠仲〔2022〕9号")
    assert rows[("任务", 6, "市贸促会")][6] == "未报送" and rows[("任务", 6, "市贸促会")][10] == "推进中"
    assert rows[("措施", 5, "市政协办公室")][6] == "已完成" and rows[("措施", 5, "市政协办公室")][10] == "未报送"
    assert rows[("措施", 5, "市人大常委会办公室")][6] == "未报送"
    assert rows[("措施", 15, "市公安局")][4:6] == ("按职责分工负责", "市直有关部门")
    # the role as every output says it (labels.ROLE_LABELS: 牵头负责, the documents' words; tests/test_labels.py)
    assert rows[("措施", 19, "市市场监管局")][4] == "牵头负责(会同有关部门)"
    assert rows[("措施", 2, "市公安局")][8] == "惠公通〔2022〕15号"

    # Printed, each page of status columns repeats the two header rows and the duty and unit columns (A:D),
    # so no status page is without its unit; two periods print across pages rather than shrunk to one.
    assert (sheet.print_title_rows, sheet.print_title_cols) == ("$1:$2", "$A:$D")
    assert sheet.page_setup.orientation == "landscape" and not sheet.sheet_properties.pageSetUpPr.fitToPage
    problems_sheet = book["问题"]
    assert problems_sheet.sheet_properties.pageSetUpPr.fitToPage and problems_sheet.page_setup.fitToWidth == 1
    assert problems_sheet.print_title_rows == "$1:$1"

    # Never a blank status: a unit that did not report reads 未报送, and each status cell is coloured too.
    for row in sheet.iter_rows(min_row=3):
        for column in (7, 11):
            assert row[column - 1].value, row[3].value
            assert row[column - 1].fill.fgColor.rgb not in (None, "00000000")

    problems = list(book["问题"].iter_rows(min_row=2, values_only=True))
    assert sorted((p[3], p[4]) for p in problems) == [("missing-duty", "惠州仲裁委"), ("missing-evidence", "市公安局")]


def test_every_duty_and_unit_has_one_row(tmp_path):
    from ipmeasures.policy.catalog import load_catalog

    catalog = load_catalog()
    document = json.loads(ledger(tmp_path, "json").read_text(encoding="utf-8"))
    expected = [(kind, number, unit) for kind, ids in (("measure", catalog.measure_ids), ("task", catalog.task_ids))
                for number in sorted(ids) for unit, _role, _via in catalog.responsible_units(kind, number)]
    assert [(r["kind"], r["id"], r["unit"]) for r in document["rows"]] == expected


def test_json_ledger(tmp_path):
    document = json.loads(ledger(tmp_path, "json").read_text(encoding="utf-8"))
    assert document["periods"] == ["2022-H2", "2022-H1"]
    rows = {(r["kind"], r["id"], r["unit"]): r["periods"] for r in document["rows"]}
    assert rows[("measure", 9, "市公安局")]["2022-H2"]["state"] == "completed"
    assert [f["rule"] for f in rows[("measure", 9, "市公安局")]["2022-H2"]["findings"]] == ["missing-evidence"]
    assert rows[("measure", 10, "惠州仲裁委")]["2022-H2"]["state"] == "missing_item"
    # light: task 6 has no deadline, and an unreported duty counts as not started: grey.
    assert rows[("task", 6, "市贸促会")]["2022-H2"] == {"state": "not_reported", "label": "未报送", "light": "grey",
                                                      "progress": None,
                                                      "evidence": [], "file": None, "findings": []}
    assert rows[("measure", 2, "市公安局")]["2022-H1"]["evidence"] == ["惠公通〔2022〕15号", "https://gaj.huizhou.gov.cn/"]
    assert sorted(f["rule"] for f in document["findings"]) == ["missing-duty", "missing-evidence"]


def test_csv_ledger(tmp_path):
    raw = ledger(tmp_path, "csv").read_bytes()
    assert raw.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0][:FIXED + 4] == ["类别", "编号", "名称", "责任单位", "职责方式", "途径", "2022-H2 状态", "2022-H2 进展",
                                   "2022-H2 佐证", "2022-H2 问题"]
    assert rows[0][FIXED + 4] == "2022-H1 状态"
    by_key = {(r[0], r[1], r[3]): r for r in rows[1:]}
    assert by_key[("任务", "6", "市贸促会")][FIXED] == "未报送"
    assert by_key[("措施", "16", "市公安局")][FIXED:FIXED + 3] == ["已完成", "报案窗口运行。", "窗口设立通知"]
    assert all(r[FIXED] and r[FIXED + 4] for r in rows[1:])


def test_markdown_ledger_to_stdout(tmp_path):
    code, out, _err = run("ledger", str(PERIODS), "--today", TODAY)
    assert code == 0
    assert out.startswith("# 任务落实台账\n")
    assert "| 措施 | 9 | 健全跨部门跨区域协作机制 | 市公安局 | 按职责分工负责 | 点名 | 已完成 | 线索通报机制运行，互通线索 17 条。 |" in out
    assert "## 检查发现的问题" in out


def test_ledger_accepts_workbook_reports(tmp_path):
    pytest.importorskip("openpyxl")
    mixed = tmp_path / "reports"
    shutil.copytree(PERIODS, mixed)
    source = mixed / "2022-H2" / "惠州仲裁委.yaml"
    assert run("convert", str(source), "-o", str(source.with_suffix(".xlsx")))[0] == 0
    source.unlink()
    document = json.loads(ledger(tmp_path, "json", mixed).read_text(encoding="utf-8"))
    rows = {(r["kind"], r["id"], r["unit"]): r["periods"] for r in document["rows"]}
    assert rows[("measure", 6, "惠州仲裁委")]["2022-H2"]["state"] == "completed"
    assert rows[("measure", 6, "惠州仲裁委")]["2022-H2"]["file"].endswith("惠州仲裁委.xlsx")


def test_ledger_usage(tmp_path):
    assert run("ledger", str(PERIODS), "--format", "xlsx")[0] == 2  # binary: needs -o
    out = tmp_path / "l.json"
    out.write_text("{}", encoding="utf-8")
    code, _out, err = run("ledger", str(PERIODS), "-o", str(out))
    assert code == 1 and "--force" in err and out.read_text(encoding="utf-8") == "{}"
    assert run("ledger", str(PERIODS), "-o", str(out), "--force", "--today", TODAY)[0] == 0
    empty = tmp_path / "empty"
    empty.mkdir()
    code, _out, err = run("ledger", str(empty))
    assert code == 1 and "没有可用于台账的报告" in err


def test_help_and_the_format_from_the_file_name():
    from ipmeasures.commands.ledger import output_format

    code, out, _err = run("ledger", "--help")
    assert code == 0 and "任务落实台账" in out
    assert output_format(None, "台账.XLSX") == "xlsx"
    assert output_format(None, "台账.md") == "markdown"
    assert output_format(None, None) == "markdown"
    assert output_format("csv", "台账.xlsx") == "csv"


def test_csv_cells_never_start_a_formula(tmp_path):
    reports = tmp_path / "reports"
    reports.mkdir()
    (reports / "r.yaml").write_text('unit: 市人大常委会办公室\nperiod: 2022-H1\nitems:\n  - measure: 5\n'
                                    '    status: in_progress\n    progress: "=HYPERLINK(\\"http://x.invalid\\")"\n',
                                    encoding="utf-8")
    out = ledger(tmp_path, "csv", reports)
    rows = list(csv.reader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    [row] = [r for r in rows if r[3] == "市人大常委会办公室"]
    assert row[FIXED:FIXED + 2] == ["推进中", "'=HYPERLINK(\"http://x.invalid\")"]


def test_ledger_and_dashboard_do_not_write_into_the_reports_folder(tmp_path):
    import shutil as _shutil

    reports = tmp_path / "reports"
    _shutil.copytree(TESTS / "fixtures" / "reports" / "pass", reports)
    for args in (["ledger", str(reports), "-o", str(reports / "台账.xlsx")],
                 ["dashboard", str(reports), "-o", str(reports / "看板.xlsx")]):
        result = CliRunner().invoke(cli, args, catch_exceptions=False)
        assert result.exit_code == 2 and "--output" not in result.stdout
    assert sorted(p.suffix for p in reports.iterdir()) == [".yaml"] * len(list(reports.iterdir()))


# --- one pass: the ledger and the dashboard read each report once, as `ipm check` reads it ---------------


@pytest.fixture
def reads(monkeypatch) -> list[str]:
    """Every report file read (sources.readers.load_source, as the engine calls it: every report reading goes
    through it), in order."""
    from ipmeasures.check import engine as checker

    seen: list[str] = []
    real = checker.load_source

    def counting(path, *args, **kwargs):
        seen.append(path)
        return real(path, *args, **kwargs)

    monkeypatch.setattr(checker, "load_source", counting)
    monkeypatch.setenv("IPM_JOBS", "1")  # in this process, where the reader is counted
    return seen


def test_ledger_reads_each_report_once(tmp_path, reads):
    ledger(tmp_path, "json")
    files = sorted(str(p) for p in PERIODS.rglob("*.yaml"))
    assert sorted(reads) == files  # seven reports, seven reads


def test_dashboard_reads_each_report_once(tmp_path, reads):
    code, _out, err = run("dashboard", str(PERIODS), "--today", TODAY, "-o", str(tmp_path / "看板.html"))
    assert code == 0, err
    assert sorted(reads) == sorted(str(p) for p in PERIODS.rglob("*.yaml"))


def test_a_bad_report_among_good_ones_is_a_finding_and_the_ledger_goes_on(tmp_path):
    folder = tmp_path / "reports"
    shutil.copytree(PERIODS / "2022-H1", folder)
    bad = {
        "int.yaml": 'unit: 市公安局\nperiod: 2022-H1\nitems:\n  - measure: 9\n    status: !!int ""\n',
        "zero-period.yaml": "unit: 市公安局\nperiod: 0000-H1\nitems: []\n",
        "binary.yaml": "\x00\x01PNG",
    }
    for name, text in bad.items():
        (folder / name).write_text(text, encoding="utf-8")
    out = tmp_path / "台账.json"
    code, _out, err = run("ledger", str(folder), "--today", TODAY, "-o", str(out))
    assert code == 0, err
    document = json.loads(out.read_text(encoding="utf-8"))
    # The good reports are all there, as in test_json_ledger: 市公安局 measure 9 推进中 in 2022-H1.
    assert document["periods"] == ["2022-H1"]
    rows = {(r["kind"], r["id"], r["unit"]): r["periods"] for r in document["rows"]}
    assert rows[("measure", 9, "市公安局")]["2022-H1"]["state"] == "in_progress"
    assert rows[("measure", 9, "市公安局")]["2022-H1"]["file"] == str(folder / "市公安局.yaml")
    # Every bad file is named by a finding, and the findings are exactly `ipm check`'s.
    named = {Path(f["file"]).name for f in document["findings"]}
    assert set(bad) <= named
    code, check_out, _err = run("check", str(folder), "--today", TODAY, "--format", "json")
    assert code == 1
    assert document["findings"] == json.loads(check_out)["findings"]
