"""Editing benchmarks: prints figures, asserts nothing.

    .venv/bin/python benchmarks/bench_edit.py [--quick]

One ``argmap add`` and one ``argmap rename`` (of a claim with many references: the thesis)
on 1k, 10k and 100k-claim files written by the canonical writer from the synthetic debate
generator, each run end to end through the real ``argmap`` console script in a fresh
process, so start-up, parsing, validation and the atomic write are all counted.  Target: an
edit of a 10k-claim file in under 1 s.  ``--quick`` skips 100k."""

from __future__ import annotations

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


def timed(*args: str) -> float:
    start = time.perf_counter()
    subprocess.run([ARGMAP, *args], check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> None:
    sizes = [1_000, 10_000] if "--quick" in sys.argv else [1_000, 10_000, 100_000]
    print(f"{'claims':>8} {'file':>9} {'add':>8} {'rename':>8} {'--version':>10}")
    with tempfile.TemporaryDirectory() as directory:
        for n in sizes:
            path = Path(directory) / f"map-{n}.yaml"
            path.write_text(write(synthetic_map(n)))
            size = path.stat().st_size
            baseline = timed("--version")  # interpreter and CLI start-up alone
            add = timed("add", str(path), "bench-new", "--text", "A new claim, for timing.",
                        "--supports", "c0")
            rename = timed("rename", str(path), "c0", "thesis-renamed")
            print(f"{n:>8} {size / 1e6:>7.1f}MB {add:>7.2f}s {rename:>7.2f}s {baseline:>9.2f}s")


if __name__ == "__main__":
    main()
