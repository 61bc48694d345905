"""ipm measure N"""

from __future__ import annotations

import click

from ipmeasures.commands._common import catalog_from, emit_view, query_format_option
from ipmeasures.commands.completer import completer
from ipmeasures.i18n import _


@click.command(help=_("""一条措施的全文、责任单位、单位组、牵头单位与相关主要任务。

N 可写作 7、七 或 (七)。

\b
例：
  ipm measure 7
  ipm measure 1 --format json"""))
@click.argument("number", shell_complete=completer("complete_measure"))
@query_format_option
@click.pass_context
def command(ctx: click.Context, number: str, fmt: str, output: str | None, force: bool) -> None:
    from ipmeasures.policy.lookups import measure

    emit_view(measure(catalog_from(ctx), number), fmt, output, force=force)
