"""Shared test fixtures: where the third-party fixtures live, and skipping without them."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from hypothesis import settings

# Property tests that do not set their own example count take it from a profile. CI runs a
# fixed sequence of many examples, so a landing never depends on the luck of the draw; a local
# run explores fresh random examples every time (HYPOTHESIS_PROFILE=ci reproduces CI's run).
settings.register_profile("ci", derandomize=True, print_blob=True, max_examples=300)
settings.register_profile("explore", max_examples=150)
settings.load_profile(
    os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if os.environ.get("CI") else "explore"))

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data"
# ARGMAP_SHARED points the suite elsewhere; the suite's own test of skip reasons uses it.
SHARED = Path(os.environ.get("ARGMAP_SHARED") or ROOT.parent / "shared")
FIXTURES = SHARED / "fixtures"
SHARED_MISSING = f"{SHARED} is absent (the third-party fixtures live in ../shared, beside the repo)"


def shared_files(folder: str, pattern: str) -> list:
    """Fixture files for ``pytest.mark.parametrize``.

    Without ../shared this is one skipped parameter that says why, rather than an empty list,
    whose skip would only say "got empty parameter set".
    """
    if not FIXTURES.is_dir():
        return [pytest.param(None, marks=pytest.mark.skip(reason=SHARED_MISSING), id="no-shared")]
    return sorted((FIXTURES / folder).glob(pattern))


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
