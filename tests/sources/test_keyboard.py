"""Chinese-keyboard mistakes (issue #17, point 1): explained in the clerk's terms on the line where they are,
the text YAML silently drops reported, and `ipm fix` repairing only the mechanical ones.

Each expected line and column is read off the input text written here: the mistake's own line, not the
line after it where libyaml notices something is wrong.
"""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from tests.paths import REPO

from ipmeasures.check.engine import check_paths
from ipmeasures.cli import cli
from ipmeasures.policy.catalog import load_catalog
from ipmeasures.sources.keyboard import pitfalls, repair

HEAD = "unit: 市公安局\nperiod: 2022-H1\nitems:\n  - measure: 1\n"  # lines 1-4
CATALOG = load_catalog()


def findings_of(tmp_path, text: str, rule: str, encoding: str = "utf-8"):
    path = tmp_path / "r.yaml"
    path.write_bytes(text.encode(encoding))
    return [f for f in check_paths([str(path)], CATALOG).findings if f.rule_id == rule]


# (text after HEAD, line, column, words the message must contain)
SYNTAX = [
    ("    status：推进中\n    progress: 开展\n", 5, 11, "全角冒号"),
    ("    status ：推进中\n    progress: 开展\n", 5, 12, "全角冒号"),
    ("    status：\n    progress: 开展\n", 5, 11, "全角冒号"),
    ("    status:推进中\n    progress: 开展\n", 5, 11, "没有空格"),
    ("    status: 推进中\n    progress: 开展\n    evidence: [惠公发[2022]3号]\n", 7, 19, "半角方括号"),
    ("    status: 推进中\n    progress: 开展\n    evidence: [惠公发〔2022〕2号, 惠公发[2022]3号]\n", 7, 32, "半角方括号"),
    ("    status: 已完成\n    progress: 开展\n    evidence: []\n      - 惠公发〔2022〕3号\n", 7, 15, "evidence: []"),
    ("    status: 已完成\n    progress: 开展\n    evidence: []\n    - 惠公发〔2022〕3号\n", 7, 15, "evidence: []"),
    ("    status: 已完成\n    progress: 开展\n    evidence: [ ]\n      - 惠公发〔2022〕3号\n      - 3号\n", 7, 15, "无法再加进去"),
]


@pytest.mark.parametrize(("tail", "line", "column", "words"), SYNTAX)
def test_a_syntax_error_names_the_keyboard_mistake_on_its_own_line(tmp_path, tail, line, column, words):
    found = findings_of(tmp_path, HEAD + tail, "invalid-report")
    assert [(f.line, f.column) for f in found] == [(line, column)]
    assert words in found[0].message and f"第 {line} 行" in found[0].message
    assert "while scanning" not in found[0].message and "expected" not in found[0].message


# These parse, but a field is lost: read as text, or as a new top-level key.
MISREAD = [
    ("unit：市公安局\nperiod: 2022-H1\nitems:\n  - measure: 1\n    status: 推进中\n    progress: 开展\n", 1, 5, "全角冒号"),
    ("unit: 市公安局\nperiod: 2022-H1\nitems:\n  - measure：1\n    status: 推进中\n    progress: 开展\n", 4, 12, "全角冒号"),
    (HEAD + "    status: 推进中\n\u3000\u3000progress: 开展\n", 6, 1, "全角空格"),
    (HEAD + "    status: 推进中\n\u3000 progress: 开展\n", 6, 1, "全角空格"),
    (HEAD + "  \u3000status: 推进中\n    progress: 开展\n", 5, 1, "全角空格"),
]


@pytest.mark.parametrize(("text", "line", "column", "words"), MISREAD)
def test_a_field_read_as_text_is_an_error_on_its_line(tmp_path, text, line, column, words):
    found = findings_of(tmp_path, text, "invalid-report")
    assert [(f.line, f.column) for f in found] == [(line, column)]
    assert words in found[0].message


