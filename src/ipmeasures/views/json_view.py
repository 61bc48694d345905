"""JSON: the view's documented document, UTF-8 (Chinese kept readable), stable key order."""

from __future__ import annotations

import json

from ipmeasures.views.base import View


def render(view: View, **_options) -> str:
    return json.dumps(view.data, ensure_ascii=False, indent=2) + "\n"
