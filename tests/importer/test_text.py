"""Reading the text the way it arrives: encodings, PDF artifacts, glosses, traditional characters,
labels, a whole document on one line."""

from __future__ import annotations

import codecs

import pytest

from ipmeasures.importer import extract
from ipmeasures.importer.labels import cn_number, match_label
from ipmeasures.importer.lines import split_at_spaces
from ipmeasures.importer.normalise import clean_line, fold
from ipmeasures.importer.reading import decode

TEXT = "一、总体要求\n（一）加强保护。（市公安局负责）\n"


@pytest.mark.parametrize("data", [
    TEXT.encode("utf-8"), codecs.BOM_UTF8 + TEXT.encode("utf-8"), TEXT.encode("gbk"), TEXT.encode("gb18030"),
    TEXT.encode("utf-16"), TEXT.encode("utf-16-le"), TEXT.encode("utf-16-be"),
])
def test_decode(data):
    assert decode(data) == TEXT


@pytest.mark.parametrize(("raw", "clean"), [
    ("知识 产权", "知识产权"), ("( 市版权局 )", "(市版权局)"), ("开展为期 3 年的", "开展为期3年的"),
    ("5G 运用", "5G运用"), ("Open API", "Open API"), ("發(fā)展", "發展"), ("舊(jiù)動能", "舊動能"),
])
def test_clean_line(raw, clean):
    assert clean_line(raw) == clean


def test_fold_keeps_length_and_reads_traditional_as_simplified():
    text = "（牽頭單位：市科技局）"
    assert fold(text) == "(牵头单位:市科技局)"
    assert len(fold(text)) == len(text)


@pytest.mark.parametrize(("line", "style", "number", "label"), [
    ("一、总体要求", "cn", 1, "一"), ("十九、组织", "cn", 19, "十九"), ("(二十二)加强", "pcn", 22, "(二十二)"),
    ("（三）加强", "pcn", 3, "(三)"), ("〔四〕加强", "pcn", 4, "(四)"), ("1.推动", "num", 1, "1."),
    ("12、推动", "num", 12, "12."), ("3．推动", "num", 3, "3."), ("4﹒推动", "num", 4, "4."),
    ("(1)全面", "pnum", 1, "(1)"),
    ("（2）严格", "pnum", 2, "(2)"), ("①加强", "circ", 1, "①"), ("第三条 规定", "article", 3, "第三条"),
])
def test_labels(line, style, number, label):
    found = match_label(fold(line))
    assert found is not None and (found.style, found.number, found.text) == (style, number, label)


@pytest.mark.parametrize("line", ["2022年底前", "1.5亿元", "5G运用", "一是加强", "三年行动"])
def test_not_labels(line):
    assert match_label(fold(line)) is None


def test_cn_number():
    assert [cn_number(t) for t in ("一", "十", "十九", "二十二", "一百零三")] == [1, 10, 19, 22, 103]


PROSE = """关于印发某市工作安排的通知
一、开展专项整治
（一）打击网络侵权。
1.推动网上亮照经营。（市工商局负责）
2.强化网站监管。（市工商局、市质监局按职责分工负责）
3.开展专项行动。（市文体广新局牵头，市公安局配合）
（二）加强协作。
4.建立协作机制。（市公安局负责）
（三）强化宣传。
5.开展知识产权宣传周活动，加强知识产权公益宣传和咨询服务，开展形式多样的主题宣传教育活动。（市委宣传部负责）
6.挖掘知识产权保护典型案例，及时总结经验做法和成果，营造良好的知识产权保护氛围。（市市场监管局负责）
"""


def paths(text: str) -> list[tuple[list[str], list[tuple[str, str]]]]:
    return [(i["path"], [(u["name"], u["role"]) for u in i["units"]]) for i in extract(text).to_dict()["items"]]


def test_a_whole_document_on_one_line_reads_like_the_original():
    lines = PROSE.splitlines()
    assert paths(lines[0] + "\n" + "".join(lines[1:])) == paths(PROSE)
    assert len(paths(PROSE)) == 6


