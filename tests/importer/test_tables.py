"""Tables: columns by their headers, "|" cells, flattened rows, rows without numbers, wrapped cells."""

from __future__ import annotations

import pytest

from ipmeasures.importer import extract

PIPE = """某市工作方案
序号 | 重点任务 | 牵头单位 | 配合单位 | 完成时限 |
一、优化审批 | | | | |
1 | 编制事项清单。 | 市行政审批局 | 市司法局、各区县政府 | 2022年9月底 |
2 | 清理变相许可。 | 市司法局 | | 持续推进 |
"""


def items(text: str) -> list[dict]:
    return extract(text).to_dict()["items"]


def test_pipe_table_columns_by_header():
    rows = items(PIPE)
    assert [r["path"] for r in rows] == [["一", "1"], ["一", "2"]]
    assert [(u["name"], u["role"]) for u in rows[0]["units"]] == [
        ("市行政审批局", "lead"), ("市司法局", "support"), ("各区县政府", "support")]
    assert [d["due"] for d in rows[0]["deadlines"]] == ["2022-09-30"]
    assert rows[1]["deadlines"] == [{"text": "持续推进", "due": None, "ongoing": True}]


def test_unnumbered_pipe_rows_are_numbered_by_order_within_their_parent():
    text = PIPE.replace("1 | 编制", "编制").replace("2 | 清理", "清理")
    assert [r["path"] for r in items(text)] == [["一", "1"], ["一", "2"]]


def test_flattened_row_shares_its_tail_among_the_unit_columns():
    text = """分工方案
序号重点任务牵头单位责任单位完成时限
一、优化审批
(1)编制事项清单,按时公布。市行政审批局市司法局市级相关单位,各区县政府2022年9月底
"""
    (row,) = items(text)
    assert [(u["name"], u["role"]) for u in row["units"]] == [
        ("市行政审批局", "lead"), ("市司法局", "lead"), ("市级相关单位", "responsible"), ("各区县政府", "responsible")]
    assert [d["due"] for d in row["deadlines"]] == ["2022-09-30"]


def test_numbered_rows_with_wrapped_cells_and_a_page_break_copy():
    text = """附件
序 号
主 要 任 务
责任单位
1
打击侵权
犯罪专项行动
严打侵犯商业秘密等犯罪行为。
市公安局
2
强化衔接
推进行政执法和刑事立案标准衔接。
市法院、市检察
院、市公安局
- 5 -
2
强化衔接
推进行政执法和刑事立案标准衔接。
市法院、市检察
院、市公安局
"""
    result = extract(text).to_dict()
    assert [(r["path"], r["title"]) for r in result["items"]] == [(["1"], "打击侵权犯罪专项行动"), (["2"], "强化衔接")]
    assert [u["name"] for u in result["items"][1]["units"]] == ["市法院", "市检察院", "市公安局"]
    assert [r["path"] for r in result["review"] if "分页重复" in r["message"]] == [["2"]]


def test_pdf_table_rows_without_numbers_end_with_their_unit_cell():
    text = """序号 工作重点 具体任务 责任部门
加强专业市场
保护
遴选一批规范化
培育市场
省工商局、知识产
权局
加强在线创意
保护
开展剑网行动
省版权局
"""
    rows = items(text)
    assert [r["path"] for r in rows] == [["1"], ["2"]]
    assert [[u["name"] for u in r["units"]] for r in rows] == [["省工商局", "知识产权局"], ["省版权局"]]


def test_pipe_rows_without_a_header_row():
    text = "某市分工\n一、任务\n1 | 编制事项清单。 | 市行政审批局、市司法局 | 2022年9月底 |\n2 | 清理变相许可。 | 市司法局 | 持续推进 |\n"
    rows = items(text)
    assert [(r["path"], [u["name"] for u in r["units"]]) for r in rows] == [
        (["一", "1"], ["市行政审批局", "市司法局"]), (["一", "2"], ["市司法局"])]
    assert rows[1]["deadlines"][0]["ongoing"]


def test_unit_columns_on_their_own_lines():
    text = """附件
序号
任务
牵头单位
责任单位
完成时限
1
推进数据共享。
市政务服务数据局
市发展改革委、市财政局、
市统计局
2023年底前
2
建设信用平台。
市发展改革委
市人民银行
2023年6月底前
"""
    rows = items(text)
    assert [[(u["name"], u["role"]) for u in r["units"]] for r in rows] == [
        [("市政务服务数据局", "lead"), ("市发展改革委", "responsible"), ("市财政局", "responsible"),
         ("市统计局", "responsible")],
        [("市发展改革委", "lead"), ("市人民银行", "responsible")]]
    assert [r["deadlines"][0]["due"] for r in rows] == ["2023-12-31", "2023-06-30"]


