"""The settings file: `ipm.toml` or `[tool.ipm]` in pyproject.toml, found upward; the command line wins.

The fixture empty-progress.yaml has exactly one warning (its first-line comment says so, line 7), so
`strict` decides its exit code and `ignore = ["empty-progress"]` waives it.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from ipmeasures.cli import cli
from ipmeasures.config import ConfigError, find_config, load_config
from ipmeasures.i18n import set_language

WARNING_ONLY = Path(__file__).resolve().parent / "fixtures" / "reports" / "fail" / "empty-progress.yaml"


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A reports repository: reports/2022-H1/a.yaml with one warning; the working directory is a subfolder."""
    reports = tmp_path / "reports" / "2022-H1"
    reports.mkdir(parents=True)
    shutil.copy(WARNING_ONLY, reports / "a.yaml")
    (tmp_path / "docs").mkdir()
    monkeypatch.chdir(tmp_path / "docs")
    monkeypatch.delenv("IPM_LANG", raising=False)
    yield tmp_path
    set_language("zh")


def check(*args: str) -> tuple[int, dict, str]:
    result = CliRunner().invoke(cli, ["check", "--today", "2022-12-31", "--format", "json", *args],
                                catch_exceptions=False)
    document = json.loads(result.stdout) if result.stdout.startswith("{") else {}
    return result.exit_code, document, result.stderr


# --- finding the file ----------------------------------------------------------------------------------


def test_found_from_the_working_directory_upward(tmp_path):
    deep = tmp_path / "a" / "b" / "c"
    deep.mkdir(parents=True)
    assert find_config(str(deep)) is None
    (tmp_path / "pyproject.toml").write_text("[tool.ipm]\nstrict = true\n", encoding="utf-8")
    assert find_config(str(deep)) == str(tmp_path / "pyproject.toml")
    # a pyproject.toml without [tool.ipm] is passed over, as ruff and mypy do
    (tmp_path / "a" / "pyproject.toml").write_text("[tool.ruff]\nline-length = 100\n", encoding="utf-8")
    assert find_config(str(deep)) == str(tmp_path / "pyproject.toml")
    (tmp_path / "a" / "b" / "pyproject.toml").write_text("[project]\nname='x'\n[tool.ipm]\n", encoding="utf-8")
    assert find_config(str(deep)) == str(tmp_path / "a" / "b" / "pyproject.toml")
    # in one folder, ipm.toml comes before pyproject.toml
    (tmp_path / "a" / "b" / "ipm.toml").write_text("strict = false\n", encoding="utf-8")
    assert find_config(str(deep)) == str(tmp_path / "a" / "b" / "ipm.toml")


def test_keys_in_both_spellings_and_both_files(tmp_path):
    (tmp_path / "ipm.toml").write_text('expect_all = true\nallow-empty = true\nignore = "overdue"\n'
                                       'placeholders = ["待补充", "略"]\nlanguage = "en"\nmax-bytes = 2048\n',
                                       encoding="utf-8")
    assert load_config(str(tmp_path / "ipm.toml")).values == {
        "expect-all": True, "allow-empty": True, "ignore": ["overdue"], "placeholders": ["待补充", "略"],
        "language": "en", "max-bytes": 2048}
    (tmp_path / "pyproject.toml").write_text('[tool.ruff]\nstrict = 1\n\n[tool.ipm]\nstrict = true\n'
                                             'paths = ["reports"]\n', encoding="utf-8")
    assert load_config(str(tmp_path / "pyproject.toml")).values == {"strict": True, "paths": ["reports"]}


@pytest.mark.parametrize(("text", "line", "field", "says"), [
    ('[tool.ipm]\npaths = ["r"]\nstirct = true\n', 3, "tool.ipm.stirct", "是否指 strict"),
    ('[tool.ipm]\nexpect_all = "yes"\n', 2, "tool.ipm.expect_all", "true 或 false"),
    ('[tool.ipm]\n\nignore = [1, 2]\n', 3, "tool.ipm.ignore", "文字的列表"),
    ('[tool.ipm]\nlanguage = "fr"\n', 2, "tool.ipm.language", "zh"),
    ('[tool.ipm]\nmax-bytes = 0\n', 2, "tool.ipm.max-bytes", "正整数"),
    ('[tool.ipm]\nstrict = true\nstrict = false\n', 3, None, "TOML"),  # a key twice
    ('[tool.ipm\nstrict = true\n', 1, None, "TOML"),
    ('[tool.ipm]\nstrict = tru\n', 2, None, "TOML"),
])
def test_a_wrong_file_names_file_line_and_key(tmp_path, text, line, field, says):
    path = tmp_path / "pyproject.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as raised:
        load_config(str(path))
    error = raised.value
    assert (error.path, error.line, error.field, error.exit_code) == (str(path), line, field, 2)
    assert says in error.message
    assert error.render().startswith(f"{path}:{line}: ")


