"""Shared by the supervision tests: the hand-written periods in tests/fixtures/supervision (see its README)."""

from __future__ import annotations

import json
from pathlib import Path

from tests.clirun import run

SETS = Path(__file__).resolve().parent.parent / "fixtures" / "supervision"
H1, H2 = SETS / "2022-H1", SETS / "2022-H2"
TODAY = "2023-02-01"  # after every report's `submitted`, so date-out-of-period stays quiet


def run_json(*args: str) -> tuple[int, dict]:
    code, out, err = run(*args, "--format", "json", "--today", TODAY)
    assert code in (0, 1), err
    return code, json.loads(out)
