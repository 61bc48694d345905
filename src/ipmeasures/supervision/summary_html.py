"""The dashboard's 通报 section: the `ipm summary --by-unit` table of the latest period, and each unit's
trend period over period. Same figures as `ipm summary --format json`, repeated as data-* attributes."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ipmeasures.escaping import html_text
from ipmeasures.i18n import _
from ipmeasures.supervision.summary import periods_of, summarise_units

if TYPE_CHECKING:
    from ipmeasures.policy.catalog import Catalog
    from ipmeasures.results import CheckResult
    from ipmeasures.supervision.summary import ErrorCounts


def e(value: object) -> str:
    """Escape any value for HTML text or a quoted attribute (escaping.html_text: made inert too)."""
    return html_text(value)


FIELDS = ("duties", "reported", "completed", "blocked", "deferred", "red", "errors", "late")


def units_section(outcome: CheckResult, catalog: Catalog, *, warn_days: int = 30,
                  errors: ErrorCounts | None = None) -> str:
    """The section as HTML: empty when the run has no usable report. `errors` (summary.count_errors) counts the
    run's open errors when `outcome` does not carry its findings (a streamed run)."""
    periods = periods_of(outcome)
    if not periods:
        return ""
    latest = summarise_units(outcome, catalog, period=periods[0], sort="red", warn_days=warn_days, errors=errors)
    headers = (_("单位"), _("职责"), _("已报告"), _("已完成"), _("受阻"), _("延期"), _("红灯"), _("错误"), _("迟报"),
               _("完成率"))
    head = "".join(f"<th>{e(h)}</th>" for h in headers)
    rows = []
    for row in latest.units:
        record = row.to_record()
        data = " ".join(f'data-{key}="{record[key]}"' for key in (*FIELDS, "completion"))
        cells = "".join(f'<td class="num{" red" if key == "red" and record[key] else ""}">{record[key]}</td>'
                        for key in FIELDS)
        rows.append(f'<tr data-unit="{e(row.unit)}" {data}><td>{e(row.unit)}</td>{cells}'
                    f'<td class="num">{row.completion:g}%</td></tr>')
    heading = _("各单位情况（{period}，红灯多的在前）").format(period=latest.period)
    note = _("与 ipm summary --by-unit --sort red 相同。完成率 = 已完成 ÷（职责 − 不适用）。")
    parts = [(f'<section id="units" data-period="{e(latest.period)}"><h2>{e(heading)}</h2>'
              f'<p class="note">{e(note)}</p>'
              f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>")]
    if len(periods) > 1:
        parts.append(_trend(outcome, catalog, list(reversed(periods)), [r.unit for r in latest.units], warn_days,
                            errors))
    parts.append("</section>")
    return "".join(parts)


def _trend(outcome: CheckResult, catalog: Catalog, periods: list[str], units: list[str], warn_days: int,
           errors: ErrorCounts | None) -> str:
    tables = {p: {r.unit: r for r in summarise_units(outcome, catalog, period=p, warn_days=warn_days,
                                                     errors=errors).units}
              for p in periods}
    head = f"<th>{e(_('单位'))}</th>" + "".join(f"<th>{e(p)}</th>" for p in periods)
    rows = []
    for unit in units:
        cells = []
        for period in periods:
            row = tables[period][unit]
            text = _("完成 {completed}/{duties}，红灯 {red}，错误 {errors}").format(
                completed=row.completed, duties=row.applicable, red=row.red, errors=row.errors)
            cells.append(f'<td data-period="{e(period)}" data-completed="{row.completed}" data-red="{row.red}" '
                         f'data-errors="{row.errors}" data-completion="{row.completion}">'
                         f'<div class="bar"><span style="width:{row.completion:g}%"></span><em>{e(text)}</em></div></td>')
        rows.append(f'<tr data-unit="{e(unit)}"><td>{e(unit)}</td>{"".join(cells)}</tr>')
    heading = _("各单位各期趋势")
    return (f'<h3>{e(heading)}</h3><table class="unit-trend"><thead><tr>{head}</tr></thead>'
            f"<tbody>{''.join(rows)}</tbody></table>")
