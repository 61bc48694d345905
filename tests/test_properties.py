"""Property tests (issue 6): generated reports, valid and mutated at random, through `ipm check`.

Invariants: `ipm check` never raises (IPM_DEBUG=1 turns the per-file safety net off, so an internal error
fails the test instead of becoming a finding), exits 0, 1 or 2, always emits output its format's parser
accepts, and a valid generated report never gets an error.

IPM_HYPOTHESIS_EXAMPLES sets the number of examples per test (default 40, enough for CI);
a longer run on demand: IPM_HYPOTHESIS_EXAMPLES=2000 pytest tests/test_properties.py
"""

from __future__ import annotations

import datetime as dt
import json
import os
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from ipmeasures.cli import cli
from ipmeasures.policy.catalog import load_catalog
from ipmeasures.report.model import STATUS_ALIASES, STATUSES
from ipmeasures.report.period import parse_period
from ipmeasures.report.placeholders import load_placeholders, normalise

EXAMPLES = int(os.environ.get("IPM_HYPOTHESIS_EXAMPLES", "40"))
SETTINGS = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
TODAY = dt.date(2030, 1, 1)
FORMATS = ("json", "sarif", "junit", "github", "markdown", "table")
CHINESE = "一二三四五六七八九十"

CATALOG = load_catalog()
PLACEHOLDERS = load_placeholders()
UNITS = CATALOG.units_with_duties()

text = st.text(st.characters(exclude_categories=("Cc", "Cs", "Cf", "Zl", "Zp")), min_size=1, max_size=30).filter(
    str.strip)
statuses = st.sampled_from([*STATUSES, *STATUS_ALIASES])


def chinese(number: int) -> str:
    tens, ones = divmod(number, 10)
    return (("" if tens == 1 else CHINESE[tens - 1]) + "十" if tens else "") + (CHINESE[ones - 1] if ones else "")


@st.composite
def periods(draw) -> str | int:
    year = draw(st.integers(2021, 2029))
    form = draw(st.sampled_from(["year", "int", "H", "Q", "M"]))
    if form == "int":
        return year
    return {"year": str(year), "H": f"{year}-H{draw(st.integers(1, 2))}", "Q": f"{year}-Q{draw(st.integers(1, 4))}",
            "M": f"{year}-{draw(st.integers(1, 12)):02d}"}[form]


@st.composite
def valid_reports(draw) -> dict:
    unit = draw(st.sampled_from(UNITS))
    record = CATALOG.unit_by_name[unit]
    period = draw(periods())
    parsed = parse_period(period)
    report: dict = {"unit": draw(st.sampled_from([unit, record["full_name"], *record["aliases"]])), "period": period}
    if draw(st.booleans()):
        report["submitted"] = draw(st.dates(parsed.start, TODAY))
    if draw(st.booleans()):
        report["contact"] = draw(text)
    items = []
    for duty in CATALOG.duties(unit):
        item: dict = {}
        if duty.kind == "measure":
            item["measure"] = draw(st.sampled_from([duty.id, str(duty.id), chinese(duty.id), f"({chinese(duty.id)})",
                                                    f"（{chinese(duty.id)}）"]))
        else:
            item["task"] = duty.id
        status = draw(statuses)
        item["status"] = status
        canonical = STATUS_ALIASES.get(status, status)
        if canonical in ("in_progress", "completed") or draw(st.booleans()):
            item["progress"] = draw(text)
        if canonical == "completed" or draw(st.booleans()):
            # Real evidence: a text that is not a placeholder word (无, 暂无, 0, -) stands for a document number.
            evidence = text.filter(lambda t: normalise(t) not in PLACEHOLDERS)
            item["evidence"] = draw(st.one_of(evidence, st.lists(evidence, min_size=1, max_size=3)))
        if canonical == "blocked":
            item["blocker"] = draw(text)
        if canonical == "not_applicable":
            item["reason"] = draw(text)
        if canonical == "deferred":  # an approved delay: its reference and new date
            item["approval"] = draw(text)
            item["new_date"] = draw(st.dates(dt.date(2000, 1, 1), dt.date(2099, 12, 31)))
        items.append(item)
    report["items"] = draw(st.permutations(items))
    return report


def dump(report: dict) -> bytes:
    return yaml.safe_dump(report, allow_unicode=True, sort_keys=False).encode("utf-8")


def check(data: bytes, fmt: str) -> tuple[int, str]:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "report.yaml"
        path.write_bytes(data)
        result = CliRunner().invoke(cli, ["check", str(path), "--format", fmt, "--today", TODAY.isoformat()],
                                    catch_exceptions=False, env={"IPM_DEBUG": "1"})
        assert path.read_bytes() == data  # nothing ipm does changes a report it reads
    return result.exit_code, result.stdout


def assert_parses(fmt: str, out: str) -> None:
    if fmt == "json":
        document = json.loads(out)
        assert set(document) == {"summary", "findings", "reports"}
    elif fmt == "sarif":
        assert json.loads(out)["version"] == "2.1.0"
    elif fmt == "junit":
        ET.fromstring(out)
    elif fmt == "github":
        assert all(line.startswith("::") for line in out.splitlines())
    else:
        assert out.endswith("\n")


