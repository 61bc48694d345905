"""The query commands, checked against the source document by hand.

Expected duties are read off source/huizhou-ip-protection-measures-2021.txt: the bracket after each
measure and the 责任单位 column of the annex. Group duties follow data/units.yaml's stated memberships.
"""

from __future__ import annotations

import csv
import io
import json

import pytest
from click.testing import CliRunner

from ipmeasures.cli import cli


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def owner_json(name: str) -> dict:
    code, out, _err = run("owner", name, "--format", "json")
    assert code == 0, _err
    return json.loads(out)


def ids(duties: list[dict], *, via: bool) -> list[int]:
    return [d["id"] for d in duties if (d["via"] is not None) == via]


# unit: (named measures, named tasks, measures via a group, tasks via a group), by hand from the source.
OWNERS = {
    "市公安局": ([1, 2, 9, 14, 16, 18], [1, 2], [15, 19, 21, 22], []),
    "市法院": ([1, 2, 3, 9, 14, 16, 17], [2, 4, 5, 8], [], []),
    "市委宣传部": ([1, 2, 4, 5, 7, 8, 10, 16, 18, 21], [3, 4, 7, 8], [15, 19, 22], [2]),
    "惠州海关": ([1, 2, 14, 18], [], [], [2, 4, 7]),
    "市贸促会": ([], [6], [], []),
    "市市场监管局": ([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 16, 17, 18, 19, 21], [3, 4, 5, 6, 7, 8],
                     [15, 22], [2]),
    "市人大常委会办公室": ([5], [], [], []),
}


@pytest.mark.parametrize("unit", OWNERS)
def test_owner_duties_match_the_source(unit: str) -> None:
    data = owner_json(unit)
    named_m, named_t, via_m, via_t = OWNERS[unit]
    assert data["unit"] == unit
    assert ids(data["measures"], via=False) == named_m
    assert ids(data["tasks"], via=False) == named_t
    assert ids(data["measures"], via=True) == via_m
    assert ids(data["tasks"], via=True) == via_t


def test_market_regulation_coordinates_measure_19() -> None:
    data = owner_json("市市场监管局")
    m19 = next(m for m in data["measures"] if m["id"] == 19)
    assert m19["role"] == "coordinator" and m19["via"] is None
    assert m19["shared_with"] == ["市直有关部门", "各级党委、政府"]


def test_roles_sole_and_joint() -> None:
    data = owner_json("市市场监管局")
    roles = {m["id"]: m["role"] for m in data["measures"]}
    assert roles[11] == roles[12] == "sole"  # 〔市市场监管局(市知识产权局)负责〕
    assert roles[1] == "joint"  # …按职责分工负责
    police = owner_json("市公安局")
    assert police["tasks"][0] == {**police["tasks"][0], "id": 1, "role": "sole", "via": None}  # 市公安局 alone
    assert [m["via"] for m in police["measures"] if m["via"]] == ["市直有关部门"] * 4


@pytest.mark.parametrize(("name", "canonical"), [
    ("市公安局", "市公安局"),
    ("惠州市公安局", "市公安局"),
    ("惠州市中级人民法院", "市法院"),
    ("中级人民法院", "市法院"),
    ("惠州市人民检察院", "市检察院"),
    ("市版权局", "市委宣传部"),
    ("惠州市版权局", "市委宣传部"),
    ("市委网信办", "市委宣传部"),
    ("市知识产权局", "市市场监管局"),
    ("市市场监督管理局", "市市场监管局"),
    ("市市场监督管理局(知识产权局)", "市市场监管局"),
    ("市农村农业局", "市农业农村局"),
    ("公安", "市公安局"),
    ("贸促会", "市贸促会"),
    ("中共惠州市委组织部", "市委组织部"),
    ("市委宣传部（市版权局）", "市委宣传部"),
    ("Huizhou Customs", "惠州海关"),
])
def test_name_resolution(name: str, canonical: str) -> None:
    assert owner_json(name)["unit"] == canonical


def test_group_name_lists_members_and_group_duties() -> None:
    data = owner_json("市直有关部门")
    assert data["group"] == "市直有关部门"
    assert "市公安局" in data["members"] and "惠州海关" not in data["members"] and "市法院" not in data["members"]
    assert [m["id"] for m in data["measures"]] == [15, 19, 21, 22]


def test_unknown_unit_suggests_and_exits_2() -> None:
    code, out, err = run("owner", "市教育局")
    assert code == 2 and out == ""
    assert "市教育局" in err and "是否指" in err
    assert "Traceback" not in err


def test_misspelt_unit_suggests_the_right_one() -> None:
    code, _out, err = run("owner", "市公按局")
    assert code == 2 and "市公安局" in err


def test_ambiguous_fragment_lists_candidates_and_exits_2() -> None:
    code, _out, err = run("owner", "局")
    assert code == 2
    assert "市公安局" in err and "市财政局" in err


