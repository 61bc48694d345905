"""checker.check_paths and the `ipm check`, `template`, `schema`, `rules` commands.

Expected findings are read off the fixture files (their first-line comments say which rule and line)."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from tests.clirun import run
from tests.paths import TESTS

from ipmeasures.check import engine as checker
from ipmeasures.check.engine import check_paths
from ipmeasures.errors import UsageError
from ipmeasures.findings import Severity
from ipmeasures.policy.catalog import load_catalog
from ipmeasures.rules import RULES

FIXTURES = TESTS / "fixtures" / "reports"
TODAY = "2025-12-31"
PASS = sorted(p.name for p in (FIXTURES / "pass").glob("*.yaml"))
FAIL = sorted(p.name for p in (FIXTURES / "fail").glob("*.yaml"))


@pytest.fixture(scope="module")
def catalog():
    return load_catalog()


def first_line_rule(path: Path) -> str:
    """The rule a failing fixture's first-line comment says it trips: `# 不通过：RULE，…`."""
    return path.read_text(encoding="utf-8").splitlines()[0].split("：", 1)[1].split("，", 1)[0]


@pytest.fixture
def mixed(tmp_path: Path) -> Path:
    """Every fixture, plus hostile files, in one directory tree (nested, with a hidden folder)."""
    root = tmp_path / "reports"
    shutil.copytree(FIXTURES / "pass", root / "good")
    shutil.copytree(FIXTURES / "fail", root / "bad")
    hostile = root / "hostile"
    hostile.mkdir()
    (hostile / "binary.yaml").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\xff\xd8")
    (hostile / "bomb.yml").write_text('a: &a ["x","x"]\nb: &b [*a,*a]\n', encoding="utf-8")
    (hostile / "deep.yaml").write_text("[" * 100_000, encoding="utf-8")
    (hostile / "empty.yaml").write_bytes(b"")
    (hostile / "tabs.yaml").write_text("unit: 市公安局\n\tperiod: 2022-H1\n", encoding="utf-8")
    (hostile / "python.yaml").write_text("unit: !!python/object/apply:os.system ['true']\n", encoding="utf-8")
    (hostile / "big.yaml").write_bytes(b"# " + b"x" * (2 << 20))
    (root / ".github").mkdir()
    (root / ".github" / "ci.yml").write_text("on: push\n", encoding="utf-8")  # not a report: skipped
    (root / "notes.txt").write_text("not yaml", encoding="utf-8")
    return root


# --- the checker ----------------------------------------------------------------------------------


def test_clean_reports_have_no_findings(catalog):
    outcome = check_paths([str(FIXTURES / "pass")], catalog, today=dt.date(2025, 12, 31))
    assert outcome.findings == [] and outcome.exit_code == 0
    assert [Path(f).name for f in outcome.checked_files] == PASS


@pytest.mark.parametrize("name", FAIL)
def test_each_failing_fixture_trips_the_rule_its_comment_names(catalog, name):
    path = FIXTURES / "fail" / name
    outcome = check_paths([str(path)], catalog, today=dt.date(2025, 12, 31))
    assert {f.rule_id for f in outcome.findings} == {first_line_rule(path)}


def test_a_mixed_directory_reports_every_bad_file_and_goes_on(catalog, mixed):
    outcome = check_paths([str(mixed)], catalog, today=dt.date(2025, 12, 31))
    names = [os.path.relpath(f, mixed) for f in outcome.checked_files]
    assert names == sorted(names, key=lambda n: n.split(os.sep))
    assert ".github/ci.yml" not in names and "notes.txt" not in names
    rules: dict[str, set[str]] = {name: set() for name in names}
    for finding in outcome.findings:
        rules[os.path.relpath(finding.file, mixed)].add(finding.rule_id)
    for name in FAIL:
        assert first_line_rule(FIXTURES / "fail" / name) in rules[f"bad/{name}"], name
    assert "duplicate-report" in rules["bad/duplicate-report/b-惠州市人大常委会办公室-2022-H1.yaml"]
    # Several 市人大常委会办公室 2022-H1 reports share this run, so duplicate-report is the only finding allowed.
    assert all(rules[f"good/{name}"] <= {"duplicate-report"} for name in PASS)
    hostile = {os.path.relpath(f.file, mixed): f for f in outcome.findings if "hostile" in f.file}
    assert set(hostile) == {f"hostile/{n}" for n in ("binary.yaml", "bomb.yml", "deep.yaml", "empty.yaml",
                                                      "tabs.yaml", "python.yaml", "big.yaml")}
    assert all(f.rule_id == "invalid-report" for f in hostile.values())
    assert hostile["hostile/tabs.yaml"].line == 2 and hostile["hostile/empty.yaml"].line is None
    assert outcome.exit_code == 1


