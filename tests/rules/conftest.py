"""Helpers for the per-rule tests: check fixture files (or a report written inline) with a fixed today."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from ipmeasures.check.engine import check_paths
from ipmeasures.policy.catalog import load_catalog

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "reports"
TODAY = dt.date(2025, 12, 31)  # after every fixture's submitted date


@pytest.fixture(scope="session")
def catalog():
    return load_catalog()


@pytest.fixture
def check(catalog):
    """check("fail/x.yaml", ...) -> the run's findings (sorted), every rule included."""

    def run(*names: str, **options):
        options.setdefault("today", TODAY)
        return check_paths([str(FIXTURES / name) for name in names], catalog, **options).findings

    return run


@pytest.fixture
def check_text(catalog, tmp_path):
    """check_text(yaml_text) -> the findings of one report written to a temporary file."""

    def run(text: str, name: str = "report.yaml", **options):
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        options.setdefault("today", TODAY)
        return check_paths([str(path)], catalog, **options).findings

    return run


@pytest.fixture
def located():
    """located(findings, rule_id) -> (line, column, measure, task) of each finding of that rule, in order."""

    def pick(findings, rule_id: str) -> list[tuple]:
        return [(f.line, f.column, f.measure, f.task) for f in findings if f.rule_id == rule_id]

    return pick
