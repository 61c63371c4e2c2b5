"""src/ type-checks clean under mypy, configured in pyproject.toml ([tool.mypy]).

mypy keeps its cache in .mypy_cache (ignored by git): a run after a small change takes a
few seconds, a cold one (a fresh clone, as in CI) longer."""

from __future__ import annotations

import re
import subprocess
import sys

from tests.conftest import ROOT


def test_mypy_finds_no_error_in_src():
    result = subprocess.run([sys.executable, "-m", "mypy"], cwd=ROOT, capture_output=True,
                            text=True)
    assert result.returncode == 0, f"mypy found errors:\n{result.stdout}{result.stderr}"
    checked = re.search(r"^Success: no issues found in (\d+) source files$", result.stdout,
                        re.M)
    assert checked, result.stdout
    # The configuration checks every module of the package, not some other set of files.
    assert int(checked[1]) == len(list((ROOT / "src" / "argmap").rglob("*.py")))
