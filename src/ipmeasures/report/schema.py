"""The JSON Schema `ipm schema` prints: the report model's schema, with what editors show a person filling it.

yaml-language-server (VS Code's YAML extension and others) shows a field's `title` and `markdownDescription`
on hover and in completion, an enum value's `markdownEnumDescriptions` / `enumDescriptions` next to it,
and a node's `errorMessage` instead of its generic English "Value is not accepted". All of them are in the
interface language (Chinese by default), from the same labels the workbook template uses.
"""

from __future__ import annotations

from typing import Any

from ipmeasures.i18n import N_, _, join_names
from ipmeasures.labels import status_label
from ipmeasures.report.model import STATUS_ALIASES, STATUSES, schema_model
from ipmeasures.workbook.layout import LABELS, STATUS_HELP

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
    "unit": lambda: _("unit 应是报送单位的名称，例如 市公安局。"),
}
