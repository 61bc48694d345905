"""ipm diff OLD NEW"""

from __future__ import annotations

import datetime as dt

import click

from ipmeasures.commands._common import (
    calendar_option,
    catalog_from,
    emit_view,
    load_calendar_option,
    load_waivers_option,
    max_bytes_option,
    query_format_option,
    today_option,
    waivers_option,
)
from ipmeasures.i18n import _


@click.command(help=_("""比较两期报告：哪些问题是新增的、仍存在的、已解决的，各职责的状态如何变化，哪些退步了。

OLD、NEW 各是一个报告目录（或文件），或一份保存下来的 ipm check --format json 结果（*.json）。
同一问题的判断：规则、单位、职责与报告内位置（不含行号）相同；行号在两期之间变动不影响判断。
退步：已完成变为未启动、推进中、受阻或延期；上期报告了的职责本期没有报告。

\b
退出码：0 比较完成（有新增问题或退步也是 0；要在 CI 中把关，用 ipm check --baseline）；1 输入无法读取；2 用法错误。

\b
例：
  ipm diff reports/2022-H1 reports/2022-H2
  ipm diff 上期结果.json reports/2022-H2 --format json
  ipm diff reports/2022-H1 reports/2022-H2 --format csv -o 对比.csv"""))
@click.argument("old", type=click.Path(exists=True), metavar="OLD")
@click.argument("new", type=click.Path(exists=True), metavar="NEW")
@query_format_option
@waivers_option
@calendar_option
@max_bytes_option
@today_option
@click.pass_context
def command(ctx: click.Context, old: str, new: str, fmt: str, output: str | None, force: bool,
            waivers: str | None, calendar: str | None, max_bytes: int, today: dt.datetime | None) -> None:
    from ipmeasures.commands._common import ensure_writable, refuse_output_among_reports
    from ipmeasures.supervision.diff import compare
    from ipmeasures.supervision.results import load_run
    from ipmeasures.supervision.views import diff_view

    if output is not None:
        ensure_writable(output)
        refuse_output_among_reports(output, [old, new])
    catalog = catalog_from(ctx)
    day = today.date() if today else None
    dates, waived = load_calendar_option(ctx, calendar), load_waivers_option(waivers, catalog)
    runs = [load_run(path, catalog, today=day, max_bytes=max_bytes, calendar=dates, waivers=waived)
            for path in (old, new)]
    emit_view(diff_view(compare(*runs)), fmt, output, force=force)
