"""Bilingual output (issue 9): the English catalog is complete and current, and --lang/IPM_LANG/LANG choose.

The messages are read from the source with `ast`, independently of scripts/update_catalog.py (which uses
babel's extractor), so a message the script misses is caught here too. Expected English text is written
by hand from the catalog's translations and the data: units.yaml `english`, and the unofficial `title_en`
of data/measures.yaml and data/responsibility_table.yaml. Help texts are translated when their modules are
imported, so the English runs are separate processes (`python -m ipmeasures --lang en …`).
"""

from __future__ import annotations

import ast
import gettext
import json
import os
import re
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from click.testing import CliRunner

from ipmeasures import i18n
from ipmeasures.cli import cli
from ipmeasures.policy import lookups, queries
from ipmeasures.policy.catalog import load_catalog

REPO = Path(__file__).resolve().parent.parent
PACKAGE = REPO / "src" / "ipmeasures"
LOCALE = PACKAGE / "locale"
PO = LOCALE / "en" / "LC_MESSAGES" / "ipmeasures.po"
MO = LOCALE / "en" / "LC_MESSAGES" / "ipmeasures.mo"
KEYWORDS = ("_", "N_")
PLACEHOLDER = re.compile(r"\{[^{}]*\}")
CJK = re.compile(r"[\u3400-\u9fff]")
UPDATE = "python scripts/update_catalog.py"


# --- the messages in the source ----------------------------------------------------------------------

def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _string_dicts(tree: ast.Module) -> dict[str, list[str]]:
    """Module-level NAME = {key: "literal", …}: the tables of labels that `_()` looks up at use."""
    found = {}
    for node in tree.body:
        target = node.targets[0] if isinstance(node, ast.Assign) and len(node.targets) == 1 else getattr(
            node, "target", None)
        value = getattr(node, "value", None)
        if isinstance(target, ast.Name) and isinstance(value, ast.Dict):
            strings = [v.value for v in value.values if isinstance(v, ast.Constant) and isinstance(v.value, str)]
            if strings and len(strings) == len(value.values):
                found[target.id] = strings
    return found


def source_messages() -> dict[str, str]:
    """Every message the program can pass to `_()`, with where it is: msgid -> "path:line"."""
    trees = {_module_name(p): (p, ast.parse(p.read_text(encoding="utf-8"))) for p in sorted(PACKAGE.rglob("*.py"))}
    tables = {(name, key): values for name, (_p, tree) in trees.items() for key, values in _string_dicts(tree).items()}
    messages: dict[str, str] = {}
    for name, (path, tree) in trees.items():
        where = path.relative_to(REPO).as_posix()
        # A rule's docstring is its user documentation, translated by rules.help_text().
        if name.startswith("ipmeasures.rules.") and any(
                isinstance(n, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "ID" for t in n.targets)
                for n in tree.body):
            messages.setdefault(textwrap.dedent(ast.get_docstring(tree, clean=False) or "").strip(), where)
        imported = {alias.asname or alias.name: (node.module, alias.name) for node in ast.walk(tree)
                    if isinstance(node, ast.ImportFrom) for alias in node.names}
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in KEYWORDS
                    and node.args):
                continue
            arg = node.args[0]
            if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                messages.setdefault(arg.value, f"{where}:{node.lineno}")
                continue
            # _(LABELS[key]) and _(LABELS.get(key, …)) with LABELS a dict of literals, here or imported
            table = arg.value if isinstance(arg, ast.Subscript) else getattr(getattr(arg, "func", None), "value", None)
            if isinstance(table, ast.Name):
                values = tables.get((name, table.id)) or tables.get(imported.get(table.id, ("", "")), [])
                for value in values:
                    messages.setdefault(value, f"{where}:{node.lineno}")
    messages.pop("", None)
    return messages


def load_po():
    with PO.open("rb") as fh:
        return read_po(fh, locale="en", domain="ipmeasures")


def test_the_source_has_messages() -> None:
    messages = source_messages()
    # a sample from several modules, by hand: a CLI help, a query label, an error, a rule docstring's start
    assert "命令" in messages
    assert "点名承担的职责" in messages
    assert "未找到单位“{text}”。" in messages
    assert "按职责分工负责" in messages  # a label in queries.ROLE_LABELS, marked with N_()
    assert any(m.startswith("状态为已完成（completed），却没有佐证（evidence）") for m in messages)


