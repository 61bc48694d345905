"""The import development set (tests/fixtures/import) is well formed.

The expected answers are read by hand from each document; these tests do not check the answers against any
program, only that the set keeps its own rules: every text names its source and completeness, every text has
hand-read answers and the other way round, paths and roles are in the documented notation, and every label and
(for simplified-character texts) every unit name in an answer is really in its document — a typo in an answer
would otherwise score an extractor against a unit the document never names.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from tests.paths import TESTS

FIXTURES = TESTS / "fixtures"
# The development set, and the documents held out of it until `ipm import` reads them (same notation).
SETS = [FIXTURES / "import", FIXTURES / "import-holdout", FIXTURES / "import-blind2"]
EXPECTED = {folder: json.loads((folder / "expected.json").read_text(encoding="utf-8")) for folder in SETS}
TEXTS = sorted(f"{folder.name}/{p.name}" for folder in SETS for p in folder.glob("*.txt"))
ROLES = {"lead", "support", "joint", "resp"}
DEADLINE = re.compile(r"^(\d{4}-(0[1-9]|1[0-2])|ongoing)$")
# Label notation of expected.json: sections without 、, brackets and full stops ASCII.
LABEL = re.compile(r"^([一二三四五六七八九十]+|\([一二三四五六七八九十]+\)|\d+\.?|\(\d+\))$")
# Mirrors in traditional characters: answers give the unit in simplified characters, so names are not looked up.
TRADITIONAL = {name for name in TEXTS if "-trad" in name}


def _answer(name: str) -> dict:
    folder, file = name.split("/")
    return EXPECTED[FIXTURES / folder][file]


def _body(name: str) -> str:
    text = (FIXTURES / name).read_text(encoding="utf-8")
    return text.split("\n", 1)[1]


def _normalised(text: str) -> str:
    """The document text with its brackets and full stops in the notation of the answers."""
    table = str.maketrans({"（": "(", "）": ")", "．": ".", "﹒": ".", "〔": "(", "〕": ")"})
    text = text.translate(table)
    text = re.sub(r"(?m)^(\s*\d+)、", r"\1.", text)  # an item number with 、 as its full stop: 1、 is 1.
    return re.sub(r"\([a-zü\u0101-\u01dc]+\)", "", text)  # pinyin glosses some mirrors insert: 一(yī)


def _balanced(name: str) -> bool:
    depth = 0
    for char in _normalised(name):
        depth += {"(": 1, ")": -1}.get(char, 0)
        if depth < 0:
            return False
    return depth == 0


@pytest.mark.parametrize("folder", SETS, ids=lambda f: f.name)
def test_every_text_has_answers_and_every_answer_a_text(folder: Path):
    texts = sorted(p.name for p in folder.glob("*.txt"))
    assert texts, f"no documents in {folder}"
    assert sorted(EXPECTED[folder]) == texts


def test_no_document_is_in_both_sets():
    names = [name.split("/")[1] for name in TEXTS]
    assert len(names) == len(set(names))


@pytest.mark.parametrize("name", TEXTS)
def test_first_line_names_source_and_completeness(name):
    first = (FIXTURES / name).read_text(encoding="utf-8").split("\n", 1)[0]
    assert re.match(r"^# SOURCE: \S+.* \| COMPLETENESS: \S", first), first


@pytest.mark.parametrize("name", TEXTS)
def test_answers_use_the_documented_notation(name):
    items = _answer(name)["items"]
    assert items
    paths = [tuple(item["path"]) for item in items]
    assert len(paths) == len(set(paths)), "a path is listed twice"
    for item in items:
        assert set(item) <= {"path", "assign", "deadlines", "truncated", "open_ended", "note"}, item
        assert item["path"] and all(LABEL.match(label) for label in item["path"]), item["path"]
        assert item.get("open_ended", True) is True and item.get("truncated", True) is True, item
        if item.get("truncated"):
            assert "assign" not in item and "open_ended" not in item, "a truncated item has no bracket to read"
            continue
        assert item["assign"], item["path"]
        for unit, role in item["assign"]:
            assert unit and role in ROLES, (unit, role)
            # A name split at a 、 inside its brackets (各县(市 | 区)人民政府) is two halves of one group.
            assert _balanced(unit), unit
        units = [unit for unit, _ in item["assign"]]
        assert len(units) == len(set(units)), f"{item['path']}: a unit is listed twice"
        for deadline in item.get("deadlines", []):
            assert DEADLINE.match(deadline), deadline


@pytest.mark.parametrize("name", TEXTS)
def test_every_label_is_printed_in_the_document(name):
    body = _normalised(_body(name))
    for item in _answer(name)["items"]:
        for label in item["path"]:
            if re.fullmatch(r"\d+", label):  # a table row numbered by its order, not printed
                continue
            printed = label + "、" if re.fullmatch(r"[一二三四五六七八九十]+", label) else label
            assert printed in body, (item["path"], printed)


@pytest.mark.parametrize("name", sorted(set(TEXTS) - TRADITIONAL))
def test_every_unit_is_named_in_the_document(name):
    # Whitespace is ignored: a PDF's text layer breaks names across lines (知\n识产权局).
    body = re.sub(r"\s", "", _normalised(_body(name)))
    for item in _answer(name)["items"]:
        for unit, _ in item.get("assign", []):
            assert re.sub(r"\s", "", _normalised(unit)) in body, (item["path"], unit)


@pytest.mark.parametrize("name", sorted(set(TEXTS) - TRADITIONAL))
def test_open_ended_lists_end_in_deng(name):
    body = re.sub(r"\s", "", _normalised(_body(name)))
    for item in _answer(name)["items"]:
        if item.get("open_ended"):
            assert any(re.sub(r"\s", "", unit) + "等" in body for unit, _ in item["assign"]), item["path"]
