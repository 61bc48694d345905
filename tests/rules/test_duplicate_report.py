"""duplicate-report: positions read off tests/fixtures/reports/fail/duplicate-report/b-*.yaml."""

from __future__ import annotations

ID = "duplicate-report"


def test_fires_on_the_second_report_naming_the_first(check):
    findings = check("fail/duplicate-report")
    assert [(f.rule_id, f.file.rsplit("/", 1)[-1], f.line, f.column, f.unit) for f in findings] == [
        (ID, "b-惠州市人大常委会办公室-2022-H1.yaml", 2, 7, "市人大常委会办公室")]
    assert "a-市人大-2022-H1.yaml" in findings[0].message


def test_silent_on_different_periods(check_text, tmp_path, catalog):
    from ipmeasures.check.engine import check_paths

    body = "unit: 市人大常委会办公室\nperiod: {p}\nitems:\n  - measure: 5\n    status: in_progress\n    progress: x\n"
    (tmp_path / "h1.yaml").write_text(body.format(p="2022-H1"), encoding="utf-8")
    (tmp_path / "h2.yaml").write_text(body.format(p="2022-H2"), encoding="utf-8")
    assert check_paths([str(tmp_path)], catalog, today=__import__("datetime").date(2025, 1, 1)).findings == []


def test_silent_on_clean_reports(check):
    assert [f for f in check("pass") if f.rule_id == ID] == []
