"""Where each part of a YAML document was written, found in its node tree when asked.

A report's marks are read a few times (the findings it has, the unit and submitted lines of its summary),
while a table of every path would be written for each of its fifty-odd nodes: so the table is not made.
`NodeMarks` answers `marks[path]` by following `path` down the composed node tree that libyaml built,
which the loaded document keeps. It is a read-only mapping equal to the table it replaces: the value node
of every path (`keys=False`), or the key node of every mapping entry (`keys=True`), as 1-based
(line, column).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from typing import Any

import yaml

Mark = tuple[int, int]  # 1-based (line, column); marks are keyed by path: ("items", 2, "status"), root ()

_Mapping, _Sequence = yaml.MappingNode, yaml.SequenceNode
_STR = "tag:yaml.org,2002:str"  # a text key is its node's value: most keys, read without a call


class NodeMarks(Mapping[tuple, Mark]):
    """The marks of a document built from `root`; `key_of` turns a key node into the key it was built as."""

    __slots__ = ("_key_of", "_keys", "_root")

    def __init__(self, root: yaml.Node, key_of: Callable[[yaml.Node], Any], *, keys: bool = False) -> None:
        self._root, self._key_of, self._keys = root, key_of, keys

    def _find(self, path: tuple) -> yaml.Node | None:
        """The node `path` leads to (for `keys`, the key node of its last step), or None."""
        node = self._root
        if self._keys and not path:
            return None
        last = len(path) - 1
        for step, part in enumerate(path):
            kind = type(node)
            if kind is _Mapping:
                for key_node, value_node in node.value:
                    if (key_node.value if key_node.tag == _STR else self._key_of(key_node)) == part:
                        node = key_node if self._keys and step == last else value_node
                        break
                else:
                    return None
            elif kind is _Sequence and isinstance(part, int) and 0 <= part < len(node.value) and not (
                    self._keys and step == last):
                node = node.value[part]
            else:
                return None
        return node

    def get(self, path: tuple, default: Any = None) -> Any:
        node = self._find(path)
        if node is None:
            return default
        start = node.start_mark
        return (start.line + 1, start.column + 1)

    def __getitem__(self, path: tuple) -> Mark:
        found = self.get(path)
        if found is None:
            raise KeyError(path)
        return found

    def __contains__(self, path: object) -> bool:
        return isinstance(path, tuple) and self._find(path) is not None

    def __iter__(self) -> Iterator[tuple]:
        """Every path, parents before their children, in document order (for `keys`, mapping entries only)."""
        stack: list[tuple[tuple, yaml.Node, bool]] = [((), self._root, False)]
        while stack:
            path, node, entry = stack.pop()
            if entry or not self._keys:
                yield path
            if type(node) is _Mapping:
                children = [(path + (self._key_of(key),), value, True) for key, value in node.value]
            elif type(node) is _Sequence:
                children = [(path + (index,), item, False) for index, item in enumerate(node.value)]
            else:
                continue
            stack.extend(reversed(children))

    def __len__(self) -> int:
        return sum(1 for _path in self)