def test_every_message_has_an_english_translation() -> None:
    catalog = load_po()
    missing = []
    for msgid, where in source_messages().items():
        message = catalog.get(msgid)
        if message is None or not message.string or not message.string.strip():
            missing.append(f"{where}: {msgid.splitlines()[0]}")
        elif message.fuzzy:
            missing.append(f"{where}: (fuzzy: review it and delete the '#, fuzzy' line) {msgid.splitlines()[0]}")
    assert not missing, (f"{len(missing)} message(s) without an English translation; run `{UPDATE}`, translate "
                         f"them in {PO.relative_to(REPO)}, and run it again:\n" + "\n".join(missing))


def test_translations_keep_the_placeholders_and_click_markers() -> None:
    problems = []
    for message in load_po():
        if not message.id or not message.string:
            continue
        if set(PLACEHOLDER.findall(message.id)) != set(PLACEHOLDER.findall(message.string)):
            problems.append(f"placeholders differ: {message.id!r} -> {message.string!r}")
        # \b (backspace) on a line of its own stops click from rewrapping the next paragraph.
        if message.id.count("\b") != message.string.count("\b"):
            problems.append(f"\\b markers differ: {message.id.splitlines()[0]!r}")
    assert not problems, "\n".join(problems)


def test_translations_are_english() -> None:
    """Chinese may stay only where it is data (unit names, document numbers, examples): a little of it."""
    untranslated = [m.id for m in load_po() if m.id and m.string
                    and len(CJK.findall(m.string)) > 0.25 * len("".join(m.string.split()))]
    assert not untranslated, untranslated


def test_the_mo_file_is_compiled_from_the_po_file() -> None:
    expected = {m.id: m.string for m in load_po() if m.id and m.string and not m.fuzzy}
    with MO.open("rb") as fh:
        compiled = gettext.GNUTranslations(fh)._catalog  # the parsed .mo, as gettext reads it
    compiled = {key: value for key, value in compiled.items() if key}  # "" is the header
    assert compiled == expected, f"{MO.relative_to(REPO)} is out of date; run `{UPDATE}`"


def test_the_mo_file_ships_in_the_package_directory() -> None:
    # i18n looks for <package>/locale/<lang>/LC_MESSAGES/ipmeasures.mo; hatchling packs all of src/ipmeasures.
    assert MO.is_file() and MO.parent == PACKAGE / "locale" / "en" / "LC_MESSAGES"
    assert i18n._LOCALE_DIR == os.path.join(os.path.dirname(i18n.__file__), "locale")


# --- choosing the language ---------------------------------------------------------------------------

@pytest.mark.parametrize(("argv", "env", "expected"), [
    (["--lang", "en", "units"], {}, "en"),
    (["--lang=en", "units"], {}, "en"),
    (["--lang", "zh", "units"], {"IPM_LANG": "en"}, "zh"),  # the option wins
    (["units"], {"IPM_LANG": "en"}, "en"),
    (["units"], {"IPM_LANG": "en_US"}, "en"),
    (["units"], {"LANG": "en_US.UTF-8"}, "en"),
    (["units"], {"LC_ALL": "en_GB.UTF-8", "LANG": "zh_CN.UTF-8"}, "en"),  # LC_ALL before LANG
    (["units"], {"LANG": "C"}, "zh"),
    (["units"], {"LANG": "C.UTF-8"}, "zh"),
    (["units"], {"LANG": "fr_FR.UTF-8"}, "zh"),
    (["units"], {}, "zh"),
    (["search", "--", "--lang", "en"], {}, "zh"),  # after --, it is an argument, not the option
])
def test_detect_language(monkeypatch: pytest.MonkeyPatch, argv: list[str], env: dict[str, str],
                         expected: str) -> None:
    for var in ("IPM_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(var, raising=False)
    for var, value in env.items():
        monkeypatch.setenv(var, value)
    assert i18n.detect_language(argv) == expected


def _env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("IPM_LANG", "LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE")}
    env.update(IPM_CACHE_DIR=str(tmp_path / "cache"), NO_COLOR="1", COLUMNS="100", PYTHONIOENCODING="utf-8")
    src = str(PACKAGE.parent)
    env["PYTHONPATH"] = src + os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else src
    env.update(extra)
    return env


