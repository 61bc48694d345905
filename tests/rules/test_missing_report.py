"""missing-report: with --expect-all, every unit that carries duties needs a report for each period seen."""

from __future__ import annotations

ID = "missing-report"


def test_fires_for_every_unit_without_a_report(check, catalog):
    findings = check("pass/市人大常委会办公室-2022-H1.yaml", expect_all=True)
    missing = [f for f in findings if f.rule_id == ID]
    expected = set(catalog.units_with_duties()) - {"市人大常委会办公室"}
    assert {f.unit for f in missing} == expected and len(missing) == len(expected)
    assert all(f.line is None and "2022-H1" in f.message for f in missing)
    assert {f.rule_id for f in findings} == {ID}


def test_silent_without_expect_all(check):
    assert check("pass/市人大常委会办公室-2022-H1.yaml") == []


def test_silent_on_clean_reports(check):
    assert [f for f in check("pass") if f.rule_id == ID] == []
