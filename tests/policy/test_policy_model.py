"""The general policy model: a tree of any depth, duties with roles, deadlines as written, open units.

Expectations come from the documents (examples/policies/*/source.txt and the Ya'an text quoted below),
read by hand: the hierarchy as printed, who leads and who is responsible, every deadline. Small data
sets written here for one property each (a province's prefix, national bodies) state their facts inline.
"""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner
from tests.paths import REPO

from ipmeasures.cli import cli
from ipmeasures.errors import DataError
from ipmeasures.policy.catalog import Catalog, load_catalog
from ipmeasures.policy.dues import parse_due
from ipmeasures.policy.loader import compile_data

XIAN = REPO / "examples" / "policies" / "xian-2022-fgf"
XIAN_DATA = XIAN / "data"

# Xi'an's 11 districts and 2 counties (西安市行政区划): the members of 各区县政府.
XIAN_COUNTIES = ["新城区政府", "碑林区政府", "莲湖区政府", "灞桥区政府", "未央区政府", "雁塔区政府", "阎良区政府",
                 "临潼区政府", "长安区政府", "高陵区政府", "鄠邑区政府", "蓝田县政府", "周至县政府"]


def write_data(root: Path, units: str, measures: str, annex: str | None = None) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    (root / "units.yaml").write_text(textwrap.dedent(units), encoding="utf-8")
    (root / "measures.yaml").write_text(textwrap.dedent(measures), encoding="utf-8")
    if annex is not None:
        (root / "responsibility_table.yaml").write_text(textwrap.dedent(annex), encoding="utf-8")
    return root


def catalog_of(path: Path) -> Catalog:
    return Catalog(compile_data(path))


# --- due dates as the documents write them ----------------------------------------------------------------

@pytest.mark.parametrize("due, precision, last", [
    ("2022", "year", dt.date(2022, 12, 31)),          # 2022年底前
    (2022, "year", dt.date(2022, 12, 31)),            # YAML reads a bare year as a number
    ("2022-06", "month", dt.date(2022, 6, 30)),       # 2022年6月底前
    ("2024-02", "month", dt.date(2024, 2, 29)),       # a leap year's February
    ("2023-Q1", "quarter", dt.date(2023, 3, 31)),     # 2023年第一季度
    ("2022-Q4", "quarter", dt.date(2022, 12, 31)),
    ("2022-06-15", "day", dt.date(2022, 6, 15)),
    (dt.date(2024, 11, 21), "day", dt.date(2024, 11, 21)),
])
def test_due_dates_keep_their_precision(due, precision, last) -> None:
    parsed = parse_due(due)
    assert parsed is not None and parsed[1:] == (precision, last)


@pytest.mark.parametrize("due", ["2022-13", "2022-Q5", "22-06", "2022年6月", "2022-02-30", True])
def test_malformed_due_dates_are_refused(due) -> None:
    assert parse_due(due) is None


# --- the Xi'an table document: four levels, two leads, milestones, a county group --------------------------

def test_xian_source_says_what_the_data_is_checked_against() -> None:
    source = (XIAN / "source.txt").read_text(encoding="utf-8")
    # The row of (1): 牵头单位 "市行政审批局市司法局", 责任单位 "市级相关单位,各区县政府、西咸新区管委会", 2022年9月底.
    assert "| 市行政审批局市司法局 | 市级相关单位,各区县政府、西咸新区管委会 | 2022年9月底 |" in source
    assert "8月底前编制完成市级行政许可事项清单" in source and "11月底前完成变相许可清查整治" in source


def test_xian_hierarchy_is_four_levels_with_labels_as_printed() -> None:
    catalog = catalog_of(XIAN_DATA)
    assert [(n["level"], n["label"]) for n in catalog.nodes] == [
        (1, "一、"), (2, "(一)"), (3, "1."), (4, "(1)"), (4, "(2)")]
    by_label = {n["label"]: n for n in catalog.nodes}
    assert by_label["(1)"]["parent"] == by_label["1."]["n"]
    assert by_label["1."]["parent"] == by_label["(一)"]["n"]
    assert by_label["(2)"]["path"] == ["一、", "(一)", "1.", "(2)"]
    # The provincial task 1. carries no duty of the city's: only the city's measures (1) and (2) do.
    assert [d["ref"] for d in catalog.items] == ["(1)", "(2)"]


