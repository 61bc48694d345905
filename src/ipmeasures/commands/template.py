"""ipm template UNIT [--period P] [-o FILE] [--force]"""

from __future__ import annotations

import datetime as dt

import click

from ipmeasures.commands._common import (
    announce_written,
    catalog_from,
    force_option,
    format_option,
    output_option,
    write_file,
    write_stdout,
)
from ipmeasures.commands.completer import completer
from ipmeasures.errors import UsageError
from ipmeasures.i18n import _
from ipmeasures.outputs import by_suffix
from ipmeasures.template import FORMATS


def current_half_year(today: dt.date | None = None) -> str:
    """The half-year `today` is in, as a period: 2026-H2. The default --period."""
    today = today or dt.date.today()
    return f"{today.year}-H{1 if today.month <= 6 else 2}"


@click.command(help=_("""生成某单位的落实情况报告模板：列出该单位承担的每项措施与任务，注释中写明标题、
职责方式与期限。填好每项的 status 等字段后，用 ipm check 检查。

默认写到 stdout（-o - 亦同）；用 -o 写入文件，文件已存在时不覆盖（退出码 1），除非加 --force：它可能是已填写的
报告；链接、管道、设备从不写入（退出码 2）。写文件是原子的：
中途出错不会留下半个文件。--format xlsx（或 -o 文件名以 .xlsx 结尾）生成 Excel 工作簿：每项职责一行，
编号与标题锁定，状态为下拉列表；需要可选组件 ipmeasures[excel]。

\b
例：
  ipm template {unit}
  ipm template {unit} --period 2022-H1 -o reports/{unit}-2022-H1.yaml
  ipm template {unit} --period 2022-H1 -o reports/{unit}-2022-H1.xlsx"""))
@click.argument("unit", shell_complete=completer("complete_unit"))
@click.option("--period", metavar="PERIOD",
              help=_("报告期：YYYY、YYYY-H1/H2、YYYY-Q1…Q4 或 YYYY-MM（默认为今天所在的半年，现在是 {period}）。").format(
                  period=current_half_year()))
@output_option
@format_option(FORMATS, default=None, files_only=True, help=_("不写时按 -o 的扩展名判断。"))
@force_option
@click.pass_context
def command(ctx: click.Context, unit: str, period: str | None, output: str | None, fmt: str | None,
            force: bool) -> None:
    from ipmeasures.report.period import parse_period

    if period is None:
        period = current_half_year()
    parsed = parse_period(period)
    if parsed is None:
        raise click.BadParameter(_("无法识别“{value}”：请写成 YYYY、YYYY-H1/H2、YYYY-Q1…Q4 或 YYYY-MM，"
                                   "例如 2022-H1。").format(value=period), ctx, param_hint="--period")
    from ipmeasures.destination import check_destination, is_stdout

    catalog = catalog_from(ctx)
    if output is not None:
        check_destination(output, "report", force=force)
    fmt = fmt or (output is not None and by_suffix(FORMATS, output)) or "yaml"
    declared = FORMATS[fmt]
    if declared.binary:
        if output is None:
            raise UsageError(_("xlsx 是二进制文件，不能写到终端：请用 -o 指定文件，例如 -o {unit}.xlsx。").format(
                unit=catalog.resolve_unit(unit)))
        if not output.lower().endswith(declared.suffixes) and not is_stdout(output):
            # ipm check, Excel and WPS go by the extension: a workbook under another name reads as garbage.
            raise UsageError(_("工作簿的文件名应以 .xlsx 结尾，这里是 {path}。").format(path=output))
    rendered = declared.load()(catalog, catalog.resolve_unit(unit), parsed.text)
    if output is None or (is_stdout(output) and not declared.binary):  # text: a binary format needs -o
        write_stdout(rendered)
        return
    data = rendered if isinstance(rendered, bytes) else rendered.encode("utf-8")
    write_file(output, data, force=force, kind="report", binary=declared.binary)
    announce_written(output, _("已写入 {path}：填写每项的 status 等字段后，运行 ipm check {path}").format(path=output))
