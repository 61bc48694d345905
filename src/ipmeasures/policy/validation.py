"""The checks the policy-data models run on their text: stray spaces, control characters, ids, duplicates."""

from __future__ import annotations

import re

from ipmeasures.i18n import _

# Whitespace next to a CJK character is a PDF-extraction artifact ("知识 产权"); Chinese has none.
_CJK = r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef“”‘’]"
_STRAY_SPACE = re.compile(rf"{_CJK}\s|\s{_CJK}")


def clean_text(value: str) -> str:
    match = _STRAY_SPACE.search(value)
    if match:
        raise ValueError(_("中文旁有多余的空白（PDF 提取的瑕疵），在“{near}”附近：请删除。").format(
            near=value[max(0, match.start() - 8):match.end() + 8]))
    return value


# Characters no policy text has, and that would act in a terminal or reorder what it shows: C0 controls
# but tab and line feed, DEL, C1 controls, bidirectional controls, line/paragraph separators.
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def texts(value: object):
    """The strings of a field's value: itself, or those in its lists and dicts (models check their own)."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from texts(item)
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from texts(key)
            yield from texts(item)


def require_contiguous_ids(items: list, what: str) -> None:
    ids = [item.id for item in items]
    expected = list(range(1, len(ids) + 1))
    if ids != expected:
        raise ValueError(_("{what}的 id 应为 1、2、3……依次排列，不能跳号或重复；现在是 {ids}。").format(
            what=_(what), ids=ids))


def require_unique(values: list[str], what: str) -> None:
    seen: set[str] = set()
    for value in values:
        if value in seen:
            raise ValueError(_("{what}“{value}”重复列出：每个只能出现一次。").format(what=_(what), value=value))
        seen.add(value)