def test_a_file_that_is_not_utf8(tmp_path):
    path = tmp_path / "ipm.toml"
    path.write_bytes("strict = true # 严格\n".encode("gbk"))
    with pytest.raises(ConfigError, match="UTF-8"):
        load_config(str(path))


# --- ipm check with a settings file --------------------------------------------------------------------


def test_paths_and_strict_from_pyproject_relative_to_its_folder(repo):
    (repo / "pyproject.toml").write_text('[tool.ipm]\npaths = ["reports"]\nstrict = true\n', encoding="utf-8")
    code, document, _err = check()
    assert code == 1  # strict: the one warning is an error and fails the run
    assert document["summary"] == {"files": 1, "errors": 1, "warnings": 0, "suppressed": 0}
    assert {f["file"] for f in document["findings"]} == {str(Path("..") / "reports" / "2022-H1" / "a.yaml")}


def test_the_command_line_wins(repo):
    (repo / "ipm.toml").write_text('paths = ["reports"]\nstrict = true\nignore = ["missing-duty"]\n',
                                   encoding="utf-8")
    assert check()[0] == 1
    code, document, _err = check("--ignore", "empty-progress")  # replaces the file's list
    assert code == 0 and document["summary"]["suppressed"] == 1
    code, document, _err = check(str(repo / "reports"), "--no-config")  # neither strict nor ignore
    assert code == 0 and document["summary"] == {"files": 1, "errors": 0, "warnings": 1, "suppressed": 0}
    other = repo / "docs" / "other.toml"
    other.write_text('paths = ["../reports"]\nignore = ["empty-progress"]\n', encoding="utf-8")
    code, document, _err = check("--config", str(other))
    assert code == 0 and document["summary"]["suppressed"] == 1


def test_placeholders_from_the_file(repo):
    report = repo / "reports" / "2022-H1" / "b.yaml"
    report.write_text("unit: 市人大常委会办公室\nperiod: 2022-H1\nitems:\n  - measure: 22\n    status: completed\n"
                      "    progress: 已开展宣传\n    evidence: [台账在办公室]\n", encoding="utf-8")
    (repo / "ipm.toml").write_text('paths = ["reports/2022-H1/b.yaml"]\n', encoding="utf-8")
    assert "missing-evidence" not in {f["rule"] for f in check()[1]["findings"]}
    (repo / "ipm.toml").write_text('paths = ["reports/2022-H1/b.yaml"]\nplaceholders = ["台账在办公室"]\n',
                                   encoding="utf-8")
    assert "missing-evidence" in {f["rule"] for f in check()[1]["findings"]}


def test_language_from_the_file_unless_the_command_line_or_ipm_lang_says(repo, monkeypatch):
    (repo / "ipm.toml").write_text('paths = ["reports"]\nlanguage = "en"\n', encoding="utf-8")
    assert check()[2].strip().endswith("1 file(s), 0 error(s), 1 warning(s), 0 waived")
    set_language("zh")
    result = CliRunner().invoke(cli, ["--lang", "zh", "check", "--today", "2022-12-31"], catch_exceptions=False)
    assert "文件 1 个，错误 0，警告 1，已豁免 0" in result.stdout
    monkeypatch.setenv("IPM_LANG", "zh")
    assert check()[2].strip().endswith("文件 1 个，错误 0，警告 1，已豁免 0")


def test_without_paths_anywhere_it_is_a_usage_error(repo):
    code, _document, err = check()
    assert code == 2 and "缺少 PATH" in err and "[tool.ipm]" in err


def test_a_wrong_file_stops_the_check_with_exit_2(repo):
    (repo / "ipm.toml").write_text('paths = ["reprots"]\n', encoding="utf-8")
    code, _document, err = check()
    assert code == 2 and "ipm.toml" in err and "paths" in err and "不存在" in err
    assert "Traceback" not in err
