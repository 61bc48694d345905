"""missing-duty: positions read off tests/fixtures/reports/fail/missing-duty.yaml (the `items:` key)."""

from __future__ import annotations

from ipmeasures.template import render_yaml as render_template

ID = "missing-duty"


def test_fires_at_the_items_key(check, located):
    findings = check("fail/missing-duty.yaml")
    assert located(findings, ID) == [(5, 1, 10, None)]  # 惠州仲裁委 carries measures 6 and 10
    assert [f.rule_id for f in findings] == [ID]
    assert findings[0].unit == "惠州仲裁委"


def test_the_coordinator_of_measure_19_owes_an_item(catalog, check_text):
    # 市市场监管局 coordinates 十九 (the source: “市市场监管局…牵头”); a report without it is incomplete.
    text = render_template(catalog, "市市场监管局", "2022-H1").replace("    status:\n", "    status: not_started\n")
    lines = text.splitlines(keepends=True)
    start = next(i for i, line in enumerate(lines) if line == "  - measure: 19\n")
    del lines[start:start + 5]
    findings = [f for f in check_text("".join(lines)) if f.rule_id == ID]
    items_line = next(i for i, line in enumerate(lines, 1) if line == "items:\n")
    assert [(f.line, f.measure) for f in findings] == [(items_line, 19)]
    assert "牵头" in findings[0].message


def test_not_checked_when_an_item_cannot_be_identified(check_text):
    # The item without measure/task may be the missing one: invalid-report says so, missing-duty keeps quiet.
    text = "unit: 惠州仲裁委\nperiod: 2022-H1\nitems:\n  - measure: 6\n    status: not_started\n  - status: not_started\n"
    rules = [f.rule_id for f in check_text(text)]
    assert "invalid-report" in rules and ID not in rules


def test_silent_on_clean_reports(check):
    assert [f for f in check("pass") if f.rule_id == ID] == []
