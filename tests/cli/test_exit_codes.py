"""Exit codes as README states them: 1 for a user error, 2 for a usage error; and
importing argmap changes nothing global (the CLI sets its own process policy)."""

from __future__ import annotations

import subprocess
import sys

from click.testing import CliRunner

from argmap.cli import main
from tests.conftest import DATA, ROOT


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def test_a_map_error_exits_1_with_one_located_line():
    result = run("check", str(DATA / "native" / "broken" / "bad-tag-color.yaml"))
    assert result.exit_code == 1
    assert "bad-tag-color.yaml:" in result.output and "Traceback" not in result.output


def test_a_usage_error_exits_2_with_one_line():
    for args in (["check", "--no-such-option", "x.yaml"], ["export"], ["no-such-command"]):
        result = run(*args)
        assert result.exit_code == 2, args
        assert len(result.output.strip().splitlines()) == 1, result.output


def test_readme_states_both_exit_codes():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "the exit code is 1" in readme and "exits 2" in readme


def test_importing_argmap_leaves_the_garbage_collector_alone():
    """gc.freeze at exit is the argmap program's choice, made when it runs, not an import
    side effect imposed on every library user."""
    code = ("import atexit, gc\n"
            "seen = []\n"
            "atexit.register = lambda f, *a, **k: seen.append(f)\n"
            "import argmap, argmap.cli, argmap.pipeline, argmap.drawing.dot, argmap.formats\n"
            "argmap.pipeline.load(__import__('sys').argv[1])\n"
            "print(gc.freeze in seen, gc.isenabled())")
    done = subprocess.run([sys.executable, "-c", code, str(ROOT / "arguments" /
                                                          "illinois-detainers.yaml")],
                          capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["False", "True"]
