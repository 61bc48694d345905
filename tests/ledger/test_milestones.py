"""The ledger and the dashboard show each deadline of a duty as the document writes it.

Xi'an's row (1) (examples/policies/xian-2022-fgf/source.txt) sets two milestones in its text and cell:
"8月底前编制完成市级行政许可事项清单……9月底前编制完成区(县)级行政许可事项清单", 完成时限 "2022年9月底";
row (2) one: 完成时限 "2022年11月底". 市司法局 leads both (牵头单位 "市行政审批局市司法局").
The shipped document words none of its deadlines (measure 一's 为期3年 is a computed end), so its ledger
keeps the columns it always had.
"""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner
from tests.paths import REPO

from ipmeasures.cli import cli

XIAN = REPO / "examples" / "policies" / "xian-2022-fgf"


def ipm(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def write_report(folder: Path, period: str, status: str = "in_progress") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    report = folder / "市司法局.yaml"
    report.write_text(f"unit: 市司法局\nperiod: {period}\nitems:\n"
                      f"  - {{item: (1), status: {status}, progress: 正在审核。}}\n"
                      f"  - {{item: (2), status: {status}, progress: 正在清理。}}\n", encoding="utf-8")
    return folder


def test_the_ledger_lists_every_milestone_of_a_row(tmp_path: Path) -> None:
    reports = write_report(tmp_path / "r", "2022-Q3")
    result = ipm("--data", str(XIAN / "data"), "ledger", str(reports), "--format", "json")
    rows = {r["label"]: r for r in json.loads(result.stdout)["rows"] if r["unit"] == "市司法局"}
    assert [(m["text"], m["end"]) for m in rows["(1)"]["milestones"]] == [
        ("8月底前", "2022-08-31"), ("2022年9月底", "2022-09-30")]
    assert [(m["text"], m["end"]) for m in rows["(2)"]["milestones"]] == [("2022年11月底", "2022-11-30")]
    markdown = ipm("--data", str(XIAN / "data"), "ledger", str(reports)).stdout
    header = next(line for line in markdown.splitlines() if line.startswith("| 类别"))
    assert "| 途径 | 时限 |" in header
    line = next(line for line in markdown.splitlines() if "| 市司法局 |" in line and "| (1) |" in line)
    assert "8月底前（至 2022-08-31）；2022年9月底（至 2022-09-30）" in line


def test_each_milestone_can_be_overdue_on_its_own(tmp_path: Path) -> None:
    # At the end of August the August milestone is not yet past; by the end of September it is, though the
    # row's own 完成时限 (2022年9月底) is not past then, and row (2)'s November one is not past either.
    for period, overdue in (("2022-08", set()), ("2022-09", {"(1)"}), ("2022-Q3", {"(1)"}), ("2022-12", {"(1)", "(2)"})):
        reports = write_report(tmp_path / period, period)
        result = ipm("--data", str(XIAN / "data"), "check", str(reports), "--format", "json", "--no-coverage")
        findings = json.loads(result.stdout)["findings"]
        assert {f["item"] for f in findings if f["rule"] == "overdue"} == overdue, period
        texts = {f["message"].split("的期限“", 1)[1].split("”", 1)[0] for f in findings if f["rule"] == "overdue"}
        assert texts <= {"8月底前", "2022年9月底", "2022年11月底"}


def test_the_ledgers_findings_name_the_item(tmp_path: Path) -> None:
    result = ipm("--data", str(XIAN / "data"), "ledger", str(XIAN / "reports" / "gaps"))
    lines = result.stdout.splitlines()
    header = lines[lines.index("## 检查发现的问题") + 2]
    assert header == "| 文件 | 位置 | 级别 | 规则 | 单位 | 事项 | 说明 |"
    missing = next(line for line in lines if "| missing-duty |" in line)
    assert "| 市司法局 | (2) |" in missing  # 市司法局.yaml leaves out item (2), as its header comment says


def test_the_dashboard_shows_each_deadline(tmp_path: Path) -> None:
    page = tmp_path / "d.html"
    reports = write_report(tmp_path / "r", "2022-Q3")
    assert ipm("--data", str(XIAN / "data"), "dashboard", str(reports), "-o", str(page)).exit_code == 0
    html = page.read_text(encoding="utf-8")
    assert "时限：8月底前（至 2022-08-31）；2022年9月底（至 2022-09-30）" in html
    assert "时限：2022年11月底（至 2022-11-30）" in html


def test_a_document_without_worded_deadlines_keeps_its_ledger_columns() -> None:
    result = ipm("ledger", str(REPO / "examples" / "reports"))
    header = next(line for line in result.stdout.splitlines() if line.startswith("| 类别"))
    assert header.startswith("| 类别 | 编号 | 名称 | 责任单位 | 职责方式 | 途径 | 20")
