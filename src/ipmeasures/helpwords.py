"""Example words for help texts and messages, taken from the loaded document.

Help and messages show examples (`ipm owner 市公安局`, "for example unit: …"); written into the code, they
named one document's units whatever document was loaded. Help texts hold placeholders instead (`{unit}`,
`{document}`) that `fill` replaces with words of the loaded data, or with neutral words when none load.
Pure, and cheap: it reads the compiled data (the cache) that the caller has already loaded.
"""

from __future__ import annotations

from typing import Any

from ipmeasures.i18n import _


def example_unit(compiled: dict[str, Any]) -> str:
    """The first registry unit that carries a duty of the document, else the neutral word 单位名."""
    carriers = {a["name"] for d in compiled.get("duties", []) for a in d["assignees"] if a["type"] == "unit"}
    return next((u["name"] for u in compiled["units_file"]["units"] if u["name"] in carriers), _("单位名"))


def example_group(compiled: dict[str, Any]) -> str | None:
    """The first group of the registry that the document gives a duty, if any."""
    named = {a["name"] for d in compiled.get("duties", []) for a in d["assignees"] if a["type"] == "group"}
    return next((g["name"] for g in compiled["units_file"]["groups"] if g["name"] in named), None)


def document_name(compiled: dict[str, Any], english: bool = False) -> str:
    """The document as a sentence names it: its short title (or title), with its number where it has one."""
    document = compiled["document"]
    name = ((document.get("short_title_english") if english else None) or document.get("short_title")
            or document["title"])
    if document.get("number"):
        # Translators: a document's name, then its number in brackets.
        name = _("{title}（{number}）").format(title=name, number=document["number"])
    return name


def help_words(compiled: dict[str, Any] | None, english: bool = False) -> dict[str, str]:
    """The words the placeholders of help texts stand for: `{document}` and `{unit}`; neutral without data."""
    if compiled is None:
        return {"document": _("政策文件"), "unit": _("单位名")}
    return {"document": document_name(compiled, english), "unit": example_unit(compiled)}


def fill(text: str, words: dict[str, str]) -> str:
    """`text` with each `{name}` of `words` replaced; other braces are left as they are."""
    for name, word in words.items():
        text = text.replace("{" + name + "}", word)
    return text
