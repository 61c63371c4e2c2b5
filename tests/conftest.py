"""Shared test fixtures: the sample debate, the CLI, where the third-party fixtures live, and
skipping without them."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from hypothesis import settings

from argmap.cli import main
from argmap.formats import load
from argmap.model import ArgMap

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
# The sample debate: the map of the seed article that README and the demo use.
SAMPLE = ROOT / "arguments" / "illinois-detainers.yaml"
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


class Cli:
    """The real ``argmap`` command.

    Calling it runs the command in this process through click's ``CliRunner``: quick, and an
    exception that escapes the command fails the test with its traceback instead of hiding
    in ``result.exception``.  ``process`` runs ``python -m argmap.cli`` as a child process,
    for what only a real process shows (the exit status the shell sees, what goes to stderr,
    warnings, the process-wide policy the entry point sets); ``start`` starts one without
    waiting for it."""

    def __call__(self, *args, input: str | bytes | None = None,
                 env: dict[str, str] | None = None, **options) -> Result:
        """``exit_code``, ``stdout``, ``stderr`` and ``output`` (both, interleaved);
        ``options`` go to the command's ``main`` (``prog_name``, ...)."""
        return CliRunner().invoke(main, [str(arg) for arg in args], input=input, env=env,
                                  catch_exceptions=False, **options)

    def process(self, *args, python_options: tuple[str, ...] = (),
                **options) -> subprocess.CompletedProcess:
        """``returncode``, ``stdout`` and ``stderr`` as text; ``options`` go to
        ``subprocess.run``."""
        return subprocess.run([sys.executable, *python_options, "-m", "argmap.cli",
                               *map(str, args)], capture_output=True, text=True, **options)

    def start(self, *args, env: dict[str, str] | None = None,
              text: bool = False) -> subprocess.Popen:
        """The command started as a child process that the test waits for, talks to or
        stops (``serve``, writers racing for a file), its output piped; ``env`` adds to
        this process's environment."""
        return subprocess.Popen([sys.executable, "-m", "argmap.cli", *map(str, args)],
                                env={**os.environ, **(env or {})}, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=text)


def assert_golden(path: Path, produced: str) -> None:
    """``produced`` is what the committed golden file ``path`` holds.  After a deliberate
    change, ``ARGMAP_UPDATE_GOLDEN=1`` rewrites the goldens; review the diff."""
    if os.environ.get("ARGMAP_UPDATE_GOLDEN"):
        path.write_text(produced, encoding="utf-8")
    assert produced == path.read_text(encoding="utf-8"), (
        f"{path} changed; if intended, rerun with ARGMAP_UPDATE_GOLDEN=1 and review the diff")


def output_whatever_the_hashing(script: str, *args, seeds: int = 3) -> str:
    """What ``python -c script args...`` prints, checked to be the same under ``seeds``
    different string-hash seeds (so it does not depend on set or dict order)."""
    outputs = {subprocess.run([sys.executable, "-c", script, *map(str, args)], check=True,
                              capture_output=True, text=True,
                              env=os.environ | {"PYTHONHASHSEED": str(seed)}).stdout
               for seed in range(1, seeds + 1)}
    assert len(outputs) == 1, "the output changes with the string-hash seed"
    return outputs.pop()


@pytest.fixture(scope="session")
def cli() -> Cli:
    """``cli("check", path)``: see ``Cli``.  Session-scoped (it holds no state), so property
    tests can use it too."""
    return Cli()


@pytest.fixture(scope="module")
def sample() -> ArgMap:
    """The sample debate, loaded once per test module; a test that changes it must copy it."""
    return load(SAMPLE)


@pytest.fixture
def sample_copy(tmp_path: Path) -> Path:
    """A writable copy of the sample debate's file, byte for byte, in ``tmp_path``."""
    copy = tmp_path / SAMPLE.name
    copy.write_bytes(SAMPLE.read_bytes())
    return copy
