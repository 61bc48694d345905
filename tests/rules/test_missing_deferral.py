"""missing-deferral: positions read off tests/fixtures/reports/fail/missing-deferral.yaml."""

from __future__ import annotations

import pytest

ID = "missing-deferral"
APPROVED = ("unit: 惠州仲裁委\nperiod: 2022-H2\nitems:\n  - measure: 6\n    status: deferred\n"
            "    progress: 场地改造推迟。\n    approval: 惠市监函〔2022〕88号\n    new_date: {date}\n"
            "  - measure: 10\n    status: not_applicable\n    reason: 本委不承担。\n")


def test_fires_on_each_deferral_without_approval_or_date(check, located):
    findings = check("fail/missing-deferral.yaml")
    assert located(findings, ID) == [(8, 13, 6, None), (12, 13, 10, None)]
    assert [f.rule_id for f in findings] == [ID, ID]
    first, second = (f.message for f in findings)
    assert "approval" in first and "new_date" not in first.split("：")[0]
    assert "approval、new_date" in second


@pytest.mark.parametrize("date", ["2023-06-30", "'2023-06-30'"])  # a YAML date, or the text a workbook cell holds
def test_silent_with_approval_and_new_date(check_text, date):
    assert check_text(APPROVED.format(date=date)) == []


@pytest.mark.parametrize("date, says", [("'2023-13-01'", "2023-13-01"), ("明年", "明年"), ("[2023]", "列表"),
                                        ("20230630", "20230630")])
def test_a_new_date_that_is_not_a_date_is_invalid(check_text, date, says):
    findings = check_text(APPROVED.format(date=date))
    rules = [f.rule_id for f in findings]
    assert "invalid-report" in rules and ID in rules  # no usable date: the deferral is incomplete too
    invalid = next(f for f in findings if f.rule_id == "invalid-report")
    assert invalid.field == "items.0.new_date" and invalid.line == 8 and says in invalid.message


def test_silent_on_clean_reports(check):
    assert [f for f in check("pass") if f.rule_id == ID] == []


def test_overdue_after_the_new_date(check_text):
    """Deferred to 2022-10-31, reported for 2022-H2 (ends 2022-12-31): past the new date, overdue."""
    findings = check_text(APPROVED.format(date="2022-10-31"))
    assert [(f.rule_id, f.line, f.field) for f in findings] == [("overdue", 8, "items.0.new_date")]
    assert check_text(APPROVED.format(date="2022-12-31")) == []  # due on the period's last day: not yet passed
