"""`ipm convert`: a report from a workbook to YAML and back, without losing anything the checker reads.

YAML -> xlsx writes the report with `excel.write_report` (statuses as their Chinese labels, which read
back as the same status); xlsx -> YAML reads it with `excel_reader.read_workbook`, exactly as `ipm check` does,
and writes the values as plain YAML. Either way the parsed report (`report.parse_report`) is the same.
Two things a cell cannot tell apart are written one way: an evidence entry that itself contains a line
break or "；" comes back as several entries, and a number typed where text belongs comes back as text.
"""

from __future__ import annotations

import datetime as dt
import os
from typing import TYPE_CHECKING, Any

import yaml

from ipmeasures.errors import UsageError
from ipmeasures.i18n import _
from ipmeasures.sources.yamldoc import DEFAULT_MAX_BYTES

if TYPE_CHECKING:
    from ipmeasures.policy.catalog import Catalog

YAML_SUFFIXES = (".yaml", ".yml")


def kind_of(path: str) -> str | None:
    """"xlsx", "yaml", or None for any other file name."""
    lower = path.lower()
    if lower.endswith(".xlsx"):
        return "xlsx"
    if lower.endswith(YAML_SUFFIXES):
        return "yaml"
    return None


def convert(source: str, target: str, catalog: Catalog | None = None, *, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """The bytes of `target` converted from the report `source` (.xlsx <-> .yaml/.yml).

    UsageError (exit 2) for a pair of names that is not one workbook and one YAML file; SourceError
    when the source cannot be read; excel.ConvertError when a YAML value does not fit a cell.
    """
    pair = (kind_of(source), kind_of(target))
    if pair == ("xlsx", "yaml"):
        from ipmeasures.sources.workbook import read_workbook

        return report_yaml(read_workbook(source, max_bytes=max_bytes).value).encode("utf-8")
    if pair == ("yaml", "xlsx"):
        from ipmeasures.sources.yamldoc import load_yaml
        from ipmeasures.workbook.layout import write_report
        from ipmeasures.workbook.xlsx import require_openpyxl

        require_openpyxl()  # before reading: without the extra, say so first
        from ipmeasures.workbook.layout import ConvertError

        try:
            return write_report(load_yaml(source, max_bytes=max_bytes).value, catalog)
        except ConvertError as exc:  # name the file, as every error does
            raise ConvertError(f"{source}: {exc.message}") from None
    raise UsageError(_("ipm convert 只在 Excel 工作簿（.xlsx）与 YAML（.yaml、.yml）之间转换：{source} → {target} "
                       "不是这样一对文件名。").format(source=os.path.basename(source), target=os.path.basename(target)))


class _Dumper(yaml.SafeDumper):
    """Block style for lists and multi-line text, empty for null: reads like the YAML template."""


def _text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


def _null(dumper: yaml.SafeDumper, _value: None) -> yaml.ScalarNode:
    return dumper.represent_scalar("tag:yaml.org,2002:null", "")


def _datetime(dumper: yaml.SafeDumper, value: dt.datetime) -> yaml.ScalarNode:
    return dumper.represent_scalar("tag:yaml.org,2002:timestamp", value.isoformat(" "))


_Dumper.add_representer(str, _text)
_Dumper.add_representer(type(None), _null)
_Dumper.add_representer(dt.datetime, _datetime)


def report_yaml(value: Any) -> str:
    """A report value (as read from a workbook) as YAML text, under a comment that says where it came from."""
    body = yaml.dump(value, Dumper=_Dumper, allow_unicode=True, sort_keys=False, default_flow_style=False,
                     width=10_000, indent=2)
    head = _("# 由 Excel 工作簿转换（ipm convert）。检查：ipm check 本文件")
    return head + "\n" + body
