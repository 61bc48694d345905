"""`ipm summary --by-unit` over tests/fixtures/supervision/2022-H2 (see the set's README).

By hand, from the fixture files and the policy data (惠州仲裁委 carries measures 6 and 10; 市政协办公室 and
市人大常委会办公室 measure 5; 市贸促会 task 6; none of these has a deadline):

| unit | duties | reported | completed | blocked | red | errors | completion |
| 惠州仲裁委 | 2 | 2 | 1 (m10) | 1 (m6) | 1 (m6 blocked) | 1 (m10 missing-evidence) | 50% |
| 市政协办公室 | 1 | 1 | 0 | 0 | 0 (in progress, no deadline: grey) | 0 (empty-progress is a warning) | 0% |
| 市人大常委会办公室 | 1 | 1 | 1 | 0 | 0 | 0 | 100% |
| 市贸促会 | 1 | 0 (no H2 report) | 0 | 0 | 0 | 0 | 0% |
"""

from __future__ import annotations

import csv
import io

from tests.supervision.conftest import H1, H2, SETS, TODAY, run, run_json

ARB = {"unit": "惠州仲裁委", "duties": 2, "reported": 2, "completed": 1, "blocked": 1, "deferred": 0, "red": 1,
       "errors": 1, "late": 0, "completion": 50.0}
CPPCC = {"unit": "市政协办公室", "duties": 1, "reported": 1, "completed": 0, "blocked": 0, "deferred": 0, "red": 0,
         "errors": 0, "late": 0, "completion": 0.0}
NPC = {"unit": "市人大常委会办公室", "duties": 1, "reported": 1, "completed": 1, "blocked": 0, "deferred": 0,
       "red": 0, "errors": 0, "late": 0, "completion": 100.0}
CCPIT = {"unit": "市贸促会", "duties": 1, "reported": 0, "completed": 0, "blocked": 0, "deferred": 0, "red": 0,
         "errors": 0, "late": 0, "completion": 0.0}
UNITS_WITH_DUTIES = 20  # every unit of data/units.yaml carries at least one duty (ipm units)


def by_unit(document: dict) -> dict[str, dict]:
    return {row["unit"]: row for row in document["units"]}


def test_json_shape_and_hand_figures():
    code, document = run_json("summary", "--by-unit", str(H2))
    assert code == 0
    assert list(document) == ["period", "units"] and document["period"] == "2022-H2"
    assert len(document["units"]) == UNITS_WITH_DUTIES
    assert list(document["units"][0]) == ["unit", "duties", "reported", "completed", "blocked", "deferred", "red",
                                          "errors", "late", "completion"]
    rows = by_unit(document)
    assert [rows[u] for u in ("惠州仲裁委", "市政协办公室", "市人大常委会办公室", "市贸促会")] == [ARB, CPPCC, NPC, CCPIT]


def test_sort_red_puts_the_red_unit_first_and_complete_units_last():
    _code, document = run_json("summary", "--by-unit", str(H2), "--sort", "red")
    names = [row["unit"] for row in document["units"]]
    assert names[0] == "惠州仲裁委"  # the only red
    assert names[-1] == "市人大常委会办公室"  # no red, no error, 100%: best


def test_sort_completion_lowest_first_in_registry_order():
    _code, document = run_json("summary", "--by-unit", str(H2), "--sort", "completion")
    names = [row["unit"] for row in document["units"]]
    assert names[-2:] == ["惠州仲裁委", "市人大常委会办公室"]  # 50%, then 100%
    # The 0% units keep the registry order (ipm units): 市委组织部 is first there.
    assert names[0] == "市委组织部"


def test_sort_errors():
    _code, document = run_json("summary", "--by-unit", str(H2), "--sort", "errors")
    assert document["units"][0]["unit"] == "惠州仲裁委"


