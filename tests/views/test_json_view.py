"""The one JSON writer (jsontext.encode, which the query views use) writes exactly what
json.dumps(ensure_ascii=False, indent=2) writes."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ipmeasures.jsontext import encode as dumps

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | st.text(),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(), children, max_size=4),
    max_leaves=20)


@settings(deadline=None)  # CI machines are slow and noisy; no timing in tests
@given(json_values)
def test_same_as_json_dumps(value) -> None:
    assert dumps(value) == json.dumps(value, ensure_ascii=False, indent=2)


def test_chinese_control_characters_and_quotes() -> None:
    value = {"unit": "市公安局", "text": 'a"b\\c\n\x01', "ids": [1, 2], "empty": {}, "none": None}
    assert dumps(value) == json.dumps(value, ensure_ascii=False, indent=2)


@pytest.mark.parametrize("value", [float("nan"), float("inf"), object()])
def test_refuses_what_json_cannot_represent(value) -> None:
    with pytest.raises((ValueError, TypeError)):
        dumps(value)


def _lazy(value):
    """`value` with every list given one element at a time (views.base.Rows), as `ipm diff` gives its findings."""
    from ipmeasures.views.base import Rows

    if isinstance(value, dict):
        return {key: _lazy(item) for key, item in value.items()}
    if isinstance(value, list):
        items = [_lazy(item) for item in value]
        return Rows(items, len(items), lambda item: item)
    return value


class _Pieces:
    def __init__(self) -> None:
        self.pieces: list[str] = []

    def write(self, text: str) -> None:
        self.pieces.append(text)


@settings(deadline=None)
@given(json_values)
def test_written_a_piece_at_a_time_is_the_same_text(value) -> None:
    """jsontext.write: a document whose lists come one element at a time is written as json.dumps writes the
    same document whole (JSON's value; the text that dumps(), tested above against json.dumps, writes)."""
    from ipmeasures.jsontext import dumps as ipm_dumps
    from ipmeasures.jsontext import write

    out = _Pieces()
    write(_lazy(value), out)
    text = "".join(out.pieces)
    assert text == ipm_dumps(value)
    assert json.loads(text) == value


def test_a_long_lazy_list_is_written_an_element_at_a_time() -> None:
    from ipmeasures.jsontext import write
    from ipmeasures.views.base import Rows

    made = []
    rows = Rows(range(3), 3, lambda n: made.append(n) or {"n": n})
    out = _Pieces()
    write({"findings": rows, "summary": {"new": 3}}, out)
    assert "".join(out.pieces) == ('{\n  "findings": [\n    {\n      "n": 0\n    },\n    {\n      "n": 1\n    },\n'
                                   '    {\n      "n": 2\n    }\n  ],\n  "summary": {\n    "new": 3\n  }\n}')
    assert made == [0, 1, 2] and len(out.pieces) > 3  # written as made, not joined first
