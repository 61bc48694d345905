"""The settings file `ipm check` shares between CI, pre-commit and people: `ipm.toml` or `[tool.ipm]`.

Looked for from the working directory upward: in each folder an `ipm.toml` (its top level is the
settings), else a `pyproject.toml` that has a `[tool.ipm]` table; a `pyproject.toml` without one is
passed over, as ruff and mypy do. Paths in the file are relative to the file's folder. Options given on
the command line win over the file; the file wins over the built-in defaults.

```toml
[tool.ipm]
paths = ["reports"]
strict = true
ignore = ["overdue"]
expect-all = true
placeholders = ["待补充"]
language = "zh"
```
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from typing import Any

from ipmeasures.errors import EXIT_USAGE, SourceError
from ipmeasures.i18n import LANGUAGES, _, join_names

FILE_NAMES = ("ipm.toml", "pyproject.toml")

# key -> kind of value: every key the file may set. Keys are `ipm check`'s long option names; `_` may stand for `-`.
KEYS: dict[str, str] = {
    "paths": "paths",  # PATH arguments when none is given
    "format": "str",
    "output": "strings",  # FORMAT=PATH, as --output
    "strict": "bool",
    "ignore": "strings",
    "expect-all": "bool",
    "allow-empty": "bool",
    "placeholders": "strings",
    "language": "str",
    "max-bytes": "int",
}


class ConfigError(SourceError):
    """The settings file cannot be read or has a wrong key or value: a usage error (exit 2)."""

    exit_code = EXIT_USAGE


@dataclass(frozen=True, slots=True)
class Config:
    """The settings read from one file: only the keys it sets, with their values checked."""

    path: str  # the file, as found
    values: dict[str, Any] = field(default_factory=dict)

    @property
    def folder(self) -> str:
        return os.path.dirname(os.path.abspath(self.path))

    def get(self, key: str, default: Any = None) -> Any:
        return self.values.get(key, default)

    def resolve(self, path: str) -> str:
        """A path written in the file (relative to the file's folder), as a path from the working directory."""
        full = os.path.normpath(os.path.join(self.folder, os.path.expanduser(path)))
        try:
            return os.path.relpath(full)
        except ValueError:  # another drive on Windows
            return full


def find_config(start: str | None = None) -> str | None:
    """The settings file that applies in `start` (default: the working directory), or None."""
    folder = os.path.abspath(start or os.getcwd())
    while True:
        candidate = os.path.join(folder, "ipm.toml")
        if os.path.isfile(candidate):
            return candidate
        candidate = os.path.join(folder, "pyproject.toml")
        if os.path.isfile(candidate) and _has_tool_ipm(candidate):
            return candidate
        parent = os.path.dirname(folder)
        if parent == folder:
            return None
        folder = parent


def _has_tool_ipm(path: str) -> bool:
    try:
        with open(path, encoding="utf-8", errors="replace") as handle:
            return any(_TOOL_IPM.match(line) for line in handle)
    except OSError:
        return False


_TOOL_IPM = re.compile(r"^\s*\[\s*tool\s*\.\s*ipm\b")


MAX_CONFIG_BYTES = 1 << 20  # a settings file is a few lines


def load_config(path: str) -> Config:
    """Read and check one settings file; any problem is a ConfigError naming the file, line and key."""
    import tomllib

    from ipmeasures.sources.files import read_bounded

    try:
        raw = read_bounded(path, MAX_CONFIG_BYTES, adjustable=False)  # a regular file only, bounded
    except SourceError as exc:
        raise ConfigError(exc.message, path) from None
    try:
        text = raw.decode("utf-8-sig")
        document = tomllib.loads(text)
    except UnicodeDecodeError:
        raise ConfigError(_("配置文件不是 UTF-8 编码：请另存为 UTF-8。"), path) from None
    except tomllib.TOMLDecodeError as exc:
        found = re.search(r"\(at line (\d+), column (\d+)\)", str(exc))
        line = int(found.group(1)) if found else None
        raise ConfigError(_("不是有效的 TOML（{reason}）：请按 README 中“配置文件”一节的示例修改。").format(
            reason=re.sub(r"\s*\(at line.*\)$", "", str(exc))), path, line) from None
    if os.path.basename(path) == "pyproject.toml":
        table = document.get("tool", {}).get("ipm", {})
        prefix = "tool.ipm."
    else:
        table, prefix = document, ""
    if not isinstance(table, dict):
        raise ConfigError(_("[tool.ipm] 应是一个表。"), path, _line_of(text, "ipm"), field=prefix.rstrip("."))
    values: dict[str, Any] = {}
    for raw_key, value in table.items():
        key = raw_key.replace("_", "-")
        line = _line_of(text, raw_key, after=r"^\s*\[\s*tool\s*\.\s*ipm\s*\]" if prefix else None)
        if key not in KEYS:
            from difflib import get_close_matches

            close = get_close_matches(key, list(KEYS), n=1)
            hint = _("是否指 {key}？").format(key=close[0]) if close else ""
            raise ConfigError(_("未知的设置“{key}”。{hint}可用的设置：{keys}。").format(
                key=raw_key, hint=hint, keys=join_names(KEYS)), path, line, field=prefix + raw_key)
        values[key] = _check(KEYS[key], key, value, path, line, prefix + raw_key)
    return Config(path=path, values=values)


def _check(kind: str, key: str, value: Any, path: str, line: int | None, where: str) -> Any:
    """The value if it has the kind `KEYS` gives the key; else a ConfigError saying what to write."""
    if kind == "bool" and isinstance(value, bool):
        return value
    if kind == "int" and isinstance(value, int) and not isinstance(value, bool) and value >= 1:
        return value
    if kind == "str" and isinstance(value, str) and value:
        if key == "language" and value not in LANGUAGES:
            raise ConfigError(_("language 只能是 {choices}。").format(choices=join_names(LANGUAGES)), path, line, field=where)
        return value
    if kind in ("strings", "paths"):
        if isinstance(value, str):
            value = [value]
        if isinstance(value, list) and all(isinstance(item, str) and item for item in value):
            return list(value)
    expected = {"bool": _("true 或 false"), "int": _("正整数"), "str": _("非空的文字（加引号）"),
                "strings": _("文字的列表，例如 [\"a\", \"b\"]"), "paths": _("路径的列表，例如 [\"reports\"]")}[kind]
    raise ConfigError(_("应写成：{expected}。").format(expected=expected), path, line, field=where)


def _line_of(text: str, key: str, after: str | None = None) -> int | None:
    """The 1-based line where `key = …` is written (tomllib gives values, not positions), after the line
    matching `after` (the table's header) when given."""
    pattern = re.compile(rf"^\s*[\"']?{re.escape(key)}[\"']?\s*=")
    inside = after is None
    for number, line in enumerate(text.splitlines(), start=1):
        if not inside:
            inside = bool(re.match(after or "", line))
        elif pattern.match(line):
            return number
    return None
