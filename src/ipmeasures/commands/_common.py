"""What the commands share: the settings of the `ipm` group, the catalog of the chosen data, the output
options (--format from a registry of the output contract, -o/--output, --force), writing and printing."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import sys
from collections.abc import Callable, Iterator, Mapping
from typing import TYPE_CHECKING, Any

import click

from ipmeasures.errors import OutputError, UsageError, cannot_write_message
from ipmeasures.i18n import _

if TYPE_CHECKING:
    from ipmeasures.outputs import Declared, TextSink
    from ipmeasures.policy.catalog import Catalog
    from ipmeasures.supervision.calendar import Calendar
    from ipmeasures.supervision.waivers import Waiver


class Settings:
    """What the `ipm` group hands every command in `ctx.obj`: the --data directory (or IPM_DATA).

    A plain slotted class, not a dataclass: it is built on every run, and `dataclasses` is not otherwise
    imported at start-up.
    """

    __slots__ = ("data_dir",)

    def __init__(self, data_dir: str | None = None) -> None:
        self.data_dir = data_dir

    def __repr__(self) -> str:
        return f"Settings(data_dir={self.data_dir!r})"


def keep_settings(ctx: click.Context, _param: click.Parameter, value: str | None) -> str | None:
    """The eager `--data` callback: the group's settings are in ctx.obj before any other option (--help)."""
    ctx.obj = Settings(value)
    return value


def settings(ctx: click.Context) -> Settings:
    """The run's settings (a command invoked on its own, as some tests do, has the defaults)."""
    obj = ctx.find_root().obj
    return obj if isinstance(obj, Settings) else Settings()


def catalog_from(ctx: click.Context) -> Catalog:
    """The catalog of --data / IPM_DATA, or of the shipped data."""
    from ipmeasures.policy.catalog import load_catalog

    return load_catalog(settings(ctx).data_dir)


def format_option(registry: Mapping[str, Declared], *, default: str | None, files_only: bool = False,
                  help: str | None = None) -> Callable[[Callable], Callable]:
    """`--format` with the registry's formats as choices and its help lines as help: the registry is the
    only list. Binary formats are choices only where the command writes them to -o (`files_only`)."""
    from ipmeasures.outputs import describe, text_formats

    names = list(registry) if files_only else text_formats(registry)
    text = _("输出格式：{formats}。").format(formats=describe(registry, names))
    return click.option("--format", "fmt", type=click.Choice(names), default=default,
                        show_default=default is not None, help=text + (help or ""))


def output_option(func: Callable | None = None, *, required: bool = False) -> Callable:
    """`-o/--output FILE`, the same on every command that writes a file; `-` is stdout."""
    # A plain string, not click.Path: click.Path's constructor imports `locale` (start-up time).
    option = click.option("-o", "--output", "output", metavar="FILE", required=required,
                          help=_("写入该文件，而不是 stdout（- 为 stdout）；二进制格式（xlsx）必须指定。"))
    return option(func) if func is not None else option


def force_option(func: Callable) -> Callable:
    """`--force`: -o may replace a file that is not ipm's earlier output of the same kind."""
    return click.option("--force", is_flag=True,
                        help=_("输出文件已存在、又不是 ipm 先前写出的同类输出时，仍然覆盖（链接、管道、设备从不写入）。"))(func)


def query_format_option(func: Callable) -> Callable:
    """`--format table|json|csv|markdown|xlsx`, `-o/--output FILE` and `--force`: the same on every query
    command. xlsx is binary, so it needs -o (`-o -` writes it to a pipe)."""
    from ipmeasures.views import FORMATS

    return format_option(FORMATS, default="table", files_only=True)(output_option(force_option(func)))


def max_bytes_option(func: Callable) -> Callable:
    """`--max-bytes N`: the same size limit on every command that reads reports."""
    from ipmeasures.sources.yamldoc import DEFAULT_MAX_BYTES

    return click.option("--max-bytes", type=click.IntRange(min=1), default=DEFAULT_MAX_BYTES, show_default=True,
                        metavar="N", help=_("单个报告文件的大小上限（字节），更大的文件不读取，直接报错。"))(func)


