"""The report parser: a `LoadedYaml` in, a `Report` and its reader findings out.

The parser never raises on a report's content: every shape problem becomes an `invalid-report` (or
`bad-period`) finding at the node it is about, and the rest of the report is still read, so the rules
can check what is there.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Generator, Iterator
from typing import Any

from ipmeasures.escaping import shorten
from ipmeasures.findings import Finding
from ipmeasures.i18n import _, join_names
from ipmeasures.policy.numbering import parse_number
from ipmeasures.policy.tree import ref_key
from ipmeasures.report.model import (
    ITEM_FIELDS,
    MAX_LIST,
    MAX_TEXT,
    REPORT_FIELDS,
    REQUIRED_FIELDS,
    STATUS_ALIASES,
    STATUS_LABELS,
    STATUSES,
    TEXT_FIELDS,
    Item,
    Report,
    parse_status,
)
from ipmeasures.report.period import parse_period
from ipmeasures.sources.yamldoc import LoadedYaml

# C0/C1 controls except tab and line feed, and the bidirectional overrides (text that displays other
# than it reads).
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def parse_report(loaded: LoadedYaml, *, resolve_rule: Callable[[str], str | None] | None = None
                 ) -> tuple[Report, list[Finding]]:
    """Read a report's shape; return the report and its `invalid-report` / `bad-period` findings.

    `resolve_rule` maps a rule id or alias in an item's `ignore` list to its id (None: unknown); without
    it the ids are not checked.
    """
    report, findings = iter_report(loaded, resolve_rule=resolve_rule)
    return report, list(findings)


def iter_report(loaded: LoadedYaml, *, resolve_rule: Callable[[str], str | None] | None = None
                ) -> tuple[Report, Iterator[Finding]]:
    """parse_report with the findings as an iterator, so a caller can count them without keeping them all;
    the report is complete once the iterator is exhausted."""
    parser = _Parser(loaded, resolve_rule)
    return parser.report, parser.run()


def describe(value: Any) -> str:
    """What a value is, in the user's words, for messages about a wrong type."""
    if value is None:
        return _("空值")
    if isinstance(value, bool):
        return _("真假值 {value}").format(value="true" if value else "false")
    if isinstance(value, (int, float)):
        return _("数字 {value}").format(value=value)
    if isinstance(value, dt.date):
        return _("日期 {value}").format(value=value.isoformat())
    if isinstance(value, str):
        return _("文字“{value}”").format(value=_short(value))
    if isinstance(value, list):
        return _("列表（{n} 项）").format(n=len(value))
    if isinstance(value, dict):
        return _("映射（字段: 值）")
    return type(value).__name__  # pragma: no cover - the reader builds no other type


def _short(text: str, limit: int = 30) -> str:
    return shorten(text, limit)  # control characters written out (`\x1b`), as in every output


def _nearest(word: str, choices: tuple[str, ...] | list[str]) -> str | None:
    import difflib  # here: only a misspelt name needs it

    close = difflib.get_close_matches(str(word), list(choices), n=1, cutoff=0.5)
    return close[0] if close else None


_ITEM_FIELD_SET = frozenset(ITEM_FIELDS)