def test_strict_and_ignore(catalog):
    path = str(FIXTURES / "fail" / "not-assigned.yaml")
    assert check_paths([path], catalog, today=dt.date(2025, 12, 31)).exit_code == 0
    strict = check_paths([path], catalog, strict=True, today=dt.date(2025, 12, 31))
    assert strict.exit_code == 1 and [f.severity for f in strict.findings] == [Severity.ERROR]
    waived = check_paths([str(FIXTURES / "fail" / "missing-evidence.yaml")], catalog, ignore=["missing-evidence"],
                         today=dt.date(2025, 12, 31))
    assert [(f.rule_id, f.suppressed) for f in waived.findings] == [("missing-evidence", True)]
    assert waived.exit_code == 0 and waived.suppressed == 1 and waived.errors == 0
    with pytest.raises(UsageError, match="missing-evidence"):
        check_paths([path], catalog, ignore=["missing-evidense"])


def test_a_path_that_does_not_exist_is_a_finding(catalog, tmp_path):
    outcome = check_paths([str(tmp_path / "nope.yaml"), str(FIXTURES / "pass")], catalog,
                          today=dt.date(2025, 12, 31))
    assert [(f.rule_id, Path(f.file).name) for f in outcome.findings] == [("invalid-report", "nope.yaml")]
    assert len(outcome.checked_files) == len(PASS)


def test_an_internal_error_becomes_a_finding_on_that_file_only(catalog, monkeypatch):
    real = checker.iter_report

    def broken(loaded, **kwargs):
        if "惠州仲裁委" in loaded.path:
            raise KeyError("bug")
        return real(loaded, **kwargs)

    monkeypatch.setattr(checker, "iter_report", broken)
    monkeypatch.delenv("IPM_DEBUG", raising=False)
    outcome = check_paths([str(FIXTURES / "pass")], catalog, today=dt.date(2025, 12, 31))
    assert [(f.rule_id, "KeyError" in f.message) for f in outcome.findings] == [("invalid-report", True)]
    assert "惠州仲裁委" in outcome.findings[0].file and len(outcome.summaries) == len(PASS) - 1


def test_workers_give_the_same_outcome_as_one_process(catalog, mixed, monkeypatch):
    monkeypatch.setattr(checker, "PARALLEL_MIN_FILES", 2)
    monkeypatch.setattr(checker, "CHUNK", 3)
    one = check_paths([str(mixed)], catalog, today=dt.date(2025, 12, 31), jobs=1)
    two = check_paths([str(mixed)], catalog, today=dt.date(2025, 12, 31), jobs=2)
    assert one.findings == two.findings and one.summaries == two.summaries and one.checked_files == two.checked_files


