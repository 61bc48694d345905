"""Measure and task numbers as users write them: 7, "7", "七", "(七)", "（七）", "第七条".

Below the catalog, the report parser, the workbook layout and the waivers, which all read numbers this way.
"""

from __future__ import annotations

CHINESE_NUMERALS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
PARENS = str.maketrans({"（": "(", "）": ")", "〔": "(", "〕": ")",
                         **{chr(0xFF10 + d): str(d) for d in range(10)}})  # full-width digits, as IMEs type them


def chinese_numeral(text: str) -> int | None:
    """一 -> 1, 十九 -> 19, 二十二 -> 22 (1..99); None for anything else."""
    if not text or any(ch not in CHINESE_NUMERALS and ch != "十" for ch in text):
        return None
    if "十" not in text:
        return CHINESE_NUMERALS[text] if len(text) == 1 else None
    tens, _sep, ones = text.partition("十")
    if len(tens) > 1 or len(ones) > 1 or "十" in ones:
        return None
    return (CHINESE_NUMERALS[tens] if tens else 1) * 10 + (CHINESE_NUMERALS[ones] if ones else 0)


def parse_number(value: object) -> int | None:
    """A measure or task number as users write it: 7, "7", "七", "(七)", "（七）", "第七条"."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if not isinstance(value, str):
        return None
    text = "".join(value.split()).translate(PARENS)
    if text.startswith("第") and len(text) > 1:  # 第七条, 第3项
        text = text[1:-1] if text.endswith(("条", "项")) and len(text) > 2 else text[1:]
    if text.startswith("(") and text.endswith(")"):
        text = text[1:-1]
    if text.isascii() and text.isdigit():
        return int(text)
    return chinese_numeral(text)
