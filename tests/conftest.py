"""Shared test set-up: every test run gets its own data cache, so no test sees another run's cache."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

# Tests expect Chinese (the default) unless they ask for English; the machine's locale must not decide.
os.environ["IPM_LANG"] = "zh"

REPO = Path(__file__).resolve().parent.parent
DATA = REPO / "data"
SOURCE = REPO / "source" / "huizhou-ip-protection-measures-2021.txt"


@pytest.fixture(autouse=True, scope="session")
def _isolated_cache(tmp_path_factory: pytest.TempPathFactory):
    mp = pytest.MonkeyPatch()
    mp.setenv("IPM_CACHE_DIR", str(tmp_path_factory.mktemp("ipm-cache")))
    mp.delenv("IPM_DATA", raising=False)
    mp.setenv("NO_COLOR", "1")
    yield
    mp.undo()
