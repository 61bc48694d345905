"""Deadlines as written → the last day of the period named, or ongoing."""

from __future__ import annotations

from datetime import date

import pytest

from ipmeasures.importer.deadlines import find_deadlines, is_deadline_only
from ipmeasures.importer.normalise import fold


def due(text: str, *, year: int | None = 2022, cell: bool = True) -> list[tuple[str | None, bool]]:
    return [(d.due, d.ongoing) for d in find_deadlines(fold(text), text, year=year, issued=date(2021, 11, 22),
                                                      cell=cell)]


@pytest.mark.parametrize(("text", "expected"), [
    ("2022年底前", "2022-12-31"), ("2022年年底前", "2022-12-31"), ("2022年末", "2022-12-31"),
    ("2022年6月底前", "2022-06-30"), ("2024年2月底前", "2024-02-29"), ("2023年第一季度", "2023-03-31"),
    ("2023年三季度末", "2023-09-30"), ("2022年上半年", "2022-06-30"), ("2022年下半年", "2022-12-31"),
    ("2022年12月15日前", "2022-12-15"), ("2022年11月底", "2022-11-30"), ("2022年9月", "2022-09-30"),
    ("２０２２年６月底前", "2022-06-30"),
])
def test_dated(text, expected):
    assert due(text) == [(expected, False)]


def test_month_without_year_takes_the_documents_year():
    assert due("8月底前编制完成", year=2022, cell=False) == [("2022-08-31", False)]
    assert due("8月底前编制完成", year=None, cell=False) == [(None, False)]


def test_month_without_year_takes_the_year_written_before_it():
    assert due("2023年启动，6月底前完成", year=2022, cell=False) == [("2023-06-30", False)]


@pytest.mark.parametrize("text", ["持续推进", "长期坚持", "长期"])
def test_ongoing(text):
    assert due(text) == [(None, True)]


def test_body_text_dates_need_a_time_limit_word():
    assert due("开展2015年“红盾网剑”专项行动", cell=False) == []
    assert due("持续推进改革", cell=False) == []  # a verb in body text, not a deadline
    assert due("2022年底前编制并公布", cell=False) == [("2022-12-31", False)]


def test_three_years_from_the_date_of_issue():
    assert due("开展为期3年的专项行动", cell=False) == [("2024-11-21", False)]
    assert due("开展为期三年的专项行动", cell=False) == [("2024-11-21", False)]


def test_an_impossible_date_has_no_due_date():
    assert due("2022年2月30日前") == [(None, False)]


@pytest.mark.parametrize(("text", "expected"), [
    ("2022年底前完成", True), ("持续推进", True), ("2022年6月底前,长期坚持", True),
    ("市公安局负责", False), ("以下简称打击侵权假冒", False),
])
def test_deadline_only_brackets(text, expected):
    assert is_deadline_only(fold(text)) is expected


def test_a_deadline_after_a_labelled_unit_list_in_the_bracket():
    from ipmeasures.importer import extract

    for bracket, due in (("(牵头单位:市发展改革委;责任单位:市财政局、各区政府,6月底完成)", "2021-06-30"),
                         ("(牵头单位:市商务局;配合单位:市税务局,2021年9月底前)", "2021-09-30"),
                         ("(责任单位:市司法局、市公安局;2021年11月底前完成)", "2021-11-30")):
        text = f"某市2021年工作计划\n2021年3月1日\n一、优化服务\n1.推行一网通办。{bracket}\n"
        (item,) = extract(text).to_dict()["items"]
        assert [d["due"] for d in item["deadlines"]] == [due], bracket
        assert "完成" not in "".join(u["name"] for u in item["units"])


@pytest.mark.parametrize(("text", "cell", "expected"), [
    ("年底前完成", True, "2022-12-31"), ("年底前", True, "2022-12-31"), ("年内完成", True, "2022-12-31"),
    ("年末前", True, "2022-12-31"), ("今年年底前完成", True, "2022-12-31"), ("本年底前", True, "2022-12-31"),
    ("明年底前", True, "2023-12-31"), ("年底前编制完成工作方案", False, "2022-12-31"),
    ("2023年启动试点，年底前完成验收", False, "2023-12-31"),  # the year written before it
    ("上半年完成方案制定", False, "2022-06-30"), ("今年上半年完成", False, "2022-06-30"), ("年中前完成", False, "2022-06-30"),
    ("下半年", True, "2022-12-31"), ("三季度末前", True, "2022-09-30"), ("第一季度", True, "2022-03-31"),
])
def test_a_year_end_without_its_year_is_read_in_the_year_of_its_context(text, cell, expected):
    found = find_deadlines(fold(text), text, year=2022, issued=None, cell=cell)
    assert [(d.due, d.ongoing, d.inferred) for d in found] == [(expected, False, True)]


@pytest.mark.parametrize(("text", "cell"), [
    ("三年内完成", True), ("两年内建成", True), ("较上年底增长10%", False), ("去年底前", True), ("每年年底前报送", True),
    ("力争年内建成", False), ("全年完成", False), ("年内持续推进", True), ("比上半年增长", False), ("每季度报送", True),
    ("去年上半年", True),
])
def test_no_year_end_deadline_in_spans_other_years_targets_or_ongoing_work(text, cell):
    assert [d for d in find_deadlines(fold(text), text, year=2022, issued=None, cell=cell) if not d.ongoing] == []


def test_a_year_end_without_year_in_a_bracket_is_a_deadline_with_a_review_entry():
    from ipmeasures.importer import extract

    for bracket in ("（市发展改革委牵头，市财政局配合；年底前完成）", "（牵头单位：市发展改革委；完成时限：年底前）",
                    "（市发展改革委负责，年内完成）"):
        text = f"2022年某市知识产权工作要点\n一、加强保护\n（一）建立快速维权机制。{bracket}\n"
        result = extract(text).to_dict()
        assert [(d["due"], d["ongoing"]) for d in result["items"][0]["deadlines"]] == [("2022-12-31", False)]
        assert any("没有写明年份" in r["message"] for r in result["review"]), result["review"]
    text = "2022年某市知识产权工作要点\n一、加强保护\n（一）建立快速维权机制。（年底前完成）（市发展改革委负责）\n"
    assert extract(text).to_dict()["items"][0]["deadlines"][0]["due"] == "2022-12-31"


def test_the_plans_year_in_its_title_over_the_year_it_was_issued():
    from ipmeasures.importer import extract

    text = ("2022年某市知识产权工作要点\n某市人民政府办公室\n2021年12月28日\n"
            "一、加强保护\n（一）建立快速维权机制。（市发展改革委负责，年底前完成）\n")
    assert extract(text).to_dict()["items"][0]["deadlines"][0]["due"] == "2022-12-31"
