"""The set-up scripts and the suite's own set-up: offline re-runs, and skips that say why."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from xml.etree import ElementTree

import pytest

from tests.conftest import ROOT

SELF = Path(__file__).relative_to(ROOT).as_posix()


def _can_cut_network() -> bool:
    """``unshare -n`` runs a command with no network at all (root, or user namespaces)."""
    if shutil.which("unshare") is None:
        return False
    done = subprocess.run(["unshare", "-rn", "true"] if os.getuid() else ["unshare", "-n", "true"],
                          capture_output=True, check=False)
    return done.returncode == 0


def offline(*command: str) -> list[str]:
    return ["unshare", *(["-rn"] if os.getuid() else ["-n"]), *command]


needs_unshare = pytest.mark.skipif(not _can_cut_network(),
                                   reason="unshare -n cannot cut the network on this machine")


def copy_of_the_working_tree(destination: Path) -> Path:
    """What a clone would hold, with this working tree's uncommitted changes."""
    listed = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True,
                            check=True).stdout.decode().split("\0")
    for name in filter(None, listed):
        source = ROOT / name
        if source.is_file():
            target = destination / name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)
    return destination


@needs_unshare
def test_demo_runs_again_without_network(tmp_path):
    clone = copy_of_the_working_tree(tmp_path / "argmap")
    first = subprocess.run(["./scripts/demo"], cwd=clone, capture_output=True, text=True,
                           check=False)
    assert first.returncode == 0, first.stderr
    (clone / "illinois-detainers.svg").unlink()

    again = subprocess.run(offline("./scripts/demo"), cwd=clone, capture_output=True,
                           text=True, check=False)
    assert again.returncode == 0, again.stderr
    assert (clone / "illinois-detainers.svg").read_text().lstrip().startswith("<?xml")
    # Everything was in place, so the second run had nothing to install and said nothing of it.
    assert "bootstrap:" not in again.stderr


@needs_unshare
def test_test_set_up_runs_again_without_network():
    if not (ROOT / ".venv" / "argmap-installed").is_file():
        pytest.skip("this checkout's .venv was not made by scripts/bootstrap")
    again = subprocess.run(offline("scripts/bootstrap", "--test"), cwd=ROOT,
                           capture_output=True, text=True, check=False)
    assert again.returncode == 0, again.stderr
    assert "bootstrap:" not in again.stderr


def test_without_shared_every_skip_names_the_missing_folder(tmp_path):
    """Collect and set up the whole suite with ../shared pointed elsewhere (no test body runs)."""
    report = tmp_path / "report.xml"
    missing = tmp_path / "no-shared"
    subprocess.run([sys.executable, "-m", "pytest", "--setup-only", "-q", "-p", "no:cacheprovider",
                    f"--junitxml={report}", "--deselect", SELF],
                   cwd=ROOT, env={**os.environ, "ARGMAP_SHARED": str(missing)},
                   capture_output=True, check=False)
    reasons = [skipped.get("message", "") for skipped in ElementTree.parse(report).iter("skipped")]
    assert len(reasons) >= 20  # the fixture tests: Argdown, AIF, Carneades, ICCMA, ...
    unexplained = [reason for reason in reasons if str(missing) not in reason]
    assert unexplained == []