def ipm(tmp_path: Path, *args: str, **env: str) -> subprocess.CompletedProcess:
    """`python -m ipmeasures ARGS` in a fresh process (help texts are translated at import)."""
    return subprocess.run([sys.executable, "-m", "ipmeasures", *args], capture_output=True, text=True,
                          encoding="utf-8", env=_env(tmp_path, **env), timeout=60, check=False)


@pytest.mark.parametrize(("env", "title"), [
    ({"IPM_LANG": "en"}, "# Responsible units (20)"),
    ({"LANG": "en_US.UTF-8"}, "# Responsible units (20)"),
    ({"LC_ALL": "en_US.UTF-8"}, "# Responsible units (20)"),
    ({"LANG": "C"}, "# 责任单位（共 20 个）"),
    ({}, "# 责任单位（共 20 个）"),
    ({"IPM_LANG": "zh", "LANG": "en_US.UTF-8"}, "# 责任单位（共 20 个）"),
])
def test_the_environment_chooses_the_language(tmp_path: Path, env: dict[str, str], title: str) -> None:
    result = ipm(tmp_path, "units", "--format", "markdown", **env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0] == title


def test_lang_option_beats_the_environment(tmp_path: Path) -> None:
    result = ipm(tmp_path, "--lang", "zh", "units", "--format", "markdown", IPM_LANG="en", LANG="en_US.UTF-8")
    assert result.stdout.splitlines()[0] == "# 责任单位（共 20 个）"
    result = ipm(tmp_path, "--lang", "en", "units", "--format", "markdown", LANG="zh_CN.UTF-8")
    assert result.stdout.splitlines()[0] == "# Responsible units (20)"


# --- help --------------------------------------------------------------------------------------------

def test_group_help_in_english(tmp_path: Path) -> None:
    result = ipm(tmp_path, "--lang", "en", "--help")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "ipm: who is responsible for what under the Huizhou measures" in out
    assert "Commands:" in out and "命令" not in out
    assert "Every duty of a unit (measures and tasks)." in out  # COMMANDS["owner"]
    assert "Language of the output: zh Chinese (default), en English" in out  # --lang
    assert "Directory of the policy data" in out  # --data
    assert "Exit codes: 0 OK; 1 problems found or invalid input; 2 usage error" in out


def test_group_help_in_chinese(tmp_path: Path) -> None:
    out = ipm(tmp_path, "--lang", "zh", "--help").stdout
    flat = "".join(out.split())  # help is wrapped by display width: compare without the line breaks
    assert "ipm：惠州市强化知识产权保护若干措施（惠市委办发〔2021〕11号）的责任分工查询与落实情况检查。" in flat
    assert "命令" in out and "某单位承担的全部职责（措施与任务）。" in flat
    assert "界面语言：zh中文（默认），en英文" in flat


@pytest.mark.parametrize(("command", "english", "chinese"), [
    ("owner", "Every duty of a unit: the measures and tasks that name it", "某单位承担的全部职责：点名的措施与任务"),
    ("measure", "One measure: its full text, responsible units and groups", "一条措施的全文、责任单位、单位组"),
    ("units", "Every responsible unit: its kind", "全部责任单位：类别"),
    ("search", "Find a word in the original (Chinese) text", "在措施与主要任务的原文中查找词语"),
    ("validate", "Validate the policy data files", "校验政策数据文件"),
])
def test_command_help_in_both_languages(tmp_path: Path, command: str, english: str, chinese: str) -> None:
    en = ipm(tmp_path, "--lang", "en", command, "--help")
    assert en.returncode == 0, en.stderr
    assert english in " ".join(en.stdout.split())
    assert "Examples:" in en.stdout
    zh = ipm(tmp_path, "--lang", "zh", command, "--help")
    assert "".join(chinese.split()) in "".join(zh.stdout.split()) and "例：" in zh.stdout


def test_option_help_in_english(tmp_path: Path) -> None:
    out = " ".join(ipm(tmp_path, "--lang", "en", "units", "--help").stdout.split())
    assert "Output format: table for a terminal; json for programs" in out  # the shared --format
    assert "name: in registry order; load: by number of duties, most first." in out


# --- the main commands in both languages -------------------------------------------------------------

