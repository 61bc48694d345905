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
        ("市政协办公室", "(五)", "in_progress", "not_reported", True),
        ("惠州仲裁委", "(六)", "blocked", "deferred", False),
        ("市贸促会", "6", "not_reported", "deferred", False)}
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



def _lights(document: dict, unit: str) -> dict:
    [report] = [r for r in document["reports"] if r["unit"] == unit]
    return {(entry["measure"], entry["task"]): entry["light"] for entry in report["lights"]}


def test_check_json_gives_every_duty_a_light():
    document = json_of("check", str(H3))
    # 仲裁委: m6 deferred to 2023-03-31, passed at the period end 2023-06-30: red; m10 completed: green.
    assert _lights(document, "惠州仲裁委") == {(6, None): "red", (10, None): "green"}
    # 贸促会: task 6 deferred to 2023-09-30, 92 days after the period end: green with the default 30 days.
    assert _lights(document, "市贸促会") == {(None, 6): "green"}
    # 人大: measure 5 completed.
    assert _lights(document, "市人大常委会办公室") == {(5, None): "green"}


def test_warn_days_turns_a_near_new_date_yellow():
    document = json_of("check", str(H3), "--warn-days", "92")
    assert _lights(document, "市贸促会") == {(None, 6): "yellow"}  # 92 days away: within 92
    document = json_of("check", str(H3), "--warn-days", "91")
    assert _lights(document, "市贸促会") == {(None, 6): "green"}


def test_ledger_and_dashboard_show_the_lights(tmp_path):
    import json

    out = tmp_path / "台账.json"
    code, _out, err = run("ledger", str(H2), str(H3), "-o", str(out), "--today", TODAY)
    assert code == 0, err
    rows = {(r["kind"], r["id"], r["unit"]): r["periods"] for r in json.loads(out.read_text(encoding="utf-8"))["rows"]}
    assert rows[("measure", 6, "惠州仲裁委")]["2023-H1"]["light"] == "red"  # deferred past its new date
    assert rows[("measure", 6, "惠州仲裁委")]["2022-H2"]["light"] == "red"  # blocked
    assert rows[("task", 6, "市贸促会")]["2023-H1"]["light"] == "green"
    assert rows[("measure", 5, "市政协办公室")]["2023-H1"]["light"] == "grey"  # no report, no deadline
    page = tmp_path / "看板.html"
    code, _out, err = run("dashboard", str(H3), "-o", str(page), "--today", TODAY)
    assert code == 0, err
    html = page.read_text(encoding="utf-8")
    assert 'data-unit="惠州仲裁委" data-state="deferred" data-light="red"' in html
    assert '<i class="light-red">红灯</i>' in html


CALENDAR = SETS.parent / "calendar" / "calendar.yaml"


def test_summary_counts_late_reports_with_a_calendar():
    """Due 2023-07-05: 人大 submitted 2023-07-20 (late); 政协 sent nothing by 2023-08-01 (late); 仲裁委 and 贸促会
    submitted on time."""
    document = json_of("summary", "--by-unit", str(H3), "--calendar", str(CALENDAR), "--sort", "late")
    rows = {row["unit"]: row for row in document["units"]}
    assert [rows[u]["late"] for u in ("市人大常委会办公室", "市政协办公室", "惠州仲裁委", "市贸促会")] == [1, 1, 0, 0]
    # Every unit with duties and no report is late as well: 20 units, 3 reported (1 of them late).
    assert sum(row["late"] for row in document["units"]) == 20 - 3 + 1
    # --sort late: the late units first; 人大 reported late but has nothing else against it.
    assert all(row["late"] == 1 for row in document["units"][:18])


def test_diff_shows_who_is_late():
    document = json_of("diff", str(H2), str(H3), "--calendar", str(CALENDAR))
    late = {(f["change"], f["unit"]) for f in document["findings"] if f["rule"] == "late-report"}
    # 2022-H2 was due 2023-01-05: 仲裁委 submitted 2023-01-06 (late, then on time in 2023-H1: resolved);
    # 人大 submitted 2023-01-05 (on time, then late in 2023-H1: new).
    assert late == {("new", "市人大常委会办公室"), ("resolved", "惠州仲裁委")}


def test_check_table_names_the_red_duties():
    code, _out, err = run("check", str(H3), "--today", TODAY)
    assert code == 1  # 仲裁委's missing-evidence
    assert "红灯 1 项：惠州仲裁委 措施 6" in err  # deferred past its new date


def test_json_reports_only_when_json_is_written():
    import json

    code, out, _err = run("check", str(H3), "--today", TODAY, "--format", "sarif")
    assert code == 1 and "lights" not in out
    code, out, _err = run("check", str(H3), "--today", TODAY, "--format", "json")
    assert code == 1 and len(json.loads(out)["reports"]) == 3


def test_ledger_csv_writes_red_and_yellow_beside_the_status(tmp_path):
    import csv
    import io

    out = tmp_path / "台账.csv"
    code, _out, err = run("ledger", str(H2), str(H3), "-o", str(out), "--today", TODAY)
    assert code == 0, err
    rows = list(csv.reader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    # Columns: 6 about the duty, then 4 per period, latest period (2023-H1) first; the status is the first of four.
    status = {(r[0], r[1], r[3]): (r[6], r[10]) for r in rows[2:] if len(r) > 10}
    assert status[("措施", "6", "惠州仲裁委")] == ("延期（红灯）", "受阻（红灯）")
    assert status[("任务", "6", "市贸促会")] == ("延期", "未报送")  # green and grey: no word added
