"""ipm units"""

from __future__ import annotations

import click

from ipmeasures.commands._common import catalog_from, emit_view, query_format_option
from ipmeasures.i18n import _


@click.command(help=_("""全部责任单位：类别，点名承担与经单位组承担的措施、任务数。

\b
例：
  ipm units
  ipm units --sort load       按承担职责多少排序
  ipm units --format json"""))
@click.option("--sort", type=click.Choice(["name", "load"]), default="name", show_default=True,
              help=_("name 按名录顺序；load 按承担职责数从多到少。"))
@query_format_option
@click.pass_context
def command(ctx: click.Context, sort: str, fmt: str, output: str | None, force: bool) -> None:
    from ipmeasures.policy.queries import units

    emit_view(units(catalog_from(ctx), sort), fmt, output, force=force)
