"""waivers.yaml: waived findings are counted and shown, never hidden; expiry; a bad file is named precisely.

By hand: tests/fixtures/waivers/waivers.yaml waives 惠州仲裁委 measure 10 missing-evidence until 2023-03-31.
2022-H2 (today 2023-02-01) has that error and a warning (政协 empty-progress): with the waiver, errors 0,
warnings 1, suppressed 1, exit 0. 2023-H1 (today 2023-08-01): the waiver has expired -- the error is back
(exit 1) and expired-waiver (a warning) is added to the overdue warning: errors 1, warnings 2, suppressed 0.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from tests.paths import REPO
from tests.supervision.conftest import H2, SETS, run

from ipmeasures.cli import cli
from ipmeasures.errors import DataError
from ipmeasures.policy.catalog import Catalog, load_catalog
from ipmeasures.policy.loader import compile_data
from ipmeasures.supervision.waivers import load_waivers

WAIVERS = SETS.parent / "waivers" / "waivers.yaml"
H3 = SETS / "2023-H1"


def test_waived_error_is_counted_and_shown():
    code, out, err = run("check", str(H2), "--waivers", str(WAIVERS), "--today", "2023-02-01", "--format", "json")
    assert code == 0
    document = json.loads(out)
    assert document["summary"] == {"files": 3, "errors": 0, "warnings": 1, "suppressed": 1}
    [waived] = [f for f in document["findings"] if f["rule"] == "missing-evidence"]
    assert waived["suppressed"] is True
    assert waived["waiver"] == {"rule": "missing-evidence", "unit": "惠州仲裁委", "duty": "measure:10",
                                "reason": "快速处理规则涉及在办案件，佐证线下报送。",
                                "approver": "市市场监管局 知识产权保护科", "expiry": "2023-03-31",
                                "file": str(WAIVERS), "line": 4}
    assert "1 个问题经豁免" in err


def test_table_names_the_approver():
    code, out, _err = run("check", str(H2), "--waivers", str(WAIVERS), "--today", "2023-02-01")
    assert code == 0 and "已豁免：市市场监管局 知识产权保护科，至 2023-03-31" in out


def test_sarif_justification_is_the_reason():
    code, out, _err = run("check", str(H2), "--waivers", str(WAIVERS), "--today", "2023-02-01", "--format", "sarif")
    assert code == 0
    [result] = [r for r in json.loads(out)["runs"][0]["results"] if r["ruleId"] == "missing-evidence"]
    assert result["suppressions"][0]["justification"].startswith("快速处理规则涉及在办案件")


def test_expired_waiver_waives_nothing_and_is_a_finding():
    code, out, _err = run("check", str(H3), "--waivers", str(WAIVERS), "--today", "2023-08-01", "--format", "json")
    assert code == 1
    document = json.loads(out)
    assert document["summary"]["errors"] == 1 and document["summary"]["suppressed"] == 0
    rules = sorted(f["rule"] for f in document["findings"] if f["severity"] == "warning")
    assert "expired-waiver" in rules and "overdue" in rules


def test_summary_does_not_count_a_waived_error_as_open():
    _code, out, _err = run("summary", "--by-unit", str(H2), "--waivers", str(WAIVERS), "--today", "2023-02-01",
                           "--format", "json")
    [arb] = [u for u in json.loads(out)["units"] if u["unit"] == "惠州仲裁委"]
    assert arb["errors"] == 0  # 1 without the waiver (test_summary)


GOOD = ("waivers:\n  - rule: missing-evidence\n    unit: 惠州仲裁委\n    duty: {duty}\n    reason: r\n"
        "    approver: a\n    expiry: 2023-03-31\n")


@pytest.mark.parametrize("duty, kind, number", [
    ("measure 10", "measure", 10), ("measure:10", "measure", 10), ("措施 10", "measure", 10), ("措施十", "measure", 10),
    ("task 6", "task", 6), ("任务六", "task", 6), ("任务：6", "task", 6), ("TASK 6", "task", 6),
])
def test_duty_spellings(tmp_path, duty, kind, number):
    path = tmp_path / "waivers.yaml"
    path.write_text(GOOD.format(duty=duty), encoding="utf-8")
    [waiver] = load_waivers(str(path), load_catalog())
    assert (waiver.kind, waiver.number) == (kind, number)


@pytest.mark.parametrize("text, line, field, says", [
    (GOOD.format(duty="第十条"), 4, "waivers.0.duty", "第十条"),
    (GOOD.format(duty="measure 10").replace("rule: missing-evidence", "rule: missing-evidense"), 2,
     "waivers.0.rule", "missing-evidense"),
    (GOOD.format(duty="measure 10").replace("unit: 惠州仲裁委", "unit: 市教育局"), 3, "waivers.0.unit", "市教育局"),
    (GOOD.format(duty="measure 10").replace("    approver: a\n", ""), 2, "waivers.0.approver", "approver"),
    (GOOD.format(duty="measure 10").replace("2023-03-31", "明年三月"), 7, "waivers.0.expiry", "expiry"),
    (GOOD.format(duty="measure 10") + "    note: x\n", 8, "waivers.0.note", "note"),
    ("- rule: x\n", 1, "waivers", "waivers"),
])
def test_bad_waiver_file_names_file_line_and_field(tmp_path, text, line, field, says):
    path = tmp_path / "waivers.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load_waivers(str(path), load_catalog())
    [problem] = caught.value.problems
    assert (problem.path, problem.line, problem.field) == (str(path), line, field)
    assert says in problem.message or says in problem.render()


def test_bad_waiver_file_stops_check_with_exit_1(tmp_path):
    path = tmp_path / "waivers.yaml"
    path.write_text("waivers: 3\n", encoding="utf-8")
    code, out, err = run("check", str(H2), "--waivers", str(path))
    assert code == 1 and out == "" and f"{path}:1" in err and "Traceback" not in err


def test_waiver_file_is_not_needed(tmp_path):
    assert run("check", str(H2), "--waivers", str(Path(tmp_path) / "none.yaml"))[0] == 2


# Another document's items are waived by the reference a report names them by (issue #14). Xi'an's 市司法局
# report with gaps leaves out item (2) (its header comment: missing-duty); (2) is 一、(一)1.(2) in full.
XIAN = REPO / "examples" / "policies" / "xian-2022-fgf"
XIAN_GOOD = ("waivers:\n  - rule: missing-duty\n    unit: 西安市司法局\n    duty: {duty}\n    reason: r\n"
             "    approver: a\n    expiry: 2030-03-31\n")


@pytest.mark.parametrize("duty, waived", [
    ("(2)", True), ("（2）", True), ("一、(一)1.(2)", True), ("一(一)1(2)", True), ("item (2)", True), ("事项 (2)", True),
    ("(1)", False),
])
def test_an_item_is_waived_by_its_reference(tmp_path, duty, waived):
    path = tmp_path / "waivers.yaml"
    path.write_text(XIAN_GOOD.format(duty=duty), encoding="utf-8")
    result = CliRunner().invoke(cli, ["--data", str(XIAN / "data"), "check", str(XIAN / "reports" / "gaps" / "市司法局.yaml"),
                                      "--waivers", str(path), "--format", "json", "--today", "2022-10-10"],
                                catch_exceptions=False)
    [missing] = [f for f in json.loads(result.stdout)["findings"] if f["rule"] == "missing-duty"]
    assert missing["item"] == "(2)" and missing["suppressed"] is waived
    if waived:
        assert missing["waiver"]["duty"] == "(2)"


def test_an_item_reference_the_document_lacks_is_refused(tmp_path):
    path = tmp_path / "waivers.yaml"
    path.write_text(XIAN_GOOD.format(duty="(9)"), encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load_waivers(str(path), Catalog(compile_data(XIAN / "data")))
    [problem] = caught.value.problems
    assert (problem.line, problem.field) == (4, "waivers.0.duty") and "(9)" in problem.message


@pytest.mark.parametrize("written, duty", [("一、(一)1.(1)", "(1)"), ("(1)", "一(一)1(1)"), ("（1）", "item 一、（一）1.（1）")])
def test_an_item_waiver_covers_every_spelling_of_the_item(tmp_path, written, duty):
    report = tmp_path / "市司法局.yaml"
    report.write_text(f"unit: 市司法局\nperiod: 2022-Q3\nitems:\n  - item: {written}\n    status: completed\n"
                      "    progress: 已公布。\n  - item: (2)\n    status: in_progress\n    progress: 推进中。\n",
                      encoding="utf-8")
    waivers = tmp_path / "waivers.yaml"
    waivers.write_text(XIAN_GOOD.format(duty=duty).replace("missing-duty", "missing-evidence"), encoding="utf-8")
    result = CliRunner().invoke(cli, ["--data", str(XIAN / "data"), "check", str(report), "--waivers", str(waivers),
                                      "--format", "json", "--today", "2022-10-10"], catch_exceptions=False)
    [missing] = [f for f in json.loads(result.stdout)["findings"] if f["rule"] == "missing-evidence"]
    assert missing["suppressed"] is True and result.exit_code == 0
