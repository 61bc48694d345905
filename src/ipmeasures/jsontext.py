"""JSON text: the one writer of every JSON document and record ipm outputs, and its one rule for outside text.

The settings, once: UTF-8 text (`ensure_ascii=False`: Chinese stays readable), keys in the order given (the
order of the shapes the README documents), no NaN or infinity (not JSON), `indent` spaces per level (2 for
documents, 1 for the ledger's, None for a one-line record in a stream); the text is what `json.dumps` writes
with the same settings (tests compare the two).

The rule for outside text in JSON (issue 12, item 3), the same as in every other output:

- text a run reads from outside -- reports and their file names, saved results, waiver files -- is made
  inert where it enters an output (`escaping.inert`: ESC written out as `\\x1b`), so the JSON *value* shows
  it written out, as the table, SARIF and JUnit do; `inert_record()` does that for a record on its way here;
- every JSON text, whatever it carries (a data file's names, an imported document's text, ipm's own words),
  has the characters a terminal or a CI log would act on written as JSON escapes (`escaping.json_text`: C1
  and bidirectional controls, line separators, the `#` of `##[`; JSON itself escapes C0 controls): the
  value is unchanged, and the bytes show nothing live.

Documents are written without importing the json package, with the C string escaper json itself uses: on
`ipm owner … --format json` that import is a few per cent of the start-up budget (issue 7). One-line
records, written by the thousand as a check streams, use json's C encoder.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from ipmeasures.escaping import inert_value, json_text

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

    from ipmeasures.outputs import TextSink

try:
    from _json import encode_basestring as _quote
except ImportError:  # an interpreter without the C accelerator
    from json.encoder import py_encode_basestring as _quote

_encode_line: Callable[[object], str] | None = None


def quote(text: str) -> str:
    """A JSON string literal, as json.dumps(text, ensure_ascii=False) writes it (for text built from parts)."""
    return _quote(text)


def dumps(value: object, *, indent: int | None = 2, level: int = 0) -> str:
    """The JSON text of `value` as ipm writes it: `encode()`, with nothing in it a terminal or CI log acts on."""
    return json_text(encode(value, indent=indent, level=level))


def encode(value: object, *, indent: int | None = 2, level: int = 0) -> str:
    """`value` (dicts, lists and tuples, str, int, float, bool and None) as json.dumps(value,
    ensure_ascii=False, indent=indent) writes it; `level`: how deep in a larger document the text is placed
    (its inner lines are indented as they would be there). No escaping beyond JSON's own: see dumps()."""
    if indent is None:
        return (_encode_line or _line_encoder())(value)
    return _indented(value, " " * (indent * level), " " * indent)


def write(value: object, out: TextSink, *, indent: int = 2) -> None:
    """dumps(value) written onto `out` a piece at a time: a lazy sequence in it (`is_lazy`: rows read back from
    a spool) is written an element at a time, never held whole; the text is the same as dumps() writes."""
    _write(value, out, "", " " * indent)


def is_lazy(value: object) -> bool:
    """A sequence given one element at a time, written as a JSON list: it says so (`json_list`, as
    views.base.Rows does), has a length and can be iterated (again)."""
    return getattr(type(value), "json_list", False) is True


def _holds_lazy(value: object) -> bool:
    if isinstance(value, dict):
        items: Iterable[object] = value.values()
    elif isinstance(value, (list, tuple)):
        items = value
    else:
        return is_lazy(value)
    return any(_holds_lazy(item) for item in items if not isinstance(item, _SCALARS) and item is not None)


_SCALARS = (str, int, float)