@pytest.mark.parametrize("text", [
    HEAD + "    status: 推进中\n    progress: |\n      \u3000\u3000今年开展了专项行动，measure：1\n",  # a block of text
    HEAD + "    status: 推进中\n    progress: 今年开展了\n      \u3000\u3000专项行动，WPS：1\n",  # a paragraph indent
    HEAD + "    status: 推进中\n    progress: 会议定于 10:30 召开，议题：知识产权\n",
])
def test_full_width_characters_in_text_are_text(tmp_path, text):
    assert findings_of(tmp_path, text, "invalid-report") == []


# `#` after a blank starts a YAML comment: the rest of the line is silently dropped.
@pytest.mark.parametrize(("tail", "line", "column"), [
    ("    status: 推进中\n    progress: 已签协议 #3号文\n", 6, 20),
    ("    status: 推进中\n    progress: 开展 #2\n", 6, 18),
    ("    status: 已完成\n    progress: 开展\n    evidence:\n      - 惠公发〔2022〕3号 #附件2\n", 8, 21),
    ("    status: 已完成\n    progress: 开展\n    evidence: 惠公发〔2022〕3号 #附件2\n", 7, 27),
])
def test_text_cut_by_a_number_sign_is_a_warning(tmp_path, tail, line, column):
    found = findings_of(tmp_path, HEAD + tail, "yaml-pitfall")
    assert [(f.line, f.column, f.severity.value) for f in found] == [(line, column, "warning")]
    assert "注释" in found[0].message


@pytest.mark.parametrize("tail", [
    "    status: 推进中\n    progress: 第#3号文已签\n",  # no blank before #: YAML keeps it
    "    status: 推进中\n    progress: \"已签协议 #3号文\"\n",  # quoted
    "    status: 推进中\n    progress: 已签协议  # 备注：自己看的注释\n",  # a real comment: "# " then text
    "    status: 推进中\n    progress: |\n      已签协议 #3号文\n",  # a block of text
    "    # 整行注释 #1\n    status: 推进中\n    progress: 开展\n",
])
def test_no_warning_where_nothing_is_lost(tmp_path, tail):
    assert findings_of(tmp_path, HEAD + tail, "yaml-pitfall") == []


def test_a_full_width_comma_in_a_flow_list_is_a_warning(tmp_path):
    found = findings_of(tmp_path, HEAD + "    status: 已完成\n    progress: 开展\n"
                        "    evidence: [惠公发〔2022〕3号，惠公发〔2022〕4号]\n", "yaml-pitfall")
    assert [(f.line, f.column) for f in found] == [(7, 27)]
    assert "全角逗号" in found[0].message


@pytest.mark.parametrize(("text", "line"), [
    # the prose around it has full-width commas too: only the one inside brackets is a pitfall
    ("progress: 开展专项行动，召开会议\nevidence: [甲，乙]\n", 2),
    ("items:\n  - evidence: [甲，乙]\n    progress: 一，二\n", 2),
    ("evidence:   [惠公发〔2022〕3号，惠公发〔2022〕4号]   \n", 1),
    ("a: 1\r\nevidence: [甲，乙]\r\n", 2),
])
def test_the_flow_comma_pitfall_is_found_among_prose_commas(text, line):
    assert [p.line for p in pitfalls(text)] == [line]


@pytest.mark.parametrize("text", [
    "progress: 开展专项行动，召开会议\nnext_steps: 继续，推进\n",  # prose commas, no brackets
    "evidence: [甲, 乙]\nprogress: 一，二\n",  # brackets without a full-width comma inside
    "progress: 见[附件]，另见\n",  # a bracket closes before the comma: not a flow list
])
def test_prose_commas_alone_are_no_pitfall(text):
    assert pitfalls(text) == []


def test_the_shipped_examples_have_no_pitfalls():
    for path in [*REPO.glob("examples/reports/*/*.yaml"), *REPO.glob("tests/fixtures/reports/pass/*.yaml")]:
        text = path.read_text(encoding="utf-8-sig")
        assert pitfalls(text) == [], path
        assert repair(text).text == text, path  # nothing to repair: not a character changes