OPENING = ("2016年全国打击侵权假冒工作要点\n"
           "2016年，全国打击侵犯知识产权和制售假冒伪劣商品工作要认真贯彻十八届五中全会精神，依法严厉惩处侵权假冒违法犯罪，"
           "结合推动供给侧结构性改革，维护公平竞争的市场秩序，积极营造安全放心的消费环境，"
           "为推动经济社会持续健康发展提供有力保障，加快构建市场化、法治化、国际化营商环境。\n"
           "一、加强重点领域治理\n"
           "（一）加强互联网领域侵权假冒治理。打击网上销售假冒伪劣商品，组织开展网络交易集中整治，加强监管执法。"
           "（工业和信息化部、公安部、海关总署按职责分工分别负责）\n")


@pytest.mark.parametrize("space", [" ", "  ", "\u3000", " \u3000"])
def test_a_documents_opening_run_onto_one_line_with_spaces_for_its_line_breaks(space):
    """A mirror that put the preamble, the section heading and the first measure on one line, a space where
    each line break was: split at a space followed by a label that starts its numbering."""
    lines = OPENING.splitlines()
    one_line = lines[0] + "\n" + space.join(lines[1:]) + "\n"
    assert paths(one_line) == paths(OPENING) == [
        (["一", "(一)"], [("工业和信息化部", "responsible"), ("公安部", "responsible"), ("海关总署", "responsible")])]


@pytest.mark.parametrize("line", [
    "2022年 1.5亿元的专项资金用于" + "支持企业开展知识产权质押融资、专利导航和高价值专利培育" * 6,  # not a label
    "各部门要落实（见 一、总体要求）的部署，" + "加强知识产权全链条保护，完善快速协同保护机制" * 8,  # inside brackets
    "加强保护，完善机制、 二、强化" + "加强知识产权全链条保护，完善快速协同保护机制" * 8,  # 二、 does not start a numbering
])
def test_spaces_in_a_long_line_are_not_cut_where_no_numbering_starts(line):
    assert split_at_spaces(line) == [line]


def test_page_numbers_and_line_breaks_inside_items():
    broken = PROSE.replace("（市工商局、市质监局", "\n- 3 -\n（市工商局、\n市质监局")
    assert paths(broken) == paths(PROSE)


def test_labels_continue_their_numbering_across_parents():
    assert [p for p, _u in paths(PROSE)] == [["一", "(一)", "1."], ["一", "(一)", "2."], ["一", "(一)", "3."],
                                            ["一", "(二)", "4."], ["一", "(三)", "5."], ["一", "(三)", "6."]]


def test_a_bracket_with_only_a_deadline_and_several_brackets():
    text = "一、任务\n1.完成清单编制（2022年底前），同步公布（市政府办公室负责），并报备（市司法局配合）。\n"
    item = extract(text).to_dict()["items"][0]
    assert [(u["name"], u["role"]) for u in item["units"]] == [("市政府办公室", "responsible"), ("市司法局", "support")]
    assert [d["due"] for d in item["deadlines"]] == ["2022-12-31"]


def test_children_inherit_their_parents_bracket():
    text = "一、任务\n（一）加强保护。（市公安局负责）\n1.打击犯罪。\n2.开展行动。\n"
    items = extract(text).to_dict()["items"]
    assert [i["path"] for i in items] == [["一", "(一)"], ["一", "(一)", "1."], ["一", "(一)", "2."]]
    assert all(i["units"] == [{"name": "市公安局", "role": "responsible"}] for i in items)


def test_a_truncated_item_is_listed_with_a_review_entry():
    result = extract(PROSE.split("5.")[0] + "5.依法打击电子商务领域的专利侵").to_dict()
    assert result["items"][-1]["path"] == ["一", "(三)", "5."]
    assert result["items"][-1]["units"] == []
    assert any(r["path"] == ["一", "(三)", "5."] for r in result["review"])


def test_a_document_cut_inside_the_last_unit_line():
    text = "1.实施富民行动。\n责任单位:市发改委、市农业农村局\n2.实施扩大税源行动。\n责任单位:市发改委、市经信局、市协"
    result = extract(text).to_dict()
    assert [(i["path"], len(i["units"])) for i in result["items"]] == [(["1."], 2), (["2."], 0)]
    assert [r["path"] for r in result["review"]] == [["2."]]


def test_document_facts_from_a_quoted_title_across_lines_and_a_chinese_numeral_date():
    text = ("各区、县人民政府:\n经市人民政府同意,现将《实施某市知识产权战略纲要任\n务分工》印发给你们,请照此执行。\n"
            "某市人民政府办公厅\n二〇一〇年三月十五日\n一、任务\n(一)建立机制。(市知识产权局负责)\n")
    doc = extract(text).to_dict()["document"]
    assert doc["title"] == "实施某市知识产权战略纲要任务分工"
    assert doc["issued"] == "2010-03-15" and doc["issuers"] == ["某市人民政府办公厅"]


