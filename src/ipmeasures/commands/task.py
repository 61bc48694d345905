"""ipm task N"""

from __future__ import annotations

import click

from ipmeasures.commands._common import catalog_from, emit_view, query_format_option
from ipmeasures.commands.completer import completer
from ipmeasures.i18n import _


@click.command(help=_("""附件一项主要任务的内容、责任单位及其对应的措施。

\b
例：
  ipm task 1
  ipm task 2 --format json"""))
@click.argument("number", shell_complete=completer("complete_task"))
@query_format_option
@click.pass_context
def command(ctx: click.Context, number: str, fmt: str, output: str | None, force: bool) -> None:
    from ipmeasures.policy.lookups import task

    emit_view(task(catalog_from(ctx), number), fmt, output, force=force)
