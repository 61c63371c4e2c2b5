"""``argmap merge`` on big maps: two branches of a 1,000- and a 10,000-claim debate, each
with a typical pull request made with argmap's editor, merged three ways: in this process
(after a first, untimed merge) and as git runs it, the whole ``argmap merge`` command in a
fresh process; next to loading the map (the baseline, measured in the same run).

    .venv/bin/python benchmarks/bench_merge.py [N ...]     # default: 1000 10000
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_diff import best  # noqa: E402
from bench_edit import show, timed  # noqa: E402
from synth import map_file  # noqa: E402

import argmap  # noqa: E402
from argmap import edit  # noqa: E402
from argmap.changes.merge import merge_files  # noqa: E402


def branch(path: Path, folder: Path, name: str, ids: list[str], offset: int) -> Path:
    """A copy of the map changed as in a pull request: a claim renamed, two texts edited,
    three claims added (one with a relation into the new ones' neighbour), one removed."""
    copy = folder / f"{name}.yaml"
    shutil.copy(path, copy)
    edit.rename(copy, ids[10 + offset], f"renamed-{name}")
    for index in (20, 30):
        edit.set_field(copy, ids[index + offset], "text", f"An edited text ({name}).")
    for index in range(3):
        edit.add_claim(copy, f"added-{name}-{index}", f"A new objection {index}.",
                       rebuts=(ids[0],))
    edit.remove(copy, ids[-1 - offset], cascade=True)
    return copy


def main(sizes: list[int]) -> None:
    print(f"{'claims':>7} {'load':>8} {'merge':>8} {'merge/load':>10} "
          f"{'argmap merge (wall/CPU)':>24}")
    for n in sizes:
        path = map_file(n)
        ids = list(argmap.load(path).claims())
        with tempfile.TemporaryDirectory() as name:
            folder = Path(name)
            ours = branch(path, folder, "ours", ids, 0)
            theirs = branch(path, folder, "theirs", ids, 100)
            out = folder / "out.yaml"
            result = merge_files(path, ours, theirs, out)
            assert result.clean and len(argmap.load(out)) == n + 4, "the merge lost a change"
            load = best(lambda: argmap.load(path))
            merge = best(lambda: merge_files(path, ours, theirs, out), repeat=1)
            command = timed("merge", str(path), str(ours), str(theirs), "-o", str(out))
        print(f"{n:>7} {load:>7.2f}s {merge:>7.2f}s {merge / load:>9.1f}x {show(command):>24}")


if __name__ == "__main__":
    main([int(arg) for arg in sys.argv[1:]] or [1_000, 10_000])