def test_the_stream_gives_one_result_per_file_in_the_order_given(catalog):
    # Not sorted by name: the order of the command line is the order of the output.
    names = ["unknown-unit.yaml", "bad-period.yaml", "missing-evidence.yaml", "not-assigned.yaml"]
    stream = checker.check_stream([str(FIXTURES / "fail" / name) for name in names], catalog,
                                  today=dt.date(2025, 12, 31))
    results = list(stream)
    assert [Path(r.file).name for r in results] == names
    for result, name in zip(results, names):
        # Each fixture trips the rule its first line names, on that file only, in line order.
        assert first_line_rule(FIXTURES / "fail" / name) in {f.rule_id for f in result.findings}
        assert {f.file for f in result.findings} == {result.file}
        assert [f.sort_key() for f in result.findings] == sorted(f.sort_key() for f in result.findings)
    run = stream.finish()
    # Two of these fixtures are the same unit's 2022-H1 report: the one cross-file finding, at the end.
    assert [f.rule_id for f in run.findings] == ["duplicate-report"] and run.files == 4
    streamed = [f for r in results for f in r.findings] + run.findings
    assert run.errors == sum(1 for f in streamed if f.severity is Severity.ERROR and not f.suppressed)
    assert run.warnings == sum(1 for f in streamed if f.severity is Severity.WARNING and not f.suppressed)


def test_the_stream_keeps_its_order_with_workers_and_a_small_window(catalog, mixed, monkeypatch):
    monkeypatch.setattr(checker, "PARALLEL_MIN_FILES", 2)
    monkeypatch.setattr(checker, "CHUNK", 2)
    one = [(r.file, r.findings, r.summary) for r in checker.check_stream([str(mixed)], catalog, jobs=1,
                                                                          today=dt.date(2025, 12, 31))]
    two = [(r.file, r.findings, r.summary) for r in checker.check_stream([str(mixed)], catalog, jobs=2,
                                                                          today=dt.date(2025, 12, 31))]
    assert one == two and len(one) > 20


def test_cross_file_findings_come_after_every_report(catalog, mixed):
    outcome = check_paths([str(mixed)], catalog, today=dt.date(2025, 12, 31))
    kinds = ["run" if RULES[f.rule_id].SCOPE == "run" else "file" for f in outcome.findings]
    assert "run" in kinds and kinds == sorted(kinds, key=lambda k: k == "run")


def test_reports_are_never_written(catalog, mixed):
    before = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in mixed.rglob("*") if p.is_file()}
    check_paths([str(mixed)], catalog, today=dt.date(2025, 12, 31), expect_all=True)
    after = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in mixed.rglob("*") if p.is_file()}
    assert before == after


def test_coverage_shows_who_reported_what(catalog):
    outcome = check_paths([str(FIXTURES / "pass")], catalog, today=dt.date(2025, 12, 31))
    rows = {(r.kind, r.id): r for r in outcome.coverage}
    # The three clean reports (2022-H1, 2022-H1, 2022-Q2) all end on 2022-06-30: all three count.
    assert rows[("measure", 1)].reported == {"市公安局": "推进中"}
    assert "市法院" in rows[("measure", 1)].missing and "市公安局" not in rows[("measure", 1)].missing
    assert rows[("measure", 5)].reported == {"市人大常委会办公室": "推进中"}
    assert rows[("measure", 6)].reported == {"惠州仲裁委": "不适用"}
    assert rows[("measure", 10)].reported == {"惠州仲裁委": "已完成"}
    assert rows[("task", 1)].reported == {"市公安局": "推进中"} and rows[("task", 1)].missing == []
    assert len(rows) == len(catalog.measure_ids) + len(catalog.task_ids)


def test_named_files_alone_do_not_make_other_units_not_reported(catalog):
    # a pre-commit hook names only the staged reports: the units whose files it did not name have not
    # failed to report, so coverage lists only what was reported (the same reports as a folder do)
    files = [str(FIXTURES / "pass" / name) for name in ("市公安局-2022-H1.yaml", "惠州仲裁委-2022-Q2.yaml")]
    rows = {(r.kind, r.id): r for r in check_paths(files, catalog, today=dt.date(2025, 12, 31)).coverage}
    assert all(row.missing == [] for row in rows.values())
    assert rows[("measure", 1)].reported == {"市公安局": "推进中"}
    assert rows[("measure", 10)].reported == {"惠州仲裁委": "已完成"}
    assert ("measure", 5) not in rows  # only 市人大常委会办公室, whose report was not named, has measure 5
    folder = {(r.kind, r.id): r for r in check_paths([str(FIXTURES / "pass")], catalog,
                                                      today=dt.date(2025, 12, 31)).coverage}
    assert "市法院" in folder[("measure", 1)].missing