def test_owner_in_english(tmp_path: Path) -> None:
    result = ipm(tmp_path, "--lang", "en", "owner", "市公安局", "--format", "markdown")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "# Huizhou Municipal Public Security Bureau (惠州市公安局)"
    assert "- **Kind**: government department" in lines
    assert "- **Groups**: relevant municipal departments" in lines
    assert ("- **Duties**: named in 6 measure(s) and 2 task(s); through its groups, 4 measure(s) and 0 task(s)"
            in lines)
    assert "## Duties where the unit is named" in lines
    assert "| Kind | No. | Title | Role | Via | Shared with | Section |" in lines
    assert any(line.startswith("| measure | 1 | Crack down hard on infringement and counterfeiting "
                               "| jointly, each within its remit | named | Publicity Department of the CPC") for line in lines)
    assert any(line.startswith("| task | 1 | Three-year campaign against IP crime | responsible | named |")
               for line in lines)
    assert any(line.startswith("| measure | 15 | Advance international exchange and cooperation | jointly, "
                               "each within its remit | relevant municipal departments |") for line in lines)
    assert lines[-1].startswith("> English titles are unofficial translations")


def test_owner_in_chinese(tmp_path: Path) -> None:
    result = ipm(tmp_path, "--lang", "zh", "owner", "市公安局", "--format", "markdown")
    lines = result.stdout.splitlines()
    assert lines[0] == "# 市公安局（惠州市公安局）"
    assert "- **类别**：政府部门" in lines
    assert any(line.startswith("| 措施 | (一) | 严厉打击侵权假冒行为 | 按职责分工负责 | 点名 | 市委宣传部、市法院")
               for line in lines)
    assert not any("English" in line or "unofficial" in line for line in lines[1:] if "英文名" not in line)


def test_owner_table_in_english(tmp_path: Path) -> None:
    result = ipm(tmp_path, "--lang", "en", "owner", "gaj")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0] == "Huizhou Municipal Public Security Bureau (惠州市公安局)"
    header = next(line for line in result.stdout.splitlines() if "Kind" in line and "Title" in line)
    # The named-duties table needs no "Via" column in a terminal: its title says how the duties come.
    assert header.split() == ["Kind", "No.", "Title", "Role", "Shared", "with", "Section"]
    assert "Full name: 惠州市公安局" in result.stdout


def test_measure_in_english(tmp_path: Path) -> None:
    result = ipm(tmp_path, "--lang", "en", "measure", "十九", "--format", "markdown")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "# Measure 19: Strengthen organization and leadership"
    assert "- **Section**: 7. Strengthen basic safeguards" in lines
    assert "- **Role**: jointly, each within its remit" in lines
    assert ("- **Responsible groups**: relevant municipal departments; Party committees and governments at all "
            "levels") in lines
    assert any(line.startswith("- **Lead unit**: Huizhou Administration for Market Regulation (市市场监督管理局")
               for line in lines)
    # the text is the document's own: Chinese in both languages
    assert any(line.startswith("- **Content**: 全面加强各级党委、政府对知识产权保护工作的领导。") for line in lines)


def test_measure_in_chinese(tmp_path: Path) -> None:
    lines = ipm(tmp_path, "--lang", "zh", "measure", "19", "--format", "markdown").stdout.splitlines()
    assert lines[0] == "# (十九)加强组织领导"
    assert "- **所属部分**：七、强化基础保障措施" in lines
    assert "- **责任单位组**：市直有关部门、各级党委、政府" in lines


def test_task_in_english(tmp_path: Path) -> None:
    lines = ipm(tmp_path, "--lang", "en", "task", "4", "--format", "markdown").stdout.splitlines()
    assert lines[0] == "# Main task 4: Raise damages for infringement to end “low compensation”"
    assert ("- **Measures**: Measure 1: Crack down hard on infringement and counterfeiting; Measure 7: Strengthen "
            "professional and technical guidance; Measure 22: Strengthen publicity and guidance") in lines


def test_units_in_english(tmp_path: Path) -> None:
    lines = ipm(tmp_path, "--lang", "en", "units", "--format", "markdown").stdout.splitlines()
    assert "| Unit | Full name | Kind | Measures | Tasks | Via groups | Groups |" in lines
    assert "| Huizhou Customs | 中华人民共和国惠州海关 | customs (vertically managed) | 4 | 0 | 0/3 | relevant " \
           "administrative law-enforcement departments |" in lines


