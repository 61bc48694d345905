"""Help and tables at 80 columns (issue #17, point 4): wrapped by display width at name and punctuation
boundaries, with 禁则, tokens kept whole, columns sized by their content."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from tests.clirun import run_english

from ipmeasures.cli import COMMANDS, cli
from ipmeasures.wrapping import NO_END, NO_START, allocate, min_width, width, wrap

CLOSING = "、，。；：）)"  # the list: no line may start with one of these

@pytest.fixture(autouse=True)
def _chinese_afterwards():
    """--lang en sets the process's language: later tests expect the default, Chinese."""
    yield
    from ipmeasures.i18n import set_language

    set_language("zh")



@pytest.mark.parametrize(("text", "expected"), [("abc", 3), ("市公安局", 8), ("市公安局 ipm", 12), ("“无”", 4),
                                                ("（一）", 6)])
def test_width_counts_wide_characters_twice(text, expected):
    assert width(text) == expected


@pytest.mark.parametrize("token", ["dashboard.html", "junit=ipm.xml", '"$(ipm completion bash)"',
                                   "sarif=ipm.sarif", "--output", "reports/2022-H1/"])
@pytest.mark.parametrize("limit", [26, 34, 50])  # each at least as wide as the widest token
def test_tokens_are_never_broken(token, limit):
    text = f"由报告生成离线看板，写入文件。例：eval 或 ipm check {token} 与其他选项一起使用，可重复。"
    lines = wrap(text, limit)
    assert any(token in line for line in lines), lines
    assert all(width(line) <= limit for line in lines)


@pytest.mark.parametrize("limit", range(8, 41, 3))
def test_no_line_starts_with_a_closing_mark_or_ends_with_an_opening_one(limit):
    text = ("市委宣传部、市法院、市检察院、市农业农村局、市文化广电旅游体育局、市市场监管局、惠州海关。"
            "措施（十九）“加强组织领导”：市直有关部门，各级党委、政府按职责分工负责；")
    for line in wrap(text, limit):
        assert line[0] not in NO_START, (limit, line)
        assert line[-1] not in NO_END, (limit, line)
        assert width(line) <= limit
    assert "".join(wrap(text, limit)) == text  # nothing lost, nothing added


def test_names_in_a_list_stay_whole_when_they_fit():
    lines = wrap("市委宣传部、市法院、市检察院、市农业农村局、市文化广电旅游体育局、市市场监管局、惠州海关", 24)
    assert lines == ["市委宣传部、市法院、", "市检察院、市农业农村局、", "市文化广电旅游体育局、", "市市场监管局、惠州海关"]


def test_english_words_are_not_broken():
    assert wrap("The status is blocked, so a blocker is needed", 12) == [
        "The status", "is blocked,", "so a blocker", "is needed"]
    assert min_width("blocked") == 7 and min_width("Section") == 7


def test_columns_are_sized_by_content():
    # A short column gets all it needs; the long list of names takes the rest; nothing goes below its minimum.
    cells = [["类别", "措施"], ["职责方式", "按职责分工负责"], ["共同责任单位", "、".join(["市委宣传部"] * 20)]]
    widths = allocate(cells, 60)
    assert widths[0] == 4 and widths[1] == 14 and widths[2] == 60 - 18
    assert allocate([["Section", "2"], ["x" * 30]], 20) is None  # minimums do not fit: the caller stacks the rows


def outputs():
    """Every command's help, and every table a command prints, in both languages."""
    runs = [["--help"]] + [[name, "--help"] for name in COMMANDS]
    runs += [["owner", "市公安局"], ["owner", "市直有关部门"], ["units"], ["measures"], ["measure", "19"],
             ["tasks"], ["task", "2"], ["search", "知识产权"], ["matrix"], ["rules"], ["rules", "missing-evidence"],
             ["check", "examples/reports"]]
    return [(lang, args) for lang in ("zh", "en") for args in runs]


@pytest.mark.parametrize(("lang", "args"), outputs())
def test_at_80_columns_no_line_is_wider_and_none_starts_with_a_closing_mark(lang, args, monkeypatch):
    from pathlib import Path

    monkeypatch.setenv("COLUMNS", "80")
    monkeypatch.chdir(Path(__file__).resolve().parent.parent)
    if lang == "en":  # a fresh process: English help must not stay in this one (commands translate on import)
        code, stdout, stderr = run_english(*args, env={"COLUMNS": "80"})
        assert code == 0, stderr
    else:
        result = CliRunner().invoke(cli, ["--lang", lang, *args], catch_exceptions=False, terminal_width=80)
        assert result.exit_code == 0, result.output
        stdout = result.stdout
    lines = stdout.splitlines()
    assert lines
    for line in lines:
        assert width(line) <= 80, line
        assert not line.strip() or line.strip()[0] not in CLOSING, line