def test_xian_duties_have_two_leads_and_responsible_units() -> None:
    catalog = catalog_of(XIAN_DATA)
    for ref in ("(1)", "(2)"):
        duty = next(d for d in catalog.items if d["ref"] == ref)
        assert [(a["name"], a["role"]) for a in duty["assignees"]] == [
            ("市行政审批局", "lead"), ("市司法局", "lead"), ("市级相关单位", "responsible"),
            ("各区县政府", "responsible"), ("西咸新区管委会", "responsible")]
    roles = {d.ref: d.role for d in catalog.duties("市司法局")}
    assert roles == {"(1)": "lead", "(2)": "lead"}


def test_xian_milestones_each_with_its_own_date() -> None:
    catalog = catalog_of(XIAN_DATA)
    first, second = (next(d for d in catalog.duties("市行政审批局") if d.ref == r) for r in ("(1)", "(2)"))
    # (1): 8月底前 the city's list, 9月底前 (完成时限 2022年9月底) the districts' lists.
    assert [(m.due, m.precision, m.end) for m in first.milestones] == [
        ("2022-08", "month", dt.date(2022, 8, 31)), ("2022-09", "month", dt.date(2022, 9, 30))]
    assert [m.text for m in first.milestones] == ["8月底前", "2022年9月底"]
    assert first.deadline_end == dt.date(2022, 9, 30)
    assert [(m.due, m.end) for m in second.milestones] == [("2022-11", dt.date(2022, 11, 30))]


def test_a_county_group_expands_to_members_that_each_carry_its_duties() -> None:
    catalog = catalog_of(XIAN_DATA)
    assert catalog.group_members("各区县政府") == XIAN_COUNTIES
    for county in XIAN_COUNTIES:
        assert catalog.resolve_unit(county) == county
        assert [(d.ref, d.role, d.via) for d in catalog.duties(county)] == [
            ("(1)", "joint", "各区县政府"), ("(2)", "joint", "各区县政府")]
    carriers = catalog.responsible_units("item", 1)
    assert carriers[:2] == [("市行政审批局", "lead", None), ("市司法局", "lead", None)]
    assert [unit for unit, _role, via in carriers if via == "各区县政府"] == XIAN_COUNTIES


def test_open_unit_kinds_display_as_written() -> None:
    result = CliRunner().invoke(cli, ["--data", str(XIAN_DATA), "owner", "西咸新区管委会"], catch_exceptions=False)
    assert result.exit_code == 0
    assert "类别：新区管委会" in result.stdout


@pytest.mark.parametrize("query, unit", [
    ("藍田縣政府", "蓝田县政府"),        # traditional
    ("西安市司法局", "市司法局"),        # with the jurisdiction's name
    ("西安市行政審批服務局", "市行政审批局"),  # the full name, traditional
])
def test_xian_names_resolve(query: str, unit: str) -> None:
    assert catalog_of(XIAN_DATA).resolve_unit(query) == unit


@pytest.mark.parametrize("query, unit", [
    ("惠州海關", "惠州海关"), ("市市場監管局", "市市场监管局"), ("惠州市公安局", "市公安局"),
    ("市農業農村局", "市农业农村局"), ("市檢察院", "市检察院"),
])
def test_traditional_queries_resolve_to_the_simplified_names(query: str, unit: str) -> None:
    assert load_catalog().resolve_unit(query) == unit


# 咸阳市's counties include 乾县 and 彬州市 (咸阳市行政区划). 乾 is also the traditional form of 干 (乾燥 -> 干燥), so
# the character table folds it: a name spelled with it must still be found from a traditional query.
XIANYANG_UNITS = """\
    jurisdiction: 咸阳市
    groups: [{name: 各县市区政府, members: [乾县政府, 彬州市政府, 秦都区政府]}]
    units:
      - {name: 乾县政府, full_name: 咸阳市乾县人民政府}
      - {name: 彬州市政府, full_name: 咸阳市彬州市人民政府}
      - {name: 秦都区政府, full_name: 咸阳市秦都区人民政府}
      - {name: 市政府办公室, full_name: 咸阳市人民政府办公室}
    """