def test_a_merged_cell_repeated_on_each_row_is_one_node():
    text = """方案
序号 | 任务 | 措施 | 责任单位 |
一、优化审批 | 1 | 编制清单。 | 市司法局 |
一、优化审批 | 2 | 清理许可。 | 市行政审批局 |
二、加强监管 | 1 | 开展检查。 | 市市场监管局 |
"""
    rows = items(text)
    assert [(r["path"], [u["name"] for u in r["units"]]) for r in rows] == [
        (["一", "1"], ["市司法局"]), (["一", "2"], ["市行政审批局"]), (["二", "1"], ["市市场监管局"])]


def test_one_cell_per_line_ended_by_a_bar_with_a_leaders_column():
    text = """附件
序号 |
目标与任务 |
分 管 县领导 |
牵头责任单位 |
责任单位 |
80 |
新增托位数400个以上。 |
俞 悦 |
县教育局 |
县各有关单位 |
81 |
支持职业教育发展。 |
陆 明俞 悦 |
县教育局 |
县各有关单位 |
"""
    rows = items(text)
    assert [(r["path"], [(u["name"], u["role"]) for u in r["units"]]) for r in rows] == [
        (["80"], [("县教育局", "lead"), ("县各有关单位", "responsible")]),
        (["81"], [("县教育局", "lead"), ("县各有关单位", "responsible")])]


def test_labelled_rows_with_a_leader_and_one_support_unit_per_line():
    text = """牵头领导
重点工作
牵头单位
配合单位
备注
周阳市长
1.始终坚持依法行政。自觉接受监督。
市府办
市司法局
市审计局
各单位
2.始终牢记为民宗旨。深入落实要求。
市府办
各单位
"""
    rows = items(text)
    assert [(r["path"], [(u["name"], u["role"]) for u in r["units"]]) for r in rows] == [
        (["1."], [("市府办", "lead"), ("市司法局", "support"), ("市审计局", "support"), ("各单位", "support")]),
        (["2."], [("市府办", "lead"), ("各单位", "support")])]


def test_tab_separated_rows():
    text = "方案\n序号\t重点任务\t牵头单位\t配合单位\t完成时限\n1\t编制事项清单。\t市行政审批局\t市司法局\t2022年9月底\n"
    (row,) = items(text)
    assert [(u["name"], u["role"]) for u in row["units"]] == [("市行政审批局", "lead"), ("市司法局", "support")]
    assert row["path"] == ["1"] and row["deadlines"][0]["due"] == "2022-09-30"


def test_space_separated_rows_with_spaces_inside_their_content_cells():
    # One line per row, cells separated by single spaces, an empty cell leaving two spaces, a content cell
    # broken by a space; the row's trailing cells (units, a deadline) are read by what they hold.
    text = """某县任务分解表
序号 类别 主要任务 牵头单位 参与单位 责任单位 完成时限
1 保障供 水 建设水厂 新建水厂两座。 县水务局 县发展改革委、财政局等 各乡(镇)人民政府 2024年底前
2  管网 改造 改造老旧管网。 县住房城乡建设局、水务局 县财政局 各乡(镇)人民政府,县开发区管委会 持续推进
3   节约用水。推进节水型单位建设。 县水务局 县教育局等 各乡(镇)人民政府,县开
"""
    rows = items(text)
    assert [r["path"] for r in rows] == [["1"], ["2"], ["3"]]
    assert [(u["name"], u["role"]) for u in rows[0]["units"]] == [
        ("县水务局", "lead"), ("县发展改革委", "support"), ("财政局", "support"), ("各乡(镇)人民政府", "responsible")]
    assert rows[0]["title"].startswith("保障供水建设水厂")
    assert [d["due"] for d in rows[0]["deadlines"]] == ["2024-12-31"]
    assert [(u["name"], u["role"]) for u in rows[1]["units"]] == [
        ("县住房城乡建设局", "lead"), ("水务局", "lead"), ("县财政局", "support"),
        ("各乡(镇)人民政府", "responsible"), ("县开发区管委会", "responsible")]
    assert rows[1]["deadlines"][0]["ongoing"] is True
    assert rows[2]["units"] == []  # cut inside its last cell: its cells cannot be told apart


