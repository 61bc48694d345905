"""Outside text made inert in every output, round two (issue 12, items 3 and 4).

The first round (tests/hostile/test_injection.py) covers report file names and report values in check, ledger,
dashboard, diff and the query cells. This module covers the rest of what reaches a terminal, a CI log or a
machine format: view titles and facts (diff, summary, the queries), waiver records (approver, reason),
saved results given as a baseline or to `ipm diff` (rule ids, units, periods, statuses), the data files'
names and titles (--data), the report template, `ipm fix`'s diff and `ipm validate`'s summary; and the
GitHub Actions runner's two command syntaxes: `::` at the start of a line after blanks, and `##[` anywhere
in one (actions/runner, src/Runner.Common/ActionCommand.cs: TryParseV2 trims and tests StartsWith("::");
TryParse looks for "##[" with IndexOf). Markdown is parsed with markdown-it-py (CommonMark + GFM tables);
GitHub's issue references and mentions, which it links in the rendered HTML, are checked on the text the
parser hands over.

Every input is built here; every run is bounded in time.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
import yaml
from tests.clirun import run
from tests.paths import REPO
from tests.timeouts import bounded_in_time

from ipmeasures.escaping import inert, json_text, markdown_text, yaml_text

TODAY = "2022-12-31"
TIMEOUT = 90

CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
# What the runner would obey in a line (see the module docstring); its blanks are .NET's char.IsWhiteSpace.
BLANKS = " \t\u3000\u00a0\u2003\ufeff"


def forged_command(line: str) -> bool:
    return line.lstrip(BLANKS + "\x0b\x0c").startswith("::") or "##[" in line


def assert_inert(text: str, *, crlf: bool = False, annotations: bool = False) -> None:
    """No raw control character (CRLF row ends allowed in CSV); no line the runner reads as a command
    (`annotations`: ipm's own `::error`/`::warning`/`::notice` lines of --format github are allowed)."""
    if crlf:
        text = text.replace("\r\n", "\n")
    found = CONTROL.search(text)
    assert found is None, f"raw {found.group()!r}: {text[max(0, found.start() - 60):found.end() + 60]!r}"
    for line in text.split("\n"):
        if annotations and re.match(r"::(error|warning|notice)[ :]", line):
            assert "##[" not in line, line
            continue
        assert not forged_command(line), line


_bounded_in_time = bounded_in_time(TIMEOUT)


# --- the escaping functions, spelling by spelling -----------------------------------------------------

COMMAND_SPELLINGS = [
    "::error file=README.md,line=1::forged",
    "  ::warning::indented",
    "\t::notice::tabbed",
    "\u3000::error::ideographic space",
    "\u00a0::error::no-break space",
    "::stop-commands::token",
    "a ##[error]mid-line",
    "##[stop-commands]token",
    "###[error]three",
    "x##[warning]y##[error]z",
]


@pytest.mark.parametrize("text", COMMAND_SPELLINGS)
@pytest.mark.parametrize("multiline", [False, True])
def test_inert_leaves_no_workflow_command(text, multiline):
    for placed in (text, "前文\n" + text, text + "\n后文"):
        safe = inert(placed, multiline=multiline)
        assert_inert(safe)
        assert safe.count("\n") == (placed.count("\n") if multiline else 0)


def test_inert_keeps_ordinary_text_and_is_idempotent():
    for text in ("市公安局", "a.yaml:12: status: 未知", "说明：见 §3", "# 标题", "a::b", "[x](y)", "100%"):
        assert inert(text) is text
    for text in [*COMMAND_SPELLINGS, "\x1b[31m", "a\r\nb", "\u202eabc"]:
        once = inert(text, multiline=True)
        assert inert(once, multiline=True) == once


@pytest.mark.parametrize("value", [
    "\u202e反转\u2066", "\x85\x9b31m", "##[error]x", "a\u2028b\u2029c", "普通", "\x1b[2J", "::error::x",
])
def test_json_text_is_the_same_json_value(value):
    document = json.dumps({"k": value, "list": [value, {"n": value}]}, ensure_ascii=False, indent=2)
    safe = json_text(document)
    assert json.loads(safe) == json.loads(document)
    assert_inert(safe)


@pytest.mark.parametrize("value", ["::warning::市贸促会##[stop-commands]tok", "  ::a", 'a"b\\c##[x', "市公安局",
                                   "x:y", "e\x1bq\u202e", "\u3000::error::y"])
def test_yaml_text_reads_back_the_same(value):
    scalar = yaml_text(value)
    assert yaml.safe_load(f"unit: {scalar}\n") == {"unit": value}
    assert_inert(f"unit: {scalar}")
    assert yaml.safe_load(f"ref: {yaml_text(value, quote=True)}\n") == {"ref": value}


# --- Markdown: GitHub's references and mentions, with a real parser --------------------------------------

REFERENCES = ["见 #123 号议题", "octo-org/repo#45", "GH-6 与 gh-7", "@team", "找 @octo-org/reviewers",
              "admin@example.org", "#1#2#3", "（#9）",
              # commit SHAs (GitHub links 7 to 40 hex digits that name a commit; digits alone can be a prefix)
              "见 a5c3785", "a5c3785ed8d6a35868bc169f07e40e889087fd2e", "(DEADBEEF)", "电话 0752-2345678",
              "jlord/sheetsee.js@a5c3785", "sha:0123456789abcdef",
              # emoji shortcodes
              ":smile:", "完成 :white_check_mark: 了", "x:+1:y", ":-1::rocket:",
              # URLs, for an autolinker that runs on the rendered text too
              "见 http://evil.example/x", "HTTPS://A.B", "www.example.org", "ftp://x.y/z"]
# What GitHub links or replaces in the HTML it renders (its reference, mention, commit and emoji filters
# run on text nodes, after Markdown's own escapes are gone), and URLs an autolinker of the rendered text would
# link. The hex bound is ASCII, wider than GitHub's.
LIVE_REFERENCE = re.compile(r"(?<![\w&])#\d|\bGH-\d|@[\w-]|(?<![0-9A-Za-z])[0-9A-Fa-f]{7,}(?![0-9A-Za-z])|:[\w+-]+:|[a-z]://|www\.\w",
                            re.IGNORECASE)


def parsed_text(markdown: str) -> list[str]:
    """The text of every inline text node markdown-it-py (CommonMark + GFM tables) reads from `markdown`."""
    markdown_it = pytest.importorskip("markdown_it")
    parser = markdown_it.MarkdownIt("commonmark").enable("table")
    texts: list[str] = []

    def walk(tokens) -> None:  # in document order
        for token in tokens:
            assert token.type not in ("link_open", "image", "html_block", "code_inline"), token
            assert token.type != "html_inline" or token.content == "<br>", token  # ipm's own line breaks
            if token.type == "text":
                texts.append(token.content)
            walk(token.children or ())

    walk(parser.parse(markdown))
    return texts


@pytest.mark.parametrize("text", REFERENCES)
def test_markdown_text_links_no_reference(text):
    escaped = markdown_text(text)
    cell = f"| a |\n| --- |\n| {escaped} |\n"
    texts = parsed_text(cell)
    assert not [t for t in texts if LIVE_REFERENCE.search(t)], texts
    # what a reader sees is the text itself, the zero-width spaces aside
    assert "".join(texts).replace("\u200b", "").endswith(text)


@pytest.mark.parametrize("text", COMMAND_SPELLINGS + ["\x1b[31m红", "a\rb"])
def test_markdown_text_is_inert(text):
    escaped = markdown_text(text)
    assert_inert(escaped)
    assert "<br>" not in escaped or "\n" in text


# --- hostile inputs through the commands ----------------------------------------------------------------

FORGE = "\n::error file=README.md,line=1::forged"
HOSTILE_VALUE = "::error::x ##[stop-commands]tok \\e[2J #12 @team a5c3785 :rocket:"


@pytest.fixture(scope="module")
def world(tmp_path_factory) -> dict[str, Path]:
    """Report folders with hostile names and values, a hostile saved result, waiver file and data folder."""
    root = tmp_path_factory.mktemp("inert")
    try:
        new = root / ("本期" + FORGE + "\x1b[31m\u202e##[error]d")
        new.mkdir()
    except OSError:
        pytest.skip("this filesystem refuses the folder name")
    shutil.copy(REPO / "examples/reports/2022-H1/市公安局.yaml", new / ("p" + FORGE + "\x07.yaml"))
    (new / "values.yaml").write_text(
        'unit: 市贸促会\nperiod: 2022-H2\nitems:\n  - task: 6\n    status: in_progress\n'
        '    progress: "a\\n  ::error file=README.md::c ##[error]z \\e[2J #12 @team 0123abc :tada:"\n'
        '    evidence: ["##[warning]x", "::error::y"]\n  - item: "\\e[2J二\\n::error file=a::b"\n    status: completed\n',
        encoding="utf-8")
    (new / "unit.yaml").write_text('unit: "::error::x##[stop-commands]y\\e[5m"\nperiod: 2022-H1\nitems: []\n',
                                   encoding="utf-8")
    old = root / "上期"
    old.mkdir()
    shutil.copy(REPO / "examples/reports/2022-H1/市公安局.yaml", old / "a.yaml")
    saved = root / "saved##[error]\x1b[2J.json"
    record = {"file": "x" + FORGE + "\x1b[2J", "line": 1, "column": 1, "severity": "error",
              "rule": "evil\x1b[31m" + FORGE + "##[error]r", "message": "\x07\u202e::error::m", "field": "f\x1b",
              "unit": "市公安局\x1b[2J" + FORGE, "measure": 1, "task": None, "suppressed": False,
              "item": "##[error]i"}
    saved.write_text(json.dumps({"summary": {}, "findings": [record], "reports": [
        {"file": "y\x1b##[error]", "unit": "市公安局" + FORGE + "\x1b[5m", "period": "2022-H1\x1b[1m##[error]",
         "statuses": [{"measure": 1, "task": None, "status": "completed\x1b[31m" + FORGE,
                       "ref": "(一)##[error]\x1b[3m"}]}]}), encoding="utf-8")
    waivers = root / "waivers.yaml"
    waivers.write_text('waivers:\n  - rule: missing-evidence\n    unit: 市贸促会\n'
                       '    reason: "r\\e[31m\\n::error file=README.md::w ##[error]x #5 @team :+1: cafe1234"\n'
                       '    approver: "::error::a\\a\\u202e##[warning]"\n    expiry: 2099-01-01\n', encoding="utf-8")
    data = root / "data"
    shutil.copytree(REPO / "data", data)
    name = "::warning::市贸促会##[stop-commands]tok"
    for path in data.glob("*.yaml"):
        text = path.read_text(encoding="utf-8")
        text = text.replace("name: 市贸促会", f'name: "{name}"').replace("市贸促会]", f'"{name}"]')
        text = text.replace("title: 加强知识产权严保护结构建设",
                            'title: "加强\\n  ::error file=README.md::t##[error]结构建设 #3 @team 1234abcd :fire:"')
        text = text.replace("short_title: 惠州市强化知识产权保护若干措施", 'short_title: "::error::惠州##[error]x"')
        path.write_text(text, encoding="utf-8")
    return {"root": root, "new": new, "old": old, "saved": saved, "waivers": waivers, "data": data,
            "unit": Path(name)}


CHECK_FORMATS = ["table", "json", "github", "junit", "sarif", "markdown", "codequality"]


@pytest.mark.parametrize("fmt", CHECK_FORMATS)
@pytest.mark.parametrize("extra", ["waivers", "baseline", "data"])
def test_check_with_waivers_baseline_and_data_is_inert(world, fmt, extra):
    args = {"waivers": ["--waivers", str(world["waivers"])], "baseline": ["--baseline", str(world["saved"])],
            "data": []}[extra]
    data = ["--data", str(world["data"])] if extra == "data" else []
    code, out, err = run(*data, "check", str(world["new"]), "--today", TODAY, "--format", fmt, *args)
    assert code in (0, 1), err
    assert_inert(out, annotations=fmt == "github")
    assert_inert(err)
    if fmt == "markdown":
        assert not [t for t in parsed_text(out) if LIVE_REFERENCE.search(t)]
    if fmt == "json" and extra == "waivers":
        waived = [f["waiver"] for f in json.loads(out)["findings"] if "waiver" in f]
        assert waived and all("\\x1b" in w["reason"] and "\\x07" in w["approver"] for w in waived)


def test_step_summary_with_waivers_is_inert(world, tmp_path):
    summary = tmp_path / "summary.md"
    code, _out, err = run("check", str(world["new"]), "--today", TODAY, "--format", "github", "--waivers",
                          str(world["waivers"]), env={"GITHUB_STEP_SUMMARY": str(summary)})
    assert code == 1, err
    text = summary.read_text(encoding="utf-8")
    assert_inert(text)
    assert not [t for t in parsed_text(text) if LIVE_REFERENCE.search(t)]


@pytest.mark.parametrize("fmt", ["table", "json", "csv", "markdown"])
def test_diff_and_summary_views_are_inert(world, fmt):
    runs = [
        ["diff", str(world["old"]), str(world["new"])],
        ["diff", str(world["saved"]), str(world["new"])],
        ["diff", str(world["new"]), str(world["saved"])],
        ["summary", str(world["new"])],
        ["summary", str(world["new"]), "--waivers", str(world["waivers"])],
        ["--data", str(world["data"]), "summary", str(world["new"])],
    ]
    for argv in runs:
        code, out, err = run(*argv, "--today", TODAY, "--format", fmt)
        assert code == 0, (argv, err)
        assert_inert(out, crlf=fmt == "csv")
        assert_inert(err)
        if fmt == "markdown":
            assert not [t for t in parsed_text(out) if LIVE_REFERENCE.search(t)]
        if fmt == "json":
            json.loads(out)


def test_a_saved_result_reads_the_same_through_json_escapes(world):
    """The view's JSON document keeps the saved text's meaning: its bidi control is a JSON escape."""
    code, out, _err = run("diff", str(world["saved"]), str(world["new"]), "--today", TODAY, "--format", "json")
    assert code == 0
    assert "\\u202e" in out or "\\\\u202e" in out
    assert "\u202e" not in out


QUERIES = [["units"], ["owner", "::warning::市贸促会##[stop-commands]tok"], ["measure", "1"], ["task", "6"],
           ["search", "结构"], ["matrix"], ["measures"], ["tasks"]]


@pytest.mark.parametrize("fmt", ["table", "json", "csv", "markdown"])
@pytest.mark.parametrize("query", QUERIES, ids=lambda q: q[0])
def test_queries_over_hostile_data_are_inert(world, query, fmt):
    code, out, err = run("--data", str(world["data"]), *query, "--format", fmt)
    assert code == 0, err
    assert_inert(out, crlf=fmt == "csv")
    if fmt == "json":  # the same names, as JSON escapes
        text = json.dumps(json.loads(out), ensure_ascii=False)
        assert "##[" in text or query[0] in ("measure", "search", "measures")
    if fmt == "markdown":
        assert not [t for t in parsed_text(out) if LIVE_REFERENCE.search(t)]


@pytest.mark.parametrize("fmt", ["markdown", "json", "csv"])
def test_ledger_over_hostile_data_is_inert(world, fmt):
    code, out, err = run("--data", str(world["data"]), "ledger", str(world["new"]), "--today", TODAY, "--format", fmt)
    assert code == 0, err
    assert_inert(out, crlf=fmt == "csv")
    assert_inert(err)
    if fmt == "markdown":
        assert not [t for t in parsed_text(out) if LIVE_REFERENCE.search(t)]


def test_dashboard_over_hostile_data_is_inert(world, tmp_path):
    target = tmp_path / "dashboard.html"
    code, _out, err = run("--data", str(world["data"]), "dashboard", str(world["new"]), "--today", TODAY,
                          "-o", str(target))
    assert code == 0, err
    assert_inert(target.read_text(encoding="utf-8"))


def test_validate_summary_over_hostile_data_is_inert(world):
    code, out, err = run("--data", str(world["data"]), "validate")
    assert code == 0, err
    assert_inert(out)
    assert "\\x23#[error]" in out  # still there to read


def test_template_names_the_unit_inertly_and_reads_back(world):
    name = str(world["unit"])
    code, out, err = run("--data", str(world["data"]), "template", name, "--period", "2022-H2")
    assert code == 0, err
    assert_inert(out)
    assert yaml.safe_load(out)["unit"] == name  # the template still names the unit exactly


@pytest.mark.parametrize("field, value, where", [
    ("units.yaml", ("name: 市贸促会", 'name: "市贸促会\\e[31m"'), "units.19.name"),
    ("units.yaml", ("name: 市贸促会", 'name: "市贸促会\\u202e"'), "units.19.name"),
    ("measures.yaml", ("title: 总体要求", 'title: "总体\\x9b要求"'), "sections.0.title"),
    ("measures.yaml", ("title: 总体要求", 'title: "总体\\a要求"'), "sections.0.title"),
    ("responsibility_table.yaml", ("市贸促会]", '"市贸促会\\u2066"]'), "tasks.5.units"),
])
def test_data_with_control_characters_is_refused_with_file_line_and_field(tmp_path, field, value, where):
    data = tmp_path / "data"
    shutil.copytree(REPO / "data", data)
    path = data / field
    old, new = value
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    line = text[:text.index(old)].count("\n") + 1
    code, out, err = run("--data", str(data), "validate")
    assert code == 1
    assert f"{path}:{line}: {where}" in err
    assert_inert(out + err)


@pytest.mark.parametrize("name", ["f" + FORGE + "##[error]x.yaml", "raw.yaml", "  ::error::lead.yaml"])
def test_fix_shows_its_diff_inertly(tmp_path, name):
    try:
        report = tmp_path / name
        report.write_text("unit：市公安局\nperiod: 2022-H1\nitems:\n  - task: 1\n    status：in_progress\n"
                          "    progress: a\u202eb ##[error]x\n  ::error::c\n", encoding="utf-8")
    except OSError:
        pytest.skip("this filesystem refuses the name")
    code, out, err = run("fix", str(report))
    assert code == 1
    assert "+    status: in_progress" in out
    assert_inert(out)
    assert_inert(err)


# --- one character, one spelling, in every output (no U+FFFD, no dropped character) -------------------

# A control character inside a value the parser quotes back (an unknown status, a wrong type, a key):
# each shows as inert() writes it in every output, CSV and workbooks included.
QUOTED_VALUES = [
    ('status: "\\e[31mdone\\a"', "\\x1b[31mdone\\x07"),
    ('status: "x\\x85y\\x9bz"', "x\\x85y\\x9bz"),
    ('status: "a\\u202eb\\u2066"', "a\\u202eb\\u2066"),
    ('status: "\\x01\\x7f"', "\\x01\\x7f"),
]


def _strings(value: object) -> str:
    """Every string in a JSON value, as its reader reads it, one a line."""
    if isinstance(value, dict):
        return "\n".join(_strings(v) for v in value.values())
    if isinstance(value, list):
        return "\n".join(_strings(v) for v in value)
    return value if isinstance(value, str) else ""


def as_read(fmt: str, out: str) -> str:
    """An output's text as its reader reads it: a JSON document's strings, SARIF's URIs decoded, Markdown's
    rendered text."""
    if fmt == "sarif":  # its locations are percent-encoded URIs
        from urllib.parse import unquote

        return unquote(_strings(json.loads(out)))
    if fmt in ("json", "codequality"):
        return _strings(json.loads(out))
    return "".join(parsed_text(out)) if fmt == "markdown" else out


def _workbook_strings(path: Path) -> list[str]:
    openpyxl = pytest.importorskip("openpyxl")
    workbook = openpyxl.load_workbook(path)
    return [value for sheet in workbook for row in sheet.iter_rows(values_only=True) for value in row
            if isinstance(value, str)]


@pytest.mark.parametrize("line, shown", QUOTED_VALUES)
def test_a_quoted_control_character_reads_the_same_in_every_output(tmp_path, line, shown):
    folder = tmp_path / "r"
    folder.mkdir()
    (folder / "a.yaml").write_text(f"unit: 市公安局\nperiod: 2022-H1\nitems:\n  - measure: 1\n    {line}\n",
                                   encoding="utf-8")
    texts = []
    for fmt in ("csv", "json", "markdown"):
        code, out, err = run("ledger", str(folder), "--today", TODAY, "--format", fmt, "-o", "-")
        assert code == 0, err
        assert_inert(out, crlf=fmt == "csv")
        texts.append(as_read(fmt, out))
    for fmt in ("table", "json", "junit", "sarif", "github", "codequality"):
        code, out, err = run("check", str(folder), "--today", TODAY, "--format", fmt)
        assert code == 1, err
        texts.append(as_read(fmt, out))
    pytest.importorskip("openpyxl")
    for argv, target in ((["ledger", str(folder), "-o"], tmp_path / "l.xlsx"),
                         (["check", str(folder), "--output"], tmp_path / "c.xlsx")):
        code, _out, err = run(*argv, (f"xlsx={target}" if argv[0] == "check" else str(target)), "--today", TODAY)
        assert code in (0, 1), err
        texts.append("\n".join(_workbook_strings(target)))
    for text in texts:
        assert "\ufffd" not in text
        assert shown in text, text[:2000]


# File names whose bytes are not UTF-8 (os.fsdecode gives lone surrogates, which no stream can encode):
# each byte that is not UTF-8 is written out as `\xNN`, as a control character is.
UNDECODABLE = [(b"a\xff\xfe.yaml", "a\\xff\\xfe.yaml"), (b"\xe5\xb8.yaml", "\\xe5\\xb8.yaml"),
               (b"ok\x80\x1b[31m.yaml", "ok\\x80\\x1b[31m.yaml")]


@pytest.mark.parametrize("name, shown", UNDECODABLE)
def test_a_file_name_that_is_not_utf8_shows_its_bytes_in_every_output(tmp_path, name, shown):
    import os

    folder = tmp_path / "r"
    folder.mkdir()
    try:
        with open(os.path.join(os.fsencode(folder), name), "wb") as handle:
            handle.write((REPO / "examples/reports/2022-H1/市公安局.yaml").read_bytes() + b"bad: 1\n")
    except OSError:
        pytest.skip("this filesystem refuses the name")
    for fmt in CHECK_FORMATS:
        code, out, err = run("check", str(folder), "--today", TODAY, "--format", fmt, "--no-coverage")
        assert code == 1, (fmt, err)
        assert_inert(out, annotations=fmt == "github")
        assert shown in as_read(fmt, out).replace("\n", ""), (fmt, out[:800])
    for fmt in ("csv", "json", "markdown"):
        code, out, err = run("ledger", str(folder), "--today", TODAY, "--format", fmt, "-o", "-")
        assert code == 0, err
        assert_inert(out, crlf=fmt == "csv")