@SETTINGS
@given(valid_reports())
def test_a_valid_report_never_gets_an_error(report):
    code, out = check(dump(report), "json")
    errors = [f for f in json.loads(out)["findings"] if f["severity"] == "error"]
    assert (code, errors) == (0, [])


VALUES = st.one_of(st.none(), st.booleans(), st.integers(-5, 30), st.floats(allow_nan=True), text,
                   st.lists(text, max_size=2), st.dictionaries(text, text, max_size=2),
                   st.dates(), st.just("x" * 20_000), st.just("a\x07b"))


@st.composite
def mutated_documents(draw) -> dict | list | str:
    report = draw(valid_reports())
    for _ in range(draw(st.integers(1, 4))):
        target = report
        items = report.get("items")
        if isinstance(items, list) and items and draw(st.booleans()):
            target = draw(st.sampled_from(items))
            if not isinstance(target, dict):
                continue
        action = draw(st.sampled_from(["remove", "swap", "add"]))
        if action == "remove" and target:
            del target[draw(st.sampled_from(sorted(target)))]
        elif action == "swap" and target:
            target[draw(st.sampled_from(sorted(target)))] = draw(VALUES)
        else:
            target[draw(st.sampled_from(["stauts", "measure", "task", "ignore", "items", "unit", "extra"]))] = draw(
                VALUES)
    return report


SNIPPETS = [b"\t", b"\x00", b"&a ", b"*a", b"!!python/object/apply:os.system ", b"[[[[", b"- - - -", b"\xff\xfe",
            b": ", b"\r", b"'", b'"', b"---\n", b"<<: ", b"? "]


@st.composite
def damaged_bytes(draw) -> bytes:
    data = bytearray(dump(draw(valid_reports())))
    for _ in range(draw(st.integers(1, 5))):
        where = draw(st.integers(0, len(data)))
        how = draw(st.sampled_from(["flip", "insert", "cut"]))
        if how == "flip" and where < len(data):
            data[where] ^= 1 << draw(st.integers(0, 7))
        elif how == "insert":
            data[where:where] = draw(st.sampled_from(SNIPPETS))
        else:
            del data[where:]
    return bytes(data)


@SETTINGS
@given(mutated_documents(), st.sampled_from(FORMATS))
def test_mutated_reports_get_an_answer_in_every_format(document, fmt):
    code, out = check(dump(document), fmt)
    assert code in (0, 1, 2)
    assert_parses(fmt, out)


@SETTINGS
@given(damaged_bytes(), st.sampled_from(FORMATS))
def test_damaged_bytes_get_an_answer_in_every_format(data, fmt):
    code, out = check(data, fmt)
    assert code in (0, 1, 2)
    assert_parses(fmt, out)


@pytest.mark.parametrize("number", [1, 9, 10, 11, 19, 20, 22])
def test_the_chinese_numerals_used_above(number):
    assert CATALOG.parse_measure_ref(chinese(number)) == number


# --- every command that reads reports (issue 12) --------------------------------------------------
# The same invariants for `ipm ledger`, `ipm dashboard` and `ipm convert`: no exception escapes (IPM_DEBUG=1
# turns the per-file safety nets off), exit 0 or 1, and output its consumer parses. The values include the
# YAML scalars that used to crash them: years 0000, explicit tags on empty text, huge and base-60 integers,
# timestamps with a time zone.

RAW_SCALARS = st.one_of(
    st.integers(-10**30, 10**30).map(str),
    st.integers(0, 16**40).map(hex),
    st.integers(0, 2**70).map(bin),
    st.lists(st.integers(0, 59), min_size=2, max_size=8).map(lambda parts: ":".join(map(str, [1, *parts]))),
    st.integers(0, 9999).map(lambda year: f"{year:04d}-H1"),
    st.integers(0, 9999).map(lambda year: f"{year:04d}"),
    st.tuples(st.datetimes(dt.datetime(1, 1, 1), dt.datetime(9999, 12, 31)), st.integers(-12, 14)).map(
        lambda value: value[0].strftime("%Y-%m-%d %H:%M:%S") + f"{value[1]:+03d}:00"),
    st.sampled_from(['!!int ""', '!!float ""', '!!bool ""', '!!timestamp ""', "!!null x", '!!int "-"', "!!str 1",
                     "1e400", "-.inf", ".nan", "0x", "0b", "0o17", "09", "2022-02-30", "0000-01-01", "~", "''", "[]",
                     "{}", "yes", "=1+1", "'=HYPERLINK(\"x\")'"]),
    text.map(lambda value: json.dumps(value, ensure_ascii=False)),
)
RAW_FIELDS = ("unit", "period", "submitted", "contact", "measure", "status", "progress", "evidence", "ignore")


