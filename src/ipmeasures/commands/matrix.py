"""ipm matrix"""

from __future__ import annotations

import click

from ipmeasures.commands._common import catalog_from, emit_view, query_format_option
from ipmeasures.i18n import _


@click.command(help=_("""单位 × 措施（及主要任务）责任矩阵：● 负责，★ 牵头，◐ 按职责分工负责，○ 经单位组承担。

\b
例：
  ipm matrix
  ipm matrix --no-tasks
  ipm matrix --format csv > 责任矩阵.csv"""))
@click.option("--tasks/--no-tasks", "include_tasks", default=True, show_default=True,
              help=_("是否包含附件中的任务（列 T1、T2……）。"))
@query_format_option
@click.pass_context
def command(ctx: click.Context, include_tasks: bool, fmt: str, output: str | None, force: bool) -> None:
    from ipmeasures.policy.queries import matrix

    emit_view(matrix(catalog_from(ctx), include_tasks), fmt, output, force=force)
