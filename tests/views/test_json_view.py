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
