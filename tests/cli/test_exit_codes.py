"""Exit codes as README states them: 1 for a user error, 2 for a usage error; and
importing argmap changes nothing global (the CLI sets its own process policy)."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import DATA, ROOT, SAMPLE


def test_a_map_error_exits_1_with_one_located_line(cli):
    result = cli("check", str(DATA / "native" / "broken" / "bad-tag-color.yaml"))
    assert result.exit_code == 1
    assert "bad-tag-color.yaml:" in result.output and "Traceback" not in result.output


def test_a_usage_error_exits_2_with_one_line(cli):
    for args in (["check", "--no-such-option", "x.yaml"], ["export"], ["no-such-command"]):
        result = cli(*args)
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
    done = subprocess.run([sys.executable, "-c", code, str(SAMPLE)], capture_output=True,
                          text=True, check=True)
    assert done.stdout.split() == ["False", "True"]
