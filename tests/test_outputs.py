"""The one output contract (issue 13): every format of every command declares its name, its help line,
whether it is a machine format and whether it is binary, in its registry and nowhere else.

The commands build `--format` and decide what goes to stdout from the registry: a format registered in a
test (and in no command) shows up in the help and obeys the machine-format rule; every registered machine
format writes nothing but its document to stdout, as its consumer's parser reads it.
"""

from __future__ import annotations

import importlib
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from ipmeasures import i18n
from ipmeasures.cli import COMMANDS, cli
from ipmeasures.commands import _common
from ipmeasures.i18n import N_
from ipmeasures.ledger.dashboard import FORMATS as DASHBOARD_FORMATS
from ipmeasures.ledger.formats import FORMATS as LEDGER_FORMATS
from ipmeasures.outputs import OutputFormat, binary_formats, by_suffix, lookup, machine_formats, text_formats
from ipmeasures.reporters import REPORTERS, Reporter
from ipmeasures.reporters.base import CheckResult
from ipmeasures.template import FORMATS as TEMPLATE_FORMATS
from ipmeasures.views import FORMATS as VIEW_FORMATS

FAIL = str(Path(__file__).resolve().parent / "fixtures" / "reports" / "fail")
PASS = str(Path(__file__).resolve().parent / "fixtures" / "reports" / "pass")
REGISTRIES = {"check": REPORTERS, "query": VIEW_FORMATS, "ledger": LEDGER_FORMATS, "template": TEMPLATE_FORMATS,
              "dashboard": DASHBOARD_FORMATS}


def invoke(*args: str):
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def squeeze(text: str) -> str:
    """Help text without the line breaks and indentation click's wrapping puts anywhere."""
    return re.sub(r"\s+", "", text)


def format_option(command_name: str) -> click.Option:
    command = cli.get_command(click.Context(cli), command_name)
    assert command is not None
    return next(p for p in command.params if isinstance(p, click.Option) and "--format" in p.opts)


# --- the registries declare everything -------------------------------------------------------------

@pytest.mark.parametrize("registry", REGISTRIES.values(), ids=REGISTRIES.keys())
def test_every_format_declares_a_help_line_machine_and_binary(registry):
    for name, entry in registry.items():
        assert re.fullmatch(r"[a-z]+", name)
        assert isinstance(entry.description, str) and entry.description.strip(), name
        assert isinstance(entry.machine, bool) and isinstance(entry.binary, bool), name
        assert not (entry.machine and entry.binary), name  # a binary file never reaches stdout's reader


@pytest.mark.parametrize("registry", [VIEW_FORMATS, LEDGER_FORMATS, TEMPLATE_FORMATS, DASHBOARD_FORMATS],
                         ids=["query", "ledger", "template", "dashboard"])
def test_every_renderer_a_registry_names_can_be_loaded(registry):
    # a module path left stale by a move fails here, not on a user's first run of that format
    for entry in registry.values():
        assert callable(entry.load())


def test_the_machine_formats_are_the_documents_for_programs():
    # From first principles: JSON, SARIF, JUnit XML, GitLab's JSON, GitHub workflow commands and CSV are
    # read by programs; a table, Markdown and a workbook are read by people.
    assert machine_formats(REPORTERS) == {"json", "junit", "sarif", "github", "codequality"}
    assert machine_formats(VIEW_FORMATS) == {"json", "csv"}
    assert machine_formats(LEDGER_FORMATS) == {"json", "csv"}
    assert machine_formats(TEMPLATE_FORMATS) == machine_formats(DASHBOARD_FORMATS) == frozenset()  # for people
    assert [binary_formats(r) for r in REGISTRIES.values()] == [["xlsx"], ["xlsx"], ["xlsx"], ["xlsx"], []]


