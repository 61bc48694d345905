"""`ipm check --baseline FILE`: persisting findings do not fail the run, new errors do; SARIF baselineState.

Baseline = the saved JSON result of tests/fixtures/supervision/2022-H1 (two missing-evidence errors: 人大
measure 5, 仲裁委 measure 10). Checked against it, 2022-H2 has (see the set's README, by hand):
new = 政协 measure 5 empty-progress (a warning), persisting = 仲裁委 measure 10 missing-evidence (an error
already in the baseline), resolved = 人大 measure 5 missing-evidence. No new error: exit 0.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import jsonschema
import pytest
from tests.supervision.conftest import H1, H2, TODAY, run

SCHEMA = json.loads((Path(__file__).parent.parent / "schemas" / "sarif-schema-2.1.0.json").read_text("utf-8"))


@pytest.fixture
def baseline(tmp_path: Path) -> Path:
    code, out, _err = run("check", str(H1), "--format", "json", "--today", TODAY)
    assert code == 1  # two errors in H1
    path = tmp_path / "baseline.json"
    path.write_text(out, encoding="utf-8")
    return path


def check(*args: str) -> tuple[int, str, str]:
    return run("check", *args, "--today", TODAY)


def test_without_baseline_the_persisting_error_fails():
    code, _out, _err = check(str(H2))
    assert code == 1


def test_persisting_error_passes_and_counts_are_reported(baseline):
    code, out, err = check(str(H2), "--baseline", str(baseline), "--format", "json")
    assert code == 0
    changes = {(f["unit"], f["rule"], f["change"]) for f in json.loads(out)["findings"]}
    assert changes == {("市政协办公室", "empty-progress", "new"), ("惠州仲裁委", "missing-evidence", "persisting")}
    assert "新增 1（其中错误 0），基线已有 1，已解决 1" in err


def test_table_marks_the_persisting_finding(baseline):
    code, out, _err = check(str(H2), "--baseline", str(baseline))
    assert code == 0 and "错误（基线已有）" in out


def test_a_new_error_fails(baseline, tmp_path):
    reports = tmp_path / "reports"
    shutil.copytree(H2, reports)
    npc = reports / "市人大常委会办公室.yaml"
    text = npc.read_text(encoding="utf-8")
    npc.write_text(text.replace("    evidence: [惠人大常办〔2022〕21号]\n", ""), encoding="utf-8")
    code, _out, err = check(str(reports), "--baseline", str(baseline))
    # 人大's missing-evidence came back: it is in the baseline (H1), so it persists -- not new.
    assert code == 0 and "基线已有 2" in err
    # A missing-evidence on a duty the baseline had clean (政协 measure 5 completed without evidence) is new.
    cppcc = reports / "市政协办公室.yaml"
    cppcc.write_text(cppcc.read_text(encoding="utf-8").replace("status: in_progress", "status: completed"),
                     encoding="utf-8")
    code, _out, err = check(str(reports), "--baseline", str(baseline))
    assert code == 1 and "（其中错误 1）" in err


def test_strict_turns_the_new_warning_into_a_new_error(baseline):
    code, _out, err = check(str(H2), "--baseline", str(baseline), "--strict")
    assert code == 1 and "（其中错误 1）" in err


def test_ignored_new_error_does_not_fail(baseline, tmp_path):
    code, _out, _err = check(str(H2), "--baseline", str(baseline), "--strict", "--ignore", "empty-progress")
    assert code == 0


def test_baseline_of_the_same_reports_is_all_persisting(tmp_path):
    code, out, _err = run("check", str(H2), "--format", "json", "--today", TODAY)
    saved = tmp_path / "h2.json"
    saved.write_text(out, encoding="utf-8")
    code, out, err = check(str(H2), "--baseline", str(saved), "--format", "json")
    assert code == 0 and {f["change"] for f in json.loads(out)["findings"]} == {"persisting"}
    assert "新增 0（其中错误 0），基线已有 2，已解决 0" in err


def test_sarif_baseline_state_validates(baseline, tmp_path):
    sarif = tmp_path / "ipm.sarif"
    code, _out, _err = check(str(H2), "--baseline", str(baseline), "--format", "github", "--output",
                             f"sarif={sarif}")
    assert code == 0
    log = json.loads(sarif.read_text(encoding="utf-8"))
    jsonschema.Draft4Validator(SCHEMA).validate(log)
    results = log["runs"][0]["results"]
    assert sorted((r["properties"]["unit"], r["ruleId"], r["baselineState"]) for r in results) == sorted([
        ("市政协办公室", "empty-progress", "new"), ("惠州仲裁委", "missing-evidence", "unchanged"),
        ("市人大常委会办公室", "missing-evidence", "absent")])
    absent = next(r for r in results if r["baselineState"] == "absent")
    assert absent["locations"][0]["physicalLocation"]["region"]["startLine"] == 7  # where it was in H1


def test_without_baseline_sarif_has_no_baseline_state():
    _code, out, _err = check(str(H2), "--format", "sarif")
    assert all("baselineState" not in r for r in json.loads(out)["runs"][0]["results"])


@pytest.mark.parametrize("text, says", [("{", "不是有效的 JSON"), ('{"findings": 3}', "findings")])
def test_bad_baseline_stops_before_checking(tmp_path, text, says):
    bad = tmp_path / "base.json"
    bad.write_text(text, encoding="utf-8")
    code, out, err = check(str(H2), "--baseline", str(bad))
    assert code == 1 and out == "" and str(bad) in err and says in err


def test_missing_baseline_is_a_usage_error(tmp_path):
    code, _out, _err = check(str(H2), "--baseline", str(tmp_path / "nope.json"))
    assert code == 2
