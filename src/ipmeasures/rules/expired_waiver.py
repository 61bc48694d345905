"""豁免清单（waivers.yaml）中的一项豁免已过有效期。

主管部门用豁免清单接受某个单位某项职责的某类问题，写明理由、批准人和有效期（expiry，含当天）。
过了有效期，豁免不再生效：被它豁免的问题重新计为错误或警告，这一项本身也报出来，提醒续批或删除。
位置是豁免清单中这一项所在的行。
修正：问题已解决，删除这一项；仍需豁免，重新审批后更新 expiry。

不通过（今天是 2023-04-01）::

    waivers:
      - rule: missing-evidence
        unit: 市某局
        duty: measure 10
        reason: 佐证材料涉密，已线下报送。
        approver: 主管部门 督查科
        expiry: 2023-03-31

通过：expiry 为今天或以后的日期。
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ipmeasures.findings import Finding, Severity
from ipmeasures.i18n import _

if TYPE_CHECKING:
    import datetime as dt

    from ipmeasures.supervision.waivers import Waiver

ID = "expired-waiver"
SEVERITY = Severity.WARNING
SCOPE = "waivers"  # run by the checker over the waiver file, not over reports


def check(waivers: list[Waiver], today: dt.date) -> Iterator[Finding]:
    """Every waiver whose expiry is before `today`."""
    for waiver in waivers:
        if not waiver.expired(today):
            continue
        yield Finding(rule_id=ID, severity=SEVERITY, file=waiver.file, line=waiver.line, column=waiver.column,
                      unit=waiver.unit, measure=waiver.number if waiver.kind == "measure" else None,
                      task=waiver.number if waiver.kind == "task" else None,
                      message=_("对 {unit} 的 {rule} 豁免（批准人：{approver}）已于 {expiry} 到期，不再生效："
                                "问题已解决请删除此项；仍需豁免请重新审批并更新 expiry。").format(
                          unit=waiver.unit, rule=waiver.rule, approver=waiver.approver,
                          expiry=waiver.expiry.isoformat()))
