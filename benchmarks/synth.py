"""Synthetic argument maps shaped like real policy debates, for benchmarks and scale tests.

One thesis; mostly tree-shaped pro/con nesting whose branching falls with depth (a thesis
draws many direct arguments, a deep objection few); claim texts of 60-200 characters; a
perspective per top-level line of argument (occasionally switching lower down); evidence
leaves citing sources; about 3 % cross-links between branches and a few undercuts.  The
same ``n`` and ``seed`` give the same map, byte for byte.

    python benchmarks/synth.py 10000 -o big.yaml
"""

from __future__ import annotations

import argparse
import random
import sys
from collections import deque
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from argmap.fileio import atomic_write  # noqa: E402
from argmap.formats import dumps  # noqa: E402
from argmap.model import ArgMap  # noqa: E402

PERSPECTIVES = {"safety": "Public safety", "trust": "Community trust",
                "legal": "Legal discretion", "cost": "Fiscal cost",
                "federal": "Federal relations", "rights": "Civil rights"}
WORDS = ("the policy county state officials residents detainers release transfer data "
         "court ruling evidence budget cost safety trust community report study federal "
         "local police cooperation crime rate victims families jail custody agency law "
         "request mandate discretion risk outcome program funding year survey witness "
         "records cases deportation enforcement reform oversight audit analysis").split()
CROSS_LINK_SHARE = 0.03
UNDERCUT_SHARE = 0.01


def _text(rng: random.Random) -> str:
    """A sentence of 60-200 characters from a small policy vocabulary."""
    length = rng.randint(60, 200)
    words: list[str] = []
    while sum(len(w) + 1 for w in words) < length:
        words.append(rng.choice(WORDS))
    sentence = " ".join(words)[:length].rstrip()
    return sentence[0].upper() + sentence[1:] + "."


def _branching(rng: random.Random, depth: int) -> int:
    """Arguments under one claim: many under the thesis, fewer further down (mean > 1,
    so the tree keeps growing until it has its ``n`` claims)."""
    if depth == 0:
        return rng.randint(8, 12)
    mean = max(3.0, 5.0 - 0.5 * depth)
    return max(0, round(rng.gauss(mean, 1.2)))