class _IsoDay(click.DateTime):
    """click.DateTime for `YYYY-MM-DD`, reading the common spelling with fromisoformat: strptime would import
    _strptime, locale and calendar, a tenth of `ipm check`'s start-up. Any other spelling (2022-1-5, a typo)
    goes to click as before, with click's message."""

    def _try_to_convert_date(self, value: Any, format: str) -> dt.datetime | None:
        if format == "%Y-%m-%d" and isinstance(value, str) and value.isascii() and len(value) == 10 \
                and value[4] == value[7] == "-" and (value[:4] + value[5:7] + value[8:]).isdigit():
            try:
                return dt.datetime.fromisoformat(value)
            except ValueError:
                return None
        return super()._try_to_convert_date(value, format)


def today_option(func: Callable) -> Callable:
    """`--today YYYY-MM-DD`: the day the date rules take as today, on every command that checks reports."""
    return click.option("--today", type=_IsoDay(formats=["%Y-%m-%d"]), metavar="YYYY-MM-DD",
                        help=_("把这一天当作今天（用于复现某次检查的结果；默认为系统日期）。"))(func)


def waivers_option(func: Callable) -> Callable:
    """`--waivers FILE`: the supervisor's waiver file (waivers.yaml), on the commands that check reports."""
    return click.option("--waivers", type=click.Path(exists=True, dir_okay=False), metavar="FILE",
                        help=_("豁免清单（waivers.yaml）：其中有效的豁免把对应问题标为已豁免（仍列出、计数）；"
                               "过期的豁免报 expired-waiver。"))(func)


def calendar_option(func: Callable) -> Callable:
    """`--calendar FILE`: when each period's reports are due (else the data directory's calendar.yaml)."""
    return click.option("--calendar", "calendar", type=click.Path(exists=True, dir_okay=False), metavar="FILE",
                        help=_("报送日历（calendar.yaml：报告期结束后第几天前报送），迟报的报 late-report；"
                               "默认读数据目录中的 calendar.yaml，没有则不查迟报。"))(func)


def warn_days_option(func: Callable) -> Callable:
    """`--warn-days N`: lights turn yellow within N days of a milestone (default 30)."""
    return click.option("--warn-days", type=click.IntRange(min=0), default=30, show_default=True, metavar="N",
                        help=_("距期限不足 N 天、尚未完成的职责亮黄灯。"))(func)


def load_calendar_option(ctx: click.Context, path: str | None) -> Calendar | None:
    """The reporting calendar of --calendar FILE, else of the --data directory, else None."""
    from ipmeasures.supervision.calendar import load_calendar

    return load_calendar(settings(ctx).data_dir, path)


def load_waivers_option(path: str | None, catalog: Catalog) -> list[Waiver] | None:
    """The waivers of --waivers FILE (None without it); a bad file stops the command with file, line, field."""
    if path is None:
        return None
    from ipmeasures.supervision.waivers import load_waivers

    return load_waivers(path, catalog)


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


def emit_view(view, fmt: str, output: str | None = None, *, force: bool = False) -> None:
    """Render a query view to stdout, or to the -o file (never over an existing one without --force)."""
    from ipmeasures.views import FORMATS, render, render_file, writer

    binary = FORMATS[fmt].binary
    if output is not None:  # (destination is imported only for a file: a query to stdout needs none of it)
        from ipmeasures.destination import is_stdout

        if is_stdout(output) and not binary:
            output = None
    require_output(binary, output)
    # json, csv and markdown are written a piece at a time (a diff's many rows never held whole); to stdout
    # only where it is UTF-8, which a chunk at a time writes as the whole text would be written
    write = writer(fmt)
    if output is None:
        if write is not None and (getattr(sys.stdout, "encoding", "") or "").lower().replace("-", "") == "utf8":
            chunks = Chunks(write_stdout)
            write(view, chunks)
            chunks.flush()
            return
        color = fmt == "table" and stdout_is_terminal() and "NO_COLOR" not in os.environ
        write_stdout(render(view, fmt, color=color, width=terminal_width()))
        return
    ensure_writable(output)
    if write is not None:
        with output_stream(output, f"query:{fmt}", force=force) as out:
            chunks = Chunks(out.write)
            write(view, chunks)
            chunks.flush()
        announce_written(output)
        return
    write_file(output, render_file(view, fmt, color=False, width=120), force=force, kind=f"query:{fmt}",
               binary=binary)
    announce_written(output)


