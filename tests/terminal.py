"""Reading what a program wrote to a real pseudo-terminal (``pty.openpty``)."""

from __future__ import annotations

import os


def read_all(leader: int) -> bytes:
    """Everything written to the terminal whose leader end is ``leader``, once the program
    has closed its end (the caller closes its own copy of the follower first)."""
    shown = b""
    while True:
        try:
            chunk = os.read(leader, 4096)
        except OSError:  # the terminal closed: everything has been read
            break
        if not chunk:
            break
        shown += chunk
    return shown
