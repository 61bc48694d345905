"""The data loader: the shipped data validates; broken data is refused with file, line and field."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from tests.paths import REPO

from ipmeasures.cli import cli
from ipmeasures.errors import DataError
from ipmeasures.policy.catalog import load_catalog
from ipmeasures.policy.loader import DATA_FILES, load_compiled, validate_data_dir

DATA = REPO / "data"


@pytest.fixture()
def data_copy(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(DATA, target)
    return target


def replace_once(path: Path, old: str, new: str) -> int:
    """Replace the first occurrence; return its 1-based line number (read off the file, not the program)."""
    text = path.read_text(encoding="utf-8")
    index = text.index(old)
    path.write_text(text[:index] + new + text[index + len(old):], encoding="utf-8")
    return text.count("\n", 0, index) + 1


def validate(data_dir: Path) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["validate", "--data", str(data_dir)], catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def test_shipped_data_validates_with_a_summary() -> None:
    code, out, _err = validate(DATA)
    assert code == 0
    assert "惠市委办发〔2021〕11号" in out
    assert "措施 22 条，主要任务 8 项" in out and "部分 7 个" in out and "单位 20 个" in out


def test_misspelt_unit_names_file_line_and_field(data_copy: Path) -> None:
    line = replace_once(data_copy / "measures.yaml", "市检察院, 市公安局", "市检察院, 市公按局")
    code, out, err = validate(data_copy)
    assert code == 1 and out == ""
    assert f"measures.yaml:{line}: measures.0.units.3:" in err
    assert "市公按局" in err and "市公安局" in err  # the suggestion
    assert "Traceback" not in err


def test_unknown_field_is_refused(data_copy: Path) -> None:
    line = replace_once(data_copy / "responsibility_table.yaml", "    measures: [1]\n",
                        "    measures: [1]\n    stauts: done\n") + 1
    code, _out, err = validate(data_copy)
    assert code == 1
    assert f"responsibility_table.yaml:{line}: tasks.0.stauts:" in err


def test_string_is_not_coerced_into_a_list(data_copy: Path) -> None:
    line = replace_once(data_copy / "responsibility_table.yaml", "units: [市公安局]", "units: 市公安局")
    code, _out, err = validate(data_copy)
    assert code == 1 and f"responsibility_table.yaml:{line}: tasks.0.units:" in err


def test_non_contiguous_ids_are_refused(data_copy: Path) -> None:
    replace_once(data_copy / "responsibility_table.yaml", "  - id: 2\n", "  - id: 3\n")
    code, _out, err = validate(data_copy)
    assert code == 1 and "responsibility_table.yaml" in err and "tasks" in err


def test_task_referring_to_a_missing_measure(data_copy: Path) -> None:
    line = replace_once(data_copy / "responsibility_table.yaml", "measures: [1]", "measures: [23]")
    code, _out, err = validate(data_copy)
    assert code == 1 and f"responsibility_table.yaml:{line}: tasks.0.measures.0:" in err


def test_unit_listed_twice_in_one_duty(data_copy: Path) -> None:
    replace_once(data_copy / "responsibility_table.yaml", "units: [市公安局]", "units: [市公安局, 市公安局]")
    code, _out, err = validate(data_copy)
    assert code == 1 and "重复列出" in err


def test_stray_space_in_text_is_refused(data_copy: Path) -> None:
    replace_once(data_copy / "measures.yaml", "聚焦保护创新", "聚焦保护 创新")
    code, _out, err = validate(data_copy)
    assert code == 1 and "measures.0.text" in err


def test_yaml_syntax_error_names_the_line(data_copy: Path) -> None:
    (data_copy / "units.yaml").write_text("groups: []\nunits: [\n", encoding="utf-8")
    code, _out, err = validate(data_copy)
    assert code == 1 and "units.yaml:" in err and "Traceback" not in err


def test_duplicate_key_in_data_is_refused(data_copy: Path) -> None:
    line = replace_once(data_copy / "responsibility_table.yaml", "    measures: [1]\n",
                        "    measures: [1]\n    measures: [2]\n") + 1
    code, _out, err = validate(data_copy)
    assert code == 1 and f"responsibility_table.yaml:{line}" in err


def test_missing_data_file(data_copy: Path) -> None:
    (data_copy / "units.yaml").unlink()
    code, _out, err = validate(data_copy)
    assert code == 1 and "units.yaml" in err


def test_every_query_command_honours_data_and_reports_broken_data(data_copy: Path) -> None:
    replace_once(data_copy / "measures.yaml", "市检察院, 市公安局", "市检察院, 市公按局")
    result = CliRunner().invoke(cli, ["--data", str(data_copy), "owner", "公安"], catch_exceptions=False)
    assert result.exit_code == 1 and "市公按局" in result.stderr


def test_data_can_be_another_citys(data_copy: Path) -> None:
    """Nothing about Huizhou is in the code: renaming a unit in the data renames it in the queries."""
    for name in DATA_FILES:
        path = data_copy / name
        path.write_text(path.read_text(encoding="utf-8").replace("市公安局", "市警察局"), encoding="utf-8")
    result = CliRunner().invoke(cli, ["--data", str(data_copy), "owner", "市警察局", "--format", "json"],
                                catch_exceptions=False)
    assert result.exit_code == 0
    assert [m["id"] for m in json.loads(result.stdout)["measures"] if m["via"] is None] == [1, 2, 9, 14, 16, 18]


def test_cache_is_invalidated_when_the_data_changes(data_copy: Path) -> None:
    before = load_catalog(str(data_copy))
    assert before.measure_title(1) == "严厉打击侵权假冒行为"
    replace_once(data_copy / "measures.yaml", "title: 严厉打击侵权假冒行为", "title: 严厉打击侵权行为")
    assert load_catalog(str(data_copy)).measure_title(1) == "严厉打击侵权行为"


def test_cache_never_serves_data_that_does_not_validate(data_copy: Path) -> None:
    load_catalog(str(data_copy))  # builds a cache of the valid data
    replace_once(data_copy / "measures.yaml", "市检察院, 市公安局", "市检察院, 市公按局")
    with pytest.raises(DataError):
        load_catalog(str(data_copy))


def test_cache_depends_on_the_package_version(data_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from ipmeasures.policy import loader

    compiled = load_compiled(str(data_copy))
    monkeypatch.setattr(loader, "__version__", "999.0")
    calls = []
    real = loader.compile_data
    monkeypatch.setattr(loader, "compile_data", lambda *a: calls.append(a) or real(*a))
    assert load_compiled(str(data_copy)) == compiled
    assert calls, "a new version must rebuild the cache, not reuse the old one"


def test_corrupt_cache_is_rebuilt(data_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("IPM_CACHE_DIR", str(tmp_path / "cache"))
    load_compiled(str(data_copy))
    for cached in (tmp_path / "cache").iterdir():
        cached.write_bytes(b"\x00garbage")
    assert load_catalog(str(data_copy)).measure_title(19) == "加强组织领导"


def test_models_validate_the_shipped_data_directly() -> None:
    units, measures, tasks = validate_data_dir(DATA)
    assert len(units.units) == 20 and len(measures.measures) == 22 and len(tasks.tasks) == 8


def test_city_prefix_comes_from_the_data(data_copy: Path) -> None:
    """惠州市委网信办 (a sign, 市委网信办, with the city's name) resolves because units.yaml says
    `city: 惠州市`; with another city's name in the data, that city's prefix works instead."""
    def owner(name: str) -> int:
        return CliRunner().invoke(cli, ["--data", str(data_copy), "owner", name, "--format", "json"],
                                  catch_exceptions=False).exit_code

    assert owner("惠州市委网信办") == 0
    replace_once(data_copy / "units.yaml", "city: 惠州市", "city: 广州市")
    assert owner("广州市委网信办") == 0
    assert owner("惠州市委网信办") == 2


@pytest.mark.parametrize(("text", "expected_line", "words"), [
    ("groups: []\nunits: &u\n  - name: x\nmore: *u\n", 2, "别名"),                # alias: refused, not expanded
    ("groups: []\nunits: !!python/object/apply:os.system ['true']\n", 2, "标签"),  # never constructed
    ("groups: []\nunits:\n\t- name: x\n", 3, "Tab"),                              # tab indentation
    ("groups: []\nunits: " + "[" * 100_000 + "]" * 100_000 + "\n", 2, "嵌套"),      # would crash libyaml
])
def test_data_files_get_the_same_hazard_answers_as_reports(data_copy: Path, text: str, expected_line: int,
                                                           words: str) -> None:
    (data_copy / "units.yaml").write_text(text, encoding="utf-8")
    code, _out, err = validate(data_copy)
    assert code == 1 and "Traceback" not in err
    assert f"units.yaml:{expected_line}" in err and words in err


def test_data_file_with_bom_and_crlf_validates(data_copy: Path) -> None:
    path = data_copy / "units.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes().replace(b"\n", b"\r\n"))
    code, _out, _err = validate(data_copy)
    assert code == 0


def test_validation_messages_are_in_the_users_language(data_copy: Path) -> None:
    line = replace_once(data_copy / "measures.yaml", "    mode: joint\n", "    mode: jointly\n")
    code, _out, err = validate(data_copy)
    assert code == 1 and f"measures.yaml:{line}: measures.0.mode: 取值应为" in err
    assert "Input should be" not in err


def test_empty_data_file_says_what_it_should_be(data_copy: Path) -> None:
    (data_copy / "units.yaml").write_text("", encoding="utf-8")
    code, _out, err = validate(data_copy)
    assert code == 1 and "units.yaml" in err and "应为映射" in err
