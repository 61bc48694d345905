"""escaping.inert_record: the JSON `reports` record of each report, made inert where it is made.

It must agree with inert_value on every spelling of every class inert() escapes (control characters, bidi
controls, workflow commands at a line start or after blanks, `##[`), in values, nested lists and keys; and
leave a clean record as it is (the same object: nothing to copy)."""

from __future__ import annotations

import pytest

from ipmeasures.escaping import inert, inert_record, inert_value

HOSTILE = ["a\x1b[31m.yaml", "\x07", "line\nbreak", "cr\rhere", "tab\there", "\x7f", "\x85", "\x9b2J",
           "::error file=x::boom", "  ::warning::w", "\t::notice::n", "x\n::error::y", "a ##[group]b",
           "##[stop-commands]t", "\u202etxt", "\u2066iso", "\u2028sep", "\u061c", "back\\slash"]


@pytest.mark.parametrize("text", HOSTILE)
def test_every_hostile_spelling_is_escaped_as_inert_value_escapes_it(text):
    for record in ({"file": text}, {"statuses": [{"status": text, "ref": "(五)"}]}, {text: 1},
                   {"lights": [{"light": "green"}, {"note": [text]}]}):
        assert inert_record(record) == inert_value(record)
    if inert(text) != text:
        assert inert_record({"file": text}) != {"file": text}


def test_a_clean_record_is_returned_as_it_is():
    record = {"file": "reports/2022-H1/市公安局.yaml", "unit": "市公安局", "period": "2022-H1", "submitted": None,
              "statuses": [{"measure": 9, "task": None, "status": "completed", "ref": "(九)"}],
              "lights": [{"measure": 9, "task": None, "light": "green"}]}
    assert inert_record(record) is record