def test_a_heading_above_the_preamble_is_the_title():
    text = ("某区人民政府\n2019116\n某区优化营商环境\n若干措施\n为进一步优化营商环境,制定如下措施。\n"
            "一、任务\n(一)建立机制。(区发改局负责)\n")
    assert extract(text).to_dict()["document"]["title"] == "某区优化营商环境若干措施"


@pytest.mark.parametrize("closing", [
    "(责任单位:市直各有关单位、各县(市、区)人民政府)",
    "责任单位:市直各有关单位、各县(市、区)人民政府",
    "牵头单位:市应急局\n责任单位:市直各有关单位、各县(市、区)人民政府",
])
def test_a_closing_line_after_sub_items_belongs_to_their_parent(closing):
    text = f"(一)体系建设\n1.完善应急预案体系\n(1)加强预案管理。\n(2)推进预案编制。\n{closing}\n2.健全体制\n(1)推进机构建设。\n"
    items = extract(text).to_dict()["items"]
    paths = [i["path"] for i in items]
    assert paths[:3] == [["(一)", "1."], ["(一)", "1.", "(1)"], ["(一)", "1.", "(2)"]]
    assert all("各县(市、区)人民政府" in [u["name"] for u in i["units"]] for i in items[:3])


def test_field_lines_after_each_item_stay_with_it():
    text = "一、目标\n1.增长6%。\n牵头单位:区发改局\n责任单位:各街道\n2.增长5%。\n牵头单位:区工信局\n"
    items = extract(text).to_dict()["items"]
    assert [(i["path"], [u["name"] for u in i["units"]]) for i in items] == [
        (["一", "1."], ["区发改局", "各街道"]), (["一", "2."], ["区工信局"])]


@pytest.mark.parametrize(("lead_label", "support_label"), [
    ("牵头责任单位", "协同责任单位"), ("牵头单位", "协同单位"), ("牵头责任单位", "配合单位"), ("牵头单位", "协同部门"),
])
def test_lead_and_partner_field_labels_give_their_roles(lead_label, support_label):
    text = (f"一、目标\n1.增长7%。\n{lead_label}:省发展改革委。\n{support_label}:省财政厅、省税务局等。\n"
            f"2.增长9%。\n{lead_label}:省商务厅。\n{support_label}:省政府各部门、各直属机构。\n")
    items = extract(text).to_dict()["items"]
    assert [(i["path"], [(u["name"], u["role"]) for u in i["units"]]) for i in items] == [
        (["一", "1."], [("省发展改革委", "lead"), ("省财政厅", "support"), ("省税务局", "support")]),
        (["一", "2."], [("省商务厅", "lead"), ("省政府各部门", "support"), ("各直属机构", "support")])]
    assert items[0]["open_ended"]


@pytest.mark.parametrize("leader", ["分管省领导:林克庆", "牵头负责领导:刘惠。", "分管市领导：张三", "责任领导:李四",
                                    "牵头领导:王五、赵六"])
def test_a_leader_named_in_a_field_is_a_person_not_a_unit(leader):
    for text in (f"一、目标\n1.增长6%以上。\n{leader}\n牵头单位:省发展改革委\n配合单位:省统计局\n",
                 f"一、目标\n1.增长6%以上。\n牵头单位:省发展改革委\n{leader}\n配合单位:省统计局\n"):
        items = extract(text).to_dict()["items"]
        assert [(u["name"], u["role"]) for u in items[0]["units"]] == [("省发展改革委", "lead"), ("省统计局", "support")]


@pytest.mark.parametrize("line", ["部门分工:省发展改革委牵头,各地、各部门配合。", "部门分工：省发展改革委牵头，各地、各部门配合",
                                  "责任分工:省发展改革委牵头,各地、各部门配合。", "(省发展改革委牵头,各地、各部门配合)"])
def test_a_division_of_work_line_in_running_form(line):
    text = f"一、预期目标\n1.地区生产总值增长6%以上。\n分管省领导:林克庆\n{line}\n2.财政收入增长5%左右。\n"
    items = extract(text).to_dict()["items"]
    assert [(u["name"], u["role"]) for u in items[0]["units"]] == [
        ("省发展改革委", "lead"), ("各地", "support"), ("各部门", "support")]