def test_a_file_name_chooses_the_ledger_format_by_its_ending():
    assert by_suffix(LEDGER_FORMATS, "台账.XLSX") == "xlsx"
    assert by_suffix(LEDGER_FORMATS, "out/台账.csv") == "csv"
    assert by_suffix(LEDGER_FORMATS, "a.markdown") == by_suffix(LEDGER_FORMATS, "a.md") == "markdown"
    assert by_suffix(LEDGER_FORMATS, "台账.txt") is None


def test_an_unknown_format_name_is_a_usage_error_naming_the_choices():
    from ipmeasures.errors import UsageError

    with pytest.raises(UsageError) as info:
        lookup(VIEW_FORMATS, "yaml")
    assert info.value.exit_code == 2 and "yaml" in info.value.message and "markdown" in info.value.message


# --- --format choices and help come from the registry ---------------------------------------------

@pytest.mark.parametrize(("command", "registry", "files_only"), [
    ("check", REPORTERS, False), ("owner", VIEW_FORMATS, True), ("diff", VIEW_FORMATS, True),
    ("summary", VIEW_FORMATS, True), ("ledger", LEDGER_FORMATS, True), ("template", TEMPLATE_FORMATS, True),
    ("dashboard", DASHBOARD_FORMATS, True)])
def test_format_choices_and_help_are_the_registry(command, registry, files_only):
    option = format_option(command)
    expected = list(registry) if files_only else text_formats(registry)
    assert list(option.type.choices) == expected
    _code, help_text, _err = invoke(command, "--help")
    shown = squeeze(help_text)
    for name in expected:
        assert squeeze(f"{name} {i18n._(registry[name].description)}") in shown, name


def test_check_help_lists_every_format_and_which_are_for_programs():
    _code, help_text, _err = invoke("check", "--help")
    choices = re.search(r"--format \[([a-z|]+)\]", help_text)
    assert choices is not None and choices.group(1).split("|") == text_formats(REPORTERS)
    for name in binary_formats(REPORTERS):  # a file-only format is offered by --output, not --format
        assert name not in choices.group(1).split("|")
        assert squeeze(i18n._(REPORTERS[name].description)) in squeeze(help_text)
    machine_sentence = squeeze(help_text).split("格式的stdout只有文档本身")[0].rsplit("。", 1)[-1]
    assert set(machine_sentence.split("、")) == machine_formats(REPORTERS)


def test_no_command_keeps_a_list_of_formats_of_its_own():
    source = Path(importlib.import_module("ipmeasures.commands.check").__file__).read_text("utf-8")
    assert "MACHINE_FORMATS" not in source
    commands = Path(_common.__file__).parent
    for path in commands.glob("*.py"):
        if path.name == "import_.py":  # the importer's own outputs (its structure), not a format registry yet
            continue
        text = path.read_text("utf-8")
        # a literal list of format names (click.Choice(["table", "json", …])) is a second list of formats
        assert not re.search(r"Choice\(\[\"table\"|Choice\(\[\"xlsx\"|\"codequality\"", text), path.name


# --- machine formats: stdout is the document and nothing else -------------------------------------

def parse(fmt: str, out: str) -> None:
    """Read stdout as the format's consumer does; anything else on stdout makes this fail."""
    if fmt in ("json", "sarif", "codequality"):
        json.loads(out)
    elif fmt == "junit":
        ET.fromstring(out.encode("utf-8"))
    elif fmt == "github":
        for line in out.splitlines():
            assert re.match(r"::(error|warning|notice)( [^:]*)?::", line), line
    else:  # pragma: no cover - a new machine format needs its consumer's parser here
        raise AssertionError(f"no parser for machine format {fmt}")


@pytest.mark.parametrize("fmt", sorted(machine_formats(REPORTERS)))
def test_a_machine_check_format_writes_only_its_document_to_stdout(fmt):
    code, out, err = invoke("check", FAIL, "--format", fmt, "--today", "2025-12-31")
    assert code == 1
    parse(fmt, out)
    assert err.splitlines()[-1].startswith("文件 17 个")  # the summary for people went to stderr
    assert not any(line.startswith("文件 17 个") for line in out.splitlines())


