"""JSON: the view's documented document, UTF-8 (Chinese kept readable), stable key order.

Written with the C string escaper json itself uses (`_json.encode_basestring`) instead of importing the
json package: on `ipm owner … --format json` that import is a few per cent of the whole start-up budget
(issue 7). The output is what json.dumps(ensure_ascii=False, indent=2) writes; tests compare the two.
"""

from __future__ import annotations

import math

from ipmeasures.views.base import View

try:
    from _json import encode_basestring as _quote
except ImportError:  # an interpreter without the C accelerator
    from json.encoder import py_encode_basestring as _quote


def dumps(value: object, indent: str = "") -> str:
    """value as indented JSON: dicts, lists and tuples, str, int, float, bool and None."""
    if isinstance(value, str):
        return _quote(value)
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, (int, float)):
        if isinstance(value, float) and not math.isfinite(value):
            raise ValueError(f"not representable in JSON: {value!r}")
        return repr(value) if isinstance(value, float) else str(value)
    inner = indent + "  "
    if isinstance(value, dict):
        if not value:
            return "{}"
        items = (f"{inner}{_quote(str(key))}: {dumps(item, inner)}" for key, item in value.items())
        return "{\n" + ",\n".join(items) + "\n" + indent + "}"
    if isinstance(value, (list, tuple)):
        if not value:
            return "[]"
        return "[\n" + ",\n".join(inner + dumps(item, inner) for item in value) + "\n" + indent + "]"
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")


def render(view: View, **_options) -> str:
    from ipmeasures.escaping import json_text

    # The data files' and reports' text as the same JSON value, with nothing a terminal or CI log acts on.
    return json_text(dumps(view.data)) + "\n"