def synthetic_map(n: int, seed: int = 0) -> ArgMap:
    """A valid map of ``n`` claims (``n >= 1``), deterministic in ``n`` and ``seed``."""
    rng = random.Random(f"{n}:{seed}")
    undercuts = int((n - 1) * UNDERCUT_SHARE)
    amap = ArgMap(title=f"Synthetic debate with {n} claims (seed {seed})")
    amap.perspectives.update(PERSPECTIVES)
    n_sources = max(1, n // 25)
    for index in range(n_sources):
        amap.sources[f"s{index}"] = {"title": f"Report {index}: " + _text(rng)[:60]}
    thesis = _text(rng)
    amap.add_claim("c0", "The state should " + thesis[0].lower() + thesis[1:], kind="thesis")
    sides = {"c0": "pro"}
    depths = {"c0": 0}
    perspective_of: dict[str, str | None] = {"c0": None}
    tree_edges: list[tuple[str, str]] = []
    frontier: deque[str] = deque(["c0"])
    count = 1
    while count < n - undercuts:
        if not frontier:  # every branch ended: reopen the thesis for more top-level lines
            frontier.append("c0")
        parent = frontier.popleft()
        for _ in range(_branching(rng, depths[parent])):
            if count >= n - undercuts:
                break
            cid = f"c{count}"
            count += 1
            perspective = perspective_of[parent]
            if perspective is None or rng.random() < 0.08:
                perspective = rng.choice(sorted(PERSPECTIVES))
            relation = "support" if rng.random() < 0.62 else "rebut"
            sides[cid] = sides[parent] if relation == "support" else \
                ("con" if sides[parent] == "pro" else "pro")
            depths[cid] = depths[parent] + 1
            perspective_of[cid] = perspective
            leafish = depths[cid] >= 3 and rng.random() < 0.35
            sources = rng.sample(range(n_sources), k=min(n_sources, rng.randint(1, 2))) \
                if leafish else ()
            amap.add_claim(cid, _text(rng), kind="evidence" if leafish else "claim",
                           perspective=perspective, sources=[f"s{s}" for s in sources])
            amap.add_relation(cid, parent, relation)
            tree_edges.append((cid, parent))
            if not leafish:
                frontier.append(cid)
    _add_cross_links(amap, rng, sides, depths)
    _add_undercuts(amap, rng, tree_edges, undercuts)
    amap.derive_sides()
    return amap


def _add_cross_links(amap: ArgMap, rng: random.Random, sides: dict[str, str],
                     depths: dict[str, int]) -> None:
    """Claims that also argue about a claim in another branch; always from a later claim
    to an earlier one (so the map stays acyclic) and with the relation that agrees with
    both sides (so sides derive without conflict)."""
    ids = list(sides)
    for _ in range(int(len(ids) * CROSS_LINK_SHARE)):
        source, target = sorted(rng.sample(range(1, len(ids)), 2), reverse=True) \
            if len(ids) > 2 else (None, None)
        if source is None:
            return
        source, target = ids[source], ids[target]
        if amap.graph.has_edge(source, target) or depths[target] >= depths[source]:
            continue
        relation = "support" if sides[source] == sides[target] else "rebut"
        amap.add_relation(source, target, relation)


def _add_undercuts(amap: ArgMap, rng: random.Random, tree_edges, count: int) -> None:
    """``count`` claims that attack an inference rather than a claim: each undercuts the
    relation from a claim to its parent."""
    for index in range(count):
        source, target = rng.choice(tree_edges)
        cid = f"u{index}"
        amap.add_claim(cid, "This does not follow: " + _text(rng),
                       perspective=amap.claim(source).get("perspective"))
        amap.add_relation(cid, target, "undercut", undercuts=source)


def dense_framework(arguments: int, attacks: int, seed: int = 0) -> str:
    """An abstract framework (ICCMA ``.apx``) unlike any debate: ``attacks`` distinct
    attacks drawn uniformly between ``arguments`` arguments, none on itself; the kind of
    map whose every cross-link Graphviz ``dot`` must route."""
    rng = random.Random(seed)
    pairs: set[tuple[int, int]] = set()
    while len(pairs) < min(attacks, arguments * (arguments - 1)):
        a, b = rng.randrange(arguments), rng.randrange(arguments)
        if a != b:
            pairs.add((a, b))
    lines = [f"arg(a{i})." for i in range(arguments)]
    lines += [f"att(a{a},a{b})." for a, b in sorted(pairs)]
    return "\n".join(lines) + "\n"


CACHE = Path(__file__).resolve().parents[1] / ".cache" / "bench"


def map_file(n: int, to: str = "yaml", seed: int = 0) -> Path:
    """The synthetic map of ``n`` claims as a file, made once and kept in .cache/bench."""
    path = CACHE / f"synthetic-{n}-{seed}.{to}"
    if not path.exists():
        CACHE.mkdir(parents=True, exist_ok=True)
        atomic_write(path, dumps(synthetic_map(n, seed), to))
    return path


def measure_in_child(code: str, *args: str) -> dict:
    """Run ``code`` in a fresh interpreter (so peak memory is its own) and return the
    dict it prints as JSON on its last line, plus ``peak_mib``: the child's peak RSS."""
    import json
    import subprocess
    wrapper = (f"{code}\nimport json, resource\n"
               "result['peak_mib'] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024\n"
               "print(json.dumps(result))")
    done = subprocess.run([sys.executable, "-c", wrapper, *args], capture_output=True,
                          text=True, check=True)
    return json.loads(done.stdout.splitlines()[-1])


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("claims", type=int, help="number of claims")
    parser.add_argument("-o", "--output", required=True, help="output file (.yaml, ...)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--to", default="yaml", help="output format (default: yaml)")
    args = parser.parse_args(argv)
    atomic_write(args.output, dumps(synthetic_map(args.claims, args.seed), args.to))


if __name__ == "__main__":
    main()
