"""ipm ledger PATH... [-o FILE] [--format xlsx|csv|json|markdown]"""

from __future__ import annotations

import datetime as dt

import click

from ipmeasures.commands._common import (
    catalog_from,
    force_option,
    format_option,
    max_bytes_option,
    output_option,
    today_option,
    write_stdout,
)
from ipmeasures.i18n import _, join_names
from ipmeasures.ledger.formats import FORMATS
from ipmeasures.outputs import by_suffix


def output_format(fmt: str | None, output: str | None) -> str:
    """--format, else the format the -o file's extension chooses, else markdown (for a terminal)."""
    return fmt or (output and by_suffix(FORMATS, output)) or "markdown"


@click.command(help=_("""由各单位一期或多期的报告生成任务落实台账。

每项职责、每个责任单位一行；每个报告期一组列（状态、进展、佐证、问题），最近的报告期在前。
某单位某期没有报告时写“未报送”，报告漏了某项时写“报告缺此项”，不留空白。问题即 ipm check 的结果。
xlsx：表头冻结、可筛选，状态单元格着色并写明文字；第二个工作表列出全部问题。需要可选组件 ipmeasures[excel]。

-o - 写到 stdout。-o 文件已存在时，只覆盖 ipm ledger 先前写出的同格式台账（xlsx、json），其他文件不覆盖（退出码 1），
除非加 --force；链接、管道、设备从不写入（退出码 2）。

\b
例：
  ipm ledger reports/ -o 台账.xlsx
  ipm ledger reports/2022-H1 reports/2022-H2 --format csv -o 台账.csv
  ipm ledger reports/ --format json > 台账.json"""))
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True), metavar="PATH...")
@output_option
@format_option(FORMATS, default=None, files_only=True, help=_("不写时按 -o 的扩展名判断。"))
@force_option
@max_bytes_option
@today_option
@click.pass_context
def command(ctx: click.Context, paths: tuple[str, ...], output: str | None, fmt: str | None, force: bool,
            max_bytes: int, today: dt.datetime | None) -> None:
    from ipmeasures.commands._common import (
        announce_written,
        ensure_writable,
        refuse_output_among_reports,
        require_output,
        write_file,
    )
    from ipmeasures.commands.stdout import write_text_output
    from ipmeasures.destination import check_destination
    from ipmeasures.errors import IpmError
    from ipmeasures.ledger.formats import WRITERS, render
    from ipmeasures.ledger.model import build_ledger
    from ipmeasures.results import no_usable_reports

    fmt = output_format(fmt, output)
    binary = FORMATS[fmt].binary
    if output is not None:
        ensure_writable(output)
        refuse_output_among_reports(output, list(paths))
        check_destination(output, f"ledger:{fmt}", force=force)  # before reading any report
    require_output(binary, output)
    if binary:
        from ipmeasures.workbook.xlsx import require_openpyxl

        require_openpyxl()  # before reading any report
    ledger = build_ledger(list(paths), catalog_from(ctx), today=today.date() if today else None,
                          max_bytes=max_bytes)
    if not ledger.periods:
        raise IpmError(no_usable_reports(_("没有可用于台账的报告：没有一份报告写明了可识别的单位和报告期。"
                                           "请先用 ipm check 检查这些文件。"), ledger.findings), multiline=True)
    if fmt in WRITERS:
        write_text_output(lambda out: WRITERS[fmt](ledger, out), output, f"ledger:{fmt}", force=force)
        if output is not None:
            announce_written(output, _("已写入 {path}：{rows} 行，报告期 {periods}").format(
                path=output, rows=len(ledger.rows), periods=join_names(ledger.periods)))
        return
    data = render(ledger, fmt)
    if output is None:
        write_stdout(data.decode("utf-8"))
        return
    write_file(output, data, force=force, kind=f"ledger:{fmt}", binary=binary)
    announce_written(output, _("已写入 {path}：{rows} 行，报告期 {periods}").format(
        path=output, rows=len(ledger.rows), periods=join_names(ledger.periods)))
