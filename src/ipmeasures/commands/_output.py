"""Writing a command's output file: atomically, and never over an existing file without --force."""

from __future__ import annotations

from ipmeasures.errors import IpmError, UsageError
from ipmeasures.i18n import _


def write_file(path: str, data: bytes, *, force: bool) -> None:
    """Write `data` to `path` atomically; an existing file is kept (exit 1) unless `force`."""
    from ipmeasures.atomic import write_bytes_atomic

    try:
        write_bytes_atomic(path, data, overwrite=force)
    except FileExistsError:
        raise IpmError(_("{path} 已存在，未覆盖：要覆盖请加 --force，或用 -o 换一个文件名。").format(
            path=path)) from None
    except OSError as exc:
        raise IpmError(_("无法写入 {path}（{reason}）：请检查路径与权限。").format(
            path=path, reason=exc.strerror or exc)) from None


def require_output(fmt: str, output: str | None) -> None:
    """A binary format (xlsx) cannot go to a terminal: it needs -o FILE (a usage error, exit 2)."""
    if fmt == "xlsx" and output is None:
        raise UsageError(_("xlsx 是二进制文件，不能写到终端：请用 -o 指定文件，例如 -o 结果.xlsx。"))


FILE_FORMATS = ("table", "json", "csv", "markdown", "xlsx")  # QUERY_FORMATS and the binary xlsx


def query_output_options(func):
    """`--format table|json|csv|markdown|xlsx`, `-o/--output FILE` and `--force`, for the query commands that
    offer a workbook (ipm matrix, ipm owner). xlsx is binary, so it needs -o."""
    import click

    func = click.option("--force", is_flag=True, help=_("-o 的文件已存在时覆盖。"))(func)
    func = click.option("-o", "--output", "output", type=click.Path(dir_okay=False), metavar="FILE",
                        help=_("写入该文件，而不是 stdout；--format xlsx 时必须指定。"))(func)
    return click.option("--format", "fmt", type=click.Choice(FILE_FORMATS), default="table", show_default=True,
                        help=_("输出格式：table 终端表格；json 机器可读；csv 带 BOM，Excel/WPS 可直接打开；markdown；"
                               "xlsx Excel 工作簿（需 -o，需可选组件 ipmeasures[excel]）。"))(func)


def emit_view_to(view, fmt: str, output: str | None, *, force: bool = False) -> None:
    """Render a query view to stdout (emit_view), or to the -o file; xlsx only to a file."""
    import click

    from ipmeasures.commands._common import emit_view

    require_output(fmt, output)
    if output is None:
        emit_view(view, fmt)
        return
    from ipmeasures.views import render_file

    write_file(output, render_file(view, fmt, color=False, width=120), force=force)
    click.echo(_("已写入 {path}").format(path=output), err=True)