def test_owner_table_names_the_unit_in_full() -> None:
    code, out, _err = run("owner", "市版权局")
    assert code == 0
    for text in ("市委宣传部", "中共惠州市委宣传部", "Publicity Department", "市版权局", "严厉打击侵权假冒行为"):
        assert text in out
    assert "\x1b[" not in out  # not a terminal: no colour


def test_owner_csv_has_bom_and_one_row_per_duty() -> None:
    code, out, _err = run("owner", "市公安局", "--format", "csv")
    assert code == 0 and out.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(out.lstrip("\ufeff"))))
    assert len(rows) == 1 + 6 + 2 + 4  # header, 6 measures + 2 tasks named, 4 measures via group
    assert rows[1][2] == "严厉打击侵权假冒行为"


def test_owner_markdown_is_a_pipe_table() -> None:
    code, out, _err = run("owner", "市公安局", "--format", "markdown")
    assert code == 0
    assert out.startswith("# 市公安局")
    table_lines = [line for line in out.splitlines() if line.startswith("|")]
    assert len(table_lines) == 2 * 2 + 6 + 2 + 4  # two tables: header + rule each


@pytest.mark.parametrize("number", ["19", "十九", "(十九)", "（十九）"])
def test_measure_numbers_in_every_form(number: str) -> None:
    code, out, _err = run("measure", number, "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert data["id"] == 19 and data["label"] == "(十九)" and data["title"] == "加强组织领导"
    assert data["coordinator"] == "市市场监管局"
    assert data["groups"] == ["市直有关部门", "各级党委、政府"]
    assert data["units"] == []


def test_measure_json_shape() -> None:
    data = json.loads(run("measure", "1", "--format", "json")[1])
    assert set(data) >= {"id", "label", "title", "text", "section", "mode", "units", "groups", "coordinator"}
    assert data["units"] == ["市委宣传部", "市法院", "市检察院", "市公安局", "市农业农村局", "市文化广电旅游体育局",
                             "市市场监管局", "惠州海关"]
    assert data["mode"] == "joint" and data["section"] == 2 and data["coordinator"] is None
    assert data["text"].startswith("聚焦保护创新和优化营商环境")


def test_task_json_and_unknown_task() -> None:
    data = json.loads(run("task", "5", "--format", "json")[1])
    assert data["units"] == ["市法院", "市司法局", "市市场监管局"] and data["groups"] == ["各县区政府"]
    assert set(data) >= {"id", "title", "content", "units", "groups", "measures"}
    code, out, err = run("task", "9")
    assert code == 2 and out == "" and "9" in err
    code, _out, _err = run("measure", "23")
    assert code == 2


def test_measures_and_tasks_lists() -> None:
    measures = json.loads(run("measures", "--format", "json")[1])
    assert [m["id"] for m in measures] == list(range(1, 23))
    tasks = json.loads(run("tasks", "--format", "json")[1])
    assert [t["id"] for t in tasks] == list(range(1, 9))
    code, out, _err = run("measures")
    assert code == 0 and "七、强化基础保障措施" in out


def test_search_blockchain_finds_measure_7_with_its_owners() -> None:
    data = json.loads(run("search", "区块链", "--format", "json")[1])
    assert [(h["kind"], h["id"]) for h in data["hits"]] == [("measure", 7)]
    hit = data["hits"][0]
    assert "区块链" in hit["passage"]
    assert hit["units"] == ["市委宣传部", "市文化广电旅游体育局", "市市场监管局"]


def test_search_trade_secrets_in_measure_1_and_task_1() -> None:
    data = json.loads(run("search", "商业秘密", "--format", "json")[1])
    assert {(h["kind"], h["id"]) for h in data["hits"]} == {("measure", 1), ("task", 1)}


def test_search_markdown_emphasises_the_phrase() -> None:
    out = run("search", "区块链", "--format", "markdown")[1]
    assert "**区块链**" in out


def test_search_nothing_found_is_not_an_error() -> None:
    code, out, _err = run("search", "量子计算")
    assert code == 0 and "0" in out


def test_matrix_marks() -> None:
    data = json.loads(run("matrix", "--format", "json")[1])
    cells = {(c["unit"], c["kind"], c["id"]): c for c in data["cells"]}
    assert cells[("市公安局", "task", 1)]["role"] == "sole"
    assert cells[("市市场监管局", "measure", 19)]["role"] == "coordinator"
    assert cells[("市公安局", "measure", 15)]["via"] == "市直有关部门"
    assert ("市贸促会", "measure", 1) not in cells
    rows = list(csv.reader(io.StringIO(run("matrix", "--format", "csv")[1].lstrip("\ufeff"))))
    header = rows[0]
    police = next(r for r in rows if r[0] == "市公安局")
    assert police[header.index("1")] == "◐" and police[header.index("15")] == "○"
    assert police[header.index("T1")] == "●"
    amr = next(r for r in rows if r[0] == "市市场监管局")
    assert amr[header.index("19")] == "★" and amr[header.index("11")] == "●"
    assert len(rows) == 1 + 20


def test_units_counts_and_sort_by_load() -> None:
    data = json.loads(run("units", "--sort", "load", "--format", "json")[1])
    assert len(data) == 20
    assert data[0]["unit"] == "市市场监管局"  # named on 19 measures (with 19 as coordinator) and 6 tasks
    police = next(u for u in data if u["unit"] == "市公安局")
    assert (police["measures"], police["tasks"], police["measures_via_groups"]) == (6, 2, 4)


@pytest.mark.parametrize("command", ["owner", "units", "measures", "measure", "tasks", "task", "search", "matrix",
                                     "validate"])
def test_every_command_has_help_with_an_example(command: str) -> None:
    code, out, _err = run(command, "--help")
    assert code == 0 and "例" in out


def test_unknown_format_is_a_usage_error() -> None:
    code, _out, _err = run("owner", "市公安局", "--format", "pdf")
    assert code == 2


def test_full_width_digits_as_an_ime_types_them() -> None:
    assert json.loads(run("measure", "１９", "--format", "json")[1])["id"] == 19


def test_empty_search_is_a_usage_error() -> None:
    code, out, err = run("search", " ")
    assert code == 2 and out == "" and "ipm search" in err


def test_csv_of_a_single_measure_names_it() -> None:
    rows = list(csv.reader(io.StringIO(run("measure", "19", "--format", "csv")[1].lstrip("\ufeff"))))
    assert rows[1][1].endswith("加强组织领导")


def test_task_accepts_the_matrix_label() -> None:
    assert json.loads(run("task", "T1", "--format", "json")[1])["id"] == 1
    assert run("task", "T9")[0] == 2


def test_colour_only_on_a_terminal_and_never_with_no_color(monkeypatch: pytest.MonkeyPatch) -> None:
    from ipmeasures.commands import _common

    monkeypatch.setattr(_common, "stdout_is_terminal", lambda: True)
    monkeypatch.delenv("NO_COLOR", raising=False)
    assert "\x1b[" in run("owner", "市公安局")[1]  # a terminal: coloured
    monkeypatch.setenv("NO_COLOR", "1")
    assert "\x1b[" not in run("owner", "市公安局")[1]
    monkeypatch.delenv("NO_COLOR")
    assert "\x1b[" not in run("owner", "市公安局", "--format", "markdown")[1]  # only the table is coloured


def test_a_group_does_not_share_a_duty_with_itself() -> None:
    data = owner_json("各级党委、政府")
    assert [m["id"] for m in data["measures"]] == [19, 20, 21]
    assert all("各级党委、政府" not in m["shared_with"] for m in data["measures"])
    assert data["members"] == []


def test_a_unit_holding_a_duty_through_a_group_does_not_share_it_with_that_group() -> None:
    # 市公安局 holds measures 15, 19, 21, 22 as a member of 市直有关部门 (data/units.yaml); measure 19's bracket
    # names 市直有关部门 and 各级党委、政府 beside the coordinator 市市场监管局 (a lead named only in the body).
    data = owner_json("市公安局")
    m19 = next(m for m in data["measures"] if m["id"] == 19)
    assert m19["via"] == "市直有关部门"
    assert m19["shared_with"] == ["各级党委、政府"]
    assert all("市直有关部门" not in m["shared_with"] for m in data["measures"] if m["via"] == "市直有关部门")
    code, out, _err = run("owner", "市公安局", "--format", "csv")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out.lstrip("\ufeff"))))
    via_rows = [r for r in rows if "市直有关部门的其他成员" in "".join(r.values())]
    assert len(via_rows) == 4  # measures 15, 19, 21, 22, each shared with the group's other members


