"""On the Huizhou source text, `ipm import` reproduces the shipped data (issue #15): 7 sections, 22
measures, the 8 annex tasks with the page-break copies of rows 6–8 reported once, every (item, unit)
assignment with precision and recall ≥ 0.99 against data/ (names resolved through the registry: signs
and variant spellings included), 十九's lead from the body text, measure 一's three-year deadline.

The expectations come from data/ (itself read by hand from the source) and from the source text."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from ipmeasures.importer import extract
from ipmeasures.policy.catalog import load_catalog

ROOT = Path(__file__).resolve().parents[2]
SOURCE = ROOT / "source" / "huizhou-ip-protection-measures-2021.txt"


@pytest.fixture(scope="module")
def result():
    return extract(SOURCE.read_text("utf-8"), str(SOURCE))


@pytest.fixture(scope="module")
def data():
    measures = yaml.safe_load((ROOT / "data" / "measures.yaml").read_text("utf-8"))
    tasks = yaml.safe_load((ROOT / "data" / "responsibility_table.yaml").read_text("utf-8"))
    return measures, tasks


def test_structure(result):
    sections = [n for n in result.root.children if n.style == "cn"]
    assert [s.label for s in sections] == ["一", "二", "三", "四", "五", "六", "七"]
    measures = [i for i in result.items if len(i.path) == 2]
    assert len(measures) == 22
    assert [m.path[1] for m in measures][:3] == ["(一)", "(二)", "(三)"]
    assert measures[-1].path == ["七", "(二十二)"]
    tasks = [i for i in result.items if len(i.path) == 1]
    assert [t.path for t in tasks] == [[str(n)] for n in range(1, 9)]  # 6–8 once, not 11 rows


def test_duplicated_rows_reported_once(result):
    duplicates = [r for r in result.review if "分页重复" in r.message]
    assert sorted(r.path[0] for r in duplicates) == ["6", "7", "8"]
    source_lines = SOURCE.read_text("utf-8").splitlines()
    for review in duplicates:  # the line is the second copy's number, after row 8
        assert source_lines[review.line - 1].strip() == review.path[0]
        assert review.line > 280


def test_assignments_match_the_data(result, data):
    catalog = load_catalog(None)
    measures, tasks = data
    section_label = {s["id"]: s["label"] for s in measures["sections"]}
    expected = set()
    for m in measures["measures"]:
        path = (section_label[m["section"]], m["label"])
        names = m["units"] + m["groups"] + ([m["coordinator"]] if m.get("coordinator") else [])
        expected |= {(path, n) for n in names}
    for t in tasks["tasks"]:
        expected |= {((str(t["id"]),), n) for n in t["units"] + t["groups"]}
    got = {(tuple(i.path), catalog.resolve(u.name).name) for i in result.items for u in i.units}
    matched = expected & got
    assert len(matched) / len(got) >= 0.99, sorted(got - expected)
    assert len(matched) / len(expected) >= 0.99, sorted(expected - got)


def test_signs_are_not_units(result):
    first = result.items[0]
    propaganda = next(u for u in first.units if u.name == "市委宣传部")
    assert propaganda.signs == ["市版权局"]
    measure_10 = next(i for i in result.items if i.path == ["四", "(十)"])
    assert next(u for u in measure_10.units if u.name == "市委宣传部").signs == ["市委网信办", "市版权局"]


def test_lead_of_19_from_the_body_text(result):
    item = next(i for i in result.items if i.path == ["七", "(十九)"])
    leads = [u for u in item.units if u.role == "lead"]
    assert [(u.name, u.basis) for u in leads] == [("市市场监督管理局", "body")]
    assert {u.name for u in item.units if u.role == "responsible"} == {"市直有关部门", "各级党委、政府"}
    review = [r for r in result.review if r.path == ["七", "(十九)"]]
    assert review and "正文" in review[0].message


def test_three_year_deadline_of_measure_1(result):
    item = result.items[0]
    assert [(d.text, d.due) for d in item.deadlines] == [("为期3年", "2024-11-21")]  # issued 2021-11-22


def test_group_phrases_whole_and_open_list(result):
    item_21 = next(i for i in result.items if i.path == ["七", "(二十一)"])
    names = [u.name for u in item_21.units]
    assert names == ["市委组织部", "市委宣传部", "市发展改革局", "市市场监管局", "市直有关部门", "各级党委、政府"]
    assert item_21.open_ended  # "…等市直有关部门"
    item_20 = next(i for i in result.items if i.path == ["七", "(二十)"])
    assert [u.name for u in item_20.units] == ["各级党委、政府"] and item_20.division == "sole"


def test_document_facts(result):
    doc = result.document
    assert doc.title == "惠州市关于强化知识产权保护的若干措施"
    assert doc.number == "惠市委办发〔2021〕11号"
    assert doc.issuers == ["中共惠州市委办公室", "惠州市人民政府办公室"]
    assert doc.issued == "2021-11-22"


def test_restored_text_keeps_the_documents_characters(result):
    item = result.items[0]
    assert item.title == "严厉打击侵权假冒行为"
    assert "开展为期3年的专项行动" in item.text  # spaces inside Chinese removed, nothing else changed
