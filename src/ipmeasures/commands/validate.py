"""ipm validate"""

from __future__ import annotations

import click

from ipmeasures.commands._common import write_stdout
from ipmeasures.i18n import _


@click.command(help=_("""校验政策数据文件（units.yaml、measures.yaml、responsibility_table.yaml），
通过后输出摘要；有问题时逐条列出文件、行号与字段，退出码 1。

\b
例：
  ipm validate
  ipm validate --data ./my-data      （或 ipm --data ./my-data validate）"""))
@click.option("--data", "data_dir", metavar="DIR",
              help=_("要校验的数据目录（默认为全局 --data / IPM_DATA，或随包数据）。"))
@click.pass_context
def command(ctx: click.Context, data_dir: str | None) -> None:
    from ipmeasures.loader import resolve_data_dir, validate_data_dir

    path = resolve_data_dir(data_dir or (ctx.find_root().obj or {}).get("data_dir"))
    units, measures, tasks = validate_data_dir(path)
    document = measures.document
    members = {g.name: sum(1 for u in units.units if any(m.group == g.name for m in u.groups)) for g in units.groups}
    lines = [
        _("数据有效：{path}").format(path=path),
        f"  {document.title}（{document.number}，{document.issued.isoformat()}）",
        _("  部分 {n} 个：{titles}").format(n=len(measures.sections),
                                            titles="；".join(f"{s.label}、{s.title}" for s in measures.sections)),
        _("  措施 {n} 条，主要任务 {t} 项").format(n=len(measures.measures), t=len(tasks.tasks)),
        _("  单位 {n} 个，单位组 {g} 个：{groups}").format(
            n=len(units.units), g=len(units.groups),
            groups="、".join(f"{name}（{count}）" if count else name for name, count in members.items())),
    ]
    write_stdout("\n".join(lines) + "\n")