def _write(value: object, out: TextSink, pad: str, step: str) -> None:
    if not _holds_lazy(value):
        out.write(json_text(_indented(value, pad, step)))
        return
    inner = pad + step
    if isinstance(value, dict):
        out.write("{")
        for index, (key, item) in enumerate(value.items()):
            out.write(("," if index else "") + "\n" + inner + json_text(_quote(_key(key))) + ": ")
            _write(item, out, inner, step)
        out.write("\n" + pad + "}")
        return
    if not len(value):  # type: ignore[arg-type]
        out.write("[]")
        return
    out.write("[")
    for index, item in enumerate(value):  # type: ignore[arg-type]
        out.write(("," if index else "") + "\n" + inner)
        _write(item, out, inner, step)
    out.write("\n" + pad + "]")


def lines(values: list, separator: str) -> str:
    """The one-line JSON texts of `values` joined by `separator` (which holds no `#`), as dumps(value,
    indent=None) writes each: a check writes a report's findings this way, with one json_text() scan."""
    encode_line = _encode_line or _line_encoder()
    return json_text(separator.join(map(encode_line, values)))


def _line_encoder() -> Callable[[object], str]:
    """json.JSONEncoder(ensure_ascii=False, allow_nan=False).encode, made once. Its encode() builds json's
    C encoder anew on every call, which cost a check streaming thousands of findings as much as the writing
    itself; built once here, and used only when it writes a probe exactly as encode() does (else encode())."""
    global _encode_line
    import json  # json only when needed: a query's start-up never imports it
    from json import encoder

    standard = json.JSONEncoder(ensure_ascii=False, allow_nan=False)
    _encode_line = standard.encode
    try:
        # markers None: no circular-reference bookkeeping (ipm's records are trees)
        chunks = encoder.c_make_encoder(None, standard.default, encoder.encode_basestring, None,  # type: ignore[attr-defined, misc]
                                        standard.key_separator, standard.item_separator, False, False, False)
    except (AttributeError, TypeError):  # no C accelerator, or another signature: encode() it is
        return _encode_line
    probe: dict[str, object] = {"文件": "a\x1b\"b", "n": [1, -2.5, None, True, False, {}, []], "x": {"y": "\u2028"}}

    def fast(value: object) -> str:
        return "".join(chunks(value, 0))

    try:
        same = fast(probe) == _encode_line(probe)
    except Exception:  # noqa: BLE001 - any surprise from a private interface: keep encode()
        same = False
    if same:
        _encode_line = fast
    return _encode_line


def _indented(value: object, pad: str, step: str) -> str:
    if isinstance(value, str):
        return _quote(value)
    if isinstance(value, dict):
        if not value:
            return "{}"
        inner = pad + step
        items = (f"{inner}{_quote(_key(key))}: {_indented(item, inner, step)}" for key, item in value.items())
        return "{\n" + ",\n".join(items) + "\n" + pad + "}"
    if isinstance(value, (list, tuple)) or is_lazy(value):
        if not len(value):  # type: ignore[arg-type]
            return "[]"
        inner = pad + step
        return "[\n" + ",\n".join(inner + _indented(item, inner, step) for item in value) + "\n" + pad + "]"  # type: ignore[attr-defined]
    return _scalar(value)


def _scalar(value: object) -> str:
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        return int.__repr__(value)  # as json writes an IntEnum: its number
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError(f"not representable in JSON: {value!r}")
        return float.__repr__(value)
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")


def _key(key: object) -> str:
    """A dict key as json writes it: text as is, a number or true/false/null as its JSON text."""
    return key if isinstance(key, str) else _scalar(key)


def inert_record(record: object) -> str:
    """The one-line JSON text of a record from outside with every string in it (keys too) made inert, as
    escaping.inert_value() makes it: one scan of the text finds nothing to change in the common case, and
    only a record with something to escape is rebuilt and written again."""
    text = dumps(record, indent=None)
    # Whatever inert() would change shows in the text as a JSON escape (a backslash: every control
    # character, and what json_text() wrote as one) or as `::` (a line start inside a string is an escape).
    if "\\" in text or "::" in text:
        return dumps(inert_value(record), indent=None)
    return text
