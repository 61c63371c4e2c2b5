"""Progress lines: shown on a terminal for slow steps, silent everywhere else."""

from __future__ import annotations

import os
import pty
import subprocess
import sys
import time

from argmap.progress import progress
from tests.terminal import read_all

SLOW_STEP = ("import time; from argmap.progress import progress\n"
             "with progress('laying out 5 claims', delay=0.05):\n"
             "    time.sleep(0.3)\n")


def test_silent_when_stderr_is_not_a_terminal(capfd):
    with progress("laying out", delay=0.0):
        time.sleep(0.05)
    assert capfd.readouterr() == ("", "")


def test_a_slow_step_is_announced_on_a_terminal():
    """A real pseudo-terminal as the child's stderr, as when a person runs argmap."""
    leader, follower = pty.openpty()
    try:
        done = subprocess.run([sys.executable, "-c", SLOW_STEP], stderr=follower,
                              stdout=subprocess.PIPE, timeout=30, check=True)
        os.close(follower)
        shown = read_all(leader)
    finally:
        os.close(leader)
    lines = shown.decode().splitlines()
    assert done.stdout == b""
    assert lines[0] == "laying out 5 claims\u2026"
    assert lines[1].startswith("laying out 5 claims: done in ")


def test_a_quick_step_says_nothing_even_on_a_terminal():
    leader, follower = pty.openpty()
    quick = SLOW_STEP.replace("0.3", "0.0").replace("0.05", "5")
    try:
        subprocess.run([sys.executable, "-c", quick], stderr=follower, timeout=30, check=True)
        os.set_blocking(leader, False)
        try:
            shown = os.read(leader, 4096)
        except (BlockingIOError, OSError):
            shown = b""
    finally:
        os.close(follower)
        os.close(leader)
    assert shown == b""
