"""ipm summary --by-unit PATH..."""

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
    warn_days_option,
)
from ipmeasures.i18n import _


@click.command(help=_("""按单位汇总一个报告期的落实情况，供通报排名：每个承担职责的单位承担的职责数、已报告、已完成、受阻、延期、
红灯、未解决的错误、迟报，及完成率。没有报告的单位同样列出。

默认汇总 PATH 中最近的报告期；--sort 决定排名（都是最差的在前）。

\b
例：
  ipm summary --by-unit reports/2022-H2 --sort red
  ipm summary --by-unit reports/ --period 2022-H1 --format csv -o 通报.csv"""))
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True), metavar="PATH...")
@click.option("--by-unit", is_flag=True, default=True, help=_("按单位汇总（目前唯一的汇总方式，可省略）。"))
@click.option("--period", metavar="PERIOD", help=_("汇总哪个报告期，例如 2022-H2；默认为最近的一期。"))
@click.option("--sort", type=click.Choice(["red", "errors", "late", "completion"]), default="red",
              show_default=True, help=_("red 红灯多的在前；errors 错误多的在前；late 迟报多的在前；completion 完成率低的在前。"))
@warn_days_option
@query_format_option
@waivers_option
@calendar_option
@max_bytes_option
@today_option
@click.pass_context
def command(ctx: click.Context, paths: tuple[str, ...], by_unit: bool, period: str | None, sort: str,
            warn_days: int, fmt: str, output: str | None, force: bool, waivers: str | None, calendar: str | None,
            max_bytes: int,
            today: dt.datetime | None) -> None:
    from ipmeasures.check.engine import check_stream
    from ipmeasures.commands._common import ensure_writable, refuse_output_among_reports
    from ipmeasures.supervision.summary import drain, nothing_to_summarise, periods_of, summarise_units
    from ipmeasures.supervision.views import summary_view

    if output is not None:
        ensure_writable(output)
        refuse_output_among_reports(output, list(paths))
    catalog = catalog_from(ctx)
    day = today.date() if today else dt.date.today()
    dates = load_calendar_option(ctx, calendar)
    drained = drain(check_stream(list(paths), catalog, today=day, max_bytes=max_bytes,
                                 waivers=load_waivers_option(waivers, catalog), calendar=dates))
    if not periods_of(drained.run):
        raise nothing_to_summarise(drained.unusable, drained.unusable_total)
    summary = summarise_units(drained.run, catalog, period=period, sort=sort, warn_days=warn_days, calendar=dates,
                              today=day, errors=drained.errors)
    emit_view(summary_view(summary), fmt, output, force=force)
