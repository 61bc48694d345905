"""The one translation function for user-facing text; Chinese is the source language.

The language is `--lang zh|en`, else IPM_LANG, else the locale (LC_ALL, LC_MESSAGES, LANG), else
Chinese. Catalogs live in ipmeasures/locale/<lang>/LC_MESSAGES/ipmeasures.mo; gettext is imported only
when the chosen language has one, so a Chinese run (the default) pays nothing for it.

`--lang` is read from the command line here, before click parses it, because help texts are
translated when their modules are imported; click's eager `--lang` callback calls `set_language`
for runs that do not come through sys.argv (tests).
"""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterable

LANGUAGES = ("zh", "en")
_LOCALE_DIR = os.path.join(os.path.dirname(__file__), "locale")
_DOMAIN = "ipmeasures"
_translations = None
language = "zh"


def _from_argv(argv: list[str]) -> str | None:
    for i, arg in enumerate(argv):
        if arg == "--":
            break
        if arg == "--lang" and i + 1 < len(argv):
            return argv[i + 1]
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
    return None


def _from_locale() -> str | None:
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var, "")
        if value:
            code = value.split(".")[0].split("_")[0].lower()
            return code if code in LANGUAGES else None
    return None


def detect_language(argv: list[str] | None = None) -> str:
    """The language a run should speak: --lang, IPM_LANG, the locale, then Chinese."""
    for candidate in (_from_argv(sys.argv[1:] if argv is None else argv), os.environ.get("IPM_LANG"),
                      _from_locale()):
        if candidate:
            code = candidate.lower().split("_")[0].split("-")[0]
            if code in LANGUAGES:
                return code
    return "zh"


def set_language(lang: str) -> None:
    """Switch the language of every message translated from now on."""
    global _translations, language
    language = lang
    _translations = None
    if lang == "zh" or not os.path.exists(os.path.join(_LOCALE_DIR, lang, "LC_MESSAGES", _DOMAIN + ".mo")):
        return
    import gettext

    _translations = gettext.translation(_DOMAIN, _LOCALE_DIR, languages=[lang], fallback=True)


def _(message: str) -> str:
    """Translate a user-facing message (msgid is the Chinese text)."""
    return message if _translations is None else _translations.gettext(message)


def N_(message: str) -> str:  # the conventional name of gettext's no-op marker
    """Mark a message for the catalog without translating it: for tables of labels that `_()` translates
    at use (`_(ROLE_LABELS[role])`), since the language can change after the table is built."""
    return message


def join_names(names: Iterable[str]) -> str:
    """Names or labels as one list: 市公安局、市法院 in Chinese; "; " in English, where names have commas."""
    # Translators: the separator of a list of names; English unit names contain commas, so use "; ".
    return _("、").join(names)


set_language(detect_language())
