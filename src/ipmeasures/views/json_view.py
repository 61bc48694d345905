"""JSON: the view's documented document, written by the one JSON writer (`jsontext`): UTF-8 (Chinese kept
readable), stable key order, indented by two."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ipmeasures.views.base import View

if TYPE_CHECKING:
    from ipmeasures.outputs import TextSink


def render(view: View, **_options) -> str:
    from ipmeasures.jsontext import dumps

    return dumps(view.data) + "\n"


def write(view: View, out: TextSink, **_options) -> None:
    """render() written a piece at a time (a long list in the document an element at a time)."""
    from ipmeasures.jsontext import write as write_json

    write_json(view.data, out)
    out.write("\n")