class Chunks:
    """Small writes gathered into pieces of 64 KiB on their way to `send`."""

    def __init__(self, send: Callable[[str], object]) -> None:
        self.send = send
        self.parts: list[str] = []
        self.size = 0

    def write(self, text: str) -> None:
        self.parts.append(text)
        self.size += len(text)
        if self.size >= 1 << 16:
            self.flush()

    def flush(self) -> None:
        if self.parts:
            text, self.parts, self.size = "".join(self.parts), [], 0
            self.send(text)


def announce_written(path: str, message: str | None = None) -> None:
    """`已写入 PATH` (or `message`) on stderr, unless the output went to stdout."""
    from ipmeasures.destination import is_stdout
    from ipmeasures.escaping import inert

    if not is_stdout(path):
        click.echo(inert(message or _("已写入 {path}").format(path=path)), err=True)


def require_output(binary: bool, output: str | None) -> None:
    """A binary format (xlsx) cannot go to a terminal: it needs -o FILE (a usage error, exit 2)."""
    if binary and output is None:
        raise UsageError(_("xlsx 是二进制文件，不能写到终端：请用 -o 指定文件，例如 -o 结果.xlsx。"))


def refuse_output_among_reports(output: str, paths: list[str]) -> None:
    """An output file must not replace a report being read, nor land where the next run reads it as one."""
    from ipmeasures.destination import is_stdout
    from ipmeasures.sources.readers import REPORT_SUFFIXES

    if is_stdout(output):
        return
    target = os.path.realpath(output)
    for path in paths:
        real = os.path.realpath(path)
        inside = os.path.isdir(real) and os.path.commonpath([real, target]) == real
        if target == real or (inside and target.lower().endswith(REPORT_SUFFIXES)):
            raise UsageError(_("--output {output} 会覆盖所检查的报告，或写进报告目录、下次被当作报告读取："
                               "请写到报告目录之外。").format(output=output))


def ensure_writable(path: str) -> None:
    """Refuse an output path whose folder cannot be made or written, before any report is read: the command
    line names a place no file can go (a usage error, exit 2)."""
    from ipmeasures.destination import is_stdout

    if is_stdout(path):
        return
    folder = os.path.dirname(os.path.abspath(path))
    try:
        os.makedirs(folder, exist_ok=True)
    except OSError as exc:
        raise UsageError(cannot_write_message(path, exc.strerror or exc)) from None
    if os.path.isdir(path) or not os.access(folder, os.W_OK):
        raise UsageError(cannot_write_message(path, _("不是可写的文件位置")))


def write_file(path: str, data: bytes, *, force: bool, kind: str, binary: bool = False) -> None:
    """Write `data` to `path` atomically, or to stdout for `-` (a `binary` file never to a terminal).

    The destination rule is destination.check_destination: never over anything but a regular file (exit 2);
    an existing file only with `force` or when it is ipm's earlier output of the same `kind` (else exit 1).
    A write that fails (a full disk, an I/O error) is an OutputError (exit 1), as a failed write to stdout is:
    the one write-error path of every command and output.
    """
    from ipmeasures.atomic import write_bytes_atomic
    from ipmeasures.destination import OutputExistsError, check_destination, is_stdout

    if is_stdout(path):
        write_stdout_bytes(data, binary=binary)
        return
    existed = check_destination(path, kind, force=force)
    try:
        write_bytes_atomic(path, data, overwrite=existed)
    except FileExistsError:  # it appeared after the check
        raise OutputExistsError(_("{path} 已存在，未覆盖：要覆盖请加 --force，或用 -o 换一个文件名。").format(
            path=path)) from None
    except OSError as exc:
        raise OutputError(cannot_write_message(path, exc.strerror or exc)) from None


