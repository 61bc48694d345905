"""Text as it arrives → text to store and text to match.

Two forms of every line, of the SAME length so that an offset found in one is valid in the other:

- stored text: the document's characters, cleaned of extraction artifacts only (spaces and line breaks
  inside Chinese text, pinyin glosses a mirror inserted after characters: 發(fā));
- folded text, for matching only: traditional characters read as simplified, full-width brackets, digits
  and letters as ASCII, so that one set of patterns reads every spelling.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ipmeasures.policy.hanzi import to_simplified

# A pinyin syllable in brackets right after a Chinese character: a mirror's gloss (發(fā)), not text.
_GLOSS = re.compile(r"(?<=[\u3400-\u9fff])[(（][a-zàáâãäāǎèéêëēěìíîïīǐòóôõöōǒùúûüūǔǖǘǚǜńňǹḿ]{1,7}[)）]")
_SPACE = re.compile(r"[\s\u3000\u00a0\u200b\ufeff]+")
_ASCII_WORD = re.compile(r"[A-Za-z0-9%.]")

# Characters folded one for one (full-width forms, brackets, separators).
_FOLD = {"（": "(", "）": ")", "［": "[", "］": "]", "，": "，", "：": ":", "；": "；", "．": ".", "﹒": ".",
         "﹝": "〔", "﹞": "〕", "【": "[", "】": "]", "〈": "<", "〉": ">", "　": " "}


@lru_cache(maxsize=1)
def _folds() -> dict[int, str]:
    table: dict[int, str] = {}
    for wide in range(0xFF10, 0xFF5B):  # full-width digits and letters
        ch = chr(wide)
        if ch.isalnum():
            table[wide] = chr(wide - 0xFEE0)
    for src, dst in _FOLD.items():
        table[ord(src)] = dst
    return table


def fold(text: str) -> str:
    """The matching form of cleaned text: same length, simplified characters, ASCII brackets and digits.
    (ipmeasures.policy.hanzi's table maps one character to one, so offsets stay valid.)"""
    return to_simplified(text).translate(_folds())


def strip_glosses(text: str) -> str:
    """Remove pinyin glosses inserted after characters (發(fā) → 發)."""
    return _GLOSS.sub("", text)


def clean_line(raw: str) -> str:
    """One source line cleaned of artifacts: glosses removed, whitespace removed except between two ASCII
    words (`5G 运用` → `5G运用`, `Open API` stays)."""
    text = strip_glosses(raw)
    parts = _SPACE.split(text.strip())
    out = parts[0] if parts else ""
    for part in parts[1:]:
        if not part:
            continue
        if out and _ASCII_WORD.match(out[-1]) and _ASCII_WORD.match(part[0]):
            out += " "
        out += part
    return out


def join_text(left: str, right: str) -> str:
    """Join a line to the text before it: no space inside Chinese text, one between ASCII words."""
    if left and right and _ASCII_WORD.match(left[-1]) and _ASCII_WORD.match(right[0]):
        return left + " " + right
    return left + right
