"""`ipmeasures.reporters`: the one list of formats, and a fast import."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from ipmeasures.errors import EXIT_USAGE, UsageError
from ipmeasures.reporters import REPORTERS, Reporter, get_reporter
from ipmeasures.reporters.table import TableReporter

SRC = Path(__file__).resolve().parents[2] / "src"


def test_the_six_text_formats_and_the_binary_xlsx():
    assert list(REPORTERS) == ["table", "json", "github", "junit", "sarif", "markdown", "codequality", "xlsx"]
    assert all(issubclass(cls, Reporter) for cls in REPORTERS.values())
    assert [name for name, cls in REPORTERS.items() if cls.binary] == ["xlsx"]


@pytest.mark.parametrize("name", ["table", "json", "github", "junit", "sarif", "markdown", "codequality"])
def test_every_format_renders_one_document_ending_in_one_newline(name, result_with_coverage):
    reporter = get_reporter(name, width=120)
    assert isinstance(reporter, REPORTERS[name])
    text = reporter.render(result_with_coverage)
    assert text.endswith("\n") and not text.endswith("\n\n")


def test_table_options_reach_the_table():
    reporter = get_reporter("table", color=True, width=77)
    assert isinstance(reporter, TableReporter)
    assert (reporter.color, reporter.width) == (True, 77)


def test_unknown_format_is_a_usage_error():
    with pytest.raises(UsageError) as info:
        get_reporter("xml")
    assert info.value.exit_code == EXIT_USAGE
    assert "xml" in info.value.message


def test_only_the_table_imports_rich():
    code = (
        "import sys\n"
        "from ipmeasures.findings import Finding, Severity\n"
        "from ipmeasures.reporters import REPORTERS, CheckResult\n"
        "r = CheckResult(findings=[Finding('r', Severity.ERROR, 'm', 'a.yaml')], files=1)\n"
        "for name in ['json', 'github', 'junit', 'sarif', 'markdown', 'codequality']:\n"
        "    REPORTERS[name]().render(r)\n"
        "assert 'rich' not in sys.modules, 'rich imported'\n"
        "REPORTERS['table']().render(r)\n"
        "assert 'rich' in sys.modules\n"
    )
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(SRC), os.environ.get("PYTHONPATH", "")])}
    subprocess.run([sys.executable, "-c", code], check=True, env=env)
