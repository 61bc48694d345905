"""The example policies in examples/policies/ say what their documents say.

Every expectation here is read by hand from the document's text (each data set's source.txt, quoted in the
comments): the hierarchy as printed, each duty's units and how they share it, each deadline. The data is
the thing under test; none of these values is read back from it. A test also ties each quoted bracket to the
source text, so a quotation that drifts from the document fails.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from ipmeasures.cli import cli
from ipmeasures.policy.catalog import Catalog
from ipmeasures.policy.loader import compile_data

POLICIES = Path(__file__).resolve().parent.parent / "examples" / "policies"
CHONGQING = POLICIES / "chongqing-2017-132"
YAAN = POLICIES / "yaan-2015-shuangda"
XIAMEN = POLICIES / "xiamen-2019-yshj"
MINE = [CHONGQING, YAAN, XIAMEN]


def catalog_of(policy: Path) -> Catalog:
    return Catalog(compile_data(policy / "data"))


def source_of(policy: Path) -> str:
    return (policy / "source.txt").read_text(encoding="utf-8")


def duty(catalog: Catalog, ref: str) -> dict:
    found = [item for item in catalog.items if item["ref"] == ref]
    assert len(found) == 1, ref
    return found[0]


def assigned(catalog: Catalog, ref: str) -> list[tuple[str, str]]:
    return [(a["name"], a["role"]) for a in duty(catalog, ref)["assignees"]]


def roles_of(catalog: Catalog, unit: str) -> dict[str, str]:
    return {d.ref: d.role for d in catalog.duties(unit)}


@pytest.mark.parametrize("policy", MINE, ids=lambda p: p.name)
def test_source_names_its_url_and_how_complete_it_is(policy: Path) -> None:
    first = source_of(policy).split("\n", 1)[0]
    assert re.match(r"^# SOURCE: https?://\S+.* \| COMPLETENESS: PARTIAL", first), first


@pytest.mark.parametrize("policy", MINE, ids=lambda p: p.name)
def test_validate_accepts_the_data(policy: Path) -> None:
    result = CliRunner().invoke(cli, ["--data", str(policy / "data"), "validate"], catch_exceptions=False)
    assert result.exit_code == 0, result.output


# --- 重庆 渝府办发〔2017〕132号: three levels, fourteen units 按职责分工负责 ------------------------------------

CQ_UNITS = ["市农委", "市商务委", "市公安局", "市文化委", "市卫生计生委", "市工商局", "市质监局", "市食品药品监管局",
            "市林业局", "市文化执法总队", "市知识产权局", "重庆海关", "市邮政管理局", "重庆检验检疫局"]


def test_chongqing_source_brackets() -> None:
    bracket = "(" + "、".join(CQ_UNITS) + "按职责分工负责)"
    # Items 1 and 2 each end in this bracket; item 3 is cut off before its own.
    assert source_of(CHONGQING).count(bracket) == 2


def test_chongqing_hierarchy_is_three_levels_as_printed() -> None:
    catalog = catalog_of(CHONGQING)
    # 一、推进跨部门跨区域综合治理 / (一)强化重点领域集中整治。/ 1. 2. / (二)加强部门间执法协作。
    assert [(n["level"], n["label"]) for n in catalog.nodes] == [
        (1, "一、"), (2, "(一)"), (3, "1."), (3, "2."), (2, "(二)")]
    by_label = {n["label"]: n for n in catalog.nodes}
    assert by_label["1."]["parent"] == by_label["2."]["parent"] == by_label["(一)"]["n"]
    assert by_label["(二)"]["parent"] == by_label["一、"]["n"]
    assert by_label["2."]["path"] == ["一、", "(一)", "2."]
    assert [item["ref"] for item in catalog.items] == ["1", "2"]


@pytest.mark.parametrize("ref", ["1", "2"])
def test_chongqing_items_name_fourteen_units_sharing_the_work(ref: str) -> None:
    catalog = catalog_of(CHONGQING)
    assert assigned(catalog, ref) == [(unit, "responsible") for unit in CQ_UNITS]
    assert duty(catalog, ref)["division"] == "joint"


@pytest.mark.parametrize("unit", CQ_UNITS)
def test_chongqing_every_unit_shares_both_items(unit: str) -> None:
    assert roles_of(catalog_of(CHONGQING), unit) == {"1": "joint", "2": "joint"}


@pytest.mark.parametrize("query, unit", [
    ("重慶海關", "重庆海关"),                    # the traditional mirror's spelling
    ("重慶檢驗檢疫局", "重庆检验检疫局"),
    ("重庆市知识产权局", "市知识产权局"),        # with the jurisdiction's name
    ("重庆市文化市场行政执法总队", "市文化执法总队"),  # the full name
])
def test_chongqing_names_resolve(query: str, unit: str) -> None:
    assert catalog_of(CHONGQING).resolve_unit(query) == unit


def test_chongqing_items_have_no_deadline() -> None:
    # The brackets name units only; the text of items 1 and 2 gives no date.
    catalog = catalog_of(CHONGQING)
    assert all(not d.milestones for d in catalog.duties("市知识产权局"))


# --- 雅安 2015 工作安排: 负责, 牵头负责 + 分别负责, 分别牵头负责 ----------------------------------------------

YAAN_BRACKETS = {
    "1": "(市工商局负责)",
    "2": "(市工商局、市农业局、市质监局、市食品药品监管局按职责分工分别负责)",
    "3": "(市工商局负责)",
    "4": "(市文体广新局负责)",
    "5": "(市质监局负责)",
    "6": "(市文体广新局牵头负责,市公安局、市委网信办按职责分工分别负责)",
    "7": "(市文体广新局、市质监局按职责分工分别牵头负责)",
}


@pytest.mark.parametrize("ref, bracket", sorted(YAAN_BRACKETS.items()))
def test_yaan_source_brackets(ref: str, bracket: str) -> None:
    line = next(line for line in source_of(YAAN).splitlines() if line.startswith(ref + "."))
    assert line.endswith(bracket)


def test_yaan_hierarchy_is_three_levels_as_printed() -> None:
    catalog = catalog_of(YAAN)
    # 一、开展重大专项整治 / (一)开展打击互联网领域侵权假冒专项行动。/ 1. … 7. (8. is cut off in the source)
    assert [(n["level"], n["label"]) for n in catalog.nodes] == (
        [(1, "一、"), (2, "(一)")] + [(3, f"{i}.") for i in range(1, 8)])
    parent = catalog.nodes[1]["n"]
    assert all(n["parent"] == parent for n in catalog.nodes[2:])
    assert [item["ref"] for item in catalog.items] == [str(i) for i in range(1, 8)]


@pytest.mark.parametrize("ref, expected, division", [
    ("1", [("市工商局", "responsible")], "sole"),
    ("2", [("市工商局", "responsible"), ("市农业局", "responsible"), ("市质监局", "responsible"),
           ("市食品药品监管局", "responsible")], "separately"),
    ("3", [("市工商局", "responsible")], "sole"),
    ("4", [("市文体广新局", "responsible")], "sole"),
    ("5", [("市质监局", "responsible")], "sole"),
    ("6", [("市文体广新局", "lead"), ("市公安局", "responsible"), ("市委网信办", "responsible")], "separately"),
    ("7", [("市文体广新局", "lead"), ("市质监局", "lead")], "separately"),
])
def test_yaan_each_duty_names_its_units_and_roles(ref: str, expected: list, division: str) -> None:
    catalog = catalog_of(YAAN)
    assert assigned(catalog, ref) == expected
    assert duty(catalog, ref)["division"] == division


@pytest.mark.parametrize("unit, roles", [
    ("市工商局", {"1": "sole", "2": "separately", "3": "sole"}),
    ("市文体广新局", {"4": "sole", "6": "lead", "7": "lead"}),
    ("市质监局", {"2": "separately", "5": "sole", "7": "lead"}),
    ("市公安局", {"6": "separately"}),
    ("市委网信办", {"6": "separately"}),
    ("市农业局", {"2": "separately"}),
])
def test_yaan_roles_per_unit(unit: str, roles: dict) -> None:
    assert roles_of(catalog_of(YAAN), unit) == roles


# --- 厦门 厦府办〔2019〕10号: 责任单位 and 时限要求 lines, the first unit leads, 持续推进 ------------------------

def test_xiamen_source_lines() -> None:
    source = source_of(XIAMEN)
    assert "责任单位:市发改委、市财政局(第一责任单位为牵头单位,下同)\n\n时限要求:持续推进" in source
    assert "责任单位:市建设局\n\n时限要求:持续推进" in source


def test_xiamen_hierarchy_is_two_levels() -> None:
    catalog = catalog_of(XIAMEN)
    assert [(n["level"], n["label"]) for n in catalog.nodes] == [(1, "一、"), (2, "(一)"), (2, "(二)")]
    assert [item["ref"] for item in catalog.items] == ["(一)", "(二)"]


def test_xiamen_the_first_unit_named_leads() -> None:
    catalog = catalog_of(XIAMEN)
    assert assigned(catalog, "(一)") == [("市发改委", "lead"), ("市财政局", "responsible")]
    assert assigned(catalog, "(二)") == [("市建设局", "responsible")]  # one unit: responsible alone
    assert roles_of(catalog, "市财政局") == {"(一)": "sole"}
    assert roles_of(catalog, "市建设局") == {"(二)": "sole"}


@pytest.mark.parametrize("unit, ref", [("市发改委", "(一)"), ("市财政局", "(一)"), ("市建设局", "(二)")])
def test_xiamen_deadlines_are_ongoing(unit: str, ref: str) -> None:
    found = next(d for d in catalog_of(XIAMEN).duties(unit) if d.ref == ref)
    assert [(m.text, m.ongoing, m.end) for m in found.milestones] == [("持续推进", True, None)]
    assert found.deadline_end is None


# --- reports: a filled one passes `ipm check`, one with gaps fails with the findings its header names ----------

def check_json(policy: Path, which: str) -> tuple[int, dict]:
    result = CliRunner().invoke(cli, ["--data", str(policy / "data"), "check", "--format", "json",
                                      str(policy / "reports" / which)], catch_exceptions=False)
    return result.exit_code, json.loads(result.stdout)


@pytest.mark.parametrize("policy", MINE, ids=lambda p: p.name)
def test_filled_reports_pass(policy: Path) -> None:
    code, record = check_json(policy, "pass")
    assert code == 0, record["findings"]
    assert record["findings"] == []
    assert record["summary"]["files"] == len(list((policy / "reports" / "pass").glob("*.yaml")))


# What each report with gaps leaves out or gets wrong, as its header comment says: (rule, item reference).
GAPS = {
    # 市工商局 carries 1, 2 and 3 (负责, 分别负责, 负责); the report says 1 is blocked without a blocker, 2 is
    # completed without evidence, and leaves out 3.
    YAAN: {("missing-blocker", "1"), ("missing-evidence", "2"), ("missing-duty", "3")},
    # 市知识产权局 carries 1 and 2; the report marks 1 not applicable without a reason, leaves out 2, and names
    # an item 3 that the data does not have (the collected text stops inside it).
    CHONGQING: {("missing-reason", "1"), ("missing-duty", "2"), ("unknown-ref", "3")},
    # 市财政局 carries (一) only; the report is about (二) instead.
    XIAMEN: {("not-assigned", "(二)"), ("missing-duty", "(一)")},
}


@pytest.mark.parametrize("policy", MINE, ids=lambda p: p.name)
def test_reports_with_gaps_fail_with_the_expected_findings(policy: Path) -> None:
    code, record = check_json(policy, "gaps")
    assert code == 1
    assert {(f["rule"], f.get("item")) for f in record["findings"]} == GAPS[policy]


# --- every command works on every example policy (issue #14: done when …) --------------------------------------

ALL = sorted(p for p in POLICIES.iterdir() if (p / "data" / "measures.yaml").is_file())
# A lead unit of each document, read from its text.
LEADS = {"chongqing-2017-132": "市知识产权局", "yaan-2015-shuangda": "市文体广新局", "xiamen-2019-yshj": "市发改委",
         "xian-2022-fgf": "市行政审批局"}
HUIZHOU_WORDS = ("惠州", "惠市", "惠公", "惠府")


def run(policy: Path, *args: str):
    return CliRunner().invoke(cli, ["--data", str(policy / "data"), *args], catch_exceptions=False)


@pytest.mark.parametrize("policy", ALL, ids=lambda p: p.name)
def test_every_command_runs_without_huizhou(policy: Path, tmp_path: Path) -> None:
    lead = LEADS[policy.name]
    reports = policy / "reports" / "pass"
    outputs = []
    for args in (["--help"], ["validate"], ["owner", lead], ["template", lead, "--period", "2022-H1"], ["matrix"],
                 ["measures"], ["check", str(reports)], ["ledger", str(reports)],
                 ["dashboard", str(reports), "-o", str(tmp_path / "d.html")]):
        result = run(policy, *args)
        assert result.exit_code == 0, (args, result.output)
        outputs.append(result.output)
    outputs.append((tmp_path / "d.html").read_text(encoding="utf-8"))
    for text in outputs:
        assert not any(word in text for word in HUIZHOU_WORDS), text[:300]


def test_validate_summary_of_a_registry_without_groups_says_so():
    # The Ya'an notice names no group of units (its brackets list bureaus only): the summary says there are
    # none instead of ending in a dangling colon.
    data = Path(__file__).resolve().parents[1] / "examples" / "policies" / "yaan-2015-shuangda" / "data"
    result = CliRunner().invoke(cli, ["--data", str(data), "validate"], catch_exceptions=False)
    assert result.exit_code == 0
    last = result.output.rstrip("\n").splitlines()[-1]
    assert last.strip().endswith("，没有单位组") and not last.endswith("：")