# --- ipm fix -----------------------------------------------------------------------------------


@pytest.mark.parametrize(("before", "after"), [
    ("    status：推进中\n", "    status: 推进中\n"),
    ("    status ：推进中\n", "    status: 推进中\n"),
    ("    status：\u3000推进中\n", "    status: 推进中\n"),
    ("    status:推进中\n", "    status: 推进中\n"),
    ("  - measure：1\n", "  - measure: 1\n"),
    ("\u3000\u3000progress: 开展\n", "    progress: 开展\n"),
    ("    evidence: []\n      - 惠公发〔2022〕3号\n", "    evidence:\n      - 惠公发〔2022〕3号\n"),
    ("    evidence: []\n    - 惠公发〔2022〕3号\n", "    evidence:\n    - 惠公发〔2022〕3号\n"),
    ("    status：推进中\r\n    progress: 开展\r\n", "    status: 推进中\r\n    progress: 开展\r\n"),
])
def test_repair_fixes_the_mechanical_mistakes(before, after):
    assert repair(before).text == after


@pytest.mark.parametrize("text", [
    "    progress: 议题：知识产权；时间 10:30\n",
    "    progress: |\n      status：保持原文\n      \u3000\u3000段首空两格\n",
    "    progress: 今年开展了\n      \u3000\u3000专项行动\n",
    "    evidence: []\n    status: 推进中\n",  # an empty list that stays empty
    "    url: http://example.org/a\n",
    "    progress: 已签协议 #3号文\n",  # a pitfall is reported, never rewritten: only the clerk knows the intent
])
def test_repair_changes_nothing_else(text):
    assert repair(text).text == text


def run_fix(*args: str):
    result = CliRunner().invoke(cli, ["fix", *args], catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def test_fix_shows_a_diff_and_writes_only_with_write(tmp_path):
    path = tmp_path / "r.yaml"
    original = HEAD + "    status：推进中\n    progress: 开展\n"
    path.write_text(original, encoding="utf-8")
    code, out, err = run_fix(str(path))
    assert code == 1
    assert "-    status：推进中\n+    status: 推进中\n" in out and "--write" in err
    assert path.read_text(encoding="utf-8") == original  # nothing written without --write
    code, out, _err = run_fix(str(path), "--write")
    assert code == 0
    assert path.read_text(encoding="utf-8") == HEAD + "    status: 推进中\n    progress: 开展\n"
    code, out, _err = run_fix(str(path))
    assert (code, out) == (0, "")  # nothing left to fix
    assert [f for f in check_paths([str(path)], CATALOG).findings if f.rule_id == "invalid-report"] == []


@pytest.mark.parametrize("encoding", ["gb18030", "gbk", "utf-16"])
def test_fix_saves_other_encodings_as_utf8(tmp_path, encoding):
    path = tmp_path / "r.yaml"
    path.write_bytes((HEAD + "    status: 推进中\n    progress: 开展\n").encode(encoding))
    code, _out, err = run_fix(str(path), "--write")
    assert code == 0 and "UTF-8" in err
    assert path.read_bytes().decode("utf-8") == HEAD + "    status: 推进中\n    progress: 开展\n"


def test_fix_reports_what_it_cannot_repair(tmp_path):
    path = tmp_path / "r.yaml"
    path.write_text(HEAD + "    status: 推进中\n    evidence: [惠公发[2022]3号]\n", encoding="utf-8")
    code, out, err = run_fix(str(path))
    assert code == 1 and out == "" and "半角方括号" in err


def test_fix_help_documents_the_exit_codes_and_the_flag():
    result = CliRunner().invoke(cli, ["fix", "--help"], catch_exceptions=False)
    text = "".join(result.output.split())
    assert result.exit_code == 0 and "--write" in text and "退出码：0" in text
