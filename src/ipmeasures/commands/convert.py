"""ipm convert SOURCE -o TARGET [--force]"""

from __future__ import annotations

import click

from ipmeasures.commands._common import catalog_from, force_option, output_option
from ipmeasures.i18n import _
from ipmeasures.sources.yamldoc import DEFAULT_MAX_BYTES


@click.command(help=_("""在 Excel 工作簿（.xlsx）与 YAML 之间转换落实情况报告，方向由两个文件的扩展名决定。

转换不丢失检查所读的任何内容：转换前后 ipm check 的结果相同；这样仓库里可以保存 YAML，各单位照样填 Excel。
目标文件已存在时不覆盖（退出码 1），除非加 --force；链接、管道、设备从不写入（退出码 2）；写文件是原子的。
-o - 写到 stdout（格式为源文件的另一种）。需要可选组件 ipmeasures[excel]。

\b
例：
  ipm convert {unit}-2022-H1.xlsx -o reports/{unit}-2022-H1.yaml
  ipm convert reports/{unit}-2022-H1.yaml -o {unit}-2022-H1.xlsx"""))
@click.argument("source", type=click.Path(exists=True, dir_okay=False), metavar="SOURCE")
@output_option(required=True)
@force_option
@click.option("--max-bytes", type=click.IntRange(min=1), default=DEFAULT_MAX_BYTES, show_default=True,
              metavar="N", help=_("源文件的大小上限（字节）。"))
@click.pass_context
def command(ctx: click.Context, source: str, output: str, force: bool, max_bytes: int) -> None:
    from ipmeasures.commands._common import announce_written, write_file
    from ipmeasures.destination import check_destination, is_stdout
    from ipmeasures.workbook.convert import convert, kind_of

    check_destination(output, "report", force=force)  # a converted report replaces nothing without --force
    # `-o -`: the other kind than the source's, to stdout
    target = ("-.yaml" if kind_of(source) == "xlsx" else "-.xlsx") if is_stdout(output) else output
    catalog = catalog_from(ctx) if kind_of(target) == "xlsx" else None  # titles beside each duty
    write_file(output, convert(source, target, catalog, max_bytes=max_bytes), force=force, kind="report",
               binary=kind_of(target) == "xlsx")
    announce_written(output)
