"""Hostile text in every output (issue 12, items 3, 4 and 6): terminals, CI logs, Markdown, spreadsheets.

Inputs are made here: report files whose names carry a line break and a forged `::error` command, ESC,
BEL, CR and a bidi override; report text with the same characters through YAML double-quoted escapes (in a
duplicated key, an invalid typed value, a unit name) and a percent-encoded tag; Markdown that would render
as links, images, HTML and @mentions; a --data unit named `=2+5`. Each output is read back by its consumer
(json, ElementTree, csv, openpyxl, markdown-it-py's CommonMark parser) or checked from first principles.
"""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from tests.clirun import run
from tests.paths import REPO
from tests.timeouts import bounded_in_time

TODAY = "2022-12-31"
TIMEOUT = 60

# What must never reach an output raw: C0 controls but tab and line feed, DEL, C1, bidi controls, U+2028/9.
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")

FORGED = "a\n::error file=README.md,line=1::forged.yaml"
HOSTILE_NAMES = [FORGED, "b\x1b[31mred.yaml", "c\rover.yaml", "d\x07bell.yaml", "e\u202eevil.yaml",
                 "f\x9b31mcsi.yaml"]
CLEAN = "unit: 市公安局\nperiod: 2022-H1\nitems: []\n"
HOSTILE_TEXT = {
    # double-quoted YAML escapes in a duplicated key: the key is quoted in the message
    "dup.yaml": 'unit: 市贸促会\nperiod: 2022-H1\n"st\\e[31mx\\a\\r": 1\n"st\\e[31mx\\a\\r": 2\nitems: []\n',
    # an invalid typed value
    "typed.yaml": 'unit: 市贸促会\nperiod: 2022-H2\nitems:\n  - task: 6\n    status: "\\e]8;;http://evil\\a\\rpwn"\n',
    # a percent-encoded tag
    "tag.yaml": "unit: 市贸促会\nperiod: 2022-Q1\nitems: !<tag:%1b%5b2J%07x> []\n",
    # a unit name with an OSC hyperlink and a bidi override
    "unit.yaml": 'unit: "\\e]8;;http://evil\\e\\\\\\u202e市公安局"\nperiod: 2022-H1\nitems: []\n',
    "measure.yaml": 'unit: 市贸促会\nperiod: 2022-Q2\nitems:\n  - measure: "\\e[2J\\x9b1m"\n    status: completed\n',
}


_bounded_in_time = bounded_in_time(TIMEOUT)


@pytest.fixture
def hostile(tmp_path: Path) -> Path:
    folder = tmp_path / "reports"
    folder.mkdir()
    for name in HOSTILE_NAMES:
        try:
            (folder / name).write_text(CLEAN, encoding="utf-8")
        except OSError:  # a filesystem that refuses the name
            pytest.skip(f"cannot make a file named {name!r} here")
    for name, text in HOSTILE_TEXT.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def assert_inert(text: str, *, allow_crlf: bool = False) -> None:
    """No control character but tab and line feed (CRLF too, in CSV); no forged workflow command."""
    if allow_crlf:
        text = text.replace("\r\n", "\n")
    found = CONTROL.search(text)
    assert found is None, f"raw {found.group()!r} at {found.start()}: {text[max(0, found.start() - 40):found.end() + 40]!r}"
    for line in text.splitlines():
        assert not line.startswith("::error file=README.md"), line


# --- item 3: terminal and CI-log injection ------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["table", "json", "github", "junit", "sarif", "markdown"])
def test_check_output_is_inert_in_every_format(hostile, fmt):
    code, out, err = run("check", str(hostile), "--today", TODAY, "--format", fmt)
    assert code == 1
    assert_inert(out)
    assert_inert(err)
    # the forged name is still there to read, written out: its line break is a visible \n
    visible = "a\\n::error file=README.md,line=1::forged.yaml"
    if fmt == "json":
        files = {f["file"] for f in json.loads(out)["findings"]}
        assert str(hostile / visible) in files and "\\x1b[31m" in json.dumps(json.loads(out), ensure_ascii=False)
    elif fmt == "sarif":
        messages = [r["message"]["text"] for r in json.loads(out)["runs"][0]["results"]]
        assert any("\\x1b[2J" in m for m in messages)
    elif fmt == "junit":
        names = [case.get("name") for case in ET.fromstring(out).iter("testcase")]
        assert str(hostile / visible) in names and len(names) == len(HOSTILE_NAMES) + len(HOSTILE_TEXT)
    elif fmt == "github":
        assert all(line.startswith("::") for line in out.splitlines())
    elif fmt == "table":
        assert visible in out


