"""``argmap diff`` on big maps: the semantic diff of a 10,000-claim debate against a copy
with a few edits, next to loading the map (the baseline, measured in the same run), and the
full report with its grounded evaluation of both maps.

    .venv/bin/python benchmarks/bench_diff.py [N ...]     # default: 10000
"""

from __future__ import annotations

import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synth import map_file  # noqa: E402

import argmap  # noqa: E402
from argmap import edit  # noqa: E402
from argmap.changes.diff import diff_maps  # noqa: E402
from argmap.changes.report import compare_maps  # noqa: E402


def best(function, repeat: int = 3) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return min(times)


def edited_copy(path: Path, folder: str) -> Path:
    """The map after a typical pull request, made with argmap's editor: one claim renamed,
    one text edited, one claim added and one removed."""
    copy = Path(folder) / path.name
    shutil.copy(path, copy)
    ids = list(argmap.load(copy).claims())  # the thesis first
    edit.rename(copy, ids[10], "renamed-claim")
    edit.set_field(copy, ids[20], "text", "An edited claim text.")
    edit.add_claim(copy, "added-claim", "A new objection.", rebuts=(ids[0],))
    edit.remove(copy, ids[-1], cascade=True)
    return copy


def main(sizes: list[int]) -> None:
    print(f"{'claims':>7} {'load':>8} {'diff':>8} {'diff/load':>9} {'report':>8} "
          f"{'report/load':>11}")
    for n in sizes:
        path = map_file(n)
        with tempfile.TemporaryDirectory() as folder:
            old, new = argmap.load(path), argmap.load(edited_copy(path, folder))
        diff = diff_maps(old, new)
        assert diff.renames and diff.added and diff.removed, "the edits were not all found"
        load = best(lambda: argmap.load(path))
        differ = best(lambda: diff_maps(old, new))
        report = best(lambda: compare_maps(old, new), repeat=1)
        print(f"{n:>7} {load:>7.2f}s {differ:>7.2f}s {differ / load:>8.2f}x "
              f"{report:>7.2f}s {report / load:>10.2f}x")


if __name__ == "__main__":
    main([int(arg) for arg in sys.argv[1:]] or [10_000])