def test_no_coverage_for_a_single_report(catalog):
    path = FIXTURES / "pass" / "市公安局-2022-H1.yaml"
    assert check_paths([str(path)], catalog, today=dt.date(2025, 12, 31)).coverage == []


# --- ipm check ----------------------------------------------------------------------------------------


def test_check_json_is_the_documented_shape_and_alone_on_stdout(mixed):
    code, out, err = run("check", str(mixed), "--format", "json", "--today", TODAY)
    document = json.loads(out)
    assert code == 1 and set(document) == {"summary", "findings", "reports"}
    assert {"files", "errors", "warnings"} <= set(document["summary"])
    keys = {"file", "line", "column", "severity", "rule", "message", "unit", "measure", "task"}
    assert all(keys <= set(f) for f in document["findings"])
    assert document["summary"]["errors"] == sum(
        1 for f in document["findings"] if f["severity"] == "error" and not f["suppressed"])
    assert "错误" in err  # the closing summary for people goes to stderr


def test_check_clean_reports_exit_0_in_every_format():
    for fmt in ("table", "json", "github", "junit", "sarif", "markdown"):
        code, out, _err = run("check", str(FIXTURES / "pass"), "--format", fmt, "--today", TODAY)
        assert code == 0 and out, fmt


def test_check_writes_further_formats_in_the_same_run(tmp_path, monkeypatch):
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(tmp_path / "summary.md"))
    sarif, junit = tmp_path / "ipm.sarif", tmp_path / "ipm.xml"
    code, out, _err = run("check", str(FIXTURES / "fail"), "--format", "github", "--today", TODAY,
                          "--output", f"sarif={sarif}", "--output", f"junit={junit}")
    assert code == 1
    assert all(line.startswith(("::error ", "::warning ", "::notice")) for line in out.splitlines())
    document = json.loads(sarif.read_text(encoding="utf-8"))
    assert document["version"] == "2.1.0"
    results = document["runs"][0]["results"]
    assert {r["ruleId"] for r in results} >= {"missing-duty", "unknown-ref", "overdue", "duplicate-report"}
    suite = ET.fromstring(junit.read_text(encoding="utf-8"))
    import xmlschema

    xmlschema.XMLSchema(TESTS / "schemas" / "JUnit.xsd").validate(str(junit))
    assert float(suite.get("time")) > 0 and suite.get("hostname")  # the run was timed
    assert (tmp_path / "summary.md").read_text(encoding="utf-8").strip()


def test_check_exit_codes_for_usage_errors(tmp_path):
    assert run("check", str(tmp_path / "missing"))[0] == 2
    assert run("check")[0] == 2
    assert run("check", str(FIXTURES / "pass"), "--format", "xml")[0] == 2
    assert run("check", str(FIXTURES / "pass"), "--output", "sarif")[0] == 2
    assert run("check", str(FIXTURES / "pass"), "--output", "pdf=x.pdf")[0] == 2
    code, _out, err = run("check", str(FIXTURES / "pass"), "--ignore", "no-such-rule")
    assert code == 2 and "ipm rules" in err


def test_check_ignore_strict_and_expect_all_options():
    path = str(FIXTURES / "fail" / "empty-progress.yaml")
    assert run("check", path, "--today", TODAY)[0] == 0
    assert run("check", path, "--today", TODAY, "--strict")[0] == 1
    assert run("check", path, "--today", TODAY, "--strict", "--ignore", "empty-progress")[0] == 0
    code, out, _err = run("check", str(FIXTURES / "pass" / "市人大常委会办公室-2022-H1.yaml"), "--today", TODAY,
                          "--expect-all", "--format", "json")
    assert code == 1 and {f["rule"] for f in json.loads(out)["findings"]} == {"missing-report"}


