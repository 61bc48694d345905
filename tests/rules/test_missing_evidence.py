"""missing-evidence: positions read off tests/fixtures/reports/fail/missing-evidence.yaml."""

from __future__ import annotations

import pytest

ID = "missing-evidence"
HEAD = "unit: 市人大常委会办公室\nperiod: 2022-H1\nitems:\n  - measure: 5\n    status: 已完成\n    progress: 完成\n"


def test_fires_on_completed_with_an_empty_list(check, located):
    findings = check("fail/missing-evidence.yaml")
    assert located(findings, ID) == [(7, 13, 5, None)]
    assert [f.rule_id for f in findings] == [ID]


@pytest.mark.parametrize("evidence", ["", "    evidence:\n", "    evidence: ''\n", "    evidence: ['', ' ']\n"])
def test_fires_on_every_way_of_writing_nothing(check_text, located, evidence):
    assert located(check_text(HEAD + evidence), ID) == [(5, 13, 5, None)]


@pytest.mark.parametrize("evidence", ["    evidence: 惠人大〔2022〕1号\n", "    evidence: [2022001]\n"])
def test_silent_with_a_single_text_or_a_case_number(check_text, evidence):
    assert [f for f in check_text(HEAD + evidence) if f.rule_id == ID] == []


def test_silent_on_clean_reports(check):
    assert [f for f in check("pass") if f.rule_id == ID] == []


# Placeholders (issue #17): written where evidence goes, they say there is none. Expected: one finding at the
# evidence line (line 7 of HEAD + the evidence line), column 15 where the value starts.
@pytest.mark.parametrize("evidence", [
    "    evidence: 无\n", "    evidence: 暂无\n", "    evidence: [无]\n", "    evidence: 见附件\n",
    "    evidence: '-'\n", "    evidence: 略\n", "    evidence: N/A\n", "    evidence: n/a\n",
    "    evidence: 无。\n", "    evidence: （无）\n", "    evidence: 【暂无】\n", "    evidence: ＮＡ\n",
    "    evidence: [无, '-', 见附件]\n", "    evidence: '……'\n",
])
def test_fires_on_placeholder_evidence(check_text, located, evidence):
    findings = [f for f in check_text(HEAD + evidence) if f.rule_id == ID]
    assert [(f.line, f.measure) for f in findings] == [(7, 5)]
    assert "不是佐证" in findings[0].message
    assert findings[0].field == "items.0.evidence"


@pytest.mark.parametrize("evidence", [
    "    evidence: [无, 惠人大〔2022〕1号]\n",  # one real entry is enough
    "    evidence: 无锡市协作备忘录\n",  # a word that starts like a placeholder is not one
    "    evidence: 附件1《工作方案》\n",
])
def test_silent_when_any_entry_is_real(check_text, evidence):
    assert [f for f in check_text(HEAD + evidence) if f.rule_id == ID] == []


def test_placeholders_are_data_an_office_can_extend(check_text, catalog, tmp_path):
    from ipmeasures.report.placeholders import load_placeholders

    text = HEAD + "    evidence: 已报\n"
    assert [f for f in check_text(text) if f.rule_id == ID] == []
    extended = load_placeholders(None, ["已报"])
    assert [f.line for f in check_text(text, placeholders=extended) if f.rule_id == ID] == [7]
    # An office's own data directory replaces the shipped list.
    (tmp_path / "placeholders.yaml").write_text("evidence:\n  - 已报\n", encoding="utf-8")
    own = load_placeholders(str(tmp_path))
    assert "已报" in own and "无" not in own


def test_placeholder_option_on_the_command_line(tmp_path):
    from click.testing import CliRunner

    from ipmeasures.cli import cli

    report = tmp_path / "r.yaml"
    report.write_text(HEAD + "    evidence: 已报\n", encoding="utf-8")
    runner = CliRunner()
    assert runner.invoke(cli, ["check", str(report), "--today", "2025-12-31"], catch_exceptions=False).exit_code == 0
    result = runner.invoke(cli, ["check", str(report), "--today", "2025-12-31", "--placeholder", "已报"],
                           catch_exceptions=False)
    assert result.exit_code == 1
    assert "missing-evidence" in result.output