class _Parser:
    """One pass over a loaded report; `run()` yields the findings and fills `report`."""

    def __init__(self, loaded: LoadedYaml, resolve_rule: Callable[[str], str | None] | None) -> None:
        self.loaded = loaded
        self.resolve_rule = resolve_rule
        self.report = Report(file=loaded.path, marks=loaded.marks, key_marks=loaded.key_marks,
                             lines=loaded.lines)

    def invalid(self, message: str, path: tuple = (), *, key: bool = False,
                item: Item | None = None) -> Finding:
        from ipmeasures.rules import invalid_report  # here, not at the top: the rules import this module

        return invalid_report.finding(message, **self.report.where(path, key=key, item=item))

    def run(self) -> Iterator[Finding]:
        value = self.loaded.value
        if value is None:
            if self.loaded.lines:
                yield self.invalid(_("报告里只有注释或空行，没有内容：请按模板填写（ipm template 单位名 可生成）。"))
            else:
                yield self.invalid(_("报告是空文件：请按模板填写（ipm template 单位名 可生成）。"))
            return
        if not isinstance(value, dict):
            yield self.invalid(_("报告最外层应是“字段: 值”的映射（unit、period、items……），这里却是{what}。"
                                 "请按模板填写（ipm template 单位名 可生成）。").format(what=describe(value)))
            return
        yield from self.unknown_fields(value, (), REPORT_FIELDS)
        for name in REQUIRED_FIELDS:
            if name not in value or value[name] is None or value[name] == "":
                if name == "items" and "items" in value:
                    continue  # `items:` with nothing under it: said below, at the key
                yield self.invalid(_MISSING[name](), () if name not in value else (name,),
                                   key=name in value)
        yield from self.unit(value.get("unit"))
        yield from self.period(value.get("period"))
        yield from self.submitted(value.get("submitted"))
        if value.get("contact") is not None:
            self.report.contact = yield from self.text("contact", value["contact"], ("contact",))
        if "items" in value:
            yield from self.items(value["items"])

    def unknown_fields(self, mapping: dict, path: tuple, known: tuple[str, ...],
                       item: Item | None = None) -> Iterator[Finding]:
        for name in mapping:
            if name in known:
                continue
            nearest = _nearest(str(name), known)
            if nearest is not None and nearest not in mapping:
                hint = _("是否指“{name}”？").format(name=nearest)
            else:
                hint = _("可用的字段：{names}。").format(names=join_names(known))
            yield self.invalid(_("未知字段“{name}”：{hint}请更正拼写或删除该字段，否则它的内容会被忽略。").format(
                name=_short(str(name)), hint=hint), path + (name,), key=True, item=item)

    def unit(self, value: Any) -> Generator[Finding, None, None]:
        if value is None or value == "":
            return
        text = yield from self.text("unit", value, ("unit",), limit=200)
        self.report.unit = text

    def period(self, value: Any) -> Iterator[Finding]:
        if value is None or value == "":
            return
        period = parse_period(value)
        if period is not None:
            self.report.period = period
            return
        if isinstance(value, dt.date):
            message = _("period 被读成了日期 {value}：报告期不是某一天，请写成 {year}、{year}-H1、{year}-Q3 "
                        "或 {month}（月报）。").format(value=value.isoformat(), year=value.year,
                                                  month=f"{value.year}-{value.month:02d}")
        elif isinstance(value, str):
            message = _("报告期“{value}”无法识别：请写成 YYYY（年）、YYYY-H1/H2（半年）、YYYY-Q1…Q4（季度）"
                        "或 YYYY-MM（月），例如 2022-H1；也可写 2022年度、2022年上半年、2022年第一季度、2022年7月。"
                        ).format(value=_short(value))
            from ipmeasures.report.datehints import suggest_period

            guesses = suggest_period(value)
            if guesses:  # 2022H1, 2022上半年, 2022/07/05: say what it most likely means, first
                message = _("是否指 {period}？").format(period=_("或").join(guesses)) + message
        else:
            message = _("报告期应是文字，例如 2022-H1，这里是{what}：请写成 YYYY、YYYY-H1/H2、YYYY-Q1…Q4 "
                        "或 YYYY-MM。").format(what=describe(value))
        from ipmeasures.rules import bad_period  # here, not at the top: the rules import this module

        yield bad_period.finding(message, **self.report.where(("period",)))

    def submitted(self, value: Any) -> Iterator[Finding]:
        if value is None:
            return
        if isinstance(value, dt.datetime):
            value = value.date()
        if isinstance(value, dt.date):
            self.report.submitted = value
            return
        message = _("submitted 应是日期，写成 YYYY-MM-DD（例如 2022-07-05），这里是{what}。").format(what=describe(value))
        if isinstance(value, str):
            from ipmeasures.report.datehints import suggest_date

            guess = suggest_date(value)
            if guess is not None:  # 2022/07/05, 2022年7月5日
                message = _("是否指 {date}？").format(date=guess) + message
        yield self.invalid(message, ("submitted",))

    def date(self, name: str, value: Any, path: tuple, item: Item) -> Generator[Finding, None, dt.date | None]:
        """A date field: a YAML date, or its YYYY-MM-DD text (a workbook's text cell); else a finding and None."""
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        if isinstance(value, str):
            try:
                return dt.date.fromisoformat(value.strip())
            except ValueError:
                pass
        yield self.invalid(_("{name} 应是日期，写成 YYYY-MM-DD（例如 2023-03-31），这里是{what}。").format(
            name=name, what=describe(value)), path, item=item)
        return None

    def text(self, name: str, value: Any, path: tuple, *, item: Item | None = None,
             limit: int = MAX_TEXT) -> Generator[Finding, None, str | None]:
        """A text field: a string without control characters, not too long; else a finding and None."""
        if value is None:
            return None
        if not isinstance(value, str):
            if isinstance(value, (list, dict)):
                hint = _("请写成一段文字；要分条写时，用“|”加换行的多行文字。")
            else:
                hint = _("请给值加引号，让它按文字读取，例如 {name}: \"0752\"。").format(name=name)
            yield self.invalid(_("{name} 应是文字，这里是{what}：{hint}").format(
                name=name, what=describe(value), hint=hint), path, item=item)
            return None
        bad = _CONTROL.search(value)
        if bad is not None:
            yield self.invalid(_("{name} 含有控制字符 U+{code:04X}（第 {pos} 个字符）：它在屏幕上看不见，"
                                 "可能来自复制粘贴。请删除它。").format(
                name=name, code=ord(bad.group()), pos=bad.start() + 1), path, item=item)
            return None
        if len(value) > limit:
            yield self.invalid(_("{name} 有 {n} 个字符，超过上限 {limit}：请精简，详细材料放在 evidence 所列的文件里。"
                                 ).format(name=name, n=len(value), limit=limit), path, item=item)
            return None
        value = value.strip()
        return value or None

    def text_list(self, name: str, value: Any, path: tuple, item: Item) -> Generator[Finding, None, tuple[str, ...]]:
        """A list of short texts (a single text is a list of one); blank entries are dropped."""
        if value is None:
            return ()
        entries = value if isinstance(value, list) else [value]
        if not isinstance(value, (list, str)):
            yield self.invalid(_("{name} 应是文字列表，例如 {name}: [〔2022〕3号文件, 案件编号]，这里是{what}。").format(
                name=name, what=describe(value)), path, item=item)
            return ()
        if len(entries) > MAX_LIST:
            yield self.invalid(_("{name} 有 {n} 项，超过上限 {limit}：请只列主要的。").format(
                name=name, n=len(entries), limit=MAX_LIST), path, item=item)
            return ()
        result: list[str] = []
        for i, entry in enumerate(entries):
            if type(entry) is str and len(entry) <= MAX_TEXT and _CONTROL.search(entry) is None:
                entry = entry.strip()  # the common case, as text() reads it, without a generator
                if entry:
                    result.append(entry)
                continue
            where = path + (i,) if isinstance(value, list) else path
            if isinstance(entry, (int, float)) and not isinstance(entry, bool):
                entry = str(entry)  # a case number written without quotes
            text = yield from self.text(name, entry, where, item=item)
            if text:
                result.append(text)
        return tuple(result)

    def items(self, value: Any) -> Iterator[Finding]:
        if value is None:
            yield self.invalid(_("items 下没有内容：请为本单位承担的每项职责写一项（measure 或 task、status……），"
                                 "可用 ipm template 单位名 生成。"), ("items",), key=True)
            return
        if not isinstance(value, list):
            yield self.invalid(_("items 应是列表，每项以“- ”开头，这里是{what}：请按模板填写。").format(
                what=describe(value)), ("items",))
            return
        self.report.items = []
        complete = True
        for index, entry in enumerate(value):
            item = Item(index=index)
            yield from self.item(item, entry)
            self.report.items.append(item)
            complete = complete and item.kind is not None
        self.report.items_complete = complete

    def item(self, item: Item, entry: Any) -> Iterator[Finding]:
        path = item.path
        if not isinstance(entry, dict):
            yield self.invalid(_("items 第 {n} 项应是“字段: 值”的映射（measure 或 task、status……），"
                                 "这里是{what}。").format(n=item.index + 1, what=describe(entry)), path)
            return
        measure, task = entry.get("measure"), entry.get("task")
        if entry.get("item") is None and (measure is None) != (task is None) and type(
                measure if task is None else task) is int:  # the common case, as ref() reads it, without a generator
            item.kind, item.number = ("measure", measure) if task is None else ("task", task)
        else:
            yield from self.ref(item, entry)
        if not entry.keys() <= _ITEM_FIELD_SET:  # the common case, without a generator
            yield from self.unknown_fields(entry, path, ITEM_FIELDS, item)
        status = entry.get("status")
        canonical = parse_status(status) if type(status) is str else None
        if canonical is not None:  # the common case, without a generator
            item.status = canonical
        else:
            yield from self.status(item, status)
        for name in TEXT_FIELDS:
            value = entry.get(name)
            if value is None:
                continue
            if type(value) is str and len(value) <= MAX_TEXT and _CONTROL.search(value) is None:
                setattr(item, name, value.strip() or None)  # the common case, without a generator
            else:
                setattr(item, name, (yield from self.text(name, value, path + (name,), item=item)))
        if entry.get("new_date") is not None:
            item.new_date = yield from self.date("new_date", entry["new_date"], path + ("new_date",), item)
        if entry.get("evidence") is not None:
            item.evidence = yield from self.text_list("evidence", entry["evidence"], path + ("evidence",), item)
        if entry.get("ignore") is not None:
            ignore = yield from self.text_list("ignore", entry["ignore"], path + ("ignore",), item)
            item.ignore = yield from self.rule_ids(ignore, path + ("ignore",), item)

    def ref(self, item: Item, entry: dict) -> Iterator[Finding]:
        path = item.path
        present = [name for name in ("measure", "task", "item") if entry.get(name) is not None]
        if not present:
            yield self.invalid(_("items 第 {n} 项没有写 item（事项编号，如 二(三)2）、measure（措施编号）或 task"
                                 "（任务编号）：请写明这一项对应哪项职责。").format(n=item.index + 1), path)
            return
        if len(present) > 1:
            yield self.invalid(_("items 第 {n} 项同时写了 {fields}：一项只对应一项职责，请拆成几项。").format(
                n=item.index + 1, fields=join_names(present)), path + (present[1],), key=True)
            return
        kind = present[0]
        raw = entry[kind]
        if kind == "item":
            ref = ref_key(str(raw)) if isinstance(raw, (int, str)) and not isinstance(raw, bool) else ""
            if not ref:
                yield self.invalid(_("item 应是事项的编号，如 (1)、二(三)2（ipm owner 单位 可查），这里是{what}。").format(
                    what=describe(raw)), path + (kind,), item=item)
                return
            item.kind, item.ref = kind, ref
            return
        number = parse_number(raw) if isinstance(raw, (int, str)) else None
        if number is None:
            if kind == "measure":
                message = _("measure 应是措施编号（如 7），或其序号（七、(七)），这里是{what}。")
            else:
                message = _("task 应是主要任务编号（如 1），这里是{what}。")
            yield self.invalid(message.format(what=describe(raw)), path + (kind,), item=item)
            return
        item.kind, item.number = kind, number

    def status(self, item: Item, value: Any) -> Iterator[Finding]:
        path = item.path + ("status",)
        if value is None:
            yield self.invalid(_("items 第 {n} 项缺少 status：请写明进展状态（{choices}）。").format(
                n=item.index + 1, choices=_status_choices()), item.path, item=item)
            return
        if not isinstance(value, str):
            yield self.invalid(_("status 应是状态名，这里是{what}：可选 {choices}。").format(
                what=describe(value), choices=_status_choices()), path, item=item)
            return
        status = parse_status(value)
        if status is None:
            nearest = _nearest(value.strip().lower(), (*STATUSES, *STATUS_ALIASES))
            hint = _("是否指“{name}”？").format(name=nearest) if nearest else ""
            yield self.invalid(_("未知的状态“{value}”：{hint}可选 {choices}。").format(
                value=_short(value), hint=hint, choices=_status_choices()), path, item=item)
            return
        item.status = status

    def rule_ids(self, names: tuple[str, ...], path: tuple, item: Item) -> Generator[Finding, None, tuple[str, ...]]:
        if self.resolve_rule is None:
            return names
        ids = []
        for name in names:
            rule_id = self.resolve_rule(name)
            if rule_id is None:
                yield self.invalid(_("ignore 中的“{name}”不是规则编号：用 ipm rules 查看全部规则。").format(
                    name=_short(name)), path, item=item)
            else:
                ids.append(rule_id)
        return tuple(ids)


def _status_choices() -> str:
    return join_names(STATUSES) + _("（或 {labels}）").format(labels=join_names(STATUS_LABELS.values()))


_MISSING: dict[str, Callable[[], str]] = {
    "unit": lambda: _("缺少必填字段 unit：请写明报送单位（简称、全称或别名；ipm units 列出全部单位）。"),
    "period": lambda: _("缺少必填字段 period：请写明报告期，例如 period: 2022-H1。"),
    "items": lambda: _("缺少必填字段 items：请为本单位承担的每项职责写一项，可用 ipm template 单位名 生成。"),
}
