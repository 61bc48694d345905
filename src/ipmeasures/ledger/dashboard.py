"""`ipm dashboard`: one self-contained, offline HTML page over a run's reports, for the people who supervise.

The page has overall completion, a row per measure and task with the status of each responsible unit,
the units that have not reported, every finding grouped by unit and, with several periods, each duty's
completion period by period. Its figures come from the same check as `ipm check` (`check.engine.check_stream`)
and the same cells as `ipm ledger`, and are repeated as data-* attributes so that tests and scripts
can read them. It is written a piece at a time: the run's findings are read once from the ledger's spool
(`group_findings`), counted, and each one's row set aside on disk under its unit, so the page's memory does not
grow with them (issue 12, item 9).

Reports are untrusted: every value is HTML-escaped, and the page can fetch nothing -- its stylesheet is
inline, it has no script, and its Content-Security-Policy forbids every other source. Colour is never
the only signal (each status is written out), so it prints in black and white; a print stylesheet lays
it out on A4.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, ClassVar

from ipmeasures import __version__, i18n
from ipmeasures.escaping import html_text
from ipmeasures.findings import Finding, tally
from ipmeasures.helpwords import example_group
from ipmeasures.i18n import N_, _, join_names
from ipmeasures.labels import light_label, milestones_text, state_label
from ipmeasures.ledger.model import NOT_REPORTED, STATES, Ledger, LedgerRow
from ipmeasures.outputs import OutputFormat

if TYPE_CHECKING:
    from ipmeasures.outputs import TextSink
    from ipmeasures.policy.catalog import Catalog
    from ipmeasures.reporters.base import Spool
    from ipmeasures.supervision.summary import ErrorCounts

CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"


@dataclass(frozen=True, slots=True)
class Completion:
    """Of the duties (rows) of a period: how many are completed, how many apply (all but not applicable)."""

    completed: int
    applicable: int
    counts: dict[str, int]  # state -> rows

    @property
    def percent(self) -> float:
        return round(100 * self.completed / self.applicable, 1) if self.applicable else 0.0


def completion(rows: Iterable[LedgerRow], period: str) -> Completion:
    """Completion of `rows` in `period`: completed ÷ (rows − not applicable)."""
    counts = dict.fromkeys(STATES, 0)
    for row in rows:
        counts[row.cells[period].state] += 1
    total = sum(counts.values())
    return Completion(completed=counts["completed"], applicable=total - counts["not_applicable"], counts=counts)


def render_dashboard(ledger: Ledger, catalog: Catalog, *, today: dt.date) -> str:
    """write_dashboard's page, whole."""
    out = io.StringIO()
    write_dashboard(ledger, catalog, out, today=today)
    return out.getvalue()


def write_dashboard(ledger: Ledger, catalog: Catalog, out: TextSink, *, today: dt.date) -> None:
    """The page onto `out` a piece at a time, the run's findings read once from the ledger's spool
    (`group_findings`) and never all held."""
    latest = ledger.periods[0]
    with group_findings(ledger.findings) as found:
        parts = [_head(catalog), "<main>", _header(ledger, catalog, today),
                 _figures(ledger, found.tally(), ledger.run.files, latest), _measures(ledger, latest, catalog)]
        if len(ledger.periods) > 1:
            parts.append(_trend(ledger))
        from ipmeasures.supervision.summary_html import units_section

        # the 通报 table and each unit's trend (issue 16)
        parts += [units_section(ledger.run, catalog, errors=found.errors), _missing(ledger)]
        for part in parts:
            out.write(part + "\n")
        _write_findings(found, catalog, out)
    footer = _("由 ipm {version} 生成；完成率 = 已完成 ÷（应落实职责 − 不适用）。").format(version=__version__)
    out.write(f"\n<footer>{e(footer)}</footer>\n</main></body></html>\n")


def e(value: object) -> str:
    """Escape any value for HTML text or a quoted attribute (escaping.html_text: made inert too)."""
    return html_text(value)


def _css() -> str:
    with open(os.path.join(os.path.dirname(__file__), "dashboard.css"), encoding="utf-8") as handle:
        return handle.read()


def _head(catalog: Catalog) -> str:
    lang = "en" if i18n.language == "en" else "zh-CN"
    title = _("{title} 落实情况看板").format(title=catalog.document["title"])
    return (f'<!DOCTYPE html>\n<html lang="{lang}"><head><meta charset="utf-8">'
            f'<meta http-equiv="Content-Security-Policy" content="{CSP}">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            '<meta name="referrer" content="no-referrer">'
            '<meta name="generator" content="ipm dashboard">'  # how a re-run knows it may replace this file
            f"<title>{e(title)}</title><style>{_css()}</style></head><body>")


