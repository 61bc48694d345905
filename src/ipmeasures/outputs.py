"""The one output contract: what every output format of every command declares, in one place.

A format is a name in a registry (a dict, name -> declaration) whose declaration says:

- `description`: its one help line, marked with N_() and translated where `--format` help is written;
- `machine`: its document is for a program (json, SARIF, CSV…), so stdout carries only the document and
  anything meant for a person (summary, red lights, 已写入) goes to stderr;
- `binary`: its bytes are not text (a workbook): it is written only to a file, never to a terminal.

Check formats declare these as class attributes of their `Reporter` (`reporters.REPORTERS`); query views
(`views.FORMATS`) and the ledger's formats (`ledger.formats.FORMATS`) as an `OutputFormat` entry that
names the module holding the renderer, imported only when that format is used. The commands build their
`--format` choices and help from the registry (`commands._common.format_option`) and decide what goes to
stdout and stderr from `machine`/`binary` alone, so adding a format is one module and one registry line.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Protocol, TypeVar

from ipmeasures.errors import UsageError
from ipmeasures.i18n import _, join_names

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

    class TextSink(Protocol):
        """Where a text format writes its document as it goes: stdout (guarded against a closed pipe), an output
        file being written atomically, a spool. Only `write` is asked of it. (A type only: no cost at start-up.)"""

        def write(self, text: str, /) -> object: ...


class Declared(Protocol):
    """What a registry entry says of its format: a help line, machine or not, binary or not."""

    description: str
    machine: bool
    binary: bool


class OutputFormat:
    """A format and its renderer: a function, or a module whose `render()` is imported when first used.

    A plain slotted class, not a dataclass: registries are built when a command module is imported
    (start-up time).
    """

    __slots__ = ("binary", "description", "machine", "suffixes", "target")

    def __init__(self, description: str, target: str | Callable, *, machine: bool = False, binary: bool = False,
                 suffixes: tuple[str, ...] = ()) -> None:
        self.description = description  # N_()-marked; translated at use
        self.target = target  # the renderer, or "package.module" whose render() it is, or "package.module:function"
        self.machine = machine
        self.binary = binary
        self.suffixes = suffixes  # file name endings that choose this format when --format is not given

    def load(self) -> Callable:
        """The renderer."""
        if callable(self.target):
            return self.target
        module, _sep, name = self.target.partition(":")
        return getattr(importlib.import_module(module), name or "render")

    def __repr__(self) -> str:
        return f"OutputFormat({self.description!r}, machine={self.machine}, binary={self.binary})"


def text_formats(registry: Mapping[str, Declared]) -> list[str]:
    """The formats that can be written to stdout (all but the binary ones), in registry order."""
    return [name for name, entry in registry.items() if not entry.binary]


def binary_formats(registry: Mapping[str, Declared]) -> list[str]:
    """The formats written only to a file."""
    return [name for name, entry in registry.items() if entry.binary]


def machine_formats(registry: Mapping[str, Declared]) -> frozenset[str]:
    """The formats whose stdout is only the document: a person's text goes to stderr."""
    return frozenset(name for name, entry in registry.items() if entry.machine)


def describe(registry: Mapping[str, Declared], names: list[str] | None = None) -> str:
    """`table 终端表格；json JSON…`: each format and its help line, in registry order."""
    # Translators: one output format in --format help: its name, then its help line.
    return _("；").join(_("{name} {description}").format(name=name, description=_(registry[name].description))
                       for name in (names if names is not None else list(registry)))


E = TypeVar("E")


def by_suffix(registry: Mapping[str, OutputFormat], path: str) -> str | None:
    """The format a file name's ending chooses (`台账.csv` -> csv), if any."""
    lowered = path.lower()
    return next((name for name, entry in registry.items() if lowered.endswith(entry.suffixes)), None)


def lookup(registry: Mapping[str, E], name: str) -> E:
    """The entry of a format name; an unknown name is a usage error listing the choices."""
    try:
        return registry[name]
    except KeyError:
        raise UsageError(_("未知的输出格式：{name}（可选：{choices}）").format(
            name=name, choices=join_names(registry))) from None
