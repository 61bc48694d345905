"""ipm measures"""

from __future__ import annotations

import click

from ipmeasures.commands._common import catalog_from, emit_view, query_format_option
from ipmeasures.i18n import _


@click.command(help=_("""按部分列出全部措施及其责任单位。

\b
例：
  ipm measures
  ipm measures --format markdown > 措施.md"""))
@query_format_option
@click.pass_context
def command(ctx: click.Context, fmt: str, output: str | None, force: bool) -> None:
    from ipmeasures.policy.lookups import measures

    emit_view(measures(catalog_from(ctx)), fmt, output, force=force)
