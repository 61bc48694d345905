"""Every label a person reads for a code in the data: a unit's role on a duty, a duty's kind, a unit's kind,
a report's status, a ledger cell's state, a light; a title in the interface language; a duty's deadlines.

One home for them, so that a role (or a status) reads the same in every output: `ipm owner`, the matrix, the
ledger, the template, the workbook and the findings. The tables hold N_()-marked Chinese (the source
language); the functions translate at use, since `--lang` may change the language after import.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ipmeasures import i18n
from ipmeasures.i18n import N_, _

if TYPE_CHECKING:
    from collections.abc import Iterable

    from ipmeasures.policy.duties import Duty, Milestone

# A role is named with the words the published task-division documents use: 负责, 按职责分工负责, 牵头负责
# (Ya'an 2015: 市文体广新局牵头负责), 分别负责, 配合 (X牵头，Y配合). A coordinator, the unit the body text names
# to lead (措施十九: 市市场监督管理局要会同有关部门……), leads as a `lead` does.
ROLE_LABELS = {"sole": N_("负责"), "joint": N_("按职责分工负责"), "coordinator": N_("牵头负责"),
               "lead": N_("牵头负责"), "separately": N_("分别负责"), "support": N_("配合")}
KIND_LABELS = {"measure": N_("措施"), "task": N_("任务"), "item": N_("事项")}
UNIT_KIND_LABELS = {
    "party_organ": N_("党委部门"), "government_bureau": N_("政府部门"), "court": N_("法院"),
    "procuratorate": N_("检察院"), "npc_office": N_("人大机关"), "cppcc_office": N_("政协机关"),
    "customs": N_("海关(垂直管理)"), "arbitration": N_("仲裁机构"), "association": N_("人民团体"),
}
# The statuses a report writes, by canonical name; a report may write the Chinese word instead (report.py).
STATUS_LABELS = {"not_started": N_("未启动"), "in_progress": N_("推进中"), "completed": N_("已完成"),
                 "blocked": N_("受阻"), "deferred": N_("延期"), "not_applicable": N_("不适用")}
# A ledger cell that has no status of its own: no report, a report that leaves the duty out, no valid status.
GAP_LABELS = {"not_reported": N_("未报送"), "missing_item": N_("报告缺此项"), "invalid": N_("状态未填或无效")}
LIGHT_LABELS = {"green": N_("绿灯"), "yellow": N_("黄灯"), "red": N_("红灯"), "grey": N_("灰灯")}


def role_label(role: str, words: str | None = None) -> str:
    """负责, 按职责分工负责, 牵头负责, 分别负责, 配合 (an unknown role as it is); a lead the body text names carries
    the text's own words for whom it leads with: 牵头负责(会同有关部门)."""
    label = _(ROLE_LABELS[role]) if role in ROLE_LABELS else role
    if words:
        # Translators: a lead role, then the document's words for whom it leads with (牵头负责(会同有关部门)).
        return _("{role}({words})").format(role=label, words=words)
    return label


# (Helpers, not `_(KIND_LABELS[duty["kind"]])` at each use: babel's extractor would take "kind" for a message.)
def kind_label(kind: str) -> str:
    """措施, 任务 or 事项."""
    return _(KIND_LABELS[kind]) if kind in KIND_LABELS else kind


def unit_kind_label(kind: str | None) -> str:
    """A known kind by its label; any other kind as the data writes it (领导小组办公室); none: empty."""
    if kind is None:
        return ""
    return _(UNIT_KIND_LABELS[kind]) if kind in UNIT_KIND_LABELS else kind


def status_label(status: str) -> str:
    """The label of a canonical status (已完成); anything else as it is."""
    return _(STATUS_LABELS[status]) if status in STATUS_LABELS else status


def state_label(state: str) -> str:
    """The label of a ledger cell's state: a status, 未报送, 报告缺此项 or 状态未填或无效."""
    return _(GAP_LABELS[state]) if state in GAP_LABELS else status_label(state)


def light_label(light: str) -> str:
    """绿灯, 黄灯, 红灯, 灰灯."""
    return _(LIGHT_LABELS[light]) if light in LIGHT_LABELS else light


def in_english() -> bool:
    return i18n.language == "en"


def display_title(title: str, title_en: str | None = None) -> str:
    """A title as the interface language shows it: in English its (unofficial) English title where the data
    has one, else the document's own."""
    return (title_en if title_en and in_english() else None) or title


def milestones_text(milestones: Iterable[Milestone]) -> str:
    """Every deadline of a duty as written, each with its last day: 8月底前（至 2022-08-31）；持续推进."""
    parts = [_("{text}（至 {date}）").format(text=m.describe(), date=m.end.isoformat()) if m.end
             else (m.text or _("持续推进")) for m in milestones]
    return _("；").join(parts)


def written_milestones(milestones: Iterable[Milestone]) -> list[Milestone]:
    """The milestones the document words (a text, or ongoing work); the shorthand's dates have no words."""
    return [m for m in milestones if m.text or m.ongoing]


def deadline_note(duty: Duty) -> str:
    """A duty's deadlines after its role: each milestone as written with its last day (；期限：8月底前（至
    2022-08-31）；…), else the latest end (the shorthand's deadlines have no words of their own)."""
    written = written_milestones(duty.milestones)
    if not written:
        return _("；期限至 {date}").format(date=duty.deadline_end.isoformat()) if duty.deadline_end else ""
    return _("；期限：{deadlines}").format(deadlines=milestones_text(written))