@pytest.mark.parametrize("fmt", sorted(machine_formats(VIEW_FORMATS)))
def test_a_machine_query_format_writes_only_its_document_to_stdout(fmt):
    code, out, err = invoke("owner", "市公安局", "--format", fmt)
    assert code == 0 and err == ""
    if fmt == "json":
        assert json.loads(out)["unit"] == "市公安局"
    else:
        import csv
        import io

        rows = list(csv.reader(io.StringIO(out.removeprefix("\ufeff"))))
        assert len({len(row) for row in rows}) == 1  # one rectangular table, nothing around it


# --- a format registered in a test, in no command ------------------------------------------------

class EchoReporter(Reporter):
    """One line per finding's rule id: a made-up machine format."""

    description = N_("测试用格式")
    machine = True

    def add_report(self, report) -> None:
        self._write("".join(f"{f.rule_id}\n" for f in report.findings))

    def end_document(self, run: CheckResult) -> None:
        self._write("".join(f"{f.rule_id}\n" for f in run.findings))


@pytest.fixture
def fresh_commands():
    """Rebuild the command modules (their options are built at import) around the test, and after it."""
    names = ["ipmeasures.commands.check", "ipmeasures.commands.units", "ipmeasures.commands.ledger",
             "ipmeasures.commands.template", "ipmeasures.commands.dashboard"]

    def reload() -> None:
        for name in names:
            importlib.reload(importlib.import_module(name))

    yield reload
    reload()


def test_a_new_check_format_is_one_registry_line(monkeypatch, fresh_commands):
    monkeypatch.setitem(REPORTERS, "echo", EchoReporter)
    fresh_commands()
    _code, help_text, _err = invoke("check", "--help")
    assert "echo" in re.search(r"--format \[([a-z|]+)\]", help_text).group(1).split("|")
    assert squeeze("echo 测试用格式") in squeeze(help_text)
    code, out, err = invoke("check", FAIL, "--format", "echo", "--today", "2025-12-31")
    assert code == 1
    assert set(out.splitlines()) <= set(__import__("ipmeasures.rules", fromlist=["RULES"]).RULES) | {
        "invalid-report", "bad-period", "encoding"}
    assert "文件 17 个" in err and "文件 17 个" not in out  # machine: the summary went to stderr


def test_a_new_query_and_ledger_format_is_one_registry_line(monkeypatch, fresh_commands):
    def lines(view, **_options) -> str:
        return f"{view.title}\n"

    monkeypatch.setitem(VIEW_FORMATS, "title", OutputFormat(N_("测试用格式"), lines, machine=True))
    monkeypatch.setitem(LEDGER_FORMATS, "count", OutputFormat(N_("测试用格式"), lambda ledger: f"{len(ledger.rows)}\n",
                                                              machine=True, suffixes=(".count",)))
    fresh_commands()
    _code, help_text, _err = invoke("units", "--help")
    assert squeeze("title 测试用格式") in squeeze(help_text)
    code, out, _err = invoke("units", "--format", "title")
    assert code == 0 and len(out.splitlines()) == 1
    code, out, _err = invoke("ledger", PASS, "--format", "count", "--today", "2025-12-31")
    assert code == 0 and int(out) > 0