@st.composite
def raw_reports(draw) -> bytes:
    """A small report of 市贸促会 (task 6) with one field's value written as a raw YAML scalar."""
    fields = {"unit": "市贸促会", "period": "2022-H1", "submitted": "2022-07-08", "contact": "办公室",
              "measure": None, "status": "推进中", "progress": "培训", "evidence": "惠贸发〔2022〕1号", "ignore": None}
    field = draw(st.sampled_from(RAW_FIELDS))
    fields[field] = draw(RAW_SCALARS)
    lines = [f"{name}: {fields[name]}" for name in ("unit", "period", "submitted", "contact")]
    lines.append("items:")
    lines.append(f"  - measure: {fields['measure']}" if fields["measure"] is not None else "  - task: 6")
    lines += [f"    {name}: {fields[name]}" for name in ("status", "progress", "evidence", "ignore")
              if fields[name] is not None]
    return ("\n".join(lines) + "\n").encode("utf-8")


def report_documents() -> st.SearchStrategy[bytes]:
    return st.one_of(raw_reports(), mutated_documents().map(dump), damaged_bytes())


def invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False, env={"IPM_DEBUG": "1"})
    return result.exit_code, result.stdout, result.stderr


GOOD = ("unit: 市贸促会\nperiod: 2022-H2\nitems:\n  - task: 6\n    status: 推进中\n    progress: 培训\n").encode()


@SETTINGS
@given(report_documents())
def test_ledger_answers_every_report(data):
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / "a.yaml").write_bytes(data)
        (folder / "good.yaml").write_bytes(GOOD)
        code, out, _err = invoke("ledger", tmp, "--format", "json", "--today", TODAY.isoformat())
        assert code == 0  # the good report is always there to make a ledger of
        ledger = json.loads(out)
        assert "2022-H2" in ledger["periods"]
        assert (folder / "a.yaml").read_bytes() == data


@SETTINGS
@given(report_documents())
def test_dashboard_answers_every_report(data):
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "reports"
        folder.mkdir()
        (folder / "a.yaml").write_bytes(data)
        (folder / "good.yaml").write_bytes(GOOD)
        page = Path(tmp) / "board.html"
        code, _out, _err = invoke("dashboard", str(folder), "-o", str(page), "--today", TODAY.isoformat())
        assert code == 0
        assert "Content-Security-Policy" in page.read_text(encoding="utf-8")


@SETTINGS
@given(report_documents())
# found by Hypothesis: a field name that reads back from the workbook as another field (u<TAB>nit as unit)
@example(b"u\tnit: \xe5\xb8\x82\xe8\xb4\xb8\xe4\xbf\x83\xe4\xbc\x9a\nperiod: 2021\nitems:\n- task: 6\n  status: not_started\n")
def test_convert_answers_every_report_both_ways(data):
    pytest.importorskip("openpyxl")
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "a.yaml"
        source.write_bytes(data)
        workbook = Path(tmp) / "a.xlsx"
        code, _out, err = invoke("convert", str(source), "-o", str(workbook))
        assert code in (0, 1), err
        assert source.read_bytes() == data
        if code == 1:
            assert not workbook.exists() and err.strip()
            return
        back = Path(tmp) / "b.yaml"
        code, _out, err = invoke("convert", str(workbook), "-o", str(back))
        assert code == 0, err
        yaml.safe_load(back.read_text(encoding="utf-8"))  # what convert writes is YAML
        code, out, _err = invoke("check", str(back), "--format", "json", "--today", TODAY.isoformat())
        assert code in (0, 1) and set(json.loads(out)) == {"summary", "findings", "reports"}


CELL_VALUES = st.one_of(st.none(), text, st.integers(-10**18, 10**18), st.floats(allow_nan=False),
                        st.booleans(), st.datetimes(dt.datetime(1900, 3, 1), dt.datetime(9999, 12, 31)),
                        st.sampled_from(["=1+1", '="已完成"', "=DATE(2022,7,5)", "#N/A", "已完成", "2022-H1"]))


@SETTINGS
@given(st.lists(st.tuples(st.sampled_from(["C3", "C4", "C5", "C6", "A9", "B9", "E9", "F9", "G9", "K9", "L9"]),
                          CELL_VALUES), min_size=1, max_size=4))
def test_workbook_cells_of_any_value_get_an_answer_from_every_command(cells):
    openpyxl = pytest.importorskip("openpyxl")
    from ipmeasures.workbook.layout import write_template

    with tempfile.TemporaryDirectory() as tmp:
        book = openpyxl.load_workbook(__import__("io").BytesIO(write_template(CATALOG, "市贸促会", "2022-H1")))
        for ref, value in cells:
            book["报告"][ref] = value
        path = Path(tmp) / "a.xlsx"
        book.save(path)
        code, out, _err = invoke("check", str(path), "--format", "json", "--today", TODAY.isoformat())
        assert code in (0, 1) and set(json.loads(out)) == {"summary", "findings", "reports"}
        code, _out, err = invoke("convert", str(path), "-o", str(Path(tmp) / "a.yaml"))
        assert code in (0, 1), err
        (Path(tmp) / "good.yaml").write_bytes(GOOD)
        code, out, _err = invoke("ledger", str(path), str(Path(tmp) / "good.yaml"), "--format", "json",
                                 "--today", TODAY.isoformat())
        assert code == 0 and "2022-H2" in json.loads(out)["periods"]
