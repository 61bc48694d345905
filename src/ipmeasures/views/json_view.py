"""JSON: the view's documented document, written by the one JSON writer (`jsontext`): UTF-8 (Chinese kept
readable), stable key order, indented by two."""

from __future__ import annotations

from ipmeasures.views.base import View


def render(view: View, **_options) -> str:
    from ipmeasures.jsontext import dumps

    return dumps(view.data) + "\n"
