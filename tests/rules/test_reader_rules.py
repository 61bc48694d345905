"""Reader rules own their findings (issue 13): invalid-report, bad-period, encoding and yaml-pitfall are found
while a file is read, but each is built by its own module's `finding()`, from its `ID` and `SEVERITY`.

The severities are flipped with monkeypatch and the reports checked through the whole pipeline: a finding
that still carries the old severity was built somewhere with a hard-coded one.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from ipmeasures.findings import Severity
from ipmeasures.rules import RULES, bad_period, encoding, invalid_report, yaml_pitfall

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "reports"
PASSING = FIXTURES / "pass" / "市人大常委会办公室-2022-H1.yaml"
# The rules whose findings the readers, the parser and the checker make from a message and a place.
# (too-many-findings, also reader scope, has its own finding(file, left_out, limit, line): tests/hostile/test_findings_cap.py.)
READER_RULES = [bad_period, encoding, invalid_report, yaml_pitfall]


def test_the_reader_rules_are_the_ones_the_readers_report() -> None:
    reader_scope = sorted(module.ID for module in RULES.values() if module.SCOPE == "reader")
    assert reader_scope == ["bad-period", "encoding", "invalid-report", "too-many-findings", "yaml-pitfall"]


@pytest.mark.parametrize("module", READER_RULES, ids=lambda m: m.ID)
def test_each_reader_rule_has_a_finding_factory_with_its_id_and_severity(module) -> None:
    found = module.finding("消息", file="r.yaml", line=3, column=5, field="items.0.status", measure=2)
    assert (found.rule_id, found.severity) == (module.ID, module.SEVERITY)
    assert (found.file, found.line, found.column, found.field, found.measure) == ("r.yaml", 3, 5, "items.0.status", 2)
    assert found.message == "消息"


def _flipped(severity: Severity) -> Severity:
    return Severity.WARNING if severity is Severity.ERROR else Severity.ERROR


def _text(*, period: str = "2022-H1", extra: str = "") -> str:
    text = PASSING.read_text(encoding="utf-8")
    assert "period: 2022-H1\n" in text
    return text.replace("period: 2022-H1\n", f"period: {period}\n") + extra


# (rule module, file name, the report's bytes): each trips exactly that reader rule once.
CASES = [
    (invalid_report, "typo.yaml", lambda: _text(extra="stauts: 推进中\n").encode("utf-8")),
    (invalid_report, "tab.yaml", lambda: b"unit: x\n\tperiod: 2022-H1\n"),
    (bad_period, "month13.yaml", lambda: _text(period="2022-13").encode("utf-8")),
    (bad_period, "words.yaml", lambda: _text(period="上半年").encode("utf-8")),
    (encoding, "gbk.yaml", lambda: _text().encode("gb18030")),
    (encoding, "utf16.yaml", lambda: _text().encode("utf-16")),
    (yaml_pitfall, "hash.yaml", lambda: _text(extra="contact: 张三 #3号楼\n").encode("utf-8")),
]


@pytest.mark.parametrize(("module", "name", "data"), CASES, ids=[c[1] for c in CASES])
def test_the_pipeline_carries_the_modules_severity(check, tmp_path, monkeypatch, module, name, data) -> None:
    path = tmp_path / name
    path.write_bytes(data())
    before = [f.severity for f in check(str(path)) if f.rule_id == module.ID]
    assert before == [module.SEVERITY]
    monkeypatch.setattr(module, "SEVERITY", _flipped(module.SEVERITY))
    after = [f.severity for f in check(str(path)) if f.rule_id == module.ID]
    assert after == [module.SEVERITY]


def test_a_path_that_does_not_exist_is_an_invalid_report_with_the_modules_severity(check, tmp_path, monkeypatch):
    monkeypatch.setattr(invalid_report, "SEVERITY", Severity.WARNING)
    findings = check(str(tmp_path / "nowhere.yaml"))
    assert [(f.rule_id, f.severity) for f in findings] == [("invalid-report", Severity.WARNING)]