def _header(ledger: Ledger, catalog: Catalog, today: dt.date) -> str:
    document = catalog.document
    heading = _("落实情况看板")
    periods = _("报告期 {latest}（最近）").format(latest=ledger.periods[0])
    if len(ledger.periods) > 1:
        periods += _("；另有 {others}").format(others=join_names(ledger.periods[1:]))
    reports = _("报告 {n} 份").format(n=len(ledger.reports))
    generated = _("生成于 {date}").format(date=today)
    return (f'<header class="page"><h1>{e(document["title"])} · {e(heading)}</h1>'
            f'<p class="meta">{e(document.get("number", ""))}</p>'
            f'<p class="meta" id="periods" data-periods="{e(" ".join(ledger.periods))}">{e(periods)} · '
            f"{e(reports)} · {e(generated)}</p></header>")


def _figure(ident: str, value: str, label: str, attrs: dict[str, object], main: bool = False) -> str:
    data = " ".join(f'data-{key}="{e(val)}"' for key, val in attrs.items())
    return (f'<div class="figure{" main" if main else ""}" id="{ident}" {data}>'
            f'<div class="value">{e(value)}</div><div class="label">{e(label)}</div></div>')


def _figures(ledger: Ledger, counts: tuple[int, int, int], files: int, latest: str) -> str:
    """`counts`: (errors, warnings, suppressed) of the whole run, as `ipm check` counts them; `files` checked."""
    done = completion(ledger.rows, latest)
    missing = ledger.units_without_report(latest)
    errors, warnings, suppressed = counts
    cards = [
        _figure("completion", f"{done.percent:g}%", _("完成率（{period}）：已完成 {done} / 应落实 {total}").format(
            period=latest, done=done.completed, total=done.applicable),
            {"completed": done.completed, "applicable": done.applicable, "percent": done.percent}, main=True),
        _figure("units-not-reported", str(len(missing)), _("未报送单位（{period}）").format(period=latest),
                {"count": len(missing)}),
        _figure("files", str(files), _("检查的报告文件"), {"count": files}),
        _figure("errors", str(errors), _("错误"), {"count": errors}),
        _figure("warnings", str(warnings), _("警告"), {"count": warnings}),
        _figure("suppressed", str(suppressed), _("已豁免"), {"count": suppressed}),
    ]
    total = sum(done.counts.values()) or 1
    bar = "".join(f'<span class="s-{state}" style="width:{100 * n / total:.2f}%" title="{e(state_label(state))}">'
                  "</span>" for state, n in done.counts.items() if n)
    legend = "".join(f'<li><span class="chip s-{state}" data-state="{state}" data-count="{n}">'
                     f"<b>{e(state_label(state))}</b> {n}</span></li>" for state, n in done.counts.items() if n)
    heading = _("总体情况")
    note = _("按“职责 × 责任单位”计，共 {n} 项（{period}）。").format(n=total, period=latest)
    return (f'<section id="overview"><h2>{e(heading)}</h2><div class="figures">{"".join(cards)}</div>'
            f'<div class="distribution" aria-hidden="true">{bar}</div><ul class="legend">{legend}</ul>'
            f'<p class="note">{e(note)}</p></section>')


def _duty_name(row: LedgerRow) -> str:
    if row.kind == "measure":
        return _("措施{label}").format(label=row.label)
    if row.kind == "task":
        return _("任务 {n}").format(n=row.number)
    return _("事项 {ref}").format(ref=row.label)


def _groups(rows: list[LedgerRow]) -> list[list[LedgerRow]]:
    groups: list[list[LedgerRow]] = []
    for row in rows:
        if groups and (groups[-1][0].kind, groups[-1][0].number) == (row.kind, row.number):
            groups[-1].append(row)
        else:
            groups.append([row])
    return groups


def _chip(row: LedgerRow, period: str) -> str:
    cell = row.cells[period]
    via = ""
    if row.via:  # ○ as in ipm matrix: the duty comes through a group; the group is in the tooltip
        tooltip = _("经{group}承担").format(group=row.via)
        via = f' title="{e(tooltip)}"'
    mark = "○" if row.via else ""
    lamp = ""
    if cell.light in ("red", "yellow"):  # 亮灯 (issue 16), in words as well as colour
        lamp = f' <i class="light-{cell.light}">{e(light_label(cell.light))}</i>'
    return (f'<span class="chip s-{cell.state}" data-unit="{e(row.unit)}" data-state="{cell.state}" '
            f'data-light="{cell.light or ""}"{via}>{e(row.unit)}{mark} <b>{e(cell.label)}</b>{lamp}</span>')


