"""report.parse_report and parse_period; the ProgressReport schema model. Lines and columns read off the texts."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys

import pytest
from tests.paths import REPO, TESTS

from ipmeasures.report.model import (
    ITEM_FIELDS,
    MAX_TEXT,
    REPORT_FIELDS,
    REQUIRED_FIELDS,
    STATUSES,
    parse_status,
)
from ipmeasures.report.parser import parse_report
from ipmeasures.report.period import parse_period
from ipmeasures.rules import resolve_rule
from ipmeasures.sources.yamldoc import load_yaml

SRC = str(REPO / "src")
GOOD = "unit: 市公安局\nperiod: 2022-H1\nsubmitted: 2022-07-05\nitems:\n  - measure: 1\n    status: in_progress\n"


def parse(text: str):
    return parse_report(load_yaml("r.yaml", text.encode("utf-8")), resolve_rule=resolve_rule)


def problems(text: str) -> list[tuple]:
    _report, findings = parse(text)
    return [(f.rule_id, f.line, f.column, f.field) for f in findings]


def test_a_good_report_is_read_with_no_findings():
    report, findings = parse(GOOD)
    assert findings == []
    assert (report.unit, report.period.text, report.submitted) == ("市公安局", "2022-H1", dt.date(2022, 7, 5))
    assert report.period.start == dt.date(2022, 1, 1) and report.period.end == dt.date(2022, 6, 30)
    [item] = report.items
    assert (item.kind, item.number, item.status, item.measure, item.task) == ("measure", 1, "in_progress", 1, None)
    assert report.items_complete


@pytest.mark.parametrize(("text", "expected"), [
    ("", [("invalid-report", None, None, None)]),  # an empty file has no lines
    ("# 只有注释\n", [("invalid-report", 1, 1, None)]),
    ("- unit: 市公安局\n", [("invalid-report", 1, 1, None)]),
    ("市公安局\n", [("invalid-report", 1, 1, None)]),
])
def test_reports_that_are_not_a_mapping(text, expected):
    assert problems(text) == expected


def test_missing_required_fields_are_located_at_the_top():
    assert problems("contact: 办公室\n") == [("invalid-report", 1, 1, None)] * 3
    assert problems("unit:\nperiod: 2022\nitems: []\n") == [("invalid-report", 1, 1, "unit")]


def test_items_with_nothing_under_it():
    assert problems("unit: 市公安局\nperiod: 2022\nitems:\n") == [("invalid-report", 3, 1, "items")]


def test_unknown_fields_suggest_the_nearest():
    _report, findings = parse("unit: 市公安局\nperoid: 2022\nitems: []\n")
    messages = {f.field: f.message for f in findings}
    assert "period" in messages["peroid"] and set(messages) == {"peroid", None}


@pytest.mark.parametrize(("line", "field"), [
    ("    status: 3\n", "items.0.status"),
    ("    status: [completed]\n", "items.0.status"),
    ("    status: done\n", "items.0.status"),
    ("    status: completed\n    progress: [开展培训, 印发通知]\n", "items.0.progress"),
    ("    status: completed\n    progress: {a: b}\n", "items.0.progress"),
    ("    status: completed\n    blocker: 0752\n", "items.0.blocker"),
    ("    status: completed\n    evidence: {文号: x}\n", "items.0.evidence"),
    ("    status: completed\n    evidence: [[x]]\n", "items.0.evidence.0"),
    ("    status: completed\n    ignore: [no-such-rule]\n", "items.0.ignore"),
    ("    status: completed\n    progress: \"a\\x07b\"\n", "items.0.progress"),
    ("    status: completed\n    progress: \"a\\u202eb\"\n", "items.0.progress"),
])
def test_wrong_types_and_bad_values_in_an_item(line, field):
    text = "unit: 市公安局\nperiod: 2022\nitems:\n  - measure: 1\n" + line
    found = problems(text)
    assert [p for p in found if p[3] == field] and all(p[0] == "invalid-report" for p in found)
    assert all(p[1] is not None and p[1] >= 5 for p in found)


def test_wrong_top_level_types():
    assert problems("unit: [市公安局]\nperiod: 2022\nitems: []\n") == [("invalid-report", 1, 7, "unit")]
    assert problems("unit: 市公安局\nperiod: 2022\nsubmitted: 2022/07/05\nitems: []\n") == [
        ("invalid-report", 3, 12, "submitted")]
    assert problems("unit: 市公安局\nperiod: 2022\nitems: 1\n") == [("invalid-report", 3, 8, "items")]
    assert problems("unit: 市公安局\nperiod: 2022\nitems:\n  - 1\n") == [("invalid-report", 4, 5, "items.0")]


def test_very_long_text_is_refused():
    text = "unit: 市公安局\nperiod: 2022\nitems:\n  - measure: 1\n    status: in_progress\n    progress: " \
           + "进" * (MAX_TEXT + 1) + "\n"
    assert problems(text) == [("invalid-report", 6, 15, "items.0.progress")]


@pytest.mark.parametrize(("entry", "expected"), [
    ("measure: 一", ("measure", 1)), ("measure: (一)", ("measure", 1)), ("measure: （十九）", ("measure", 19)),
    ("measure: '7'", ("measure", 7)), ("measure: 二十二", ("measure", 22)), ("task: 8", ("task", 8)),
    ("measure: 7", ("measure", 7)), ("measure: 7\n    task: null", ("measure", 7)), ("task: 3\n    measure: ~", ("task", 3)),
    ("measure: 0x10", ("measure", 16)),
])
def test_measure_and_task_as_written(entry, expected):
    report, findings = parse(f"unit: 市公安局\nperiod: 2022\nitems:\n  - {entry}\n    status: not_started\n")
    assert findings == [] and (report.items[0].kind, report.items[0].number) == expected


@pytest.mark.parametrize("entry", ["measure: abc", "measure: 1.5", "measure: true", "measure: [1]",
                                   "measure: 1\n    task: 1", "measure: 1\n    item: (一)", "task: 2\n    item: '7'",
                                   "status: not_started"])
def test_an_item_without_a_usable_measure_or_task(entry):
    text = f"unit: 市公安局\nperiod: 2022\nitems:\n  - {entry}\n    status: not_started\n"
    if entry.startswith("status"):
        text = "unit: 市公安局\nperiod: 2022\nitems:\n  - status: not_started\n"
    report, findings = parse(text)
    assert [f.rule_id for f in findings] == ["invalid-report"] and not report.items_complete


@pytest.mark.parametrize(("written", "canonical"), [
    ("not_started", "not_started"), ("未启动", "not_started"), ("推进中", "in_progress"), ("进行中", "in_progress"),
    ("已完成", "completed"), ("受阻", "blocked"), ("不适用", "not_applicable"), ("In-Progress", "in_progress"),
    ("done", None), ("完成", None),
])
def test_status_labels(written, canonical):
    assert parse_status(written) == canonical


@pytest.mark.parametrize(("text", "start", "end"), [
    ("2022", (2022, 1, 1), (2022, 12, 31)), ("2022-H1", (2022, 1, 1), (2022, 6, 30)),
    ("2022-H2", (2022, 7, 1), (2022, 12, 31)), ("2022-Q1", (2022, 1, 1), (2022, 3, 31)),
    ("2024-Q1", (2024, 1, 1), (2024, 3, 31)), ("2022-Q4", (2022, 10, 1), (2022, 12, 31)),
    ("2024-02", (2024, 2, 1), (2024, 2, 29)), ("2023-02", (2023, 2, 1), (2023, 2, 28)),
])
def test_periods(text, start, end):
    period = parse_period(text)
    assert (period.start, period.end) == (dt.date(*start), dt.date(*end)) and period.text == text


# The periods as Chinese documents and clerks write them (读作规范写法，各输出一律显示规范写法).
@pytest.mark.parametrize("text, canonical, start, end", [
    ("2022年上半年", "2022-H1", (2022, 1, 1), (2022, 6, 30)),
    ("2015年下半年", "2015-H2", (2015, 7, 1), (2015, 12, 31)),
    ("2022年第一季度", "2022-Q1", (2022, 1, 1), (2022, 3, 31)),
    ("2023年第三季度", "2023-Q3", (2023, 7, 1), (2023, 9, 30)),
    ("2022年一季度", "2022-Q1", (2022, 1, 1), (2022, 3, 31)),
    ("2022年第4季度", "2022-Q4", (2022, 10, 1), (2022, 12, 31)),
    ("2024年度", "2024", (2024, 1, 1), (2024, 12, 31)),
    ("2022年7月", "2022-07", (2022, 7, 1), (2022, 7, 31)),
    ("2024年2月份", "2024-02", (2024, 2, 1), (2024, 2, 29)),
    ("2022 年 上半年", "2022-H1", (2022, 1, 1), (2022, 6, 30)),
    ("２０２２－Ｈ１", "2022-H1", (2022, 1, 1), (2022, 6, 30)),
])
def test_chinese_periods(text, canonical, start, end):
    period = parse_period(text)
    assert period is not None and period.text == canonical
    assert (period.start, period.end) == (dt.date(*start), dt.date(*end))


def test_a_chinese_period_is_shown_in_its_canonical_form():
    report, findings = parse("unit: 市公安局\nperiod: 2022年上半年\nitems:\n  - measure: 1\n    status: in_progress\n")
    assert findings == [] and report.period.text == "2022-H1"


@pytest.mark.parametrize("text", ["2022-13", "2022-00", "2022-H3", "2022-Q0", "2022年上旬", "2022年第五季度", "2022年13月", "2022年", "22", "", "2022-1"])
def test_bad_periods(text):
    assert parse_period(text) is None


def test_a_period_written_as_a_number_or_a_date():
    assert parse_period(2022).text == "2022"
    _report, findings = parse("unit: 市公安局\nperiod: 2022-07-01\nitems: []\n")
    assert [(f.rule_id, f.line, f.column) for f in findings] == [("bad-period", 2, 9)]
    assert "2022-07" in findings[0].message


def test_the_schema_model_has_the_parser_s_fields():
    from ipmeasures.report.schema import ProgressReport

    schema = ProgressReport.model_json_schema()
    assert tuple(schema["properties"]) == REPORT_FIELDS and tuple(schema["required"]) == REQUIRED_FIELDS
    item = schema["$defs"]["ReportItem"]
    assert tuple(item["properties"]) == ITEM_FIELDS
    assert schema["additionalProperties"] is False and item["additionalProperties"] is False
    assert set(STATUSES) <= set(item["properties"]["status"]["anyOf"][0]["enum"])  # offered to editors


def test_the_schema_accepts_the_clean_fixtures_and_rejects_a_typo():
    import jsonschema
    import yaml

    from ipmeasures.report.schema import ProgressReport

    validator = jsonschema.Draft202012Validator(ProgressReport.model_json_schema())
    fixtures = TESTS / "fixtures" / "reports" / "pass"
    for path in sorted(fixtures.glob("*.yaml")):
        document = json.loads(json.dumps(yaml.safe_load(path.read_text(encoding="utf-8")), default=str))
        assert list(validator.iter_errors(document)) == [], path.name
    assert list(validator.iter_errors({"unit": "x", "period": "2022", "items": [{"measure": 1, "stauts": "x"}]}))


def test_checking_reports_never_imports_pydantic():
    code = ("import sys, datetime\nfrom ipmeasures.policy.catalog import load_catalog\nfrom ipmeasures.check.engine import "
            "check_paths\ncheck_paths([sys.argv[1]], load_catalog(), today=datetime.date(2025, 1, 1))\n"
            "print('pydantic' in sys.modules)\n")
    fixtures = str(TESTS / "fixtures" / "reports")
    env = dict(os.environ, PYTHONPATH=SRC)  # the session's IPM_CACHE_DIR: the catalog comes from its cache
    env.pop("IPM_NO_CACHE", None)
    warm = "from ipmeasures.policy.catalog import load_catalog\nload_catalog()\n"  # building the cache validates
    subprocess.run([sys.executable, "-c", warm], env=env, check=True, timeout=120)
    result = subprocess.run([sys.executable, "-c", code, fixtures], check=False, capture_output=True, text=True, env=env,
                            timeout=120)
    assert result.stdout.strip() == "False", result.stderr


@pytest.mark.parametrize("status", ["completed", "Completed", "COMPLETED", "in-progress", "In Progress", "已完成",
                                    "进行中"])
def test_schema_accepts_every_status_spelling_that_check_reads(status):
    import jsonschema

    from ipmeasures.report.model import parse_status
    from ipmeasures.report.schema import schema_model

    assert parse_status(status) is not None
    validator = jsonschema.Draft202012Validator(schema_model().model_json_schema())
    report = {"unit": "市公安局", "period": "2022-h1", "items": [{"measure": 1, "status": status}]}
    assert not list(validator.iter_errors(report))


def test_schema_refuses_a_status_check_refuses():
    import jsonschema

    from ipmeasures.report.model import parse_status
    from ipmeasures.report.schema import schema_model

    assert parse_status("done") is None
    validator = jsonschema.Draft202012Validator(schema_model().model_json_schema())
    assert list(validator.iter_errors({"unit": "x", "period": "2022", "items": [{"measure": 1, "status": "done"}]}))


def test_a_finding_made_by_a_report_is_placed_field_by_field():
    # Report.finding builds a Finding by position: its place must follow Finding's own field order.
    import dataclasses

    from ipmeasures.findings import Finding, Severity
    from ipmeasures.report.model import _PLACE, Item, Report

    names = [f.name for f in dataclasses.fields(Finding)]
    assert tuple(names[names.index("message") + 1:][:len(_PLACE)]) == _PLACE
    report = Report(file="r.yaml", marks={(): (1, 1), ("items", 0): (5, 3)}, key_marks={("items",): (4, 1)}, lines=9,
                    owner="市公安局")
    finding = report.finding("overdue", Severity.WARNING, "m", ("items", 0, "status"),
                             item=Item(index=0, kind="task", number=2))
    assert (finding.file, finding.line, finding.column, finding.field, finding.unit, finding.task, finding.measure,
            finding.item) == ("r.yaml", 5, 3, "items.0.status", "市公安局", 2, None, None)
    assert report.where(("items",), key=True) == {"file": "r.yaml", "line": 4, "column": 1, "field": "items",
                                                  "unit": "市公安局", "measure": None, "task": None, "item": None}
