"""Writes are crash-safe and concurrent edits never lose an update, with real processes:
a writer killed between writing its temporary file and renaming it, several ``argmap add``
processes racing on one file, and another program saving the file mid-edit."""

from __future__ import annotations

import signal
import subprocess
import time
from pathlib import Path

import pytest

from argmap.edit import add_claim
from argmap.fileio import PAUSE_HOOK
from argmap.formats.native import read

from ..conftest import DATA

BEFORE = (DATA / "edit" / "before.yaml").read_bytes()


def wait_for(path: Path, process: subprocess.Popen | None = None, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while not path.exists():
        if process is not None and process.poll() is not None:
            pytest.fail(f"writer exited early: {process.communicate()}")
        if time.monotonic() > deadline:
            pytest.fail(f"{path} never appeared")
        time.sleep(0.01)


@pytest.fixture
def paused_add(cli, tmp_path):
    """An ``argmap add`` stopped after writing its temporary file, before the rename."""
    path = tmp_path / "map.yaml"
    path.write_bytes(BEFORE)
    flag = tmp_path / "paused"
    process = cli.start("add", path, "late", "--text", "Late claim.", "--supports", "lane",
                        env={PAUSE_HOOK: str(flag)})
    wait_for(flag, process)
    yield path, flag, process
    if process.poll() is None:
        process.kill()
        process.wait()


def test_killed_writer_leaves_the_old_file(paused_add):
    path, flag, process = paused_add
    temp = Path(flag.read_text())
    assert temp.parent == path.parent and temp.name.startswith(".map.yaml.")
    assert b"late:" in temp.read_bytes()  # the new version is complete in the temp file
    assert path.read_bytes() == BEFORE
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert path.read_bytes() == BEFORE
    # The stray temp file is hidden and never read as the map; the next edit works.
    assert "late" not in read(path.read_text())
    add_claim(path, "later", "Later claim.", supports=["lane"])
    assert {"later"} <= set(read(path.read_text()).claims())
    assert "late" not in read(path.read_text())


def test_released_writer_installs_the_whole_new_file(paused_add):
    path, flag, process = paused_add
    new = Path(flag.read_text()).read_bytes()
    flag.unlink()
    assert process.wait(timeout=30) == 0
    assert path.read_bytes() == new
    assert sorted(p.name for p in path.parent.iterdir()) == ["map.yaml"]


def test_refuses_when_another_program_saved_meanwhile(paused_add):
    path, flag, process = paused_add
    saved = BEFORE.replace(b"Paint and posts cost little.", b"Paint is cheap.")
    path.write_bytes(saved)  # an editor saving in place while argmap was working
    flag.unlink()
    assert process.wait(timeout=30) == 1
    assert b"changed on disk" in process.stderr.read()
    assert path.read_bytes() == saved
    assert sorted(p.name for p in path.parent.iterdir()) == ["map.yaml"]


def test_concurrent_adds_all_land(cli, tmp_path):
    """Every writer pauses just before its rename; without the lock they would all have
    read the same original and all but one update would be lost."""
    path = tmp_path / "map.yaml"
    path.write_bytes(BEFORE)
    flag = tmp_path / "paused"
    writers = [cli.start("add", path, f"c{n}", "--text", f"Claim {n}.", "--supports", "lane",
                         env={PAUSE_HOOK: str(flag)}) for n in range(6)]
    deadline = time.monotonic() + 120
    while any(w.poll() is None for w in writers):
        assert time.monotonic() < deadline, "writers hung"
        if flag.exists():
            time.sleep(0.05)  # let any other (unlocked) writer reach the barrier too
            flag.unlink()
        time.sleep(0.01)
    assert [w.returncode for w in writers] == [0] * 6, [w.communicate() for w in writers]
    claims = set(read(path.read_text()).claims())
    assert {f"c{n}" for n in range(6)} <= claims
    assert sorted(p.name for p in tmp_path.iterdir()) == ["map.yaml"]
