"""`ipm schema` for editors: every field and every status value described in Chinese, with Markdown.

yaml-language-server shows `title`/`markdownDescription` on hover, `markdownEnumDescriptions` beside
completion items (aligned with `enum`), and `errorMessage` instead of its generic English message.
"""

from __future__ import annotations

import json
import re

import jsonschema
from click.testing import CliRunner

from ipmeasures.cli import cli
from ipmeasures.i18n import set_language

CJK = re.compile("[\u4e00-\u9fff]")


def schema(*options: str) -> dict:
    result = CliRunner().invoke(cli, [*options, "schema"], catch_exceptions=False)
    assert result.exit_code == 0
    return json.loads(result.stdout)


def test_every_field_has_a_chinese_title_and_markdown_description():
    document = schema()
    jsonschema.Draft202012Validator.check_schema(document)
    models = [document, *document["$defs"].values()]
    fields = [(name, prop) for model in models for name, prop in model["properties"].items()]
    assert {name for name, _prop in fields} >= {"unit", "period", "submitted", "items", "measure", "task", "status",
                                                 "progress", "evidence", "blocker", "reason", "ignore"}
    for name, prop in fields:
        assert CJK.search(prop["title"]) and name in prop["title"], name
        assert CJK.search(prop["description"]), name
        assert prop["markdownDescription"].startswith("**") and f"`{name}`" in prop["markdownDescription"], name
    assert document["properties"]["unit"]["title"] == "报送单位（unit）"
    assert document["$defs"]["ReportItem"]["properties"]["evidence"]["title"] == "佐证（evidence）"
    for model in models:
        assert CJK.search(model["markdownDescription"])


def test_every_status_value_is_described_and_wrong_values_get_a_chinese_message():
    status = schema()["$defs"]["ReportItem"]["properties"]["status"]
    [choices] = [option for option in status["anyOf"] if "enum" in option]
    values = choices["enum"]
    assert {"completed", "已完成", "进行中"} <= set(values)
    assert len(choices["enumDescriptions"]) == len(choices["markdownEnumDescriptions"]) == len(values)
    described = dict(zip(values, choices["markdownEnumDescriptions"], strict=True))
    assert described["completed"] == described["已完成"]
    assert described["completed"].startswith("**已完成**（`completed`）") and "佐证" in described["completed"]
    assert described["进行中"].startswith("**推进中**（`in_progress`）")
    assert described["blocked"].startswith("**受阻**") and "受阻原因" in described["blocked"]
    assert "completed（已完成）" in status["errorMessage"]


def test_fixed_forms_have_chinese_error_messages():
    document = schema()
    item = document["$defs"]["ReportItem"]["properties"]
    assert "2022-H1" in document["properties"]["period"]["errorMessage"]
    assert "YYYY-MM-DD" in document["properties"]["submitted"]["errorMessage"]
    assert all(CJK.search(item[name]["errorMessage"]) for name in ("measure", "task", "new_date"))


def test_in_english_the_editor_texts_are_english():
    try:
        document = schema("--lang", "en")
    finally:
        set_language("zh")
    status = document["$defs"]["ReportItem"]["properties"]["status"]
    assert not CJK.search(document["properties"]["unit"]["title"].replace("（", "").replace("）", ""))
    [choices] = [option for option in status["anyOf"] if "enum" in option]
    assert not CJK.search(dict(zip(choices["enum"], choices["enumDescriptions"], strict=True))["completed"])
