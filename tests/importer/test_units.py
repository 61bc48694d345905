"""Unit lists and role phrases as the genre writes them: each class with several spellings."""

from __future__ import annotations

import pytest

from ipmeasures.importer.normalise import fold
from ipmeasures.importer.units import parse_assignment, split_run, split_units


def names(text: str) -> list[str]:
    return [n for n, _signs in split_units(fold(text)).names]


def roles(text: str) -> list[tuple[str, str]]:
    return [(u.name, u.role) for u in parse_assignment(fold(text)).units]


@pytest.mark.parametrize(("text", "expected"), [
    ("市公安局、市商务局", ["市公安局", "市商务局"]),
    ("市公安局，市商务局", ["市公安局", "市商务局"]),
    ("市公安局,市商务局", ["市公安局", "市商务局"]),
    ("市公安局及各县区公安分局", ["市公安局", "各县区公安分局"]),
    ("市财政局和市审计局", ["市财政局", "市审计局"]),
    ("省发展改革委以及省商务厅", ["省发展改革委", "省商务厅"]),
])
def test_separators(text, expected):
    assert names(text) == expected


@pytest.mark.parametrize("whole", [
    "各级党委、政府", "各县(市、区)人民政府", "各县（市、区）人民政府", "市直有关部门", "市工业和信息化局",
    "市人力资源和社会保障局", "市住房和城乡建设局", "各县(区)党委和人民政府", "国务院各部门",
])
def test_group_phrases_and_names_with_a_conjunction_stay_whole(whole):
    assert names(whole) == [fold(whole)]


@pytest.mark.parametrize(("text", "name", "signs"), [
    ("市委宣传部(市版权局)", "市委宣传部", ["市版权局"]),
    ("市委宣传部（市委网信办、市版权局）", "市委宣传部", ["市委网信办", "市版权局"]),
    ("市市场监督管理局(知识产权局)", "市市场监督管理局", ["知识产权局"]),
])
def test_a_sign_in_brackets_is_the_same_unit(text, name, signs):
    assert split_units(fold(text)).names == [(name, signs)]


def test_a_note_in_brackets_is_not_part_of_the_name():
    assert names("市发改委、市财政局(第一责任单位为牵头单位,下同)") == ["市发改委", "市财政局"]


@pytest.mark.parametrize(("text", "expected"), [
    ("市行政审批局市司法局", ["市行政审批局", "市司法局"]),
    ("市委宣传部市版权局", ["市委宣传部", "市版权局"]),
    ("省商务厅省市场监管局", ["省商务厅", "省市场监管局"]),
])
def test_names_run_together_are_split(text, expected):
    assert split_run(fold(text)) == expected


@pytest.mark.parametrize(("text", "expected", "kept"), [
    ("市公安局、市商务局等部门", ["市公安局", "市商务局"], False),
    ("市公安局、市商务局等有关单位", ["市公安局", "市商务局"], False),
    ("市委组织部、市发展改革局等市直有关部门", ["市委组织部", "市发展改革局", "市直有关部门"], True),
])
def test_etc_is_open_ended(text, expected, kept):
    result = split_units(fold(text))
    assert [n for n, _s in result.names] == expected
    assert result.open_ended


@pytest.mark.parametrize(("text", "expected", "division"), [
    ("市公安局负责", [("市公安局", "responsible")], "sole"),
    ("市公安局、市商务局按职责分工负责", [("市公安局", "responsible"), ("市商务局", "responsible")], "joint"),
    ("市公安局、市商务局按照职责分工负责", [("市公安局", "responsible"), ("市商务局", "responsible")], "joint"),
    ("市公安局牵头，市商务局、市财政局配合",
     [("市公安局", "lead"), ("市商务局", "support"), ("市财政局", "support")], "joint"),
    ("市公安局牵头,市商务局参与", [("市公安局", "lead"), ("市商务局", "support")], "joint"),
    ("由市公安局牵头，市商务局协助", [("市公安局", "lead"), ("市商务局", "support")], "joint"),
    ("市文体广新局牵头负责,市公安局、市委网信办按职责分工分别负责",
     [("市文体广新局", "lead"), ("市公安局", "responsible"), ("市委网信办", "responsible")], "separately"),
    ("市文体广新局、市质监局按职责分工分别牵头负责", [("市文体广新局", "lead"), ("市质监局", "lead")], "separately"),
    ("市直有关部门,各级党委、政府按职责分工负责",
     [("市直有关部门", "responsible"), ("各级党委、政府", "responsible")], "joint"),
    ("市公安局会同市检察院负责", [("市公安局", "lead"), ("市检察院", "support")], "joint"),
])
def test_roles_and_division(text, expected, division):
    result = parse_assignment(fold(text))
    assert [(u.name, u.role) for u in result.units] == expected
    assert result.division == division
    assert result.role_phrase


