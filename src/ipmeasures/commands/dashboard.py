"""ipm dashboard PATH... -o dashboard.html"""

from __future__ import annotations

import datetime as dt

import click

from ipmeasures.commands._common import (
    catalog_from,
    force_option,
    format_option,
    max_bytes_option,
    output_option,
    today_option,
)
from ipmeasures.i18n import _
from ipmeasures.ledger.dashboard import FORMATS


@click.command(help=_("""由各单位的报告生成一个离线 HTML 看板：总体完成率、每条措施各责任单位的状态、未报送的单位、
按单位归类的全部问题；给出多个报告期的报告时，还有各措施的各期趋势。

页面是一个自包含的文件：样式内嵌、没有脚本、不发出任何网络请求，可在内网直接打开、转发或打印（A4）。
数字与 ipm check 的结果一致。-o - 写到 stdout。-o 文件已存在时，只覆盖 ipm dashboard 先前写出的看板，其他文件
不覆盖（退出码 1），除非加 --force；链接、管道、设备从不写入（退出码 2）。

\b
例：
  ipm dashboard reports/ -o dashboard.html
  ipm dashboard reports/2022-H1 reports/2022-H2 -o 看板.html --force"""))
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True), metavar="PATH...")
@output_option(required=True)
@format_option(FORMATS, default="html", files_only=True)
@force_option
@click.option("--expect-all", is_flag=True, help=_("与 ipm check --expect-all 相同：缺少的报告也列为问题。"))
@max_bytes_option
@today_option
@click.pass_context
def command(ctx: click.Context, paths: tuple[str, ...], output: str, fmt: str, force: bool, expect_all: bool,
            max_bytes: int, today: dt.datetime | None) -> None:
    from ipmeasures.commands._common import (
        announce_written,
        ensure_writable,
        refuse_output_among_reports,
        write_file,
    )
    from ipmeasures.commands.stdout import write_text_output
    from ipmeasures.destination import check_destination
    from ipmeasures.errors import IpmError
    from ipmeasures.ledger.dashboard import WRITERS
    from ipmeasures.ledger.model import build_ledger
    from ipmeasures.results import no_usable_reports

    ensure_writable(output)
    refuse_output_among_reports(output, list(paths))
    declared, kind = FORMATS[fmt], f"dashboard:{fmt}"
    check_destination(output, kind, force=force)  # before reading any report

    day = today.date() if today else dt.date.today()
    catalog = catalog_from(ctx)
    ledger = build_ledger(list(paths), catalog, today=day, max_bytes=max_bytes, expect_all=expect_all)
    if not ledger.periods:
        raise IpmError(no_usable_reports(_("没有可用于看板的报告：没有一份报告写明了可识别的单位和报告期。"
                                           "请先用 ipm check 检查这些文件。"), ledger.findings), multiline=True)
    if fmt in WRITERS:  # the page declares UTF-8, so on stdout too it is UTF-8 whatever the console
        write_text_output(lambda out: WRITERS[fmt](ledger, catalog, out, today=day), output, kind, force=force,
                          utf8=True)
    else:
        page = declared.load()(ledger, catalog, today=day)
        write_file(output, page if isinstance(page, bytes) else page.encode("utf-8"), force=force, kind=kind,
                   binary=declared.binary)
    announce_written(output)
