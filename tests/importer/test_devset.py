"""The development set (tests/fixtures/import: real documents with hand-read answers) scored as issue #15
scores the hidden evaluation set: items found ≥ 98 %, (item, unit) precision ≥ 0.98 and recall ≥ 0.95,
lead/support roles right on ≥ 95 %. The answers are hand-read (see that folder's README)."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures" / "import"
HOLDOUT = ROOT / "tests" / "fixtures" / "import-holdout"  # held out by the set's collector until read
BLIND2 = ROOT / "tests" / "fixtures" / "import-blind2"  # second blind round: answers written before any run


def _scorer():
    spec = importlib.util.spec_from_file_location("score_import", ROOT / "scripts" / "score_import.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _answers() -> dict[str, tuple[Path, dict]]:
    answers = {}
    for folder in (FIXTURES, HOLDOUT, BLIND2):
        if (folder / "expected.json").exists():
            for name, answer in json.loads((folder / "expected.json").read_text("utf-8")).items():
                answers[f"{folder.name}/{name}"] = (folder / name, answer)
    return answers


ANSWERS = _answers()
# Documents of the blind round (see the holdout README) that `ipm import` does not read yet: scored by
# scripts/score_import.py, kept out of the targets below, and expected to fail here until a fix lands (strict:
# a fix that makes one pass fails this test until the document is taken off this list).
BLIND_FAILURES: set[str] = set()


@pytest.fixture(scope="module")
def scores():
    scorer = _scorer()
    return {key: scorer.score_file(path, answer) for key, (path, answer) in ANSWERS.items()}


def test_overall_scores_meet_the_issue_targets(scores):
    keys = ("items", "found", "expected_pairs", "got_pairs", "matched", "marked", "marked_ok")
    total = {k: sum(s[k] for name, s in scores.items() if name not in BLIND_FAILURES) for k in keys}
    assert total["found"] / total["items"] >= 0.98
    assert total["matched"] / total["got_pairs"] >= 0.98
    assert total["matched"] / total["expected_pairs"] >= 0.95
    assert total["marked_ok"] / total["marked"] >= 0.95


@pytest.mark.parametrize("name", [
    pytest.param(name, marks=pytest.mark.xfail(strict=True, reason="blind round: not read yet"))
    if name in BLIND_FAILURES else name for name in sorted(ANSWERS)])
def test_every_item_of_every_document_is_found(scores, name):
    assert scores[name]["missing_items"] == []
