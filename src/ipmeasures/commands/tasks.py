"""ipm tasks"""

from __future__ import annotations

import click

from ipmeasures.commands._common import catalog_from, emit_view, query_format_option
from ipmeasures.i18n import _


@click.command(help=_("""列出附件（责任分工表）的全部任务及对应措施。

\b
例：
  ipm tasks
  ipm tasks --format csv > 主要任务.csv"""))
@query_format_option
@click.pass_context
def command(ctx: click.Context, fmt: str, output: str | None, force: bool) -> None:
    from ipmeasures.policy.lookups import tasks

    emit_view(tasks(catalog_from(ctx)), fmt, output, force=force)