@pytest.mark.parametrize("fmt", ["table", "json", "csv", "markdown"])
def test_diff_output_is_inert(hostile, tmp_path, fmt):
    """ipm diff compares two runs: the hostile folder against an empty one, and a saved JSON result of it."""
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / "x.yaml").write_text(CLEAN.replace("市公安局", "市贸促会"), encoding="utf-8")
    saved = tmp_path / "saved.json"
    record = {"file": "x\n::error file=README.md::x\x1b[2J", "line": 1, "column": 1, "severity": "error",
              "rule": "invalid-report", "message": "\x07\u202e", "field": None, "unit": None, "measure": None,
              "task": None, "suppressed": False}
    saved.write_text(json.dumps({"summary": {}, "findings": [record]}), encoding="utf-8")
    for old in (empty, saved):
        code, out, err = run("diff", str(old), str(hostile), "--today", TODAY, "--format", fmt)
        assert code == 0, err
        assert_inert(out, allow_crlf=fmt == "csv")
        assert_inert(err)


@pytest.mark.parametrize("fmt", ["markdown", "json", "csv"])
def test_ledger_output_is_inert(hostile, tmp_path, fmt):
    target = tmp_path / f"ledger.{ {'markdown': 'md'}.get(fmt, fmt) }"
    code, _out, err = run("ledger", str(hostile), "--today", TODAY, "-o", str(target))
    assert code == 0, err
    assert_inert(err)
    assert_inert(target.read_text(encoding="utf-8-sig"), allow_crlf=fmt == "csv")


def test_dashboard_and_its_messages_are_inert(hostile, tmp_path):
    target = tmp_path / "dashboard.html"
    code, _out, err = run("dashboard", str(hostile), "--today", TODAY, "-o", str(target))
    assert code == 0, err
    assert_inert(err)
    assert_inert(target.read_text(encoding="utf-8"))