def test_a_space_separated_header_over_wrapped_rows_is_not_read_as_one_line_rows():
    text = "序号 工作重点 具体任务 责任部门\n加强专业市场保护,\n开展专项检查\n省工商局、知识产\n权局\n"
    (row,) = items(text)
    assert [u["name"] for u in row["units"]] == ["省工商局", "知识产权局"]


def test_one_cell_per_line_with_columns_after_the_unit_columns():
    """A progress table: the unit cells sit between the task and progress columns; headers with a space
    inside (牵头 单位), a leaders' column, a 责任主体与协同单位 column, empty cells as bare bars."""
    text = """2023年民生实事项目推进情况
序号 |
主要任务 |
分管 领导 |
牵头 单位 |
责任主体与协同单位 |
1-10月推进情况 |
是否达序 |
说明 |
24 |
优化提升50条背街后巷交通组织。 |
徐国江 |
城管局 |
市政局、相关街道 |
已进场施工,完成30%。 |
是 |
||
25 |
新增达标小区210个。 |
徐国江 |
城管局 |
市政局、环卫处、各街道 |
项目于9月28签订合同,由区相关部门配合处置。 |
否 |
滞后了2个月。 |
"""
    rows = items(text)
    assert [(r["path"], [(u["name"], u["role"]) for u in r["units"]], r["deadlines"]) for r in rows] == [
        (["24"], [("城管局", "lead"), ("市政局", "responsible"), ("相关街道", "responsible")], []),
        (["25"], [("城管局", "lead"), ("市政局", "responsible"), ("环卫处", "responsible"), ("各街道", "responsible")],
         [])]
    assert rows[0]["title"].startswith("优化提升50条")


def test_one_cell_per_line_with_a_wrapped_task_cell():
    text = """序号 |
重点工作 |
牵头单位 |
配合单位 |
1 |
推进政务服务
一网通办。 |
市政务服务中心 |
市大数据局、各区县政府 |
2 |
深化证照分离改革。 |
市市场监管局 |
市司法局 |
"""
    rows = items(text)
    assert [(r["path"], [(u["name"], u["role"]) for u in r["units"]]) for r in rows] == [
        (["1"], [("市政务服务中心", "lead"), ("市大数据局", "support"), ("各区县政府", "support")]),
        (["2"], [("市市场监管局", "lead"), ("市司法局", "support")])]


FLAT_HEADER = "序号 重点任务 牵头单位 责任单位 完成时限"
FLAT_ROWS = ["1 编制市县两级行政许可事项清单，做好与其他清单的衔接。 市行政审批局 市司法局、各区县政府 2022年9月底前",
             "2 清理变相许可，新增 3 个领域的审批事项纳入清单。 市司法局 各区县政府 持续推进",
             "3 推行告知承诺制。 市市场监管局 市直有关部门 2022年底前"]


def _read(rows: list[dict]) -> list[tuple]:
    return [(r["path"], [(u["name"], u["role"]) for u in r["units"]], [(d["due"], d["ongoing"]) for d in r["deadlines"]])
            for r in rows]


@pytest.mark.parametrize("space", [" ", "  ", "\u3000"])
def test_a_space_separated_table_run_onto_one_line_is_split_into_its_rows(space):
    """The header and every row on one line, cells still separated by spaces: cut before each row number
    that follows a cell ending a row (units, a deadline, a sentence); a number inside a task (新增 3 个)
    stays."""
    one_line = "某市2022年放管服改革任务分工\n" + space.join([FLAT_HEADER, *FLAT_ROWS]) + "\n"
    by_lines = "某市2022年放管服改革任务分工\n" + "\n".join([FLAT_HEADER, *FLAT_ROWS]) + "\n"
    assert _read(items(one_line)) == _read(items(by_lines)) == [
        (["1"], [("市行政审批局", "lead"), ("市司法局", "responsible"), ("各区县政府", "responsible")],
         [("2022-09-30", False)]),
        (["2"], [("市司法局", "lead"), ("各区县政府", "responsible")], [(None, True)]),
        (["3"], [("市市场监管局", "lead"), ("市直有关部门", "responsible")], [("2022-12-31", False)])]


def test_a_long_line_with_numbers_but_no_table_header_is_not_cut_into_rows():
    from ipmeasures.importer.lines import split_table_rows

    line = "全年新增 1 个国家级平台、 2 个省级平台和 3 个市级平台，" + "推动知识产权保护中心建设" * 10
    assert split_table_rows(line) == [line]
