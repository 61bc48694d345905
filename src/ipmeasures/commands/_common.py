"""What the commands share: the catalog of the chosen data, the query --format option, printing."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable

import click

from ipmeasures.i18n import _

QUERY_FORMATS = ("table", "json", "csv", "markdown")  # = ipmeasures.views.FORMATS, without importing it


def catalog_from(ctx: click.Context):
    """The catalog of --data / IPM_DATA, or of the shipped data."""
    from ipmeasures.catalog import load_catalog

    root = ctx.find_root()
    data_dir = (root.obj or {}).get("data_dir")
    return load_catalog(data_dir)


def query_format_option(func: Callable) -> Callable:
    """`--format table|json|csv|markdown`, the same on every query command."""
    return click.option("--format", "fmt", type=click.Choice(QUERY_FORMATS), default="table", show_default=True,
                        help=_("输出格式：table 终端表格；json 机器可读；csv 带 BOM，Excel/WPS 可直接打开；markdown。"))(func)


def stdout_is_terminal() -> bool:
    try:
        return sys.stdout.isatty()
    except (AttributeError, ValueError):
        return False


def terminal_width() -> int:
    try:
        return os.get_terminal_size().columns
    except OSError:
        return int(os.environ.get("COLUMNS", "100")) if os.environ.get("COLUMNS", "").isdigit() else 100


def emit_view(view, fmt: str) -> None:
    """Render a query view and write it to stdout."""
    from ipmeasures.views import render

    color = fmt == "table" and stdout_is_terminal() and "NO_COLOR" not in os.environ
    text = render(view, fmt, color=color, width=terminal_width())
    write_stdout(text)


class Utf8Stdout:
    """stdout as a UTF-8 text stream, whatever the console's code page (Windows GBK consoles, pipes)."""

    def __enter__(self):
        import io

        sys.stdout.flush()
        buffer = getattr(sys.stdout, "buffer", None)
        if buffer is None:  # a stream without bytes underneath (some test runners): write text as is
            self._wrapper = None
            return sys.stdout
        self._wrapper = io.TextIOWrapper(buffer, encoding="utf-8", newline="", write_through=True)
        return self._wrapper

    def __exit__(self, *exc_info) -> None:
        if self._wrapper is not None:
            self._wrapper.flush()
            self._wrapper.detach()  # leave sys.stdout's buffer open


def write_stdout(text: str) -> None:
    """Write text as UTF-8 regardless of the console's code page (Windows GBK consoles)."""
    stream = sys.stdout
    try:
        stream.write(text)
    except UnicodeEncodeError:
        stream.flush()
        stream.buffer.write(text.encode("utf-8"))
    stream.flush()
