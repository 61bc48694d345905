#!/usr/bin/env python3
"""Fill the `pinyin` keys of data/units.yaml from the units' and groups' Chinese names (dev-time only).

    pip install -e '.[dev]'
    python scripts/build_pinyin.py              # rewrite data/units.yaml in place
    python scripts/build_pinyin.py --check      # exit 1 if the file is not up to date (CI)
    python scripts/build_pinyin.py --print      # show each name's readings, to check polyphones by eye

For every unit the keys come from its short `name`, its `signs` and its `aliases`; for a group, from its
`name`. For each such name, in order and without repeats: the full pinyin without tones, lower case,
no spaces (市公安局 -> shigonganju), its initials (sgaj), and the same two for the name without its
prefix (市, 惠州, and 市委/市直 as a whole: gonganju, gaj; 市委组织部 -> zuzhibu, zzb). A leading 中共
is dropped and 惠州市X is read as 市X, as the catalog does for Chinese names. See docs/data-format.md.

The file is edited as text, not re-dumped, so its comments and layout stay as they are: an existing
`pinyin:` entry is removed and a fresh one is written after the unit's `aliases:` (else `signs:`, else
`name:`) entry, or after a group's `name:` entry. Running the script twice gives the same file.

Queries never import pypinyin: the keys live in the data, so data loaded with `--data` without them
still resolves by its Chinese names.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

import yaml
from pypinyin import Style, lazy_pinyin

REPO = Path(__file__).resolve().parent.parent
UNITS_FILE = REPO / "data" / "units.yaml"
PLACE = "惠州"  # the city of the shipped data; --place for another city's data
WIDTH = 110

# Readings checked by eye for every name in data/units.yaml (python scripts/build_pinyin.py --print).
# pypinyin 0.55 reads all of them right; the polyphones among them are pinned here so that a change in
# pypinyin's dictionary cannot silently change the shipped keys. Add a phrase here when it reads one wrong.
READINGS: dict[str, str] = {
    "行政": "xing zheng",          # 行 xing, not hang
    "执法": "zhi fa",
    "常委会": "chang wei hui",      # 会 hui, not kuai
    "委员会": "wei yuan hui",
    "贸促会": "mao cu hui",         # 促 cu, not chuo
    "社会": "she hui",
    "检察": "jian cha",             # 察 cha, not cui
    "司法": "si fa",                # 司 si, not ci
    "改革": "gai ge",               # 革 ge, not ji
    "信息化": "xin xi hua",         # 信 xin, 化 hua
    "工信": "gong xin",
    "网信": "wang xin",
    "广电": "guang dian",           # 广 guang, not an
    "文广": "wen guang",
    "旅游": "lv you",               # 旅 lü, written lv as pinyin keyboards do; 游 you, not liu
    "体育": "ti yu",                # 体 ti, not ben
    "旅体": "lv ti",
    "部门": "bu men",               # 部 bu, not pou
    "市场": "shi chang",            # 场 chang; 市 shi, not fu
    "和": "he",                     # 发展和改革 …: he, not huo
}
_READING_RE = re.compile("|".join(sorted(map(re.escape, READINGS), key=len, reverse=True)))


def syllables(text: str) -> list[str]:
    """Toneless pinyin syllables of the Chinese characters in TEXT; other characters are dropped."""
    out: list[str] = []
    pos = 0
    for match in _READING_RE.finditer(text):
        out.extend(_pypinyin(text[pos:match.start()]))
        out.extend(READINGS[match.group()].split())
        pos = match.end()
    out.extend(_pypinyin(text[pos:]))
    return out


def _pypinyin(text: str) -> list[str]:
    if not text:
        return []
    result = lazy_pinyin(text, style=Style.NORMAL, errors="ignore", v_to_u=False)
    return [s.lower() for s in result if s.isascii() and s.isalpha()]


def variants(name: str, place: str) -> list[str]:
    """NAME as people write it, and without its place prefix: 市公安局 -> [市公安局, 公安局]."""
    text = re.sub(r"[^\u3400-\u9fff]", "", name)  # 各级党委、政府 -> 各级党委政府
    text = re.sub(r"^中共", "", text)
    if text.startswith(place + "市"):
        text = text[len(place):]
    forms = [text]
    # 市委组织部 is said 组织部, 市直有关部门 有关部门: drop the whole prefix, not just 市.
    for prefix in ("市委", "市直", "市", place):
        if text.startswith(prefix) and len(text) > len(prefix) + 1:
            forms.append(text[len(prefix):])
            break
    return forms


def keys_for(names: list[str], place: str) -> list[str]:
    """The pinyin keys for a unit's or group's names: full and initials, with and without the prefix."""
    keys: list[str] = []
    for name in names:
        for form in variants(name, place):
            syl = syllables(form)
            for key in ("".join(syl), "".join(s[0] for s in syl)):
                if key and key not in keys:
                    keys.append(key)
    return keys


def _flow_lines(indent: int, keys: list[str]) -> list[str]:
    """`pinyin: [a, b, …]` on one line, wrapped under the first key when longer than WIDTH."""
    head = " " * indent + "pinyin: ["
    lines: list[str] = []
    line = head
    for i, key in enumerate(keys):
        piece = key + ("]" if i == len(keys) - 1 else ",")
        if line not in (head, " " * len(head)) and len(line) + 1 + len(piece) > WIDTH:
            lines.append(line)
            line = " " * len(head)
        line += ("" if line in (head, " " * len(head)) else " ") + piece
    if not keys:
        line += "]"
    lines.append(line)
    return [ln + "\n" for ln in lines]


def _entries(node: yaml.MappingNode) -> dict[str, tuple[yaml.Node, yaml.Node]]:
    return {k.value: (k, v) for k, v in node.value if isinstance(k, yaml.ScalarNode)}


def _last_line(node: yaml.Node) -> int:
    """The 0-based last line a node's text is on (a block collection's own end mark is the next token's)."""
    if isinstance(node, yaml.ScalarNode):
        end = node.end_mark  # a block scalar (|, >) ends at column 0 of the line after it
        return end.line - 1 if end.column == 0 and end.line > node.start_mark.line else end.line
    if node.flow_style or not node.value:
        return node.end_mark.line
    children = node.value if isinstance(node, yaml.SequenceNode) else [n for pair in node.value for n in pair]
    return max(_last_line(child) for child in children)


