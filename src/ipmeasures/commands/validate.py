"""ipm validate"""

from __future__ import annotations

import click

from ipmeasures import i18n
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
    from ipmeasures.commands._common import settings
    from ipmeasures.labels import display_title
    from ipmeasures.policy.loader import resolve_data_dir, validate_data_dir

    path = resolve_data_dir(data_dir or settings(ctx).data_dir)
    units, measures, tasks = validate_data_dir(path)
    document = measures.document
    members = {g.name: len(g.members) + sum(1 for u in units.units
                                            if u.name not in g.members and any(m.group == g.name for m in u.groups))
               for g in units.groups}
    english = i18n.language == "en"

    def title(item) -> str:  # the (unofficial) English title in English where the data has one
        return display_title(item.title, item.title_en)

    def group(g) -> str:
        return (g.english if english else None) or g.name

    facts = _("，").join(str(f) for f in (document.number, document.issued) if f is not None)
    lines = [
        _("数据有效：{path}").format(path=path),
        # Translators: the document's title, then its number and date of issue.
        _("  {title}（{number}，{issued}）").format(title=document.title, number=document.number,
                                                  issued=document.issued.isoformat())
        if document.number and document.issued else
        # Translators: the document's title, then what the data gives of its number and date of issue.
        _("  {title}（{facts}）").format(title=document.title, facts=facts) if facts else f"  {document.title}",
    ]
    if measures.nodes:
        nodes = measures.nodes + tasks.nodes
        lines.append(_("  条目 {n} 个，{depth} 级；有责任分工的 {d} 个").format(
            n=len(nodes), depth=max(n.level for n in nodes), d=sum(1 for n in nodes if n.duty is not None)))
    else:
        lines += [
            _("  部分 {n} 个：{titles}").format(
                n=len(measures.sections),
                # Translators: the separator between sections in a one-line list.
                titles=_("；").join(_("{label}、{title}").format(label=str(s.id) if english else s.label,
                                                                title=title(s)) for s in measures.sections)),
            _("  措施 {n} 条，主要任务 {t} 项").format(n=len(measures.measures), t=len(tasks.tasks)),
        ]
    if tasks.nodes:
        lines.append(_("  附件 {title}：{n} 行").format(title=tasks.title or "", n=len(tasks.nodes)))
    if not units.groups:
        lines.append(_("  单位 {n} 个，没有单位组").format(n=len(units.units)))
    else:
        lines.append(_("  单位 {n} 个，单位组 {g} 个：{groups}").format(
            n=len(units.units), g=len(units.groups),
            # "；", not "、": a group name may itself contain 、 (各级党委、政府).
            groups=_("；").join(_("{group}（{members}）").format(group=group(g), members=members[g.name])
                               if members[g.name] else group(g) for g in units.groups)))
    from ipmeasures.escaping import inert

    # The data files' titles and names, line by line: nothing in them a terminal or CI log would act on.
    write_stdout("\n".join(inert(line) for line in lines) + "\n")
