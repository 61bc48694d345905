"""The review messages: every place where a person must decide, in one list."""

from __future__ import annotations

from ipmeasures.i18n import N_, _

MESSAGES = {
    "truncated": N_("条目在其责任单位之前中断（原文不完整）：请对照原件补全"),
    "bare_list": N_("括号 {text} 只列出单位，没有“负责”“牵头”等字样：已按责任单位读取，请确认"),
    "rejected": N_("未能识别为单位名称，已略去：{names}"),
    "body_lead": N_("牵头单位 {name} 取自正文（“{text}”），括号中没有：请确认"),
    "run_together": N_("表格各列的文字连在一起：据此判断 {lead} 属于“{column}”一列，请对照原件确认"),
    "duplicate_row": N_("表格第 {label} 行在第 {original} 行已出现（分页重复），只录一次"),
    "duplicate_row_differs": N_("表格第 {label} 行的编号与第 {original} 行重复但内容不同：已略去，请对照原件"),
    "unknown_unit": N_("单位 {name} 不在单位名册中：已新建，全称暂定为 {full_name}，请核对"),
    "new_group": N_("{name} 是一组单位（不在单位名册中）：已作为单位组新建，成员未列出，请核对"),
    "only_groups": N_("文件只点名了单位组，没有单个单位：{name} 暂作为单位写入名册，以便数据能载入；请改为单位组并列出成员"),
    "no_due": N_("时限“{text}”没有写明年份，文件也没有可用的年份：未写入数据，请在 measures.yaml 中补上 due"),
    "year_from_context": N_("时限“{text}”没有写明年份：按上下文读作 {due}（{year} 年），请核对"),
    "same_unit": N_("{a} 与 {b} 可能是同一单位（同一块牌子，或同样的字换了顺序）：若是，合并为一个单位并把另一个写入 aliases"),
}


def msg(key: str, **kwargs: str) -> str:
    """The translated review message `key`, filled in."""
    return _(MESSAGES[key]).format(**kwargs)