def test_a_running_head_on_every_page_is_furniture():
    head = "某市人民政府办公室文件"
    broken = PROSE.replace("2.强化", f"{head}\n2.强化").replace("4.建立", f"{head}\n4.建立").replace(
        "6.挖掘", f"{head}\n6.挖掘")
    assert paths(broken) == paths(PROSE)
    assert head not in " ".join(i["title"] for i in extract(broken).to_dict()["items"])


def test_the_same_bracket_on_several_items_is_not_a_running_head():
    text = "一、任务\n1.甲。\n(市公安局负责)\n2.乙。\n(市公安局负责)\n3.丙。\n(市公安局负责)\n"
    assert [len(i["units"]) for i in extract(text).to_dict()["items"]] == [1, 1, 1]


def test_half_bracket_labels():
    found = match_label(fold("1）加强"))
    assert found is not None and (found.style, found.text) == ("rnum", "1)")
    text = "一、任务\n1）建立机制。（市公安局负责）\n2）完善制度。（市司法局负责）\n"
    assert [i["path"] for i in extract(text).to_dict()["items"]] == [["一", "1)"], ["一", "2)"]]


def test_every_node_below_a_bracket_inherits_it():
    text = "一、任务\n（一）加强保护。（市公安局负责）\n1.打击犯罪\n（1）开展行动。\n（2）加强协作。\n"
    items = extract(text).to_dict()["items"]
    assert [i["path"] for i in items] == [["一", "(一)"], ["一", "(一)", "1."], ["一", "(一)", "1.", "(1)"],
                                          ["一", "(一)", "1.", "(2)"]]
    assert all(i["units"] == [{"name": "市公安局", "role": "responsible"}] for i in items)


def test_numbered_paragraphs_of_a_notice_do_not_hold_the_documents_sections():
    text = ("关于印发某市分工方案的通知\n1.明确任务,压实责任。各牵头单位要细化举措。\n2.加强督考。\n"
            "某市分工方案\n一、任务\n(一)建立机制。(市公安局负责)\n")
    assert [i["path"] for i in extract(text).to_dict()["items"]] == [["一", "(一)"]]


def test_sections_nest_under_chapters():
    text = "第一章 总则\n一、任务\n(一)建立机制。(市公安局负责)\n"
    assert [i["path"] for i in extract(text).to_dict()["items"]] == [["第一章", "一", "(一)"]]


def test_bracketed_field_labels_on_their_own_lines():
    text = ("一、任务\n1.建立机制。\n【牵头单位】市科技局\n【责任单位】各县（市、区）政府\n【完成时限】2023年底前\n"
            "2.完善制度。\n【牵头单位】市司法局\n")
    items = extract(text).to_dict()["items"]
    assert [[(u["name"], u["role"]) for u in i["units"]] for i in items] == [
        [("市科技局", "lead"), ("各县(市、区)政府", "responsible")], [("市司法局", "lead")]]
    assert [d["due"] for d in items[0]["deadlines"]] == ["2023-12-31"]


def test_a_fragment_may_start_anywhere_in_a_list_and_dash_headings_close_items():
    text = ("某市目标任务责任分解方案\n  ——推进教育高质量发展\n  204.推进学前教育发展。(牵头单位:市教育局;\n"
            "  责任单位:各区人民政府)\n  205.推进普通高中发展。(责任单位:市教育局)\n  ——加快建设健康武汉\n"
            "  206.推进公立医院发展。(牵头单位:市卫健委;责任单位:")
    result = extract(text).to_dict()
    assert [(i["path"], [(u["name"], u["role"]) for u in i["units"]]) for i in result["items"]] == [
        (["204."], [("市教育局", "lead"), ("各区人民政府", "responsible")]),
        (["205."], [("市教育局", "responsible")]),
        (["206."], [])]  # cut inside its bracket: truncated, for review
    assert "健康" not in result["items"][1]["title"]


def test_a_notices_numbered_paragraphs_do_not_hold_the_plans_items():
    long = "各县区、各部门要坚持以习近平新时代中国特色社会主义思想为指导,认真落实决策部署,强化组织领导,对照方案承担的目标任务认真研究。"
    text = f"通知\n一、高度重视,认真研究政策。{long}\n二、压实责任,推动工作落实。{long}\n1.建立机制。(牵头单位:市发展改革委)\n"
    assert [i["path"] for i in extract(text).to_dict()["items"]] == [["1."]]
