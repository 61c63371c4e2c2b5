"""Shared test fixtures: where the third-party fixtures live, and skipping without them."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from hypothesis import settings

# CI runs a fixed sequence of examples, so a landing never depends on the luck of the draw;
# everywhere else hypothesis explores new random examples on every run.
settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data"
SHARED = ROOT.parent / "shared"
FIXTURES = SHARED / "fixtures"
SHARED_MISSING = "../shared is absent (third-party fixtures live there, beside the repo)"


def shared_files(folder: str, pattern: str) -> list[Path]:
    """Fixture files for ``pytest.mark.parametrize``; empty (so skipped) without ../shared."""
    return sorted((FIXTURES / folder).glob(pattern)) if FIXTURES.is_dir() else []


@pytest.fixture
def shared() -> Path:
    if not SHARED.is_dir():
        pytest.skip(SHARED_MISSING)
    return SHARED


@pytest.fixture
def dot_binary() -> str:
    """The real Graphviz ``dot``; the suite requires it (scripts/test installs it)."""
    path = shutil.which("dot")
    if path is None:
        pytest.fail("Graphviz 'dot' is not installed; run scripts/test, which installs it")
    return path
