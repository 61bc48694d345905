"""The query views (table, json, csv, markdown) of `ipm diff` and `ipm summary`."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ipmeasures.i18n import N_, _, join_names
from ipmeasures.views.base import Column, Rows, Table, View

if TYPE_CHECKING:
    from ipmeasures.supervision.diff import Diff, StatusChange
    from ipmeasures.supervision.results import Run
    from ipmeasures.supervision.summary import UnitSummary

CHANGE_LABELS = {"new": N_("新增"), "persisting": N_("仍存在"), "resolved": N_("已解决")}


def _change_duty(change: StatusChange) -> str:
    """措施 3 or 任务 5 for a status change of a measure or a task; empty for an item (its reference says it)."""
    number = change.number if isinstance(change.number, int) else None
    return duty_text(number if change.kind == "measure" else None, number if change.kind == "task" else None)


def duty_text(measure: int | None, task: int | None) -> str:
    """措施 3 / 任务 5, or empty."""
    parts = []
    if measure is not None:
        parts.append(_("措施 {n}").format(n=measure))
    if task is not None:
        parts.append(_("任务 {n}").format(n=task))
    return " / ".join(parts)


def state_text(state: str) -> str:
    """A status or a gap (未报送, 报告缺此项) in words."""
    from ipmeasures.labels import state_label

    return state_label(state)


def where(record: dict[str, Any]) -> str:
    text = str(record.get("file") or "")
    if record.get("cell"):
        return f"{text}:{record['cell']}"
    if record.get("line") is not None:
        text += f":{record['line']}"
    return text


def _run_text(run: Run) -> str:
    periods = join_names(run.periods) if run.periods else _("报告期不详")
    return _("{source}（{periods}）").format(source=run.source, periods=periods)


def diff_view(diff: Diff) -> View:
    """`ipm diff`: one table of findings with their change, one of status changes; the same columns in both
    (the terminal hides the ones a table leaves empty), so csv is one rectangular table."""
    columns = [Column("section", _("类别")), Column("change", _("变化"), 6), Column("unit", _("单位"), 10),
               Column("duty", _("职责"), 8), Column("rule", _("规则"), 12), Column("severity", _("级别"), 4),
               Column("location", _("位置"), 12), Column("message", _("说明"), 20),
               Column("old", _("上期状态"), 6), Column("new", _("本期状态"), 6)]
    severity = {"error": _("错误"), "warning": _("警告")}
    suppressed = _("（已豁免）")
    changes = {change: _(label) for change, label in CHANGE_LABELS.items()}
    section = _("问题")

    def finding_row(pair: tuple[str, dict[str, Any]]) -> dict[str, Any]:
        change, record = pair
        return {
            "section": section, "change": changes[change], "unit": record.get("unit") or "",
            "duty": duty_text(record.get("measure"), record.get("task")) or record.get("item") or "",
            "rule": record.get("rule"),
            "severity": str(severity.get(str(record.get("severity")), record.get("severity"))) + (
                suppressed if record.get("suppressed") else ""),
            "location": where(record), "message": record.get("message"),
        }

    # read back from the spools a row at a time, as each format writes it
    finding_rows = Rows(diff.findings, len(diff.findings), finding_row)
    status_rows = [{
        "section": _("状态"), "change": _("退步") if c.regression else _("变化"), "unit": c.unit,
        "duty": _change_duty(c) or c.ref,
        "old": state_text(c.old), "new": state_text(c.new),
    } for c in diff.status_changes]
    tables = [
        Table(columns, finding_rows, title=_("问题的变化"), terminal_hides=("section", "old", "new")),
        Table(columns, status_rows, title=_("职责状态的变化"),
              terminal_hides=("section", "rule", "severity", "location", "message")),
    ]
    document = diff.to_document()
    summary = document["summary"]
    facts = [(_("上期"), _run_text(diff.old)), (_("本期"), _run_text(diff.new)),
             (_("问题"), _("新增 {new}，仍存在 {persisting}，已解决 {resolved}").format(**summary)),
             (_("退步"), str(summary["regressions"]))]
    notes = []
    if not (diff.old.has_reports and diff.new.has_reports):
        notes.append(_("保存的 JSON 结果中没有各报告的状态（reports），无法比较职责状态：请用当前版本的 "
                       "ipm check --format json 重新生成，或直接比较两个报告目录。"))
    return View(_("两期对比：{old} → {new}").format(old=diff.old.source, new=diff.new.source), document,
                facts=facts, tables=tables, notes=notes)


SORT_LABELS = {"red": N_("红灯数从多到少"), "errors": N_("错误数从多到少"), "late": N_("迟报数从多到少"),
               "completion": N_("完成率从低到高")}


def summary_view(summary: UnitSummary) -> View:
    """`ipm summary --by-unit`: one row per unit, worst first."""
    columns = [Column("unit", _("单位"), 10), Column("duties", _("职责")), Column("reported", _("已报告")),
               Column("completed", _("已完成")), Column("blocked", _("受阻")), Column("deferred", _("延期")),
               Column("red", _("红灯")), Column("errors", _("错误")), Column("late", _("迟报")),
               Column("completion", _("完成率"))]
    rows = [{**row.to_record(), "completion": f"{row.completion:g}%"} for row in summary.units]
    facts = [(_("报告期"), summary.period), (_("排序"), _(SORT_LABELS[summary.sort]))]
    notes = [_("完成率 = 已完成 ÷（职责 − 不适用）；红灯：期限已过未完成、受阻、或延期后超过新的期限。")]
    return View(_("各单位落实情况（{period}）").format(period=summary.period), summary.to_document(), facts=facts,
                tables=[Table(columns, rows)], notes=notes)
