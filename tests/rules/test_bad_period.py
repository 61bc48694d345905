"""bad-period: positions read off tests/fixtures/reports/fail/bad-period.yaml and the inline texts."""

from __future__ import annotations

import pytest

ID = "bad-period"
BODY = "unit: 市人大常委会办公室\nperiod: {period}\nitems:\n  - measure: 5\n    status: in_progress\n    progress: 调研\n"


def test_fires_on_a_chinese_period(check, located):
    findings = check("fail/bad-period.yaml")
    assert located(findings, ID) == [(3, 9, None, None)]
    assert [f.rule_id for f in findings] == [ID]


@pytest.mark.parametrize("period", ["2022-13", "2022-H3", "2022-Q5", "2022-07-01", "22-H1", "true", "[2022]"])
def test_fires_on_malformed_periods(check_text, located, period):
    assert located(check_text(BODY.format(period=period)), ID) == [(2, 9, None, None)]


@pytest.mark.parametrize("period", ["2022", "2022-H1", "2022-h2", "2022-Q4", "2022-07", "'2022-12'"])
def test_silent_on_every_documented_form(check_text, period):
    assert [f for f in check_text(BODY.format(period=period)) if f.rule_id == ID] == []


def test_silent_on_clean_reports(check):
    assert [f for f in check("pass") if f.rule_id == ID] == []


@pytest.mark.parametrize("period", ["2022年度", "2022年上半年", "2022年下半年", "2022年第一季度", "2022年三季度", "2022年7月",
                                    "2022年12月份"])
def test_silent_on_the_chinese_forms_the_rule_names(check_text, period):
    assert [f for f in check_text(BODY.format(period=period)) if f.rule_id == ID] == []


def test_the_rules_own_examples_fail_and_pass_as_it_says(check_text):
    from ipmeasures.rules import bad_period

    doc = bad_period.__doc__ or ""
    failing = doc.split("不通过::", 1)[1].split("通过::", 1)[0].strip()
    passing = doc.split("通过::")[-1].strip()
    for line, fires in ((failing, True), (passing, False)):
        text = BODY.replace("period: {period}\n", line + "\n")
        assert bool([f for f in check_text(text) if f.rule_id == ID]) is fires, line
