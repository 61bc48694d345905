"""encoding: a report saved as GB18030 (GBK) or UTF-16 is read and checked, with a warning naming the encoding."""

from __future__ import annotations

from pathlib import Path

import pytest

from ipmeasures.findings import Severity

ID = "encoding"
FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "reports"


@pytest.mark.parametrize(("codec", "name"), [("gb18030", "GB18030"), ("gbk", "GB18030"), ("utf-16", "UTF-16")])
def test_fires_and_still_checks_the_report(check, tmp_path, codec, name):
    text = (FIXTURES / "pass" / "市人大常委会办公室-2022-H1.yaml").read_text(encoding="utf-8")
    path = tmp_path / "saved-by-wps.yaml"
    path.write_bytes(text.encode(codec))
    findings = check(str(path))
    assert [(f.rule_id, f.severity, f.line, f.column) for f in findings] == [(ID, Severity.WARNING, 1, 1)]
    assert name in findings[0].message and "UTF-8" in findings[0].message
    assert findings[0].unit == "市人大常委会办公室"  # decoded correctly: the unit resolved


def test_is_an_error_with_strict(check, tmp_path):
    text = (FIXTURES / "pass" / "市人大常委会办公室-2022-H1.yaml").read_text(encoding="utf-8")
    path = tmp_path / "gbk.yaml"
    path.write_bytes(text.encode("gbk"))
    assert [(f.rule_id, f.severity) for f in check(str(path), strict=True)] == [(ID, Severity.ERROR)]


def test_silent_on_utf8_with_and_without_bom(check, tmp_path):
    text = (FIXTURES / "pass" / "市人大常委会办公室-2022-H1.yaml").read_text(encoding="utf-8")
    (tmp_path / "bom.yaml").write_bytes(text.encode("utf-8-sig"))
    (tmp_path / "plain.yaml").write_bytes(text.encode("utf-8"))
    assert check(str(tmp_path / "bom.yaml")) == []
    assert check(str(tmp_path / "plain.yaml")) == []
