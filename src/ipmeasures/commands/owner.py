"""ipm owner UNIT"""

from __future__ import annotations

import click

from ipmeasures.commands._common import catalog_from, emit_view, query_format_option
from ipmeasures.commands.completer import completer
from ipmeasures.i18n import _


@click.command(help=_("""某单位承担的全部职责：点名的措施与任务，以及作为单位组成员承担的职责。

UNIT 可以是简称、全称（可带辖区名称）、加挂牌子、别名、唯一片段，或单位组名；ipm units 列出全部单位与单位组。

\b
例：
  ipm owner {unit}
  ipm owner {unit} --format json
  ipm owner {unit} --format csv > {unit}职责.csv"""))
@click.argument("unit", shell_complete=completer("complete_unit_or_group"))
@query_format_option
@click.pass_context
def command(ctx: click.Context, unit: str, fmt: str, output: str | None, force: bool) -> None:
    from ipmeasures.policy.queries import owner

    emit_view(owner(catalog_from(ctx), unit), fmt, output, force=force)
