"""jsontext: the one JSON writer of every output (issue 13), and its rule for outside text (issue 12, item 3).

What it writes is compared with json.dumps under the same settings (the standard library is the reference);
that what it writes is inert is checked character class by character class, from the escaping rules.
"""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from ipmeasures.cli import cli
from ipmeasures.jsontext import dumps, encode, inert_record, lines

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "ipmeasures"

scalars = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | st.text()
keys = st.text() | st.integers() | st.booleans() | st.none() | st.floats(allow_nan=False, allow_infinity=False)
json_values = st.recursive(
    scalars,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(keys, children, max_size=4),
    max_leaves=20)

# What a terminal or a CI log acts on, as escaping lists it, but the line feeds of the layout.
LIVE = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]|##\\[")


@settings(deadline=None)
@given(json_values, st.sampled_from([None, 1, 2, 4]))
def test_encode_writes_what_json_dumps_writes(value, indent) -> None:
    assert encode(value, indent=indent) == json.dumps(value, ensure_ascii=False, indent=indent)


@settings(deadline=None)
@given(json_values, st.integers(min_value=0, max_value=5))
def test_a_value_placed_deeper_reads_as_the_whole_document_writes_it(value, level) -> None:
    nested: object = value
    for _ in range(level):
        nested = [nested]
    whole = json.dumps(nested, ensure_ascii=False, indent=2)
    opening = "".join("[\n" + "  " * (depth + 1) for depth in range(level))
    closing = "".join("\n" + "  " * depth + "]" for depth in reversed(range(level)))
    assert whole == opening + encode(value, level=level) + closing


@settings(deadline=None)
@given(json_values, st.sampled_from([None, 1, 2]))
def test_dumps_means_the_same_and_shows_nothing_live(value, indent) -> None:
    text = dumps(value, indent=indent)
    assert json.loads(text) == json.loads(json.dumps(value, ensure_ascii=False))
    assert LIVE.search(text) is None


@pytest.mark.parametrize("text", ["\u202e反转", "\x85", "\x9b31m", "a\u2028b", "\u2066x\u2069", "##[error]x",
                                  "x##[stop-commands]y", "\x1b[2J", "\x07"])
def test_each_live_character_is_a_json_escape(text) -> None:
    written = dumps({"title": text})
    assert LIVE.search(written) is None
    assert json.loads(written) == {"title": text}


@settings(deadline=None)
@given(st.lists(json_values, max_size=5))
def test_lines_are_each_value_as_dumps_writes_it_on_one_line(values) -> None:
    assert lines(values, ",\n    ") == ",\n    ".join(dumps(value, indent=None) for value in values)


@pytest.mark.parametrize("value", [float("nan"), float("inf"), object(), {"k": {1, 2}}, {(1, 2): "tuple key"}])
def test_refuses_what_json_cannot_represent(value) -> None:
    for indent in (None, 2):
        with pytest.raises((ValueError, TypeError)):
            encode(value, indent=indent)


def test_an_outside_record_is_inert_in_its_value_and_its_bytes() -> None:
    record = {"file": "a\x1b[31m.yaml", "unit": "::error::x", "note": "\u202e##[group]"}
    text = inert_record(record)
    assert LIVE.search(text) is None
    assert json.loads(text) == {"file": "a\\x1b[31m.yaml", "unit": "\\x3a:error::x", "note": "\\u202e\\x23#[group]"}


_WRITERS = {"dump", "dumps", "JSONEncoder", "encode_basestring", "encode_basestring_ascii", "py_encode_basestring",
            "c_make_encoder"}


def json_writers(source: str) -> list[int]:
    """The lines of `source` that write JSON by themselves: json.dump(s), a JSONEncoder, json's string
    escapers imported (reading JSON, json.loads, is fine)."""
    def writes(node: ast.AST) -> bool:
        if isinstance(node, ast.Attribute):
            return isinstance(node.value, ast.Name) and node.value.id in ("json", "_json") and node.attr in _WRITERS
        if isinstance(node, ast.ImportFrom):
            return ((node.module or "").split(".")[0] in ("json", "_json")
                    and any(alias.name in _WRITERS for alias in node.names))
        return False

    return [node.lineno for node in ast.walk(ast.parse(source)) if writes(node)]


def test_no_module_but_jsontext_writes_json() -> None:
    """Every JSON output goes through the one writer and its settings."""
    offenders = [f"{path.relative_to(PACKAGE)}:{line}" for path in sorted(PACKAGE.rglob("*.py"))
                 if path.name != "jsontext.py" for line in json_writers(path.read_text(encoding="utf-8"))]
    assert offenders == []


@pytest.mark.parametrize("source", ["import json\njson.dumps({})\n", "import json\nx = json.dump\n",
                                    "from json import dumps\n", "import json\njson.JSONEncoder().encode(1)\n",
                                    "from _json import encode_basestring as q\n",
                                    "from json.encoder import py_encode_basestring\n"])
def test_the_walk_sees_each_way_of_writing_json(source) -> None:
    assert json_writers(source)
    assert not json_writers("import json\njson.loads('1')\n")


def test_import_writes_a_documents_hostile_text_as_json_escapes(tmp_path) -> None:
    """`ipm import --format json` carries an outside document's text as data: the same value, nothing live."""
    source = tmp_path / "分工方案.txt"
    source.write_text("一、总体要求\n（一）加强\u202e保护##[error]x\x85。（市公安局负责，2022年底前）\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["import", str(source), "--format", "json"], catch_exceptions=False)
    assert result.exit_code == 0, result.stderr
    assert LIVE.search(result.stdout) is None
    titles = [item["title"] for item in json.loads(result.stdout)["items"]]
    assert any("\u202e保护##[error]x" in title for title in titles), titles
