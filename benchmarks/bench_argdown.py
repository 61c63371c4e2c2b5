"""Argdown import speed against the Argdown CLI's own ``argdown json`` on the same file.

Run: .venv/bin/python benchmarks/bench_argdown.py [claims]   (not a timed test)."""

from __future__ import annotations

import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from argmap.formats import argdown
from argmap.model import ArgMap

ROOT = Path(__file__).resolve().parents[1]
CLI = ROOT / ".cache" / "argdown" / "node_modules" / ".bin" / "argdown"


def synthetic_map(claims: int, seed: int = 1) -> ArgMap:
    """A tree of pro/con claims under one thesis (a few children each), plus cross-links."""
    rng = random.Random(seed)
    amap = ArgMap(title="Synthetic debate")
    amap.add_claim("c0", "The thesis of a synthetic debate.", kind="thesis")
    for index in range(1, claims):
        amap.add_claim(f"c{index}", f"Claim {index}: a reason, with punctuation; and more.",
                       kind=rng.choice(["claim", "claim", "evidence"]))
        amap.add_relation(f"c{index}", f"c{(index - 1) // 4}", rng.choice(["support", "rebut"]))
    for _ in range(claims // 20):
        source, target = rng.randrange(1, claims), rng.randrange(claims)
        if source != target and not amap.graph.has_edge(source, target):
            amap.add_relation(f"c{source}", f"c{target}", "support")
    return amap


def main(claims: int = 10_000) -> None:
    text = argdown.write(synthetic_map(claims))
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "synthetic.argdown"
        path.write_text(text, encoding="utf-8")
        ours = min(_timed(lambda: argdown.read(text, str(path))) for _ in range(3))
        print(f"argmap import of {claims} claims: {ours:.3f} s (best of 3)")
        if not CLI.exists():
            print("Argdown CLI not installed; run scripts/test to install it")
            return
        theirs = _timed(lambda: subprocess.run([str(CLI), "json", str(path), folder],
                                               check=True, capture_output=True))
        print(f"argdown json on the same file: {theirs:.3f} s")
        print(f"ratio (argdown json / argmap): {theirs / ours:.1f}x")


def _timed(action) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 10_000)
