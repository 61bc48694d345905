"""Shell completion through click's completion API (click docs: shell-completion; click's tests do the same).

Expected candidates are read off the source document and data/units.yaml by hand: 22 measures, 8 tasks,
20 units and 4 groups in registry order.
"""

from __future__ import annotations

import importlib.util

import click
import pytest
from click.shell_completion import CompletionItem, ShellComplete
from click.testing import CliRunner

from ipmeasures.cli import cli
from ipmeasures.completion import (
    complete_measure,
    complete_rule_id,
    complete_task,
    complete_unit,
    complete_unit_or_group,
)

UNITS = ["市委组织部", "市委宣传部", "市人大常委会办公室", "市政协办公室", "市法院", "市检察院", "市公安局",
         "市发展改革局", "市工业和信息化局", "市民政局", "市司法局", "市财政局", "市人力资源社会保障局",
         "市农业农村局", "市商务局", "市文化广电旅游体育局", "市市场监管局", "惠州海关", "惠州仲裁委",
         "市贸促会"]
GROUPS = ["市直有关部门", "各有关行政执法部门", "各级党委、政府", "各县区政府"]


def completions(args: list[str], incomplete: str) -> list[CompletionItem]:
    comp = ShellComplete(cli, {}, "ipm", "_IPM_COMPLETE")
    return comp.get_completions(args, incomplete)


def values(args: list[str], incomplete: str) -> list[str]:
    return [item.value for item in completions(args, incomplete)]


# --- commands and options ----------------------------------------------------------------------------

def test_command_names() -> None:
    assert values([], "ow") == ["owner"]
    assert sorted(values([], "me")) == ["measure", "measures"]
    assert values([], "compl") == ["completion"]


def test_option_names() -> None:
    assert "--format" in values(["owner"], "--")
    assert values(["owner", "市公安局", "--format"], "") == ["table", "json", "csv", "markdown", "xlsx"]


# --- unit names ----------------------------------------------------------------------------------------

def test_owner_chinese_prefix() -> None:
    items = completions(["owner"], "市公")
    assert [i.value for i in items] == ["市公安局"]
    assert items[0].help == "惠州市公安局"


def test_owner_fragment_or_other_name_offers_the_short_name() -> None:
    assert values(["owner"], "公安") == ["市公安局"]
    assert values(["owner"], "市版") == ["市委宣传部"]        # 市版权局, a sign of 市委宣传部
    assert values(["owner"], "惠州市公") == ["市公安局"]


def test_owner_offers_every_unit_then_the_groups() -> None:
    assert values(["owner"], "") == UNITS + GROUPS
    assert values(["owner"], "市直") == ["市直有关部门"]


def test_owner_pinyin() -> None:
    items = completions(["owner"], "gon")
    assert [(i.value, i.help) for i in items] == [
        ("gonganju", "市公安局"),
        ("gongyehexinxihuaju", "市工业和信息化局"),
        ("gongxinju", "市工业和信息化局"),
    ]
    assert [(i.value, i.help) for i in completions(["owner"], "gaj")] == [("gaj", "市公安局")]
    assert values(["owner"], "GA") == ["gaj"]
    assert values(["owner"], "shichangjian") == ["shichangjianguanju", "shichangjianduguanliju"]
    assert ("szygbm", "市直有关部门") in [(i.value, i.help) for i in completions(["owner"], "szyg")]


def test_unit_only_completion_leaves_groups_out() -> None:
    ctx = click.Context(cli)
    assert [i.value for i in complete_unit(ctx, None, "市")] == [u for u in UNITS if u.startswith("市")]
    assert complete_unit(ctx, None, "市直") == []
    assert complete_unit(ctx, None, "szyg") == []  # szygbm: 市直有关部门
    assert [i.value for i in complete_unit_or_group(ctx, None, "市直")] == ["市直有关部门"]


def test_global_data_option_is_used(tmp_path) -> None:
    missing = str(tmp_path / "no-such-dir")
    assert values(["--data", missing, "owner"], "市") == []       # never raises
    assert values(["--data", missing, "measure"], "1") == []
    assert values(["--data", missing, "task"], "") == []


# --- numbers -------------------------------------------------------------------------------------------

