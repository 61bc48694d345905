"""The one translation function for user-facing text; Chinese is the source language.

Catalogs live in ipmeasures/locale/<lang>/LC_MESSAGES/ipmeasures.mo. gettext is imported only when a
catalog for the chosen language exists: a Chinese run (the default) pays nothing for it.
"""

from __future__ import annotations

import os

_LOCALE_DIR = os.path.join(os.path.dirname(__file__), "locale")
_DOMAIN = "ipmeasures"


def _load():
    lang = os.environ.get("IPM_LANG", "zh")
    if not os.path.exists(os.path.join(_LOCALE_DIR, lang, "LC_MESSAGES", _DOMAIN + ".mo")):
        return None
    import gettext

    return gettext.translation(_DOMAIN, _LOCALE_DIR, languages=[lang], fallback=True)


_translations = _load()


def _(message: str) -> str:
    """Translate a user-facing message (msgid is the Chinese text)."""
    return message if _translations is None else _translations.gettext(message)
