"""Names of units and groups as people write them, normalised for lookup, and the name index built from them.

The loader stores the index in the compiled data cache; the catalog resolves names with it. Neither imports
the other for it: both import this module.
"""

from __future__ import annotations

from ipmeasures.policy.numbering import PARENS

# What a name typed in a sentence or copied from a document carries around it: the sentence's punctuation
# (市公安局。 市公安局，) and quotes or title marks (“市公安局” 《市公安局》). Never parentheses: 市委宣传部（市版权局）.
_SURROUNDING = "。．.，,、；;：:！!？?…“”‘’\"'「」『』《》〈〉<>【】[]"


def canon(name: str, city: str = "", prefix: str = "") -> str:
    """A name with the parts people add or drop removed: spaces, surrounding punctuation and quotes, 中共, the
    jurisdiction's name.

    `city` is the data's jurisdiction (units.yaml), e.g. 惠州市 or 四川省, and `prefix` what stands for it
    in short names (default its last character, 市 or 省): 惠州市公安局 and 市公安局 are one name,
    四川省工商局 and 省工商局 another.
    """
    text = "".join(name.split()).translate(PARENS).strip(_SURROUNDING)
    text = text.removeprefix("中共")
    if city and text.startswith(city):
        text = (prefix or city[-1]) + text[len(city):]
    return text.casefold()


def pinyin_key(query: str) -> str:
    """A canonical query as a pinyin key (gong'an-ju -> gonganju, lü -> lv); "" unless it is ASCII."""
    text = query.replace("ü", "v")
    if not text.isascii():
        return ""
    return "".join(ch for ch in text if "a" <= ch <= "z")


def build_name_index(compiled: dict) -> dict:
    """Every name a unit or group goes by, normalised (see canon), and every pinyin key: plain data.

    {"names": {key: (kind, name)}, "pinyin": {key: [(kind, name), ...]}}; kind is "unit" or "group".
    """
    units, groups = compiled["units_file"]["units"], compiled["units_file"]["groups"]
    city, prefix = jurisdiction(compiled)
    names: dict[str, tuple[str, str]] = {}
    for group in groups:
        names[canon(group["name"], city, prefix)] = ("group", group["name"])
    for unit in units:
        for name in (unit["name"], unit.get("full_name"), *unit["signs"], *unit["aliases"], unit.get("english")):
            if name:
                names.setdefault(canon(name, city, prefix), ("unit", unit["name"]))
    for group in groups:  # last: an (unofficial) English name never shadows a name
        if group.get("english"):
            names.setdefault(canon(group["english"], city, prefix), ("group", group["name"]))
    pinyin: dict[str, list[tuple[str, str]]] = {}
    for kind, items in (("group", groups), ("unit", units)):
        for item in items:
            for key in item.get("pinyin", ()):
                targets = pinyin.setdefault(key, [])
                if (kind, item["name"]) not in targets:
                    targets.append((kind, item["name"]))
    return {"names": names, "pinyin": pinyin}


def jurisdiction(compiled: dict) -> tuple[str, str]:
    units_file = compiled["units_file"]
    city = units_file.get("jurisdiction") or units_file.get("city") or ""
    return city, units_file.get("prefix") or city[-1:]
