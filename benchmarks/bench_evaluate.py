"""Evaluation benchmarks: prints figures, asserts nothing.

    .venv/bin/python benchmarks/bench_evaluate.py [--quick]

1. Grounded labelling (label propagation) on random frameworks of 10k, 100k and 1M attacks
   (target: 1M attacks in under 5 s).  Generation is timed apart from evaluation.
2. Preferred extensions on ICCMA-style random instances of a few thousand arguments
   (Erdős–Rényi and Barabási–Albert attack graphs, as ICCMA's AFBenchGen makes): time to
   the first extension and to the cap, clingo against the hand-written search.
3. The whole pipeline on the sample debate (flatten + grounded, and each gradual semantics).
"""

from __future__ import annotations

import random
import sys
import time
from pathlib import Path

from argmap import load
from argmap.evaluate import SEMANTICS, evaluate
from argmap.evaluate.asp import enumerate_clingo
from argmap.evaluate.dung import enumerate_python, grounded

ROOT = Path(__file__).resolve().parents[1]
CAP = 50
SEARCH_TIMEOUT = 20.0


def random_framework(attacks: int, seed: int) -> tuple[int, list[tuple[int, int]]]:
    """Uniform random attacks, three per argument on average (a realistic density: the
    grounded labelling then settles part of the framework and leaves cycles undecided)."""
    rng = random.Random(seed)
    n = max(2, attacks // 3)
    return n, [(rng.randrange(n), rng.randrange(n)) for _ in range(attacks)]


def barabasi_albert(n: int, m: int, seed: int) -> list[tuple[int, int]]:
    """Preferential attachment; each new argument attacks or is attacked by ``m`` earlier
    ones (direction at random), as AFBenchGen's BA instances."""
    rng = random.Random(seed)
    targets: list[int] = list(range(m))
    attacks = []
    for new in range(m, n):
        for old in {rng.choice(targets) for _ in range(m)}:
            attacks.append((new, old) if rng.random() < 0.5 else (old, new))
            targets += [new, old]
    return attacks


def timed(function, *args, **kwargs):
    started = time.perf_counter()
    value = function(*args, **kwargs)
    return value, time.perf_counter() - started


def bench_grounded(sizes) -> None:
    print("grounded (label propagation)")
    print(f"{'attacks':>10} {'arguments':>10} {'generate s':>11} {'grounded s':>11} "
          f"{'in':>8} {'out':>8} {'undec':>8}")
    for size in sizes:
        (n, attacks), made = timed(random_framework, size, seed=size)
        labels, took = timed(grounded, n, attacks)
        print(f"{size:>10} {n:>10} {made:>11.2f} {took:>11.2f} {labels.count('in'):>8} "
              f"{labels.count('out'):>8} {labels.count('undec'):>8}")


def bench_preferred(instances) -> None:
    print(f"\npreferred: time to first extension and to {CAP} (search timeout "
          f"{SEARCH_TIMEOUT:.0f} s)")
    print(f"{'instance':>22} {'args':>6} {'attacks':>8} {'undec(gr)':>9} {'engine':>7} "
          f"{'first s':>9} {'cap s':>9} {'found':>6} {'stopped':>15}")
    for name, n, attacks in instances:
        undecided = grounded(n, attacks).count("undec")
        for engine, enumerate_ in (("clingo", enumerate_clingo), ("python", enumerate_python)):
            capped, cap_s = timed(enumerate_, n, attacks, "preferred", max_extensions=CAP,
                                  timeout=SEARCH_TIMEOUT)
            shown_first = f"{capped.found_at[0]:.2f}" if capped.found_at else "-"
            print(f"{name:>22} {n:>6} {len(attacks):>8} {undecided:>9} {engine:>7} "
                  f"{shown_first:>9} {cap_s:>9.2f} {len(capped.labellings):>6} "
                  f"{capped.stopped or 'all found':>15}")


def bench_sample() -> None:
    amap = load(ROOT / "arguments" / "illinois-detainers.yaml")
    print(f"\nsample debate ({len(amap)} claims, {amap.graph.number_of_edges()} relations), "
          "ms per evaluation (default engine: auto)")
    runs = 20
    for semantics in SEMANTICS:
        _, took = timed(lambda chosen: [evaluate(amap, chosen) for _ in range(runs)], semantics)
        print(f"  {semantics:10} {1000 * took / runs:8.2f}")


def main() -> None:
    quick = "--quick" in sys.argv
    bench_grounded([10_000, 100_000] if quick else [10_000, 100_000, 1_000_000])
    sizes = [1000] if quick else [2000, 5000]
    instances = []
    for n in sizes:
        rng = random.Random(n)
        for degree in (2, 4):
            instances.append((f"erdos-renyi d={degree}", n, [
                (rng.randrange(n), rng.randrange(n)) for _ in range(degree * n)]))
        instances.append(("barabasi-albert m=3", n, barabasi_albert(n, 3, seed=n)))
        mutual = [(rng.randrange(n), rng.randrange(n)) for _ in range(2 * n)]
        instances.append(("erdos-renyi d=2 mutual", n, mutual + [(b, a) for a, b in mutual
                                                                 if rng.random() < 0.5]))
    bench_preferred(instances)
    bench_sample()


if __name__ == "__main__":
    main()
