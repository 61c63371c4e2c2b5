"""Real git repositories in ``tmp_path`` for the git integration and merge tests.

Git runs with no global or system configuration (only the repository's own), with a
committer set in the repository, and with this environment's ``argmap`` first on PATH,
so the drivers ``argmap git install`` configures run the argmap under test."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest


class Repo:
    """A git work tree: ``git(...)`` runs git in it and returns the finished process."""

    def __init__(self, root: Path):
        self.root = root

    def git(self, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        done = subprocess.run(["git", *args], cwd=self.root, capture_output=True, text=True,
                              check=False)
        if check and done.returncode:
            raise AssertionError(f"git {' '.join(args)} exited {done.returncode}: "
                                 f"{done.stdout}{done.stderr}")
        return done

    def write(self, name: str, data: str | bytes) -> Path:
        path = self.root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, str):
            data = data.encode("utf-8")
        path.write_bytes(data)
        return path

    def commit(self, message: str) -> None:
        self.git("add", "-A")
        self.git("commit", "-q", "-m", message)


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Repo:
    """A fresh repository on branch ``main`` whose work tree is the current folder."""
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", os.devnull)
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.setenv("PATH", os.pathsep.join([str(Path(sys.executable).parent),
                                                os.environ.get("PATH", "")]))
    root = tmp_path / "repo"
    root.mkdir()
    monkeypatch.chdir(root)
    found = Repo(root)
    found.git("init", "-q", "-b", "main")
    found.git("config", "user.name", "Test Author")
    found.git("config", "user.email", "author@example.org")
    return found