def test_search_in_english(tmp_path: Path) -> None:
    lines = ipm(tmp_path, "--lang", "en", "search", "区块链", "--format", "markdown").stdout.splitlines()
    assert lines[0] == "# \"区块链\": 1 match(es)"
    assert any(line.startswith("| measure | 7 | Strengthen professional and technical guidance | …") for line in lines)
    missing = ipm(tmp_path, "--lang", "en", "search", "blockchain")
    assert missing.returncode == 0
    assert "\"blockchain\" was not found. The text is Chinese: search for a Chinese word" in missing.stdout


def test_validate_in_both_languages(tmp_path: Path) -> None:
    en = ipm(tmp_path, "--lang", "en", "validate")
    assert en.returncode == 0, en.stderr
    lines = en.stdout.splitlines()
    assert lines[0].startswith("The data is valid: ")
    assert lines[1] == "  惠州市关于强化知识产权保护的若干措施 (惠市委办发〔2021〕11号, 2021-11-22)"
    assert lines[2].startswith("  7 sections: 1. General requirements; 2. Build the structures of strict IP protection;")
    assert lines[3] == "  22 measures, 8 main tasks"
    assert lines[4] == ("  20 units, 4 groups: relevant municipal departments (13); relevant administrative "
                        "law-enforcement departments (5); Party committees and governments at all levels; county "
                        "and district governments")
    zh = ipm(tmp_path, "--lang", "zh", "validate").stdout.splitlines()
    assert zh[0].startswith("数据有效：")
    assert zh[2].startswith("  部分 7 个：一、总体要求；二、加强知识产权严保护结构建设；")
    assert zh[4] == "  单位 20 个，单位组 4 个：市直有关部门（13）；各有关行政执法部门（5）；各级党委、政府；各县区政府"


def test_unknown_unit_in_both_languages(tmp_path: Path) -> None:
    en = ipm(tmp_path, "--lang", "en", "owner", "市教育局")
    assert en.returncode == 2
    assert en.stdout == ""
    assert en.stderr.startswith("No unit is called \"市教育局\". Did you mean: ")
    assert en.stderr.rstrip().endswith("? Run ipm units to list every unit.")
    assert "Traceback" not in en.stderr
    zh = ipm(tmp_path, "--lang", "zh", "owner", "市教育局")
    assert zh.returncode == 2
    assert zh.stderr.startswith("未找到单位“市教育局”。是否指：")
    assert zh.stderr.rstrip().endswith("？用 ipm units 查看全部单位。")


def test_other_errors_in_english(tmp_path: Path) -> None:
    result = ipm(tmp_path, "--lang", "en", "measure", "23")
    assert result.returncode == 2
    assert result.stderr.strip() == "There is no measure 23; measures are numbered 1–22 (or 一, (一) and so on)."
    result = ipm(tmp_path, "--lang", "en", "owner", "公")  # a fragment of many names
    assert result.returncode == 2
    assert result.stderr.startswith("\"公\" matches more than one unit: ")
    result = ipm(tmp_path, "--lang", "en", "validate", "--data", str(tmp_path / "nowhere"))
    assert result.returncode == 1
    assert "The data directory does not exist; check the value of --data or IPM_DATA." in result.stderr


# --- JSON: the same document in both languages -------------------------------------------------------

JSON_COMMANDS = [
    ["owner", "市公安局"], ["owner", "市直有关部门"], ["measure", "19"], ["measures"], ["task", "4"], ["tasks"],
    ["units"], ["search", "区块链"], ["matrix"],
]


@pytest.mark.parametrize("args", JSON_COMMANDS, ids=lambda a: " ".join(a))
def test_json_is_the_same_in_both_languages(tmp_path: Path, args: list[str]) -> None:
    en = ipm(tmp_path, "--lang", "en", *args, "--format", "json")
    zh = ipm(tmp_path, "--lang", "zh", *args, "--format", "json")
    assert en.returncode == zh.returncode == 0, en.stderr + zh.stderr
    assert json.loads(en.stdout) == json.loads(zh.stdout)


