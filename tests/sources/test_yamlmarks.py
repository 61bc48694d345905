"""Marks found in the node tree when asked (sources.yamlmarks.NodeMarks): every path of the built value has
its mark, nothing else has one, and each points at where its text begins."""

from __future__ import annotations

import datetime as dt

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from ipmeasures.sources.yamldoc import load_yaml

DOC = """\
unit: 市公安局
items:
  - measure: 7
    evidence: [惠公发〔2022〕3号, "第二份"]
  - {task: 2, status: completed}
3: one
true: yes
null: nothing
2022-06-30: a day
"quoted key": q
nested:
  - - deep
"""


def at(text: str, mark: tuple[int, int]) -> str:
    line, column = mark
    return text.splitlines()[line - 1][column - 1:]


@pytest.fixture(scope="module")
def loaded():
    return load_yaml("doc.yaml", DOC.encode())


@pytest.mark.parametrize(("path", "value_at", "key_at"), [
    ((), "unit: 市公安局", None),
    (("unit",), "市公安局", "unit: 市公安局"),
    (("items",), "- measure: 7", "items:"),
    (("items", 0), "measure: 7", None),
    (("items", 0, "measure"), "7", "measure: 7"),
    (("items", 0, "evidence", 1), '"第二份"]', None),
    (("items", 1), "{task: 2", None),
    (("items", 1, "status"), "completed}", "status: completed}"),
    ((3,), "one", "3: one"),
    ((True,), "yes", "true: yes"),
    ((None,), "nothing", "null: nothing"),
    ((dt.date(2022, 6, 30),), "a day", "2022-06-30: a day"),
    (("quoted key",), "q", '"quoted key": q'),
    (("nested", 0, 0), "deep", None),
])
def test_each_path_points_at_its_text(loaded, path, value_at, key_at):
    assert at(DOC, loaded.marks[path]).startswith(value_at)
    assert path in loaded.marks and loaded.marks.get(path) == loaded.marks[path]
    if key_at is None:
        assert path not in loaded.key_marks and loaded.key_marks.get(path) is None
    else:
        assert at(DOC, loaded.key_marks[path]) == key_at


@pytest.mark.parametrize("path", [
    ("units",), ("items", 2), ("items", -1), ("items", "0"), ("items", 0, "task"), ("unit", 0), (2,), ("nested", 0, 1),
    ("items", 0, "evidence", 0, "x"),
])
def test_a_path_not_written_has_no_mark(loaded, path):
    assert path not in loaded.marks and loaded.marks.get(path) is None and loaded.key_marks.get(path) is None
    with pytest.raises(KeyError):
        loaded.marks[path]


def test_the_nearest_written_ancestor_stands_in_for_a_missing_value(loaded):
    assert loaded.mark(("items", 0, "status")) == loaded.marks[("items", 0)]
    assert loaded.mark(("nowhere", 3)) == (1, 1)


def paths(value, prefix=()):
    """Every path of a built value (the root, each container and each leaf), and each mapping entry's."""
    values, entries = [prefix], []
    if isinstance(value, dict):
        for key, item in value.items():
            entries.append(prefix + (key,))
            more_values, more_entries = paths(item, prefix + (key,))
            values += more_values
            entries += more_entries
    elif isinstance(value, list):
        for index, item in enumerate(value):
            more_values, more_entries = paths(item, prefix + (index,))
            values += more_values
            entries += more_entries
    return values, entries


leaves = st.one_of(st.none(), st.booleans(), st.integers(-10**6, 10**6), st.text("甲乙ab :-#'\"", max_size=6))
keys = st.one_of(st.text("甲乙abc", min_size=1, max_size=4), st.integers(0, 99))
documents = st.recursive(leaves, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                         st.dictionaries(keys, inner, max_size=4)), max_leaves=20)


@settings(max_examples=150, deadline=None)
@given(value=st.dictionaries(keys, documents, min_size=1, max_size=5), flow=st.booleans())
def test_the_marks_are_exactly_the_paths_of_the_value(value, flow):
    text = yaml.safe_dump(value, allow_unicode=True, default_flow_style=flow, sort_keys=False)
    loaded = load_yaml("gen.yaml", text.encode())
    assert loaded.value == value
    values, entries = paths(value)
    assert list(loaded.marks) == values and len(loaded.marks) == len(values)
    assert list(loaded.key_marks) == entries
    for path in entries:  # a key's mark is where the key is written: the same line as, and before, its value's
        key_line, key_column = loaded.key_marks[path]
        value_line, value_column = loaded.marks[path]
        assert (key_line, key_column) < (value_line, value_column)
        written = at(text, (key_line, key_column))
        assert written.startswith((str(path[-1]), "'", '"')), (path, written)
