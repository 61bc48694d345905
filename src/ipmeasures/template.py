"""The report template a unit fills in: its formats under the output contract, and its YAML text.

`ipm template` writes what `ipm check` reads: YAML text (default), or an Excel workbook (`workbook.layout`,
imported only when that format is asked for). FORMATS is the only list of the command's `--format` choices.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from ipmeasures.i18n import N_, _
from ipmeasures.labels import deadline_note, display_title, role_label
from ipmeasures.outputs import OutputFormat

if TYPE_CHECKING:
    from ipmeasures.policy.catalog import Catalog


def render_yaml(catalog: Catalog, unit: str, period: str) -> str:
    """The YAML text of an empty report for `unit`: one item per duty, each under a comment with its title."""
    from ipmeasures.escaping import inert, yaml_text
    from ipmeasures.report.model import STATUS_LABELS

    statuses = " | ".join(f"{s} {label}" for s, label in STATUS_LABELS.items())
    lines = [
        _("# 落实情况报告：{unit}，报告期 {period}").format(unit=inert(unit), period=period),
        _("# 每项的 status 必填：{statuses}").format(statuses=statuses),
        _("# completed 须列 evidence（文号、案件编号、链接）；blocked 须写 blocker；not_applicable 须写 reason；"),
        _("# in_progress 与 completed 应写 progress。填好后运行：ipm check 本文件"),
        f"unit: {yaml_text(unit)}",  # the data files' name, read back the same, nothing live in a terminal
        f"period: {period}",
        "submitted:            # " + _("报送日期，例如 {date}").format(date=dt.date.today().isoformat()),
        "contact:              # " + _("联系人与电话"),
    ]
    duties = catalog.duties(unit)
    lines.append("items:" if duties else "items: []  # " + _("本单位在文件中没有承担的措施或任务"))
    group = None
    for duty in duties:
        if duty.via is not None and duty.via != group:
            group = duty.via
            lines.append(_("  # —— 以下为作为“{group}”成员承担的职责 ——").format(group=inert(group)))
        if duty.kind == "measure":
            name = _("措施 {label}").format(label=duty.label)
        elif duty.kind == "task":
            name = _("任务 {n}").format(n=duty.id)
        else:
            name = _("事项 {ref}").format(ref=duty.ref)
        role = role_label(duty.role, duty.role_words)
        deadline = deadline_note(duty)
        title = " ".join(display_title(duty.title, duty.title_en).split())
        # a reference quoted, so (1) or 1 stays the text it is (and nothing in it is live)
        ref = f"item: {yaml_text(duty.ref, quote=True)}" if duty.kind == "item" else f"{duty.kind}: {duty.id}"
        lines += [
            f"  # {inert(name)} {inert(title)}（{role}{deadline}）",
            f"  - {ref}",
            "    status:",
            "    progress:",
            "    evidence: []",
            "    next_steps:",
        ]
    return "\n".join(lines) + "\n"


FORMATS: dict[str, OutputFormat] = {
    "yaml": OutputFormat(N_("YAML 文本（默认）"), render_yaml, suffixes=(".yaml", ".yml")),
    # bytes, not text: only to the -o file (or `-o -` into a pipe)
    "xlsx": OutputFormat(N_("Excel 工作簿：每项职责一行，编号与标题锁定，状态为下拉列表（须用 -o 指定文件）"),
                         "ipmeasures.workbook.layout:write_template", binary=True, suffixes=(".xlsx",)),
}
