"""The JSON Schema `ipm schema` prints: the report model's schema, with what editors show a person filling it.

yaml-language-server (VS Code's YAML extension and others) shows a field's `title` and `markdownDescription`
on hover and in completion, an enum value's `markdownEnumDescriptions` / `enumDescriptions` next to it,
and a node's `errorMessage` instead of its generic English "Value is not accepted". All of them are in the
interface language (Chinese by default), from the same labels the workbook template uses.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from ipmeasures.i18n import N_, _, join_names
from ipmeasures.labels import status_label
from ipmeasures.report.model import MAX_TEXT, STATUS_ALIASES, STATUSES
from ipmeasures.report.period import CN_PERIOD_PATTERN
from ipmeasures.workbook.layout import LABELS, STATUS_HELP

if TYPE_CHECKING:
    from pydantic import BaseModel

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"
# Fields the workbook has no column for.
MORE_LABELS = {"items": N_("各项职责"), "item": N_("事项")}


def json_schema() -> dict[str, Any]:
    """The report format's JSON Schema, for editors: Chinese titles, descriptions and error messages."""
    schema: dict[str, Any] = {"$schema": SCHEMA_DIALECT, **schema_model().model_json_schema()}
    for model in (schema, *schema.get("$defs", {}).values()):
        if "description" in model:
            model["markdownDescription"] = model["description"]
        for name, prop in model.get("properties", {}).items():
            describe_field(name, prop)
    return schema


def describe_field(name: str, prop: dict[str, Any]) -> None:
    """Give one property its label, a Markdown description and, where a value has a fixed form, an error message."""
    labels = {**LABELS, **MORE_LABELS}
    label = _(labels[name]) if name in labels else name
    prop["title"] = _("{label}（{name}）").format(label=label, name=name)
    description = prop.get("description", "")
    prop["markdownDescription"] = f"**{label}**（`{name}`）：{description}" if description else f"**{label}**"
    if name == "status":
        describe_status(prop)
    elif name in ERRORS:
        prop["errorMessage"] = ERRORS[name]()


def describe_status(prop: dict[str, Any]) -> None:
    """Each status value, English keyword and Chinese label alike, with what it asks of the item."""
    [choices] = [option for option in prop.get("anyOf", []) if "enum" in option]
    plain, markdown = [], []
    for value in choices["enum"]:
        status = value if value in STATUSES else STATUS_ALIASES[value]
        meaning = _(STATUS_HELP[status])
        plain.append(f"{status_label(status)}（{status}）：{meaning}")
        markdown.append(f"**{status_label(status)}**（`{status}`）：{meaning}")
    choices["enumDescriptions"] = plain
    choices["markdownEnumDescriptions"] = markdown
    prop["errorMessage"] = _("status 应是以下之一：{choices}。").format(choices=join_names(
        f"{status}（{status_label(status)}）" for status in STATUSES))


ERRORS = {
    "period": lambda: _("报告期应写成 YYYY、YYYY-H1/H2、YYYY-Q1…Q4 或 YYYY-MM（如 2022-H1），"
                        "或 2022年上半年、2022年第一季度、2022年7月。"),
    "submitted": lambda: _("报送日期应写成 YYYY-MM-DD，例如 2022-07-05。"),
    "new_date": lambda: _("延期后完成日期应写成 YYYY-MM-DD，例如 2022-12-31。"),
    "measure": lambda: _("measure 应是措施编号（如 7）或其序号（七、(七)）。"),
    "task": lambda: _("task 应是主要任务编号（如 1）。"),
    "unit": lambda: _("unit 应是报送单位的名称（简称、全称或别名；ipm units 列出全部单位）。"),
}


# --- JSON Schema (for `ipm schema` only) ---------------------------------------------------------

_schema_model: type[BaseModel] | None = None


def __getattr__(name: str) -> Any:
    # `ProgressReport` is built on first use so that checking reports never imports pydantic.
    if name == "ProgressReport":
        return schema_model()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _any_case(name: str) -> str:
    """A regular expression for `name` in any case, with -, a space or _ between words (JSON Schema has no flags)."""
    return "".join(f"[{ch.lower()}{ch.upper()}]" if ch.isalpha() else "[-_ ]" for ch in name)


