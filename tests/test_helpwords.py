"""Help texts and messages name the loaded document's units, never the shipped (Huizhou) document's.

The words that must not show are read from the shipped data itself (data/units.yaml, data/measures.yaml):
every unit's short and full name, sign, alias and English name, every group, the document's title and
number, and the Huizhou-only examples that help texts used to carry (the annex's "T1–T8", "区块链"). A name
the loaded document has too (雅安 has a 市公安局 of its own) may of course show.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from tests.paths import REPO

from ipmeasures.cli import COMMANDS, cli

POLICIES = sorted(p for p in (REPO / "examples" / "policies").iterdir() if (p / "data" / "measures.yaml").is_file())
XIAN = REPO / "examples" / "policies" / "xian-2022-fgf" / "data"


def names_in(data: Path) -> set[str]:
    """Every name a data directory's registry and document give (units, groups, signs, aliases, English)."""
    units = yaml.safe_load((data / "units.yaml").read_text(encoding="utf-8"))
    document = yaml.safe_load((data / "measures.yaml").read_text(encoding="utf-8"))["document"]
    names: set[str] = set()
    for entry in units.get("units", []) + units.get("groups", []):
        names.update(n for n in (entry.get("name"), entry.get("full_name"), entry.get("english")) if n)
        names.update(s if isinstance(s, str) else s.get("name", "") for s in entry.get("signs", []))
        names.update(entry.get("aliases", []))
    names.update(str(document[k]) for k in ("title", "number", "short_title", "short_title_english") if document.get(k))
    return {n for n in names if n}


HUIZHOU = names_in(REPO / "data")
HUIZHOU_ONLY_EXAMPLES = {"惠州", "惠市", "T1–T8", "区块链", "商业秘密", "gonganju", "Public Security", "police",
                         "主要任务责任分工表", "1–22", "1–8"}


def foreign_words(text: str, policy_data: Path) -> list[str]:
    own = names_in(policy_data)
    # A shipped name that is part of one of the loaded document's own (海关 in 重庆海关) may show with it.
    words = {w for w in HUIZHOU if not any(w in name for name in own)} | HUIZHOU_ONLY_EXAMPLES
    return sorted(w for w in words if w in text)


def test_the_shipped_names_are_read() -> None:
    # The registry is the document's (惠市委办发〔2021〕11号): its police bureau, a sign and the group of
    # municipal departments are there, so the checks below have something to find.
    assert {"市公安局", "市版权局", "市直有关部门", "惠市委办发〔2021〕11号"} <= HUIZHOU


@pytest.mark.parametrize("policy", POLICIES, ids=lambda p: p.name)
def test_every_commands_help_names_no_other_documents_units(policy: Path) -> None:
    data = policy / "data"
    for name in ["", *COMMANDS]:
        result = CliRunner().invoke(cli, ["--data", str(data), *([name] if name else []), "--help"],
                                    catch_exceptions=False)
        assert result.exit_code == 0, (name, result.output)
        assert foreign_words(result.output, data) == [], (name, result.output)


ENGLISH_HELP = """
import sys
from click.testing import CliRunner
from ipmeasures.cli import COMMANDS, cli
out = []
for name in ["", *COMMANDS]:
    result = CliRunner().invoke(cli, ["--data", sys.argv[1], "--lang", "en", *([name] if name else []), "--help"])
    out.append(result.output)
print("\\n".join(out))
"""


@pytest.mark.parametrize("policy", POLICIES, ids=lambda p: p.name)
def test_every_commands_english_help_names_no_other_documents_units(policy: Path) -> None:
    # In a fresh process: help texts are translated when their command is first loaded.
    done = subprocess.run([sys.executable, "-c", ENGLISH_HELP, str(policy / "data")], capture_output=True,
                          text=True, encoding="utf-8", timeout=120, check=False,
                          env={**os.environ, "IPM_LANG": "en", "COLUMNS": "100"})
    assert done.returncode == 0, done.stderr
    assert "Examples:" in done.stdout
    assert foreign_words(done.stdout, policy / "data") == []


def test_help_examples_name_a_unit_of_the_loaded_document() -> None:
    # 市行政审批局 leads item (1) of the Xi'an table (牵头单位: 市行政审批局市司法局), the first of its registry.
    for name in ("owner", "template", "convert", "fix"):
        result = CliRunner().invoke(cli, ["--data", str(XIAN), name, "--help"], catch_exceptions=False)
        assert "市行政审批局" in result.output, name


