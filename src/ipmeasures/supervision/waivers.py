"""A supervisor's waivers (`waivers.yaml`): findings accepted for a time, by someone, for a reason.

Units keep their per-item `ignore:`; a supervising office keeps one waiver file instead of ad-hoc ignores:

    waivers:
      - rule: missing-evidence
        unit: 惠州仲裁委
        duty: measure 10          # or task 6, 措施 10, 任务六, an item's reference (二(三)2, item (1));
                                  # left out: every duty of the unit
        reason: 佐证材料涉密，已线下报送。
        approver: 市市场监管局 知识产权保护科
        expiry: 2023-03-31        # the last day the waiver holds

A waived finding is kept, marked suppressed with its waiver, and counted as 已豁免 -- never hidden. From
the day after `expiry` the waiver no longer applies, and the rule `expired-waiver` reports it.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from ipmeasures.errors import DataError, IpmError, SourceError
from ipmeasures.i18n import _, join_names

if TYPE_CHECKING:
    from ipmeasures.findings import Finding
    from ipmeasures.policy.catalog import Catalog

FIELDS = ("rule", "unit", "duty", "reason", "approver", "expiry")
REQUIRED = ("rule", "unit", "reason", "approver", "expiry")
_DUTY = re.compile(r"^\s*(measure|task|措施|任务)\s*[:：]?\s*(\S+)\s*$", re.IGNORECASE)
_KINDS = {"measure": "measure", "措施": "measure", "task": "task", "任务": "task"}
_ITEM = re.compile(r"^\s*(?:item|事项)\s*[:：]?\s*", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Waiver:
    """One waiver, with where it is written."""

    rule: str  # a rule id (aliases resolved)
    unit: str  # canonical
    kind: str | None  # "measure" | "task" | "item"; None: every duty of the unit
    number: int | None
    reason: str
    approver: str
    expiry: dt.date
    file: str
    line: int | None = None
    column: int | None = None
    ref: str | None = None  # an item's reference as the document gives it (二(三)2)
    ref_keys: frozenset[str] = frozenset()  # every spelling that names that item (Catalog.ref_keys)

    def covers(self, finding: Finding) -> bool:
        """Whether this waiver is about `finding` (its rule, unit and, when it names one, duty)."""
        if finding.rule_id != self.rule or finding.unit != self.unit:
            return False
        if self.kind is None:
            return True
        if self.kind == "item":
            from ipmeasures.policy.tree import ref_key

            return finding.item is not None and ref_key(finding.item) in self.ref_keys
        return (finding.measure if self.kind == "measure" else finding.task) == self.number

    def expired(self, today: dt.date) -> bool:
        return today > self.expiry

    @property
    def duty(self) -> str | None:
        if self.kind == "item":
            return self.ref
        return f"{self.kind}:{self.number}" if self.kind else None

    def inert(self) -> Waiver:
        """This waiver with the text of its file (reason, approver, unit, file name) made inert for output
        (escaping.inert); itself when there is nothing to escape."""
        from ipmeasures.escaping import inert, inert_optional

        safe = Waiver(rule=inert(self.rule), unit=inert(self.unit), kind=self.kind, number=self.number,
                      reason=inert(self.reason), approver=inert(self.approver), expiry=self.expiry,
                      file=inert(self.file), line=self.line, column=self.column, ref=inert_optional(self.ref),
                      ref_keys=self.ref_keys)
        return self if safe == self else safe

    def to_record(self) -> dict[str, Any]:
        return {"rule": self.rule, "unit": self.unit, "duty": self.duty, "reason": self.reason,
                "approver": self.approver, "expiry": self.expiry.isoformat(), "file": self.file, "line": self.line}


def load_waivers(path: str, catalog: Catalog) -> list[Waiver]:
    """Read a waiver file; DataError listing every problem with file, line and field."""
    from ipmeasures.policy.numbering import parse_number
    from ipmeasures.rules import resolve_rule
    from ipmeasures.sources.yamldoc import load_yaml

    loaded = load_yaml(path)
    problems: list[SourceError] = []

    def problem(message: str, where: tuple, field: str) -> None:
        line, column = loaded.mark(where) or (None, None)
        problems.append(SourceError(message, path, line, column, field))

    value = loaded.value
    entries = value.get("waivers") if isinstance(value, dict) else None
    if not isinstance(entries, list):
        raise DataError([SourceError(_("应有 waivers: 列表，每项写 rule、unit、duty、reason、approver、expiry。"),
                                     path, 1 if loaded.lines else None, None, "waivers")])
    extra = [key for key in value if key != "waivers"]
    if extra:
        problem(_("未知字段 {names}：豁免清单只有 waivers。").format(names=join_names(map(str, extra))), (), str(extra[0]))
    waivers = []
    for index, entry in enumerate(entries):
        where = ("waivers", index)
        name = f"waivers.{index}"
        if not isinstance(entry, dict):
            problem(_("每项应是“字段: 值”的映射（rule、unit、duty、reason、approver、expiry）。"), where, name)
            continue
        for key in entry:
            if key not in FIELDS:
                problem(_("未知字段“{key}”：可用 {fields}。").format(key=key, fields=join_names(FIELDS)),
                        (*where, key), f"{name}.{key}")
        missing = [key for key in REQUIRED if entry.get(key) in (None, "")]
        for key in missing:
            problem(_("缺少 {key}：每项豁免都要写明规则、单位、理由、批准人和有效期。").format(key=key), where, f"{name}.{key}")
        texts: dict[str, Any] = {key: entry.get(key) for key in ("rule", "unit", "reason", "approver")}
        wrong = [key for key, text in texts.items() if text is not None and not isinstance(text, str)]
        for key in wrong:
            problem(_("{key} 应是文字。").format(key=key), (*where, key), f"{name}.{key}")
        if missing or wrong:
            continue
        rule = resolve_rule(texts["rule"])
        if rule is None:
            problem(_("“{rule}”不是规则编号：用 ipm rules 查看全部规则。").format(rule=texts["rule"]),
                    (*where, "rule"), f"{name}.rule")
            continue
        try:
            unit = catalog.resolve_unit(texts["unit"])
        except IpmError as exc:
            problem(exc.message, (*where, "unit"), f"{name}.unit")
            continue
        kind = number = ref = None
        ref_keys: frozenset[str] = frozenset()
        duty = entry.get("duty")
        if duty is not None:
            match = _DUTY.match(str(duty))
            number = parse_number(match.group(2)) if match else None
            if match is not None and number is not None:
                kind = _KINDS[match.group(1).lower()]
            else:
                # An item is named as in a report's `item:`: its reference (二(三)2, written with 、 and full stops
                # or not), optionally after item / 事项.
                target = catalog.resolve_ref(_ITEM.sub("", str(duty)))
                if target is None:
                    problem(_("duty 应写成 measure 10、task 6、措施 10、任务六，或事项的编号（如 {ref}），这里是“{duty}”。").format(
                        duty=duty, ref=(catalog.duty_refs() or ["(一)"])[-1]), (*where, "duty"), f"{name}.duty")
                    continue
                kind, number = target
                if kind == "item":
                    ref, ref_keys = catalog.item_by_id[number]["ref"], catalog.ref_keys(kind, number)
        expiry = entry.get("expiry")
        if isinstance(expiry, str):
            try:
                expiry = dt.date.fromisoformat(expiry.strip())
            except ValueError:
                pass
        if not isinstance(expiry, dt.date):
            problem(_("expiry 应是日期，写成 YYYY-MM-DD（例如 2023-03-31）。"), (*where, "expiry"), f"{name}.expiry")
            continue
        line, column = loaded.mark(where) or (None, None)
        waivers.append(Waiver(rule=rule, unit=unit, kind=kind, number=number, reason=texts["reason"].strip(),
                              approver=texts["approver"].strip(), expiry=expiry, file=path, line=line,
                              column=column, ref=ref, ref_keys=ref_keys))
    if problems:
        raise DataError(problems)
    return waivers


def apply_waivers(findings: list[Finding], waivers: list[Waiver], today: dt.date) -> list[Finding]:
    """Mark each finding a waiver in force covers: suppressed, with its waiver. Expired waivers cover nothing."""
    active = [w for w in waivers if not w.expired(today)]
    if not active:
        return findings
    result = []
    for finding in findings:
        waiver = next((w for w in active if w.covers(finding)), None)
        result.append(replace(finding, suppressed=True, waiver=waiver) if waiver else finding)
    return result
