"""The one translation function for user-facing text; Chinese is the source language."""

from __future__ import annotations

import gettext
import os
from pathlib import Path

_LOCALE_DIR = Path(__file__).parent / "locale"


def _load() -> gettext.NullTranslations:
    lang = os.environ.get("IPM_LANG", "zh")
    return gettext.translation("ipmeasures", _LOCALE_DIR, languages=[lang], fallback=True)


_translations = _load()


def _(message: str) -> str:
    """Translate a user-facing message (msgid is the Chinese text)."""
    return _translations.gettext(message)
