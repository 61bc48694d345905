"""ipm search TEXT"""

from __future__ import annotations

import click

from ipmeasures.commands._common import catalog_from, emit_view, query_format_option
from ipmeasures.i18n import _


@click.command(help=_("""在措施与主要任务的原文中查找词语，显示所在段落与责任单位。

没有找到时说明“没有找到”，退出码仍为 0（查询没有出错）；--format json 时 hits 为空列表。退出码 2：用法错误。

\b
例：
  ipm search 词语
  ipm search 词语 --format json"""))
@click.argument("text")
@query_format_option
@click.pass_context
def command(ctx: click.Context, text: str, fmt: str, output: str | None, force: bool) -> None:
    from ipmeasures.policy.lookups import search

    emit_view(search(catalog_from(ctx), text), fmt, output, force=force)
