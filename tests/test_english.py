"""One language at a time (issue #17, point 6): with --lang en every name, title and list in check, coverage
and ledger is English; with the default Chinese, click's own words are Chinese too; data notes show only in
their own language.

English names are data/units.yaml's `english`; English titles are the data's `title_en`.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from tests.clirun import run, run_english

from ipmeasures.cli import cli

POLICE_EN = "Huizhou Municipal Public Security Bureau"
EXAMPLES = str(Path(__file__).resolve().parent.parent / "examples" / "reports")

@pytest.fixture(autouse=True)
def _chinese_afterwards():
    """--lang en sets the process's language: later tests expect the default, Chinese."""
    yield
    from ipmeasures.i18n import set_language

    set_language("zh")



def write(tmp_path: Path, name: str, text: str) -> str:
    (tmp_path / name).write_text(text, encoding="utf-8")
    return str(tmp_path / name)


def test_check_messages_name_units_and_duties_in_english(tmp_path):
    # 市公安局 reports only measure 1: missing-duty for measure 2 ("Improve and standardize the rules of evidence").
    path = write(tmp_path, "a.yaml", "unit: 市公安局\nperiod: 2022-H1\nitems:\n  - measure: 1\n"
                                     "    status: in_progress\n    progress: x\n")
    _code, out, _err = run_english("check", path, "--format", "json", "--today", "2025-12-31")
    import json

    messages = [f["message"] for f in json.loads(out)["findings"] if f["rule"] in ("missing-duty", "missing-group-duty")]
    assert messages
    assert all(POLICE_EN in m and "市公安局" not in m for m in messages)
    assert any('Measure 2 "Improve and standardize the rules of evidence"' in m for m in messages)
    assert any("relevant municipal departments" in m and "市直有关部门" not in m for m in messages)


def test_did_you_mean_lists_english_names(tmp_path):
    path = write(tmp_path, "a.yaml", "unit: 市公按局\nperiod: 2022-H1\nitems:\n  - measure: 1\n"
                                     "    status: in_progress\n    progress: x\n")
    _code, out, _err = run_english("check", path, "--format", "json", "--today", "2025-12-31")
    import json

    [message] = [f["message"] for f in json.loads(out)["findings"] if f["rule"] == "unknown-unit"]
    assert f"Did you mean: {POLICE_EN}" in message


def test_coverage_and_ledger_in_english(tmp_path):
    write(tmp_path, "a.yaml", "unit: 市贸促会\nperiod: 2022-H1\nitems:\n  - task: 6\n    status: in_progress\n"
                              "    progress: x\n")
    write(tmp_path, "b.yaml", "unit: 市公安局\nperiod: 2022-H1\nitems:\n  - measure: 1\n    status: in_progress\n"
                              "    progress: x\n")
    _code, out, _err = run_english("check", str(tmp_path), "--format", "markdown", "--today", "2025-12-31")
    coverage = out[out.index("Reports received"):] if "Reports received" in out else out
    row = next(line for line in coverage.splitlines() if line.startswith("| measure | 1 |"))
    assert "Crack down hard on infringement and counterfeiting" in row and POLICE_EN in row
    assert "市公安局" not in row and "严厉打击" not in row
    _code, out, _err = run_english("ledger", str(tmp_path), "--format", "markdown", "--today", "2025-12-31")
    rows = [line for line in out.splitlines() if line.startswith("| measure | 1 |")]
    assert any(POLICE_EN in line for line in rows) and not any("市公安局" in line for line in rows)


def test_clicks_own_words_are_chinese_in_chinese_mode():
    result = CliRunner().invoke(cli, ["--lang", "zh", "owner"])
    assert result.exit_code == 2
    assert "用法：" in result.output and "错误：缺少参数" in result.output and "Usage:" not in result.output
    _code, out, _err = run("--lang", "zh", "check", "--help")
    assert "[默认：table]" in out and "选项：" in out and "[default:" not in out and "Options:" not in out
    _code, _out, err = run_english("owner")
    assert "Usage:" in err and "Error: Missing argument" in err


def test_data_notes_show_only_in_their_language():
    # Task 2's measures_basis (responsibility_table.yaml) is written in English ("Derived: …").
    _code, out, _err = run("--lang", "zh", "task", "2")
    assert "Derived" not in out
    _code, out, _err = run_english("task", "2")
    assert "Derived" in out
    # Measure 19's coordinator basis is the document's own Chinese sentence: shown in Chinese.
    _code, out, _err = run("--lang", "zh", "measure", "19")
    assert "要会同有关部门" in out
