"""The reporting calendar: when each period's reports are due.

The data may declare it in `calendar.yaml` beside the policy data (`ipm --data DIR`), or a run may name
one with `--calendar FILE`. Without one, nothing is late: the shipped Huizhou notice sets no reporting
dates, and `ipm` invents none.

    reports_due:
      days_after_period_end: 5    # a report is due on the 5th day after its period ends (2022-H1: 2022-07-05)
      year: 15                    # optional, per kind of period: year, half_year, quarter, month
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ipmeasures.errors import SourceError
from ipmeasures.i18n import _, join_names

if TYPE_CHECKING:
    from ipmeasures.report.period import Period

FILE_NAME = "calendar.yaml"
KINDS = ("year", "half_year", "quarter", "month")
KEYS = ("days_after_period_end", *KINDS)
MAX_DAYS = 366


@dataclass(frozen=True, slots=True)
class Calendar:
    """Days after a period's end by which its reports are due, by kind of period."""

    days: int
    by_kind: dict[str, int] = field(default_factory=dict)
    source: str = ""

    def due(self, period: Period) -> dt.date:
        """The last day a report for `period` may be submitted on."""
        return period.end + dt.timedelta(days=self.by_kind.get(period_kind(period.text), self.days))


def period_kind(text: str) -> str:
    """year, half_year, quarter or month, from a canonical period text (2022, 2022-H1, 2022-Q3, 2022-07)."""
    part = text.partition("-")[2]
    if not part:
        return "year"
    return {"H": "half_year", "Q": "quarter"}.get(part[0], "month")


def load_calendar(data_dir: str | None = None, path: str | None = None) -> Calendar | None:
    """`path`, else `data_dir`'s calendar.yaml, else None (no calendar: nothing is late)."""
    from ipmeasures.sources.yamldoc import load_yaml

    if path is None:
        if not data_dir or not os.path.isfile(os.path.join(data_dir, FILE_NAME)):
            return None
        path = os.path.join(data_dir, FILE_NAME)
    loaded = load_yaml(path)

    def error(message: str, where: tuple, name: str) -> SourceError:
        line, column = loaded.mark(where) or (None, None)
        return SourceError(message, path, line, column, name)

    value = loaded.value
    due = value.get("reports_due") if isinstance(value, dict) else None
    if not isinstance(due, dict):
        raise error(_("应写成 reports_due: 下面 days_after_period_end: 天数（报告期结束后第几天前报送）。"),
                    ("reports_due",), "reports_due")
    days: dict[str, int] = {}
    for key, number in due.items():
        where = ("reports_due", key)
        if key not in KEYS:
            raise error(_("未知字段“{key}”：可用 {keys}。").format(key=key, keys=join_names(KEYS)), where,
                        f"reports_due.{key}")
        if not isinstance(number, int) or isinstance(number, bool) or not 0 <= number <= MAX_DAYS:
            raise error(_("{key} 应是 0–{limit} 的整数天数。").format(key=key, limit=MAX_DAYS), where,
                        f"reports_due.{key}")
        days[key] = number
    if "days_after_period_end" not in days and set(KINDS) - set(days):
        raise error(_("缺少 days_after_period_end：请写明报告期结束后第几天前报送（各期别都写明时可省略）。"),
                    ("reports_due",), "reports_due.days_after_period_end")
    default = days.pop("days_after_period_end", 0)
    return Calendar(days=default, by_kind=days, source=path)