def test_a_new_template_and_dashboard_format_is_one_registry_line(monkeypatch, fresh_commands, tmp_path):
    def duties(catalog, unit, period) -> str:
        return "".join(f"{duty.kind} {duty.id}\n" for duty in catalog.duties(unit))

    def counts(ledger, catalog, *, today) -> str:
        return f"{len(ledger.rows)} {ledger.run.files} {today.isoformat()}\n"

    monkeypatch.setitem(TEMPLATE_FORMATS, "list", OutputFormat(N_("测试用格式"), duties, suffixes=(".list",)))
    monkeypatch.setitem(DASHBOARD_FORMATS, "count", OutputFormat(N_("测试用格式"), counts, suffixes=(".count",)))
    fresh_commands()
    for command in ("template", "dashboard"):
        _code, help_text, _err = invoke(command, "--help")
        assert squeeze("测试用格式") in squeeze(help_text), command
    # 市贸促会 is named only in the annex, task 6 (responsibility_table.yaml), and belongs to no group (units.yaml)
    code, out, _err = invoke("template", "市贸促会", "--format", "list")
    assert code == 0 and out.splitlines() == ["task 6"]
    target = tmp_path / "市贸促会.list"  # the file name's ending chooses the format
    code, _out, _err = invoke("template", "市贸促会", "-o", str(target))
    assert code == 0 and target.read_text(encoding="utf-8").splitlines() == ["task 6"]
    page = tmp_path / "看板.count"
    code, _out, err = invoke("dashboard", PASS, "--format", "count", "-o", str(page), "--today", "2025-12-31")
    assert code == 0, err
    rows, files, today = page.read_text(encoding="utf-8").split()
    assert int(rows) > 0 and int(files) == len(list(Path(PASS).glob("*.yaml"))) and today == "2025-12-31"


# --- -o/--output and --force: declared once --------------------------------------------------------

def _in_each_language(option) -> set[str]:
    """An option's help as built in Chinese and in English (a command module is built in the language of the
    run that first imported it)."""
    before = i18n.language
    try:
        helps = set()
        for language in i18n.LANGUAGES:
            i18n.set_language(language)
            helps |= {p.help for p in option(lambda: None).__click_params__}
        return helps
    finally:
        i18n.set_language(before)


def test_every_command_shares_one_output_and_one_force_option():
    output_help = _in_each_language(_common.output_option)
    force_help = _in_each_language(_common.force_option)
    for name in COMMANDS:
        if name == "import":  # its -o is a data directory to create, not an output file
            continue
        command = cli.get_command(click.Context(cli), name)
        for param in command.params:
            if "-o" in getattr(param, "opts", []):
                assert param.help in output_help, name
            if "--force" in getattr(param, "opts", []):
                assert param.help in force_help, name


def test_a_failed_write_is_one_error_with_one_exit_code(tmp_path, monkeypatch):
    from ipmeasures import atomic

    def disk_full(_fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(atomic.os, "fsync", disk_full)
    runs = [("check", PASS, "--today", "2025-12-31", "--output", f"json={tmp_path / 'a.json'}"),
            ("ledger", PASS, "--today", "2025-12-31", "-o", str(tmp_path / "a.csv")),
            ("owner", "市公安局", "--format", "csv", "-o", str(tmp_path / "b.csv"))]
    for args in runs:
        code, _out, err = invoke(*args)
        assert code == 1 and "No space" in err and str(tmp_path) in err, args


def test_the_data_directory_reaches_every_command_through_one_typed_settings_object(tmp_path, monkeypatch):
    import sys
    import types

    seen = []

    @click.command()
    @click.pass_context
    def probe(ctx: click.Context) -> None:
        seen.append(_common.settings(ctx))

    module = types.ModuleType("ipmeasures.commands.probe")
    module.command = probe  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "ipmeasures.commands.probe", module)
    monkeypatch.setitem(COMMANDS, "probe", ("probe", "probe"))
    monkeypatch.delenv("IPM_DATA", raising=False)
    for args, env in ((["--data", str(tmp_path)], {}), ([], {"IPM_DATA": str(tmp_path)}), ([], {})):
        CliRunner().invoke(cli, [*args, "probe"], env=env, catch_exceptions=False)
    assert all(isinstance(s, _common.Settings) for s in seen)
    assert [s.data_dir for s in seen] == [str(tmp_path), str(tmp_path), None]


@pytest.mark.parametrize("name", [name for name in COMMANDS if name != "completion"])
def test_an_options_default_is_never_split_across_lines(name):
    # a long generated --format help must not push `[默认：table]` apart at its colon
    result = CliRunner().invoke(cli, ["--lang", "zh", name, "--help"], terminal_width=80)
    for line in result.output.splitlines():
        if "[默认：" in line:
            assert line.rstrip().endswith("]"), line
