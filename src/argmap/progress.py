"""Progress lines on stderr for slow steps, for a person watching a terminal.

Nothing is printed when stderr is not a terminal (pipes, CI, tests), nor for a step that
ends within ``delay`` seconds, so small maps stay silent everywhere."""

from __future__ import annotations

import sys
import threading
import time
from contextlib import contextmanager

DELAY = 1.0


@contextmanager
def progress(message: str, delay: float = DELAY):
    """Announce ``message`` if the step is still running after ``delay`` seconds, and say
    how long it took when it ends."""
    if not sys.stderr.isatty():
        yield
        return
    start = time.monotonic()
    announced = threading.Event()

    def announce() -> None:
        announced.set()
        print(f"{message}\u2026", file=sys.stderr, flush=True)

    timer = threading.Timer(delay, announce)
    timer.daemon = True
    timer.start()
    try:
        yield
    finally:
        timer.cancel()
        if announced.is_set():
            print(f"{message}: done in {time.monotonic() - start:.1f} s", file=sys.stderr,
                  flush=True)
