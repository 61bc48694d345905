"""`ipm diff OLD NEW` over tests/fixtures/supervision 2022-H1 -> 2022-H2.

Expected, from the fixture files (their first-line comments and the set's README), by hand:

- findings: new = 市政协办公室 measure 5 empty-progress (H2 line 7); persisting = 惠州仲裁委 measure 10
  missing-evidence (H1 line 11, H2 line 8); resolved = 市人大常委会办公室 measure 5 missing-evidence (H1 line 7).
- status changes: 市政协办公室 m5 completed -> in_progress (regression); 惠州仲裁委 m6 in_progress -> blocked
  (not a regression); 市贸促会 task 6 completed -> not_reported (regression). 人大 m5 and 仲裁委 m10 stay
  completed and are not listed.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from tests.supervision.conftest import H1, H2, TODAY, run, run_json

from ipmeasures.supervision.identity import finding_key, match

EXPECTED_CHANGES = {
    ("new", "市政协办公室", "empty-progress", 5, f"{H2.name}/市政协办公室.yaml", 7),
    ("persisting", "惠州仲裁委", "missing-evidence", 10, f"{H2.name}/惠州仲裁委.yaml", 8),
    ("resolved", "市人大常委会办公室", "missing-evidence", 5, f"{H1.name}/市人大常委会办公室.yaml", 7),
}
EXPECTED_STATUS = [
    {"unit": "市政协办公室", "measure": 5, "task": None, "ref": "(五)", "old": "completed",
     "new": "in_progress", "regression": True},
    {"unit": "市贸促会", "measure": None, "task": 6, "ref": "6", "old": "completed", "new": "not_reported",
     "regression": True},
    {"unit": "惠州仲裁委", "measure": 6, "task": None, "ref": "(六)", "old": "in_progress", "new": "blocked",
     "regression": False},
]


def _changes(document: dict) -> set[tuple]:
    return {(f["change"], f["unit"], f["rule"], f["measure"], "/".join(f["file"].split("/")[-2:]), f["line"])
            for f in document["findings"]}


def _status_set(document: dict) -> list[dict]:
    return sorted(document["status_changes"], key=lambda c: (c["unit"], c["ref"]))


def test_json_shape_and_figures():
    code, document = run_json("diff", str(H1), str(H2))
    assert code == 0
    assert list(document) == ["old", "new", "findings", "status_changes", "summary"]
    assert document["old"]["periods"] == ["2022-H1"] and document["new"]["periods"] == ["2022-H2"]
    assert _changes(document) == EXPECTED_CHANGES
    assert _status_set(document) == sorted(EXPECTED_STATUS, key=lambda c: (c["unit"], c["ref"]))
    assert document["summary"] == {"new": 1, "persisting": 1, "resolved": 1, "regressions": 2}
    record_keys = {"file", "line", "column", "severity", "rule", "message", "field", "unit", "measure", "task",
                   "suppressed", "change"}
    assert all(set(f) == record_keys for f in document["findings"])


def test_reversed_periods_swap_new_and_resolved():
    _code, document = run_json("diff", str(H2), str(H1))
    assert document["summary"] == {"new": 1, "persisting": 1, "resolved": 1, "regressions": 0}
    # H2 -> H1: 人大's missing-evidence comes back (new), 政协's empty-progress goes (resolved).
    assert {(f["change"], f["unit"]) for f in document["findings"]} == {
        ("new", "市人大常委会办公室"), ("persisting", "惠州仲裁委"), ("resolved", "市政协办公室")}
    # The persisting finding is reported where it is now: H1 line 11.
    assert [f["line"] for f in document["findings"] if f["change"] == "persisting"] == [11]
    # 贸促会 reappears (not a regression); 政协 in_progress -> completed; 仲裁委 blocked -> in_progress.
    assert {(c["unit"], c["old"], c["new"], c["regression"]) for c in document["status_changes"]} == {
        ("市政协办公室", "in_progress", "completed", False), ("市贸促会", "not_reported", "completed", False),
        ("惠州仲裁委", "blocked", "in_progress", False)}


def test_same_folder_twice_everything_persists():
    _code, document = run_json("diff", str(H2), str(H2))
    assert document["summary"] == {"new": 0, "persisting": 2, "resolved": 0, "regressions": 0}
    assert document["status_changes"] == []


def test_saved_json_results_give_the_same_diff(tmp_path):
    saved = []
    for folder in (H1, H2):
        code, out, _err = run("check", str(folder), "--format", "json", "--today", TODAY)
        assert code == 1
        path = tmp_path / f"{folder.name}.json"
        path.write_text(out, encoding="utf-8")
        saved.append(path)
    _code, from_json = run_json("diff", *map(str, saved))
    _code, from_folders = run_json("diff", str(H1), str(H2))
    assert from_json["summary"] == from_folders["summary"] == {"new": 1, "persisting": 1, "resolved": 1,
                                                               "regressions": 2}
    assert _changes(from_json) == EXPECTED_CHANGES
    assert from_json["status_changes"] == from_folders["status_changes"]
    # One side saved, one folder: the same again.
    _code, mixed = run_json("diff", str(saved[0]), str(H2))
    assert mixed["summary"] == from_folders["summary"]


def test_saved_result_without_reports_still_diffs_findings(tmp_path):
    old = tmp_path / "old.json"
    old.write_text(json.dumps({"summary": {}, "findings": []}), encoding="utf-8")
    code, out, _err = run("diff", str(old), str(H2), "--today", TODAY)
    assert code == 0
    assert "新增 2，仍存在 0，已解决 0" in out
    assert "无法比较职责状态" in out


@pytest.mark.parametrize("text, says", [
    ("{not json", "不是有效的 JSON"),
    ('{"findings": {}}', "findings"),
    ('[1, 2]', "findings"),
    ('{"findings": [{"line": 3}]}', "findings"),
    ('{"findings": [], "reports": [{"statuses": "x"}]}', "reports"),
])
def test_bad_saved_result_names_file_and_field(tmp_path, text, says):
    bad = tmp_path / "bad.json"
    bad.write_text(text, encoding="utf-8")
    code, out, err = run("diff", str(bad), str(H2))
    assert code == 1 and out == ""
    assert str(bad) in err and says in err and "Traceback" not in err


_GOOD = {"file": "a.yaml", "line": 3, "column": 1, "severity": "error", "rule": "missing-evidence",
         "message": "m", "field": "items.0.evidence", "unit": "市公安局", "measure": 1, "task": None,
         "suppressed": False}


# A saved finding whose fields ipm would never have written: the first wrong field is named, with its index.
@pytest.mark.parametrize("change, says", [
    ({"severity": None}, "findings.1.severity"),
    ({"severity": 3}, "findings.1.severity"),
    ({"severity": "fatal"}, "findings.1.severity"),
    ({"rule": ["x"]}, "findings.1.rule"),
    ({"line": "7"}, "findings.1.line"),
    ({"line": True}, "findings.1.line"),
    ({"measure": {"id": 1}}, "findings.1.measure"),
    ({"unit": 42}, "findings.1.unit"),
    ({"message": ["a"]}, "findings.1.message"),
    ({"suppressed": "no"}, "findings.1.suppressed"),
])
@pytest.mark.parametrize("command", ["diff", "baseline"])
def test_saved_finding_of_the_wrong_shape_is_named(tmp_path, change, says, command):
    bad = tmp_path / "bad.json"
    broken = {key: value for key, value in {**_GOOD, **change}.items() if value is not None}
    bad.write_text(json.dumps({"findings": [_GOOD, broken]}), encoding="utf-8")
    if command == "diff":
        code, out, err = run("diff", str(bad), str(H2))
    else:
        code, out, err = run("check", str(H2), "--baseline", str(bad))
    assert code == 1 and out == ""
    assert str(bad) in err and says in err and "Traceback" not in err


def test_saved_finding_that_is_not_an_object_is_named(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"findings": [_GOOD, "missing-evidence"]}), encoding="utf-8")
    code, _out, err = run("diff", str(bad), str(H2))
    assert code == 1 and "findings.1" in err


def test_csv_is_one_rectangle_with_both_tables():
    code, out, _err = run("diff", str(H1), str(H2), "--format", "csv", "--today", TODAY)
    assert code == 0 and out.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(out.lstrip("\ufeff"))))
    assert len({len(row) for row in rows}) == 1
    assert len(rows) == 1 + 3 + 3  # header, 3 findings, 3 status changes
    body = [dict(zip(rows[0], row)) for row in rows[1:]]
    assert [r["变化"] for r in body] == ["新增", "仍存在", "已解决", "退步", "退步", "变化"]
    assert [(r["上期状态"], r["本期状态"]) for r in body[3:]] == [("已完成", "推进中"), ("已完成", "未报送"),
                                                            ("推进中", "受阻")]


def test_markdown_and_table_show_counts():
    for fmt in ("markdown", "table"):
        code, out, _err = run("diff", str(H1), str(H2), "--format", fmt, "--today", TODAY)
        assert code == 0
        assert "新增 1，仍存在 1，已解决 1" in out and "退步" in out and "市贸促会" in out


def test_output_file_is_not_overwritten(tmp_path):
    out = tmp_path / "对比.json"
    out.write_text("keep", encoding="utf-8")
    code, _out, err = run("diff", str(H1), str(H2), "--format", "json", "-o", str(out))
    assert code == 1 and out.read_text(encoding="utf-8") == "keep" and "--force" in err


def test_help():
    code, out, _err = run("diff", "--help")
    assert code == 0 and "OLD" in out and "NEW" in out


# --- identity, apart from the CLI --------------------------------------------------------------


def _record(**changes):
    record = {"file": "r/2022-H1/a.yaml", "line": 8, "column": 13, "severity": "error", "rule": "missing-evidence",
              "message": "…2022-H1…", "field": "items.2.status", "unit": "市公安局", "measure": 9, "task": None}
    record.update(changes)
    return record


@pytest.mark.parametrize("moved", [
    {"line": 30, "column": 5},  # lines moved
    {"file": "r/2022-H2/a.yaml"},  # another period's folder
    {"field": "items.7.status"},  # the item moved within the report
    {"message": "…2022-H2…"},  # the message names the period
    {"cell": "报告!E12", "file": "r/2022-H2/a.xlsx"},  # the unit switched to a workbook
])
def test_same_finding_when_only_position_changes(moved):
    assert finding_key(_record()) == finding_key(_record(**moved))


@pytest.mark.parametrize("other", [
    {"rule": "empty-progress"}, {"unit": "市法院"}, {"measure": 10}, {"measure": None, "task": 9},
    {"field": "items.2.evidence"},
])
def test_different_finding_when_identity_changes(other):
    assert finding_key(_record()) != finding_key(_record(**other))


def test_without_a_unit_the_file_name_identifies():
    a = _record(unit=None, measure=None, field=None, rule="invalid-report", file="old/x.yaml")
    assert finding_key(a) == finding_key({**a, "file": "new/x.yaml"})
    assert finding_key(a) != finding_key({**a, "file": "new/y.yaml"})


def test_match_pairs_duplicates_in_order():
    a = _record(measure=None, field="items.0", rule="unknown-ref")
    added, kept, gone = match([a, a], [a, a, a])
    assert (len(added), len(kept), len(gone)) == (1, 2, 0)
    added, kept, gone = match([a, a, a], [a])
    assert (len(added), len(kept), len(gone)) == (0, 1, 2)


def test_check_json_lists_each_reports_statuses():
    """`ipm check --format json` carries `reports`: what a saved result needs for status changes."""
    _code, document = run_json("check", str(H2))
    assert list(document) == ["summary", "findings", "reports"]
    by_unit = {r["unit"]: r for r in document["reports"]}
    assert set(by_unit) == {"市人大常委会办公室", "市政协办公室", "惠州仲裁委"}
    arb = by_unit["惠州仲裁委"]
    assert arb["period"] == "2022-H2" and arb["submitted"] == "2023-01-06" and arb["file"].endswith("惠州仲裁委.yaml")
    # ref: the document's numbering of measures 10 and 6, （十） and （六） in the source text.
    assert arb["statuses"] == [{"measure": 10, "task": None, "status": "completed", "ref": "(十)"},
                               {"measure": 6, "task": None, "status": "blocked", "ref": "(六)"}]


def test_duties_named_by_item_reference(tmp_path):
    """Another document (examples/policies/xian-2022-fgf): 市司法局 names its duties (1) and (2) by `item:`.

    2022-Q2 (written here): (1) and (2) both in progress with progress text, a clean report (the (1) milestone,
    the end of August, is still ahead at 2022-06-30). 2022-Q3 (the example's gaps report): (1) still in progress,
    now past its August milestone (overdue, line 9); (2) left out (missing-duty at items:, line 6).
    """
    xian = Path(__file__).resolve().parent.parent.parent / "examples" / "policies" / "xian-2022-fgf"
    old = tmp_path / "2022-Q2"
    old.mkdir()
    (old / "市司法局.yaml").write_text(
        "unit: 市司法局\nperiod: 2022年第二季度\nitems:\n"
        "  - item: \"(1)\"\n    status: in_progress\n    progress: 开始审核。\n"
        "  - item: \"(2)\"\n    status: in_progress\n    progress: 开始清查。\n", encoding="utf-8")
    new = xian / "reports" / "gaps" / "市司法局.yaml"
    code, out, err = run("--data", str(xian / "data"), "diff", str(old), str(new), "--format", "json",
                         "--today", "2022-12-31")
    assert code == 0, err
    document = json.loads(out)
    assert document["old"]["periods"] == ["2022-Q2"] and document["new"]["periods"] == ["2022-Q3"]
    assert {(f["change"], f["rule"], f["line"]) for f in document["findings"]} == {
        ("new", "overdue", 9), ("new", "missing-duty", 6)}
    assert [(c["ref"], c["old"], c["new"], c["regression"]) for c in document["status_changes"]] == [
        ("(2)", "in_progress", "missing_item", True)]


# --- the order of the findings, and which record of a pair is shown ----------------------------------------

def _saved(path: Path, records: list[dict]) -> Path:
    path.write_text(json.dumps({"findings": records}, ensure_ascii=False), encoding="utf-8")
    return path


def _finding(name: str, *, unit: str = "市公安局", file: str = "r.yaml", line: int = 5, field: str = "items.0.x",
             rule: str = "invalid-report") -> dict:
    return {"file": file, "line": line, "column": 1, "severity": "error", "rule": rule, "message": name,
            "field": field, "unit": unit, "measure": None, "task": None, "suppressed": False}


def test_findings_are_listed_by_change_then_unit_file_line_and_resolved_ones_by_identity(tmp_path):
    """By hand: identities are (rule, unit, field) here (no duty). OLD has a1 and a2 (one identity, field a), b
    (field b) between them, c (field c), d; NEW has a3 (field a) and e. So a3 pairs with a1 (persisting,
    shown as NEW has it), e is new, and a2, b, c, d are resolved. Sorted by change, then unit (by code point:
    公 U+516C before 财 U+8D22, so 市公安局 before d's 市财政局), file, line: a2, b and c share unit, file, line,
    column and rule, and keep the order identity.match lists them in -- by where their identity first appears
    in OLD (a at 0, b at 1, c at 3) -- so a2 comes before b although it stands after it in the file."""
    old = _saved(tmp_path / "old.json", [
        _finding("a1", field="items.0.a"), _finding("b", field="items.0.b"), _finding("a2", field="items.0.a"),
        _finding("c", field="items.0.c"), _finding("d", unit="市财政局", line=9)])
    new = _saved(tmp_path / "new.json", [
        _finding("e", line=2, field="items.0.e"), _finding("a3", line=7, field="items.0.a")])
    code, out, err = run("diff", str(old), str(new), "--format", "json")
    assert code == 0, err
    listed = [(f["change"], f["message"]) for f in json.loads(out)["findings"]]
    assert listed == [("new", "e"), ("persisting", "a3"), ("resolved", "a2"), ("resolved", "b"), ("resolved", "c"),
                      ("resolved", "d")]
    code, out, _err = run("diff", str(old), str(new), "--format", "csv")
    rows = list(csv.reader(io.StringIO(out.lstrip("\ufeff"))))
    assert [row[-3] for row in rows[1:] if row[0] == "问题"] == ["e", "a3", "a2", "b", "c", "d"]  # 说明 column
