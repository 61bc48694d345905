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
}


def msg(key: str, **kwargs: str) -> str:
    """The translated review message `key`, filled in."""
    return _(MESSAGES[key]).format(**kwargs)
