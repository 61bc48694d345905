"""ipm fix FILE... [--write]"""

from __future__ import annotations

import click

from ipmeasures.commands._common import max_bytes_option
from ipmeasures.i18n import _


@click.command(help=_("""修正报告中用中文输入法时常见的机械错误，并以统一差异格式（diff）显示改动。

只改这几类，其他内容（文字、注释、换行符）一概不动：文件编码（GBK/GB18030、UTF-16 另存为 UTF-8）；
字段名后的全角冒号“：”和缺少空格的冒号（status：推进中、status:推进中 → status: 推进中）；行首的全角空格
（每个换成两个半角空格，与屏幕上看到的宽度相同）；evidence: [] 之后又逐行写了“- …”时删去 []。

默认只显示将要做的改动，不写文件；加 --write 才把改动写回原文件。Excel 工作簿（.xlsx）不处理。

\b
退出码：0 没有需要修正的（或已用 --write 写回，且文件能正常读取）；1 有需要修正的改动（未加 --write），
或文件无法读取，或修正后仍有 YAML 错误（请按 ipm check 的提示手工修改）；2 用法错误。

\b
例：
  ipm fix reports/{unit}-2022-H1.yaml
  ipm fix reports/*.yaml --write"""))
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False), metavar="FILE...")
@click.option("--write", is_flag=True, help=_("把修正写回原文件（默认只显示改动）。"))
@max_bytes_option
def command(files: tuple[str, ...], write: bool, max_bytes: int) -> None:
    from ipmeasures.sources.fixer import fix_files

    outcome = fix_files(list(files), write=write, max_bytes=max_bytes)
    for diff in outcome.diffs:
        click.echo(diff, nl=False)
    from ipmeasures.escaping import inert

    for message in outcome.messages:  # they name the report files
        click.echo(inert(message, multiline=True), err=True)
    raise SystemExit(outcome.exit_code)