def test_check_max_bytes(tmp_path):
    path = FIXTURES / "pass" / "市人大常委会办公室-2022-H1.yaml"
    code, out, _err = run("check", str(path), "--max-bytes", "100", "--format", "json")
    [finding] = json.loads(out)["findings"]
    assert code == 1 and finding["rule"] == "invalid-report" and "--max-bytes" in finding["message"]
    assert run("check", str(path), "--max-bytes", "0")[0] == 2


def test_check_option_parsing_apart_from_execution(monkeypatch):
    from ipmeasures.commands import check as check_command

    seen = []
    monkeypatch.setattr(check_command, "execute", lambda options, catalog: seen.append(options) or 0)
    code, _out, _err = run("check", str(FIXTURES), "--format", "sarif", "--output", "junit=a.xml",
                           "--output", "JSON=b.json", "--strict", "--ignore", "overdue,empty-progress",
                           "--ignore", "not-assigned", "--expect-all", "--max-bytes", "2048", "--today", "2024-01-02")
    [options] = seen
    assert code == 0
    assert (options.paths, options.fmt, options.outputs) == ([str(FIXTURES)], "sarif", [("junit", "a.xml"),
                                                                                         ("json", "b.json")])
    assert options.strict and options.expect_all and options.max_bytes == 2048
    assert options.ignore == ["overdue", "empty-progress", "not-assigned"]
    assert options.today == dt.date(2024, 1, 2)


@pytest.mark.parametrize("command", ["check", "template", "schema", "rules"])
def test_help(command):
    code, out, _err = run(command, "--help")
    assert code == 0 and "例" in out


# --- ipm template ------------------------------------------------------------------------------------


def fill(text: str) -> str:
    """Fill a template as a unit would: every duty under way, with what was done."""
    return text.replace("    status:\n    progress:\n",
                        "    status: in_progress\n    progress: 已制定工作方案并组织实施。\n").replace(
        "submitted:  ", "submitted: 2022-07-05  ")


def test_a_filled_template_passes_for_every_unit(catalog, tmp_path):
    for unit in catalog.units_with_duties():
        code, out, _err = run("template", unit, "--period", "2022-H1")
        assert code == 0
        path = tmp_path / f"{unit}.yaml"
        path.write_text(fill(out), encoding="utf-8")
        code, out, _err = run("check", str(path), "--format", "json", "--today", "2022-08-01")
        assert code == 0, out
        assert json.loads(out)["findings"] == [], unit


def test_an_unfilled_template_does_not_pass(tmp_path):
    _code, out, _err = run("template", "市公安局", "--period", "2022-H1")
    path = tmp_path / "t.yaml"
    path.write_text(out, encoding="utf-8")
    code, out, _err = run("check", str(path), "--format", "json", "--today", "2022-08-01")
    findings = json.loads(out)["findings"]
    assert code == 1 and len(findings) == 12 and {f["rule"] for f in findings} == {"invalid-report"}


def test_template_lists_every_duty_with_its_title(catalog):
    _code, out, _err = run("template", "市市场监管局", "--period", "2022-Q3")
    for duty in catalog.duties("市市场监管局"):
        assert f"  - {duty.kind}: {duty.id}\n" in out and duty.title in out
    assert "period: 2022-Q3\n" in out and "牵头负责" in out


def test_template_writes_a_file_and_never_overwrites_without_force(tmp_path):
    path = tmp_path / "市公安局.yaml"
    assert run("template", "市公安局", "--period", "2022-H1", "-o", str(path))[0] == 0
    first = path.read_text(encoding="utf-8")
    assert "unit: 市公安局" in first
    path.write_text("# 已填写的报告\n", encoding="utf-8")
    code, _out, err = run("template", "市公安局", "--period", "2022-H2", "-o", str(path))
    assert code == 1 and "--force" in err and path.read_text(encoding="utf-8") == "# 已填写的报告\n"
    assert run("template", "市公安局", "--period", "2022-H2", "-o", str(path), "--force")[0] == 0
    assert "period: 2022-H2" in path.read_text(encoding="utf-8")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["市公安局.yaml"]  # no temporary file left


