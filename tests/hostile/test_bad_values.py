"""Issue 12, item 7 (and the value half of 11): values the YAML reader cannot or must not turn into data.

A year 0000, an empty explicit `!!int`, a hexadecimal or decimal integer of thousands of digits, a YAML 1.1
sexagesimal number: each is an `invalid-report` (or `bad-period`) finding at its line and field in
`ipm check`, never "内部出错"; `ipm ledger` and `ipm dashboard` leave that file out (its finding says
why) and still give the others; `ipm convert` refuses it with file, line and field. The same values in a
policy data file (`--data`) are refused with file, line and field by `ipm validate` and the queries.

Each case is (the value's line as written, the text of that line, the field, the rule): the line
numbers are counted by hand in `GOOD` below, where the value replaces one line.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from tests.paths import REPO

DATA = REPO / "data"

GOOD = [
    "unit: 市贸促会",              # line 1
    "period: 2022-H1",            # line 2
    "submitted: 2022-07-08",      # line 3
    "items:",                     # line 4
    "  - task: 6",                # line 5
    "    status: 推进中",          # line 6
    "    progress: 开展培训 2 场。",  # line 7
]
HUGE_HEX = "0x" + "f" * 5000
HUGE_DEC = "9" * 5000
SEXAGESIMAL = "1" + ":59" * 2000

# (line number, replacement line, field, rule)
CASES = {
    "year-zero": (2, "period: 0000-H1", "period", "bad-period"),
    "year-zero-plain": (2, "period: 0000", "period", "bad-period"),
    "empty-int": (6, '    status: !!int ""', "items.0.status", "invalid-report"),
    "empty-float": (6, '    status: !!float ""', "items.0.status", "invalid-report"),
    "sign-only-int": (5, '  - task: !!int "-"', "items.0.task", "invalid-report"),
    "huge-hex": (5, f"  - task: {HUGE_HEX}", "items.0.task", "invalid-report"),
    "huge-decimal": (5, f"  - task: {HUGE_DEC}", "items.0.task", "invalid-report"),
    "huge-binary": (5, "  - task: 0b" + "1" * 64, "items.0.task", "invalid-report"),
    "just-past-int64": (5, f"  - task: {1 << 63}", "items.0.task", "invalid-report"),
    "negative-past-int64": (5, f"  - task: -{1 << 63}", "items.0.task", "invalid-report"),
    "sexagesimal-short": (6, "    status: 1:30", "items.0.status", "invalid-report"),
    "sexagesimal-long": (7, f"    progress: {SEXAGESIMAL}", "items.0.progress", "invalid-report"),
    "sexagesimal-float": (6, "    status: 1:30.5", "items.0.status", "invalid-report"),
    "sexagesimal-key": (7, "    1:30: x", "items.0", "invalid-report"),
    "year-zero-date": (3, "submitted: 0000-01-01", "submitted", "invalid-report"),
}


# What the refusal must say, for the classes that used to be read as numbers (slowly, or at all).
SAYS = {"sexagesimal": "六十进制", "huge": "2 的 63 次方", "just-past": "2 的 63 次方", "negative-past": "2 的 63 次方"}


def report(case: str) -> str:
    line, text, _field, _rule = CASES[case]
    lines = list(GOOD)
    lines[line - 1] = text
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("case", sorted(CASES))
def test_check_names_line_and_field(ipm, tmp_path: Path, case: str):
    line, _text, field, rule = CASES[case]
    (tmp_path / "bad.yaml").write_text(report(case), encoding="utf-8")
    result = ipm("check", "bad.yaml", "--format", "json", timeout=30)
    assert result.returncode == 1
    found = [f for f in json.loads(result.stdout)["findings"] if f["rule"] == rule]
    here = [f for f in found if f["line"] == line and (f["field"] or "").startswith(field)]
    assert here, found
    for prefix, words in SAYS.items():
        if case.startswith(prefix):
            assert any(words in f["message"] for f in here), here


def test_check_every_value_in_one_run_file_by_file(ipm, tmp_path: Path):
    """All of them in one folder with a good report: one finding each, the good one still clean."""
    folder = tmp_path / "reports"
    folder.mkdir()
    for case in CASES:
        (folder / f"{case}.yaml").write_text(report(case), encoding="utf-8")
    (folder / "good.yaml").write_text("\n".join(GOOD) + "\n", encoding="utf-8")
    result = ipm("check", "reports", "--format", "json", timeout=60)
    findings = json.loads(result.stdout)["findings"]
    for case, (line, _text, field, rule) in CASES.items():
        assert any(f["file"].endswith(f"{case}.yaml") and f["rule"] == rule and f["line"] == line
                   for f in findings), case
    assert not [f for f in findings if f["file"].endswith("good.yaml")]


@pytest.mark.parametrize("case", ["year-zero", "empty-int", "huge-hex", "sexagesimal-long", "huge-decimal"])
def test_ledger_leaves_the_file_out_and_goes_on(ipm, tmp_path: Path, case: str):
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "bad.yaml").write_text(report(case), encoding="utf-8")
    good = list(GOOD)
    good[1] = "period: 2022-H2"  # the bad one may still be read for 2022-H1; this one must be there
    (folder / "good.yaml").write_text("\n".join(good) + "\n", encoding="utf-8")
    result = ipm("ledger", "reports", "--format", "json", "--today", "2025-12-31", timeout=60)
    assert result.returncode == 0, result.stderr
    ledger = json.loads(result.stdout)
    assert "2022-H2" in ledger["periods"]
    row = next(r for r in ledger["rows"] if r["kind"] == "task" and r["id"] == 6 and r["unit"] == "市贸促会")
    assert row["periods"]["2022-H2"]["state"] == "in_progress"
    line, _text, _field, rule = CASES[case]
    assert any(f["file"].endswith("bad.yaml") and f["rule"] == rule and f["line"] == line
               for f in ledger["findings"])


@pytest.mark.parametrize("case", ["year-zero", "empty-int", "huge-hex", "sexagesimal-short"])
def test_dashboard_leaves_the_file_out_and_goes_on(ipm, tmp_path: Path, case: str):
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "bad.yaml").write_text(report(case), encoding="utf-8")
    (folder / "good.yaml").write_text("\n".join(GOOD) + "\n", encoding="utf-8")
    result = ipm("dashboard", "reports", "-o", "board.html", "--today", "2025-12-31", timeout=60)
    assert result.returncode == 0, result.stderr
    page = (tmp_path / "board.html").read_text(encoding="utf-8")
    assert "bad.yaml" in page  # its finding is listed


@pytest.mark.parametrize("case", sorted(CASES))
def test_convert_refuses_with_file_line_and_field(ipm, tmp_path: Path, case: str):
    pytest.importorskip("openpyxl")
    line, _text, field, rule = CASES[case]
    (tmp_path / "bad.yaml").write_text(report(case), encoding="utf-8")
    result = ipm("convert", "bad.yaml", "-o", "bad.xlsx", timeout=30)
    if rule == "bad-period":
        # A period that names no period is a finding of the check, not a value that cannot be read:
        # convert carries it over as written, and the check of the workbook says the same.
        assert result.returncode == 0, result.stderr
        checked = ipm("check", "bad.xlsx", "--format", "json", timeout=30)
        assert any(f["rule"] == "bad-period" for f in json.loads(checked.stdout)["findings"])
        return
    assert result.returncode == 1
    assert f"bad.yaml:{line}: {field}" in result.stderr
    assert not (tmp_path / "bad.xlsx").exists()


@pytest.mark.parametrize("value", [HUGE_HEX, HUGE_DEC, "1:30", SEXAGESIMAL, '!!int ""'])
def test_data_files_refuse_the_same_values(ipm, tmp_path: Path, value: str):
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    units = data / "units.yaml"
    text = units.read_text(encoding="utf-8")
    lines = text.splitlines()
    # Replace the first unit's name (a value the models read) with the hostile value.
    index = next(i for i, line in enumerate(lines) if line.lstrip().startswith("- name:"))
    indent = lines[index][: len(lines[index]) - len(lines[index].lstrip())]
    lines[index] = f"{indent}- name: {value}"
    units.write_text("\n".join(lines) + "\n", encoding="utf-8")
    for args in (("validate", "--data", "data"), ("--data", "data", "owner", "市公安局"),
                 ("--data", "data", "units", "--format", "json")):
        result = ipm(*args, timeout=30)
        assert result.returncode == 1, (args, result.stdout, result.stderr)
        assert f"units.yaml:{index + 1}:" in result.stderr, result.stderr