def test_measure_numbers() -> None:
    assert values(["measure"], "1") == ["1", "10", "11", "12", "13", "14", "15", "16", "17", "18", "19"]
    assert values(["measure"], "2") == ["2", "20", "21", "22"]
    assert values(["measure"], "") == [str(n) for n in range(1, 23)]
    items = completions(["measure"], "19")
    assert [(i.value, i.help) for i in items] == [("19", "加强组织领导")]


def test_measure_chinese_numerals() -> None:
    assert values(["measure"], "十") == ["十", *(f"十{d}" for d in "一二三四五六七八九")]
    assert values(["measure"], "二") == ["二", "二十", "二十一", "二十二"]
    assert [(i.value, i.help) for i in completions(["measure"], "十九")] == [("十九", "加强组织领导")]


def test_task_numbers() -> None:
    assert values(["task"], "") == [str(n) for n in range(1, 9)]
    task_1 = "打击侵权知识产权犯罪三年专项行动"
    assert [(i.value, i.help) for i in completions(["task"], "1")] == [("1", task_1)]
    assert values(["task"], "9") == []


def test_callbacks_never_raise() -> None:
    for func in (complete_unit, complete_unit_or_group, complete_measure, complete_task, complete_rule_id):
        assert func(None, None, "x") == []  # no context at all: an error inside, swallowed


# --- rule ids --------------------------------------------------------------------------------------------

needs_rules = pytest.mark.skipif(importlib.util.find_spec("ipmeasures.rules") is None,
                                 reason="the rule registry is not there yet")


@needs_rules
def test_rule_ids() -> None:
    ctx = click.Context(cli)
    found = [i.value for i in complete_rule_id(ctx, None, "missing-")]
    assert {"missing-duty", "missing-evidence", "missing-report"} <= set(found)
    assert all(v.startswith("missing-") for v in found)
    assert [i.value for i in complete_rule_id(ctx, None, "overd")] == ["overdue"]
    assert [i.value for i in complete_rule_id(ctx, None, "OVERD")] == ["overdue"]
    after_comma = [i.value for i in complete_rule_id(ctx, None, "overdue,missing-du")]
    assert after_comma == ["overdue,missing-duty"]
    assert complete_rule_id(ctx, None, "overdue,overd") == []  # already in the list
    assert complete_rule_id(ctx, None, "overdue")[0].help  # the rule's one-line summary


# --- the shell protocol and `ipm completion` -------------------------------------------------------------

def test_shell_protocol_end_to_end() -> None:
    env = {"_IPM_COMPLETE": "zsh_complete", "COMP_WORDS": "ipm owner gaj", "COMP_CWORD": "2"}
    result = CliRunner().invoke(cli, [], env=env, prog_name="ipm", catch_exceptions=False)
    assert result.exit_code == 0
    assert result.stdout.splitlines() == ["plain", "gaj", "市公安局"]


@pytest.mark.parametrize(("shell", "marks"), [
    ("bash", ["_IPM_COMPLETE=bash_complete", "complete -o nosort -F _ipm_completion ipm"]),
    ("zsh", ["#compdef ipm", "_IPM_COMPLETE=zsh_complete", "compdef _ipm_completion ipm"]),
    ("fish", ["_IPM_COMPLETE=fish_complete", "complete --no-files --command ipm"]),
])
def test_completion_command_prints_clicks_script(shell: str, marks: list[str]) -> None:
    result = CliRunner().invoke(cli, ["completion", shell], catch_exceptions=False)
    assert result.exit_code == 0
    for mark in marks:
        assert mark in result.stdout
    source = CliRunner().invoke(cli, [], env={"_IPM_COMPLETE": f"{shell}_source"}, prog_name="ipm")
    # click versions differ in the trailing newline of the script they print; the script itself is the same.
    assert result.stdout.rstrip("\n") == source.stdout.rstrip("\n")
    assert result.stdout.endswith("\n") and not result.stdout.endswith("\n\n")


def test_completion_command_usage() -> None:
    result = CliRunner().invoke(cli, ["completion", "tcsh"], catch_exceptions=False)
    assert result.exit_code == 2
    help_result = CliRunner().invoke(cli, ["completion", "--help"], catch_exceptions=False)
    assert help_result.exit_code == 0
    assert "例" in help_result.stdout and "~/.bashrc" in help_result.stdout
    assert values(["completion"], "") == ["bash", "zsh", "fish"]
