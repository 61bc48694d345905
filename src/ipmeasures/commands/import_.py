"""ipm import"""

from __future__ import annotations

import click

from ipmeasures.commands._common import write_stdout
from ipmeasures.i18n import _


@click.command(help=_("""把一份任务分工文件（分工方案、工作要点、推进计划）读成数据：编号层级、
每项的责任单位与牵头/配合、完成时限，以及需要人工确认的地方。

SOURCE 可以是纯文本（UTF-8、GBK/GB18030、UTF-16）、Word .docx、带文字层的 PDF 或保存的网页 .html；
.docx 与 .pdf 需要可选组件：pip install 'ipmeasures[import]'。

\b
例：
  ipm import 分工方案.txt                       列出读到的条目与待确认处
  ipm import 分工方案.docx --format json        机器可读的结构"""))
@click.argument("source", metavar="SOURCE")
@click.option("--dry-run", is_flag=True, help=_("只输出读到的结构，不写任何文件。"))
@click.option("--format", "fmt", type=click.Choice(["table", "json", "markdown"]), default="table",
              show_default=True, help=_("输出格式：table 便于阅读；json 机器可读；markdown。"))
def command(source: str, dry_run: bool, fmt: str) -> None:
    from ipmeasures.importer import import_file

    result = import_file(source)
    if fmt == "json":
        import json

        write_stdout(json.dumps(result.to_dict(), ensure_ascii=False, indent=2) + "\n")
        return
    from ipmeasures.importer.render import render_text

    write_stdout(render_text(result, markdown=fmt == "markdown"))
