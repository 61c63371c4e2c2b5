"""Dense maps to SVG with default options (issue 17), next to baselines from the same run.

Random abstract frameworks (ICCMA ``.apx``: arguments and attacks, uniformly drawn, no
self-attacks; the same seed gives the same file) are exported to SVG by the CLI with
default options, which lets the automatic layout choose.  Before issue 17 ``auto`` chose
Graphviz ``dot`` for every map under 1,500 claims, and ``dot`` ran past any time limit on
them; now the cross-link count sends them to the layered layout.

For each size this prints the layout chosen, the wall-clock time of the default export,
and two baselines measured in the same run: the same export with ``--layout layered``
given explicitly (what the issue measured as 0.5-3 s), and the old default, Graphviz
``dot`` laying out argmap's DOT of the map, stopped after ``DOT_BUDGET`` seconds.  The
sample debate (74 claims, drawn by ``dot``) is timed too, as a yardstick for the machine.

    python benchmarks/bench_dense.py
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

from synth import dense_framework

ROOT = Path(__file__).resolve().parents[1]
ARGMAP = [sys.executable, "-m", "argmap.cli"]
SAMPLE = ROOT / "arguments" / "illinois-detainers.yaml"
SIZES = [(100, 1_500), (150, 5_000), (192, 11_000), (200, 10_000), (890, 37_000)]
DOT_BUDGET = 20.0  # seconds the old default (dot) gets before it is stopped


def timed(command: list[str], timeout: float | None = None) -> float | None:
    """Wall-clock seconds of ``command``, or None if it was stopped at ``timeout``."""
    start = time.perf_counter()
    try:
        done = subprocess.run([str(c) for c in command], capture_output=True, text=True,
                              timeout=timeout)
    except subprocess.TimeoutExpired:
        return None
    if done.returncode:
        raise SystemExit(f"failed: {' '.join(map(str, command))}\n{done.stderr[-2000:]}")
    return time.perf_counter() - start


def best_of(runs: int, command: list[str]) -> float:
    """The fastest of ``runs`` runs: the least disturbed by whatever else the machine does."""
    return min(timed(command) for _ in range(runs))


def chosen_layout(path: Path) -> tuple[str, int]:
    done = subprocess.run(ARGMAP[:1] + ["-c", (
        "import sys; from argmap.formats import load; "
        "from argmap.drawing.layout import choose_layout, cross_links; "
        "m = load(sys.argv[1]); print(choose_layout(m), cross_links(m))"), str(path)],
        capture_output=True, text=True, check=True)
    layout, links = done.stdout.split()
    return layout, int(links)


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        sample = best_of(3, ARGMAP + ["export", SAMPLE, "-o", work / "sample.svg"])
        print(f"yardstick: the sample debate (74 claims, dot) to SVG: {sample:.2f} s\n")
        print("| arguments | attacks | cross-links | auto chooses | default export to SVG "
              "| --layout layered | old default (dot) |")
        print("|---:|---:|---:|---|---:|---:|---:|")
        for arguments, attacks in SIZES:
            path = work / f"dense-{arguments}-{attacks}.apx"
            path.write_text(dense_framework(arguments, attacks), encoding="utf-8")
            layout, links = chosen_layout(path)
            default = best_of(3, ARGMAP + ["export", path, "-o", work / "default.svg"])
            layered = best_of(3, ARGMAP + ["export", path, "-o", work / "layered.svg",
                                           "--layout", "layered"])
            dot_source = work / "dot.dot"
            subprocess.run(ARGMAP + ["export", str(path), "-o", str(dot_source), "--layout",
                                     "dot"], check=True)
            old = timed(["dot", "-Tsvg", dot_source, "-o", work / "dot.svg"], DOT_BUDGET)
            old_text = f"{old:.1f} s" if old is not None else f"stopped at {DOT_BUDGET:g} s"
            print(f"| {arguments} | {attacks:,} | {links:,} | {layout} | {default:.2f} s "
                  f"({default / sample:.1f}x the sample) | {layered:.2f} s | {old_text} |")


if __name__ == "__main__":
    main()
