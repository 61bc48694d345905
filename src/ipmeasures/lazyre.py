"""Regular expressions compiled on their first use: a module's patterns cost its importers nothing until used.

Compiling a module's patterns at import costs every command that imports it, whether or not it ever matches
anything (`ipm check` reads most reports without looking for a single keyboard mistake). `lazy()` puts a
stand-in in the module's namespace; on its first use it compiles the pattern and puts the compiled pattern
in its place, so later uses pay nothing. Use the module global at the point of use (not a copy taken
earlier), as code does anyway.
"""

from __future__ import annotations

import re
from typing import Any, cast


class _Pattern:
    __slots__ = ("flags", "name", "namespace", "source")

    def __init__(self, namespace: dict[str, Any], name: str, source: str, flags: int) -> None:
        self.namespace, self.name, self.source, self.flags = namespace, name, source, flags

    def __getattr__(self, attr: str) -> Any:
        compiled = re.compile(self.source, self.flags)
        self.namespace[self.name] = compiled
        return getattr(compiled, attr)


def lazy(namespace: dict[str, Any], name: str, source: str, flags: int = 0) -> re.Pattern[str]:
    """A stand-in for `re.compile(source, flags)` that becomes it, as `namespace[name]`, on first use."""
    return cast("re.Pattern[str]", _Pattern(namespace, name, source, flags))