def _measures(ledger: Ledger, latest: str, catalog: Catalog) -> str:
    rows = []
    for group in _groups(ledger.rows):
        first, done = group[0], completion(group, latest)
        chips = "".join(_chip(row, latest) for row in group)
        title = e(first.title)
        if ledger.shows_deadlines and first.milestones:  # each deadline as written, with its last day
            deadlines = _("时限：{deadlines}").format(deadlines=milestones_text(first.milestones))
            title += f'<p class="note deadlines">{e(deadlines)}</p>'
        rows.append(f'<tr data-kind="{first.kind}" data-id="{first.number}" data-completed="{done.completed}" '
                    f'data-applicable="{done.applicable}"><td class="id">{e(_duty_name(first))}</td>'
                    f'<td class="title">{title}</td><td><div class="chips">{chips}</div></td>'
                    f'<td class="num">{done.completed}/{done.applicable}</td></tr>')
    head = "".join(f"<th{cls}>{e(h)}</th>" for h, cls in (
        (_("编号"), ' class="id"'), (_("名称"), ' class="title"'), (_("各责任单位的状态"), ""),
        (_("已完成"), ' class="num"')))
    example = example_group(catalog.data)  # the loaded document's own word for it, never another document's
    note = (_("○ 经单位组（如“{group}”）承担；完成数 = 已完成 / 应落实（不含不适用）。").format(group=example) if example
            else _("○ 经单位组承担；完成数 = 已完成 / 应落实（不含不适用）。"))
    heading = _("各措施与任务的落实情况（{period}）").format(period=latest)
    return (f'<section id="measures"><h2>{e(heading)}</h2><p class="note">{e(note)}</p>'
            f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table></section>")


def _trend(ledger: Ledger) -> str:
    periods = list(reversed(ledger.periods))  # oldest first: a trend reads left to right
    number, name = _("编号"), _("名称")
    head = f'<th class="id">{e(number)}</th><th class="title">{e(name)}</th>' + "".join(
        f"<th>{e(p)}</th>" for p in periods)
    rows = []
    for group in _groups(ledger.rows):
        cells = []
        for period in periods:
            done = completion(group, period)
            reported = sum(1 for row in group if row.cells[period].state != NOT_REPORTED)
            text = _("{done}/{total} 完成，{reported} 家报送").format(done=done.completed, total=done.applicable,
                                                                  reported=reported)
            cells.append(f'<td data-period="{e(period)}" data-completed="{done.completed}" '
                         f'data-applicable="{done.applicable}"><div class="bar"><span style="width:{done.percent:g}%">'
                         f"</span><em>{e(text)}</em></div></td>")
        first = group[0]
        rows.append(f'<tr data-kind="{first.kind}" data-id="{first.number}"><td class="id">{e(_duty_name(first))}</td>'
                    f'<td class="title">{e(first.title)}</td>{"".join(cells)}</tr>')
    heading, note = _("各期趋势"), _("每格：已完成 / 应落实（不含不适用），以及报送的单位数。")
    return (f'<section id="trend"><h2>{e(heading)}</h2><p class="note">{e(note)}</p>'
            f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table></section>")


def _missing(ledger: Ledger) -> str:
    blocks = []
    for period in ledger.periods:
        units = ledger.units_without_report(period)
        items = "".join(f'<li class="chip s-not_reported" data-unit="{e(u)}">{e(u)}</li>' for u in units)
        everyone = _("各单位均已报送。")
        body = f'<ul class="units chips">{items}</ul>' if units else f'<p class="empty">{e(everyone)}</p>'
        heading = _("{period}：{n} 个单位未报送").format(period=period, n=len(units))
        blocks.append(f'<div class="period-missing" data-period="{e(period)}" data-count="{len(units)}">'
                      f"<h3>{e(heading)}</h3>{body}</div>")
    title = _("未报送的单位")
    return f'<section id="not-reported"><h2>{e(title)}</h2>{"".join(blocks)}</section>'


@dataclass(slots=True)
class UnitFindings:
    """One unit's findings on the page: their (errors, warnings, suppressed), and their table rows, written as
    they come to a spool (reporters.base.Spool: in memory while small, then a temporary file) to be copied out
    when the unit's section is."""

    rows: Spool
    counts: list[int] = field(default_factory=lambda: [0, 0, 0])
    LIMIT: ClassVar[int] = 1 << 16  # characters of rows kept in memory before they go to disk

    def add(self, finding: Finding) -> None:
        for index, count in enumerate(tally((finding,))):
            self.counts[index] += count
        self.rows.write(_finding_row(finding))

    def copy_to(self, out: TextSink) -> None:
        self.rows.copy_to(out)


@dataclass(slots=True)
class GroupedFindings:
    """A run's findings as the page shows them, from one pass over them: by unit (None: a file whose unit is not
    known), and the open errors per (file, unit) that the 通报 table counts (supervision.summary.count_errors)."""

    units: dict[str | None, UnitFindings]
    errors: ErrorCounts

    def __len__(self) -> int:
        return sum(sum(unit.counts) for unit in self.units.values())

    def tally(self) -> tuple[int, int, int]:
        """(errors, warnings, suppressed) of the whole run."""
        errors, warnings, suppressed = (sum(unit.counts[i] for unit in self.units.values()) for i in range(3))
        return errors, warnings, suppressed


@contextlib.contextmanager
def group_findings(findings: Iterable[Finding]) -> Iterator[GroupedFindings]:
    """`findings` read once and grouped by unit, each unit's rows in a temporary file of its own (units are the
    document's, tens of them), so memory does not grow with the findings; the files go when the block ends."""
    from collections import Counter

    from ipmeasures.reporters.base import Spool
    from ipmeasures.supervision.summary import count_errors

    found = GroupedFindings(units={}, errors=Counter())
    with contextlib.ExitStack() as files:
        for finding in findings:
            unit = found.units.get(finding.unit)
            if unit is None:
                rows = Spool(UnitFindings.LIMIT)
                files.callback(rows.close)
                unit = found.units[finding.unit] = UnitFindings(rows)
            unit.add(finding)
            count_errors((finding,), found.errors)
        yield found


def _write_findings(found: GroupedFindings, catalog: Catalog, out: TextSink) -> None:
    order = {name: i for i, name in enumerate(catalog.unit_names())}
    nothing, heading = _("未发现问题。"), _("检查发现的问题（按单位）")
    out.write(f'<section id="findings" data-count="{len(found)}"><h2>{e(heading)}</h2>')
    if not found.units:
        out.write(f'<p class="empty">{e(nothing)}</p>')
    head = "".join(f"<th>{e(h)}</th>" for h in (_("文件"), _("位置"), _("级别"), _("规则"), _("措施/任务"), _("说明")))
    for unit in sorted(found.units, key=lambda u: (u is None, order.get(u or "", len(order)), u or "")):
        group = found.units[unit]
        (errors, warnings, _suppressed), n = group.counts, sum(group.counts)
        name = unit if unit is not None else _("未能识别单位的文件")
        counts = _("：错误 {errors}，警告 {warnings}，共 {n} 条").format(errors=errors, warnings=warnings, n=n)
        out.write(f'<section class="unit-findings" data-unit="{e(unit or "")}" data-count="{n}" '
                  f'data-errors="{errors}" data-warnings="{warnings}"><h3>{e(name)}{e(counts)}</h3>'
                  f"<table><thead><tr>{head}</tr></thead><tbody>")
        group.copy_to(out)
        out.write("</tbody></table></section>")
    out.write("</section>")


def _finding_row(finding: Finding) -> str:
    from ipmeasures.reporters.base import duty_label, severity_label
    from ipmeasures.reporters.table import position

    where = position(finding)  # 16:13, or a workbook's cell (报告!E9)
    severity = "suppressed" if finding.suppressed else finding.severity.value
    return (f'<tr data-rule="{e(finding.rule_id)}"><td>{e(finding.file)}</td><td class="id">{e(where)}</td>'
            f'<td class="sev-{severity}">{e(severity_label(finding))}</td><td class="rule">{e(finding.rule_id)}</td>'
            f"<td>{e(duty_label(finding))}</td><td>{e(finding.message)}</td></tr>")


# The formats written a piece at a time (their text never held whole): the command streams them.
WRITERS = {"html": write_dashboard}

# The output contract (outputs.py): `ipm dashboard`'s one format, its help line and the file endings it goes by.
FORMATS: dict[str, OutputFormat] = {
    "html": OutputFormat(N_("自包含的离线 HTML 页面（样式内嵌、没有脚本，可打印）"), render_dashboard,
                         suffixes=(".html", ".htm")),
}