def _plain(node: yaml.Node) -> object:
    if isinstance(node, yaml.ScalarNode):
        return node.value
    if isinstance(node, yaml.SequenceNode):
        return [_plain(n) for n in node.value]
    return {k.value: _plain(v) for k, v in node.value}


def rebuild(text: str, place: str = PLACE) -> str:
    """units.yaml's text with every unit's and group's `pinyin:` entry (re)written."""
    root = yaml.compose(text, Loader=yaml.SafeLoader)
    top = _entries(root)
    lines = text.splitlines(keepends=True)
    drop: set[int] = set()
    insert: dict[int, list[str]] = {}
    for section, anchors in (("groups", ("name",)), ("units", ("aliases", "signs", "name"))):
        if section not in top:
            continue
        for item in top[section][1].value:
            entries = _entries(item)
            if "pinyin" in entries:
                key, value = entries["pinyin"]
                drop.update(range(key.start_mark.line, _last_line(value) + 1))
            name = entries["name"][1].value
            names = [name]
            if section == "units":
                for field in ("signs", "aliases"):
                    if field in entries:
                        names.extend(_plain(entries[field][1]))  # type: ignore[arg-type]
            anchor_key = next(a for a in anchors if a in entries)
            key, value = entries[anchor_key]
            insert[_last_line(value)] = _flow_lines(key.start_mark.column, keys_for(names, place))
    out: list[str] = []
    for i, line in enumerate(lines):
        if i not in drop:
            out.append(line)
        out.extend(insert.get(i, []))
    return "".join(out)


def show(text: str, place: str) -> None:
    data = yaml.safe_load(text)
    for item in data.get("groups", []) + data.get("units", []):
        for name in [item["name"], *item.get("signs", []), *item.get("aliases", [])]:
            for form in variants(name, place):
                print(f"{item['name']}\t{form}\t{' '.join(syllables(form))}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", nargs="?", type=Path, default=UNITS_FILE, help="units.yaml to edit")
    parser.add_argument("--place", default=PLACE,
                        help=f"the city prefix dropped from names (default {PLACE})")
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--check", action="store_true", help="exit 1 if the file would change; write nothing")
    mode.add_argument("--print", action="store_true", help="print every name's syllables and exit")
    args = parser.parse_args(argv)
    text = args.file.read_text(encoding="utf-8")
    if args.print:
        show(text, args.place)
        return 0
    new = rebuild(text, args.place)
    if args.check:
        if new != text:
            print(f"{args.file}: pinyin keys are out of date; run scripts/build_pinyin.py", file=sys.stderr)
            return 1
        return 0
    if new != text:
        args.file.write_text(new, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