# What a plain query needs is the catalog, the query and its format: help formatting, shell completion, the
# file-destination rules, report parsing and the terminal table are imported only by the runs that use them
# (each costs every query start-up time; the benchmark's start-up target is a few milliseconds wide).
NOT_FOR_A_JSON_QUERY = ("pydantic", "yaml", "rich", "zipfile", "multiprocessing", "ipmeasures.helpformat",
                        "ipmeasures.wrapping", "ipmeasures.completion", "ipmeasures.destination",
                        "ipmeasures.report.model", "ipmeasures.check.engine", "ipmeasures.policy.hanzi")


def test_a_json_query_to_stdout_imports_only_what_it_uses():
    import os
    import subprocess
    import sys

    from tests.paths import REPO

    code = ("import sys\nfrom ipmeasures.cli import cli\n"
            "try:\n    cli.main(['owner', '市公安局', '--format', 'json'], prog_name='ipm')\n"
            "except SystemExit as exc:\n    assert not exc.code, exc.code\n"
            "sys.stderr.write(' '.join(sorted(sys.modules)))\n")
    env = dict(os.environ, PYTHONPATH=str(REPO / "src"))
    subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, check=True, timeout=120)  # the cache
    result = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True,
                            timeout=120)
    assert json.loads(result.stdout)["unit"]
    loaded = set(result.stderr.split())
    assert "ipmeasures.policy.catalog" in loaded  # the probe sees what was imported
    assert sorted(m for m in NOT_FOR_A_JSON_QUERY if m in loaded) == []
