"""Editing benchmarks: prints figures, asserts nothing.

    .venv/bin/python benchmarks/bench_edit.py [--quick]

One ``argmap add`` and one ``argmap rename`` (of a claim with many references: the thesis)
on 1k, 10k and 100k-claim files written by the canonical writer from the synthetic debate
generator, each run end to end through the real ``argmap`` console script in a fresh
process, so start-up, parsing, validation and the atomic write are all counted.  Target: an
edit of a 10k-claim file in under 1 s.  ``--quick`` skips 100k."""

from __future__ import annotations

import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synth import synthetic_map  # noqa: E402

from argmap.formats.native import write  # noqa: E402

ARGMAP = shutil.which("argmap", path=str(Path(sys.executable).parent)) or "argmap"


def timed(*args: str) -> tuple[float, float]:
    """Wall-clock and CPU seconds (user + system) of one ``argmap`` run; CPU time is the
    steadier figure on a busy machine."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run([ARGMAP, *args], check=True, stdout=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def show(seconds: tuple[float, float]) -> str:
    return f"{seconds[0]:6.2f}s/{seconds[1]:5.2f}s"


def main() -> None:
    sizes = [1_000, 10_000] if "--quick" in sys.argv else [1_000, 10_000, 100_000]
    print("wall-clock/CPU seconds, each a fresh process")
    print(f"{'claims':>8} {'file':>9} {'add':>15} {'rename':>15} {'--version':>15}")
    with tempfile.TemporaryDirectory() as directory:
        for n in sizes:
            path = Path(directory) / f"map-{n}.yaml"
            path.write_text(write(synthetic_map(n)))
            size = path.stat().st_size
            baseline = timed("--version")  # interpreter and CLI start-up alone
            add = timed("add", str(path), "bench-new", "--text", "A new claim, for timing.",
                        "--supports", "c0")
            rename = timed("rename", str(path), "c0", "thesis-renamed")
            print(f"{n:>8} {size / 1e6:>7.1f}MB {show(add):>15} {show(rename):>15} "
                  f"{show(baseline):>15}")


if __name__ == "__main__":
    main()