XIANYANG_MEASURES = """\
    document: {title: 咸阳市2022年深化“放管服”改革优化营商环境工作要点}
    nodes:
      - {level: 1, label: 一、, title: "坚持系统集成,推动审批全链条优化"}
      - level: 2
        label: "1."
        text: 全面实施行政许可事项清单管理。
        duty:
          assignees: [{unit: 市政府办公室, role: lead}, {group: 各县市区政府}]
          deadlines: [{text: 2022年10月底前, due: 2022-10}]
    """


@pytest.mark.parametrize("query, unit", [
    ("乾縣政府", "乾县政府"), ("咸陽市乾縣人民政府", "乾县政府"), ("乾縣", "乾县政府"),
    ("秦都區政府", "秦都区政府"), ("咸陽市人民政府辦公室", "市政府办公室"),
])
def test_traditional_queries_find_names_with_characters_the_table_folds(tmp_path: Path, query: str,
                                                                         unit: str) -> None:
    catalog = catalog_of(write_data(tmp_path / "xy", XIANYANG_UNITS, XIANYANG_MEASURES))
    assert catalog.resolve_unit(query) == unit
    assert [d.ref for d in catalog.duties(unit)] == ["1"]  # the lead, and each county through the group


def test_the_stored_names_are_never_converted() -> None:
    catalog = load_catalog()
    assert "惠州海关" in catalog.unit_names() and "惠州海關" not in catalog.unit_names()


# --- Ya'an 2015: 牵头负责 and 分别负责 (the text quoted from the published notice) ----------------------------

YAAN_UNITS = """\
    jurisdiction: 雅安市
    units:
      - {name: 市工商局}
      - {name: 市农业局}
      - {name: 市质监局}
      - {name: 市食品药品监管局}
      - {name: 市文体广新局}
      - {name: 市公安局}
      - {name: 市委网信办}
    """
# 一、开展重大专项整治 / (一)开展打击互联网领域侵权假冒专项行动。/
# 2.…(市工商局、市农业局、市质监局、市食品药品监管局按职责分工分别负责)
# 6.…(市文体广新局牵头负责,市公安局、市委网信办按职责分工分别负责)
# 7.…(市文体广新局、市质监局按职责分工分别牵头负责)
YAAN_MEASURES = """\
    document:
      title: 2015年雅安市打击侵犯知识产权和制售假冒伪劣商品工作安排
      issuers: [雅安市人民政府办公室]
      issued: 2015-06-09
    nodes:
      - {level: 1, label: 一、, title: 开展重大专项整治}
      - {level: 2, label: (一), title: 开展打击互联网领域侵权假冒专项行动}
      - level: 3
        label: "2."
        text: 强化重点网站、网络交易平台监管和在线监测,查处网上销售假冒伪劣商品违法行为。
        duty:
          responsibility: 市工商局、市农业局、市质监局、市食品药品监管局按职责分工分别负责
          assignees: [{unit: 市工商局}, {unit: 市农业局}, {unit: 市质监局}, {unit: 市食品药品监管局}]
          division: separately
      - level: 3
        label: "6."
        text: 开展全市打击网络侵权盗版“剑网2015”专项治理行动
        duty:
          responsibility: 市文体广新局牵头负责,市公安局、市委网信办按职责分工分别负责
          assignees: [{unit: 市文体广新局, role: lead}, {unit: 市公安局}, {unit: 市委网信办}]
          division: separately
      - level: 3
        label: "7."
        text: 打击针对含有著作权的标准类作品的侵权盗版行为。
        duty:
          responsibility: 市文体广新局、市质监局按职责分工分别牵头负责
          assignees: [{unit: 市文体广新局, role: lead}, {unit: 市质监局, role: lead}]
          division: separately
    """


def test_lead_and_separately_responsible(tmp_path: Path) -> None:
    catalog = catalog_of(write_data(tmp_path / "yaan", YAAN_UNITS, YAAN_MEASURES))
    assert {d.ref: d.role for d in catalog.duties("市工商局")} == {"2": "separately"}
    assert {d.ref: d.role for d in catalog.duties("市文体广新局")} == {"6": "lead", "7": "lead"}
    assert {d.ref: d.role for d in catalog.duties("市公安局")} == {"6": "separately"}
    assert [n["title"] for n in catalog.nodes if n["label"] == "2."] == ["强化重点网站、网络交易平台监管和在线监测,查处网上销售假冒伪劣商品违法行为"]


