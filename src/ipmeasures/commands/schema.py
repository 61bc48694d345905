"""ipm schema"""

from __future__ import annotations

import click

from ipmeasures.commands._common import write_stdout
from ipmeasures.i18n import _


@click.command(help=_("""输出落实情况报告格式的 JSON Schema，供编辑器（如 VS Code 的 YAML 插件，
yaml-language-server）在填写时实时校验、补全字段。

\b
例：
  ipm schema > report.schema.json
  然后在报告第一行写：# yaml-language-server: $schema=report.schema.json"""))
def command() -> None:
    write_stdout(render_schema())


def render_schema() -> str:
    """The JSON Schema of the report format, from the pydantic model `ProgressReport`, for editors."""
    from ipmeasures.jsontext import dumps
    from ipmeasures.report.schema import json_schema

    return dumps(json_schema()) + "\n"
