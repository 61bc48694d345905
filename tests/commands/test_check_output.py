"""What `ipm check` prints for a person (issue #17, point 5): the verdict last, --quiet, --no-coverage, the duty
of each finding, and one wording for a duty a report leaves out (报告缺此项, as the ledger and dashboard say)."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner
from tests.paths import REPO

from ipmeasures.cli import cli

EXAMPLES = str(REPO / "examples" / "reports")


def run(*args: str):
    result = CliRunner().invoke(cli, ["check", *args, "--today", "2025-12-31"], catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def write(tmp_path: Path, name: str, text: str) -> str:
    (tmp_path / name).write_text(text, encoding="utf-8")
    return str(tmp_path / name)


# 市贸促会 carries task 6 only; 市商务局 among others measure 10 (data/units.yaml, the source's brackets).
TRADE = "unit: 市贸促会\nperiod: 2022-H1\nitems:\n  - task: 6\n    status: 推进中\n    progress: 开展\n"
COMMERCE = "unit: 市商务局\nperiod: 2022-H1\nitems:\n  - measure: 10\n    status: 推进中\n    progress: 开展\n"


def test_the_summary_is_the_last_line_after_the_coverage_table(tmp_path):
    write(tmp_path, "a.yaml", TRADE)
    write(tmp_path, "b.yaml", COMMERCE)
    _code, out, _err = run(str(tmp_path))
    lines = out.splitlines()
    assert "报送情况" in lines
    assert lines[-1].startswith("文件 2 个，错误 ")


def test_quiet_prints_only_the_summary(tmp_path):
    write(tmp_path, "a.yaml", TRADE)
    write(tmp_path, "b.yaml", COMMERCE)
    code, out, _err = run(str(tmp_path), "--quiet")
    assert out.splitlines() == [out.strip()] and out.startswith("文件 2 个，错误 ")
    code_json, out_json, err_json = run(str(tmp_path), "-q", "--format", "json")
    assert out_json.lstrip().startswith("{") and err_json == ""
    assert code == code_json == 1  # 市商务局 leaves out duties it holds: the exit code is not quieted


def test_no_coverage_leaves_out_the_coverage_table(tmp_path):
    write(tmp_path, "a.yaml", TRADE)
    write(tmp_path, "b.yaml", COMMERCE)
    _code, out, _err = run(str(tmp_path), "--no-coverage")
    assert "报送情况" not in out and out.splitlines()[-1].startswith("文件 2 个")


def test_each_finding_names_its_duty(tmp_path):
    # 市贸促会 reports task 6 as completed without evidence: the finding is about task 6.
    path = write(tmp_path, "a.yaml", TRADE.replace("推进中", "已完成"))
    _code, out, _err = run(path)
    row = next(line for line in out.splitlines() if "missing-evidence" in line)
    assert "任务 6" in row


def test_a_duty_left_out_of_a_filed_report_is_worded_as_the_ledger_words_it(tmp_path):
    # Both filed a 2022-H1 report. Measure 10 is owed by 市商务局 (reported) and others who filed nothing;
    # task 6 is owed by 市贸促会 (reported), 市人力资源社会保障局, 市商务局 (filed, left it out), 市市场监管局.
    write(tmp_path, "a.yaml", TRADE)
    write(tmp_path, "b.yaml", COMMERCE)
    _code, out, _err = run(str(tmp_path), "--format", "markdown")
    task6 = next(line for line in out.splitlines() if line.startswith("| 任务 | 6 |"))
    assert "市商务局（报告缺此项）" in task6
    assert "市市场监管局（报告缺此项）" not in task6 and "市市场监管局" in task6