def test_help_without_loadable_data_uses_neutral_words(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["--data", str(tmp_path / "missing"), "owner", "--help"], catch_exceptions=False)
    assert result.exit_code == 0 and "ipm owner 单位名" in result.output
    assert foreign_words(result.output, XIAN) == []


def run(*args: str):
    return CliRunner().invoke(cli, ["--data", str(XIAN), *args], catch_exceptions=False)


def test_messages_give_examples_from_the_loaded_document(tmp_path: Path) -> None:
    empty = run("owner", " ")
    assert empty.exit_code == 2 and "市行政审批局" in empty.output and foreign_words(empty.output, XIAN) == []
    binary = run("template", "市司法局", "--format", "xlsx")
    assert binary.exit_code == 2 and "-o 市司法局.xlsx" in binary.output
    search = run("search", " ")
    assert search.exit_code == 2 and foreign_words(search.output, XIAN) == []
    report = tmp_path / "r.yaml"
    report.write_text("period: 2022-Q3\nitems:\n  - {item: (1), status: not_started}\n", encoding="utf-8")
    checked = run("check", str(report), "--format", "json")
    messages = [f["message"] for f in json.loads(checked.stdout)["findings"]]
    assert any("unit" in m for m in messages) and foreign_words(" ".join(messages), XIAN) == []
    schema = run("schema")
    assert schema.exit_code == 0 and foreign_words(schema.output, XIAN) == []


def test_the_dashboard_names_a_group_of_the_loaded_document(tmp_path: Path) -> None:
    page = tmp_path / "d.html"
    reports = XIAN.parent / "reports" / "pass"
    assert run("dashboard", str(reports), "-o", str(page), "--today", "2022-10-10").exit_code == 0
    html = page.read_text(encoding="utf-8")
    # 市级相关单位 is the first group of the registry that the table gives a duty (责任单位 of rows (1) and (2)).
    assert "经单位组（如“市级相关单位”）承担" in html
    assert foreign_words(html, XIAN) == []


@pytest.mark.parametrize("policy", POLICIES, ids=lambda p: p.name)
def test_rule_documentation_names_no_other_documents_units(policy: Path) -> None:
    # ipm rules and the SARIF output's rule help (its driver lists every rule) carry the rules' own texts.
    from ipmeasures.rules import RULES

    data = policy / "data"
    texts = [CliRunner().invoke(cli, ["--data", str(data), "rules", *([rule] if rule else [])],
                                catch_exceptions=False).output for rule in ["", *RULES]]
    sarif = CliRunner().invoke(cli, ["--data", str(data), "check", str(policy / "reports" / "pass"), "--format", "sarif"],
                               catch_exceptions=False)
    assert sarif.exit_code == 0
    texts.append(sarif.stdout)
    assert [foreign_words(text, data) for text in texts] == [[]] * len(texts)


LEADS = {"chongqing-2017-132": "市知识产权局", "yaan-2015-shuangda": "市文体广新局", "xiamen-2019-yshj": "市发改委",
         "xian-2022-fgf": "市行政审批局"}


@pytest.mark.parametrize("policy", POLICIES, ids=lambda p: p.name)
def test_query_outputs_and_their_messages_name_no_other_documents_units(policy: Path) -> None:
    data, lead = policy / "data", LEADS[policy.name]
    outputs = []
    for args in (["units"], ["measures"], ["tasks"], ["task", "1"], ["matrix"], ["owner", lead], ["owner", " "],
                 ["template", lead, "--period", "2022年下半年"], ["search", "推进"], ["validate"]):
        result = CliRunner().invoke(cli, ["--data", str(data), *args], catch_exceptions=False)
        outputs.append(result.output)
    assert [foreign_words(text, data) for text in outputs] == [[]] * len(outputs)


def test_the_annex_is_named_as_the_document_names_it() -> None:
    # 惠市委办发〔2021〕11号 prints "附件: 主要任务责任分工表" and lists 8 tasks; the Ya'an notice has no annex table.
    assert CliRunner().invoke(cli, ["tasks"], catch_exceptions=False).output.startswith("附件 主要任务责任分工表（共 8 项）")
    yaan = REPO / "examples" / "policies" / "yaan-2015-shuangda" / "data"
    assert CliRunner().invoke(cli, ["--data", str(yaan), "tasks"], catch_exceptions=False).output.startswith(
        "附件任务（共 0 项）")
    missing = CliRunner().invoke(cli, ["--data", str(yaan), "task", "1"], catch_exceptions=False)
    assert missing.exit_code == 2 and "没有附件任务表" in missing.output