def test_step_summary_is_inert(hostile, tmp_path):
    summary = tmp_path / "summary.md"
    code, _out, _err = run("check", str(hostile), "--today", TODAY, "--format", "github",
                         env={"GITHUB_STEP_SUMMARY": str(summary)})
    assert code == 1
    assert_inert(summary.read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", HOSTILE_NAMES)
def test_error_messages_name_files_inertly(tmp_path, name):
    """Errors (IpmError) print file names too: an existing -o target, a convert source."""
    target = tmp_path / name
    target.write_text("mine\n", encoding="utf-8")
    code, out, err = run("template", "市公安局", "-o", str(target))
    assert code == 1 and "--force" in err
    assert_inert(out)
    assert_inert(err)


def test_the_workbook_outputs_carry_no_control_characters(hostile, tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    target = tmp_path / "results.xlsx"
    code, _out, err = run("check", str(hostile), "--today", TODAY, "--output", f"xlsx={target}")
    assert code == 1, err
    values = [cell for row in openpyxl.load_workbook(target)["问题"].iter_rows(values_only=True) for cell in row]
    texts = [v for v in values if isinstance(v, str)]
    assert any("\\x1b" in v for v in texts)
    for text in texts:
        assert_inert(text)


# --- item 4: Markdown injection --------------------------------------------------------------------

MARKDOWN_ATTACKS = [
    "[点我](https://evil.example/login)",
    "![x](https://evil.example/pixel.png)",
    "<img src=x onerror=alert(1)>",
    "<!-- hidden --> <script>alert(1)</script>",
    "@octo-org/team 请看 @someone",
    "联系 admin@evil.example 或 www.evil.example",
    "https://evil.example/a_b_c",
    "**粗体** _斜体_ ~~删除~~ `代码` $x^2$",
    "a | b | c",
    "&lt;b&gt; &#64;user",
    "<https://evil.example>",
    "[ref]: https://evil.example\n[ref]",
]


@pytest.fixture
def markdown_reports(tmp_path: Path) -> Path:
    """A valid report whose progress and evidence carry every attack (they reach the ledger whole), and
    reports whose unit is an attack (the unknown-unit finding quotes it)."""
    folder = tmp_path / "md"
    folder.mkdir()
    items = "".join(f"  - measure: {m}\n    status: in_progress\n    progress: {json.dumps(text, ensure_ascii=False)}\n"
                    f"    evidence: [{json.dumps(text, ensure_ascii=False)}]\n"
                    for m, text in zip((1, 2, 9, 14, 16, 18, 19, 21, 22, 15), MARKDOWN_ATTACKS, strict=False))
    (folder / "police.yaml").write_text(f"unit: 市公安局\nperiod: 2022-H1\nitems:\n{items}", encoding="utf-8")
    for i, text in enumerate(MARKDOWN_ATTACKS):
        (folder / f"u{i}.yaml").write_text(f"unit: {json.dumps(text, ensure_ascii=False)}\nperiod: 2022-H1\nitems: []\n",
                                           encoding="utf-8")
    (folder / "@team [x](http:evil).yaml").write_text(CLEAN, encoding="utf-8")
    return folder


def markdown_tokens(text: str):
    """Every token markdown-it-py (CommonMark, plus GFM tables) reads from `text`, nested ones included."""
    markdown_it = pytest.importorskip("markdown_it")
    parser = markdown_it.MarkdownIt("commonmark").enable("table")
    stack = list(parser.parse(text))
    while stack:
        token = stack.pop()
        yield token
        stack.extend(token.children or ())


def assert_markdown_inert(text: str, *, own_bold: bool = False) -> None:
    """Parsed as CommonMark: no link, image, HTML, emphasis or code from report text. GFM autolinks and
    GitHub mentions, which markdown-it's CommonMark does not do, are checked from first principles:
    no `scheme://`, no `www.`, no `mailto:`, and every `@` followed by a zero-width space."""
    kinds = {token.type for token in markdown_tokens(text)}
    assert not kinds & {"link_open", "image", "html_inline", "html_block", "em_open", "code_inline", "s_open"}, kinds
    if own_bold:  # query views bold their own labels (`**全称**：`); nothing from the data is bold
        assert not any(t.content.startswith("粗") for t in bold_texts(text))
    else:
        assert "strong_open" not in kinds
    # a scheme's colon, or www's dot, right after its letters (unescaped) is what GFM autolinks on
    assert re.search(r"[a-z]://|www\.|mailto:", text, re.IGNORECASE) is None
    assert all(text[i + 1] == "\u200b" for i, ch in enumerate(text) if ch == "@"), "an @ that can mention"
    # every table row has as many cells as its header row: no `|` or line break from report text split one
    table: list[int] = []
    for line in [*text.splitlines(), ""]:
        if line.startswith("|"):
            table.append(cell_separators(line))
        elif table:
            assert len(set(table)) == 1, table
            table = []


def bold_texts(text: str):
    """Text tokens inside bold."""
    for token in markdown_tokens(text):
        depth = 0
        for child in token.children or ():
            depth += {"strong_open": 1, "strong_close": -1}.get(child.type, 0)
            if depth and child.type == "text":
                yield child


def cell_separators(row: str) -> int:
    """The `|` that separate GFM table cells: those not escaped by a backslash."""
    count, i = 0, 0
    while i < len(row):
        if row[i] == "\\":
            i += 2
            continue
        count += row[i] == "|"
        i += 1
    return count


@pytest.mark.parametrize("how", ["check markdown", "step summary", "ledger markdown"])
def test_markdown_outputs_render_report_text_as_text(markdown_reports, tmp_path, how):
    if how == "check markdown":
        code, text, err = run("check", str(markdown_reports), "--today", TODAY, "--format", "markdown")
        assert code == 1, err
    elif how == "step summary":
        summary = tmp_path / "summary.md"
        code, _out, err = run("check", str(markdown_reports), "--today", TODAY, "--format", "github",
                              env={"GITHUB_STEP_SUMMARY": str(summary)})
        text = summary.read_text(encoding="utf-8")
    else:
        code, text, err = run("ledger", str(markdown_reports), "--today", TODAY, "--format", "markdown")
        assert code == 0, err
        for attack in ("点我", "粗体", "删除"):  # the text itself is still there to read
            assert attack in text
    assert_markdown_inert(text)


def test_query_markdown_escapes_data_file_text(tmp_path):
    """With --data, titles and names are outside text too: a unit named like a link stays text."""
    data = tmp_path / "data"
    shutil.copytree(REPO / "data", data)
    # what a unit name (no blanks) and a plain YAML scalar can hold wherever the name is written
    name = "<b>市公安局</b>**粗**_斜_@team和www.evil.example与https://evil.example"
    for path in data.glob("*.yaml"):
        path.write_text(path.read_text(encoding="utf-8").replace("市公安局", name), encoding="utf-8")
    for argv in (["units"], ["owner", name], ["measure", "1"], ["matrix"], ["search", "打击"]):
        code, text, err = run("--data", str(data), *argv, "--format", "markdown")
        assert code == 0, err
        assert "市公安局" in text
        assert_markdown_inert(text, own_bold=True)


# --- item 6: formula triggers in every CSV and workbook -----------------------------------------------

# Spellings a plain YAML scalar can start with (a data file writes unit names unquoted, in flow lists too).
FORMULAS = ["=2+5", "+1+1", "-1+1", "=HYPERLINK(1)", "＝1+1", "＠SUM(1)"]


@pytest.fixture(params=FORMULAS)
def formula_data(request, tmp_path: Path) -> tuple[Path, str]:
    """A --data directory where 市公安局 is renamed to a formula."""
    data = tmp_path / "data"
    shutil.copytree(REPO / "data", data)
    name = request.param
    for path in data.glob("*.yaml"):
        path.write_text(path.read_text(encoding="utf-8").replace("市公安局", name), encoding="utf-8")
    code, _out, err = run("--data", str(data), "validate")
    if code != 0:
        pytest.skip(f"the data rules refuse the unit name {name!r}: {err}")
    return data, name


def csv_cells(text: str) -> list[str]:
    return [cell for row in csv.reader(io.StringIO(text.lstrip("\ufeff"))) for cell in row]


def starts_a_formula(cell: str) -> bool:
    return re.match(r"^[\s\u3000]*[=+\-@\uff1d\uff0b\uff0d\uff20]", cell) is not None


@pytest.mark.parametrize("command", [["units"], ["matrix"], ["measure", "1"], ["task", "1"], ["search", "打击"]])
def test_query_csv_never_starts_a_cell_with_a_formula(formula_data, command):
    data, name = formula_data
    code, out, err = run("--data", str(data), *command, "--format", "csv")
    assert code == 0, err
    cells = csv_cells(out)
    assert any(name in cell for cell in cells) or command[0] in ("search", "task")
    assert not [cell for cell in cells if starts_a_formula(cell)]


def test_ledger_csv_neutralises_data_and_report_text(formula_data, tmp_path):
    data, _name = formula_data
    folder = tmp_path / "r"
    folder.mkdir()
    (folder / "r.yaml").write_text(
        "unit: 市贸促会\nperiod: 2022-H1\nitems:\n  - task: 6\n    status: in_progress\n"
        "    progress: \"=HYPERLINK(\\\"https://evil\\\")\"\n    evidence: [\"@SUM(1)\", \"-2+3\", \" =1+1\", \"\\t+1\"]\n",
        encoding="utf-8")
    code, out, err = run("--data", str(data), "ledger", str(folder), "--today", TODAY, "--format", "csv")
    assert code == 0, err
    cells = csv_cells(out)
    assert "'=HYPERLINK(\"https://evil\")" in cells
    assert not [cell for cell in cells if starts_a_formula(cell)]


def test_workbooks_store_formula_like_text_as_text(formula_data, tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    data, name = formula_data
    outputs = []
    for argv, target in ((["owner", "--format", "xlsx"], "owner.xlsx"), (["units", "--format", "xlsx"], "units.xlsx"),
                         (["matrix", "--format", "xlsx"], "matrix.xlsx")):
        path = tmp_path / target
        tail = ["--", name] if argv[0] == "owner" else []
        code, _out, err = run("--data", str(data), *argv, "-o", str(path), *tail)
        assert code == 0, err
        outputs.append(path)
    seen = False
    for path in outputs:
        book = openpyxl.load_workbook(path)
        for sheet in book.worksheets:
            for row in sheet.iter_rows():
                for cell in row:
                    if isinstance(cell.value, str) and starts_a_formula(cell.value):
                        assert cell.data_type == "s" and cell.quotePrefix, (path.name, cell.coordinate, cell.value)
                        seen = True
    assert seen