def test_template_write_is_atomic(tmp_path, monkeypatch):
    from ipmeasures import atomic

    path = tmp_path / "r.yaml"
    path.write_text("old\n", encoding="utf-8")

    def disk_full(fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(atomic.os, "fsync", disk_full)
    code, _out, err = run("template", "市公安局", "-o", str(path), "--force")
    assert code == 1 and "No space" in err
    assert path.read_text(encoding="utf-8") == "old\n" and sorted(tmp_path.iterdir()) == [path]


def test_template_usage_errors():
    assert run("template", "市公安厅")[0] == 2
    assert run("template", "市公安局", "--period", "2022年")[0] == 2


# --- ipm schema, ipm rules ------------------------------------------------------------------------------


def test_schema_is_json_schema_of_the_report_format():
    import jsonschema

    code, out, _err = run("schema")
    schema = json.loads(out)
    assert code == 0 and schema["$schema"].endswith("2020-12/schema")
    jsonschema.Draft202012Validator.check_schema(schema)


def test_rules_lists_every_rule_and_shows_one():
    code, out, _err = run("rules", "--format", "json")
    assert code == 0 and [r["id"] for r in json.loads(out)] == list(RULES)
    code, out, _err = run("rules", "missing-evidence")
    assert code == 0 and "不通过" in out and "通过" in out
    assert run("rules", "missing-evidense")[0] == 2


def test_every_rule_module_documents_itself():
    for rule_id, module in RULES.items():
        assert module.ID == rule_id and module.SEVERITY in (Severity.ERROR, Severity.WARNING)
        assert "不通过" in module.__doc__ and "通过" in module.__doc__ and callable(module.check)


def test_template_creates_the_folders_of_its_output(tmp_path):
    target = tmp_path / "reports" / "2022-H1" / "市公安局.yaml"  # as the README's walk-through writes it
    code, _out, _err = run("template", "市公安局", "--period", "2022-H1", "-o", str(target))
    assert code == 0 and target.read_text(encoding="utf-8").startswith("#")


def test_a_folder_without_reports_is_an_error_unless_allowed(tmp_path):
    code, out, err = run("check", str(tmp_path))
    assert code == 1 and out == "" and "--allow-empty" in err
    code, out, _err = run("check", str(tmp_path), "--allow-empty", "--format", "json")
    assert code == 0 and json.loads(out)["summary"]["files"] == 0


def test_an_unwritable_output_is_refused_before_checking(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")  # a file where the output's folder should be
    code, out, err = run("check", str(FIXTURES / "pass"), "--output", f"json={blocker / 'x.json'}")
    assert code == 2 and out == "" and "--output" in err


def test_output_may_not_replace_a_report_or_land_among_them(tmp_path):
    reports = tmp_path / "reports"
    shutil.copytree(FIXTURES / "pass", reports)
    report = next(reports.glob("*.yaml"))
    before = report.read_bytes()
    for output in (f"json={report}", f"xlsx={reports / '检查结果.xlsx'}"):
        code, out, err = run("check", str(reports), "--output", output)
        assert code == 2 and out == "" and "--output" in err
    assert report.read_bytes() == before  # the report is untouched
    code, _out, _err = run("check", "--today", "2025-12-31", str(reports), "--output", f"sarif={reports / 'x.sarif'}")
    assert code == 0  # a SARIF file beside the reports is not read as one


@pytest.mark.parametrize(("jobs", "forked"), [(2, 1), (3, 2), (8, 7)])
def test_a_parallel_run_forks_one_worker_fewer_than_its_processes(catalog, mixed, monkeypatch, jobs, forked):
    # This process checks chunks too: `jobs` processes in all (a worker per core would be one process too many).
    from ipmeasures.check import workers

    asked: list[int] = []
    real = workers.ordered_map

    def counting(func, chunks, count):
        asked.append(count)
        return real(func, chunks, count)

    monkeypatch.setattr(workers, "ordered_map", counting)
    monkeypatch.setattr(checker, "PARALLEL_MIN_FILES", 2)
    assert check_paths([str(mixed)], catalog, today=dt.date(2025, 12, 31), jobs=jobs).files > 2
    assert asked == [forked]
