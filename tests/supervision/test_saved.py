"""A saved result read as a stream (`supervision.saved`): any layout of the same JSON gives the same records,
however the pieces of the file fall; anything wrong is said as the whole-document reader says it.

Pieces of a few bytes make every value, key, number and separator fall across a piece boundary somewhere.
The expected records are the ones written into each test's file; json.loads (the reader a user's own tools
would use) confirms that each layout holds them.
"""

from __future__ import annotations

import json

import pytest

from ipmeasures.errors import IpmError
from ipmeasures.supervision import saved

A = {"rule": "missing-evidence", "severity": "error", "file": "r/a.yaml", "line": 123456, "column": 7,
     "unit": "市公安局", "measure": 5, "task": None, "field": "items.0.evidence", "message": "缺 evidence：“文号”",
     "suppressed": False}
B = {"rule": "empty-progress", "severity": "warning", "file": "r/b.yaml", "line": None, "unit": None,
     "message": "a \\ \" \u2028 \t b"}
REPORT = {"file": "r/a.yaml", "unit": "市公安局", "period": "2022-H1", "statuses": [{"measure": 5, "status": "completed"}]}

LAYOUTS = {
    "ipm's own (indent 2, a record a line)": '{\n  "summary": {"files": 2},\n  "findings": [\n    '
    + json.dumps(A, ensure_ascii=False) + ",\n    " + json.dumps(B, ensure_ascii=False) + '\n  ],\n  "reports": [\n    '
    + json.dumps(REPORT, ensure_ascii=False) + "\n  ]\n}\n",
    "one line, ASCII escapes": json.dumps({"findings": [A, B], "reports": [REPORT]}),
    "indented by four, CRLF": json.dumps({"findings": [A, B], "reports": [REPORT]}, indent=4).replace("\n", "\r\n"),
    "reports first, tabs": json.dumps({"reports": [REPORT], "x": {"findings": 1}, "findings": [A, B]},
                                      indent="\t", ensure_ascii=False),
    "byte-order mark": "\ufeff" + json.dumps({"findings": [A, B], "reports": [REPORT]}, ensure_ascii=False),
    "no blanks at all": json.dumps({"findings": [A, B], "reports": [REPORT]}, separators=(",", ":")),
    "the findings key twice (the last counts)": '{"findings": [{"rule": "x", "severity": "error"}], "reports": '
    + json.dumps([REPORT]) + ', "findings": ' + json.dumps([A, B]) + "}",
}


def scan(path, **options):
    records: list[dict] = []
    result = saved.scan_saved(str(path), records.append, restart=records.clear, **options)
    return records, result


@pytest.mark.parametrize("piece", [3, 64, 1 << 20])
@pytest.mark.parametrize("layout", sorted(LAYOUTS))
def test_every_layout_gives_the_records_it_holds(tmp_path, monkeypatch, layout, piece):
    monkeypatch.setattr(saved, "_PIECE", piece)
    path = tmp_path / "saved.json"
    path.write_text(LAYOUTS[layout], encoding="utf-8")
    assert json.loads(path.read_text(encoding="utf-8-sig"))["findings"] == [A, B]  # the layout holds them
    records, result = scan(path)
    assert records == [A, B]
    assert result.reports == [REPORT]
    assert list(saved.saved_findings(result)) == [A, B]  # and again, for the resolved ones


def test_the_layout_ipm_writes_is_never_read_whole(tmp_path, monkeypatch):
    """Only a file with something wrong in it (or a key twice) is read whole."""
    def whole(path):
        raise AssertionError("read whole")

    monkeypatch.setattr(saved, "_whole", whole)
    monkeypatch.setattr(saved, "_PIECE", 5)
    path = tmp_path / "saved.json"
    path.write_text(LAYOUTS["ipm's own (indent 2, a record a line)"], encoding="utf-8")
    records, result = scan(path, keep_reports=False)
    assert records == [A, B] and result.reports == [] and not result.whole


def test_without_reports_they_are_none(tmp_path):
    path = tmp_path / "saved.json"
    path.write_text('{"findings": []}', encoding="utf-8")
    records, result = scan(path)
    assert records == [] and result.reports is None
    path.write_text('{"findings": [], "reports": null}', encoding="utf-8")
    assert scan(path)[1].reports is None


# Where json.loads puts each error, counted by hand in the text: line, then column (1-based).
@pytest.mark.parametrize("text, where", [
    ('{"findings": [\n  {"rule": "x", "severity": "error"},\n  {"rule": }\n]}', ":3:12:"),
    ('{"findings": [\n  {"rule": "x", "severity": "error"}\n  {"rule": "y"}\n]}', ":3:3:"),  # no comma
    ('{"findings": [], "reports": []}\n{"x": 1}', ":2:1:"),  # extra data
    ('{"findings": ["unterminated]}', ":1:15:"),
])
@pytest.mark.parametrize("piece", [2, 1 << 20])
def test_a_syntax_error_names_the_line_and_column_json_does(tmp_path, monkeypatch, text, where, piece):
    monkeypatch.setattr(saved, "_PIECE", piece)
    path = tmp_path / "bad.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(IpmError) as caught:
        scan(path)
    message = str(caught.value)
    assert message.startswith(f"{path}{where}") and "不是有效的 JSON" in message


@pytest.mark.parametrize("piece", [4, 1 << 20])
def test_a_bad_record_after_many_good_ones_is_named_by_its_index(tmp_path, monkeypatch, piece):
    monkeypatch.setattr(saved, "_PIECE", piece)
    path = tmp_path / "bad.json"
    path.write_text(json.dumps({"findings": [A] * 30 + [{**A, "line": "7"}]}), encoding="utf-8")
    with pytest.raises(IpmError, match=r"findings\.30\.line"):
        scan(path)


def test_text_that_is_not_utf8_is_said_so_wherever_it_is(tmp_path, monkeypatch):
    monkeypatch.setattr(saved, "_PIECE", 8)
    path = tmp_path / "bad.json"
    path.write_bytes(b'{"findings": [' + json.dumps(A).encode() + b', {"rule": "\xff\xfe"}]}')
    with pytest.raises(IpmError, match="不是 UTF-8"):
        scan(path)
