"""Reading maps at git revisions (``REV:PATH``) from a real repository in tmp_path."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from argmap.changes.revisions import is_revision, read_map
from argmap.errors import ArgmapError
from tests.conftest import DATA

RENAMES = DATA / "changes" / "renames"


def git(repo, *args: str) -> None:
    subprocess.run(["git", "-C", str(repo), "-c", "user.name=T", "-c", "user.email=t@t",
                    *args], check=True, capture_output=True)


@pytest.fixture
def repo(tmp_path, monkeypatch):
    """A repository whose debates/map.yaml was base.yaml, then same-text.yaml; the shell
    is inside debates/."""
    (tmp_path / "debates").mkdir()
    git(tmp_path, "init", "-q")
    shutil.copy(RENAMES / "base.yaml", tmp_path / "debates" / "map.yaml")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-qm", "base")
    shutil.copy(RENAMES / "same-text.yaml", tmp_path / "debates" / "map.yaml")
    git(tmp_path, "commit", "-qam", "rename")
    monkeypatch.chdir(tmp_path / "debates")
    return tmp_path


def test_a_revision_reads_the_committed_version(repo):
    assert "fewer-crashes" in read_map("HEAD~1:debates/map.yaml")
    assert "safer-street" in read_map("HEAD:debates/map.yaml")
    assert "safer-street" in read_map("HEAD:./map.yaml")  # git's path from here


def test_a_file_is_read_as_a_file(repo):
    amap = read_map("map.yaml")
    assert amap.path == "map.yaml" and "safer-street" in amap


def test_an_existing_file_named_like_a_revision_wins(repo):
    shutil.copy(RENAMES / "twins-base.yaml", repo / "debates" / "HEAD:map.yaml")
    assert not is_revision("HEAD:map.yaml")
    assert "one" in read_map("HEAD:map.yaml")


def test_messages_about_a_revision_name_it(repo):
    (repo / "debates" / "map.yaml").write_text("argmap: 1\nclaims:\n  a: {text: A, "
                                               "supports: [nowhere]}\n")
    git(repo, "commit", "-qam", "broken")
    with pytest.raises(ArgmapError) as raised:
        read_map("HEAD:debates/map.yaml")
    assert "HEAD:debates/map.yaml:3" in str(raised.value)


@pytest.mark.parametrize("spec, reason", [
    ("HEAD~9:debates/map.yaml", "invalid object name 'HEAD~9'"),
    ("HEAD:debates/gone.yaml", "path 'debates/gone.yaml' does not exist in 'HEAD'"),
    ("nobranch:debates/map.yaml", "invalid object name 'nobranch'"),
])
def test_a_bad_revision_is_one_line_naming_it(repo, spec, reason):
    with pytest.raises(ArgmapError) as raised:
        read_map(spec)
    message = str(raised.value)
    assert message.startswith(f"{spec}: git cannot read this revision: ")
    assert reason in message and "\n" not in message


def test_outside_a_repository_git_says_so(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    with pytest.raises(ArgmapError, match="not a git repository"):
        read_map("HEAD:map.yaml")


def test_the_format_comes_from_the_revisions_path(repo):
    (repo / "debates" / "map.argdown").write_text("[T]: The thesis.\n  <+ [R]: A reason.\n")
    git(repo, "add", ".")
    git(repo, "commit", "-qm", "argdown")
    amap = read_map("HEAD:debates/map.argdown")
    assert len(amap) == 2
