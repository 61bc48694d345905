"""Words for a unit's role on a duty and for a duty's deadlines, as templates, workbooks and messages say them.

One home for them, so that a role the general model adds (lead, separately, support) reads the same in
every output. Labels go through _() at use: the language may change after import.
"""

from __future__ import annotations

from typing import Any

from ipmeasures.i18n import N_, _

ROLE_TEXT = {"sole": N_("负责"), "joint": N_("按职责分工负责"), "coordinator": N_("牵头负责"), "lead": N_("牵头负责"),
             "separately": N_("分别负责"), "support": N_("配合")}


def role_text(role: str) -> str:
    """负责, 按职责分工负责, 牵头负责, 分别负责, 配合; an unknown role as it is."""
    return _(ROLE_TEXT[role]) if role in ROLE_TEXT else role


def deadline_note(duty: Any) -> str:
    """A duty's deadlines after its role: each milestone as written with its last day (；期限：8月底前（至
    2022-08-31）；…), else the latest end (the shorthand's deadlines have no words of their own)."""
    written = [m for m in duty.milestones if m.text or m.ongoing]
    if not written:
        return _("；期限至 {date}").format(date=duty.deadline_end.isoformat()) if duty.deadline_end else ""
    parts = [_("{text}（至 {date}）").format(text=m.text, date=m.end.isoformat()) if m.end
             else (m.text or _("持续推进")) for m in written]
    return _("；期限：{deadlines}").format(deadlines=_("；").join(parts))
