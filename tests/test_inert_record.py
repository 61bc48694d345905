"""jsontext.inert_record: the JSON text of each report's `reports` record, made inert where it is made.

It must mean what inert_value makes of the record on every spelling of every class inert() escapes (control
characters, bidi controls, workflow commands at a line start or after blanks, `##[`), in values, nested
lists and keys; and write a clean record exactly as json.dumps does."""

from __future__ import annotations

import json

import pytest

from ipmeasures.escaping import inert, inert_value
from ipmeasures.jsontext import inert_record as inert_json

HOSTILE = ["a\x1b[31m.yaml", "\x07", "line\nbreak", "cr\rhere", "tab\there", "\x7f", "\x85", "\x9b2J",
           "::error file=x::boom", "  ::warning::w", "\t::notice::n", "x\n::error::y", "a ##[group]b",
           "##[stop-commands]t", "\u202etxt", "\u2066iso", "\u2028sep", "\u061c", "back\\slash"]


@pytest.mark.parametrize("text", HOSTILE)
def test_every_hostile_spelling_is_escaped_as_inert_value_escapes_it(text):
    for record in ({"file": text}, {"statuses": [{"status": text, "ref": "(五)"}]}, {text: 1},
                   {"lights": [{"light": "green"}, {"note": [text]}]}):
        assert json.loads(inert_json(record)) == inert_value(record)
    if inert(text) != text:
        assert json.loads(inert_json({"file": text})) != {"file": text}


def test_a_clean_record_is_written_as_json_dumps_writes_it():
    record = {"file": "reports/2022-H1/市公安局.yaml", "unit": "市公安局", "period": "2022-H1", "submitted": None,
              "statuses": [{"measure": 9, "task": None, "status": "completed", "ref": "(九)"}],
              "lights": [{"measure": 9, "task": None, "light": "green"}]}
    assert inert_json(record) == json.dumps(record, ensure_ascii=False)


# Finding.inert() first scans all its text at once (escaping.all_inert): for every hostile spelling in any one
# field, the answer must be what escaping each field on its own gives.
FINDING_TEXT = ("rule_id", "message", "file", "field", "unit", "item", "cell", "change")


@pytest.mark.parametrize("text", HOSTILE)
@pytest.mark.parametrize("name", FINDING_TEXT)
def test_a_finding_is_inert_whichever_field_holds_the_hostile_text(text, name):
    from ipmeasures.findings import Finding, Severity

    values = {field: "clean" for field in FINDING_TEXT}
    values[name] = text
    finding = Finding(severity=Severity.ERROR, **values).inert()
    assert {field: getattr(finding, field) for field in FINDING_TEXT} == {
        field: inert(value) for field, value in values.items()}


@pytest.mark.parametrize("texts", [["a::b"], ["#", "#[x]"], ["ok", "::error::x"], ["a #", "#[", "b"], ["", ""]])
def test_all_inert_is_only_true_when_inert_changes_nothing(texts):
    from ipmeasures.escaping import all_inert

    if all_inert(texts):
        assert all(inert(text) == text for text in texts)


def test_all_inert_passes_clean_text_in_one_scan():
    from ipmeasures.escaping import all_inert

    assert all_inert(["missing-duty", "缺少措施 19 的一项：请补写。", "reports/a b.yaml", "items.3"])
    assert not all_inert(["ok", "ok\x1b[2J"])


# inert() and json_text() first test for `::`, `##[` and one character class, and only then run the full
# pattern: for every BMP character, alone and around the workflow-command forms, the answer is the full
# pattern's.
AROUND = ["{c}", "a{c}b", "::{c}", "  ::x{c}", "x\n::y{c}", "{c}##[e]", "\t::{c}", "a:{c}:b", "#{c}#["]


@pytest.mark.parametrize("multiline", [False, True])
def test_inert_answers_as_its_full_pattern_for_every_character(multiline):
    from ipmeasures import escaping

    inert("")  # compile the lazy patterns
    pattern = escaping._UNSAFE_TEXT if multiline else escaping._UNSAFE_LINE
    for code in range(0x10000):
        if 0xD800 <= code <= 0xDFFF:
            continue
        for form in AROUND:
            text = form.format(c=chr(code))
            assert inert(text, multiline=multiline) == pattern.sub(escaping._visible, text), (hex(code), form)


def test_json_text_answers_as_its_full_pattern_for_every_character():
    from ipmeasures import escaping

    escaping.json_text("")
    for code in range(0x20, 0x10000):
        if 0xD800 <= code <= 0xDFFF or chr(code) in '"\\':
            continue
        for form in ('"{c}"', '"##[{c}"', '"a{c}##["', '[\n  "{c}"\n]'):
            document = form.format(c=chr(code))
            expected = escaping._JSON_UNSAFE.sub(
                lambda m: "\\u0023#[" if len(m.group()) > 1 else f"\\u{ord(m.group()):04x}", document)
            assert escaping.json_text(document) == expected, hex(code)


def test_no_character_an_escape_pattern_matches_is_printable():
    """inert(), all_inert() and json_text() let text through unscanned when str.isprintable() passes it: that
    is only sound if every character the patterns match is one isprintable() refuses, over all of Unicode."""
    import re

    from ipmeasures import escaping

    classes = [re.compile(f"[\x00-\x1f{escaping._OTHER_UNSAFE}]"), re.compile(f"[{escaping._OTHER_UNSAFE}]")]
    for code in range(0x110000):
        char = chr(code)
        if char.isprintable():
            assert not any(c.match(char) for c in classes), hex(code)
