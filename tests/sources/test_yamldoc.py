"""yamldoc.load_yaml: every hostile input of issue 6 gets a SourceError with a location, or is read correctly.

Expected lines and columns are read off the inline texts by hand (1-based).
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import textwrap

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from tests.paths import REPO

from ipmeasures.errors import SourceError
from ipmeasures.sources.yamldoc import MAX_DEPTH, load_yaml

SRC = str(REPO / "src")
REPORT = "unit: 市公安局\nperiod: 2022-H1\nitems:\n  - measure: 1\n    status: 推进中\n"
REPORT_VALUE = {"unit": "市公安局", "period": "2022-H1", "items": [{"measure": 1, "status": "推进中"}]}


def load(data: bytes | str, **options):
    return load_yaml("r.yaml", data.encode("utf-8") if isinstance(data, str) else data, **options)


def refused(data: bytes | str, **options) -> SourceError:
    with pytest.raises(SourceError) as info:
        load(data, **options)
    return info.value


# --- encodings -----------------------------------------------------------------------------------


def test_utf8_with_bom_is_read_and_the_bom_is_not_a_column():
    loaded = load(b"\xef\xbb\xbf" + REPORT.encode())
    assert loaded.value == REPORT_VALUE and loaded.encoding == "utf-8-sig" and loaded.warnings == []
    assert loaded.key_marks[("unit",)] == (1, 1) and loaded.marks[("unit",)] == (1, 7)


def test_crlf_line_endings_are_read_with_the_same_lines():
    loaded = load(REPORT.replace("\n", "\r\n"))
    assert loaded.value == REPORT_VALUE and loaded.lines == 5
    assert loaded.marks[("items", 0, "status")] == (5, 13)


def test_gb18030_is_decoded_with_a_warning_naming_it():
    loaded = load(REPORT.encode("gb18030"))
    assert loaded.value == REPORT_VALUE and loaded.encoding == "gb18030"
    assert len(loaded.warnings) == 1 and "GB18030" in loaded.warnings[0] and "UTF-8" in loaded.warnings[0]


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_with_a_bom_is_decoded_with_a_warning(codec):
    bom = {"utf-16": b"", "utf-16-le": b"\xff\xfe", "utf-16-be": b"\xfe\xff"}[codec]
    loaded = load(bom + REPORT.encode(codec))
    assert loaded.value == REPORT_VALUE and loaded.encoding == "utf-16"
    assert "UTF-16" in loaded.warnings[0]


def test_utf16_without_a_bom_is_refused_as_not_text():
    error = refused(REPORT.encode("utf-16-le"))
    assert "NUL" in error.message and "UTF-8" in error.message


def test_binary_bytes_are_refused():
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256))
    assert "NUL" in refused(png).message
    error = refused(b"unit: x\n\xff\xfe\xfd\x80\x80")  # no NUL, neither UTF-8 nor GB18030
    assert error.line == 2 and "UTF-8" in error.message and "GB18030" in error.message


def test_control_characters_in_the_raw_text_are_refused_with_their_position():
    error = refused("unit: 市公安局\nperiod: 2022\x07-H1\n")
    assert (error.line, error.column) == (2, 13) and "U+0007" in error.message


# --- YAML hazards ------------------------------------------------------------------------------------


def test_duplicate_keys_are_refused_at_the_second_one():
    error = refused("unit: 市公安局\nperiod: 2022-H1\nunit: 市法院\n")
    assert (error.line, error.column, error.field) == (3, 1, "unit") and "unit" in error.message


def test_duplicate_keys_in_an_item_are_refused():
    error = refused("items:\n  - measure: 1\n    status: completed\n    status: blocked\n")
    assert (error.line, error.field) == (4, "items.0.status")


@pytest.mark.parametrize(("text", "line"), [
    ("unit: 市公安局\n\tperiod: 2022-H1\n", 2),
    ("items:\n  - measure: 1\n\tstatus: completed\n", 3),
    ("\tunit: 市公安局\n", 1),
])
def test_tab_indentation_is_refused_with_a_plain_message(text, line):
    error = refused(text)
    assert error.line == line and "Tab" in error.message


def test_a_tab_inside_text_is_kept():
    assert load("progress: |\n  一、开展培训\n  \t（一）专题培训\n").value == {"progress": "一、开展培训\n\t（一）专题培训\n"}


def test_an_empty_file_has_no_value_and_no_lines():
    loaded = load(b"")
    assert loaded.value is None and loaded.lines == 0 and loaded.marks == {}


def test_a_comments_only_file_has_no_value_but_lines():
    loaded = load("# 市公安局 2022-H1\n# 待填写\n")
    assert loaded.value is None and loaded.lines == 2


def test_top_level_list_and_scalar_are_values():
    assert load("- unit: 市公安局\n").value == [{"unit": "市公安局"}]
    assert load("市公安局\n").value == "市公安局"


def test_items_with_nothing_under_it_is_null_with_a_mark():
    loaded = load("unit: 市公安局\nitems:\n")
    assert loaded.value == {"unit": "市公安局", "items": None} and loaded.key_marks[("items",)] == (2, 1)


BOMB = textwrap.dedent("""\
    a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
    b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
    c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
    d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
    e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
    f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
    g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
    h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
    i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
    """)


def run_isolated(code: str) -> subprocess.CompletedProcess:
    """Run code in a fresh interpreter: a crash (segfault) or a runaway expansion fails the test, not pytest.

    The timeout is a guard against a hang, far above the milliseconds these take; it is not a measurement.
    """
    return subprocess.run([sys.executable, "-c", code], check=False, capture_output=True, text=True, timeout=120,
                          env=dict(os.environ, PYTHONPATH=SRC, PYTHONIOENCODING="utf-8"))


def test_an_alias_bomb_is_refused_without_expanding_it():
    # 9^9 = 387,420,489 strings if expanded: a loader that expanded it would run out of memory or time.
    code = ("from ipmeasures.sources.yamldoc import load_yaml\nfrom ipmeasures.errors import SourceError\n"
            f"try:\n    load_yaml('bomb.yaml', {BOMB.encode()!r})\nexcept SourceError as e:\n"
            "    print(e.line, e.field, e.message)\nelse:\n    print('accepted')\n")
    result = run_isolated(code)
    assert result.returncode == 0, result.stderr
    line, field, message = result.stdout.split(" ", 2)
    assert (line, field) == ("1", "b.0")  # the first alias, *a in b; the node it names is on line 1
    assert "别名" in message and "lol" not in message and len(message) < 300


def test_a_single_alias_is_refused_too():
    error = refused("a: &x 市公安局\nb: *x\n")
    assert error.field == "b" and "别名" in error.message


@pytest.mark.parametrize("text", [
    "[" * 100_000 + "]" * 100_000,
    "a: " + "{a: " * 100_000 + "1" + "}" * 100_000,
    "- " * 100_000 + "x\n",
    "".join(" " * i + "- \n" for i in range(1200)),
], ids=["flow-sequences", "flow-mappings", "compact-block-sequences", "indented-block-sequences"])
def test_deep_nesting_is_refused_without_crashing(text):
    code = ("from ipmeasures.sources.yamldoc import load_yaml\nfrom ipmeasures.errors import SourceError\n"
            "import sys\ntext = sys.stdin.read()\n"
            "try:\n    load_yaml('deep.yaml', text.encode())\nexcept SourceError as e:\n    print(e.line, e.message)\n")
    result = subprocess.run([sys.executable, "-c", code], check=False, input=text, capture_output=True, text=True, timeout=120,
                            env=dict(os.environ, PYTHONPATH=SRC, PYTHONIOENCODING="utf-8"))
    assert result.returncode == 0, result.stderr[-2000:]  # -11 would be a segfault
    assert str(MAX_DEPTH) in result.stdout and "嵌套" in result.stdout


@pytest.mark.parametrize("line_break", ["\n", "\r\n", "\r", "\x85", "\u2028", "\u2029"],
                         ids=["LF", "CRLF", "CR", "NEL", "LS", "PS"])
def test_nesting_by_indentation_is_measured_whatever_the_line_breaks(line_break):
    # Each line one blank deeper than the last opens a mapping: MAX_DEPTH + 6 of them, with YAML's every kind of
    # line break. The cheap bound looks for deep line openings after a line break; missing one kind of break
    # would let the file past the exact count (and a deep enough one crash the recursive composer).
    from ipmeasures.sources.yamldoc import _check_depth

    text = line_break.join(" " * level + "k:" for level in range(MAX_DEPTH + 6)) + " 1" + line_break
    with pytest.raises(SourceError, match="嵌套"):
        _check_depth("deep.yaml", text)
    _check_depth("shallow.yaml", line_break.join(["a: |", " " * 80 + "text", "b: 1", ""]))  # deep text, not nesting


def test_nesting_just_over_the_limit_is_refused_and_under_it_read():
    assert "嵌套" in refused("a: " + "[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1)).message
    value = load("a: " + "[" * (MAX_DEPTH - 2) + "1" + "]" * (MAX_DEPTH - 2)).value
    depth = 0
    node = value["a"]
    while isinstance(node, list):
        node, depth = node[0], depth + 1
    assert (node, depth) == (1, MAX_DEPTH - 2)


def test_python_tags_are_never_executed(tmp_path):
    marker = tmp_path / "pwned"
    for text in (f"a: !!python/object/apply:os.system ['touch {marker}']\n",
                 f"!!python/object/apply:os.system\nargs: ['touch {marker}']\n",
                 "a: !!python/name:os.system\n"):
        error = refused(text)
        assert "!!python/" in error.message and error.line == 1
    assert not marker.exists()


@pytest.mark.parametrize("text", ["a: !custom x\n", "a: !!binary aGk=\n", "a: !!set {x}\n", "!foo\n- 1\n"])
def test_other_unknown_tags_are_refused(text):
    assert "标签" in refused(text).message


def test_core_tags_are_allowed():
    assert load("a: !!str 2022\nb: !!int '7'\nc: ! 5\n").value == {"a": "2022", "b": 7, "c": 5}


def test_merge_keys_multiple_documents_and_complex_keys_are_refused():
    assert "<<" in refused("a: {x: 1}\n<<: {y: 2}\n").message
    assert refused("a: 1\n---\nb: 2\n").line == 2
    assert refused("? [a, b]\n: c\n").line == 1


def test_syntax_errors_carry_libyaml_s_position():
    error = refused("unit: 市公安局\nperiod: [2022\nitems: x\n")
    assert error.line is not None and error.column is not None


def test_an_oversize_file_is_refused_before_it_is_read(tmp_path):
    big = tmp_path / "big.yaml"
    with open(big, "wb") as handle:
        handle.truncate(1 << 30)  # 1 GiB, sparse: reading it would take seconds and a gigabyte
    with pytest.raises(SourceError) as info:
        load_yaml(str(big))
    assert str(1 << 30) in info.value.message and str(1 << 20) in info.value.message
    assert "--max-bytes" in info.value.message


def test_max_bytes_applies_to_given_bytes_and_can_be_raised(tmp_path):
    assert "--max-bytes" in refused(REPORT, max_bytes=10).message
    path = tmp_path / "r.yaml"
    path.write_text(REPORT, encoding="utf-8")
    assert load_yaml(str(path), max_bytes=len(REPORT.encode())).value == REPORT_VALUE


def test_unreadable_paths_are_source_errors(tmp_path):
    with pytest.raises(SourceError):
        load_yaml(str(tmp_path / "missing.yaml"))
    with pytest.raises(SourceError):
        load_yaml(str(tmp_path))


# --- values and marks -------------------------------------------------------------------------------


def test_scalars_resolve_like_yaml_1_1():
    value = load("a: 2022-07-05\nb: 0752\nc: '1:30'\nd: 1_000\ne: .inf\nf: ~\ng: yes\nh: '0752'\n"
                 "i: 2022-07-05 10:11:12\nj: 0x1F\nk: -1.5\n").value
    assert value == {"a": dt.date(2022, 7, 5), "b": 0o752, "c": "1:30", "d": 1000, "e": float("inf"), "f": None,
                     "g": True, "h": "0752", "i": dt.datetime(2022, 7, 5, 10, 11, 12), "j": 31, "k": -1.5}


def test_an_impossible_date_is_refused():
    error = refused("submitted: 2022-02-30\n")
    assert (error.line, error.column, error.field) == (1, 12, "submitted")


def test_marks_of_values_and_keys():
    loaded = load(REPORT)
    assert loaded.marks[()] == (1, 1)
    assert loaded.marks[("items",)] == (4, 3)
    assert loaded.marks[("items", 0)] == (4, 5)
    assert loaded.key_marks[("items", 0, "status")] == (5, 5)
    assert loaded.marks[("items", 0, "status")] == (5, 13)  # columns count characters, not bytes


def test_the_reader_never_changes_the_file(tmp_path):
    path = tmp_path / "r.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + REPORT.replace("\n", "\r\n").encode())
    before = path.read_bytes(), path.stat().st_mtime_ns
    load_yaml(str(path))
    assert (path.read_bytes(), path.stat().st_mtime_ns) == before


scalars = st.one_of(
    st.integers(-10**12, 10**12), st.booleans(), st.none(), st.dates(dt.date(1900, 1, 1), dt.date(2999, 12, 31)),
    st.floats(allow_nan=False), st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), max_size=20),
)
documents = st.recursive(scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(st.text(st.characters(codec="utf-8", exclude_categories=(
        "Cs", "Cc")), min_size=1, max_size=8), inner, max_size=4)), max_leaves=20)


@settings(max_examples=200, deadline=None)
@given(documents, st.booleans())
def test_values_equal_pyyaml_safe_load(document, flow):
    text = yaml.safe_dump(document, allow_unicode=True, default_flow_style=flow)
    assert load(text).value == yaml.load(text, Loader=yaml.CSafeLoader)


@pytest.mark.parametrize("value", ["中文", "推进中", "yes", "Yes please", "No", "off", "On", "~", "null", "Null x", "=",
                                   "<<", "0x1F", "0o17", "017", "1_000", "-1", "+1", "+.inf", ".nan", ".5", "1.5e3",
                                   "2022-01-05", "2022-1-5 10:00:00", "2022年", "true", "TRUE", "tRUE", "fALSE", "",
                                   "\u3000全角", "１２", "٣", "a:b", "t", "y", "n", "o", "Infinity"])
def test_the_fast_resolver_tags_every_plain_scalar_as_pyyaml_does(value):
    """_Loader answers `str` for a plain scalar whose first character starts no implicit type, without asking
    PyYAML's resolver: every answer must be the resolver's."""
    import yaml

    from ipmeasures.sources.yamldoc import _Loader

    text = f"k: {value}\n" if value else "k:\n"
    loader = _Loader(text)
    try:
        ours = loader.get_single_node().value[0][1].tag
    finally:
        loader.dispose()
    assert ours == yaml.compose(text, Loader=yaml.SafeLoader).value[0][1].tag


@pytest.mark.parametrize("text", ["2022-01-05", "2024-02-29", "2023-02-29", "2022-13-01", "2022-00-10", "2022-02-30",
                                  "0000-01-01", "9999-12-31", "2022-01-05 10:00:00",
                                  "2022-01-05T10:00:00Z", "2022-01-05 1:02:03 +08:00"])
def test_dates_read_as_pyyaml_reads_them(text):
    """to_timestamp reads YYYY-MM-DD with fromisoformat first: every answer (or refusal) must be PyYAML's."""
    import yaml

    from ipmeasures.sources.yamlscalars import to_timestamp

    try:
        expected = yaml.safe_load(f"d: {text}")["d"]
    except ValueError:
        with pytest.raises(ValueError):
            to_timestamp(text)
    else:
        assert to_timestamp(text) == expected