def test_a_document_without_annex_number_or_english_names_loads(tmp_path: Path) -> None:
    path = write_data(tmp_path / "yaan", YAAN_UNITS, YAAN_MEASURES)
    assert not (path / "responsibility_table.yaml").exists()
    result = CliRunner().invoke(cli, ["validate", "--data", str(path)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert "条目 5 个，3 级；有责任分工的 3 个" in result.stdout
    result = CliRunner().invoke(cli, ["--data", str(path), "owner", "雅安市公安局", "--format", "json"],
                                catch_exceptions=False)
    record = json.loads(result.stdout)
    assert record["full_name"] is None and record["english"] is None and record["kind"] is None
    assert [(i["ref"], i["role"], i["shared_with"]) for i in record["items"]] == [
        ("6", "separately", ["市文体广新局", "市委网信办"])]


# --- jurisdictions: a province's prefix, national bodies ------------------------------------------------

def test_a_provinces_prefix_comes_from_the_data(tmp_path: Path) -> None:
    units = """\
        jurisdiction: 四川省
        units: [{name: 省工商局}, {name: 省知识产权局}]
        """
    measures = """\
        document: {title: 工作安排}
        nodes:
          - {level: 1, label: 一、, title: 专项整治, duty: {assignees: [{unit: 省工商局}]}}
        """
    catalog = catalog_of(write_data(tmp_path / "sc", units, measures))
    assert catalog.resolve_unit("四川省工商局") == "省工商局"
    assert catalog.resolve_unit("四川省知识产权局") == "省知识产权局"


def test_national_bodies_have_no_prefix(tmp_path: Path) -> None:
    units = """\
        units: [{name: 国家知识产权局}, {name: 中央军委装备发展部, kind: 中央军委机关}, {name: 市场监管总局}]
        """
    measures = """\
        document: {title: 推进计划}
        nodes:
          - level: 1
            label: "1."
            text: 完善知识产权保护体系。
            duty:
              assignees: [{unit: 国家知识产权局, role: lead}, {unit: 市场监管总局, role: support}]
              open_ended: true
              deadlines: [{text: 持续推进, ongoing: true}, {text: 2025年第一季度, due: 2025-Q1}]
        """
    catalog = catalog_of(write_data(tmp_path / "cn", units, measures))
    assert catalog.resolve_unit("國家知識產權局") == "国家知识产权局"
    (duty,) = catalog.duties("市场监管总局")
    assert duty.role == "support"
    assert [(m.ongoing, m.end) for m in duty.milestones] == [(True, None), (False, dt.date(2025, 3, 31))]
    assert catalog.items[0]["open_ended"] is True


# --- refused with file, line and field ---------------------------------------------------------------------

def _problems(path: Path) -> list[str]:
    with pytest.raises(DataError) as info:
        compile_data(path)
    return [p.render() for p in info.value.problems]


def test_a_level_that_skips_is_refused_with_its_line(tmp_path: Path) -> None:
    measures = """\
        document: {title: 方案}
        nodes:
          - {level: 1, label: 一、, title: 甲}
          - {level: 3, label: "1.", title: 乙}
        """
    problems = _problems(write_data(tmp_path / "d", "units: [{name: 市公安局}]\n", measures))
    assert len(problems) == 1 and "measures.yaml" in problems[0] and "level" in problems[0]


@pytest.mark.parametrize("deadline, words", [
    ("{text: 2022年6月底前}", "due"),                       # no due, not ongoing
    ("{text: 持续推进, ongoing: true, due: 2022}", "ongoing"),  # both
    ("{text: 6月底前, due: 2022-6}", "2022-06"),             # a month written without its 0
    ("{due: 2022-06}", "text"),                               # the words as written are missing
])
def test_a_malformed_deadline_is_refused(tmp_path: Path, deadline: str, words: str) -> None:
    measures = f"""\
        document: {{title: 方案}}
        nodes:
          - level: 1
            label: 一、
            title: 甲
            duty: {{assignees: [{{unit: 市公安局}}], deadlines: [{deadline}]}}
        """
    problems = _problems(write_data(tmp_path / "d", "units: [{name: 市公安局}]\n", measures))
    assert len(problems) == 1
    assert "measures.yaml:6" in problems[0] and "nodes.0.duty.deadlines.0" in problems[0] and words in problems[0]


def test_an_unknown_assignee_or_member_is_refused(tmp_path: Path) -> None:
    units = """\
        groups: [{name: 各区县政府, members: [甲县政府]}]
        units: [{name: 市公安局}]
        """
    measures = """\
        document: {title: 方案}
        nodes:
          - {level: 1, label: 一、, title: 甲, duty: {assignees: [{unit: 市工安局}]}}
        """
    problems = _problems(write_data(tmp_path / "d", units, measures))
    assert any("units.yaml:1" in p and "groups.0.members.0" in p for p in problems)
    assert any("measures.yaml:3" in p and "nodes.0.duty.assignees.0.unit" in p and "市公安局" in p for p in problems)


# --- the Huizhou data in the general model ------------------------------------------------------------------

def test_huizhou_compiles_to_the_same_tree() -> None:
    catalog = load_catalog()
    sections = [n for n in catalog.nodes if n["kind"] == "section"]
    assert [n["label"] for n in sections] == ["一、", "二、", "三、", "四、", "五、", "六、", "七、"]
    nineteen = next(n for n in catalog.nodes if n["kind"] == "measure" and n["id"] == 19)
    assert nineteen["ref"] == "(十九)" and nineteen["path"] == ["七、", "(十九)"]
    duty = catalog.duty_item("measure", 19)
    assert duty["assignees"][0]["name"] == "市市场监管局" and duty["assignees"][0]["role"] == "lead"
    assert "会同有关部门" in duty["assignees"][0]["basis"]
    assert [d.role for d in catalog.duties("市市场监管局") if d.kind == "measure" and d.id == 19] == ["coordinator"]
    assert catalog.duty_item("task", 1)["ref"] == "1"


# --- reports for any document: item references, template -> check, per-milestone overdue ------------------

XIAN_REPORTS = XIAN / "reports"
HUIZHOU_WORDS = ("惠州", "惠市", "惠公发", "市公安局", "十九", "惠阳", "1–22")


def ipm(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def test_the_xian_example_reports_pass_and_fail_as_their_comments_say() -> None:
    code, out, _err = ipm("--data", str(XIAN_DATA), "check", str(XIAN_REPORTS / "pass"), "--today", "2022-10-10",
                          "--format", "json")
    assert code == 0 and json.loads(out)["findings"] == []
    code, out, _err = ipm("--data", str(XIAN_DATA), "check", str(XIAN_REPORTS / "gaps"), "--today", "2022-10-10",
                          "--format", "json")
    found = sorted((Path(f["file"]).name, f["line"], f["rule"], f.get("item")) for f in json.loads(out)["findings"])
    assert code == 1
    assert found == [
        ("周至县政府.yaml", 6, "missing-group-duty", "(1)"), ("周至县政府.yaml", 6, "missing-group-duty", "(2)"),
        ("周至县政府.yaml", 7, "unknown-ref", "(3)"),
        ("市司法局.yaml", 6, "missing-duty", "(2)"), ("市司法局.yaml", 9, "overdue", "(1)")]


def test_overdue_checks_each_milestone(tmp_path: Path) -> None:
    # (1) is due 8月底前 (2022-08-31) for the city's list and 2022年9月底 for the districts'.
    report = tmp_path / "r.yaml"
    for period, expected in (("2022-08", []), ("2022年第三季度", ["8月底前"]), ("2022年10月", ["8月底前", "2022年9月底"])):
        report.write_text(f"unit: 市行政审批局\nperiod: {period}\nitems:\n  - item: (1)\n    status: in_progress\n"
                          "    progress: 编制中\n  - item: (2)\n    status: in_progress\n    progress: 清查中\n",
                          encoding="utf-8")
        _code, out, _err = ipm("--data", str(XIAN_DATA), "check", str(report), "--today", "2022-12-31",
                               "--format", "json")
        overdue = [f["message"] for f in json.loads(out)["findings"] if f["rule"] == "overdue"]
        assert [next(t for t in ("8月底前", "2022年9月底") if f"“{t}”" in m) for m in overdue] == expected, overdue


@pytest.mark.parametrize("ref", ["(1)", "（1）", "一、(一)1.(1)", "一(一)1(1)", "一、（一）1．（1）"])
def test_an_item_is_named_by_its_own_number_or_its_label_path(tmp_path: Path, ref: str) -> None:
    assert catalog_of(XIAN_DATA).resolve_ref(ref) == ("item", 1)


def test_a_path_is_needed_where_numbering_restarts(tmp_path: Path) -> None:
    catalog = catalog_of(write_data(tmp_path / "d", "units: [{name: 市公安局}]\n", RESTARTING))
    assert [d["ref"] for d in catalog.items] == ["一1", "二1"]
    assert catalog.resolve_ref("二、1.") == ("item", 2)
    assert catalog.resolve_ref("1") is None  # two items are numbered 1.
    assert catalog.refs_sharing("1") == catalog.refs_sharing("1.") == ["一1", "二1"]
    assert catalog.refs_sharing("二1") == [] and catalog.refs_sharing("3") == []


RESTARTING = """\
    document: {title: 方案}
    nodes:
      - {level: 1, label: 一、, title: 甲}
      - {level: 2, label: "1.", text: 第一项。, duty: {assignees: [{unit: 市公安局}]}}
      - {level: 1, label: 二、, title: 乙}
      - {level: 2, label: "1.", text: 第二项。, duty: {assignees: [{unit: 市公安局}]}}
    """


def test_a_number_two_items_share_is_named_as_such(tmp_path: Path) -> None:
    data = write_data(tmp_path / "d", "units: [{name: 市公安局}]\n", RESTARTING)
    code, _out, err = ipm("--data", str(data), "measure", "1")
    assert code == 2 and "“1”可指多个事项：一1、二1" in err
    report = tmp_path / "r.yaml"
    # Line 4 is ambiguous, line 5 names nothing: each is unknown-ref, and neither is a second item for a duty;
    # lines 6 and 7 name 一1 twice (its path, then with 、 and a full stop).
    report.write_text("unit: 市公安局\nperiod: 2022-H1\nitems:\n  - {item: \"1\", status: not_started}\n"
                      "  - {item: 三1, status: not_started}\n  - {item: 一1, status: not_started}\n"
                      "  - {item: 一、1., status: not_started}\n  - {item: 二1, status: not_started}\n", encoding="utf-8")
    code, out, _err = ipm("--data", str(data), "check", str(report), "--format", "json", "--no-coverage")
    found = sorted((f["line"], f["rule"]) for f in json.loads(out)["findings"])
    assert found == [(4, "unknown-ref"), (5, "unknown-ref"), (7, "duplicate-item")]
    ambiguous = next(f for f in json.loads(out)["findings"] if f["line"] == 4)
    assert "一1、二1" in ambiguous["message"]


def test_template_writes_what_check_reads_for_another_document(tmp_path: Path) -> None:
    target = tmp_path / "周至县政府.yaml"
    code, _out, _err = ipm("--data", str(XIAN_DATA), "template", "周至县政府", "--period", "2022年7月",
                           "-o", str(target))
    text = target.read_text(encoding="utf-8")
    assert code == 0 and "period: 2022-07" in text
    assert '- item: "(1)"' in text and '- item: "(2)"' in text
    assert "8月底前（至 2022-08-31）" in text and "2022年11月底（至 2022-11-30）" in text  # every milestone
    filled = text.replace("    status:\n    progress:", "    status: in_progress\n    progress: 推进中")
    target.write_text(filled, encoding="utf-8")
    code, out, _err = ipm("--data", str(XIAN_DATA), "check", str(target), "--today", "2022-07-10", "--format", "json")
    assert code == 0 and json.loads(out)["findings"] == []


def test_help_names_the_loaded_document_and_no_huizhou_words() -> None:
    code, out, _err = ipm("--data", str(XIAN_DATA), "--help")
    assert code == 0
    # Help is wrapped by display width (issue #17): compare without the line breaks.
    assert "西安市贯彻落实陕西省《2022年深化“放管服”改革优化营商环境工作要点》分工方案" in "".join(out.split())
    assert [word for word in HUIZHOU_WORDS if word in out] == []
    # In a fresh process: the group's help is translated when the program starts.
    english = subprocess.run([sys.executable, "-m", "ipmeasures", "--data", str(XIAN_DATA), "--lang", "en", "--help"],
                             check=False, capture_output=True, text=True, encoding="utf-8", timeout=60)
    out = english.stdout
    assert english.returncode == 0 and "who is responsible for what under 西安市贯彻落实" in " ".join(out.split())
    assert [word for word in HUIZHOU_WORDS + ("Huizhou",) if word in out] == []


def test_owner_shows_roles_levels_and_milestones_for_another_document() -> None:
    code, out, _err = ipm("--data", str(XIAN_DATA), "owner", "市司法局", "--format", "json")
    items = json.loads(out)["items"]
    assert [(i["ref"], i["role"]) for i in items] == [("(1)", "lead"), ("(2)", "lead")]
    assert [m["text"] for m in items[0]["milestones"]] == ["8月底前", "2022年9月底"]
    code, out, _err = ipm("--data", str(XIAN_DATA), "owner", "市司法局")
    assert code == 0 and "牵头" in out and "(1)" in out


def test_the_ledger_and_dashboard_of_another_document(tmp_path: Path) -> None:
    code, out, _err = ipm("--data", str(XIAN_DATA), "ledger", str(XIAN_REPORTS / "pass"), "--format", "json",
                          "--today", "2022-10-10")
    rows = json.loads(out)["rows"]
    assert code == 0
    lead = [r for r in rows if r["unit"] == "市行政审批局"]
    assert [(r["kind"], r["label"], r["periods"]["2022-Q3"]["state"]) for r in lead] == [
        ("item", "(1)", "completed"), ("item", "(2)", "in_progress")]
    assert len([r for r in rows if r["label"] == "(1)"]) == 2 + 1 + 13  # two leads, 西咸新区管委会, 13 counties
    html = tmp_path / "d.html"
    code, _out, _err = ipm("--data", str(XIAN_DATA), "dashboard", str(XIAN_REPORTS / "pass"), "-o", str(html),
                           "--today", "2022-10-10")
    assert code == 0 and "事项 (1)" in html.read_text(encoding="utf-8")


def test_measures_and_measure_show_another_documents_tree() -> None:
    code, out, _err = ipm("--data", str(XIAN_DATA), "measures", "--format", "json")
    items = json.loads(out)
    assert code == 0 and [(i["ref"], i["path"]) for i in items] == [
        ("(1)", ["一、", "(一)", "1.", "(1)"]), ("(2)", ["一、", "(一)", "1.", "(2)"])]
    code, out, _err = ipm("--data", str(XIAN_DATA), "measure", "一(一)1(2)", "--format", "json")
    record = json.loads(out)
    assert code == 0 and record["ref"] == "(2)" and [d["due"] for d in record["deadlines"]] == ["2022-11"]
    assert ipm("--data", str(XIAN_DATA), "measure", "(9)")[0] == 2


def test_the_matrix_of_another_document_has_its_items_and_roles() -> None:
    code, out, _err = ipm("--data", str(XIAN_DATA), "matrix", "--format", "json")
    matrix = json.loads(out)
    assert code == 0
    assert {(c["unit"], c["id"], c["role"]) for c in matrix["cells"] if c["unit"] == "市司法局"} == {
        ("市司法局", 1, "lead"), ("市司法局", 2, "lead")}
    assert set(matrix["legend"].values()) == {"lead", "joint", "via"}  # the roles the document has
    code, out, _err = ipm("--data", str(XIAN_DATA), "matrix")
    assert "措施" not in out and "(1)" in out


def test_a_workbook_template_names_items_by_reference(tmp_path: Path) -> None:
    pytest.importorskip("openpyxl")
    book, converted = tmp_path / "市司法局.xlsx", tmp_path / "市司法局.yaml"
    assert ipm("--data", str(XIAN_DATA), "template", "市司法局", "--period", "2022-07", "-o", str(book))[0] == 0
    code, out, _err = ipm("--data", str(XIAN_DATA), "check", str(book), "--format", "json")
    # An empty template: both items are there, each only lacking its status.
    assert code == 1 and [(f["rule"], f["field"]) for f in json.loads(out)["findings"]] == [
        ("invalid-report", "items.0"), ("invalid-report", "items.1")]
    assert ipm("--data", str(XIAN_DATA), "convert", str(book), "-o", str(converted))[0] == 0
    assert "- item: (1)\n- item: (2)" in converted.read_text(encoding="utf-8")


def test_search_finds_words_in_another_documents_items() -> None:
    code, out, _err = ipm("--data", str(XIAN_DATA), "search", "变相许可", "--format", "json")
    hits = [(h["kind"], h["label"], h["field"]) for h in json.loads(out)["hits"] if h["field"] == "text"]
    # (2): "…大力清理整治变相许可,11月底前完成变相许可清查整治…": twice in its text.
    assert code == 0 and hits == [("item", "(2)", "text"), ("item", "(2)", "text")]
