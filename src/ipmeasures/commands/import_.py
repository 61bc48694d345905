"""ipm import"""

from __future__ import annotations

import click

from ipmeasures.commands._common import write_stdout
from ipmeasures.i18n import _


@click.command(help=_("""把一份任务分工文件（分工方案、工作要点、推进计划）读成数据：编号层级、
每项的责任单位与牵头/配合、完成时限，以及需要人工确认的地方。

SOURCE 可以是纯文本（UTF-8、GBK/GB18030、UTF-16）、Word .docx、带文字层的 PDF 或保存的网页 .html；
.docx 与 .pdf 需要可选组件：pip install 'ipmeasures[import]'。

-o DIR 写出数据目录（units.yaml、measures.yaml，有附件表格时另有 responsibility_table.yaml）与
REVIEW.md（每个需要人来决定的地方及其行号）；ipm --data DIR validate 可直接通过。

\b
例：
  ipm import 分工方案.txt                       列出读到的条目与待确认处
  ipm import 分工方案.docx --format json        机器可读的结构
  ipm import 分工方案.docx -o 新文件数据/        写出数据目录与 REVIEW.md
  ipm import 第二份.docx -o 数据2/ --units 新文件数据/   沿用已有的单位名册"""))
@click.argument("source", metavar="SOURCE")
@click.option("-o", "--output", "output", metavar="DIR", help=_("写出数据目录（一个尚不存在的目录；已存在时须加 --force）。"))
@click.option("--units", "units_dir", metavar="DIR",
              help=_("沿用该数据目录的单位名册（单位、别名、拼音）；名册中没有的名称新建并列入 REVIEW.md。"))
@click.option("--force", is_flag=True, help=_("-o 的目录已存在时仍写入（覆盖其中的数据文件，不动其他文件）。"))
@click.option("--dry-run", is_flag=True, help=_("只输出读到的结构，不写任何文件。"))
@click.option("--format", "fmt", type=click.Choice(["table", "json", "markdown"]), default="table",
              show_default=True, help=_("输出格式：table 便于阅读；json 机器可读；markdown。"))
def command(source: str, output: str | None, units_dir: str | None, force: bool, dry_run: bool, fmt: str) -> None:
    from ipmeasures.importer import import_file

    result = import_file(source)
    if output and not dry_run:
        from ipmeasures.importer.writer import write_data

        written = write_data(result, output, units_dir=units_dir, force=force)
        click.echo(_("已写入 {path}：条目 {n} 个，新建单位 {d} 个，待确认 {r} 处，见 {review}。").format(
            path=output, n=len(result.items), d=written.drafted, r=len(written.review),
            review=f"{output.rstrip('/')}/REVIEW.md"), err=True)
        return
    if fmt == "json":
        from ipmeasures.jsontext import dumps

        write_stdout(dumps(result.to_dict()) + "\n")
        return
    from ipmeasures.importer.render import render_text

    write_stdout(render_text(result, markdown=fmt == "markdown"))
