"""Three periods: 2022-H1 -> 2022-H2 -> 2023-H1 in tests/fixtures/supervision (see its README).

Every figure below is read off the fixture files by hand. 2023-H1 is checked with today = 2023-08-01.
"""

from __future__ import annotations

from tests.supervision.conftest import H1, H2, SETS, run

H3 = SETS / "2023-H1"
TODAY = "2023-08-01"


def json_of(*args: str) -> dict:
    import json

    code, out, err = run(*args, "--format", "json", "--today", TODAY)
    assert code in (0, 1), err
    return json.loads(out)


def test_diff_second_to_third_period():
    document = json_of("diff", str(H2), str(H3))
    # new: 仲裁委 m6 overdue (deferred to 2023-03-31, period ends 2023-06-30); persisting: 仲裁委 m10
    # missing-evidence (H2 line 8, 2023-H1 line 14); resolved: 政协 m5 empty-progress (no 2023-H1 report).
    changes = {(f["change"], f["unit"], f["rule"], f["line"]) for f in document["findings"]}
    assert {c for c in changes if c[2] != "late-report"} == {
        ("new", "惠州仲裁委", "overdue", 11), ("persisting", "惠州仲裁委", "missing-evidence", 14),
        ("resolved", "市政协办公室", "empty-progress", 7)}
    assert {(c["unit"], c["ref"], c["old"], c["new"], c["regression"]) for c in document["status_changes"]} == {
        ("市政协办公室", "measure:5", "in_progress", "not_reported", True),
        ("惠州仲裁委", "measure:6", "blocked", "deferred", False),
        ("市贸促会", "task:6", "not_reported", "deferred", False)}
    assert document["summary"]["regressions"] == 1


def test_diff_first_to_third_period_skips_the_middle():
    document = json_of("diff", str(H1), str(H3))
    # H1 -> 2023-H1: 人大's missing-evidence resolved; 仲裁委 m10 missing-evidence persisting (line 11 -> 14);
    # 仲裁委 overdue new. Statuses: 政协 completed -> not reported (regression), 仲裁委 m6 in_progress -> deferred,
    # 贸促会 t6 completed -> deferred (a regression: back from 已完成).
    changes = {(f["change"], f["unit"], f["rule"]) for f in document["findings"] if f["rule"] != "late-report"}
    assert changes == {("new", "惠州仲裁委", "overdue"), ("persisting", "惠州仲裁委", "missing-evidence"),
                       ("resolved", "市人大常委会办公室", "missing-evidence")}
    assert {(c["unit"], c["old"], c["new"], c["regression"]) for c in document["status_changes"]} == {
        ("市政协办公室", "completed", "not_reported", True), ("惠州仲裁委", "in_progress", "deferred", False),
        ("市贸促会", "completed", "deferred", True)}


def test_summary_of_the_third_period_counts_deferrals_and_their_lights():
    document = json_of("summary", "--by-unit", str(H3))
    rows = {row["unit"]: row for row in document["units"]}
    assert document["period"] == "2023-H1"
    # 仲裁委: m6 deferred past its new date (red), m10 completed without evidence (an open error).
    assert {k: rows["惠州仲裁委"][k] for k in ("duties", "reported", "completed", "deferred", "red", "errors")} == {
        "duties": 2, "reported": 2, "completed": 1, "deferred": 1, "red": 1, "errors": 1}
    # 贸促会: deferred to 2023-09-30, 92 days after the period end: green, not red.
    assert {k: rows["市贸促会"][k] for k in ("reported", "deferred", "red", "completion")} == {
        "reported": 1, "deferred": 1, "red": 0, "completion": 0.0}
    # 政协 sent nothing for 2023-H1.
    assert rows["市政协办公室"]["reported"] == 0
    assert document["units"][0]["unit"] == "惠州仲裁委"  # --sort red: the one red unit first