def test_period_option_and_latest_default():
    _code, both = run_json("summary", "--by-unit", str(SETS))
    assert both["period"] == "2023-H1"  # the latest of the three periods in the set
    _code, first = run_json("summary", "--by-unit", str(H1), str(H2), "--period", "2022-H1")
    rows = by_unit(first)
    # H1 by hand: 仲裁委 m6 in_progress, m10 completed without evidence (1 error); 贸促会 t6 completed.
    assert rows["惠州仲裁委"] == {"unit": "惠州仲裁委", "duties": 2, "reported": 2, "completed": 1, "blocked": 0,
                                     "deferred": 0, "red": 0, "errors": 1, "late": 0, "completion": 50.0}
    assert rows["市贸促会"]["completed"] == 1 and rows["市贸促会"]["completion"] == 100.0


def test_unknown_period_is_a_usage_error():
    code, _out, err = run("summary", "--by-unit", str(H2), "--period", "2021-H1", "--today", TODAY)
    assert code == 2 and "2022-H2" in err


def test_csv_and_markdown():
    code, out, _err = run("summary", "--by-unit", str(H2), "--format", "csv", "--today", TODAY)
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out.lstrip("\ufeff"))))
    arb = next(r for r in rows if r["单位"] == "惠州仲裁委")
    assert (arb["红灯"], arb["错误"], arb["完成率"]) == ("1", "1", "50%")
    code, out, _err = run("summary", "--by-unit", str(H2), "--format", "markdown", "--today", TODAY)
    assert code == 0 and "| 惠州仲裁委 | 2 | 2 | 1 | 1 | 0 | 1 | 1 | 0 | 50% |" in out


def test_help():
    code, out, _err = run("summary", "--help")
    assert code == 0 and "--sort" in out


class _Rows(__import__("html.parser").parser.HTMLParser):
    """data-* of every <tr data-unit> inside <section id="units">, and of its trend cells."""

    def __init__(self) -> None:
        super().__init__()
        self.inside = False
        self.rows: list[dict] = []
        self.cells: list[dict] = []

    def handle_starttag(self, tag, attrs):
        data = dict(attrs)
        if tag == "section":
            self.inside = data.get("id") == "units"
        elif self.inside and tag == "tr" and "data-unit" in data:
            self.rows.append(data)
        elif self.inside and tag == "td" and "data-period" in data:
            self.cells.append({**data, "unit": self.rows[-1]["data-unit"]})


def test_dashboard_shows_the_same_table_and_the_trend(tmp_path):
    page = tmp_path / "dashboard.html"
    code, _out, err = run("dashboard", str(H1), str(H2), "-o", str(page), "--today", TODAY)
    assert code == 0, err
    parser = _Rows()
    parser.feed(page.read_text(encoding="utf-8"))
    table = [row for row in parser.rows if "data-duties" in row]
    assert len(table) == UNITS_WITH_DUTIES and table[0]["data-unit"] == "惠州仲裁委"
    arb = table[0]
    assert {k: arb[f"data-{k}"] for k in ("duties", "reported", "completed", "blocked", "red", "errors")} == {
        "duties": "2", "reported": "2", "completed": "1", "blocked": "1", "red": "1", "errors": "1"}
    # Trend, by hand: 仲裁委 H1 m10 completed (1 of 2, one error, no red), H2 the same count with m6 blocked (red 1);
    # 贸促会 H1 completed its one task, H2 sent nothing.
    trend = {(c["unit"], c["data-period"]): (c["data-completed"], c["data-red"], c["data-errors"]) for c in parser.cells}
    assert trend[("惠州仲裁委", "2022-H1")] == ("1", "0", "1")
    assert trend[("惠州仲裁委", "2022-H2")] == ("1", "1", "1")
    assert trend[("市贸促会", "2022-H1")] == ("1", "0", "0")
    assert trend[("市贸促会", "2022-H2")] == ("0", "0", "0")


def test_no_usable_report_is_exit_1(tmp_path):
    code, out, err = run("summary", "--by-unit", str(tmp_path), "--today", TODAY)
    assert code == 1 and out == "" and "ipm check" in err