def schema_model() -> type[BaseModel]:
    """The pydantic model `ProgressReport` (strict, no extra fields), whose JSON Schema `ipm schema` prints."""
    global _schema_model
    if _schema_model is not None:
        return _schema_model
    from typing import Annotated, Literal

    from pydantic import BaseModel, ConfigDict, Field

    status_values = Literal[(*STATUSES, *STATUS_ALIASES)]  # type: ignore[valid-type]
    number = Annotated[int, Field(ge=1)]
    label = Annotated[str, Field(min_length=1, max_length=20)]
    reference = Annotated[str, Field(min_length=1, max_length=60)]
    period_text = Annotated[str, Field(pattern=r"^\s*(\d{4}(-([Hh][12]|[Qq][1-4]|\d{2}))?|"
                                               + CN_PERIOD_PATTERN[1:-1] + r")\s*$")]
    year = Annotated[int, Field(ge=1000, le=9999)]

    class ReportItem(BaseModel):
        model_config = ConfigDict(strict=True, extra="forbid", title="ReportItem", json_schema_extra={
            "description": _("一项职责的落实情况；item、measure、task 三者写且只写一个。"),
            "oneOf": [{"required": ["measure"]}, {"required": ["task"]}, {"required": ["item"]}],
        })

        measure: number | label | None = Field(default=None, description=_(
            "措施编号（以所用数据为准），或其序号：一、(一)、（一）。"))
        task: int | None = Field(default=None, ge=1, description=_("附件主要任务编号（以所用数据为准）。"))
        item: reference | number | None = Field(default=None, description=_(
            "事项的编号：唯一时为其自身编号，如 (1)；否则从上级写起，如 二(三)2（ipm owner 单位 可查）。"))
        # ipm check reads a status in any case and with - or a space for _ (parse_status): the schema
        # offers the exact values to editors and accepts those spellings too.
        status: str = Field(description=_(
            "进展状态：not_started 未启动、in_progress 推进中（进行中）、completed 已完成、blocked 受阻、"
            "deferred 延期（须写 approval 与 new_date）、not_applicable 不适用。"), json_schema_extra={"anyOf": [
                {"enum": list(status_values.__args__)},
                {"pattern": "^\\s*(" + "|".join(_any_case(s) for s in STATUSES) + ")\\s*$"}]})
        progress: str | None = Field(default=None, max_length=MAX_TEXT, description=_(
            "做了什么；in_progress 与 completed 时应填写。"))
        evidence: list[str] | str | None = Field(default=None, description=_(
            "佐证：文件文号、案件编号、链接；completed 时必填。"))
        blocker: str | None = Field(default=None, max_length=MAX_TEXT, description=_("受阻原因；blocked 时必填。"))
        reason: str | None = Field(default=None, max_length=MAX_TEXT, description=_(
            "不适用的理由；not_applicable 时必填。"))
        approval: str | None = Field(default=None, max_length=MAX_TEXT, description=_(
            "延期的批准文号；deferred 时必填。"))
        new_date: dt.date | None = Field(default=None, description=_(
            "批准延期后新的完成日期，YYYY-MM-DD；deferred 时必填，过了此日仍未完成即亮红灯。"))
        next_steps: str | None = Field(default=None, max_length=MAX_TEXT, description=_("下一步打算。"))
        ignore: list[str] | str | None = Field(default=None, description=_(
            "本项豁免的规则编号（见 ipm rules），理由写在 progress 中。"))

    class ProgressReport(BaseModel):
        model_config = ConfigDict(strict=True, extra="forbid", title="ProgressReport", json_schema_extra={
            "description": _("政策措施落实情况报告（ipm check 检查的格式）。"),
        })

        unit: str = Field(min_length=1, description=_("报送单位：简称、全称、加挂牌子或别名（ipm units 列出全部单位）。"))
        period: period_text | year = Field(description=_(
            "报告期：YYYY、YYYY-H1/H2、YYYY-Q1…Q4 或 YYYY-MM，例如 2022-H1；也可写 2022年度、2022年上半年、"
            "2022年第一季度、2022年7月。"))
        submitted: dt.date | None = Field(default=None, description=_("报送日期，YYYY-MM-DD。"))
        contact: str | None = Field(default=None, description=_("联系人与电话。"))
        items: list[ReportItem] = Field(description=_("每项职责一项。"))

    _schema_model = ProgressReport
    return ProgressReport
