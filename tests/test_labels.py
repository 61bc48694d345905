"""labels.py: each role, kind, status and state has one label, and every output says it the same way.

The expected words are the documents' own (not read back from ipm's output): the task-division documents
write a unit's part as 负责, 按职责分工负责, 分别负责, 牵头负责 (雅安 2015: “市文体广新局牵头负责”) or 配合; 惠州's
measure 19 names its lead in the body text: “市市场监督管理局(知识产权局)要会同有关部门……”.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner

from ipmeasures.cli import cli
from ipmeasures.labels import (
    GAP_LABELS,
    KIND_LABELS,
    STATUS_LABELS,
    display_title,
    kind_label,
    role_label,
    state_label,
    status_label,
)
from ipmeasures.policy.catalog import load_catalog
from ipmeasures.report.model import STATUS_ALIASES, STATUSES

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "policies"
ROLE_WORDS = {"sole": "负责", "joint": "按职责分工负责", "separately": "分别负责", "lead": "牵头负责",
              "coordinator": "牵头负责", "support": "配合"}


def test_each_role_reads_as_the_documents_write_it():
    for role, words in ROLE_WORDS.items():
        assert role_label(role) == words
    assert role_label("coordinator", "会同有关部门") == "牵头负责(会同有关部门)"


def test_kinds_statuses_and_states_have_their_words():
    assert [kind_label(k) for k in ("measure", "task", "item")] == ["措施", "任务", "事项"]
    assert set(KIND_LABELS) == {"measure", "task", "item"}
    assert set(STATUS_LABELS) == set(STATUSES)
    for status in STATUSES:  # a label a person reads can be written back into a report
        assert STATUS_ALIASES[status_label(status)] == status
        assert state_label(status) == status_label(status)
    assert [state_label(s) for s in ("not_reported", "missing_item")] == ["未报送", "报告缺此项"]
    assert set(GAP_LABELS) == {"not_reported", "missing_item", "invalid"}


def test_a_title_is_english_only_in_english_and_only_where_there_is_one(monkeypatch):
    from ipmeasures import i18n

    monkeypatch.setattr(i18n, "language", "zh")
    assert display_title("加强组织领导", "Leadership") == "加强组织领导"
    monkeypatch.setattr(i18n, "language", "en")
    assert display_title("加强组织领导", "Leadership") == "Leadership"
    assert display_title("加强组织领导", None) == "加强组织领导"


def _unescape(cell: str) -> str:
    return re.sub(r"\\(.)", r"\1", cell).strip()


def _owner_roles(data: str | None, unit: str) -> Counter:
    """The 职责方式 cells of `ipm owner UNIT --format markdown`, read as a Markdown table."""
    args = (["--data", data] if data else []) + ["--lang", "zh", "owner", unit, "--format", "markdown"]
    result = CliRunner().invoke(cli, args, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    roles: Counter = Counter()
    column = None
    for line in result.stdout.splitlines():
        if not line.startswith("|"):
            column = None
            continue
        cells = [_unescape(c) for c in re.split(r"(?<!\\)\|", line)[1:-1]]
        if "职责方式" in cells:
            column = cells.index("职责方式")
        elif column is not None and not set("".join(cells)) <= set("- "):
            roles[cells[column]] += 1
    return roles


def _template_lines(data: str | None, unit: str) -> list[str]:
    args = (["--data", data] if data else []) + ["--lang", "zh", "template", unit, "--period", "2022-H1"]
    result = CliRunner().invoke(cli, args, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return [line for line in result.stdout.splitlines() if line.startswith("  # ") and "（" in line]


@pytest.mark.parametrize(("data", "unit"), [
    (None, "市市场监管局"),  # a coordinator (measure 19) and duties by division of labour
    (None, "市公安局"),  # responsible alone for tasks
    (str(EXAMPLES / "yaan-2015-shuangda" / "data"), "市质监局"),  # 牵头负责 (lead)
    (str(EXAMPLES / "yaan-2015-shuangda" / "data"), "市工商局"),  # 负责, 分别负责
    (str(EXAMPLES / "xian-2022-fgf" / "data"), "市行政审批局"),  # 牵头
])
def test_owner_and_template_label_each_duty_the_same_way(data, unit):
    catalog = load_catalog(data)
    duties = catalog.duties(catalog.resolve_unit(unit))
    expected = Counter(ROLE_WORDS[d.role] + (f"({d.role_words})" if d.role_words else "") for d in duties)
    assert expected  # the unit carries duties
    assert _owner_roles(data, unit) == expected
    template = _template_lines(data, unit)
    for words, n in expected.items():
        assert sum(f"（{words}；" in line or f"（{words}）" in line for line in template) == n, words


@pytest.mark.parametrize(("fields", "where"), [
    ({"line": 3, "column": 7}, "3:7"),
    ({"line": 3}, "3"),
    ({}, ""),  # about the whole file
    ({"line": 9, "column": 5, "cell": "报告!E9"}, "报告!E9"),  # a workbook: the cell a person finds
])
def test_one_position_of_a_finding_for_every_output(fields, where):
    from ipmeasures.findings import Finding, Severity
    from ipmeasures.ledger.formats import finding_cells
    from ipmeasures.reporters.base import location, position

    finding = Finding("missing-evidence", Severity.ERROR, "m", "a.yaml", **fields)
    assert position(finding) == where
    assert finding_cells(finding)[1] == where  # the ledger's 位置 column
    assert location(finding) == (f"a.yaml:{where}" if where else "a.yaml")