def write_stdout_bytes(data: bytes, *, binary: bool = False) -> None:
    """A file's bytes to stdout (`-o -`); a binary format only into a pipe or a file, never a terminal."""
    if binary and stdout_is_terminal():
        raise UsageError(_("xlsx 是二进制文件，不能写到终端：-o - 只能用于管道或重定向，例如 -o - > 结果.xlsx。"))
    try:
        sys.stdout.flush()
        buffer = getattr(sys.stdout, "buffer", None)
        if buffer is None:  # a text-only stream (some test runners)
            sys.stdout.write(data.decode("utf-8", errors="replace"))
            return
        buffer.write(data)
        buffer.flush()
    except OSError as exc:
        stdout_failed(exc)


def stdout_failed(exc: OSError) -> None:
    """What a failed write to stdout means: the reader has gone (a broken pipe, `ipm check | head`), or the
    output cannot be written (`> /dev/full`, an I/O error).

    A broken pipe is not an error: the rest of the output is dropped quietly (stdout now leads nowhere) and
    the command carries on to its own result and exit code. Anything else raises OutputError (exit 1).
    """
    import errno

    if isinstance(exc, BrokenPipeError) or exc.errno == errno.EPIPE:
        silence_stdout()
        return
    silence_stdout()  # nothing more can be written; interpreter shutdown must not try again
    raise OutputError(_("无法写出结果到 stdout（{reason}）：输出不完整。请检查磁盘空间，或 stdout 重定向到的文件、管道。").format(
        reason=exc.strerror or exc)) from None


def silence_stdout() -> None:
    """Point stdout's file descriptor at the null device, so later writes and the final flush succeed."""
    try:
        fd = sys.stdout.fileno()
        devnull = os.open(os.devnull, os.O_WRONLY)
    except (AttributeError, OSError, ValueError):  # a stream without a descriptor (test runners)
        return
    try:
        os.dup2(devnull, fd)
    finally:
        os.close(devnull)


def write_stdout(text: str) -> None:
    """Write text as UTF-8 regardless of the console's code page (Windows GBK consoles); a failed write is
    handled as stdout_failed says."""
    stream = sys.stdout
    try:
        try:
            stream.write(text)
        except UnicodeEncodeError:
            stream.flush()
            stream.buffer.write(text.encode("utf-8"))
        stream.flush()
    except OSError as exc:
        stdout_failed(exc)


@contextlib.contextmanager
def output_stream(path: str, kind: str, *, force: bool) -> Iterator[TextSink]:
    """An output file (`kind` as destination.check_destination has it) written piece by piece, taking its name (atomically) only once it is whole,
    where destination.check_destination allows; a path that cannot be written is a usage error."""
    from ipmeasures.atomic import open_atomic
    from ipmeasures.destination import OutputExistsError, check_destination

    existed = check_destination(path, kind, force=force)
    import io

    try:
        with open_atomic(path, overwrite=existed) as handle:
            text = io.TextIOWrapper(handle, encoding="utf-8", newline="")
            try:
                yield text
            finally:
                text.flush()
                text.detach()
    except FileExistsError:  # it appeared after the check
        raise OutputExistsError(_("{path} 已存在，未覆盖：要覆盖请加 --force，或用 -o 换一个文件名。").format(
            path=path)) from None
    except OSError as exc:
        raise OutputError(cannot_write_message(path, exc.strerror or exc)) from None