def test_json_keeps_chinese_identifiers_with_english_titles_beside_them(tmp_path: Path) -> None:
    owner = json.loads(ipm(tmp_path, "--lang", "en", "owner", "gaj", "--format", "json").stdout)
    assert owner["unit"] == "市公安局" and owner["groups"] == ["市直有关部门"]
    first = owner["measures"][0]
    assert (first["title"], first["title_en"]) == ("严厉打击侵权假冒行为", "Crack down hard on infringement and counterfeiting")
    assert "市委宣传部" in first["shared_with"]
    measure = json.loads(ipm(tmp_path, "--lang", "en", "measure", "19", "--format", "json").stdout)
    assert (measure["title"], measure["title_en"]) == ("加强组织领导", "Strengthen organization and leadership")
    assert measure["coordinator"] == "市市场监管局" and measure["groups"] == ["市直有关部门", "各级党委、政府"]
    task = json.loads(ipm(tmp_path, "--lang", "en", "task", "1", "--format", "json").stdout)
    assert (task["title"], task["title_en"]) == ("打击侵权知识产权犯罪三年专项行动", "Three-year campaign against IP crime")
    assert task["units"] == ["市公安局"]


# --- in process: the display helper, and data without English titles --------------------------------

@pytest.fixture
def english():
    i18n.set_language("en")
    yield
    i18n.set_language("zh")


def test_display_helpers(english) -> None:
    catalog = load_catalog()
    assert queries.display_name(catalog, "市公安局") == "Huizhou Municipal Public Security Bureau"
    assert queries.display_name(catalog, "市直有关部门") == "relevant municipal departments"
    assert queries.display_name(catalog, "不存在的单位") == "不存在的单位"
    assert queries.display_title(catalog.measure_by_id[1]) == "Crack down hard on infringement and counterfeiting"
    assert queries.display_label(catalog.measure_by_id[19]) == "19"
    i18n.set_language("zh")
    assert queries.display_name(catalog, "市公安局") == "市公安局"
    assert queries.display_title(catalog.measure_by_id[1]) == "严厉打击侵权假冒行为"
    assert queries.display_label(catalog.measure_by_id[19]) == "(十九)"


def test_english_names_resolve_like_any_name() -> None:
    catalog = load_catalog()
    assert catalog.resolve("relevant municipal departments").name == "市直有关部门"
    assert catalog.resolve("Huizhou Customs").name == "惠州海关"


def test_lang_option_in_process(english) -> None:
    i18n.set_language("zh")  # the option, not the fixture, must switch
    result = CliRunner().invoke(cli, ["--lang", "en", "measure", "1", "--format", "markdown"], catch_exceptions=False)
    assert result.exit_code == 0
    assert result.stdout.splitlines()[0] == "# Measure 1: Crack down hard on infringement and counterfeiting"


def _without_english(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    shutil.copytree(REPO / "data", data)
    for path in data.glob("*.yaml"):
        text = path.read_text(encoding="utf-8")
        text = re.sub(r"(?m)^ *title_en: .*\n", "", text)
        text = re.sub(r"(?m)^    english: (?!Huizhou|Organization|Publicity|General|China).*\n", "", text)  # groups
        path.write_text(text, encoding="utf-8")
    assert "title_en:" not in (data / "measures.yaml").read_text(encoding="utf-8")
    return data


def test_data_without_english_titles_still_works(tmp_path: Path, english) -> None:
    catalog = load_catalog(str(_without_english(tmp_path)))
    view = lookups.measure(catalog, "19")
    assert view.title == "Measure 19: 加强组织领导"  # the Chinese title, in the English frame
    assert not any("unofficial" in note for note in view.notes)
    assert queries.display_name(catalog, "市直有关部门") == "市直有关部门"
    assert view.data["title_en"] is None
    en = ipm(tmp_path, "--lang", "en", "--data", str(tmp_path / "data"), "validate")
    assert en.returncode == 0, en.stderr
    assert "1. 总体要求" in en.stdout


def test_check_messages_name_duties_by_their_english_titles(tmp_path: Path) -> None:
    report = tmp_path / "r.yaml"
    report.write_text("unit: 惠州仲裁委\nperiod: 2022-H1\nitems:\n  - measure: 6\n    status: in_progress\n"
                      "    progress: 开展仲裁\n", encoding="utf-8")  # measure 10 (构建快速处理机制) is missing
    english = json.loads(ipm(tmp_path, "--lang", "en", "check", str(report), "--format", "json").stdout)
    chinese = json.loads(ipm(tmp_path, "--lang", "zh", "check", str(report), "--format", "json").stdout)
    [en] = [f["message"] for f in english["findings"] if f["rule"] == "missing-duty"]
    [zh] = [f["message"] for f in chinese["findings"] if f["rule"] == "missing-duty"]
    assert "构建快速处理机制" in zh and "构建快速处理机制" not in en and "Measure 10" in en