@pytest.mark.parametrize("text", [
    "牵头单位：市科技局；配合单位：青岛蓝谷管理局",
    "牵头单位:市科技局,参与单位:青岛蓝谷管理局",
    "牵头单位:市科技局  配合单位:青岛蓝谷管理局",
])
def test_labelled_fields(text):
    assert roles(text) == [("市科技局", "lead"), ("青岛蓝谷管理局", "support")]


def test_a_field_names_units_without_a_units_ending():
    assert roles("责任单位:立山经济开发区,全区经济运行各专班,税务局") == [
        ("立山经济开发区", "responsible"), ("全区经济运行各专班", "responsible"), ("税务局", "responsible")]


@pytest.mark.parametrize("text", ["以下简称打击侵权假冒", "广东", "地区", "2022年底前完成", "手机"])
def test_ordinary_parentheses_name_no_unit(text):
    assert parse_assignment(fold(text)).units == []


def test_a_note_after_the_assignment_is_not_a_unit():
    result = parse_assignment(fold("省发展改革委、商务厅按职责分工负责。具体任务均涉及相关市(州)人民政府,不再做分工,下同。"))
    assert [u.name for u in result.units] == ["省发展改革委", "商务厅"]


@pytest.mark.parametrize(("text", "expected"), [
    ("责任单位:市发展改革委(牵头)、市财政局", [("市发展改革委", "lead"), ("市财政局", "responsible")]),
    ("责任单位：市发展改革委（牵头），市财政局（配合）", [("市发展改革委", "lead"), ("市财政局", "support")]),
    ("市发展改革委(牵头)、市财政局按职责分工负责", [("市发展改革委", "lead"), ("市财政局", "responsible")]),
    ("牵头:市发展改革委;配合:市财政局", [("市发展改革委", "lead"), ("市财政局", "support")]),
    ("市发展改革委负责牵头,市财政局配合", [("市发展改革委", "lead"), ("市财政局", "support")]),
])
def test_a_role_written_after_a_name(text, expected):
    assert roles(text) == expected


def test_together_with_the_relevant_departments_names_no_one():
    assert roles("滨海新区人民政府会同有关部门负责") == [("滨海新区人民政府", "lead")]


@pytest.mark.parametrize("name", [
    "各县(市、区)", "各乡镇(街道)", "经开区", "惠州学院", "市妇联", "市科协", "团市委", "国家税务总局惠州市税务局",
    "人民银行惠州市中心支行", "市消防救援支队", "各街道", "西咸新区管委会",
])
def test_unit_names_of_many_kinds_are_units_in_a_bare_list(name):
    assert names(f"{name}、市公安局") == [fold(name), "市公安局"]


@pytest.mark.parametrize("rule", ["(排在第一位的为牵头单位)", "(列第一位的单位为牵头单位)", "(第一责任单位为牵头单位,下同)",
                                  "(排在最前面的为牵头单位)", "(首个单位为牵头单位)"])
def test_a_documents_rule_that_the_first_unit_named_leads(rule):
    from ipmeasures.importer import extract

    text = (f"某市分工方案\n一、任务\n1.建立机制。(市公安局、市商务局负责)\n2.建立制度。(市发改委、市财政局负责){rule}\n"
            "3.完善制度。(市司法局负责)\n4.加强协作。(市教育局、市科技局负责)\n")
    items = extract(text).to_dict()["items"]
    assert [[(u["name"], u["role"]) for u in i["units"]] for i in items] == [
        [("市公安局", "responsible"), ("市商务局", "responsible")],  # before the rule is stated
        [("市发改委", "lead"), ("市财政局", "responsible")],
        [("市司法局", "responsible")],  # one unit: responsible alone; the rule decides among several
        [("市教育局", "lead"), ("市科技局", "responsible")]]


def test_field_labels_in_square_brackets():
    assert roles("【牵头单位】市科技局【配合单位】青岛蓝谷管理局") == [("市科技局", "lead"), ("青岛蓝谷管理局", "support")]


def test_a_unit_that_guides_is_named_in_support():
    assert roles("各县(市、区)政府负责,市生态环境局指导") == [("各县(市、区)政府", "responsible"), ("市生态环境局", "support")]


@pytest.mark.parametrize(("text", "expected"), [
    ("市委组织部牵头抓总", [("市委组织部", "lead")]),
    ("市发展改革委牵头推进，市财政局配合实施", [("市发展改革委", "lead"), ("市财政局", "support")]),
    ("省生长改造委牵头卖力", [("省生长改造委", "lead")]),  # a mirror that replaced 负责 by a synonym
    ("市教育局负责推进", [("市教育局", "responsible")]),
    ("市财政局、市税务局按职责分工", [("市财政局", "responsible"), ("市税务局", "responsible")]),
    ("市财政局、市税务局按职责分工落实", [("市财政局", "responsible"), ("市税务局", "responsible")]),
])
def test_a_role_word_followed_by_a_second_verb(text, expected):
    assert roles(text) == expected


@pytest.mark.parametrize("text", ["市公安局负责人", "市公安局负责同志", "市发展改革委牵头单位"])
def test_a_noun_made_of_a_role_word_is_not_a_role(text):
    assert roles(text) == []
