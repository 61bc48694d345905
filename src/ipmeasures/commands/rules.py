"""ipm rules [RULE]"""

from __future__ import annotations

import click

from ipmeasures.commands._common import emit_view, query_format_option
from ipmeasures.commands.completer import completer
from ipmeasures.errors import UnknownNameError
from ipmeasures.i18n import _, join_names


@click.command(help=_("""列出 ipm check 的全部检查规则：编号、级别、检查什么。给出规则编号时，显示它的完整说明：
怎样修正，以及不通过与通过的示例（与 SARIF 中规则的帮助文字相同）。

\b
例：
  ipm rules
  ipm rules missing-evidence
  ipm rules --format json"""))
@click.argument("rule", required=False, shell_complete=completer("complete_rule_id"))
@query_format_option
def command(rule: str | None, fmt: str, output: str | None, force: bool) -> None:
    emit_view(rules_view(rule), fmt, output, force=force)


def rules_view(rule: str | None = None):
    """Every rule as a table, or one rule with its whole help; UnknownNameError (exit 2) for an unknown id."""
    from ipmeasures.rules import RULES, help_text, resolve_rule, summary
    from ipmeasures.views import Column, Table, View

    severity = {"error": _("错误"), "warning": _("警告")}
    records = [{"id": rule_id, "severity": module.SEVERITY.value, "summary": summary(module),
                "help": help_text(module)} for rule_id, module in RULES.items()]
    if rule is None:
        rows = [{"id": r["id"], "severity": severity[r["severity"]], "summary": r["summary"]} for r in records]
        table = Table([Column("id", _("规则")), Column("severity", _("级别")), Column("summary", _("检查什么"), 30)],
                      rows)
        return View(_("ipm check 的检查规则（共 {n} 条）").format(n=len(records)), records, tables=[table],
                    notes=[_("ipm rules 规则编号 查看某条规则的修正方法与示例。")])
    rule_id = resolve_rule(rule)
    if rule_id is None:
        import difflib

        close = difflib.get_close_matches(rule, list(RULES), n=3, cutoff=0.5)
        message = _("没有规则“{rule}”。").format(rule=rule)
        if close:
            message += _("是否指：{names}？").format(names=join_names(close))
        raise UnknownNameError(message + _("用 ipm rules 查看全部规则。"), close)
    record = next(r for r in records if r["id"] == rule_id)
    return View(rule_id, record, facts=[(_("级别"), severity[record["severity"]])],
                notes=[record["help"]])
