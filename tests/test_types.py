"""src/ type-checks clean under mypy, configured in pyproject.toml ([tool.mypy]), and code
that uses argmap gets its types.

mypy keeps its cache in .mypy_cache (ignored by git): a run after a small change takes
about a second, a cold one (a fresh clone, as in CI) about five on 2 cores."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys

from tests.conftest import DATA, ROOT


def mypy(*arguments: str, cwd) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "mypy", *arguments], cwd=cwd,
                          capture_output=True, text=True)


def test_mypy_finds_no_error_in_src():
    result = mypy(cwd=ROOT)
    assert result.returncode == 0, f"mypy found errors:\n{result.stdout}{result.stderr}"
    checked = re.search(r"^Success: no issues found in (\d+) source files$", result.stdout,
                        re.M)
    assert checked, result.stdout
    # The configuration checks every module of the package, not some other set of files.
    assert int(checked[1]) == len(list((ROOT / "src" / "argmap").rglob("*.py")))


def test_code_using_argmap_gets_its_types(tmp_path):
    """argmap ships py.typed, and what ``import argmap`` loads on first use (``load``,
    ``dumps``, ``to_pydot`` ...) has its types: a user's type checker flags each misuse."""
    user = tmp_path / "user.py"
    shutil.copy(DATA / "types" / "user.py", user)
    result = mypy("--cache-dir", str(tmp_path / "cache"), user.name, cwd=tmp_path)
    flagged = {int(n) for n in re.findall(r"^user\.py:(\d+): error:", result.stdout, re.M)}
    marked = {number for number, line in enumerate(user.read_text().splitlines(), 1)
              if "# an error" in line}
    assert flagged == marked, result.stdout + result.stderr
