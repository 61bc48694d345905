"""Where things are, for a test module at any depth under tests/: the checkout and the tests folder."""

from __future__ import annotations

from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
TESTS = REPO / "tests"
