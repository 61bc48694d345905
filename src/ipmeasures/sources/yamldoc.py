"""The one safe YAML reader: bytes -> plain Python values with a 1-based (line, column) per path.

Used for progress reports and the policy data alike. It refuses, with a `SourceError` that says where
and what to do, everything a hand-typed or hostile file can throw at it: oversize files, bytes that are
not text, syntax errors, tab indentation, duplicate keys, anchors and aliases (expansion bombs), tags
other than the YAML core ones (`!!python/...` is never constructed), merge keys and deep nesting.

Speed: libyaml composes the node tree (C), and one walk over it builds the values; PyYAML's pure-Python
constructor is not used, and the marks are found in the kept tree only when asked (`sources.yamlmarks`). Depth is bounded *before* libyaml composes, because the C
composer recurses and crashes the process on ~100,000 levels of `[[[[...`.

The bytes are decoded by `sources.decoding`; int, float and timestamp scalars are read by
`sources.yamlscalars`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, cast

import yaml

from ipmeasures.errors import SourceError
from ipmeasures.escaping import shorten
from ipmeasures.i18n import _
from ipmeasures.sources.decoding import check_printable, decode
from ipmeasures.sources.files import read_bounded, too_large
from ipmeasures.sources.yamlmarks import Mark, NodeMarks
from ipmeasures.sources.yamlscalars import Oversize, Sexagesimal, to_float, to_int, to_timestamp

MAX_DEPTH = 64  # real reports nest 4 levels deep, the policy data 5
DEFAULT_MAX_BYTES = 1 << 20

LIBYAML = bool(getattr(yaml, "__with_libyaml__", False))
_BaseLoader = yaml.CSafeLoader if LIBYAML else yaml.SafeLoader
_Scalar, _Sequence, _Mapping = yaml.ScalarNode, yaml.SequenceNode, yaml.MappingNode


_TAG = "tag:yaml.org,2002:"
STR, INT, FLOAT, BOOL, NULL, TIMESTAMP = (_TAG + t for t in ("str", "int", "float", "bool", "null", "timestamp"))
SEQ, MAP, MERGE, VALUE = (_TAG + t for t in ("seq", "map", "merge", "value"))

_TRUE = frozenset({"yes", "true", "on"})
# Indentation and block indicators at the start of a line; every YAML line break counts (\r alone too).
_deep_prefixes: dict[tuple[int, bool], re.Pattern[str]] = {}


def _deep_prefix(longest: int, text: str) -> re.Pattern[str]:
    """A line break followed by `longest` or more blanks and block indicators: a line that may open deeper than
    the cheap bound allows (one search, no list of lines). Where `\n` is the only line break in `text`, the
    pattern starts with that one character, which the regex engine finds by a plain scan: four times faster
    than trying a class of five at every character."""
    only_newline = not ("\r" in text or "\x85" in text or "\u2028" in text or "\u2029" in text)
    pattern = _deep_prefixes.get((longest, only_newline))
    if pattern is None:
        breaks = "\n" if only_newline else "[\r\n\x85\u2028\u2029]"
        pattern = _deep_prefixes[longest, only_newline] = re.compile(f"{breaks}[ \t?:-]{{{longest},}}")
    return pattern



@dataclass(slots=True)
class LoadedYaml:
    """A YAML document read safely: its value and where each part of it was written."""

    path: str
    value: Any
    marks: Mapping[tuple, Mark] = field(default_factory=dict)  # path -> value node position
    key_marks: Mapping[tuple, Mark] = field(default_factory=dict)  # path -> key node position (mapping entries)
    encoding: str = "utf-8"
    warnings: list[str] = field(default_factory=list)  # about how the bytes were read (encoding)
    lines: int = 0  # number of lines in the file; 0 for an empty file
    pitfalls: list = field(default_factory=list)  # keyboard.Pitfall: text that parses but not as typed
    sheet: str | None = None  # a workbook report (excel_reader.read_workbook): the sheet; marks are (row, column)

    def mark(self, path: tuple) -> Mark | None:
        """The value's position, or the nearest enclosing node's when the value is absent."""
        for end in range(len(path), -1, -1):
            found = self.marks.get(path[:end])
            if found is not None:
                return found
        return None


def load_yaml(path: str, data: bytes | None = None, *, max_bytes: int = DEFAULT_MAX_BYTES) -> LoadedYaml:
    """Read one YAML file (or `data`, its bytes) safely; raise SourceError on anything unsafe or unreadable.

    `path` names the file in messages; when `data` is None the file is read, but never more than
    `max_bytes` + 1 bytes of it.
    """
    if data is None:
        data = read_bounded(path, max_bytes)
    elif len(data) > max_bytes:
        raise too_large(path, len(data), max_bytes)
    text, encoding, warnings = decode(path, data)
    check_printable(path, text)
    lines = text.count("\n") + text.count("\r") - text.count("\r\n")
    if text and not text.endswith(("\n", "\r")):
        lines += 1
    _check_depth(path, text)
    # Plain UTF-8 goes to libyaml as the bytes it is (same marks, in characters): handing it the text would
    # only have it encode the text back to UTF-8.
    node = _compose(path, text, data if encoding == "utf-8" else None)
    if "\u3000" in text or "：" in text:
        from ipmeasures.sources.keyboard import misread

        mistake = misread(text)
        if mistake is not None:  # parsed, but a field was read as text or as another key: say so, do not guess
            raise SourceError(mistake[0], path, mistake[1], mistake[2])
    loaded = LoadedYaml(path=path, value=None, encoding=encoding, warnings=warnings, lines=lines)
    if node is not None:
        builder = _Builder(path, "*" in text)
        loaded.value = builder.build(node)
        # found in the node tree when asked (sources.yamlmarks), which is kept for it
        loaded.marks, loaded.key_marks = NodeMarks(node, builder.key_value), NodeMarks(node, builder.key_value, keys=True)
    if "#" in text or "，" in text:
        from ipmeasures.sources.keyboard import pitfalls

        loaded.pitfalls = pitfalls(text)
    return loaded


# --- depth -------------------------------------------------------------------------------------


def _check_depth(path: str, text: str) -> None:
    """Refuse nesting deeper than MAX_DEPTH before the recursive composer sees it.

    A cheap bound first: a flow collection needs its own `[` or `{`, and a block collection needs a
    column of its own (an indentless sequence shares its mapping's column, hence the factor 2), so
    `2 * (longest run of indentation and indicators) + brackets` bounds the depth. A real report stays
    far below the limit; only a file that does not is scanned exactly, by libyaml's scanner, which is
    iterative and is stopped at the first token past the limit.
    """
    brackets = text.count("[") + text.count("{")
    # within the bound when no line opens with more than `longest` blanks and indicators
    longest = (MAX_DEPTH - 1 - brackets) // 2 - 1
    opening = text[:longest]
    if longest > 0 and _deep_prefix(longest, text).search(text) is None and (
            len(opening) < longest or opening.strip(" \t?:-")):  # the first line is not that deep either
        return
    depth = 0
    loader = _BaseLoader(text)
    try:
        while loader.check_token():
            token = loader.get_token()
            if token is None:  # check_token() said there is one; for the type checker
                break
            kind = type(token)
            if kind in _OPENERS:
                depth += 1
                if depth > MAX_DEPTH:
                    raise _too_deep(path, token.start_mark)
            elif kind in _CLOSERS:
                depth -= 1
    except yaml.MarkedYAMLError as exc:
        # Newer libyaml (PyYAML 6.0.4+) stops at its own nesting limit while scanning ahead: same answer.
        if "nesting depth" in (exc.problem or "") and exc.problem_mark is not None:
            raise _too_deep(path, exc.problem_mark) from None
        return  # a syntax error: compose reports it, with its mark, long before any depth matters
    except yaml.YAMLError:
        return
    finally:
        loader.dispose()


def _too_deep(path: str, mark: Any) -> SourceError:
    return SourceError(_("嵌套超过 {limit} 层：正常文件不需要这么深的结构，这可能是恶意或损坏的文件。"
                         "请检查缩进和括号。").format(limit=MAX_DEPTH), path, mark.line + 1, mark.column + 1)


# An indentless sequence (`key:` then `- x` at the key's column) opens no BlockSequenceStart token, so the
# token count can be up to half the real depth: still far from what crashes libyaml, and the walk
# enforces MAX_DEPTH exactly.
_OPENERS = frozenset({yaml.FlowSequenceStartToken, yaml.FlowMappingStartToken,
                      yaml.BlockSequenceStartToken, yaml.BlockMappingStartToken})
_CLOSERS = frozenset({yaml.FlowSequenceEndToken, yaml.FlowMappingEndToken, yaml.BlockEndToken})


# --- syntax ------------------------------------------------------------------------------------

_plain_tags: dict[str, str] = {}  # plain scalar -> resolved tag; keys and statuses repeat in every report
# The first characters of the implicit types (int, float, bool, null, timestamp, merge, value): a plain scalar
# starting with any other character is text. The safe loader has no resolver for every first character
# (a None key); if a PyYAML release added one, every scalar would go through the resolver as before.
_IMPLICIT_FIRST = frozenset(_BaseLoader.yaml_implicit_resolvers)
_TEXT_BY_FIRST = None not in _IMPLICIT_FIRST


class _Loader(_BaseLoader):  # type: ignore[misc, valid-type]
    """The safe loader with a cached resolver: resolving is a third of compose time otherwise.

    Same tags as SafeLoader's resolver (which it calls on a miss); the path resolvers it skips are
    never registered for the safe loader.
    """

    if LIBYAML:
        def __init__(self, stream: str | bytes) -> None:
            # Only the composer runs: no constructor, and the resolver keeps no state (see resolve()).
            yaml.cyaml.CParser.__init__(self, stream)  # type: ignore[attr-defined]

    def resolve(self, kind: type, value: str, implicit: tuple[bool, bool]) -> str:
        if kind is _Scalar:
            if not implicit[0]:
                return STR
            tag = _plain_tags.get(value)
            if tag is None:
                if _TEXT_BY_FIRST and value and value[0] not in _IMPLICIT_FIRST:
                    return STR  # no implicit type starts with this character: prose, names, most of a report
                tag = _BaseLoader.resolve(self, kind, value, implicit)
                if len(value) <= 64 and len(_plain_tags) < 4096:
                    _plain_tags[value] = tag
            return tag
        return SEQ if kind is _Sequence else MAP

    # The composer calls these around every node (path resolvers, which the safe loader never has): a builtin
    # that takes the same arguments and keeps nothing costs less than a Python method that does nothing.
    descend_resolver = slice  # (parent node, index) -> a throwaway slice
    ascend_resolver = tuple  # () -> the empty tuple



def _compose(path: str, text: str, utf8: bytes | None = None) -> yaml.Node | None:
    loader = _Loader(text if utf8 is None else utf8)
    try:
        return loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        raise _syntax_error(path, text, exc) from None
    except yaml.YAMLError as exc:
        raise SourceError(_("无法按 YAML 读取（{problem}）；请检查文件内容。").format(problem=exc), path) from None
    finally:
        loader.dispose()


def _syntax_error(path: str, text: str, exc: yaml.MarkedYAMLError) -> SourceError:
    mark = exc.problem_mark or exc.context_mark
    line = column = None
    if mark is not None:
        line, column = mark.line + 1, mark.column + 1
    problem = " ".join(p for p in (exc.context, exc.problem) if p)
    at = _char_at(text, mark)
    from ipmeasures.sources.keyboard import explain

    context = exc.context_mark.line + 1 if exc.context_mark is not None else None
    keyboard = explain(text, line, context) if "tab character" not in problem else None
    if keyboard is not None:  # a Chinese-keyboard mistake, said in the clerk's terms, at its own line
        message, line, column = keyboard
    elif "tab character" in problem or at == "\t":
        message = _("用了制表符（Tab）缩进：YAML 只允许用空格缩进。请把该行开头的 Tab 换成空格。")
    elif "expected a single document" in problem:
        message = _("文件里有不止一个 YAML 文档（出现了第二个 ---）：一个文件只能写一个文档。请删除多余的 ---，或把内容拆成多个文件。")
    elif "found undefined alias" in problem or "found undefined anchor" in problem:
        message = _("用了别名（*名称）：这里不允许使用锚点与别名；请把内容直接写出来。")
    elif "mapping values are not allowed" in problem:
        message = _("此处不能出现“冒号+空格”：若这是文字内容，请给整个值加引号；若是字段，请检查缩进。")
    else:
        message = _("YAML 语法错误（{problem}）：请检查该行及上一行的缩进、冒号与引号是否成对。").format(
            problem=problem)
    return SourceError(message, path, line, column)


def _char_at(text: str, mark: Any) -> str:
    if mark is None:
        return ""
    lines = text.splitlines()
    if mark.line < len(lines) and mark.column < len(lines[mark.line]):
        return lines[mark.line][mark.column]
    return ""


# --- the walk ----------------------------------------------------------------------------------


class _Builder:
    """Turns a composed node tree into plain values; refuses what reports never need."""

    __slots__ = ("path", "seen")

    def __init__(self, path: str, check_aliases: bool = True) -> None:
        self.path = path
        # An alias is written `*name`: without a `*` in the text there is none to look for.
        self.seen: set[int] | None = set() if check_aliases else None

    def error(self, message: str, node: yaml.Node, where: tuple = ()) -> SourceError:
        mark = node.start_mark
        return SourceError(message, self.path, mark.line + 1, mark.column + 1,
                           ".".join(map(str, where)) or None)

    def alias(self, node: yaml.Node, where: tuple) -> SourceError:
        return self.error(_("用了锚点与别名（&名称 / *名称）：这里不允许使用，以防“展开炸弹”；请把内容直接写出来。"),
                          node, where)

    def build(self, node: yaml.Node, where: tuple = (), depth: int = 0) -> Any:
        seen = self.seen
        if seen is not None:
            # libyaml's composer hands back the very same node object for every alias of an anchor, so
            # a node met twice is an alias: refuse it before it can expand (billion laughs) or be printed.
            if id(node) in seen:
                raise self.alias(node, where)
            seen.add(id(node))
        cls = type(node)
        if cls is _Scalar:
            if node.tag == STR:
                return node.value
            return self.scalar(cast(yaml.ScalarNode, node), where)  # type() is not narrowed; isinstance is slower
        if depth >= MAX_DEPTH:
            raise self.error(_("嵌套超过 {limit} 层：请检查缩进和括号。").format(limit=MAX_DEPTH), node, where)
        if cls is _Mapping:
            if node.tag != MAP:
                raise self.unknown_tag(node, where)
            result: dict = {}
            for key_node, value_node in node.value:
                if seen is None and type(key_node) is _Scalar and key_node.tag == STR:
                    key = key_node.value
                else:
                    key = self.key(key_node, where)
                sub = where + (key,)
                if key in result:
                    raise self.error(_("重复的键“{key}”：同一层里一个键只能写一次（YAML 读取时会悄悄丢掉前一个值）。"
                                       "请删除或合并重复的一项。").format(key=_short(str(key))), key_node, sub)
                result[key] = self.build(value_node, sub, depth + 1)
            return result
        if cls is _Sequence:
            if node.tag != SEQ:
                raise self.unknown_tag(node, where)
            return [self.build(item, where + (i,), depth + 1) for i, item in enumerate(node.value)]
        raise self.error(_("无法识别的 YAML 结构。"), node, where)  # pragma: no cover - PyYAML has no other node

    def key(self, node: yaml.Node, where: tuple) -> Any:
        if type(node) is not _Scalar:
            raise self.error(_("键必须是简单的文字或数字，不能是列表或映射；请检查该行是否以“?”开头或缩进有误。"),
                             node, where)
        if self.seen is not None:
            if id(node) in self.seen:
                raise self.alias(node, where)
            self.seen.add(id(node))
        if node.tag == MERGE:
            raise self.error(_("用了合并键“<<”：这里不允许使用；请把内容直接写出来。"), node, where)
        return node.value if node.tag == STR else self.scalar(node, where)

    def key_value(self, node: yaml.Node) -> Any:
        """The key a key node of the built document was read as (NodeMarks follows paths made of them)."""
        return node.value if node.tag == STR else self.scalar(cast(yaml.ScalarNode, node), ())

    def unknown_tag(self, node: yaml.Node, where: tuple) -> SourceError:
        # The tag is the user's text; show only a bounded prefix of it.
        return self.error(_("不支持的标签“{tag}”：只能使用普通的文字、数字、日期、列表与映射，"
                            "不会执行或构造任何标签。请删除该标签。").format(tag=_short_tag(node.tag)), node, where)

    def scalar(self, node: yaml.ScalarNode, where: tuple) -> Any:
        tag = node.tag
        value = node.value
        if tag == STR:
            return value
        try:
            if tag == INT:
                return to_int(value)
            if tag == NULL:
                if value in ("", "~", "null", "Null", "NULL"):
                    return None
                raise ValueError(value)
            if tag == BOOL:
                lowered = value.lower()
                if lowered in _TRUE:
                    return True
                if lowered in ("no", "false", "off"):
                    return False
                raise ValueError(value)
            if tag == FLOAT:
                return to_float(value)
            if tag == TIMESTAMP:
                return to_timestamp(value)
        except Sexagesimal:
            raise self.error(_("值“{value}”会被 YAML 1.1 读成六十进制数（1:30 即 90）：这里不接受这种写法。"
                               "若它是时间、比例或编号，请加引号让它作为文字。").format(value=_short(value)),
                             node, where) from None
        except Oversize:
            raise self.error(_("整数“{value}”超出范围（绝对值须小于 2 的 63 次方）：报告和数据里不会有这么大的数，"
                               "可能是误粘贴的内容。若它是编号，请加引号让它作为文字。").format(value=_short(value)),
                             node, where) from None
        except (ValueError, OverflowError):
            raise self.error(_("值“{value}”不是有效的 {tag}（如 2022-02-30 这样不存在的日期）；"
                               "请更正该值，或加引号让它作为文字。").format(
                value=_short(value), tag=_short_tag(tag)), node, where) from None
        if tag == VALUE:  # `=`: the YAML 1.1 "value" key type; it is just text here
            return value
        raise self.unknown_tag(node, where)


def _short(text: str, limit: int = 40) -> str:
    return shorten(text, limit)


def _short_tag(tag: str) -> str:
    if tag.startswith(_TAG):
        tag = "!!" + tag[len(_TAG):]
    return _short(tag)
